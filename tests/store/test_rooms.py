"""The store's rooms tested directly (not only through the CLI): documents, merge, verify, import, opening."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from dataclasses import replace

import pytest

from tui.ingest import read_document
from tui.model.entities import Link
from tui.store import APPLICATION_ID, SCHEMA_VERSION, Store, StoreError


def test_pragmas_in_force_on_every_connection(store, db_path):
    for conn in (store, Store.open(db_path)):
        assert conn.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000
        assert conn.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_writer_takes_its_lock_at_begin_so_a_second_writer_waits(db_path, store):
    """With a deferred BEGIN the second writer would fail with 'database is locked' mid-transaction."""
    events: list[str] = []

    def second() -> None:
        other = Store.open(db_path)  # a connection belongs to its thread
        with other.transaction():
            events.append("second in")
            other.conn.execute("UPDATE labels SET description = 'b' WHERE name = 'claim'")
        events.append("second committed")
        other.close()

    with store.transaction():
        # The lock must be held from BEGIN: a reader-only first step, then a write later.
        store.conn.execute("SELECT count(*) FROM annotations").fetchone()
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)
        assert events == []  # the second writer is waiting at its BEGIN
        store.conn.execute("UPDATE labels SET description = 'a' WHERE name = 'claim'")
    thread.join(5)
    assert events == ["second in", "second committed"]
    assert store.labels()[0].description == "b"  # the second writer ran after the first, not instead of it


def test_find_document_by_id_path_name_and_hash_prefix(store, corpus):
    doc = store.documents()[1]
    assert store.find_document(str(doc.id)) == doc
    assert store.find_document(doc.path) == doc
    assert store.find_document(doc.path.rsplit("/", 1)[1]) == doc
    assert store.find_document(doc.sha256[:8]) == doc
    with pytest.raises(StoreError, match="no document 'nothing.txt'"):
        store.find_document("nothing.txt")


def test_a_changed_file_returns_its_reanchoring_and_the_old_hash_still_finds_the_old_version(store, corpus):
    doc = store.documents()[0]
    text = store.text(doc.id)
    start = text.index("Kim")
    kept = store.create_annotation(doc.id, text, start, start + 3, "claim", "t")
    path = corpus / doc.path.rsplit("/", 1)[1]
    path.write_text("A new first line.\n" + path.read_text("utf-8"), "utf-8")
    added = store.add_document(read_document(path))
    assert (added.status, added.reanchored) == ("changed", {"kept": 0, "moved": 1, "orphaned": 0})
    assert store.annotation(kept.id).document_id == added.document_id
    assert store.match_document(sha256=doc.sha256).id == doc.id  # the superseded version
    assert store.match_document(path=doc.path).id == added.document_id


def test_reattach_and_orphans(store):
    text = store.text(1)
    a = store.create_annotation(1, text, 0, 5, "claim", "t")
    store.conn.execute("UPDATE annotations SET status = 'orphaned' WHERE id = ?", (a.id,))
    assert [o.id for o in store.orphans()] == [a.id]
    store.reattach(a.id, 1, 10, 20)
    assert store.orphans() == [] and store.annotation(a.id).exact == text[10:20]
    with pytest.raises(StoreError, match="outside the text"):
        store.reattach(a.id, 1, 5, len(text) + 1)


def test_verify_finds_a_span_that_no_longer_matches_its_text(store):
    a = store.create_annotation(1, store.text(1), 0, 5, "claim", "t")
    assert store.verify()["problems"] == []
    store.conn.execute("UPDATE annotations SET exact = 'wrong' WHERE id = ?", (a.id,))
    result = store.verify()
    assert result["counts"]["bad_spans"] == 1 and f"annotation {a.id}" in result["problems"][0]


def test_import_records_finds_the_document_by_path_when_the_hash_is_unknown(store):
    doc = store.documents()[0]
    text = store.text(doc.id)
    record = {"id": "r1", "document": {"sha256": "f" * 64, "path": doc.path}, "label": "claim",
              "start": 0, "end": 5, "exact": text[:5]}
    report = store.import_records([record], "t")
    assert report.added == 1 and store.annotation("r1").document_id == doc.id
    by_name = {**record, "id": "r2", "document": {"path": "/elsewhere/" + doc.path.rsplit("/", 1)[1]}}
    assert store.import_records([by_name], "t").added == 1


# Merge: each side of the rule ------------------------------------------------------------------
@pytest.fixture
def two(tmp_path, corpus):
    from tui.services.importing import import_ids

    stores = []
    for name in ("ours", "theirs"):
        s = Store.open(tmp_path / f"{name}.db")
        import_ids(s, [corpus])
        stores.append(s)
    yield stores
    for s in stores:
        s.close()


def _same_annotation_in_both(ours, theirs):
    a = ours.create_annotation(1, ours.text(1), 0, 5, "claim", "t", note="base")
    theirs.restore_annotation(a)
    return a


@pytest.mark.parametrize("ours_time, theirs_time, ours_note, theirs_note, expected_note, counted, conflicts", [
    ("2026-01-02T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "ours", "theirs", "ours", "unchanged", 0),
    ("2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", "ours", "theirs", "theirs", "updated", 0),
    # A tie: the greater content wins on both sides, whichever merges first, and it is a conflict.
    ("2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "ours", "theirs", "theirs", "updated", 1),
    ("2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "zeta", "alpha", "zeta", "unchanged", 1),
])
def test_merge_keeps_the_newer_version_and_breaks_a_tie_the_same_way_on_both_sides(
        two, ours_time, theirs_time, ours_note, theirs_note, expected_note, counted, conflicts):
    ours, theirs = two
    a = _same_annotation_in_both(ours, theirs)
    for store, note, when in ((ours, ours_note, ours_time), (theirs, theirs_note, theirs_time)):
        store.restore_note(a.id, note, when)
    summary = ours.merge_from(theirs)
    assert ours.annotation(a.id).note == expected_note
    assert summary[counted] == 1 and summary["conflicts"] == conflicts
    assert sum(summary[k] for k in ("added", "updated", "unchanged", "deleted")) == 1
    theirs.merge_from(ours)
    assert theirs.annotation(a.id) == ours.annotation(a.id)
    again = ours.merge_from(theirs)
    assert (again["unchanged"], again["updated"], again["conflicts"]) == (1, 0, 0)


def test_merge_applies_newer_link_edits_and_adds_new_links(two):
    ours, theirs = two
    a = _same_annotation_in_both(ours, theirs)
    b = ours.create_annotation(1, ours.text(1), 10, 20, "claim", "t")
    theirs.restore_annotation(b)
    link = Link("L1", a.id, b.id, "related", "", "t", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z")
    ours.restore_link(link)
    theirs.restore_link(replace(link, relation="supports", note="checked", modified="2026-01-03T00:00:00.000Z"))
    theirs.restore_link(Link("L2", b.id, a.id, "contradicts", "", "u", "2026-01-04T00:00:00.000Z",
                             "2026-01-04T00:00:00.000Z"))
    summary = ours.merge_from(theirs)
    assert (summary["links_updated"], summary["links_added"]) == (1, 1)
    assert (ours.link("L1").relation, ours.link("L1").note) == ("supports", "checked")
    assert ours.link("L2").relation == "contradicts"


# Opening refuses without touching ------------------------------------------------------------------
def _fingerprint(path):
    folder = path.parent
    return hashlib.sha256(path.read_bytes()).hexdigest(), sorted(p.name for p in folder.iterdir())


def _foreign(path, wal: bool):
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('keep me')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("kind", ["foreign-rollback", "foreign-wal", "newer-diptych", "not-sqlite",
                                  "other-application"])
def test_a_refused_database_is_left_byte_for_byte_untouched(tmp_path, kind):
    folder = tmp_path / kind
    folder.mkdir()
    path = folder / "x.db"
    if kind.startswith("foreign"):
        _foreign(path, wal=kind.endswith("wal"))
    elif kind == "newer-diptych":
        Store.open(path).close()
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.close()
    elif kind == "other-application":
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA application_id = 1234")
        conn.close()
    else:
        path.write_bytes(b"%PDF-1.7 not a database" * 10)
    before = _fingerprint(path)
    with pytest.raises(StoreError, match="refusing|newer Diptych"):
        Store.open(path)
    assert _fingerprint(path) == before
    if kind.startswith("foreign"):
        assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == ("wal" if kind.endswith("wal")
                                                                                      else "delete")


def test_merge_brings_a_documents_kept_original_with_it(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("A text only they imported.\n", "utf-8")
    ours, theirs = Store.open(tmp_path / "o.db"), Store.open(tmp_path / "t.db")
    theirs.add_document(read_document(page))
    ours.merge_from(theirs)
    (doc,) = ours.documents()
    assert ours.original(doc.id)[0] == page.read_bytes()
    ours.close()
    theirs.close()


def test_export_into_a_missing_folder_is_one_line(example_db, tmp_path):
    from ..helpers import run

    result = run("export", "--output", tmp_path / "no" / "such" / "x.jsonl", "--db", example_db, ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output and "No such file or directory" in result.stderr
