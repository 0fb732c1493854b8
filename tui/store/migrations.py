"""The schema's history. Each migration takes the database from version N-1 to N.

Frozen: append, never edit. Seed data is written out literally in the migration that
adds it, never read from today's constants, so an old database migrates to exactly
what a new one gets.
"""

from __future__ import annotations

import json


def _initial_schema(db) -> None:
    db["documents"].create(
        {
            "id": int, "path": str, "title": str, "source": str, "language": str,
            "sha256": str, "length": int, "newline": str, "encoding": str,
            "metadata": str, "added": str, "superseded_by": int,
            # Last: SQLite reads a row's columns in order, so every column after a 50 MB
            # text would cost a walk through its overflow pages.
            "text": str,
        },
        pk="id",
        not_null={"path", "sha256", "text", "length"},
        defaults={"title": "", "source": "", "language": "", "metadata": "{}"},
    )
    db["documents"].create_index(["sha256"])
    db["documents"].create_index(["path"])
    db["labels"].create(
        {"name": str, "key": str, "color": str, "mark": str, "description": str, "position": int},
        pk="name",
        defaults={"description": "", "mark": "underline"},
    )
    db["labels"].insert_all([
        {"name": "claim", "key": "c", "color": "#2f6db5", "mark": "underline",
         "description": "A checkable statement of fact, figure, cause or prediction.", "position": 1},
        {"name": "attribution", "key": "a", "color": "#b5622f", "mark": "bold",
         "description": "Who says it: the source and the cue, as in 'Klein notes'.", "position": 2},
    ])
    db["annotations"].create(
        {
            "id": str, "document_id": int, "start": int, "end": int, "label": str,
            "exact": str, "prefix": str, "suffix": str, "note": str, "annotator": str,
            "created": str, "modified": str, "status": str,
        },
        pk="id",
        not_null={"document_id", "start", "end", "label", "exact"},
        defaults={"note": "", "prefix": "", "suffix": "", "status": "anchored"},
        foreign_keys=[("document_id", "documents", "id"), ("label", "labels", "name")],
    )
    db["annotations"].create_index(["document_id", "start"])
    db["links"].create(
        {
            "id": str, "source_id": str, "target_id": str, "relation": str, "note": str,
            "annotator": str, "created": str, "modified": str,
        },
        pk="id",
        not_null={"source_id", "target_id", "relation"},
        defaults={"note": ""},
        foreign_keys=[("source_id", "annotations", "id"), ("target_id", "annotations", "id")],
    )
    db["links"].create_index(["source_id"])
    db["links"].create_index(["target_id"])


def _attributes(db) -> None:
    db["annotations"].add_column("attributes", str, not_null_default="{}")
    db["annotations"].add_column("origin", str, not_null_default="manual")
    db["attribute_types"].create(
        {"name": str, "label": str, "multi": int, "key": str, "values": str, "description": str}, pk="name"
    )
    db["attribute_types"].insert_all([
        {"name": "claim_type", "label": "claim", "multi": 1, "key": "t",
         "values": json.dumps(["quantity", "causal", "prediction", "rule", "event", "personal_experience", "other"]),
         "description": "What kind of claim (after Full Fact)."},
        {"name": "checkworthiness", "label": "claim", "multi": 0, "key": "w",
         "values": json.dumps(["cfs", "ufs", "nfs"]),
         "description": "cfs check-worthy factual, ufs unimportant factual, nfs non-factual (after ClaimBuster)."},
        {"name": "voice", "label": "attribution", "multi": 0, "key": "v",
         "values": json.dumps(["direct", "indirect", "mixed"]),
         "description": "Direct quote, reported speech, or both (after BBC Citron)."},
    ])
    db["rejected_suggestions"].create(
        {"document_id": int, "label": str, "start": int, "end": int, "created": str},
        pk=("document_id", "label", "start", "end"),
    )


def _block_index(db) -> None:
    db["document_blocks"].create(
        {"document_id": int, "max_block": int, "starts": bytes, "ends": bytes}, pk="document_id",
        foreign_keys=[("document_id", "documents", "id")],
    )


def _tombstones(db) -> None:
    db.execute(
        "CREATE TABLE tombstones ("
        " id TEXT PRIMARY KEY,"  # the deleted annotation's or link's id
        " kind TEXT NOT NULL CHECK (kind IN ('annotation', 'link')),"
        " deleted TEXT NOT NULL,"  # when (UTC ISO 8601, as `modified`)
        " deleted_by TEXT NOT NULL DEFAULT '',"
        " document_sha256 TEXT NOT NULL DEFAULT '',"  # an annotation's document, as exports name it
        " record TEXT NOT NULL DEFAULT '{}')"  # the row as it was, for the record
    )
    db.execute("CREATE INDEX tombstones_kind ON tombstones (kind, deleted)")


