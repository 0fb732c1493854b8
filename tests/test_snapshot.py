"""The main screen at a fixed size with the corpus and a few annotations."""

from __future__ import annotations

from tui.app import DiptychApp
from tui.demo import build_demo

from .conftest import CORPUS


def test_main_screen_snapshot(snap_compare, tmp_path):
    db = tmp_path / "snap.db"
    ids = build_demo(db, CORPUS, annotator="snapshot")
    app = DiptychApp(str(db), ids, "snapshot")
    # Onto the second pane's first annotation, so the status line shows it.
    assert snap_compare(app, press=["tab", "right_square_bracket"], terminal_size=(120, 32))
