"""The story of the corpus: gathered from a store, rendered for a terminal, Markdown and JSON."""

from __future__ import annotations

import importlib.util
import itertools
import json

import pytest

from tui.model.story import ABSENT, CARRIES, CONTRADICTS, SUPPORTS
from tui.report.story import render_sources, render_story
from tui.services.story import published, sources, story
from tui.store import Store

from ..helpers import CORPUS, ROOT


def _example_data():
    spec = importlib.util.spec_from_file_location("build_example", ROOT / "scripts" / "build_example.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXAMPLE = _example_data()


@pytest.fixture
def annotated(store):
    records = [json.loads(line) for line in (CORPUS / "annotations.example.jsonl").read_text("utf-8").splitlines()]
    report = store.import_records(records, "tester")
    assert not report.refused
    return store


def claim_id(store, key: str) -> str:
    """The id of an example annotation, by its key in scripts/build_example.py."""
    document, label, quote, occurrence, _ = EXAMPLE.SPANS[key]
    matches = [a for a in store.annotations(document) if a.label == label and a.exact == quote]
    text = store.text(document)
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return next(a.id for a in matches if a.start == start)


def cluster_of(made, annotation_id: str):
    return next(c for c in made.clusters if any(claim.id == annotation_id for claim in c.claims))


def test_the_json_has_the_shape_the_issue_asks_for(annotated):
    data = story(annotated).as_json()
    assert set(data) == {"documents", "clusters", "only", "sources"}
    assert [set(d) for d in data["documents"]] == [{"id", "title", "source", "published"}] * 3
    assert [d["source"] for d in data["documents"]] == ["", "DW (Deutsche Welle)", "Meridian Wire"]
    for cluster in data["clusters"]:
        assert {"claims", "figures", "figures_differ"} <= set(cluster)
        for claim in cluster["claims"]:
            assert {"id", "document", "exact", "attributions"} <= set(claim)
    assert [o["document"] for o in data["only"]] == [1, 2, 3]
    assert {"speaker", "speaker_type", "documents", "attributions", "claims"} <= set(data["sources"][0])
    json.dumps(data)  # no infinities, no sets


def test_the_corpus_story(annotated):
    made = story(annotated)
    half = claim_id(annotated, "a_nearly_half")
    cluster = cluster_of(made, half)
    # Nearly half (doc 1) supports the 40 percent of doc 2; doc 3's "about a third" contradicts it.
    assert cluster.cell(1)[0] == SUPPORTS and cluster.cell(2)[0] == CARRIES and cluster.cell(3)[0] == CONTRADICTS
    assert cluster.figures_differ
    readings = {(d.a[1].text, d.b[1].text) for d in cluster.differences}
    assert ("nearly half", "40 percent") in readings and ("nearly half", "about a third") in readings
    # The attribution and its speaker come with each claim.
    forty = next(c for c in cluster.claims if c.id == claim_id(annotated, "b_forty"))
    assert [(a.exact, a.speaker.name) for a in forty.attributions] == [("Klein notes", "Margarete Klein")]
    # The shells: 5.8 million vs more than 6 million; the treaty: June 2024 in both, no difference.
    assert cluster_of(made, claim_id(annotated, "b_shells")).figures_differ
    treaty = cluster_of(made, claim_id(annotated, "b_agreement"))
    assert not treaty.figures_differ and treaty.cell(1)[0] == ABSENT
    # North Korea's denial contradicts the 25,000 workers.
    workers = cluster_of(made, claim_id(annotated, "a_workers"))
    assert [(c.document, c.stance) for c in workers.claims] == [(1, CARRIES), (3, CONTRADICTS)]
    # `related` does not join: the stockpiles explanation stays doc 3's own, pointing at the 40 percent.
    stockpiles = claim_id(annotated, "c_stockpiles")
    own = next(c for c in made.only[3] if c.id == stockpiles)
    assert own.related == (claim_id(annotated, "b_forty"),)
    # Every claim is in exactly one place (a cluster or its document's own list).
    placed = [c.id for cl in made.clusters for c in cl.claims] + [c.id for cs in made.only.values() for c in cs]
    claims = [a.id for d in (1, 2, 3) for a in annotated.annotations(d) if a.label == "claim"]
    assert sorted(placed) == sorted(claims)


def test_every_corpus_speaker_is_inferred_as_we_read_it(annotated):
    for doc in annotated.documents():  # forget the example's confirmed speakers: infer them all again
        for a in annotated.annotations(doc.id):
            if a.label == "attribution":
                annotated.set_attributes(a.id, {k: v for k, v in a.attribute_values.items()
                                                if not k.startswith("speaker")})
    made = story(annotated)
    inferred = {a.id: a.speaker for cl in made.clusters for c in cl.claims for a in c.attributions}
    inferred.update({a.id: a.speaker for cs in made.only.values() for c in cs for a in c.attributions})
    wrong = []
    for key, (name, kind) in EXAMPLE.SPEAKERS.items():
        found = inferred[claim_id(annotated, key)]
        if (found.name, found.speaker_type) != (name, kind):
            wrong.append((key, found.name, found.speaker_type, name, kind))
        assert found.inferred
    assert wrong == []


def test_sources_count_attributions_and_the_claims_they_back(annotated):
    _documents, rows = sources(annotated)
    by_name = {row.speaker: row for row in rows}
    klein = by_name["Margarete Klein"]
    assert klein.attributions == {2: 9} and len(klein.claims[2]) == 9 and klein.speaker_type == "expert"
    berger = by_name["Hanna Berger"]
    assert berger.attributions == {3: 4} and len(berger.claims[3]) == 5  # "Berger added" backs two claims
    assert by_name["Volodymyr Zelensky"].attributions == {2: 2, 3: 2}
    assert by_name["Kim Jong Un"].attributions == {1: 1, 3: 1}
    assert by_name["KCNA"].speaker_type == "state media"
    assert rows[0].speaker == "Margarete Klein"  # the most quoted first


def test_a_story_of_some_documents_still_joins_through_the_others(annotated):
    made = story(annotated, [3, 1])
    assert [d.id for d in made.documents] == [3, 1]
    # Doc 1's Kursk claim and doc 3's troops are both same_as doc 2's 11,000: still one claim.
    kursk = cluster_of(made, claim_id(annotated, "a_kursk_support"))
    assert {c.id for c in kursk.claims} == {claim_id(annotated, "a_kursk_support"), claim_id(annotated, "c_troops")}
    # Doc 2's shells are not in this story, so doc 3's shells are its own.
    assert claim_id(annotated, "c_shells") in {c.id for c in made.only[3]}
    # Clusters follow the order given: document 3 first.
    assert made.clusters[0].claims[0].document == 3


def test_renderings_fit_and_stay_literal(annotated, tmp_path):
    made = story(annotated)
    table = render_story(made, "table", width=120)
    assert all(len(line) <= 120 for line in table.splitlines())
    assert "Margarete Klein" in table and "≠" in table
    markdown = render_story(made, "markdown")
    assert "| # | 1. Kim Jong Un Pledges" in markdown and "## Figures that differ" in markdown
    assert "nearly half (≈50%, doc 1) vs 40 percent (40%, doc 2)" in markdown
    data = json.loads(render_story(made, "json"))
    assert len(data["clusters"]) == len(made.clusters)
    assert "Hanna Berger" in render_sources(made.documents, made.sources, "table")
    assert json.loads(render_sources(made.documents, made.sources, "json"))["types"][0]["document"] == 1


def test_hostile_text_is_shown_literally(tmp_path):
    from tui.services.importing import import_ids

    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "a.txt").write_text("Title | one\n\x1b[31mRed | claim\u2028here\x1b[0m [bold]x[/bold] <b>*y*</b>, Klein said.\n")
    (folder / "b.txt").write_text("Other\nRed claim here too.\n")
    db = Store.open(tmp_path / "h.db")
    a, b = import_ids(db, [folder])
    text_a, text_b = db.text(a), db.text(b)
    start = text_a.index("\x1b[31m")
    end = text_a.index("</b>") + 4
    claim_a = db.create_annotation(a, text_a, start, end, "claim", "t")
    cue = text_a.index("Klein said")
    said = db.create_annotation(a, text_a, cue, cue + 10, "attribution", "t")
    db.create_link(said.id, claim_a.id, "attributes", "t")
    claim_b = db.create_annotation(b, text_b, text_b.index("Red"), len(text_b) - 1, "claim", "t")
    db.create_link(claim_a.id, claim_b.id, "same_as", "t")
    made = story(db)
    for fmt in ("table", "markdown", "json"):
        out = render_story(made, fmt)
        assert "\x1b" not in out and "\u2028" not in out, fmt
    markdown = render_story(made, "markdown")
    assert "Red \\| claim" in markdown and "\\[bold\\]x\\[/bold\\]" in markdown
    assert "&lt;b&gt;\\*y\\*&lt;/b&gt;" in markdown and "<b>" not in markdown
    assert "␛[31m" in render_story(made, "table")
    assert json.loads(render_story(made, "json"))["clusters"][0]["claims"][0]["exact"] == text_a[start:end]
    db.close()


