"""The migrations are frozen: a new database gets exactly the schema and the seed rows of
every released version, and a database made by any older version migrates forward to the
same thing, its documents indexed for search and cut into chunks as a new import would be.

The expected schema is written out here on purpose: it is what every released Diptych
wrote, so changing a migration (instead of appending one) must fail a test. Tables that
sqlite-utils creates are compared column by column (its SQL layout may change between
its versions); the ones created with literal SQL, the triggers and the FTS5 table are
compared as their SQL text, spaces normalised.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui.model.chunked import CHUNK_CHARS, chunk_spans
from tui.store import SCHEMA_VERSION, Store, migrations

EXPECTED_SCHEMA = {
    "annotations": [
        "id TEXT PK1", "document_id INTEGER NOT NULL", "start INTEGER NOT NULL", "end INTEGER NOT NULL",
        "label TEXT NOT NULL", "exact TEXT NOT NULL", "prefix TEXT DEFAULT ''", "suffix TEXT DEFAULT ''",
        "note TEXT DEFAULT ''", "annotator TEXT", "created TEXT", "modified TEXT", "status TEXT DEFAULT 'anchored'",
        "attributes TEXT NOT NULL DEFAULT '{}'", "origin TEXT NOT NULL DEFAULT 'manual'",
        "FK document_id -> documents.id", "FK label -> labels.name",
    ],
    "attribute_types": ["name TEXT PK1", "label TEXT", "multi INTEGER", "key TEXT", "values TEXT", "description TEXT"],
    "document_blocks": ["document_id INTEGER PK1", "max_block INTEGER", "starts BLOB", "ends BLOB",
                        "FK document_id -> documents.id"],
    "document_chunks": "CREATE TABLE document_chunks ( document_id INTEGER NOT NULL REFERENCES documents (id),"
                       " number INTEGER NOT NULL, start INTEGER NOT NULL, text TEXT NOT NULL,"
                       " PRIMARY KEY (document_id, number))",
    "document_fts": "CREATE VIRTUAL TABLE document_fts USING fts5(text, content='documents', content_rowid='id',"
                    " tokenize='unicode61 remove_diacritics 2')",
    "document_originals": "CREATE TABLE document_originals ( document_id INTEGER PRIMARY KEY REFERENCES documents(id)"
                          " ON DELETE CASCADE, format TEXT NOT NULL CHECK (format IN ('text', 'markdown', 'html',"
                          " 'pdf', 'docx')), extractor TEXT NOT NULL, extractor_version TEXT NOT NULL, options TEXT"
                          " NOT NULL DEFAULT '{}', compression TEXT NOT NULL DEFAULT 'zlib', size INTEGER NOT NULL,"
                          " bytes BLOB NOT NULL)",
    "documents": [
        "id INTEGER PK1", "path TEXT NOT NULL", "title TEXT DEFAULT ''", "source TEXT DEFAULT ''",
        "language TEXT DEFAULT ''", "sha256 TEXT NOT NULL", "length INTEGER NOT NULL", "newline TEXT",
        "encoding TEXT", "metadata TEXT DEFAULT '{}'", "added TEXT", "superseded_by INTEGER",
        "text TEXT NOT NULL",  # last, so reading the other columns never walks a long text's pages
    ],
    "documents_fts_delete": "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN INSERT INTO"
                            " document_fts (document_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "documents_fts_insert": "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN INSERT INTO"
                            " document_fts (rowid, text) VALUES (new.id, new.text); END",
    "idx_annotations_document_id_start": ["annotations (document_id, start)"],
    "idx_documents_path": ["documents (path)"],
    "idx_documents_sha256": ["documents (sha256)"],
    "idx_links_source_id": ["links (source_id)"],
    "idx_links_target_id": ["links (target_id)"],
    "labels": ["name TEXT PK1", "key TEXT", "color TEXT", "mark TEXT DEFAULT 'underline'",
               "description TEXT DEFAULT ''", "position INTEGER"],
    "links": [
        "id TEXT PK1", "source_id TEXT NOT NULL", "target_id TEXT NOT NULL", "relation TEXT NOT NULL",
        "note TEXT DEFAULT ''", "annotator TEXT", "created TEXT", "modified TEXT",
        "FK source_id -> annotations.id", "FK target_id -> annotations.id",
    ],
    "migrations": ["version INTEGER PK1", "name TEXT", "applied TEXT"],
    "rejected_suggestions": ["document_id INTEGER PK1", "label TEXT PK2", "start INTEGER PK3", "end INTEGER PK4",
                             "created TEXT"],
    "tombstones": "CREATE TABLE tombstones ( id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('annotation',"
                  " 'link')), deleted TEXT NOT NULL, deleted_by TEXT NOT NULL DEFAULT '', document_sha256 TEXT NOT"
                  " NULL DEFAULT '', record TEXT NOT NULL DEFAULT '{}')",
    "tombstones_kind": "CREATE INDEX tombstones_kind ON tombstones (kind, deleted)",
}

# README, "Where the data lives" and "Attributes": the seeded labels and taxonomies.
EXPECTED_LABELS = [
    ("claim", "c", "#2f6db5", "underline", "A checkable statement of fact, figure, cause or prediction.", 1),
    ("attribution", "a", "#b5622f", "bold", "Who says it: the source and the cue, as in 'Klein notes'.", 2),
]
EXPECTED_ATTRIBUTE_TYPES = [
    ("claim_type", "claim", 1, "t",
     '["quantity", "causal", "prediction", "rule", "event", "personal_experience", "other"]',
     "What kind of claim (after Full Fact)."),
    ("checkworthiness", "claim", 0, "w", '["cfs", "ufs", "nfs"]',
     "cfs check-worthy factual, ufs unimportant factual, nfs non-factual (after ClaimBuster)."),
    ("voice", "attribution", 0, "v", '["direct", "indirect", "mixed"]',
     "Direct quote, reported speech, or both (after BBC Citron)."),
    ("rating", "claim", 0, "r",
     '["true", "mostly-true", "half-true", "mostly-false", "false", "misleading", "unverifiable"]',
     "The fact-check verdict, exported as schema.org ClaimReview (1 false .. 5 true)."),
    ("speaker", "attribution", 0, "s", "[]",
     "Who speaks, normalised: 'Margarete Klein', 'KCNA', 'officials' (free text)."),
    ("speaker_type", "attribution", 0, "k",
     '["government", "military", "expert", "state media", "anonymous", "document", "other"]',
     "What kind of source, for counting source diversity."),
    ("speaker_status", "attribution", 0, "", '["inferred", "confirmed"]',
     "inferred when filled in at tagging; confirmed once a person set or accepted it."),
    ("speaker_role", "attribution", 0, "", "[]",
     "The speaker's role as the text gives it: 'head of the Russia and Eurasia research group'."),
]
EXPECTED_MIGRATIONS = [
    (1, "initial schema"),
    (2, "annotation attributes and origin, attribute types, rejected suggestions"),
    (3, "block index of each document, so that big documents open at once"),
    (4, "tombstones: who deleted which annotation or link, and when"),
    (5, "ratings on claims (ClaimReview) and speakers on attributions"),
    (6, "full-text search over the documents (FTS5)"),
    (7, "the original bytes of each document, with the extractor that read them"),
    (8, "each text in chunks with their offsets, so the reader's first screen reads only the first"),
]
OLD_TIME = "2026-01-01T00:00:00.000Z"


def describe_schema(conn: sqlite3.Connection) -> dict:
    """Every table, index and trigger: sqlite-utils' tables and indexes by their columns, the rest by SQL."""
    found: dict = {}
    for kind, name, table, sql in conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"):
        if name.startswith("document_fts_"):
            continue  # FTS5's own shadow tables: SQLite's, not ours
        if kind == "table" and sql.startswith('CREATE TABLE "'):
            described = []
            for _cid, column, type_, notnull, default, pk, _hidden in conn.execute(f'PRAGMA table_xinfo("{name}")'):
                parts = [column, type_, "NOT NULL" if notnull else "",
                         "" if default is None else f"DEFAULT {default}", f"PK{pk}" if pk else ""]
                described.append(" ".join(part for part in parts if part))
            described += sorted(f"FK {row[3]} -> {row[2]}.{row[4]}"
                                for row in conn.execute(f'PRAGMA foreign_key_list("{name}")'))
            found[name] = described
        elif kind == "index" and sql.startswith('CREATE INDEX "'):
            names = [row[2] for row in conn.execute(f'PRAGMA index_info("{name}")')]
            found[name] = [f"{table} ({', '.join(names)})"]
        else:
            found[name] = " ".join(sql.split())
    return found


