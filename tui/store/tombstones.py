"""Tombstones: the trace a deletion leaves, so that a merge never brings a deleted record back."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from .connection import columns

TOMBSTONE_COLUMNS = ("id", "kind", "deleted", "deleted_by", "document_sha256", "record")


@dataclass(frozen=True)
class Tombstone:
    id: str
    kind: str  # annotation or link
    deleted: str
    deleted_by: str = ""
    document_sha256: str = ""
    record: str = "{}"  # the row as it was (JSON)


class TombstonesMixin:
    def _bury(self, kind: str, record, deleted: str, deleted_by: str, document_sha256: str = "") -> None:
        """Record a deletion (inside the caller's transaction); a later deletion replaces an earlier one."""
        self.conn.execute(
            f"INSERT INTO tombstones ({columns(TOMBSTONE_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET deleted = excluded.deleted, deleted_by = excluded.deleted_by,"
            " document_sha256 = excluded.document_sha256, record = excluded.record"
            " WHERE excluded.deleted > tombstones.deleted",
            (record.id, kind, deleted, deleted_by, document_sha256,
             json.dumps({k: v for k, v in asdict(record).items() if k not in ("source", "target")},
                        ensure_ascii=False)),
        )

    def _insert_tombstone(self, tombstone: Tombstone) -> None:
        self.conn.execute(
            f"INSERT OR REPLACE INTO tombstones ({columns(TOMBSTONE_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
            tuple(getattr(tombstone, c) for c in TOMBSTONE_COLUMNS),
        )

    def _unbury(self, ids) -> None:
        self.conn.executemany("DELETE FROM tombstones WHERE id = ?", [(i,) for i in ids])

    def tombstone(self, record_id: str) -> Tombstone | None:
        row = self.conn.execute(
            f"SELECT {columns(TOMBSTONE_COLUMNS)} FROM tombstones WHERE id = ?", (record_id,)
        ).fetchone()
        return Tombstone(*row) if row else None

    def tombstones(self, kind: str | None = None) -> list[Tombstone]:
        where, params = ("WHERE kind = ?", (kind,)) if kind else ("", ())
        rows = self.conn.execute(
            f"SELECT {columns(TOMBSTONE_COLUMNS)} FROM tombstones {where} ORDER BY deleted, id", params
        )
        return [Tombstone(*row) for row in rows]
