"""Shared set-up for the tests that drive the real app."""

from __future__ import annotations

from pathlib import Path

from tui.reader.app import DiptychApp
from tui.services.importing import import_ids
from tui.store import Store

SIZE = (120, 30)


def make_db(db_path: Path, *paths: Path) -> list[int]:
    store = Store.open(db_path)
    ids = import_ids(store, list(paths))
    store.close()
    return ids


def make_app(db_path: Path, ids: list[int], annotator: str = "tester") -> DiptychApp:
    return DiptychApp(str(db_path), ids, annotator)


def rows(db_path: Path) -> list[dict]:
    store = Store.open(db_path)
    try:
        return list(store.export_rows())
    finally:
        store.close()


def line_text(view, y: int) -> str:
    return "".join(segment.text for segment in view.render_line(y))
