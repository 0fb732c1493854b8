"""Labels and the attribute taxonomies."""

from __future__ import annotations

import json

from ..model.entities import AttributeType, Label
from .connection import StoreError, columns

LABEL_COLUMNS = ("name", "key", "color", "mark", "description", "position")
MARKS = ("underline", "bold", "italic", "strike", "overline")


class LabelsMixin:
    def labels(self) -> list[Label]:
        rows = self.conn.execute(f"SELECT {columns(LABEL_COLUMNS)} FROM labels ORDER BY position, name")
        return [Label(*row) for row in rows]

    def add_label(self, name: str, key: str | None, color: str, mark: str, description: str = "") -> None:
        labels = self.labels()
        if any(label.name == name for label in labels):
            raise StoreError(f"label {name!r} exists already")
        if key is not None and any(label.key == key for label in labels):
            raise StoreError(f"key {key!r} is taken by another label")
        position = 1 + max((label.position or 0 for label in labels), default=0)
        with self.transaction():
            self._insert_label(Label(name, key, color, mark, description, position))

    def _insert_label(self, label: Label) -> None:
        self.conn.execute(
            f"INSERT INTO labels ({columns(LABEL_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
            tuple(getattr(label, c) for c in LABEL_COLUMNS),
        )

    def check_label(self, label: str) -> None:
        if not self.conn.execute("SELECT 1 FROM labels WHERE name = ?", (label,)).fetchone():
            names = ", ".join(row.name for row in self.labels())
            raise StoreError(f"unknown label {label!r} (labels: {names})")

    def attribute_types(self, label: str | None = None) -> list[AttributeType]:
        rows = self.conn.execute(
            'SELECT name, label, multi, key, "values", description FROM attribute_types ORDER BY rowid'
        ).fetchall()
        types = [AttributeType(r[0], r[1], bool(r[2]), r[3], json.loads(r[4]), r[5] or "") for r in rows]
        return [t for t in types if label is None or t.label == label]
