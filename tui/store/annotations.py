"""Annotations: create, read, delete and restore; notes; attributes; rejected suggestions."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace

from ..model.attributes import AttributeValueError, check_attributes
from ..model.entities import Annotation, Link
from ..model.text import context, later_than, new_id, utc_now
from .connection import StoreError, columns

ANNOTATION_COLUMNS = (
    "id", "document_id", "start", "end", "label", "exact", "prefix", "suffix",
    "note", "annotator", "created", "modified", "status", "attributes", "origin",
)


class AnnotationsMixin:
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
        self.check_label(label)
        attributes_json = json.dumps(self.checked_attributes(label, attributes or {}), ensure_ascii=False)
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
            f"INSERT INTO annotations ({columns(ANNOTATION_COLUMNS)})"
            f" VALUES ({', '.join('?' * len(ANNOTATION_COLUMNS))})",
            tuple(getattr(a, column) for column in ANNOTATION_COLUMNS),
        )

    def _replace_annotation(self, a: Annotation) -> None:
        """Overwrite an annotation in place (its links keep pointing at it)."""
        names = ANNOTATION_COLUMNS[1:]
        self.conn.execute(
            f"UPDATE annotations SET {', '.join(f'{chr(34)}{c}{chr(34)} = ?' for c in names)} WHERE id = ?",
            (*(getattr(a, c) for c in names), a.id),
        )

    def annotation(self, annotation_id: str) -> Annotation:
        row = self.conn.execute(
            f"SELECT {columns(ANNOTATION_COLUMNS)} FROM annotations WHERE id = ?", (annotation_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"no annotation {annotation_id!r}")
        return Annotation(*row)

    def annotations(self, document_id: int) -> list[Annotation]:
        """A document's annotations in text order."""
        rows = self.conn.execute(
            f"SELECT {columns(ANNOTATION_COLUMNS)} FROM annotations WHERE document_id = ?"
            ' ORDER BY start, "end", id',
            (document_id,),
        )
        return [Annotation(*row) for row in rows]

    def annotations_starting_before(self, document_id: int, end: int) -> list[Annotation]:
        """A document's annotations that start before ``end``, in text order: all that a first
        screen of ``[0, end)`` can show (the index on (document_id, start) reads only those)."""
        rows = self.conn.execute(
            f"SELECT {columns(ANNOTATION_COLUMNS)} FROM annotations WHERE document_id = ? AND start < ?"
            ' ORDER BY start, "end", id',
            (document_id, end),
        )
        return [Annotation(*row) for row in rows]

    def annotation_count(self, document_id: int, annotator: str | None = None) -> int:
        """How many annotations a document has (by ``annotator``, if given)."""
        sql, params = "SELECT count(*) FROM annotations WHERE document_id = ?", (document_id,)
        if annotator is not None:
            sql, params = sql + " AND annotator = ?", (document_id, annotator)
        return self.conn.execute(sql, params).fetchone()[0]

    def delete_annotation(self, annotation_id: str, deleted_by: str | None = None) -> tuple[Annotation, list[Link]]:
        """Delete an annotation and its links in one transaction, leaving a tombstone for each
        (who and when, so that no merge brings them back); return both for undo."""
        annotation = self.annotation(annotation_id)
        links = self.links_of([annotation_id])
        now = utc_now()
        who = annotation.annotator if deleted_by is None else deleted_by
        with self.transaction():
            self._delete_annotation_rows(annotation, links, now, who)
        return annotation, links

    def _delete_annotation_rows(self, annotation: Annotation, links: list[Link], deleted: str, who: str) -> None:
        sha = self.conn.execute("SELECT sha256 FROM documents WHERE id = ?", (annotation.document_id,)).fetchone()
        for link in links:
            self.conn.execute("DELETE FROM links WHERE id = ?", (link.id,))
            self._bury("link", link, deleted, who)
        self.conn.execute("DELETE FROM annotations WHERE id = ?", (annotation.id,))
        self._bury("annotation", annotation, deleted, who, sha[0] if sha else "")

    def restore_annotation(self, annotation: Annotation, links: Iterable[Link] = ()) -> None:
        """Put back an annotation (and links) as :meth:`delete_annotation` returned them (undo
        of a delete). Their tombstones go, and ``modified`` becomes now: coming back is an
        edit after the deletion, so a merge with a database that saw the deletion keeps it."""
        links = list(links)
        ids = [annotation.id, *(link.id for link in links)]
        marks = ", ".join("?" * len(ids))
        latest = self.conn.execute(f"SELECT max(deleted) FROM tombstones WHERE id IN ({marks})", ids).fetchone()[0]
        now = later_than(latest) if latest else utc_now()  # the comeback must come after the deletion
        with self.transaction():
            self._insert_annotation(replace(annotation, modified=now))
            for link in links:
                self._insert_link(replace(link, modified=now))
            self._unbury([annotation.id, *(link.id for link in links)])

    def insert_annotations(self, annotations: Iterable[Annotation]) -> int:
        """Bulk insert in one transaction (imports, benchmarks); returns the count."""
        rows = (tuple(getattr(a, c) for c in ANNOTATION_COLUMNS) for a in annotations)
        with self.transaction():
            cursor = self.conn.executemany(
                f"INSERT INTO annotations ({columns(ANNOTATION_COLUMNS)})"
                f" VALUES ({', '.join('?' * len(ANNOTATION_COLUMNS))})", rows)
        return cursor.rowcount

    def annotators(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT annotator FROM annotations ORDER BY annotator")]

    # Notes -------------------------------------------------------------------------------
    def set_note(self, annotation_id: str, note: str) -> tuple[str, str]:
        """Change a note; returns the (note, modified) it had, for undo."""
        old = self.annotation(annotation_id)
        with self.transaction():
            self.conn.execute(
                "UPDATE annotations SET note = ?, modified = ? WHERE id = ?", (note, utc_now(), annotation_id)
            )
        return old.note, old.modified

    def restore_note(self, annotation_id: str, note: str, modified: str) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE annotations SET note = ?, modified = ? WHERE id = ?", (note, modified, annotation_id)
            )

    # Attributes ----------------------------------------------------------------------------
    def checked_attributes(self, label: str, attributes: dict) -> dict:
        try:
            return check_attributes(self.attribute_types(), label, attributes)
        except AttributeValueError as exc:
            raise StoreError(str(exc)) from None

    def set_attributes(self, annotation_id: str, attributes: dict) -> tuple[str, str]:
        """Replace an annotation's attributes; returns the (attributes JSON, modified) it had."""
        old = self.annotation(annotation_id)
        value = json.dumps(self.checked_attributes(old.label, attributes), ensure_ascii=False)
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

    # Suggestions the user turned down ---------------------------------------------------------
    def reject_suggestion(self, document_id: int, label: str, start: int, end: int) -> None:
        with self.transaction():
            self.conn.execute(
                'INSERT OR IGNORE INTO rejected_suggestions (document_id, label, start, "end", created)'
                " VALUES (?, ?, ?, ?, ?)",
                (document_id, label, start, end, utc_now()),
            )

    def unreject_suggestion(self, document_id: int, label: str, start: int, end: int) -> None:
        with self.transaction():
            self.conn.execute(
                'DELETE FROM rejected_suggestions WHERE document_id = ? AND label = ? AND start = ? AND "end" = ?',
                (document_id, label, start, end),
            )

    def rejected_suggestions(self, document_id: int) -> set[tuple[str, int, int]]:
        rows = self.conn.execute(
            'SELECT label, start, "end" FROM rejected_suggestions WHERE document_id = ?', (document_id,)
        )
        return {tuple(row) for row in rows}
