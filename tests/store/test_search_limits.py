"""Search's promises in detail: its limit (50 by default) across documents, its refusal of
an empty query, its rank, and search inside spans of a label (one document, the hit's
fields, the words matched case-insensitively and literally, whatever characters they hold)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tui.ingest.source import DocumentFile
from tui.model.search import Hit, snippet
from tui.store import Store, StoreError


def _add(store: Store, text: str, name: str) -> int:
    doc = DocumentFile(Path("/docs") / name, text, hashlib.sha256(text.encode()).hexdigest(), "lf", "utf-8", name)
    return store.add_document(doc).document_id


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "s.db")
    yield store
    store.close()


def test_an_empty_query_is_refused_in_words(store):
    for query in ("", "   ", "\n"):
        with pytest.raises(StoreError, match=r"^search for what\? \(give some words\)$"):
            store.search(query)


def test_at_most_fifty_hits_by_default(store):
    _add(store, "drone strike. " * 60, "a.txt")
    assert len(store.search("drone")) == 50
    assert len(store.search("drone", limit=60)) == 60


def test_the_limit_counts_hits_across_documents(store):
    first = _add(store, "drone drone drone drone drone and more drone drone", "a.txt")  # best: 7 hits
    second = _add(store, "a drone, and then a long text about other things entirely, and a drone again", "b.txt")
    assert [h.document_id for h in store.search("drone")] == [first] * 7 + [second] * 2  # bm25: more hits first
    assert [h.document_id for h in store.search("drone", limit=8)] == [first] * 7 + [second]
    assert [h.document_id for h in store.search("drone", limit=7)] == [first] * 7
    assert [h.document_id for h in store.search("drone", limit=3)] == [first] * 3


def test_hits_carry_their_documents_bm25_rank(store):
    _add(store, "the drone fell", "a.txt")
    (hit,) = store.search("drone")
    assert hit.rank < 0  # FTS5's bm25: more negative is better; 0.0 would mean "not ranked"


def test_a_search_that_sqlite_cannot_run_says_so_in_one_line(store):
    _add(store, "the drone fell", "a.txt")
    store.conn.execute("DROP TABLE document_fts")  # a damaged index
    with pytest.raises(StoreError, match=r"^cannot search for 'drone': no such table"):
        store.search("drone")


@pytest.fixture
def tagged(store):
    """Two documents with claims and an attribution, as ``(store, first, second)``."""
    text = ("Officials said Korean officials came. Korean troops arrived, 50%_sure of a\\b road. "
            "Zoë Klein said the ÉTAT pays.")
    first, second = _add(store, text, "a.txt"), _add(store, "Korean troops left. " + text, "b.txt")
    for document_id in (first, second):
        doc_text = store.text(document_id)
        for exact in ("Korean officials came", "Korean troops arrived", "50%_sure of a\\b road", "Zoë Klein",
                      "the ÉTAT pays"):
            start = doc_text.index(exact)
            store.create_annotation(document_id, doc_text, start, start + len(exact), "claim", "t")
        store.create_annotation(document_id, doc_text, 0, 14, "attribution", "t")  # "Officials said"
    return store, first, second


def test_a_hit_in_a_span_names_its_document_annotation_and_label(tagged):
    store, first, second = tagged
    hits = store.search("korean TROOPS", label="claim")
    text = store.text(first)
    start = text.index("Korean troops")
    (annotation,) = [a for a in store.annotations(first) if a.exact == "Korean troops arrived"]
    assert hits[0] == Hit(first, start, start + 13, snippet(text, start, start + 13), annotation.id, "claim")
    # The span that only starts with the first word is passed over, not the end of the search.
    assert [h.document_id for h in hits] == [first, second]


def test_a_span_search_can_keep_to_one_document(tagged):
    store, first, second = tagged
    assert [h.document_id for h in store.search("Korean troops", label="claim", document_id=second)] == [second]
    assert [h.document_id for h in store.search("Korean troops", label="claim", document_id=first)] == [first]


def test_a_span_search_stops_at_its_limit(tagged):
    store, first, _ = tagged
    assert len(store.search("Korean", label="claim")) == 4
    assert [h.document_id for h in store.search("Korean", label="claim", limit=1)] == [first]
    assert len(store.search("Korean", label="claim", limit=3)) == 3


@pytest.mark.parametrize("query", ["50%_sure", "a\\b road", "of a\\b"])
def test_like_wildcards_and_backslashes_in_the_words_are_taken_literally(tagged, query):
    store, first, second = tagged
    assert [h.document_id for h in store.search(query, label="claim")] == [first, second]


@pytest.mark.parametrize("query", ["Zoë", "ZOË", "zoë", "état", "ÉTAT pays"])
def test_words_with_accented_capitals_match_in_either_case_inside_spans(tagged, query):
    # As outside spans (FTS5's unicode61 folds case): SQLite's LIKE folds only ASCII.
    store, first, second = tagged
    assert sorted(h.document_id for h in store.search(query)) == [first, second]
    assert [h.document_id for h in store.search(query, label="claim")] == [first, second]


def test_a_span_search_needs_a_known_label(tagged):
    store, _, _ = tagged
    with pytest.raises(StoreError, match=r"unknown label 'opinion' \(labels: claim, attribution\)"):
        store.search("Korean", label="opinion")
