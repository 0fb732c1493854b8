"""Opening a database: each refusal in its exact words (one line, naming the file), the
read-only cases, and file names that SQLite's URI syntax would misread (``#``, ``?``, ``%``)."""

from __future__ import annotations

import re
import sqlite3

import pytest

from tui.store import SCHEMA_VERSION, Store, StoreError, connection


def _foreign(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE mine (x)")
    conn.commit()
    conn.close()


def _refusal(path) -> str:
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    return str(caught.value)


def test_each_refusal_names_the_file_and_the_reason(tmp_path):
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_bytes(b"%PDF-1.7 " * 20)
    assert _refusal(not_sqlite) == f"{not_sqlite}: not an SQLite database (refusing to touch it)"
    foreign = tmp_path / "foreign.db"
    _foreign(foreign)
    assert _refusal(foreign) == f"{foreign}: an SQLite database, but not a Diptych one (refusing to change it)"
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA application_id = 1234")
    conn.close()
    assert _refusal(other) == f"{other}: an SQLite database, but not a Diptych one (refusing to change it)"
    newer = tmp_path / "newer.db"
    Store.open(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    conn.close()
    assert _refusal(newer) == (f"{newer}: made by a newer Diptych (schema {SCHEMA_VERSION + 3}, this one knows "
                               f"{SCHEMA_VERSION}); upgrade diptych")
    assert _refusal(tmp_path) == f"{tmp_path}: is a folder, not a database"
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path / "none.db", create=False)
    assert str(caught.value) == f"{tmp_path / 'none.db'}: no such database (import documents first: diptych import PATH)"


def test_a_file_that_cannot_be_read_is_refused_in_one_line(tmp_path, monkeypatch):
    # inspect() is what reads the header first; a folder given to it cannot be read.
    with pytest.raises(StoreError, match=rf"^{re.escape(str(tmp_path))}: cannot read: Is a directory$"):
        connection.inspect(str(tmp_path))
    path = tmp_path / "locked.db"
    Store.open(path).close()

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(connection, "open", denied, raising=False)  # the tests run as root: simulate it
    with pytest.raises(StoreError, match=rf"^{re.escape(str(path))}: permission denied$"):
        Store.open(path)


def test_a_newer_schema_written_after_the_check_is_still_refused(tmp_path, monkeypatch):
    path = tmp_path / "raced.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    monkeypatch.setattr(connection, "inspect", lambda path: None)  # as if a newer Diptych wrote after it looked
    assert _refusal(path) == (f"{path}: made by a newer Diptych (schema {SCHEMA_VERSION + 1}, this one knows "
                              f"{SCHEMA_VERSION}); upgrade diptych")


def test_read_only_refusals_in_words(tmp_path):
    path = tmp_path / "r.db"
    Store.open(path).close()
    reader = Store.open(path, readonly=True)
    try:
        with pytest.raises(StoreError) as caught, reader.transaction():
            pass
        assert str(caught.value) == f"{path}: the database is read-only"
        with pytest.raises(sqlite3.OperationalError, match="readonly database"):  # not even SQL can write
            reader.conn.execute("UPDATE labels SET key = 'q'")
    finally:
        reader.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 2")
    conn.close()
    with pytest.raises(StoreError) as caught:
        Store.open(path, readonly=True)
    assert str(caught.value) == f"{path}: read-only and needs a schema upgrade; open it writable once"


def test_a_transaction_inside_a_transaction_is_refused_and_the_outer_one_goes_back(tmp_path):
    path = tmp_path / "n.db"
    store = Store.open(path)
    try:
        with pytest.raises(StoreError) as caught, store.transaction():
            store.conn.execute("UPDATE labels SET key = 'q' WHERE name = 'claim'")
            with store.transaction():
                pass
        assert str(caught.value) == f"{path}: cannot write: cannot start a transaction within a transaction"
        assert store.labels()[0].key == "c" and not store.conn.in_transaction
    finally:
        store.close()


def test_a_database_in_a_folder_we_cannot_write_opens_read_only(tmp_path, monkeypatch):
    path = tmp_path / "shared.db"
    Store.open(path).close()
    folder = str(tmp_path)
    real_access = connection.os.access

    def access(target, mode):  # as for a user other than root: the folder is not ours to write
        return False if str(target) == folder and mode == connection.os.W_OK else real_access(target, mode)

    monkeypatch.setattr(connection.os, "access", access)
    store = Store.open(path)
    try:
        assert store.readonly and store.labels()[0].name == "claim"
        with pytest.raises(StoreError, match="read-only"), store.transaction():
            pass
    finally:
        store.close()
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path / "new.db")
    assert str(caught.value) == f"{tmp_path / 'new.db'}: cannot create the database here (folder not writable)"
    assert not (tmp_path / "new.db").exists()


@pytest.mark.parametrize("name", ["a#1.db", "b?mode=rwc.db", "c%41.db", "d e.db", "zoë.db"])
def test_a_file_name_with_uri_characters_is_the_file_opened(tmp_path, name):
    folder = tmp_path / "x#y?z%41"
    folder.mkdir()
    path = folder / name
    Store.open(path).close()
    reader = Store.open(path, readonly=True)  # read-only goes through a URI too
    try:
        assert reader.labels()[0].name == "claim"
    finally:
        reader.close()
    foreign = folder / ("foreign " + name)
    _foreign(foreign)
    before = foreign.read_bytes()
    assert "not a Diptych one" in _refusal(foreign)
    assert foreign.read_bytes() == before
    # Nothing else was created beside them (a misread name would make a file of its own).
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))) == \
        sorted([name, "foreign " + name])
