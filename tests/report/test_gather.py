"""Gathering a report's data from a store, and the matrix, sources and figures built from links."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import CORPUS
from tests.report.pages import annotation
from tui.services.report import (
    ABSENT,
    CARRIES,
    CONTRADICTS,
    SUPPORTS,
    ReportLink,
    figure_rows,
    gather,
    matrix_rows,
    source_rows,
)


def _with_example(store) -> list[int]:
    records = [json.loads(line) for line in (CORPUS / "annotations.example.jsonl").read_text("utf-8").splitlines()]
    store.import_records(records, "tester")
    return [d.id for d in store.documents()][:2]  # the two articles of the first comparison


def test_gather_reads_documents_annotations_links_and_labels(store):
    ids = _with_example(store)
    data = gather(store, ids)
    assert [d.id for d in data.documents] == ids
    assert data.documents[1].source == "DW (Deutsche Welle)"
    assert data.documents[0].text == store.text(ids[0])
    assert len(data.annotations) == 64
    for a in data.annotations:
        assert data.documents[ids.index(a.document_id)].text[a.start:a.end] == a.exact
    assert all(isinstance(a.attributes, dict) for a in data.annotations)
    inside = [link for link in data.links if link.source_id not in data.outside and link.target_id not in data.outside]
    assert len(inside) == 36  # 27 attributions + 9 pairs across the articles, each once
    assert {end.document_id for end in data.outside.values()} == {3}  # the third article, not in this report
    assert [label.name for label in data.labels] == ["claim", "attribution"]
    assert {t["name"] for t in data.attribute_types} >= {"claim_type", "checkworthiness", "voice"}


def test_gather_one_document_keeps_links_that_leave_it(store):
    ids = _with_example(store)
    data = gather(store, [ids[0]])
    assert {a.document_id for a in data.annotations} == {ids[0]}
    assert data.outside and {end.document_id for end in data.outside.values()} == {ids[1], 3}
    assert all(row.documents == 1 for row in data.matrix)


def test_the_corpus_matrix_sources_and_figures(store):
    ids = _with_example(store)
    data = gather(store, ids)
    shared = [row for row in data.matrix if row.documents == 2]
    assert len(shared) == 4  # pledge, Kursk troops, "nearly half", artillery + exports -> missiles
    by_text = {row.cells[0].claims[0].exact[:25]: row for row in shared}
    half = by_text["By the second quarter of "]
    # The story's rule: "nearly half" points a supports at DW's 40 percent claims, which carry it.
    assert half.cells[0].state == SUPPORTS and half.cells[1].state == CARRIES
    assert {c.exact[:20] for c in half.cells[1].claims} == {"Russian artillery: 4", "This is 40 percent o"}
    forty = next(c for c in half.cells[1].claims if c.exact.startswith("This is 40"))
    assert forty.attributions == ("Klein notes",)
    pledge = by_text["Kim Jong Un pledged that "]
    assert [c.state for c in pledge.cells] == [CARRIES, CARRIES]
    # Two claims of A support the same claim of B: one cluster, both in A's cell.
    missiles = next(row for row in shared if len(row.cells[0].claims) == 2)
    assert missiles.cells[1].claims[0].exact.startswith("North Korea also supplies")
    # "related" joins nothing: the praise claims stay rows of their own.
    praise = [row for row in data.matrix if row.cells[0].claims and "heroically" in row.cells[0].claims[0].exact]
    assert len(praise) == 1 and praise[0].documents == 1
    assert sum(len(c.claims) for row in data.matrix for c in row.cells) == 38
    # The example's attributions carry speakers: Klein's nine wordings are one source.
    klein = next(row for row in data.sources if row.name == "Margarete Klein")
    assert klein.attributions == (0, 9) and klein.claims == (0, 9) and klein.by_speaker
    assert {"says Margarete Klein", "Klein notes"} <= set(klein.wordings)
    assert [f.figures for f in data.figures if f.key == half.key] == [(("nearly half",), ("40 percent",))]


def _claims(*specs):
    """(id, document) pairs -> claims over a shared dummy text."""
    text = "x" * 100
    return [annotation(id, doc, i, i + 1, text) for i, (id, doc) in enumerate(specs)]


def test_matrix_chain_of_supports_and_a_contradiction():
    claims = _claims(("a", 1), ("b", 2), ("c", 3), ("x", 3), ("lone", 2), ("r", 3))
    links = [ReportLink("1", "supports", "b", "a", ""), ReportLink("2", "supports", "c", "b", ""),
             ReportLink("3", "contradicts", "x", "a", ""), ReportLink("4", "related", "lone", "r", "")]
    rows = matrix_rows([1, 2, 3], claims, links)
    first = rows[0]
    assert first.key == "a"
    # b is the target of c's supports, so it carries too; c only points a supports: it supports.
    assert [c.state for c in first.cells] == [CARRIES, CARRIES, SUPPORTS]
    # The contradicting claim is in the same document as a supporter: the stronger state shows
    # and both claims are listed.
    assert [c.id for c in first.cells[2].claims] == ["c", "x"]
    # x is shown in a's row; it gets no row of its own.
    assert [row.key for row in rows[1:]] == ["lone", "r"]


def test_matrix_two_clusters_that_contradict_each_other_keep_both_rows():
    claims = _claims(("a", 1), ("b", 2), ("x", 1), ("y", 2))
    links = [ReportLink("1", "same_as", "a", "b", ""), ReportLink("2", "same_as", "x", "y", ""),
             ReportLink("3", "contradicts", "y", "a", "")]
    rows = matrix_rows([1, 2], claims, links)
    assert [row.key for row in rows] == ["a", "x"]
    assert [c.state for c in rows[0].cells] == [CARRIES, CARRIES]
    assert [c.id for c in rows[0].cells[1].claims] == ["b", "y"]
    assert [c.id for c in rows[1].cells[0].claims] == ["x"]  # a is its own row's; x's row lists its own


def test_matrix_contradiction_alone_in_its_document():
    claims = _claims(("a", 1), ("b", 2), ("x", 3))
    links = [ReportLink("1", "same_as", "a", "b", ""), ReportLink("2", "contradicts", "x", "b", "")]
    rows = matrix_rows([1, 2, 3], claims, links)
    assert [c.state for c in rows[0].cells] == [CARRIES, CARRIES, CONTRADICTS]
    assert rows[0].documents == 3


def test_matrix_ignores_claims_of_other_documents_and_attributions():
    text = "x" * 10
    items = [annotation("a", 1, 0, 1, text), annotation("b", 9, 0, 1, text), annotation("s", 1, 2, 3, text, "attribution")]
    links = [ReportLink("1", "same_as", "a", "b", ""), ReportLink("2", "attributes", "s", "a", "")]
    rows = matrix_rows([1], items, links)
    assert len(rows) == 1 and rows[0].cells[0].claims[0].attributions == ("x",)


def test_sources_prefer_the_speaker_attribute():
    text = "Klein notes. she adds. KLEIN  NOTES."
    items = [annotation("s1", 1, 0, 11, text, "attribution", attributes={"speaker": "Margarete Klein"}),
             annotation("s2", 1, 13, 21, text, "attribution", attributes={"speaker": "Margarete Klein"}),
             annotation("s3", 2, 23, 35, text, "attribution"), annotation("c", 2, 0, 3, text)]
    rows = source_rows([1, 2], items, [ReportLink("1", "attributes", "s3", "c", "")])
    assert [(r.name, r.by_speaker, r.attributions, r.claims) for r in rows] == [
        ("Margarete Klein", True, (2, 0), (0, 0)), ("KLEIN NOTES", False, (0, 1), (0, 1))]
    assert rows[0].wordings == ("Klein notes", "she adds")


def test_figures_only_when_written_differently():
    text = "40 percent came. 40 percent came. nearly half came."
    claims = [annotation("a", 1, 0, 15, text), annotation("b", 2, 17, 32, text), annotation("c", 3, 34, 50, text)]
    same = matrix_rows([1, 2], claims[:2], [ReportLink("1", "same_as", "a", "b", "")])
    assert figure_rows(same) == []
    differ = matrix_rows([1, 3], [claims[0], claims[2]], [ReportLink("1", "same_as", "a", "c", "")])
    assert [row.figures for row in figure_rows(differ)] == [(("40 percent",), ("nearly half",))]


def test_write_report_writes_the_page_atomically(store, tmp_path):
    from tui.report.html import write_report

    ids = _with_example(store)
    out = tmp_path / "story.html"
    summary = write_report(store, ids, str(out), generated="2026-11-23")
    assert summary == f"report of 2 documents, 64 annotations written to {out}"
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "made 2026-11-23" in page
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".diptych-")]  # no temporary file left


@settings(max_examples=200, deadline=None)
@given(docs=st.lists(st.integers(1, 3), min_size=1, max_size=12),
       links=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11),
                                st.sampled_from(["same_as", "supports", "contradicts", "related"])), max_size=15))
def test_matrix_shows_every_claim_once_as_a_member(docs, links):
    claims = _claims(*[(f"c{i}", doc) for i, doc in enumerate(docs)])
    report_links = [ReportLink(str(n), relation, f"c{a % len(docs)}", f"c{b % len(docs)}", "")
                    for n, (a, b, relation) in enumerate(links)]
    rows = matrix_rows([1, 2, 3], claims, report_links)
    shown_anywhere = set()
    together = []
    for row in rows:
        assert len(row.cells) == 3
        for column, cell in enumerate(row.cells):
            assert (cell.state == ABSENT) == (not cell.claims)
            for claim in cell.claims:
                assert claims[int(claim.id[1:])].document_id == column + 1
                shown_anywhere.add(claim.id)
        together.append({claim.id for cell in row.cells for claim in cell.claims})
    assert shown_anywhere == {c.id for c in claims}
    assert len({row.key for row in rows}) == len(rows)
    # Claims joined by same_as, supports or contradicts share a row.
    for link in report_links:
        if link.relation != "related" and link.source_id != link.target_id:
            assert any({link.source_id, link.target_id} <= ids for ids in together), link
