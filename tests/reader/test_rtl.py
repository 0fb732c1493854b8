"""Right-to-left text is drawn in visual order while the cursor, clicks and tags stay logical."""

from __future__ import annotations

from bidi import get_display

from tui.reader.widgets.document_view import DocumentView

from ..helpers import make_app, make_db, rows

TEXT = ("The minister said שלום עולם 2025 and left.\n"
        "مرحبا بالعالم 40 percent (نعم) today\n"
        "Plain English row.\n")


async def test_rtl_rows_are_drawn_in_visual_order_and_map_back_exactly(tmp_path):
    doc = tmp_path / "rtl.txt"
    doc.write_text(TEXT, "utf-8")
    db = tmp_path / "rtl.db"
    ids = make_db(db, doc)
    app = make_app(db, ids)
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(DocumentView)
        lines = TEXT.splitlines()
        drawn = ["".join(seg.text for seg in view.render_line(y)).rstrip() for y in range(3)]
        assert drawn[0] == get_display(lines[0])  # Hebrew reversed in place, digits and Latin kept
        # An Arabic paragraph runs right to left; its brackets are mirrored (rule L4), which
        # python-bidi's get_display leaves out.
        assert drawn[1].lstrip() == get_display(lines[1]).translate(str.maketrans("()", ")("))
        assert drawn[1].lstrip().startswith("today (") and drawn[1].endswith("ابحرم")
        assert len(drawn[1]) == view.text_width  # right-aligned: it reads from the right edge
        # The end of a right-to-left paragraph is at its left: the cursor stands there.
        view.move_to(len(lines[0]) + 1 + len(lines[1]))
        cells = view.render_line(1)
        column = 0
        for seg in cells:
            if seg.style and seg.style.reverse:
                break
            column += len(seg.text)
        assert column == len(drawn[1]) - len(drawn[1].lstrip()) - 1
        assert drawn[2] == lines[2]
        # A click on the drawn "ש" of שלום puts the cursor on its logical offset.
        shin = TEXT.index("שלום")
        column = drawn[0].index("ש", drawn[0].index("םולש"))
        await pilot.click(view, offset=(column, 0))
        assert view.cursor == shin
        cursor_cells = [seg for seg in view.render_line(0) if seg.style and seg.style.reverse]
        assert cursor_cells and cursor_cells[0].text == "ש"
        # Selecting to the right moves through the text in reading (logical) order.
        await pilot.press(*["shift+right"] * 4, "c")
        await pilot.pause()
        (record,) = rows(db)
        assert record["exact"] == "שלום" and (record["start"], record["end"]) == (shin, shin + 4)
        # Down from the Hebrew row keeps the screen column, landing on a logical offset.
        await pilot.press("j")
        assert 0 <= view.cursor - len(lines[0]) - 1 <= len(lines[1])