def test_many_documents_make_a_compact_matrix(tmp_path):
    from tui.services.importing import import_ids

    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(8):
        text = f"Outlet {n} reports\nNorth Korea sent {n + 10},000 troops, officials said.\n"
        (folder / f"d{n}.txt").write_text(text)
    db = Store.open(tmp_path / "m.db")
    ids = import_ids(db, [folder])
    claims = []
    for document in ids:
        text = db.text(document)
        start = text.index("North")
        claims.append(db.create_annotation(document, text, start, text.index(", officials"), "claim", "t"))
    for a, b in itertools.pairwise(claims):
        db.create_link(a.id, b.id, "same_as", "t")
    made = story(db)
    assert len(made.clusters) == 1 and made.clusters[0].figures_differ
    table = render_story(made, "table", width=120)
    assert all(len(line) <= 120 for line in table.splitlines())
    assert "● " in table and "Documents" in table  # marks in the matrix, titles in a legend
    db.close()


def test_published_comes_from_metadata_when_the_store_has_it():
    class Doc:
        id = 7

    class WithMetadata:
        def document_metadata(self, document_id):
            return {"published": "2025-09-05"} if document_id == 7 else {}

    assert published(WithMetadata(), Doc()) == "2025-09-05"
    assert published(object(), Doc()) == ""
