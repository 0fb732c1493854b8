"""Documents: adding (and superseding) them, finding them, their text and block index, orphans."""

from __future__ import annotations

import json
import zlib
from array import array
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from ..model.entities import Annotation, Document
from ..model.text import context, utc_now
from .connection import StoreError, columns

DOCUMENT_COLUMNS = ("id", "path", "title", "source", "language", "sha256", "length", "newline", "added")


def document_identity(doc) -> str:
    """What makes two imports the same document (so the second is a new version of it).

    A URL stays as fetched: ``Path`` would collapse its ``//``. Standard input has no
    name but its title.
    """
    url = (doc.metadata or {}).get("url")
    if isinstance(url, str) and url:
        return url
    if str(doc.path) == "-":
        return f"stdin:{doc.title}"
    return str(Path(doc.path).resolve())


def _json_value(value):
    # A manifest.toml may write `published = 2025-09-03` unquoted: TOML gives a date.
    if isinstance(value, (date, time)):
        return value.isoformat()
    raise TypeError(f"metadata value of type {type(value).__name__} cannot be stored")


def _kept_options(options: dict | None) -> dict:
    # Only what changes the text is kept: None and False are what a plain import does.
    return {key: value for key, value in (options or {}).items() if value not in (None, False, "", {})}


@dataclass(frozen=True)
class Added:
    """What :meth:`DocumentsMixin.add_document` did: ``added``, ``unchanged`` or ``changed``."""

    status: str
    document_id: int
    reanchored: dict = field(default_factory=dict)  # kept / moved / orphaned, for a changed document