def _ratings_and_speakers(db) -> None:
    db["attribute_types"].insert_all([
        {"name": "rating", "label": "claim", "multi": 0, "key": "r",
         "values": json.dumps(["true", "mostly-true", "half-true", "mostly-false", "false", "misleading",
                               "unverifiable"]),
         "description": "The fact-check verdict, exported as schema.org ClaimReview (1 false .. 5 true)."},
        # An empty list of values: free text (one line, checked by the model).
        {"name": "speaker", "label": "attribution", "multi": 0, "key": "s", "values": "[]",
         "description": "Who speaks, normalised: 'Margarete Klein', 'KCNA', 'officials' (free text)."},
        {"name": "speaker_type", "label": "attribution", "multi": 0, "key": "k",
         "values": json.dumps(["government", "military", "expert", "state media", "anonymous", "document", "other"]),
         "description": "What kind of source, for counting source diversity."},
        {"name": "speaker_status", "label": "attribution", "multi": 0, "key": "",
         "values": json.dumps(["inferred", "confirmed"]),
         "description": "inferred when filled in at tagging; confirmed once a person set or accepted it."},
        {"name": "speaker_role", "label": "attribution", "multi": 0, "key": "", "values": "[]",
         "description": "The speaker's role as the text gives it: 'head of the Russia and Eurasia research group'."},
    ])


def _search(db) -> None:
    # An index of every document's text, kept in step by triggers (documents' text never
    # changes in place: a changed file is a new document).
    db.execute("CREATE VIRTUAL TABLE document_fts USING fts5(text, content='documents', content_rowid='id',"
               " tokenize='unicode61 remove_diacritics 2')")
    db.execute("CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN"
               " INSERT INTO document_fts (rowid, text) VALUES (new.id, new.text); END")
    db.execute("CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
               " INSERT INTO document_fts (document_fts, rowid, text) VALUES ('delete', old.id, old.text); END")
    db.execute("INSERT INTO document_fts (document_fts) VALUES ('rebuild')")


def _document_originals(db) -> None:
    # The bytes a document was extracted from, so its text can be audited and extracted
    # again by a later extractor; one row per document version, deleted with it.
    db.execute(
        "CREATE TABLE document_originals ("
        " document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,"
        " format TEXT NOT NULL CHECK (format IN ('text', 'markdown', 'html', 'pdf', 'docx')),"
        " extractor TEXT NOT NULL,"  # 'trafilatura', 'pypdf', 'python-docx', 'diptych-text', ...
        " extractor_version TEXT NOT NULL,"
        " options TEXT NOT NULL DEFAULT '{}',"  # JSON: what else decided the text (as_text, encoding, http_charset)
        " compression TEXT NOT NULL DEFAULT 'zlib',"
        " size INTEGER NOT NULL,"  # uncompressed length in bytes
        " bytes BLOB NOT NULL)"
    )


def _text_chunks(db) -> None:
    # Each text again in chunks of 65,536 code points with their offsets: the reader draws
    # its first screen from the first chunk (SQLite reads a TEXT value whole, even for
    # substr()). The size is written here, not read from tui.model.chunked: frozen.
    conn = db.conn
    conn.execute(
        "CREATE TABLE document_chunks ("
        " document_id INTEGER NOT NULL REFERENCES documents (id),"
        " number INTEGER NOT NULL,"  # 0, 1, 2 ... in text order
        " start INTEGER NOT NULL,"  # code-point offset of the chunk's first character
        " text TEXT NOT NULL,"  # last: reading number and start never walks the text's pages
        " PRIMARY KEY (document_id, number))"
    )
    size = 65536
    for (document_id,) in conn.execute("SELECT id FROM documents ORDER BY id").fetchall():
        (text,) = conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
        starts = range(0, len(text), size) if text else range(1)
        conn.executemany(
            "INSERT INTO document_chunks (document_id, number, start, text) VALUES (?, ?, ?, ?)",
            ((document_id, number, start, text[start:start + size]) for number, start in enumerate(starts)),
        )


MIGRATIONS = [
    ("initial schema", _initial_schema),
    ("annotation attributes and origin, attribute types, rejected suggestions", _attributes),
    ("block index of each document, so that big documents open at once", _block_index),
    ("tombstones: who deleted which annotation or link, and when", _tombstones),
    ("ratings on claims (ClaimReview) and speakers on attributions", _ratings_and_speakers),
    ("full-text search over the documents (FTS5)", _search),
    ("the original bytes of each document, with the extractor that read them", _document_originals),
    ("each text in chunks with their offsets, so the reader's first screen reads only the first", _text_chunks),
]
SCHEMA_VERSION = len(MIGRATIONS)


def apply(conn, db, version: int, now: str) -> None:
    """Run the migrations after ``version`` inside the caller's transaction, recording each."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'migrations'").fetchone():
        db["migrations"].create({"version": int, "name": str, "applied": str}, pk="version")
    for number, (name, migrate) in enumerate(MIGRATIONS[version:], start=version + 1):
        migrate(db)
        db["migrations"].insert({"version": number, "name": name, "applied": now})