def _fresh(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "fresh.db")


def _old_database(path: Path, version: int, texts: list[str]) -> None:
    """A database as Diptych at schema ``version`` made it, with documents added at that version."""
    import sqlite_utils

    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    db["migrations"].create({"version": int, "name": str, "applied": str}, pk="version")
    for number, (name, migrate) in enumerate(migrations.MIGRATIONS[:version], start=1):
        migrate(db)
        db["migrations"].insert({"version": number, "name": name, "applied": OLD_TIME})
    for index, text in enumerate(texts):
        conn.execute(
            "INSERT INTO documents (path, sha256, text, length, newline, encoding, added)"
            " VALUES (?, ?, ?, ?, 'lf', 'utf-8', ?)",
            (f"/docs/{index}.txt", f"{index:064x}", text, len(text), OLD_TIME),
        )
        if version >= 8:
            raise AssertionError("add the chunks of documents at this version")
    conn.execute("PRAGMA application_id = 1146115161")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def test_a_new_database_has_the_frozen_schema(tmp_path):
    store = _fresh(tmp_path)
    try:
        assert describe_schema(store.conn) == EXPECTED_SCHEMA
    finally:
        store.close()


def test_a_new_database_is_marked_as_diptychs_at_the_latest_version(tmp_path):
    store = _fresh(tmp_path)
    try:
        application_id = store.conn.execute("PRAGMA application_id").fetchone()[0]
        assert application_id.to_bytes(4, "big") == b"DPTY"  # README: 0x44505459, "DPTY"
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(EXPECTED_MIGRATIONS)
        rows = store.conn.execute("SELECT version, name FROM migrations ORDER BY version").fetchall()
        assert rows == EXPECTED_MIGRATIONS
    finally:
        store.close()


