"""Bulk rows: export records (as dicts or as JSON built by SQLite) and importing records back."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..model.anchoring import locate_record
from ..model.entities import Annotation, Link
from ..model.text import context, utc_now
from .annotations import ANNOTATION_COLUMNS
from .connection import StoreError

# Text order within each document, straight from the (document_id, start) index, which
# carries the rowid: no sort step even for a million rows. Ties keep insertion order.
EXPORT_ORDER = "a.document_id, a.start, a.rowid"

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


# Where a document came from, as every export record names it: the URL it was fetched from
# (else the page's canonical URL), when it was published and when it was fetched. Taken
# out of the metadata JSON once per document (a materialised CTE), not once per row: a
# PDF's metadata carries its page map.
DOCUMENT_SOURCE = (
    "WITH d AS MATERIALIZED (SELECT id, path, sha256, title,"
    " coalesce(json_extract(metadata, '$.url'), json_extract(metadata, '$.canonical_url')) AS url,"
    " json_extract(metadata, '$.published') AS published, json_extract(metadata, '$.retrieved') AS retrieved"
    " FROM documents)"
)


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    reanchored: int = 0
    links_added: int = 0
    deleted: int = 0  # deletions applied (from `deleted` records)
    kept_deleted: int = 0  # records we had deleted after their last edit: they stay deleted
    conflicts: int = 0  # edited after we deleted them: they come back
    refused: list[str] = field(default_factory=list)


def _export_filter(document_id: int | None, label: str | None) -> tuple[str, list]:
    where, params = [], []
    if document_id is not None:
        where.append("a.document_id = ?")
        params.append(document_id)
    if label is not None:
        where.append("a.label = ?")
        params.append(label)
    return (f"WHERE {' AND '.join(where)}" if where else ""), params


class ExchangeMixin:
    def export_rows(self, document_id: int | None = None, label: str | None = None) -> Iterator[dict]:
        """Every annotation with its document's path and sha256 and its links, in text order."""
        clause, params = _export_filter(document_id, label)
        names = ", ".join(f'a."{c}"' for c in ANNOTATION_COLUMNS)
        sql = (
            f"{DOCUMENT_SOURCE} SELECT {names}, d.path, d.sha256, d.title, d.url, d.published, d.retrieved,"
            f" ({LINKS_JSON}) FROM annotations a JOIN d ON d.id = a.document_id {clause} ORDER BY {EXPORT_ORDER}"
        )
        n = len(ANNOTATION_COLUMNS)
        for row in self.conn.execute(sql, params):
            record = {"id": row[0], "document": {
                "id": row[1], "path": row[n], "sha256": row[n + 1], "title": row[n + 2], "url": row[n + 3],
                "published": row[n + 4], "retrieved": row[n + 5]}}
            record.update(zip(ANNOTATION_COLUMNS[2:], row[2:n]))
            record["attributes"] = json.loads(record["attributes"])
            record["links"] = json.loads(row[n + 6])
            yield record

    def export_json_chunks(self, document_id: int | None = None, label: str | None = None,
                           size: int = 10_000) -> Iterator[tuple[bytes, int]]:
        """The same records as :meth:`export_rows` as JSON Lines: (UTF-8 chunk, lines in it).

        SQLite's JSON functions build each line in C, links are looked up only for the
        annotations that have any, the order comes straight from the (document, start)
        index, and the bytes are never decoded: a million rows stay within twice the time
        of the sqlite3 shell's own JSON mode.
        """
        clause, params = _export_filter(document_id, label)
        sql = (
            f"{DOCUMENT_SOURCE} SELECT json_object('id', a.id, 'document', json_object('id', d.id, 'path', d.path,"
            " 'sha256', d.sha256, 'title', d.title, 'url', d.url, 'published', d.published,"
            " 'retrieved', d.retrieved), 'start', a.start, 'end', a.\"end\", 'label', a.label,"
            " 'exact', a.exact, 'prefix', a.prefix, 'suffix', a.suffix, 'note', a.note, 'annotator', a.annotator,"
            " 'created', a.created, 'modified', a.modified, 'status', a.status, 'attributes', json(a.attributes),"
            " 'origin', a.origin, 'links', CASE WHEN a.id IN (SELECT source_id FROM links UNION ALL"
            f" SELECT target_id FROM links) THEN json(({LINKS_JSON})) ELSE json('[]') END)"
            f" FROM annotations a JOIN d ON d.id = a.document_id {clause} ORDER BY {EXPORT_ORDER}"
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

    def stats(self) -> list[tuple[int, str, str, int]]:
        """(document id, title, label, count) for every document and label with annotations."""
        return self.conn.execute(
            "SELECT d.id, d.title, a.label, count(*) FROM annotations a"
            " JOIN documents d ON d.id = a.document_id GROUP BY d.id, a.label ORDER BY d.id, a.label"
        ).fetchall()

    # Import ------------------------------------------------------------------------------
    def import_records(self, records: list[dict], default_annotator: str) -> ImportReport:
        """Bring in exported annotation records (and their links) in one transaction."""
        report = ImportReport()
        labels = {label.name for label in self.labels()}
        texts: dict[int, str] = {}
        links: dict[str, Link] = {}
        with self.transaction():
            for record in records:
                if isinstance(record.get("deleted"), str):
                    problem = self._import_deletion(record, report)
                    if problem:
                        report.refused.append(f"{record.get('id', '?')}: {problem}")
                    continue
                problem = self._import_one(record, labels, texts, default_annotator, report)
                if problem:
                    report.refused.append(f"{record.get('id', '?')}: {problem}")
                    continue
                for link in record.get("links") or []:
                    if isinstance(link, dict) and link.get("id") and link.get("other"):
                        ends = (record["id"], link["other"]) if link.get("direction") != "in" else (link["other"], record["id"])
                        links[link["id"]] = Link(
                            link["id"], ends[0], ends[1], link.get("relation", "related"), link.get("note") or "",
                            link.get("annotator") or default_annotator,
                            link.get("created") or utc_now(), link.get("modified") or utc_now(),
                        )
            for link in links.values():
                if self.conn.execute("SELECT 1 FROM links WHERE id = ?", (link.id,)).fetchone():
                    continue
                buried = self.tombstone(link.id)
                if buried is not None and buried.deleted >= link.modified:
                    continue  # deleted here after its last edit
                found = self.conn.execute(
                    "SELECT count(*) FROM annotations WHERE id IN (?, ?)", (link.source_id, link.target_id)
                ).fetchone()[0]
                if found != 2:
                    report.refused.append(f"link {link.id}: an end is missing")
                    continue
                self._insert_link(link)
                report.links_added += 1
        return report

    def _import_deletion(self, record: dict, report: ImportReport) -> str | None:
        """A `deleted` record: delete ours unless we edited it after that deletion (the merge rule)."""
        from ..model.merge import Dead, Live, Outcome, resolve
        from .tombstones import Tombstone

        kind, record_id = record.get("kind"), record.get("id")
        if kind not in ("annotation", "link") or not isinstance(record_id, str):
            return "a deletion needs a kind (annotation or link) and an id"
        table = "annotations" if kind == "annotation" else "links"
        row = self.conn.execute(f"SELECT modified FROM {table} WHERE id = ?", (record_id,)).fetchone()
        buried = self.tombstone(record_id)
        mine = Live(row[0], ()) if row else (Dead(buried.deleted, buried.deleted_by) if buried else None)
        outcome, conflict = resolve(mine, Dead(record["deleted"], str(record.get("deleted_by") or "")))
        report.conflicts += conflict
        if outcome is Outcome.DELETE:
            if kind == "annotation":
                annotation = self.annotation(record_id)
                self._delete_annotation_rows(annotation, self.links_of([record_id]), record["deleted"],
                                             str(record.get("deleted_by") or ""))
            else:
                link = self.link(record_id)
                self.conn.execute("DELETE FROM links WHERE id = ?", (record_id,))
                self._bury("link", link, record["deleted"], str(record.get("deleted_by") or ""))
            report.deleted += 1
        elif outcome is Outcome.TOMBSTONE:
            document = record.get("document") if isinstance(record.get("document"), dict) else {}
            self._insert_tombstone(Tombstone(record_id, kind, record["deleted"], str(record.get("deleted_by") or ""),
                                             str(document.get("sha256") or ""), "{}"))
        return None

    def _record_document(self, document: dict):
        """The document a record names: by sha256, then path, then file name (as commands name them)."""
        sha256, path = document.get("sha256"), document.get("path")
        try:
            return self.match_document(sha256=sha256 if isinstance(sha256, str) else None,
                                       path=path if isinstance(path, str) else None,
                                       name=path if isinstance(path, str) else None)
        except StoreError:
            return None

    def _import_one(self, record: dict, labels: set, texts: dict, default_annotator: str,
                    report: ImportReport) -> str | None:
        if not isinstance(record.get("id"), str) or not isinstance(record.get("exact"), str) or not record["exact"]:
            return "needs an id and the exact text"
        document = record.get("document") if isinstance(record.get("document"), dict) else {}
        doc = self._record_document(document)
        if doc is None:
            named = [f"{key} {document[key]}" for key in ("sha256", "path") if document.get(key)]
            if not named:
                return "names no document (needs document.sha256 or document.path)"
            return f"no document in the database has {' or '.join(named)}; import the document first"
        if record.get("label") not in labels:
            return f"unknown label {record.get('label')!r}"
        if doc.id not in texts:
            texts[doc.id] = self.text(doc.id)
        text = texts[doc.id]
        where = locate_record(text, record)
        if where is None:
            return "its text is not in the document (or is there several times with no context to choose)"
        start, end = where
        prefix, suffix = context(text, start, end)
        try:
            attributes = self.checked_attributes(record["label"], record.get("attributes") or {})
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
        buried = None if existing else self.tombstone(annotation.id)
        if buried is not None:
            if buried.deleted >= annotation.modified:
                report.kept_deleted += 1  # deleted after its last edit: it stays deleted
                return None
            report.conflicts += 1  # edited after the deletion: it comes back
            self._unbury([annotation.id])
        if existing:
            self._replace_annotation(annotation)
            report.updated += 1
        else:
            report.added += 1
            self._insert_annotation(annotation)
        if (start, end) != (record.get("start"), record.get("end")):
            report.reanchored += 1
        return None
