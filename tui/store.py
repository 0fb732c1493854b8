"""The SQLite store: the only module that imports sqlite-utils or writes SQL.

One file holds documents (with the full text all offsets refer to), labels,
annotations and links. Every user action is its own committed transaction, taken
with ``BEGIN IMMEDIATE`` so that two writers queue on the busy timeout instead of
failing with "database is locked".
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .model.spans import Annotation
from .model.text import context, new_id, utc_now

SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"

DEFAULT_LABELS = [
    {
        "name": "claim",
        "key": "c",
        "color": "#2f6db5",
        "mark": "underline",
        "description": "A checkable statement of fact, figure, cause or prediction.",
        "position": 1,
    },
    {
        "name": "attribution",
        "key": "a",
        "color": "#b5622f",
        "mark": "bold",
        "description": "Who says it: the source and the cue, as in 'Klein notes'.",
        "position": 2,
    },
]
MARKS = ("underline", "bold", "italic", "strike", "overline")

ANNOTATION_COLUMNS = (
    "id", "document_id", "start", "end", "label", "exact", "prefix", "suffix",
    "note", "annotator", "created", "modified", "status", "attributes", "origin",
)
# Text order within each document, straight from the (document_id, start) index, which
# carries the rowid: no sort step even for a million rows. Ties keep insertion order.
EXPORT_ORDER = "a.document_id, a.start, a.rowid"
LINK_COLUMNS = (
    "id", "source_id", "target_id", "relation", "note", "annotator", "created", "modified",
)


@dataclass(frozen=True)
class Added:
    """What :meth:`Store.add_document` did: ``added``, ``unchanged`` or ``changed``."""

    status: str
    document_id: int
    reanchored: dict = field(default_factory=dict)  # kept / moved / orphaned, for a changed document


class StoreError(Exception):
    """A problem the user can act on, said in one line."""


@dataclass
class Document:
    id: int
    path: str
    title: str
    source: str
    language: str
    sha256: str
    length: int
    newline: str
    added: str


def _create_schema_v1(db) -> None:
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
    db["labels"].insert_all(DEFAULT_LABELS)
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


def _add_attributes_v2(db) -> None:
    import json as _json

    from .model.relations import ATTRIBUTE_TYPES

    db["annotations"].add_column("attributes", str, not_null_default="{}")
    db["annotations"].add_column("origin", str, not_null_default="manual")
    db["attribute_types"].create(
        {"name": str, "label": str, "multi": int, "key": str, "values": str, "description": str}, pk="name"
    )
    db["attribute_types"].insert_all(
        [{**row, "values": _json.dumps(row["values"])} for row in ATTRIBUTE_TYPES]
    )
    db["rejected_suggestions"].create(
        {"document_id": int, "label": str, "start": int, "end": int, "created": str},
        pk=("document_id", "label", "start", "end"),
    )


def _add_block_index_v3(db) -> None:
    db["document_blocks"].create(
        {"document_id": int, "max_block": int, "starts": bytes, "ends": bytes}, pk="document_id",
        foreign_keys=[("document_id", "documents", "id")],
    )


# Each migration takes the database from version N-1 to N; append, never edit.
MIGRATIONS = [
    ("initial schema", _create_schema_v1),
    ("annotation attributes and origin, attribute types, rejected suggestions", _add_attributes_v2),
    ("block index of each document, so that big documents open at once", _add_block_index_v3),
]
assert len(MIGRATIONS) == SCHEMA_VERSION


class Store:
    """A Diptych database. Use :meth:`open`; close it with :meth:`close`."""

    def __init__(self, conn: sqlite3.Connection, path: str, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly

    @cached_property
    def db(self):
        """sqlite-utils on the same connection, imported only when needed (it costs ~0.1 s)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # Opening ---------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = True, readonly: bool = False) -> "Store":
        """Open (and if needed create and migrate) the database at ``path``; ``readonly`` never writes."""
        path = os.fspath(path)
        exists = os.path.exists(path)
        if exists:
            if os.path.isdir(path):
                raise StoreError(f"{path}: is a folder, not a database")
            _check_header(path)
        elif not create:
            raise StoreError(f"{path}: no such database (import documents first: diptych import PATH)")
        folder = os.path.dirname(os.path.abspath(path))
        readonly = readonly or (exists and not (os.access(path, os.W_OK) and os.access(folder, os.W_OK)))
        if not exists and not os.access(folder, os.W_OK):
            raise StoreError(f"{path}: cannot create the database here (folder not writable)")
        try:
            if readonly:
                conn = sqlite3.connect(
                    f"file:{Path(path).absolute().as_posix()}?mode=ro", uri=True,
                    timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                )
            else:
                conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
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
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer Diptych (schema {version}, this one knows {SCHEMA_VERSION}); upgrade diptych"
            )
        if version == SCHEMA_VERSION:
            return
        if version == 0 and self.conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]:
            raise StoreError(f"{self.path}: an SQLite database, but not a Diptych one (refusing to change it)")
        if self.readonly:
            raise StoreError(f"{self.path}: read-only and needs a schema upgrade; open it writable once")
        with self.transaction():
            if not self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'migrations'").fetchone():
                self.db["migrations"].create({"version": int, "name": str, "applied": str}, pk="version")
            for number, (name, migrate) in enumerate(MIGRATIONS[version:], start=version + 1):
                migrate(self.db)
                self.db["migrations"].insert({"version": number, "name": name, "applied": utc_now()})
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, committed on exit (rolled back on error)."""
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

    # Documents ---------------------------------------------------------------------
    def add_document(self, doc) -> "Added":
        """Store a :class:`~tui.ingest.DocumentFile`.

        A changed file (same path, new content) becomes a new document; the old version
        and its text stay, and its annotations are re-anchored in the new text.
        """
        path = str(Path(doc.path).resolve())
        same = self.conn.execute(
            "SELECT id FROM documents WHERE sha256 = ? AND superseded_by IS NULL ORDER BY id LIMIT 1",
            (doc.sha256,),
        ).fetchone()
        if same:
            return Added("unchanged", same[0])
        previous = self.conn.execute(
            "SELECT id FROM documents WHERE path = ? AND superseded_by IS NULL ORDER BY id DESC LIMIT 1",
            (path,),
        ).fetchone()
        with self.transaction():
            cursor = self.conn.execute(
                "INSERT INTO documents (path, title, source, language, sha256, text, length, newline,"
                " encoding, metadata, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    path, doc.title, doc.source, doc.language, doc.sha256, doc.text, len(doc.text),
                    doc.newline, doc.encoding, json.dumps(doc.metadata, ensure_ascii=False), utc_now(),
                ),
            )
            new = cursor.lastrowid
            self._save_blocks(new, doc.text)
            moved = {}
            if previous:
                self.conn.execute("UPDATE documents SET superseded_by = ? WHERE id = ?", (new, previous[0]))
                moved = self._reanchor_all(previous[0], new, doc.text)
        return Added("changed" if previous else "added", new, moved)

    def _reanchor_all(self, old_id: int, new_id: int, text: str) -> dict[str, int]:
        """Move a changed document's annotations to its new version; mark the lost ones orphaned."""
        from .model.anchoring import reanchor

        counts = {"kept": 0, "moved": 0, "orphaned": 0}
        for a in self.annotations(old_id):
            found = reanchor(text, a.exact, a.prefix, a.suffix, a.start, a.end) if a.status != "orphaned" else None
            if found is None:
                self.conn.execute("UPDATE annotations SET status = 'orphaned' WHERE id = ?", (a.id,))
                counts["orphaned"] += 1
                continue
            start, end, _score = found
            counts["kept" if (start, end) == (a.start, a.end) and text[start:end] == a.exact else "moved"] += 1
            self._move(a.id, new_id, text, start, end)
        return counts

    def _move(self, annotation_id: str, document_id: int, text: str, start: int, end: int) -> None:
        prefix, suffix = context(text, start, end)
        self.conn.execute(
            'UPDATE annotations SET document_id = ?, start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ?,'
            " status = 'anchored', modified = ? WHERE id = ?",
            (document_id, start, end, text[start:end], prefix, suffix, utc_now(), annotation_id),
        )

    def reattach(self, annotation_id: str, document_id: int, start: int, end: int) -> None:
        """Put an (orphaned) annotation on ``[start, end)`` of a document, by hand."""
        text = self.text(document_id)
        if not 0 <= start < end <= len(text):
            raise StoreError(f"span {start}:{end} is outside the text (0:{len(text)}) or empty")
        self.annotation(annotation_id)
        with self.transaction():
            self._move(annotation_id, document_id, text, start, end)

    def orphans(self, path: str | None = None) -> list[Annotation]:
        """Orphaned annotations (of the versions of the document at ``path``, if given)."""
        sql = f"SELECT {', '.join('a.' + chr(34) + c + chr(34) for c in ANNOTATION_COLUMNS)} FROM annotations a"
        sql += " JOIN documents d ON d.id = a.document_id WHERE a.status = 'orphaned'"
        params: tuple = ()
        if path is not None:
            sql += " AND d.path = ?"
            params = (path,)
        return [Annotation(*row) for row in self.conn.execute(sql + " ORDER BY a.start", params)]

    def _save_blocks(self, document_id: int, text: str):
        from .model.layout import MAX_BLOCK, block_index

        starts, ends = block_index(text)
        self.conn.execute(
            "INSERT OR REPLACE INTO document_blocks (document_id, max_block, starts, ends) VALUES (?, ?, ?, ?)",
            (document_id, MAX_BLOCK, starts.tobytes(), ends.tobytes()),
        )
        return starts, ends

    def blocks(self, document_id: int, text: str):
        """The document's block index (see tui.model.layout), stored at import; made and
        saved here for documents imported before there was one."""
        from array import array

        from .model.layout import MAX_BLOCK

        row = self.conn.execute(
            "SELECT max_block, starts, ends FROM document_blocks WHERE document_id = ?", (document_id,)
        ).fetchone()
        if row and row[0] == MAX_BLOCK:
            starts, ends = array("q"), array("q")
            starts.frombytes(row[1])
            ends.frombytes(row[2])
            return starts, ends
        if self.readonly:
            from .model.layout import block_index

            return block_index(text)
        with self.transaction():
            return self._save_blocks(document_id, text)

    def documents(self, include_superseded: bool = False) -> list[Document]:
        where = "" if include_superseded else "WHERE superseded_by IS NULL"
        rows = self.conn.execute(
            "SELECT id, path, title, source, language, sha256, length, newline, added"
            f" FROM documents {where} ORDER BY id"
        ).fetchall()
        return [Document(*row) for row in rows]

    def document(self, document_id: int) -> Document:
        row = self.conn.execute(
            "SELECT id, path, title, source, language, sha256, length, newline, added"
            " FROM documents WHERE id = ?",
            (document_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no document with id {document_id}")
        return Document(*row)

    def find_document(self, ref: str) -> Document:
        """A document by id, path, file name or sha256 prefix (at least 8 hex digits)."""
        ref = str(ref)
        if ref.isdigit():
            return self.document(int(ref))
        docs = self.documents()
        resolved = str(Path(ref).resolve())
        for test in (
            lambda d: d.path == resolved,
            lambda d: Path(d.path).name == ref,
            lambda d: len(ref) >= 8 and d.sha256.startswith(ref.lower()),
        ):
            hits = [d for d in docs if test(d)]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                ids = ", ".join(str(d.id) for d in hits)
                raise StoreError(f"{ref!r} matches several documents ({ids}); use an id")
        raise StoreError(f"no document {ref!r} (see: diptych docs)")

    def text(self, document_id: int) -> str:
        row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise StoreError(f"no document with id {document_id}")
        return row[0]

    def document_counts(self) -> list[tuple[Document, int]]:
        counts = dict(
            self.conn.execute(
                "SELECT document_id, count(*) FROM annotations GROUP BY document_id"
            ).fetchall()
        )
        return [(doc, counts.get(doc.id, 0)) for doc in self.documents()]

    # Labels ------------------------------------------------------------------------
    def labels(self) -> list[dict]:
        columns = ("name", "key", "color", "mark", "description", "position")
        rows = self.conn.execute(f"SELECT {_columns(columns)} FROM labels ORDER BY position, name")
        return [dict(zip(columns, row)) for row in rows]

    def add_label(self, name: str, key: str, color: str, mark: str, description: str = "") -> None:
        if any(label["name"] == name for label in self.labels()):
            raise StoreError(f"label {name!r} exists already")
        if any(label["key"] == key for label in self.labels()):
            raise StoreError(f"key {key!r} is taken by another label")
        position = 1 + max((label["position"] or 0 for label in self.labels()), default=0)
        with self.transaction():
            self.db["labels"].insert(
                {"name": name, "key": key, "color": color, "mark": mark,
                 "description": description, "position": position}
            )

    def _check_label(self, label: str) -> None:
        if not self.conn.execute("SELECT 1 FROM labels WHERE name = ?", (label,)).fetchone():
            names = ", ".join(row["name"] for row in self.labels())
            raise StoreError(f"unknown label {label!r} (labels: {names})")

    # Annotations -------------------------------------------------------------------
    def create_annotation(
        self,
        document_id: int,
        text: str,
        start: int,
        end: int,
        label: str,
        annotator: str,
        note: str = "",
        attributes: dict | None = None,
        origin: str = "manual",
    ) -> Annotation:
        """Store a new span over ``text`` (the document's text) and commit it."""
        if not 0 <= start < end <= len(text):
            raise StoreError(f"span {start}:{end} is outside the text (0:{len(text)}) or empty")
        self._check_label(label)
        attributes_json = json.dumps(self._checked_attributes(label, attributes or {}), ensure_ascii=False)
        prefix, suffix = context(text, start, end)
        now = utc_now()
        annotation = Annotation(
            id=new_id(), document_id=document_id, start=start, end=end, label=label,
            exact=text[start:end], prefix=prefix, suffix=suffix, note=note,
            annotator=annotator, created=now, modified=now, attributes=attributes_json, origin=origin,
        )
        with self.transaction():
            self._insert_annotation(annotation)
        return annotation

    def _insert_annotation(self, a: Annotation) -> None:
        self.conn.execute(
            f"INSERT INTO annotations ({_columns(ANNOTATION_COLUMNS)})"
            f" VALUES ({', '.join('?' * len(ANNOTATION_COLUMNS))})",
            tuple(getattr(a, column) for column in ANNOTATION_COLUMNS),
        )

    def _replace_annotation(self, a: Annotation) -> None:
        """Overwrite an annotation in place (its links keep pointing at it)."""
        columns = ANNOTATION_COLUMNS[1:]
        self.conn.execute(
            f"UPDATE annotations SET {', '.join(f'{chr(34)}{c}{chr(34)} = ?' for c in columns)} WHERE id = ?",
            (*(getattr(a, c) for c in columns), a.id),
        )

    def annotation(self, annotation_id: str) -> Annotation:
        row = self.conn.execute(
            f"SELECT {_columns(ANNOTATION_COLUMNS)} FROM annotations WHERE id = ?", (annotation_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"no annotation {annotation_id!r}")
        return Annotation(*row)

    def annotations(self, document_id: int) -> list[Annotation]:
        """A document's annotations in text order."""
        rows = self.conn.execute(
            f"SELECT {_columns(ANNOTATION_COLUMNS)} FROM annotations WHERE document_id = ?"
            ' ORDER BY start, "end", id',
            (document_id,),
        )
        return [Annotation(*row) for row in rows]

    def delete_annotation(self, annotation_id: str) -> tuple[Annotation, list[dict]]:
        """Delete an annotation and its links in one transaction; return both for undo."""
        annotation = self.annotation(annotation_id)
        links = self.links_of([annotation_id])
        with self.transaction():
            self.conn.execute(
                "DELETE FROM links WHERE source_id = ? OR target_id = ?", (annotation_id, annotation_id)
            )
            self.conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
        return annotation, links

    def restore_annotation(self, annotation: Annotation, links: Iterable[dict] = ()) -> None:
        """Put back an annotation (and links) exactly as :meth:`delete_annotation` returned them."""
        with self.transaction():
            self._insert_annotation(annotation)
            for link in links:
                self._insert_link(link)

    def set_note(self, annotation_id: str, note: str) -> tuple[str, str]:
        """Change a note; returns the (note, modified) it had, for undo."""
        old = self.annotation(annotation_id)
        with self.transaction():
            self.conn.execute(
                "UPDATE annotations SET note = ?, modified = ? WHERE id = ?",
                (note, utc_now(), annotation_id),
            )
        return old.note, old.modified

    def restore_note(self, annotation_id: str, note: str, modified: str) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE annotations SET note = ?, modified = ? WHERE id = ?", (note, modified, annotation_id)
            )

    # Attributes ----------------------------------------------------------------------
    def attribute_types(self, label: str | None = None) -> list[dict]:
        rows = self.conn.execute(
            'SELECT name, label, multi, key, "values", description FROM attribute_types ORDER BY rowid'
        ).fetchall()
        types = [
            {"name": r[0], "label": r[1], "multi": bool(r[2]), "key": r[3], "values": json.loads(r[4]),
             "description": r[5]}
            for r in rows
        ]
        return [t for t in types if label is None or t["label"] == label]

    def _checked_attributes(self, label: str, attributes: dict) -> dict:
        types = {t["name"]: t for t in self.attribute_types()}
        checked = {}
        for name, value in attributes.items():
            kind = types.get(name)
            if kind is None:
                raise StoreError(f"unknown attribute {name!r} (attributes: {', '.join(types)})")
            if kind["label"] != label:
                raise StoreError(f"attribute {name} is for {kind['label']} annotations, not {label}")
            values = value if isinstance(value, list) else [value]
            bad = [v for v in values if v not in kind["values"]]
            if bad:
                raise StoreError(f"{name} cannot be {bad[0]!r} (one of: {', '.join(kind['values'])})")
            if not kind["multi"] and len(values) > 1:
                raise StoreError(f"{name} takes one value")
            if values:
                checked[name] = sorted(set(values), key=kind["values"].index) if kind["multi"] else values[0]
        return checked

    def set_attributes(self, annotation_id: str, attributes: dict) -> tuple[str, str]:
        """Replace an annotation's attributes; returns the (attributes JSON, modified) it had."""
        old = self.annotation(annotation_id)
        value = json.dumps(self._checked_attributes(old.label, attributes), ensure_ascii=False)
        with self.transaction():
            self.conn.execute(
                "UPDATE annotations SET attributes = ?, modified = ? WHERE id = ?", (value, utc_now(), annotation_id)
            )
        return old.attributes, old.modified

    def restore_attributes(self, annotation_id: str, attributes_json: str, modified: str) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE annotations SET attributes = ?, modified = ? WHERE id = ?",
                (attributes_json, modified, annotation_id),
            )

    # Links -------------------------------------------------------------------------
    def create_link(
        self, source_id: str, target_id: str, relation: str, annotator: str, note: str = ""
    ) -> dict:
        """Link two annotations (an attribution always becomes the source); commit it."""
        from .model.relations import RelationError, check_relation, orient

        source, target = self.annotation(source_id), self.annotation(target_id)
        if source.id == target.id:
            raise StoreError("an annotation cannot be linked to itself")
        if orient(source.label, target.label):
            source, target = target, source
        try:
            kind = check_relation(relation, source.label, target.label)
        except RelationError as exc:
            raise StoreError(str(exc)) from None
        pairs = [(source.id, target.id)] + ([(target.id, source.id)] if kind.symmetric else [])
        for a, b in pairs:
            if self.conn.execute(
                "SELECT 1 FROM links WHERE source_id = ? AND target_id = ? AND relation = ?", (a, b, relation)
            ).fetchone():
                raise StoreError(f"these two are already linked as {relation}")
        now = utc_now()
        link = {"id": new_id(), "source_id": source.id, "target_id": target.id, "relation": relation,
                "note": note, "annotator": annotator, "created": now, "modified": now}
        with self.transaction():
            self._insert_link(link)
        return link

    def link(self, link_id: str) -> dict:
        row = self.conn.execute(f"SELECT {_columns(LINK_COLUMNS)} FROM links WHERE id = ?", (link_id,)).fetchone()
        if row is None:
            raise StoreError(f"no link {link_id!r}")
        return dict(zip(LINK_COLUMNS, row))

    def delete_link(self, link_id: str) -> dict:
        link = self.link(link_id)
        with self.transaction():
            self.conn.execute("DELETE FROM links WHERE id = ?", (link_id,))
        return link

    def restore_link(self, link: dict) -> None:
        with self.transaction():
            self._insert_link(link)

    def document_links(self, document_id: int) -> list[dict]:
        """Links touching a document, each with both ends' document, label and text."""
        sql = (
            "SELECT l.id, l.relation, l.note, s.id, s.document_id, s.label, s.exact, s.start,"
            " t.id, t.document_id, t.label, t.exact, t.start"
            " FROM links l JOIN annotations s ON s.id = l.source_id JOIN annotations t ON t.id = l.target_id"
            # Reach the links through the document's annotations (two indexed look-ups),
            # not by scanning every link in the database.
            " WHERE l.id IN (SELECT x.id FROM annotations a JOIN links x ON x.source_id = a.id WHERE a.document_id = ?"
            " UNION SELECT x.id FROM annotations a JOIN links x ON x.target_id = a.id WHERE a.document_id = ?)"
            " ORDER BY l.created, l.id"
        )
        result = []
        for row in self.conn.execute(sql, (document_id, document_id)):
            end = lambda i: {"id": row[i], "document_id": row[i + 1], "label": row[i + 2], "exact": row[i + 3],
                             "start": row[i + 4]}  # noqa: E731
            result.append({"id": row[0], "relation": row[1], "note": row[2], "source": end(3), "target": end(8)})
        return result

    # Suggestions -------------------------------------------------------------------------
    def reject_suggestion(self, document_id: int, label: str, start: int, end: int) -> None:
        with self.transaction():
            self.conn.execute(
                'INSERT OR IGNORE INTO rejected_suggestions (document_id, label, start, "end", created)'
                " VALUES (?, ?, ?, ?, ?)",
                (document_id, label, start, end, utc_now()),
            )

    def rejected_suggestions(self, document_id: int) -> set[tuple[str, int, int]]:
        rows = self.conn.execute(
            'SELECT label, start, "end" FROM rejected_suggestions WHERE document_id = ?', (document_id,)
        )
        return {tuple(row) for row in rows}

    def _insert_link(self, link: dict) -> None:
        self.conn.execute(
            f"INSERT INTO links ({_columns(LINK_COLUMNS)}) VALUES ({', '.join('?' * len(LINK_COLUMNS))})",
            tuple(link[column] for column in LINK_COLUMNS),
        )

    def links_of(self, annotation_ids: list[str]) -> list[dict]:
        """Links with either end among ``annotation_ids``."""
        if not annotation_ids:
            return []
        marks = ", ".join("?" * len(annotation_ids))
        rows = self.conn.execute(
            f"SELECT {_columns(LINK_COLUMNS)} FROM links"
            f" WHERE source_id IN ({marks}) OR target_id IN ({marks}) ORDER BY created, id",
            (*annotation_ids, *annotation_ids),
        )
        return [dict(zip(LINK_COLUMNS, row)) for row in rows]

    # Export and statistics -----------------------------------------------------------
    def export_rows(self, document_id: int | None = None, label: str | None = None) -> Iterator[dict]:
        """Every annotation with its document's path and sha256 and its links, in text order."""
        clause, params = _export_filter(document_id, label)
        columns = ", ".join(f'a."{c}"' for c in ANNOTATION_COLUMNS)
        sql = (
            f"SELECT {columns}, d.path, d.sha256, d.title, ({LINKS_JSON})"
            f" FROM annotations a JOIN documents d ON d.id = a.document_id {clause} ORDER BY {EXPORT_ORDER}"
        )
        cursor = self.conn.execute(sql, params)
        n = len(ANNOTATION_COLUMNS)
        for row in cursor:
            record = {"id": row[0], "document": {"id": row[1], "path": row[n], "sha256": row[n + 1], "title": row[n + 2]}}
            record.update(zip(ANNOTATION_COLUMNS[2:], row[2:n]))
            record["attributes"] = json.loads(record["attributes"])
            record["links"] = json.loads(row[n + 3])
            yield record

    def import_records(self, records: list[dict], default_annotator: str):
        """Bring in exported annotation records (and their links) in one transaction."""
        from .formats.jsonl_import import ImportReport

        report = ImportReport()
        documents = {d.sha256: d for d in self.documents(include_superseded=True) if d.sha256}
        labels = {row["name"] for row in self.labels()}
        texts: dict[int, str] = {}
        links: dict[str, dict] = {}
        with self.transaction():
            for record in records:
                problem = self._import_one(record, documents, labels, texts, default_annotator, report)
                if problem:
                    report.refused.append(f"{record.get('id', '?')}: {problem}")
                    continue
                for link in record.get("links") or []:
                    if isinstance(link, dict) and link.get("id") and link.get("other"):
                        ends = (record["id"], link["other"]) if link.get("direction") != "in" else (link["other"], record["id"])
                        links[link["id"]] = {
                            "id": link["id"], "source_id": ends[0], "target_id": ends[1],
                            "relation": link.get("relation", "related"), "note": link.get("note") or "",
                            "annotator": link.get("annotator") or default_annotator,
                            "created": link.get("created") or utc_now(), "modified": link.get("modified") or utc_now(),
                        }
            for link in links.values():
                if self.conn.execute("SELECT 1 FROM links WHERE id = ?", (link["id"],)).fetchone():
                    continue
                found = self.conn.execute(
                    "SELECT count(*) FROM annotations WHERE id IN (?, ?)", (link["source_id"], link["target_id"])
                ).fetchone()[0]
                if found != 2:
                    report.refused.append(f"link {link['id']}: an end is missing")
                    continue
                self._insert_link(link)
                report.links_added += 1
        return report

    def _import_one(self, record: dict, documents: dict, labels: set, texts: dict, default_annotator: str,
                    report) -> str | None:
        from .formats.jsonl_import import locate

        if not isinstance(record.get("id"), str) or not isinstance(record.get("exact"), str) or not record["exact"]:
            return "needs an id and the exact text"
        document = record.get("document") if isinstance(record.get("document"), dict) else {}
        doc = documents.get(document.get("sha256"))
        if doc is None:
            return f"its document ({document.get('path') or document.get('sha256') or '?'}) is not in the database; import it first"
        if record.get("label") not in labels:
            return f"unknown label {record.get('label')!r}"
        if doc.id not in texts:
            texts[doc.id] = self.text(doc.id)
        text = texts[doc.id]
        where = locate(text, record)
        if where is None:
            return "its text is not in the document (or is there several times with no context to choose)"
        start, end = where
        prefix, suffix = context(text, start, end)
        try:
            attributes = self._checked_attributes(record["label"], record.get("attributes") or {})
        except (StoreError, AttributeError) as exc:
            return f"bad attributes: {exc}"
        now = utc_now()
        annotation = Annotation(
            id=record["id"], document_id=doc.id, start=start, end=end, label=record["label"], exact=text[start:end],
            prefix=prefix, suffix=suffix, note=record.get("note") or "",
            annotator=record.get("annotator") or default_annotator, created=record.get("created") or now,
            modified=record.get("modified") or record.get("created") or now, status=record.get("status") or "anchored",
            attributes=json.dumps(attributes, ensure_ascii=False),
            origin=record.get("origin") or "import",
        )
        existing = self.conn.execute("SELECT modified FROM annotations WHERE id = ?", (annotation.id,)).fetchone()
        if existing and existing[0] >= annotation.modified:
            report.unchanged += 1
            return None
        if existing:
            self._replace_annotation(annotation)
            report.updated += 1
        else:
            report.added += 1
            self._insert_annotation(annotation)
        if (start, end) != (record.get("start"), record.get("end")):
            report.reanchored += 1
        return None

    def merge_from(self, other: "Store") -> dict:
        """Bring in another database: documents by sha256, annotations and links by id.

        The newer ``modified`` wins; the same ``modified`` with different content is a
        conflict and ours is kept. Deletions are not carried over. Running it twice
        changes nothing.
        """
        summary = {k: 0 for k in ("documents_added", "added", "updated", "unchanged", "conflicts",
                                  "links_added", "links_updated", "labels_added")}
        ours = {d.sha256: d.id for d in self.documents(include_superseded=True)}
        doc_map: dict[int, int] = {}
        with self.transaction():
            for label in other.labels():
                if not self.conn.execute("SELECT 1 FROM labels WHERE name = ?", (label["name"],)).fetchone():
                    taken = self.conn.execute("SELECT 1 FROM labels WHERE key = ?", (label["key"],)).fetchone()
                    self.db["labels"].insert({**label, "key": None if taken else label["key"]})
                    summary["labels_added"] += 1
            for doc in other.documents(include_superseded=True):
                if doc.sha256 in ours:
                    doc_map[doc.id] = ours[doc.sha256]
                    continue
                row = other.conn.execute(
                    "SELECT path, title, source, language, sha256, length, newline, encoding, metadata, added, text"
                    " FROM documents WHERE id = ?", (doc.id,)).fetchone()
                cursor = self.conn.execute(
                    "INSERT INTO documents (path, title, source, language, sha256, length, newline, encoding,"
                    " metadata, added, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
                doc_map[doc.id] = ours[doc.sha256] = cursor.lastrowid
                summary["documents_added"] += 1
            columns = _columns(ANNOTATION_COLUMNS)
            for row in other.conn.execute(f"SELECT {columns} FROM annotations ORDER BY id"):
                incoming = Annotation(*row)
                incoming.document_id = doc_map[incoming.document_id]
                mine = self.conn.execute(f"SELECT {columns} FROM annotations WHERE id = ?", (incoming.id,)).fetchone()
                if mine is None:
                    self._insert_annotation(incoming)
                    summary["added"] += 1
                    continue
                mine = Annotation(*mine)
                if mine == incoming:
                    summary["unchanged"] += 1
                elif incoming.modified > mine.modified:
                    self._replace_annotation(incoming)
                    summary["updated"] += 1
                elif incoming.modified == mine.modified:
                    summary["conflicts"] += 1
                else:
                    summary["unchanged"] += 1
            for row in other.conn.execute(f"SELECT {_columns(LINK_COLUMNS)} FROM links ORDER BY id"):
                link = dict(zip(LINK_COLUMNS, row))
                mine = self.conn.execute("SELECT modified FROM links WHERE id = ?", (link["id"],)).fetchone()
                if mine is None:
                    self._insert_link(link)
                    summary["links_added"] += 1
                elif link["modified"] > mine[0]:
                    self.conn.execute(
                        "UPDATE links SET relation = ?, note = ?, annotator = ?, modified = ? WHERE id = ?",
                        (link["relation"], link["note"], link["annotator"], link["modified"], link["id"]))
                    summary["links_updated"] += 1
        return summary

    def verify(self) -> dict:
        """Check the whole database; returns counts and up to 20 problems, described."""
        problems: list[str] = []
        integrity = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall()]
        if integrity != ["ok"]:
            problems += [f"integrity: {line}" for line in integrity[:5]]
        foreign = self.conn.execute("PRAGMA foreign_key_check").fetchall()
        problems += [f"foreign key: {row[0]} row {row[1]} points at a missing {row[2]}" for row in foreign[:5]]
        counts = {"documents": 0, "annotations": 0, "bad_spans": 0, "orphaned": 0, "links": 0, "dangling_links": 0}
        for doc in self.documents(include_superseded=True):
            counts["documents"] += 1
            text = self.text(doc.id)
            if len(text) != doc.length:
                problems.append(f"document {doc.id}: stored length {doc.length} but text has {len(text)}")
            for a in self.annotations(doc.id):
                counts["annotations"] += 1
                if a.status == "orphaned":
                    counts["orphaned"] += 1
                    continue
                if not (0 <= a.start < a.end <= len(text)) or text[a.start:a.end] != a.exact:
                    counts["bad_spans"] += 1
                    if len(problems) < 20:
                        problems.append(f"annotation {a.id}: text[{a.start}:{a.end}] is not its exact text")
        counts["links"] = self.conn.execute("SELECT count(*) FROM links").fetchone()[0]
        counts["dangling_links"] = self.conn.execute(
            "SELECT count(*) FROM links l WHERE NOT EXISTS (SELECT 1 FROM annotations a WHERE a.id = l.source_id)"
            " OR NOT EXISTS (SELECT 1 FROM annotations a WHERE a.id = l.target_id)"
        ).fetchone()[0]
        if counts["dangling_links"]:
            problems.append(f"{counts['dangling_links']} links with a missing end")
        return {"counts": counts, "problems": problems, "integrity": integrity == ["ok"]}

    def annotators(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT annotator FROM annotations ORDER BY annotator")]

    def export_json_chunks(self, document_id: int | None = None, label: str | None = None,
                           size: int = 10_000) -> Iterator[bytes]:
        """The same records as :meth:`export_rows` as JSON Lines: (UTF-8 chunk, lines in it).

        SQLite's JSON functions build each line in C, links are looked up only for the
        annotations that have any, the order comes straight from the (document, start)
        index, and the bytes are never decoded: a million rows stay within twice the time
        of the sqlite3 shell's own JSON mode.
        """
        clause, params = _export_filter(document_id, label)
        sql = (
            "SELECT json_object('id', a.id, 'document', json_object('id', d.id, 'path', d.path,"
            " 'sha256', d.sha256, 'title', d.title), 'start', a.start, 'end', a.\"end\", 'label', a.label,"
            " 'exact', a.exact, 'prefix', a.prefix, 'suffix', a.suffix, 'note', a.note, 'annotator', a.annotator,"
            " 'created', a.created, 'modified', a.modified, 'status', a.status, 'attributes', json(a.attributes),"
            " 'origin', a.origin, 'links', CASE WHEN a.id IN (SELECT source_id FROM links UNION ALL"
            f" SELECT target_id FROM links) THEN json(({LINKS_JSON})) ELSE json('[]') END)"
            f" FROM annotations a JOIN documents d ON d.id = a.document_id {clause} ORDER BY {EXPORT_ORDER}"
        )
        # A second, read-only connection returning bytes: decoding 400 MB to str only to
        # encode it again would double the cost.
        conn = sqlite3.connect(f"file:{Path(self.path).absolute().as_posix()}?mode=ro", uri=True)
        conn.text_factory = bytes
        try:
            cursor = conn.execute(sql, params)
            while rows := cursor.fetchmany(size):
                yield b"\n".join([row[0] for row in rows]) + b"\n", len(rows)
        finally:
            conn.close()

    def insert_annotations(self, annotations: Iterable[Annotation]) -> int:
        """Bulk insert in one transaction (imports, benchmarks); returns the count."""
        rows = (tuple(getattr(a, c) for c in ANNOTATION_COLUMNS) for a in annotations)
        with self.transaction():
            cursor = self.conn.executemany(
                f"INSERT INTO annotations ({_columns(ANNOTATION_COLUMNS)})"
                f" VALUES ({', '.join('?' * len(ANNOTATION_COLUMNS))})", rows)
        return cursor.rowcount

    def stats(self) -> list[tuple[int, str, str, int]]:
        """(document id, title, label, count) for every document and label with annotations."""
        return self.conn.execute(
            "SELECT d.id, d.title, a.label, count(*) FROM annotations a"
            " JOIN documents d ON d.id = a.document_id GROUP BY d.id, a.label ORDER BY d.id, a.label"
        ).fetchall()


# An annotation's links as a JSON array, made by SQLite (a correlated subquery on `a`).
LINKS_JSON = (
    "SELECT json_group_array(json_object('id', l.id, 'relation', l.relation, 'direction', l.dir,"
    " 'other', l.other, 'note', l.note, 'annotator', l.annotator, 'created', l.created,"
    " 'modified', l.modified)) FROM ("
    " SELECT id, relation, 'out' AS dir, target_id AS other, note, annotator, created, modified"
    " FROM links WHERE source_id = a.id UNION ALL"
    " SELECT id, relation, 'in' AS dir, source_id AS other, note, annotator, created, modified"
    " FROM links WHERE target_id = a.id ORDER BY created, id) AS l"
)


def _export_filter(document_id: int | None, label: str | None) -> tuple[str, list]:
    where, params = [], []
    if document_id is not None:
        where.append("a.document_id = ?")
        params.append(document_id)
    if label is not None:
        where.append("a.label = ?")
        params.append(label)
    return (f"WHERE {' AND '.join(where)}" if where else ""), params


def _columns(columns: Iterable[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _check_header(path: str) -> None:
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise StoreError(f"{path}: permission denied") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror}") from None
    if header and header != SQLITE_HEADER:
        raise StoreError(f"{path}: not an SQLite database (refusing to touch it)")
