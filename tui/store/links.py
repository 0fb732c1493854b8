"""Links between annotations."""

from __future__ import annotations

from dataclasses import replace

from ..model.entities import Link, LinkEnd
from ..model.relations import RelationError, check_relation, orient
from ..model.text import later_than, new_id, utc_now
from .connection import StoreError, columns

LINK_COLUMNS = ("id", "source_id", "target_id", "relation", "note", "annotator", "created", "modified")


class LinksMixin:
    def create_link(self, source_id: str, target_id: str, relation: str, annotator: str, note: str = "") -> Link:
        """Link two annotations (an attribution always becomes the source); commit it."""
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
        link = Link(new_id(), source.id, target.id, relation, note, annotator, now, now)
        with self.transaction():
            self._insert_link(link)
        return link

    def _insert_link(self, link: Link) -> None:
        self.conn.execute(
            f"INSERT INTO links ({columns(LINK_COLUMNS)}) VALUES ({', '.join('?' * len(LINK_COLUMNS))})",
            tuple(getattr(link, column) for column in LINK_COLUMNS),
        )

    def link(self, link_id: str) -> Link:
        row = self.conn.execute(f"SELECT {columns(LINK_COLUMNS)} FROM links WHERE id = ?", (link_id,)).fetchone()
        if row is None:
            raise StoreError(f"no link {link_id!r}")
        return Link(*row)

    def delete_link(self, link_id: str, deleted_by: str | None = None) -> Link:
        """Delete a link, leaving a tombstone (who and when)."""
        link = self.link(link_id)
        with self.transaction():
            self.conn.execute("DELETE FROM links WHERE id = ?", (link_id,))
            self._bury("link", link, utc_now(), link.annotator if deleted_by is None else deleted_by)
        return link

    def restore_link(self, link: Link) -> None:
        """Put back a deleted link (undo); as for annotations, coming back is an edit: ``modified`` is now."""
        buried = self.tombstone(link.id)
        now = later_than(buried.deleted) if buried else utc_now()
        with self.transaction():
            self._insert_link(replace(link, modified=now, source=None, target=None))
            self._unbury([link.id])

    def links_of(self, annotation_ids: list[str]) -> list[Link]:
        """Links with either end among ``annotation_ids``."""
        if not annotation_ids:
            return []
        marks = ", ".join("?" * len(annotation_ids))
        rows = self.conn.execute(
            f"SELECT {columns(LINK_COLUMNS)} FROM links"
            f" WHERE source_id IN ({marks}) OR target_id IN ({marks}) ORDER BY created, id",
            (*annotation_ids, *annotation_ids),
        )
        return [Link(*row) for row in rows]

    def document_links(self, document_id: int) -> list[Link]:
        """Links touching a document, each with both ends' document, label and text."""
        link_columns = ", ".join(f"l.{c}" for c in LINK_COLUMNS)
        sql = (
            f"SELECT {link_columns}, s.document_id, s.label, s.exact, s.start,"
            " t.document_id, t.label, t.exact, t.start"
            " FROM links l JOIN annotations s ON s.id = l.source_id JOIN annotations t ON t.id = l.target_id"
            # Reach the links through the document's annotations (two indexed look-ups),
            # not by scanning every link in the database.
            " WHERE l.id IN (SELECT x.id FROM annotations a JOIN links x ON x.source_id = a.id WHERE a.document_id = ?"
            " UNION SELECT x.id FROM annotations a JOIN links x ON x.target_id = a.id WHERE a.document_id = ?)"
            " ORDER BY l.created, l.id"
        )
        n = len(LINK_COLUMNS)
        result = []
        for row in self.conn.execute(sql, (document_id, document_id)):
            link = Link(*row[:n])
            link.source = LinkEnd(link.source_id, *row[n:n + 4])
            link.target = LinkEnd(link.target_id, *row[n + 4:n + 8])
            result.append(link)
        return result
