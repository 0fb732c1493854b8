"""The store's schema, durability settings and the transactions behind each user action."""

from __future__ import annotations

from dataclasses import replace

import sqlite3

import pytest

from tui.model.entities import Link
from tui.store import SCHEMA_VERSION, Store, StoreError


def test_schema_is_readable_tables_with_a_version(store):
    names = set(store.db.table_names())
    assert {"documents", "labels", "annotations", "links", "migrations"} <= names
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert [r.name for r in store.labels()] == ["claim", "attribution"]
    assert {"text", "sha256", "path", "title", "source", "added", "newline"} <= set(store.db["documents"].columns_dict)


def test_annotation_is_committed_before_the_call_returns(store, db_path):
    text = store.text(2)
    made = store.create_annotation(2, text, 0, 8, "claim", "ann")
    other = sqlite3.connect(db_path)  # a second connection sees it at once
    assert other.execute("SELECT exact FROM annotations WHERE id = ?", (made.id,)).fetchone() == ("Brothers",)
    other.close()


def test_delete_takes_links_with_it_and_restore_brings_both_back(store):
    text = store.text(2)
    a = store.create_annotation(2, text, 0, 8, "claim", "ann")
    b = store.create_annotation(2, text, 12, 16, "attribution", "ann")
    link = Link("l1", b.id, a.id, "attributes", "", "ann", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z")
    with store.transaction():
        store._insert_link(link)
    deleted, links = store.delete_annotation(a.id)
    assert links == [link]
    assert store.conn.execute("SELECT count(*) FROM links").fetchone()[0] == 0
    store.restore_annotation(deleted, links)
    back = store.annotation(a.id)
    assert replace(back, modified=a.modified) == a and back.modified > a.modified  # coming back is an edit
    (restored,) = store.links_of([a.id])
    assert replace(restored, modified=link.modified) == link and store.tombstones() == []


def test_failed_transaction_leaves_nothing_behind(store):
    text = store.text(1)
    with pytest.raises(RuntimeError), store.transaction():
        store.conn.execute(
            'INSERT INTO annotations (id, document_id, start, "end", label, exact) VALUES (?, 1, 0, 2, ?, ?)',
            ("x", "claim", text[:2]),
        )
        raise RuntimeError("boom")
    assert store.conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 0


def test_note_edit_and_its_undo(store):
    a = store.create_annotation(1, store.text(1), 0, 6, "claim", "ann")
    old_note, old_modified = store.set_note(a.id, "first note")
    assert store.annotation(a.id).note == "first note"
    store.restore_note(a.id, old_note, old_modified)
    assert store.annotation(a.id) == a


def test_overlapping_and_nested_spans_are_allowed(store):
    text = store.text(1)
    store.create_annotation(1, text, 0, 50, "claim", "ann")
    store.create_annotation(1, text, 10, 20, "attribution", "ann")
    store.create_annotation(1, text, 10, 20, "claim", "ann")
    assert len(store.annotations(1)) == 3


def test_newer_schema_is_refused_without_change(db_path):
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer Diptych"):
        Store.open(db_path)


def test_foreign_sqlite_database_is_not_touched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE mine (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a Diptych one"):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["mine"]


def test_find_document_by_id_path_name_and_hash(store, corpus):
    doc = store.documents()[1]
    assert store.find_document("2").id == 2
    assert store.find_document(str(corpus / "dw-brothers-in-arms-north-korea-reinforcements.txt")).id == 2
    assert store.find_document("dw-brothers-in-arms-north-korea-reinforcements.txt").id == 2
    assert store.find_document(doc.sha256[:10]).id == 2
    with pytest.raises(StoreError, match="no document"):
        store.find_document("missing.txt")


def test_block_index_is_stored_at_import_and_rebuilt_when_missing(store):
    from tui.model.layout import block_index

    text = store.text(2)
    stored = store.blocks(2, text)
    assert [list(a) for a in stored] == [list(a) for a in block_index(text)]
    store.conn.execute("DELETE FROM document_blocks WHERE document_id = 2")  # as if imported before v3
    assert [list(a) for a in store.blocks(2, text)] == [list(a) for a in block_index(text)]
    assert store.conn.execute("SELECT count(*) FROM document_blocks WHERE document_id = 2").fetchone() == (1,)
