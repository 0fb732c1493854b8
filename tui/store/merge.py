"""Bringing another database into this one. The rule for two versions of a record lives in
:mod:`tui.model.merge`; this room reads both sides, applies its decisions and counts them."""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import replace

from ..model.entities import Link
from ..model.merge import Dead, Live, Outcome, resolve
from .annotations import ANNOTATION_COLUMNS
from .connection import columns
from .links import LINK_COLUMNS
from .tombstones import TOMBSTONE_COLUMNS, Tombstone

_MODIFIED = ANNOTATION_COLUMNS.index("modified")
DOCUMENT_COPY_COLUMNS = ("path", "title", "source", "language", "sha256", "length", "newline", "encoding", "metadata",
                         "added", "text")
# What makes two versions of an annotation the same on both sides: every field, with the
# document named by its sha256 (document ids are local to each database).
_KEY = ", ".join(f'a."{c}"' for c in ANNOTATION_COLUMNS if c not in ("id", "document_id", "modified"))
_ANNOTATION_VERSION = f"SELECT a.modified, d.sha256, {_KEY} FROM annotations a JOIN documents d ON d.id = a.document_id"


class MergeMixin:
    def merge_from(self, other) -> dict[str, int]:
        """Bring in another database: documents by sha256, annotations and links by id,
        deletions by their tombstones, in one transaction. Merging databases in any order,
        any number of times, ends with the same annotations and links everywhere."""
        count: Counter = Counter()
        with self.transaction():
            count["labels_added"] = self._merge_labels(other)
            doc_map = self._merge_documents(other, count)
            self._merge_annotations(other, doc_map, count)
            self._merge_links(other, count)
        keys = ("documents_added", "added", "updated", "unchanged", "deleted", "conflicts", "links_added",
                "links_updated", "links_deleted", "tombstones_added", "labels_added")
        return {key: count[key] for key in keys}

    # Documents and labels ------------------------------------------------------------------
    def _merge_documents(self, other, count: Counter) -> dict[int, int]:
        ours = {sha: doc_id for doc_id, sha in self.conn.execute("SELECT id, sha256 FROM documents")}
        doc_map: dict[int, int] = {}
        for their_id, sha in other.conn.execute("SELECT id, sha256 FROM documents ORDER BY id"):
            if sha not in ours:
                row = other.conn.execute(
                    f"SELECT {columns(DOCUMENT_COPY_COLUMNS)} FROM documents WHERE id = ?", (their_id,)).fetchone()
                cursor = self.conn.execute(
                    f"INSERT INTO documents ({columns(DOCUMENT_COPY_COLUMNS)})"
                    f" VALUES ({', '.join('?' * len(DOCUMENT_COPY_COLUMNS))})", row)
                ours[sha] = cursor.lastrowid
                self._save_blocks(cursor.lastrowid, row[-1])
                self._copy_original(other, their_id, cursor.lastrowid)
                self._save_chunks(cursor.lastrowid, row[-1])
                count["documents_added"] += 1
            doc_map[their_id] = ours[sha]
        # A document they replaced with a new version is replaced here too (unless ours
        # already points to a version of its own).
        for their_id, newer in other.conn.execute(
                "SELECT id, superseded_by FROM documents WHERE superseded_by IS NOT NULL"):
            if newer in doc_map:
                self.conn.execute("UPDATE documents SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL",
                                  (doc_map[newer], doc_map[their_id]))
        return doc_map

    def _copy_original(self, other, their_id: int, our_id: int) -> None:
        """The kept original of a document we take from them, so it can be extracted again here."""
        names = "format, extractor, extractor_version, options, compression, size, bytes"
        try:
            row = other.conn.execute(f"SELECT {names} FROM document_originals WHERE document_id = ?",
                                     (their_id,)).fetchone()
        except sqlite3.OperationalError:  # an older database without originals
            return
        if row:
            self.conn.execute(f"INSERT OR IGNORE INTO document_originals (document_id, {names})"
                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (our_id, *row))

    def _merge_labels(self, other) -> int:
        added = 0
        for label in other.labels():
            if not self.conn.execute("SELECT 1 FROM labels WHERE name = ?", (label.name,)).fetchone():
                taken = self.conn.execute("SELECT 1 FROM labels WHERE key = ?", (label.key,)).fetchone()
                self._insert_label(replace(label, key=None) if taken else label)
                added += 1
        return added

    # Annotations ---------------------------------------------------------------------------------
    def _versions(self, ids: list[str]) -> dict:
        """Our live version or tombstone of each id that we have."""
        marks = ", ".join("?" * len(ids))
        found: dict = {}
        for row in self.conn.execute(
                f"SELECT a.id, a.modified, d.sha256, {_KEY} FROM annotations a JOIN documents d"
                f" ON d.id = a.document_id WHERE a.id IN ({marks})", ids):
            found[row[0]] = Live(row[1], (row[2], *row[3:]))
        for record_id, deleted, by in self.conn.execute(
                f"SELECT id, deleted, deleted_by FROM tombstones WHERE id IN ({marks})", ids):
            found.setdefault(record_id, Dead(deleted, by))
        return found

    def _annotation_version(self, store, annotation_id: str):
        row = store.conn.execute(f"{_ANNOTATION_VERSION} WHERE a.id = ?", (annotation_id,)).fetchone()
        if row:
            return Live(row[0], tuple(row[1:]))
        return _dead(store, annotation_id)

    def _merge_annotations(self, other, doc_map: dict[int, int], count: Counter) -> None:
        names = ", ".join(f'a."{c}"' for c in ANNOTATION_COLUMNS)
        cursor = other.conn.execute(
            f"SELECT {names}, d.sha256 FROM annotations a JOIN documents d ON d.id = a.document_id ORDER BY a.id")
        # A batch at a time: our versions of a batch in two queries, the writes in two executemany.
        while batch := cursor.fetchmany(500):
            ids = [row[0] for row in batch]
            mine = self._versions(ids)
            inserts, updates, revived = [], [], []
            for row in batch:
                # Rows stay tuples here: a million Annotation objects would cost more than the SQL.
                record_id, modified = row[0], row[_MODIFIED]
                mine_version = mine.get(record_id)
                outcome, conflict = resolve(mine_version, Live(modified, (row[-1], *row[2:_MODIFIED],
                                                                          *row[_MODIFIED + 1:-1])))
                count["conflicts"] += conflict
                if outcome is Outcome.ADD:
                    if isinstance(mine_version, Dead):
                        revived.append(record_id)  # an edit after the deletion: it comes back
                    inserts.append((record_id, doc_map[row[1]], *row[2:-1]))
                elif outcome is Outcome.UPDATE:
                    updates.append((doc_map[row[1]], *row[2:-1], record_id))
                count[outcome.value] += 1
            self._unbury(revived)
            self.conn.executemany(
                f"INSERT INTO annotations ({columns(ANNOTATION_COLUMNS)})"
                f" VALUES ({', '.join('?' * len(ANNOTATION_COLUMNS))})", inserts)
            self.conn.executemany(
                f"UPDATE annotations SET {', '.join(f'{chr(34)}{c}{chr(34)} = ?' for c in ANNOTATION_COLUMNS[1:])}"
                " WHERE id = ?", updates)
        for tombstone in _tombstones(other, "annotation"):
            mine = self._annotation_version(self, tombstone.id)
            outcome, conflict = resolve(mine, Dead(tombstone.deleted, tombstone.deleted_by))
            count["conflicts"] += conflict
            if outcome is Outcome.DELETE:
                annotation = self.annotation(tombstone.id)
                self._delete_annotation_rows(annotation, self.links_of([annotation.id]), tombstone.deleted,
                                             tombstone.deleted_by)
                count["deleted"] += 1
            elif outcome is Outcome.TOMBSTONE:
                self._insert_tombstone(tombstone)
                count["tombstones_added"] += 1

    # Links -------------------------------------------------------------------------------------------
    def _link_version(self, store, link_id: str):
        row = store.conn.execute(f"SELECT {columns(LINK_COLUMNS)} FROM links WHERE id = ?", (link_id,)).fetchone()
        if row:
            link = Link(*row)
            return Live(link.modified, (link.source_id, link.target_id, link.relation, link.note, link.annotator,
                                        link.created))
        return _dead(store, link_id)

    def _merge_links(self, other, count: Counter) -> None:
        for row in other.conn.execute(f"SELECT {columns(LINK_COLUMNS)} FROM links ORDER BY id"):
            link = Link(*row)
            outcome, conflict = resolve(self._link_version(self, link.id), self._link_version(other, link.id))
            count["conflicts"] += conflict
            if outcome in (Outcome.ADD, Outcome.UPDATE):
                ends = self.conn.execute("SELECT count(*) FROM annotations WHERE id IN (?, ?)",
                                         (link.source_id, link.target_id)).fetchone()[0]
                if ends != 2:
                    continue  # an end was deleted: the link went with it
                if outcome is Outcome.ADD:
                    self._unbury([link.id])
                    self._insert_link(link)
                    count["links_added"] += 1
                else:
                    self.conn.execute(
                        "UPDATE links SET source_id = ?, target_id = ?, relation = ?, note = ?, annotator = ?,"
                        " created = ?, modified = ? WHERE id = ?",
                        (link.source_id, link.target_id, link.relation, link.note, link.annotator, link.created,
                         link.modified, link.id))
                    count["links_updated"] += 1
        for tombstone in _tombstones(other, "link"):
            outcome, conflict = resolve(self._link_version(self, tombstone.id),
                                        Dead(tombstone.deleted, tombstone.deleted_by))
            count["conflicts"] += conflict
            if outcome is Outcome.DELETE:
                self.conn.execute("DELETE FROM links WHERE id = ?", (tombstone.id,))
                count["links_deleted"] += 1
            if outcome in (Outcome.DELETE, Outcome.TOMBSTONE):
                self._insert_tombstone(tombstone)
                count["tombstones_added"] += outcome is Outcome.TOMBSTONE


def _dead(store, record_id: str) -> Dead | None:
    row = store.conn.execute("SELECT deleted, deleted_by FROM tombstones WHERE id = ?", (record_id,)).fetchone()
    return Dead(*row) if row else None


def _tombstones(store, kind: str):
    rows = store.conn.execute(
        f"SELECT {columns(TOMBSTONE_COLUMNS)} FROM tombstones WHERE kind = ? ORDER BY id", (kind,)).fetchall()
    return [Tombstone(*row) for row in rows]
