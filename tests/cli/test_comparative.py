"""Links, attributes, suggestions, pairing, the comparison report and the shipped example."""

from __future__ import annotations

import csv
import io
import json

from tui.cli import cli
from tui.model.pairing import candidates, word_diff
from tui.model.suggest import evaluate, suggest
from tui.store import Store

from ..helpers import CORPUS


def run(runner, *args, ok=True):
    result = runner.invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, (result.output, result.stderr)
    return result


def tag(runner, db, *args) -> str:
    return run(runner, "tag", *args, "--db", db).stdout.strip()


def test_link_and_unlink_from_the_cli(runner, db_path, corpus):
    run(runner, "import", corpus, "--db", db_path)
    claim = tag(runner, db_path, "2", "-l", "claim", "--quote", "This is 40 percent")
    cue = tag(runner, db_path, "2", "-l", "attribution", "--quote", "Klein notes", "--occurrence", "2")
    other = tag(runner, db_path, "1", "-l", "claim", "--quote", "nearly half")
    # Given claim first, the attribution is still stored as the source.
    link_id = run(runner, "link", claim, cue, "--relation", "attributes", "--db", db_path).stdout.strip()
    store = Store.open(db_path)
    assert store.link(link_id).source_id == cue
    store.close()
    refused = run(runner, "link", cue, other, "-r", "contradicts", "--db", db_path, ok=False)
    assert refused.exit_code == 1 and "contradicts links claim -> claim, not attribution -> claim" in refused.stderr
    again = run(runner, "link", cue, claim, "-r", "attributes", "--db", db_path, ok=False)
    assert "already linked" in again.stderr
    cross = run(runner, "link", claim, other, "-r", "contradicts", "--note", "40% vs half", "--db", db_path).stdout.strip()
    record = next(json.loads(l) for l in run(runner, "export", "--db", db_path).stdout.splitlines()
                  if json.loads(l)["id"] == other)
    assert record["links"][0]["id"] == cross and record["links"][0]["direction"] == "in"
    run(runner, "unlink", cross, "--db", db_path)
    assert "no link" in run(runner, "unlink", cross, "--db", db_path, ok=False).stderr


def test_deleting_an_annotation_deletes_its_links(runner, db_path, corpus):
    run(runner, "import", corpus, "--db", db_path)
    a = tag(runner, db_path, "2", "-l", "claim", "--quote", "This is 40 percent")
    b = tag(runner, db_path, "1", "-l", "claim", "--quote", "nearly half")
    run(runner, "link", a, b, "-r", "supports", "--db", db_path)
    store = Store.open(db_path)
    _annotation, links = store.delete_annotation(a)
    assert len(links) == 1 and store.conn.execute("SELECT count(*) FROM links").fetchone()[0] == 0
    store.close()


def test_attributes_from_the_cli_are_checked_and_exported(runner, db_path, corpus):
    run(runner, "import", corpus, "--db", db_path)
    tag(runner, db_path, "1", "-l", "claim", "--quote", "nearly half", "--attr", "claim_type=quantity",
        "--attr", "claim_type=event", "--attr", "checkworthiness=cfs")
    record = json.loads(run(runner, "export", "--db", db_path).stdout)
    assert record["attributes"] == {"claim_type": ["quantity", "event"], "checkworthiness": "cfs"}
    for attr, message in (("voice=direct", "for attribution annotations"), ("claim_type=opinion", "cannot be 'opinion'"),
                          ("colour=red", "unknown attribute"), ("nonsense", "KEY=VALUE")):
        bad = run(runner, "tag", "1", "-l", "claim", "--span", "0:6", "--attr", attr, "--db", db_path, ok=False)
        assert bad.exit_code != 0 and message in bad.stderr, bad.stderr
    csv_rows = list(csv.DictReader(io.StringIO(run(runner, "export", "--format", "csv", "--db", db_path).stdout)))
    assert json.loads(csv_rows[0]["attributes"])["checkworthiness"] == "cfs"


