"""Several annotators: merging databases and agreement figures checked by hand."""

from __future__ import annotations

import dataclasses
import json

import pytest

from tui.model.agreement import cohen_kappa, exact_f1, link_agreement, overlap_f1, token_labels
from tui.store import Store

from ..helpers import CORPUS, run

TEXT = "Klein says 40 percent came."


def test_worked_example_by_hand():
    a = [(1, "attribution", 0, 10), (1, "claim", 11, 26)]  # "Klein says", "40 percent came"
    b = [(1, "attribution", 0, 5), (1, "claim", 11, 21)]  # "Klein", "40 percent"
    assert exact_f1(a, b) == 0.0
    # |A| = 25 characters, |B| = 15, shared 15: P = 0.6, R = 1.0, F1 = 0.75.
    assert overlap_f1(a, b) == pytest.approx(0.75)
    tags_a = token_labels(TEXT, [(l, s, e) for _, l, s, e in a])
    tags_b = token_labels(TEXT, [(l, s, e) for _, l, s, e in b])
    assert tags_a == ["attribution", "attribution", "claim", "claim", "claim", "O"]
    assert tags_b == ["attribution", "O", "claim", "claim", "O", "O"]
    # po = 4/6, pe = (2·1 + 3·2 + 1·3) / 36 = 11/36, kappa = (24/36 - 11/36) / (25/36) = 13/25.
    assert cohen_kappa(tags_a, tags_b) == pytest.approx(0.52)


def test_kappa_edge_cases_and_multi_label_tokens():
    assert cohen_kappa(["O", "O"], ["O", "O"]) == 1.0
    assert token_labels("a b", [("claim", 0, 3), ("attribution", 0, 1)]) == ["attribution+claim", "claim"]
    assert exact_f1([], []) == 1.0 and overlap_f1([], []) == 1.0


def test_link_agreement_matches_by_overlap_and_relation():
    s1, t1 = (1, "attribution", 0, 10), (1, "claim", 11, 26)
    s2, t2 = (1, "attribution", 0, 5), (1, "claim", 11, 21)
    assert link_agreement([(s1, t1, "attributes")], [(s2, t2, "attributes")]) == 1.0
    assert link_agreement([(s1, t1, "attributes")], [(s2, t2, "related")]) == 0.0
    assert link_agreement([(s1, t1, "attributes")], []) == 0.0


@pytest.fixture
def two_annotators(tmp_path):
    doc = tmp_path / "k.txt"
    doc.write_text(TEXT + "\n", "utf-8")
    paths = {}
    for name, spans in (("ann", [("attribution", "Klein says"), ("claim", "40 percent came")]),
                        ("bea", [("attribution", "Klein"), ("claim", "40 percent")])):
        db = tmp_path / f"{name}.db"
        run("import", doc, "--db", db)
        ids = [run("--annotator", name, "tag", "1", "-l", label, "--quote", quote, "--db", db).stdout.strip()
               for label, quote in spans]
        run("--annotator", name, "link", ids[0], ids[1], "-r", "attributes", "--db", db)
        paths[name] = db
    return paths


def test_merge_then_agreement_from_the_cli(two_annotators):
    ann, bea = two_annotators["ann"], two_annotators["bea"]
    first = run("merge", bea, "--db", ann).stdout
    assert "2 added" in first and "1 links added" in first and "0 documents added" in first
    assert "0 added, 0 updated, 2 unchanged" in run("merge", bea, "--db", ann).stdout
    result = json.loads(run("agreement", "--annotators", "ann", "bea", "--format", "json", "--db", ann).stdout)
    assert result["annotators"] == ["ann", "bea"]
    # alpha_u: L = 28 here (the stored text ends with a newline); the README works it for L = 27.
    assert result["overall"] == {"exact_f1": 0.0, "overlap_f1": 0.75, "kappa": 0.52, "alpha_u": 0.619,
                                 "a_count": 2, "b_count": 2}
    claim = result["labels"]["claim"]
    # Claim alone: shared 10 of 15 and 10 characters -> F1 0.8; tokens O,O,c,c,c,O vs O,O,c,c,O,O -> kappa 2/3.
    assert claim["overlap_f1"] == 0.8 and claim["kappa"] == pytest.approx(0.6667) and claim["alpha_u"] == 0.5863  # L = 28: the stored text ends with a newline
    assert result["links"] == {"agreement": 1.0, "a_count": 1, "b_count": 1}
    table = run("agreement", "--annotators", "ann", "bea", "--db", ann).stdout
    assert "overall" in table and "0.52" in table
    unknown = run("agreement", "--annotators", "ann", "zed", "--db", ann, ok=False)
    assert unknown.exit_code == 1 and "no annotations by 'zed'" in unknown.stderr


def test_merge_newer_wins_conflicts_reported_and_documents_added(tmp_path, corpus):
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    run("import", corpus, "--db", mine)
    run("import", corpus / "dw-brothers-in-arms-north-korea-reinforcements.txt", "--db", theirs)
    run("import-annotations", CORPUS / "annotations.example.jsonl", "--db", mine)
    store = Store.open(mine)
    klein = next(a for a in store.annotations(2) if a.exact == "Klein concluded")
    store.close()
    # Their database: the DW article only, one shared annotation edited later, one new.
    other = Store.open(theirs)
    other.restore_annotation(dataclasses.replace(klein, document_id=1))  # their id for the DW article
    other.set_note(klein.id, "their later note")
    other.create_annotation(1, other.text(1), 0, 8, "claim", "them")
    other.close()
    summary = run("merge", theirs, "--db", mine).stdout
    assert "1 added, 1 updated" in summary and "0 conflicts" in summary
    store = Store.open(mine)
    assert store.annotation(klein.id).note == "their later note"
    assert sum(a.annotator == "them" for a in store.annotations(2)) == 1
    store.close()
    new = tmp_path / "new.db"
    summary = run("merge", theirs, "--db", new).stdout
    assert "1 documents added" in summary
    assert Store.open(new).text(1) == (corpus / "dw-brothers-in-arms-north-korea-reinforcements.txt").read_text()


def test_merge_refuses_a_non_database(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("hello")
    result = run("merge", bad, "--db", tmp_path / "x.db", ok=False)
    assert result.exit_code == 1 and "not an SQLite database" in result.stderr
