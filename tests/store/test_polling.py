"""The reader notices other programs' changes within a second (README, "Where the data
lives": ``PRAGMA data_version``), measured on the running app: another connection
commits, and nothing calls the poll by hand."""

from __future__ import annotations

import time

from tui.store import Store

from ..helpers import SIZE, make_app, make_db

WITHIN = 1.0  # the promise
SLACK = 0.4  # the app's own work after the poll (reloading, redrawing) on a busy machine


def _row_styles(view, y: int = 0) -> list[tuple[str, object]]:
    return [(segment.text, segment.style) for segment in view.render_line(y)]


async def _seconds_until_drawn(pilot, view, before, timeout: float = 8.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        await pilot.pause(0.01)
        if _row_styles(view) != before:
            return time.monotonic() - started
    return float("inf")


async def test_another_programs_tag_is_drawn_within_a_second(tmp_path, corpus):
    db = tmp_path / "poll.db"
    ids = make_db(db, corpus)
    app = make_app(db, ids)
    other = Store.open(db)  # another program: its own connection
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            view = app.screen.views[1]  # the unfocused pane: no cursor on its first row
            text = other.text(ids[1])
            first_word = text.split(" ", 1)[0]
            before = _row_styles(view)

            # The first commit lands anywhere in the poll's period: it shows within one period.
            other.create_annotation(ids[1], text, 0, len(first_word), "claim", "someone")
            first = await _seconds_until_drawn(pilot, view, before)
            assert first <= WITHIN + SLACK, f"drawn after {first:.2f} s"

            # The second commits just after a poll (the one that drew the first): the worst
            # case, a whole period.
            before = _row_styles(view)
            start = len(first_word) + 1
            second_word = text[start:].split(" ", 1)[0]
            other.create_annotation(ids[1], text, start, start + len(second_word), "attribution", "someone")
            second = await _seconds_until_drawn(pilot, view, before)
            assert 0.5 <= second <= WITHIN + SLACK, f"drawn after {second:.2f} s"
            assert {a.exact for a in view.spans} == {first_word, second_word}
    finally:
        other.close()