def test_evaluate_by_hand():
    gold = [("claim", 1, 0, 10), ("claim", 1, 20, 30), ("attribution", 1, 40, 45), ("claim", 2, 0, 10)]
    predicted = [("claim", 1, 0, 10), ("claim", 1, 22, 28), ("claim", 1, 50, 60), ("attribution", 2, 40, 45)]
    result = evaluate(gold, predicted)
    claim = result["claim"]
    # exact: 1 hit; P = 1/3, R = 1/3. overlap: 2 of 3 predictions touch gold, 2 of 3 gold touched.
    assert claim["exact"] == {"precision": 0.333, "recall": 0.333, "f1": 0.333}
    assert claim["overlap"] == {"precision": 0.667, "recall": 0.667, "f1": 0.667}
    # The attribution is in another document: no match at all.
    assert result["attribution"]["overlap"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert result["overall"]["exact"]["precision"] == 0.25


def test_suggestions_find_the_corpus_attributions_and_quotes():
    text = (CORPUS / "dw-brothers-in-arms-north-korea-reinforcements.txt").read_text("utf-8")
    found = {(s.label, text[s.start:s.end]) for s in suggest(text)}
    assert ("attribution", "Klein notes") in found
    assert ("attribution", "she adds") in found
    assert ("claim", "This is 40 percent of Russia’s ammunition stockpiles in this area. These stocks are "
                     "extremely important to Russia") in found
    assert not any(text_.endswith(("According to", "according to")) for _, text_ in found)
    rejected = {("attribution", s.start, s.end) for s in suggest(text) if text[s.start:s.end] == "she adds"}
    assert ("attribution", "she adds") not in {(s.label, text[s.start:s.end]) for s in suggest(text, rejected)}


def test_suggest_and_evaluate_commands_on_the_example(runner, example_db):
    rows = json.loads(run(runner, "suggest", "--document", "2", "--format", "json", "--db", example_db).stdout)
    assert rows and all(r["document"] == 2 for r in rows)
    scores = {r["label"]: r for r in json.loads(
        run(runner, "suggest", "--evaluate", "--format", "json", "--db", example_db).stdout)}
    assert scores["overall"]["gold"] == 96
    assert 0 < scores["overall"]["overlap_f1"] <= 1
    pairs = json.loads(run(runner, "suggest", "--pairs", "1", "2", "--format", "json", "--db", example_db).stdout)
    assert pairs[0]["score"] >= pairs[-1]["score"]


def test_pairing_candidates_and_word_diff():
    pool = [(0, 10, "Russia signed a deal with Iran", None), (20, 40, "North Korea supplied 40 percent of shells", "x")]
    best = candidates("nearly half of the shells came from North Korea", pool, limit=1)[0]
    assert best.annotation_id == "x"
    assert word_diff("nearly half of shells", "40 percent of shells") == [
        ("-", "nearly half"), ("+", "40 percent"), ("=", "of shells")]


def test_compare_reports_pairs_with_attributions_in_every_format(runner, example_db):
    data = json.loads(run(runner, "compare", "1", "2", "--format", "json", "--db", example_db).stdout)
    pairs = {(p["a"]["exact"][:25], p["relation"], p["b"]["exact"][:25]): p for p in data["pairs"]}
    forty = pairs[("By the second quarter of ", "supports", "This is 40 percent of Rus")]
    assert forty["b"]["attributions"] == ["Klein notes"]
    assert len(data["pairs"]) == 9
    assert any(c["attributions"] == ["the chairman stated"] for c in data["only_a"])
    markdown = run(runner, "compare", "1", "2", "--format", "markdown", "--db", example_db).stdout
    assert markdown.startswith("# Comparison: ") and "| supports |" in markdown and "## Only in Brothers" in markdown
    rows = list(csv.DictReader(io.StringIO(run(runner, "compare", "1", "2", "--format", "csv", "--db", example_db).stdout)))
    assert {r["kind"] for r in rows} == {"pair", "only_a", "only_b"}
    table = run(runner, "compare", "1", "2", "--format", "table", "--db", example_db).stdout
    assert "Linked claims" in table and "Klein notes" in table


def test_import_annotations_is_idempotent_and_round_trips(runner, example_db, tmp_path, corpus):
    first = run(runner, "export", "--db", example_db).stdout
    again = run(runner, "import-annotations", CORPUS / "annotations.example.jsonl", "--db", example_db)
    assert "0 added, 0 updated, 96 unchanged" in again.stdout
    assert run(runner, "export", "--db", example_db).stdout == first
    fresh = tmp_path / "fresh.db"
    run(runner, "import", corpus, "--db", fresh)
    exported = tmp_path / "all.jsonl"
    exported.write_text(first, "utf-8")
    run(runner, "import-annotations", exported, "--db", fresh)
    assert run(runner, "export", "--db", fresh).stdout == first


def test_import_reanchors_moved_spans_and_refuses_lost_ones(runner, db_path, corpus, tmp_path):
    run(runner, "import", corpus, "--db", db_path)
    text = (corpus / "dw-brothers-in-arms-north-korea-reinforcements.txt").read_text("utf-8")
    sha = Store.open(db_path).documents()[1].sha256
    start = text.index("Klein concluded")
    records = [
        {"id": "moved", "document": {"sha256": sha}, "label": "attribution", "start": start + 5, "end": start + 20,
         "exact": "Klein concluded", "prefix": "", "suffix": " in an interview"},
        {"id": "lost", "document": {"sha256": sha}, "label": "claim", "start": 0, "end": 5, "exact": "not in the text"},
        {"id": "nodoc", "document": {"sha256": "0" * 64, "path": "elsewhere.txt"}, "label": "claim", "start": 0,
         "end": 3, "exact": "abc"},
    ]
    file = tmp_path / "in.jsonl"
    file.write_text("\n".join(json.dumps(r) for r in records), "utf-8")
    result = run(runner, "import-annotations", file, "--db", db_path, ok=False)
    assert result.exit_code == 1
    assert "1 added" in result.stdout and "1 re-anchored" in result.stdout and "2 refused" in result.stdout
    assert "lost: its text is not in the document" in result.stderr
    assert (f"nodoc: no document in the database has sha256 {'0' * 64} or path elsewhere.txt;"
            " import the document first") in result.stderr
    (record,) = [json.loads(l) for l in run(runner, "export", "--db", db_path).stdout.splitlines()]
    assert (record["start"], record["exact"]) == (start, "Klein concluded")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json", "utf-8")
    assert "line 1: not JSON" in run(runner, "import-annotations", bad, "--db", db_path, ok=False).stderr


def test_suggest_evaluate_scores_a_gold_file_matched_by_document(runner, tmp_path):
    from ..helpers import ROOT

    db = tmp_path / "h.db"
    run(runner, "import", ROOT / "evaluation" / "heldout", "--db", db)
    out = run(runner, "suggest", "--evaluate", "--gold", ROOT / "evaluation" / "heldout" / "gold.jsonl",
              "--format", "json", "--db", db).stdout
    rows = {row["label"]: row for row in json.loads(out)}
    assert rows["attribution"]["gold"] == 41 and rows["claim"]["gold"] == 41
    assert rows["attribution"]["overlap_f1"] >= 0.85 and rows["claim"]["exact_f1"] >= 0.5
    empty = tmp_path / "e.db"
    run(runner, "import", ROOT / "corpus", "--db", empty)
    missing = run(runner, "suggest", "--evaluate", "--gold", ROOT / "evaluation" / "heldout" / "gold.jsonl",
                  "--db", empty, ok=False)
    assert missing.exit_code == 1 and "is not in the database (import it first)" in missing.stderr
