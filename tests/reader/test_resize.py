"""A resize keeps the cursor's row on screen, at the same relative height when it can."""

from __future__ import annotations

import pytest

from tui.reader.widgets.document_view import DocumentView

from ..helpers import make_app, make_db


def cursor_row(view: DocumentView) -> int | None:
    for index, (_pos, row) in enumerate(view._visible):
        if row.start <= view.cursor < row.end or (row.last and view.cursor == row.end):
            return index
    return None


@pytest.mark.parametrize("sizes", [
    [(120, 40), (120, 12)],  # shorter: the cursor was near the bottom
    [(120, 40), (60, 40)],  # narrower: rows re-wrap
    [(120, 40), (50, 15), (160, 45), (80, 24)],
])
async def test_resize_keeps_the_cursor_in_view_at_its_height(tmp_path, corpus, sizes):
    db = tmp_path / "r.db"
    ids = make_db(db, corpus)
    app = make_app(db, ids)
    async with app.run_test(size=sizes[0]) as pilot:
        await pilot.pause()
        view = app.screen.query(DocumentView).first()
        await pilot.press(*["j"] * 25)  # far down the first screen
        await pilot.pause()
        before = cursor_row(view) / view.size.height
        for width, height in sizes[1:]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            await pilot.pause()
            row = cursor_row(view)
            assert row is not None, (width, height)
            at_start = view.top == (0, 0)  # the text above is too short to keep the height
            assert at_start or abs(row / view.size.height - before) <= 0.1, (row, view.size.height, before)
            view.render_line(0)  # drawing after the resize keeps it there
            assert cursor_row(view) == row
            before = row / view.size.height
