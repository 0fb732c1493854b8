"""`diptych verify`: the counts it gives and each problem it reports, in its exact words.

Each test damages one thing behind the store's back (as another program, or a crash on
a file system that lies, could) and reads what ``verify`` says about it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tui.ingest.source import DocumentFile
from tui.store import Store

TEXT = "Klein notes that 40 percent came from North Korea. Officials said more."


def _doc(text: str, name: str = "a.txt") -> DocumentFile:
    return DocumentFile(Path("/docs") / name, text, hashlib.sha256(text.encode()).hexdigest(), "lf", "utf-8", name)


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "v.db")
    yield store
    store.close()


def _unchecked(store: Store, sql: str, params: tuple = ()) -> None:
    """Write what the store itself would refuse (foreign keys off, as another program might)."""
    store.conn.execute("PRAGMA foreign_keys = OFF")
    store.conn.execute(sql, params)
    store.conn.execute("PRAGMA foreign_keys = ON")


def test_a_sound_database_has_no_problems_and_every_count(store):
    old = store.add_document(_doc(TEXT)).document_id
    new = store.add_document(_doc(TEXT.replace("more", "much more"))).document_id  # a new version of a.txt
    claim = store.create_annotation(new, store.text(new), 0, 5, "claim", "t")  # at the very start
    end = len(TEXT) + 5
    said = store.create_annotation(new, store.text(new), end - 14, end, "attribution", "t")  # at the very end
    store.create_link(said.id, claim.id, "attributes", "t")
    gone = store.create_annotation(new, store.text(new), 6, 11, "claim", "t")
    store.delete_annotation(gone.id)
    store.conn.execute("UPDATE annotations SET status = 'orphaned', start = 0, \"end\" = 99 WHERE id = ?",
                       (claim.id,))  # an orphan's offsets are not checked
    report = store.verify()
    assert (old, new) == (1, 2)
    assert report == {
        "counts": {"documents": 2, "annotations": 2, "bad_spans": 0, "orphaned": 1, "links": 1, "dangling_links": 0,
                   "tombstones": 1, "buried_alive": 0},
        "problems": [],
        "integrity": True,
    }


def test_a_span_that_is_empty_outside_the_text_or_not_its_text_is_reported(store):
    document_id = store.add_document(_doc(TEXT)).document_id
    text = store.text(document_id)
    bad = {"empty": (3, 3, ""), "past the end": (len(text) - 2, len(text) + 1, text[-2:]),
           "before the start": (-1, 2, text[:2]), "other text": (0, 5, "Kline")}
    for number, (start, end, exact) in enumerate(bad.values()):
        _unchecked(store, 'INSERT INTO annotations (id, document_id, start, "end", label, exact)'
                          " VALUES (?, ?, ?, ?, 'claim', ?)", (f"a{number}", document_id, start, end, exact))
    report = store.verify()
    assert report["counts"]["bad_spans"] == len(bad)
    assert report["problems"] == [  # in text order
        "annotation a2: text[-1:2] is not its exact text",
        "annotation a3: text[0:5] is not its exact text",
        "annotation a0: text[3:3] is not its exact text",
        f"annotation a1: text[{len(text) - 2}:{len(text) + 1}] is not its exact text",
    ]


def test_bad_spans_are_all_counted_but_twenty_described(store):
    document_id = store.add_document(_doc(TEXT)).document_id
    for number in range(25):
        _unchecked(store, 'INSERT INTO annotations (id, document_id, start, "end", label, exact)'
                          " VALUES (?, ?, 0, 5, 'claim', 'wrong')", (f"b{number:02}", document_id))
    report = store.verify()
    assert report["counts"]["bad_spans"] == 25
    assert len(report["problems"]) == 20 and report["problems"][-1].startswith("annotation b19:")


def test_a_stored_length_that_differs_from_the_text_is_reported(store):
    document_id = store.add_document(_doc(TEXT)).document_id
    store.conn.execute("UPDATE documents SET length = 7 WHERE id = ?", (document_id,))
    assert store.verify()["problems"] == [f"document {document_id}: stored length 7 but text has {len(TEXT)}"]


@pytest.mark.parametrize("damage", [
    "UPDATE document_chunks SET text = 'x' || text",  # longer than its text
    "UPDATE document_chunks SET text = substr(text, 2)",  # shorter
    "UPDATE document_chunks SET start = 1",  # in the wrong place
    "DELETE FROM document_chunks",  # missing
])
def test_text_chunks_that_differ_from_the_text_are_reported(store, damage):
    document_id = store.add_document(_doc(TEXT)).document_id
    store.conn.execute(damage)
    assert store.verify()["problems"] == [
        f"document {document_id}: its text chunks (what the reader shows) differ from its text"]


def test_chunks_of_a_long_text_match_it(store):
    from tui.model.chunked import CHUNK_CHARS

    document_id = store.add_document(_doc("ab" * CHUNK_CHARS + "c")).document_id  # three chunks
    assert store.verify()["problems"] == []
    store.conn.execute("UPDATE document_chunks SET text = 'b' || substr(text, 2) WHERE number = 1")  # a -> b
    assert store.verify()["problems"] == [
        f"document {document_id}: its text chunks (what the reader shows) differ from its text"]


def test_links_with_a_missing_end_are_counted_either_end(store):
    document_id = store.add_document(_doc(TEXT)).document_id
    a = store.create_annotation(document_id, TEXT, 0, 5, "claim", "t")
    for link_id, source, target in [("l1", a.id, "gone"), ("l2", "gone", a.id), ("l3", "gone", "gone too")]:
        _unchecked(store, "INSERT INTO links (id, source_id, target_id, relation) VALUES (?, ?, ?, 'related')",
                   (link_id, source, target))
    report = store.verify()
    assert report["counts"]["links"] == 3 and report["counts"]["dangling_links"] == 3
    assert "3 links with a missing end" in report["problems"]


def test_missing_foreign_rows_are_named_five_at_most(store):
    for number in range(7):
        _unchecked(store, 'INSERT INTO annotations (id, document_id, start, "end", label, exact)'
                          " VALUES (?, 99, 0, 1, 'claim', 'x')", (f"f{number}",))
    foreign = [p for p in store.verify()["problems"] if p.startswith("foreign key:")]
    assert foreign == [f"foreign key: annotations row {rowid} points at a missing documents" for rowid in range(1, 6)]


def test_a_record_both_live_and_buried_is_reported_for_annotations_and_links(store):
    document_id = store.add_document(_doc(TEXT)).document_id
    a = store.create_annotation(document_id, TEXT, 0, 5, "claim", "t")
    b = store.create_annotation(document_id, TEXT, 0, 12, "attribution", "t")
    link = store.create_link(b.id, a.id, "attributes", "t")
    with store.transaction():
        store._bury("annotation", a, "2026-01-01T00:00:00.000Z", "x")
        store._bury("link", link, "2026-01-01T00:00:00.000Z", "x")
        store._bury("annotation", b.__class__(**{**b.__dict__, "id": "dead"}), "2026-01-01T00:00:00.000Z", "x")
    report = store.verify()
    assert report["counts"]["tombstones"] == 3 and report["counts"]["buried_alive"] == 2
    assert sorted(report["problems"]) == sorted([
        f"annotation {a.id} is both live and deleted (a tombstone)",
        f"link {link.id} is both live and deleted (a tombstone)",
    ])


def test_a_damaged_index_is_reported_as_an_integrity_problem(tmp_path):
    path = tmp_path / "i.db"
    store = Store.open(path)
    for number in range(8):
        store.add_document(_doc(f"{TEXT} {number}", f"{number}.txt"))
    # The index on documents(path) now claims to be on title: its entries no longer match the rows.
    store.conn.execute("PRAGMA writable_schema = ON")
    store.conn.execute("UPDATE sqlite_master SET sql = replace(sql, '(\"path\")', '(\"title\")')"
                       " WHERE name = 'idx_documents_path'")
    store.close()
    store = Store.open(path)
    try:
        report = store.verify()
        lines = [r[0] for r in store.conn.execute("PRAGMA integrity_check")]
        assert len(lines) > 5
        assert report["integrity"] is False
        assert report["problems"][:6] == [f"integrity: {line}" for line in lines[:5]] + report["problems"][5:6]
        assert not any(p.startswith("integrity:") for p in report["problems"][5:])
    finally:
        store.close()
