"""Full-text search over every document's text (SQLite FTS5, kept in step by triggers)."""

from __future__ import annotations

import sqlite3

from ..model.search import Hit, find, fts_query, pattern, snippet, words
from .connection import StoreError


class SearchMixin:
    def search(self, query: str, *, document_id: int | None = None, label: str | None = None,
               limit: int = 50) -> list[Hit]:
        """Hits of the words as a phrase, best documents first (bm25), in text order within
        a document; with ``label``, only inside annotated spans of that label."""
        if not words(query):
            raise StoreError("search for what? (give some words)")
        if label is not None:
            return self._search_spans(query, document_id, label, limit)
        where, params = "", [fts_query(query)]
        if document_id is not None:
            where, params = " AND f.rowid = ?", [*params, document_id]
        try:
            ranked = self.conn.execute(
                "SELECT f.rowid, bm25(document_fts) FROM document_fts f JOIN documents d ON d.id = f.rowid"
                f" WHERE document_fts MATCH ? AND d.superseded_by IS NULL{where} ORDER BY bm25(document_fts)",
                params).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {query!r}: {exc}") from None
        hits: list[Hit] = []
        for doc_id, rank in ranked:
            text = self.text(doc_id)
            for start, end in find(text, query, limit - len(hits)):
                hits.append(Hit(doc_id, start, end, snippet(text, start, end), rank=rank))
            if len(hits) >= limit:
                break
        return hits

    def _search_spans(self, query: str, document_id: int | None, label: str, limit: int) -> list[Hit]:
        self.check_label(label)
        regex = pattern(query)
        sql = ("SELECT a.id, a.document_id, a.start, a.exact FROM annotations a JOIN documents d"
               " ON d.id = a.document_id WHERE a.label = ? AND d.superseded_by IS NULL AND a.status = 'anchored'")
        params: list = [label]
        first = words(query)[0]
        if first.isascii():
            # A cheap filter before the regex; SQLite's LIKE folds the case of ASCII letters only,
            # so a word such as "ZOË" must not go through it (it would miss "Zoë").
            sql += " AND a.exact LIKE ? ESCAPE '\\'"
            params.append("%" + first.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        if document_id is not None:
            sql, params = sql + " AND a.document_id = ?", [*params, document_id]
        hits: list[Hit] = []
        texts: dict[int, str] = {}
        for annotation_id, doc_id, start, exact in self.conn.execute(sql + " ORDER BY a.document_id, a.start", params):
            match = regex.search(exact)
            if match is None:
                continue
            if doc_id not in texts:
                texts[doc_id] = self.text(doc_id)
            s, e = start + match.start(), start + match.end()
            hits.append(Hit(doc_id, s, e, snippet(texts[doc_id], s, e), annotation_id, label))
            if len(hits) >= limit:
                break
        return hits