def test_a_new_database_is_seeded_with_the_documented_labels_and_attributes(tmp_path):
    store = _fresh(tmp_path)
    try:
        assert store.conn.execute(
            "SELECT name, key, color, mark, description, position FROM labels ORDER BY position").fetchall() \
            == EXPECTED_LABELS
        assert store.conn.execute(
            'SELECT name, label, multi, key, "values", description FROM attribute_types ORDER BY rowid').fetchall() \
            == EXPECTED_ATTRIBUTE_TYPES
        # Through the store's own reading: the taxonomies as the reader and the CLI see them.
        claim_type, *_ = store.attribute_types("claim")
        assert claim_type.multi is True and claim_type.values[0] == "quantity"
        assert [t.name for t in store.attribute_types("attribution")] == \
            ["voice", "speaker", "speaker_type", "speaker_status", "speaker_role"]
    finally:
        store.close()


def test_defaults_of_the_frozen_schema_fill_what_an_insert_leaves_out(tmp_path):
    store = _fresh(tmp_path)
    try:
        conn = store.conn
        conn.execute("INSERT INTO documents (path, sha256, text, length) VALUES ('/a', 'ab', 'text', 4)")
        assert conn.execute("SELECT title, source, language, metadata FROM documents").fetchone() == ("", "", "", "{}")
        conn.execute('INSERT INTO annotations (id, document_id, start, "end", label, exact)'
                     " VALUES ('a1', 1, 0, 4, 'claim', 'text')")
        assert conn.execute("SELECT note, prefix, suffix, status, attributes, origin FROM annotations").fetchone() \
            == ("", "", "", "anchored", "{}", "manual")
        with pytest.raises(sqlite3.IntegrityError):  # the label must exist
            conn.execute('INSERT INTO annotations (id, document_id, start, "end", label, exact)'
                         " VALUES ('a2', 1, 0, 4, 'opinion', 'text')")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute("INSERT INTO tombstones (id, kind, deleted) VALUES ('t', 'document', 'now')")
        conn.execute("INSERT INTO document_originals (document_id, format, extractor, extractor_version, size, bytes)"
                     " VALUES (1, 'text', 'x', '1', 1, x'00')")
        conn.execute("DELETE FROM annotations")
        conn.execute("DELETE FROM documents WHERE id = 1")  # its original goes with it
        assert conn.execute("SELECT count(*) FROM document_originals").fetchone() == (0,)
    finally:
        store.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_a_database_from_an_older_version_migrates_to_what_a_new_one_gets(tmp_path, version):
    texts = ["Kim met Putin in Beijing.", "zebra " * (CHUNK_CHARS // 6 + 3), ""]  # one, two chunks and empty
    path = tmp_path / "old.db"
    _old_database(path, version, texts)
    fresh = _fresh(tmp_path)
    store = Store.open(path)
    try:
        assert describe_schema(store.conn) == describe_schema(fresh.conn) == EXPECTED_SCHEMA
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == 0x44505459
        for table in ("labels", "attribute_types"):
            assert store.conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() \
                == fresh.conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        recorded = store.conn.execute("SELECT version, name, applied FROM migrations ORDER BY version").fetchall()
        assert [(number, name) for number, name, _ in recorded] == EXPECTED_MIGRATIONS
        # The old steps keep their time; each new one is recorded when it ran.
        assert [applied == OLD_TIME for _, _, applied in recorded] == \
            [number <= version for number in range(1, SCHEMA_VERSION + 1)]
        assert all(applied > OLD_TIME and applied.endswith("Z") for _, _, applied in recorded[version:])
        for document_id, text in enumerate(texts, start=1):
            chunks = store.conn.execute(
                "SELECT number, start, text FROM document_chunks WHERE document_id = ? ORDER BY number",
                (document_id,)).fetchall()
            assert chunks == [(number, start, text[start:end])
                              for number, (start, end) in enumerate(chunk_spans(len(text)))]
        assert [h.document_id for h in store.search("Beijing")] == [1]
        assert [h.document_id for h in store.search("zebra")][:1] == [2]
        assert store.verify()["problems"] == []
    finally:
        store.close()
        fresh.close()
