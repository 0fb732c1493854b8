"""Documents are data: markup shows literally and does nothing, escapes never reach the terminal."""

from __future__ import annotations

from rich.cells import cell_len

from tui.reader.widgets.document_view import DocumentView

from ..helpers import SIZE, line_text, make_app, make_db

HOSTILE = (
    "[bold]x[/bold] [@click=app.quit]quit[/] [link=https://example.com]l[/link] [/foo]\n"
    "esc\x1b[31mred\x1b]0;title\x07 bell\x07 back\x08 del\x7f c1\x9b done\n"
)


async def test_markup_and_escapes_are_shown_literally_and_inertly(tmp_path):
    doc = tmp_path / "hostile.txt"
    doc.write_text(HOSTILE, "utf-8")
    meta = tmp_path / "manifest.toml"
    meta.write_text('[[document]]\nfile = "hostile.txt"\ntitle = "[@click=app.quit]Title[/] \\u001b[2J"\n', "utf-8")
    db = tmp_path / "h.db"
    ids = make_db(db, tmp_path)
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(DocumentView)
        first = line_text(view, 0)
        assert first.startswith("[bold]x[/bold] [@click=app.quit]quit[/] [link=https://example.com]l[/link] [/foo]")
        second = line_text(view, 1)
        assert "esc\u241b[31mred\u241b]0;title\u2407 bell\u2407 back\u2408 del\u2421 c1\ufffd done" in second
        for y in range(view.size.height):
            drawn = line_text(view, y)
            assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in drawn)
        title = str(app.screen.panes[0].title_bar.render())
        assert "[@click=app.quit]Title[/]" in title and "\x1b" not in title
        # Clicking the fake link places the cursor; the app keeps running.
        await pilot.click(view, offset=(20, 0))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert view.cursor == 20
        # The status line shows the selection literally too.
        await pilot.press("home", *["shift+right"] * 14)
        status = str(app.screen.query_one("#status").render())
        assert "[bold]x[/bold]" in status


async def test_wide_characters_keep_cursor_and_highlight_aligned(tmp_path):
    doc = tmp_path / "wide.txt"
    doc.write_text("漢字ab 😀x e\u0301z\ttab\n", "utf-8")
    db = tmp_path / "w.db"
    ids = make_db(db, doc)
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(DocumentView)
        strip = view.render_line(0)
        assert strip.cell_length == view.size.width
        # A click on the second cell of 漢 is 漢; on the first cell of 字 is 字.
        await pilot.click(view, offset=(1, 0))
        assert view.cursor == 0
        await pilot.click(view, offset=(2, 0))
        assert view.cursor == 1
        # Right arrow steps over the combining accent: e + U+0301 is one stop.
        view.move_to(view.text.index("e\u0301"))
        await pilot.press("right")
        assert view.text[view.cursor] == "z"
        # The cursor is drawn at the cell where its character starts.
        x = 0
        for segment in view.render_line(0):
            if segment.style and segment.style.reverse:
                break
            x += cell_len(segment.text)
        assert x == view.layout_model.cells_between(0, view.cursor)
        await pilot.press("right", "shift+left", "shift+left", "c")
        await pilot.pause()
        annotation = next(iter(view.spans))
        assert view.text[annotation.start:annotation.end] == annotation.exact == "e\u0301z"
