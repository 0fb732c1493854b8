"""The connection's promises beyond the pragmas: others' commits are visible through
``data_version`` (what the reader polls), bulk inserts are one transaction, and opening
says in one line why it cannot."""

from __future__ import annotations

import sqlite3

import pytest

from tui.model.entities import Annotation
from tui.store import Store, StoreError


def test_data_version_moves_on_another_connections_commit_only(store, db_path):
    before = store.data_version()
    doc = store.documents()[0]
    store.create_annotation(doc.id, store.text(doc.id), 0, 5, "claim", "me")
    assert store.data_version() == before  # our own commit: nothing to reload
    other = Store.open(db_path)
    try:
        other.create_annotation(doc.id, other.text(doc.id), 6, 9, "claim", "them")
    finally:
        other.close()
    after = store.data_version()
    assert after != before
    assert store.data_version() == after  # stable until the next foreign commit


def test_bulk_insert_is_one_transaction(store):
    doc = store.documents()[0]
    text = store.text(doc.id)
    made = [Annotation(f"bulk{n}", doc.id, n, n + 3, "claim", text[n:n + 3]) for n in range(50)]
    assert store.insert_annotations(made) == 50
    assert len(store.annotations(doc.id)) == 50
    clash = [Annotation("new", doc.id, 0, 3, "claim", text[:3]), made[0]]  # the second's id exists
    with pytest.raises(sqlite3.IntegrityError):
        store.insert_annotations(clash)
    with pytest.raises(StoreError, match="no annotation 'new'"):
        store.annotation("new")  # the first row went back with the second
    assert len(store.annotations(doc.id)) == 50


def test_a_failed_transaction_rolls_back_and_the_next_one_works(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.conn.execute("UPDATE labels SET description = 'half-done' WHERE name = 'claim'")
        raise RuntimeError("stop")
    assert store.labels()[0].description != "half-done"
    assert not store.conn.in_transaction
    with store.transaction():
        store.conn.execute("UPDATE labels SET description = 'done' WHERE name = 'claim'")
    assert store.labels()[0].description == "done"


def test_opening_says_why_it_cannot(tmp_path):
    with pytest.raises(StoreError, match=r"is a folder, not a database"):
        Store.open(tmp_path)
    with pytest.raises(StoreError, match=r"no such database \(import documents first"):
        Store.open(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    Store.open(empty).close()  # an empty file is a new database
    assert empty.stat().st_size > 0
    short = tmp_path / "short.db"
    short.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)  # a header cut short
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store.open(short)


def test_a_read_only_store_refuses_to_write(store, db_path):
    reader = Store.open(db_path, readonly=True)
    try:
        assert reader.readonly and reader.annotations(store.documents()[0].id) == []
        with pytest.raises(StoreError, match="read-only"), reader.transaction():
            pass
    finally:
        reader.close()
