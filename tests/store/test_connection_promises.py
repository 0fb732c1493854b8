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


def test_each_migration_is_recorded_with_its_time(db_path):
    store = Store.open(db_path)
    try:
        rows = store.conn.execute("SELECT version, applied FROM migrations ORDER BY version").fetchall()
    finally:
        store.close()
    assert [v for v, _ in rows] == list(range(1, len(rows) + 1)) and rows
    assert all(isinstance(applied, str) and applied.endswith("Z") for _, applied in rows)


def test_a_damaged_database_is_refused_in_one_line(tmp_path):
    good = tmp_path / "good.db"
    Store.open(good).close()
    damaged = tmp_path / "damaged.db"
    data = bytearray(good.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)  # the header survives, the pages do not
    damaged.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"damaged\.db: cannot open the database: "):
        Store.open(damaged)


def test_a_read_only_database_that_needs_an_upgrade_says_so(db_path):
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with pytest.raises(StoreError, match="read-only and needs a schema upgrade; open it writable once"):
        Store.open(db_path, readonly=True)
