"""Text chunks: written at import, filled in by the migration for older databases, read back exactly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.ingest import read_document
from tui.model.chunked import CHUNK_CHARS
from tui.store import APPLICATION_ID, SCHEMA_VERSION, Store, migrations

LONG = ("Line with an emoji 😀 and 𠀋, “quoted”.\n" * 4000) + "the end 😀"  # > 2 chunks, non-BMP


def _chunks(store: Store, document_id: int) -> list[tuple[int, str]]:
    return store.conn.execute(
        "SELECT start, text FROM document_chunks WHERE document_id = ? ORDER BY number", (document_id,)
    ).fetchall()


def _v5_database(path: Path, texts: list[str]) -> None:
    """A database exactly as schema 5 (the one before chunks) made it, with documents in it."""
    import sqlite_utils

    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    db["migrations"].create({"version": int, "name": str, "applied": str}, pk="version")
    for number, (name, migrate) in enumerate(migrations.MIGRATIONS[:5], start=1):
        migrate(db)
        db["migrations"].insert({"version": number, "name": name, "applied": "2026-11-01T00:00:00Z"})
    for index, text in enumerate(texts):
        conn.execute(
            "INSERT INTO documents (path, sha256, text, length, newline, encoding, added)"
            " VALUES (?, ?, ?, ?, 'lf', 'utf-8', '2026-11-01T00:00:00Z')",
            (f"/docs/{index}.txt", f"{index:064x}", text, len(text)),
        )
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 5")
    conn.close()


def test_an_existing_database_migrates_forward_with_chunks_for_every_document(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    texts = [LONG, "short text", "x" * CHUNK_CHARS]  # several chunks, one, exactly one full
    _v5_database(path, texts)
    store = Store.open(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        for document_id, text in enumerate(texts, start=1):
            rows = _chunks(store, document_id)
            assert "".join(chunk for _start, chunk in rows) == text
            assert [start for start, _ in rows] == list(range(0, len(text), CHUNK_CHARS))
            chunked = store.chunked_text(document_id)
            assert len(chunked) == len(text)
            assert chunked[CHUNK_CHARS - 3:CHUNK_CHARS + 3] == text[CHUNK_CHARS - 3:CHUNK_CHARS + 3]
        assert store.verify()["problems"] == []
    finally:
        store.close()


def test_import_writes_the_chunks_in_the_same_transaction(tmp_path: Path) -> None:
    source = tmp_path / "long.txt"
    source.write_text(LONG, encoding="utf-8")
    store = Store.open(tmp_path / "new.db")
    try:
        document_id = store.add_document(read_document(source)).document_id
        text = store.text(document_id)
        assert "".join(chunk for _start, chunk in _chunks(store, document_id)) == text
        assert len(store.chunk_starts(document_id)) == -(-len(text) // CHUNK_CHARS)
        assert store.verify()["problems"] == []
    finally:
        store.close()


def test_verify_notices_chunks_that_differ_from_the_text(tmp_path: Path) -> None:
    source = tmp_path / "doc.txt"
    source.write_text("some text", encoding="utf-8")
    store = Store.open(tmp_path / "x.db")
    try:
        document_id = store.add_document(read_document(source)).document_id
        store.conn.execute("UPDATE document_chunks SET text = 'other text' WHERE document_id = ?", (document_id,))
        assert any("chunks" in problem for problem in store.verify()["problems"])
    finally:
        store.close()


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_stored_chunks_answer_any_window_like_the_text(tmp_path_factory, data) -> None:
    folder = tmp_path_factory.mktemp("chunks")
    store = Store.open(folder / "c.db")
    try:
        source = folder / "long.txt"
        source.write_text(LONG, encoding="utf-8")
        document_id = store.add_document(read_document(source)).document_id
        text, chunked = store.text(document_id), store.chunked_text(document_id, cache_size=1)
        boundary = data.draw(st.sampled_from([0, CHUNK_CHARS, 2 * CHUNK_CHARS, len(text)]))
        start = data.draw(st.integers(max(0, boundary - 70), min(len(text), boundary + 70)))
        end = data.draw(st.integers(start, min(len(text), start + CHUNK_CHARS + 10)))
        assert chunked[start:end] == text[start:end]
    finally:
        store.close()
