"""The main screen at a fixed size with the corpus and a few annotations."""

from __future__ import annotations

from tui.reader.app import DiptychApp
from tui.demo import build_demo

from ..helpers import CORPUS


def test_main_screen_snapshot(snap_compare, tmp_path):
    db = tmp_path / "snap.db"
    ids = build_demo(db, CORPUS, annotator="snapshot")
    app = DiptychApp(str(db), ids, "snapshot")

    async def onto_the_forty_percent_claim(pilot) -> None:
        # Onto the second pane's first annotation: the status line shows it, its partners light up.
        await pilot.press("tab", "right_square_bracket")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, run_before=onto_the_forty_percent_claim, terminal_size=(120, 32))
