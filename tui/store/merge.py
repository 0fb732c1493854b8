"""Bringing another person's database into this one (the rule for two versions lives in the model)."""

from __future__ import annotations

from ..model.entities import Annotation, Link
from ..model.merge import Outcome, resolve
from .annotations import ANNOTATION_COLUMNS
from .connection import columns
from .links import LINK_COLUMNS

DOCUMENT_COPY_COLUMNS = "path, title, source, language, sha256, length, newline, encoding, metadata, added, text"


class MergeMixin:
    def merge_from(self, other) -> dict:
        """Bring in another database: documents by sha256, annotations and links by id.

        Each pair of versions is resolved by :func:`tui.model.merge.resolve` (the newer
        ``modified`` wins; the same time with different content is a conflict and ours is
        kept). Deletions are not carried over. Running it twice changes nothing.
        """
        summary = {k: 0 for k in ("documents_added", "added", "updated", "unchanged", "conflicts",
                                  "links_added", "links_updated", "labels_added")}
        ours = {d.sha256: d.id for d in self.documents(include_superseded=True)}
        doc_map: dict[int, int] = {}
        with self.transaction():
            summary["labels_added"] = self._merge_labels(other)
            for doc in other.documents(include_superseded=True):
                if doc.sha256 in ours:
                    doc_map[doc.id] = ours[doc.sha256]
                    continue
                row = other.conn.execute(f"SELECT {DOCUMENT_COPY_COLUMNS} FROM documents WHERE id = ?", (doc.id,)).fetchone()
                cursor = self.conn.execute(
                    f"INSERT INTO documents ({DOCUMENT_COPY_COLUMNS}) VALUES ({', '.join('?' * 11)})", row)
                doc_map[doc.id] = ours[doc.sha256] = cursor.lastrowid
                summary["documents_added"] += 1
            names = columns(ANNOTATION_COLUMNS)
            for row in other.conn.execute(f"SELECT {names} FROM annotations ORDER BY id"):
                incoming = Annotation(*row)
                incoming.document_id = doc_map[incoming.document_id]
                mine_row = self.conn.execute(f"SELECT {names} FROM annotations WHERE id = ?", (incoming.id,)).fetchone()
                mine = Annotation(*mine_row) if mine_row else None
                outcome = resolve(mine, incoming, mine.modified if mine else None, incoming.modified)
                if outcome is Outcome.ADD:
                    self._insert_annotation(incoming)
                elif outcome is Outcome.UPDATE:
                    self._replace_annotation(incoming)
                summary[outcome.value] += 1
            for row in other.conn.execute(f"SELECT {columns(LINK_COLUMNS)} FROM links ORDER BY id"):
                link = Link(*row)
                mine_row = self.conn.execute(f"SELECT {columns(LINK_COLUMNS)} FROM links WHERE id = ?", (link.id,)).fetchone()
                mine = Link(*mine_row) if mine_row else None
                outcome = resolve(mine, link, mine.modified if mine else None, link.modified)
                if outcome is Outcome.ADD:
                    self._insert_link(link)
                    summary["links_added"] += 1
                elif outcome is Outcome.UPDATE:
                    self.conn.execute(
                        "UPDATE links SET relation = ?, note = ?, annotator = ?, modified = ? WHERE id = ?",
                        (link.relation, link.note, link.annotator, link.modified, link.id))
                    summary["links_updated"] += 1
        return summary

    def _merge_labels(self, other) -> int:
        added = 0
        for label in other.labels():
            if not self.conn.execute("SELECT 1 FROM labels WHERE name = ?", (label.name,)).fetchone():
                taken = self.conn.execute("SELECT 1 FROM labels WHERE key = ?", (label.key,)).fetchone()
                from dataclasses import replace

                self._insert_label(replace(label, key=None) if taken else label)
                added += 1
        return added
