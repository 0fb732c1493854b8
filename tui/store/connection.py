"""Opening a Diptych database: checks before any write, pragmas, migrations, transactions.

A file is inspected through a connection that cannot write (``immutable`` or
``mode=ro``) before anything else touches it, so a database that is not Diptych's, or
comes from a newer Diptych, is refused byte for byte untouched: no journal-mode switch,
no ``-wal``/``-shm`` files.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

from ..model.text import utc_now
from . import migrations

BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"
# PRAGMA application_id of every Diptych database: "DPTY" in ASCII.
APPLICATION_ID = 0x44505459
SCHEMA_VERSION = migrations.SCHEMA_VERSION


class StoreError(Exception):
    """A problem the user can act on, said in one line."""


def columns(names: Iterable[str]) -> str:
    return ", ".join(f'"{c}"' for c in names)


def _uri(path: str, **params: str) -> str:
    # Percent-encoded: SQLite reads "?" and "#" in a URI as its end and decodes "%41", so a
    # file named "a#1.db" would otherwise be read as "a" (and created, if missing).
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(Path(path).absolute().as_posix(), safe='/')}?{query}"


def _read_header(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(100)
    except PermissionError:
        raise StoreError(f"{path}: permission denied") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror}") from None


def inspect(path: str) -> None:
    """Refuse, without writing a byte, a file that is not a Diptych database we can open."""
    header = _read_header(path)
    if not header:
        return  # an empty file: SQLite treats it as a new database
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise StoreError(f"{path}: not an SQLite database (refusing to touch it)")
    application_id = int.from_bytes(header[68:72], "big")
    if application_id not in (0, APPLICATION_ID):
        raise StoreError(f"{path}: an SQLite database, but not a Diptych one (refusing to change it)")
    # A database in WAL mode may hold its latest schema in the -wal file: read through
    # it (mode=ro never creates files when they exist); otherwise read the file as it is.
    wal = header[18] == 2 and os.path.exists(path + "-wal")
    try:
        probe = sqlite3.connect(_uri(path, **({"mode": "ro"} if wal else {"mode": "ro", "immutable": "1"})), uri=True)
        try:
            version = probe.execute("PRAGMA user_version").fetchone()[0]
            names = {r[0] for r in probe.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open the database: {exc}") from None
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: made by a newer Diptych (schema {version}, this one knows {SCHEMA_VERSION}); upgrade diptych"
        )
    if names and "migrations" not in names:
        raise StoreError(f"{path}: an SQLite database, but not a Diptych one (refusing to change it)")


class Connection:
    """The connection, its pragmas and transactions; the rooms of the store build on it."""

    def __init__(self, conn: sqlite3.Connection, path: str, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly

    @cached_property
    def db(self):
        """sqlite-utils on the same connection, imported only when needed (it costs ~0.1 s)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = True, readonly: bool = False):
        """Open (and if needed create and migrate) the database at ``path``; ``readonly`` never writes."""
        path = os.fspath(path)
        exists = os.path.exists(path)
        if exists:
            if os.path.isdir(path):
                raise StoreError(f"{path}: is a folder, not a database")
            inspect(path)
        elif not create:
            raise StoreError(f"{path}: no such database (import documents first: diptych import PATH)")
        folder = os.path.dirname(os.path.abspath(path))
        readonly = readonly or (exists and not (os.access(path, os.W_OK) and os.access(folder, os.W_OK)))
        if not exists and not os.access(folder, os.W_OK):
            raise StoreError(f"{path}: cannot create the database here (folder not writable)")
        try:
            target = _uri(path, mode="ro") if readonly else path
            conn = sqlite3.connect(target, uri=readonly, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            store = cls(conn, path, readonly)
            store._configure()
            store._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open the database: {exc}") from None
        return store

    def _configure(self) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        if not self.readonly:
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":  # e.g. a file system without shared memory
                self.conn.execute("PRAGMA journal_mode = DELETE")
            # FULL: a tag survives power loss too, at ~0.3 ms a commit.
            self.conn.execute("PRAGMA synchronous = FULL")

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:  # a newer Diptych wrote it since inspect() looked
            raise StoreError(
                f"{self.path}: made by a newer Diptych (schema {version}, this one knows {SCHEMA_VERSION}); upgrade diptych"
            )
        if version == SCHEMA_VERSION:
            return
        if self.readonly:
            raise StoreError(f"{self.path}: read-only and needs a schema upgrade; open it writable once")
        with self.transaction():
            migrations.apply(self.conn, self.db, version, utc_now())
            self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, committed on exit (rolled back on error).

        ``BEGIN IMMEDIATE`` takes the write lock at once, so a second writer waits on the
        busy timeout here instead of failing with "database is locked" halfway through.
        """
        if self.readonly:
            raise StoreError(f"{self.path}: the database is read-only")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: cannot write: {exc}") from None
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def data_version(self) -> int:
        """Changes whenever another connection commits (cheap; for polling)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]