class DocumentsMixin:
    def add_document(self, doc, *, replace: int | None = None, options: dict | None = None) -> Added:
        """Store a :class:`~tui.ingest.DocumentFile`, with its original bytes when it has them.

        A changed file (same identity, new content) becomes a new document; the old version
        and its text stay, and its annotations are re-anchored in the new text. The identity
        is the resolved path of a file, the URL of a page (as fetched, after redirects) and
        ``stdin:TITLE`` for standard input.

        ``replace`` (reextract): the new version of that document, even with the same
        sha256; ``unchanged`` when its text is the same. ``options`` is what besides the
        bytes decided the text (``as_text``, ``encoding``, ``http_charset``), kept with the
        original so that a re-extraction reads it the same way.
        """
        path = document_identity(doc)
        if replace is not None:
            old = self.document(replace)
            newer = self.conn.execute("SELECT superseded_by FROM documents WHERE id = ?", (replace,)).fetchone()[0]
            if newer is not None:
                # Two current versions of one document would follow: the newer one is the one to replace.
                raise StoreError(f"document {replace} is an old version (the current one is {newer}); "
                                 f"re-extract that one")
            if self.text(replace) == doc.text:
                return Added("unchanged", replace)
            previous: tuple | None = (replace,)
            path = old.path  # a re-extraction is the same document, wherever it came from
        else:
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
                    doc.newline, doc.encoding, json.dumps(doc.metadata, ensure_ascii=False, default=_json_value), utc_now(),
                ),
            )
            new = cursor.lastrowid
            self._save_blocks(new, doc.text)
            original = getattr(doc, "original", b"")
            if original:
                self.conn.execute(
                    "INSERT INTO document_originals (document_id, format, extractor, extractor_version, options,"
                    " compression, size, bytes) VALUES (?, ?, ?, ?, ?, 'zlib', ?, ?)",
                    (new, doc.format, doc.extractor or "unknown", doc.extractor_version or "",
                     json.dumps(_kept_options(options), ensure_ascii=False, sort_keys=True, default=_json_value), len(original),
                     zlib.compress(original, 6)),
                )
            self._save_chunks(new, doc.text)
            moved: dict[str, int] = {}
            if previous:
                self.conn.execute("UPDATE documents SET superseded_by = ? WHERE id = ?", (new, previous[0]))
                moved = self._reanchor_all(previous[0], new, doc.text)
        return Added("changed" if previous else "added", new, moved)

    def original(self, document_id: int) -> tuple[bytes, str, dict]:
        """The bytes a document was extracted from, their format and the options it was read with."""
        self.document(document_id)  # "no document with id N" before "no kept original"
        row = self.conn.execute(
            "SELECT format, options, compression, bytes FROM document_originals WHERE document_id = ?",
            (document_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"document {document_id} has no kept original (imported before originals were kept)")
        format, options, compression, data = row
        if compression != "zlib":
            raise StoreError(f"document {document_id}: unknown compression {compression!r} of its original")
        try:
            options = json.loads(options or "{}")
        except ValueError:
            options = {}
        return zlib.decompress(data), format, options if isinstance(options, dict) else {}

    def extraction(self, document_id: int) -> dict | None:
        """How a document's text was made: format, extractor, extractor_version, size (bytes), or None."""
        row = self.conn.execute(
            "SELECT format, extractor, extractor_version, size FROM document_originals WHERE document_id = ?",
            (document_id,),
        ).fetchone()
        if row is None:
            return None
        return dict(zip(("format", "extractor", "extractor_version", "size"), row))

    def _reanchor_all(self, old_id: int, new_id: int, text: str) -> dict[str, int]:
        """Move a changed document's annotations to its new version; mark the lost ones orphaned."""
        from ..model.anchoring import plan_reanchoring

        moves, orphans, counts = plan_reanchoring(text, self.annotations(old_id))
        for annotation_id in orphans:
            self.conn.execute("UPDATE annotations SET status = 'orphaned' WHERE id = ?", (annotation_id,))
        for annotation_id, start, end in moves:
            self._move(annotation_id, new_id, text, start, end)
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
        from .annotations import ANNOTATION_COLUMNS

        sql = f"SELECT {', '.join('a.' + chr(34) + c + chr(34) for c in ANNOTATION_COLUMNS)} FROM annotations a"
        sql += " JOIN documents d ON d.id = a.document_id WHERE a.status = 'orphaned'"
        params: tuple = ()
        if path is not None:
            sql += " AND d.path = ?"
            params = (path,)
        return [Annotation(*row) for row in self.conn.execute(sql + " ORDER BY a.start", params)]

    def _save_blocks(self, document_id: int, text: str):
        from ..model.layout import MAX_BLOCK, block_index

        starts, ends = block_index(text)
        self.conn.execute(
            "INSERT OR REPLACE INTO document_blocks (document_id, max_block, starts, ends) VALUES (?, ?, ?, ?)",
            (document_id, MAX_BLOCK, starts.tobytes(), ends.tobytes()),
        )
        return starts, ends

    def _save_chunks(self, document_id: int, text: str) -> None:
        from ..model.chunked import chunk_spans

        self.conn.executemany(
            "INSERT INTO document_chunks (document_id, number, start, text) VALUES (?, ?, ?, ?)",
            ((document_id, number, start, text[start:end])
             for number, (start, end) in enumerate(chunk_spans(len(text)))),
        )

    def chunk_starts(self, document_id: int) -> list[int]:
        """Where each of the document's text chunks starts (code points), in order.

        Chunks have one size within a document (the last may be shorter), so two row
        look-ups answer: reading every chunk's row would touch a page per chunk (3,000
        pages for 200 MB, 0.3 s from a cold cache).
        """
        row = self.conn.execute("SELECT length FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise StoreError(f"no document with id {document_id}")
        second = self.conn.execute(
            "SELECT start FROM document_chunks WHERE document_id = ? AND number = 1", (document_id,)).fetchone()
        if second is None:
            return [0]
        return list(range(0, row[0], second[0]))

    def text_chunk(self, document_id: int, number: int) -> str:
        """Chunk ``number`` of the document's text (see :meth:`chunk_starts`)."""
        row = self.conn.execute(
            "SELECT text FROM document_chunks WHERE document_id = ? AND number = ?", (document_id, number)
        ).fetchone()
        if row is None:
            raise StoreError(f"document {document_id} has no text chunk {number}")
        return row[0]

    def chunked_text(self, document_id: int, cache_size: int = 64):
        """The document's text as a :class:`~tui.model.chunked.ChunkedText`: ``len``, indexing and
        slices read only the chunks they touch (the reader's first screen reads one)."""
        from ..model.chunked import ChunkedText

        starts = self.chunk_starts(document_id)
        length = self.conn.execute("SELECT length FROM documents WHERE id = ?", (document_id,)).fetchone()[0]
        return ChunkedText(length, starts,
                           lambda number: self.text_chunk(document_id, number), cache_size)

    def blocks(self, document_id: int, text: str):
        """The document's block index (see tui.model.layout), stored at import; made and
        saved here for documents imported before there was one."""
        from ..model.layout import MAX_BLOCK

        row = self.conn.execute(
            "SELECT max_block, starts, ends FROM document_blocks WHERE document_id = ?", (document_id,)
        ).fetchone()
        if row and row[0] == MAX_BLOCK:
            starts, ends = array("q"), array("q")
            starts.frombytes(row[1])
            ends.frombytes(row[2])
            return starts, ends
        if self.readonly:
            from ..model.layout import block_index

            return block_index(text)
        with self.transaction():
            return self._save_blocks(document_id, text)

    def documents(self, include_superseded: bool = False) -> list[Document]:
        where = "" if include_superseded else "WHERE superseded_by IS NULL"
        rows = self.conn.execute(f"SELECT {columns(DOCUMENT_COLUMNS)} FROM documents {where} ORDER BY id").fetchall()
        return [Document(*row) for row in rows]

    def document(self, document_id: int) -> Document:
        row = self.conn.execute(
            f"SELECT {columns(DOCUMENT_COLUMNS)} FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"no document with id {document_id}")
        return Document(*row)

    def find_document(self, ref: str) -> Document:
        """A document by id, path, file name or sha256 prefix (at least 8 hex digits)."""
        ref = str(ref)
        if ref.isdigit():
            return self.document(int(ref))
        found = self.match_document(ref=ref, path=ref, name=ref, sha256_prefix=ref)
        if found is None:
            raise StoreError(f"no document {ref!r} (see: diptych docs)")
        return found

    def match_document(self, *, sha256: str | None = None, path: str | None = None, name: str | None = None,
                       sha256_prefix: str | None = None, ref: str | None = None) -> Document | None:
        """The one document that matches, trying sha256 (an older version of a changed
        document still answers to its own hash), then path, then file name, then a sha256
        prefix of 8+ hex digits, among current documents; None if none matches; an error
        if one test matches several."""
        if sha256:
            row = self.conn.execute(
                f"SELECT {columns(DOCUMENT_COLUMNS)} FROM documents WHERE sha256 = ?"
                " ORDER BY superseded_by IS NOT NULL, id LIMIT 1", (sha256,)
            ).fetchone()
            if row:
                return Document(*row)
        docs = self.documents()
        tests = []
        if path:
            resolved = str(Path(path).resolve())
            tests.append(lambda d: d.path in (path, resolved))
        if name:
            tests.append(lambda d: Path(d.path).name == Path(name).name)
        if sha256_prefix and len(sha256_prefix) >= 8:
            tests.append(lambda d: d.sha256.startswith(sha256_prefix.lower()))
        for test in tests:
            hits = [d for d in docs if test(d)]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                ids = ", ".join(str(d.id) for d in hits)
                raise StoreError(f"{ref or path or name!r} matches several documents ({ids}); use an id")
        return None

    def document_metadata(self, document_id: int) -> dict:
        """The document's metadata (manifest or extractor fields: url, published, author, ...)."""
        row = self.conn.execute("SELECT metadata FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise StoreError(f"no document with id {document_id}")
        try:
            value = json.loads(row[0] or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def text(self, document_id: int) -> str:
        row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise StoreError(f"no document with id {document_id}")
        return row[0]

    def document_counts(self) -> list[tuple[Document, int]]:
        counts = dict(
            self.conn.execute("SELECT document_id, count(*) FROM annotations GROUP BY document_id").fetchall()
        )
        return [(doc, counts.get(doc.id, 0)) for doc in self.documents()]

    def documents_metadata(self, include_superseded: bool = False) -> dict[int, dict]:
        """Every document's metadata by id, in one query (for listing them)."""
        where = "" if include_superseded else "WHERE superseded_by IS NULL"
        found: dict[int, dict] = {}
        for document_id, raw in self.conn.execute(f"SELECT id, metadata FROM documents {where}"):
            try:
                value = json.loads(raw or "{}")
            except ValueError:
                value = {}
            found[document_id] = value if isinstance(value, dict) else {}
        return found
