"""Checking a whole database after the fact."""

from __future__ import annotations


class VerifyMixin:
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
            if not self._chunks_match(doc.id, text):
                problems.append(f"document {doc.id}: its text chunks (what the reader shows) differ from its text")
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
        counts["tombstones"] = self.conn.execute("SELECT count(*) FROM tombstones").fetchone()[0]
        alive = self.conn.execute(
            "SELECT t.id, t.kind FROM tombstones t WHERE (t.kind = 'annotation' AND EXISTS"
            " (SELECT 1 FROM annotations a WHERE a.id = t.id)) OR (t.kind = 'link' AND EXISTS"
            " (SELECT 1 FROM links l WHERE l.id = t.id)) LIMIT 20").fetchall()
        counts["buried_alive"] = len(alive)
        problems += [f"{kind} {record_id} is both live and deleted (a tombstone)" for record_id, kind in alive]
        return {"counts": counts, "problems": problems, "integrity": integrity == ["ok"]}

    def _chunks_match(self, document_id: int, text: str) -> bool:
        at = 0
        for start, chunk in self.conn.execute(
                "SELECT start, text FROM document_chunks WHERE document_id = ? ORDER BY number", (document_id,)):
            if start != at or text[at:at + len(chunk)] != chunk:
                return False
            at += len(chunk)
        return at == len(text)
