"""The reader driven through Pilot as a user drives it: keys, mouse, the database behind."""

from __future__ import annotations

import os

import pytest

from tui.model.sentences import sentence_at
from tui.store import Store
from tui.reader.widgets.document_view import DocumentView

from ..helpers import SIZE, line_text, make_app, make_db, rows


@pytest.fixture
def app_db(tmp_path, corpus):
    db = tmp_path / "tui.db"
    ids = make_db(db, corpus)
    return db, ids


def views(app) -> list[DocumentView]:
    return list(app.screen.query(DocumentView))


async def test_opens_two_panes_with_titles_and_text(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left, right = views(app)
        assert app.focused is left
        assert line_text(left, 0).startswith("During a meeting with Russian President")
        assert line_text(right, 0).startswith("Brothers in Arms: Putin Gets")
        titles = [str(pane.title_bar.render()) for pane in app.screen.panes]
        assert "Kim Jong Un Pledges" in titles[0] and "0 annotations" in titles[0]
        assert "DW (Deutsche Welle)" in titles[1]
        assert all(len(line_text(left, y)) == left.size.width for y in range(left.size.height))


async def test_shift_arrows_select_and_tag_a_claim_durably(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left = views(app)[0]
        await pilot.press(*["shift+right"] * 8)
        assert left.selection == (0, 8)
        await pilot.press("c")
        await pilot.pause()
        (record,) = rows(db)  # committed before the screen showed it
        assert (record["label"], record["start"], record["end"], record["exact"]) == ("claim", 0, 8, "During a")
        assert record["annotator"] == "tester"
        styles = [seg.style for seg in left.render_line(0) if seg.text.strip()]
        claim = styles[1]  # the cursor sits on the first cell
        assert claim.underline and claim.bgcolor.triplet.hex == "#2f6db5"
        assert "1 annotation" in str(app.screen.panes[0].title_bar.render())


async def test_visual_mode_with_word_motion_tags_an_attribution(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        right = views(app)[1]
        assert app.focused is right
        offset = right.text.index("Klein notes")
        right.move_to(offset)
        await pilot.press("v", "w", "w")  # vim's words: the full stop is a word of its own
        assert right.visual
        await pilot.press("a")
        await pilot.pause()
        (record,) = rows(db)
        assert record["exact"] == "Klein notes" and record["label"] == "attribution"
        assert right.text[record["start"]:record["end"]] == record["exact"]
        assert not right.visual and right.selection is None


async def test_s_selects_the_sentence_with_abbreviations(app_db, tmp_path):
    db = tmp_path / "s.db"
    doc = tmp_path / "abbrev.txt"
    doc.write_text("Lt. Gen. Kyrylo Budanov said the U.S. supplied 3.5 times more. Then he left.\n", "utf-8")
    ids = make_db(db, doc)
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = views(app)[0]
        view.move_to(20)
        await pilot.press("s", "c")
        await pilot.pause()
        (record,) = rows(db)
        assert record["exact"] == "Lt. Gen. Kyrylo Budanov said the U.S. supplied 3.5 times more."


async def test_mouse_drag_selects_and_double_click_selects_a_word(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left = views(app)[0]
        await pilot.mouse_down(left, offset=(9, 0))
        await pilot.hover(left, offset=(15, 0))
        await pilot.mouse_up(left, offset=(15, 0))
        assert left.text[slice(*left.selection)] == "meeting"
        await pilot.press("c")
        await pilot.pause()
        assert [r["exact"] for r in rows(db)] == ["meeting"]
        await pilot.double_click(left, offset=(24, 0))
        assert left.text[slice(*left.selection)] == "Russian"
        await pilot.click(left, offset=(3, 1))
        assert left.selection is None
        assert left.cursor == left.layout_model.row(left._visible[1][0]).start + 3


async def test_delete_then_undo_and_redo(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "c")
        await pilot.pause()
        (made,) = rows(db)
        await pilot.press("x")
        await pilot.pause()
        assert rows(db) == []
        await pilot.press("u")
        await pilot.pause()
        (back,) = rows(db)  # the same id, creation time and text; modified: when it came back
        assert {**back, "modified": None} == {**made, "modified": None} and back["modified"] > made["modified"]
        assert len(views(app)[0].spans) == 1
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert rows(db) == []
        await pilot.press("u", "u")  # undo the delete, then undo the tag itself
        await pilot.pause()
        assert rows(db) == []
        assert len(views(app)[0].spans) == 0


async def test_note_is_saved_and_undoable(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "c", "n")
        await pilot.pause()
        await pilot.press(*"Check KCNA [bold]x[/bold]")
        await pilot.press("enter")
        await pilot.pause()
        assert rows(db)[0]["note"] == "Check KCNA [bold]x[/bold]"
        status = str(app.screen.query_one("#status").render())
        assert "Check KCNA [bold]x[/bold]" in status
        await pilot.press("u")
        await pilot.pause()
        assert rows(db)[0]["note"] == ""


async def test_search_jumps_and_next_match_key(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "slash")
        await pilot.press(*"klein notes")
        await pilot.press("enter")
        await pilot.pause()
        right = views(app)[1]
        first = right.text.index("Klein notes")
        assert app.focused is right and right.cursor == first
        await pilot.press("greater_than_sign")
        assert right.cursor == right.text.index("Klein notes", first + 1)
        await pilot.press("less_than_sign")
        assert right.cursor == first
        # Matches are highlighted in view.
        y = right.layout_model.pos_of(first)
        assert right._visible[0][0] <= y


async def test_tab_and_shift_tab_switch_panes(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left, right = views(app)
        await pilot.press("tab")
        assert app.focused is right
        await pilot.press("tab")
        assert app.focused is left
        await pilot.press("shift+tab")
        assert app.focused is right


async def test_movement_keys_keep_the_cursor_on_screen(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left = views(app)[0]
        await pilot.press("G")
        assert left.cursor == len(left.text.rstrip("\n"))
        assert left._visible[-1][1].end >= left.cursor
        await pilot.press("g")
        assert left.cursor == 0
        await pilot.press("pagedown")
        assert left._visible[0][1].start > 0
        assert left._visible[0][1].start <= left.cursor <= left._visible[-1][1].end
        await pilot.press("pageup", "j", "j", "k")
        assert left.cursor == left.layout_model.row(left._visible[1][0]).start
        await pilot.press("end")
        assert left.text[left.cursor] == " " or left.cursor == left._visible[1][1].end - 1
        await pilot.press("home", "w", "l", "h", "b")
        assert left.cursor == left._visible[1][1].start


async def test_next_and_previous_annotation_keys(app_db):
    db, ids = app_db
    store = Store.open(db)
    text = store.text(ids[0])
    a = store.create_annotation(ids[0], text, 100, 120, "claim", "x")
    b = store.create_annotation(ids[0], text, 2000, 2010, "claim", "x")
    store.close()
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left = views(app)[0]
        await pilot.press("right_square_bracket")
        assert left.cursor == a.start
        await pilot.press("right_square_bracket")
        assert left.cursor == b.start
        assert left._visible[0][1].start <= b.start <= left._visible[-1][1].end
        await pilot.press("left_square_bracket")
        assert left.cursor == a.start


async def test_panel_lists_in_text_order_jumps_and_deletes(app_db):
    db, ids = app_db
    store = Store.open(db)
    text = store.text(ids[0])
    late = store.create_annotation(ids[0], text, 2000, 2010, "claim", "x")
    early = store.create_annotation(ids[0], text, 100, 120, "attribution", "x", note="n1")
    store.close()
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        panel = app.screen.query_one("#panel")
        assert panel.display and app.focused is panel
        assert [a.id for a in panel.annotations] == [early.id, late.id]
        await pilot.press("down", "enter")
        await pilot.pause()
        left = views(app)[0]
        assert app.focused is left and left.cursor == late.start
        await pilot.press("p")  # hide
        await pilot.press("p")  # show again, on the annotation under the cursor
        await pilot.press("x")
        await pilot.pause()
        assert [r["id"] for r in rows(db)] == [early.id]


async def test_help_screen_lists_keys_and_labels(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        from rich.console import Console

        console = Console(record=True, width=100, file=open(os.devnull, "w"))
        for widget in app.screen.query("Static"):
            console.print(widget.content)
        text = console.export_text()
        assert type(app.screen).__name__ == "HelpScreen"
        for expected in ("Tag the selection", "claim", "attribution", "Next annotation", "Extend selection up",
                         "double-click", "saved the moment you make it"):
            assert expected in text, expected
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ReaderScreen"


async def test_annotations_survive_a_restart(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "c", "tab", "s", "a", "q")
    again = make_app(db, ids)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left, right = views(again)
        assert [a.label for a in left.spans] == ["claim"]
        assert [a.label for a in right.spans] == ["attribution"]
        assert right.text[right.spans.next_after(-1).start:][:8] == "Brothers"


async def test_another_writer_shows_up_without_restart(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        other = Store.open(db)
        other.create_annotation(ids[1], other.text(ids[1]), 0, 8, "claim", "colleague")
        other.close()
        app.screen._poll_other_writers()
        await pilot.pause()
        assert [a.annotator for a in views(app)[1].spans] == ["colleague"]


async def test_offsets_exact_for_every_tag_made_in_the_tui(tmp_path):
    doc = tmp_path / "mixed.txt"
    doc.write_bytes("Tab\there, CRLF\r\nemoji 😀👩‍👩‍👧 and 漢字 e\u0301t\u00e9.\r\nLast line.\r\n".encode("utf-8"))
    db = tmp_path / "m.db"
    ids = make_db(db, doc)
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = views(app)[0]
        for keys in (["shift+right"] * 5, ["j", "v", "w", "w", "w"], ["j"] + ["shift+right"] * 12, ["s"]):
            await pilot.press(*keys, "c")
            await pilot.pause()
        store = Store.open(db)
        text = store.text(ids[0])
        store.close()
        records = rows(db)
        assert len(records) == 4
        for record in records:
            assert text[record["start"]:record["end"]] == record["exact"]
        assert "\r" not in text and view.text == text


def test_sentence_helper_is_used_for_s():
    text = "He said so. Lt. Gen. Budanov agreed."
    assert sentence_at(text, 15) == (12, len(text))


async def test_keys_typed_without_pause_reach_the_new_focus(app_db):
    """Tab, / and p followed at once by more keys: every key lands where the user meant it."""
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left, right = views(app)
        # Straight to the driver, as a fast typist's (or a paste's) keys arrive: no waiting between them.
        from textual import events

        chars = {"slash": "/", "space": " "}
        for key in ["tab", "slash", *"klein", "space", *"notes", "enter", "s", "c"]:
            event = events.Key(key, chars.get(key, key if len(key) == 1 else None))
            event.set_sender(app)
            app._driver.send_message(event)
        await pilot.pause()
        await pilot.pause()
        assert app.focused is right
        (record,) = rows(db)
        assert record["document"]["id"] == ids[1] and "Klein notes" in record["exact"]
        assert len(left.spans) == 0


async def test_adjudication_others_drawn_apart_accept_reject_and_filter(app_db):
    db, ids = app_db
    store = Store.open(db)
    store.create_annotation(ids[0], store.text(ids[0]), 0, 8, "claim", "colleague", note="theirs")
    store.close()
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left = views(app)[0]
        styles = [seg.style for seg in left.render_line(0) if seg.text.strip()]
        other = styles[1]  # after the cursor cell
        assert other.bgcolor is None or other.bgcolor.triplet is None or other.bgcolor.triplet.hex != "#2f6db5"
        assert other.color.triplet.hex == "#2f6db5" and other.italic
        assert "by colleague" in str(app.screen.query_one("#status").render())
        await pilot.press("y")
        await pilot.pause()
        records = rows(db)
        assert sorted(r["annotator"] for r in records) == ["colleague", "tester"]
        mine = next(r for r in records if r["annotator"] == "tester")
        assert (mine["start"], mine["end"], mine["note"], mine["origin"]) == (0, 8, "theirs", "accepted:colleague")
        app.show_annotator("colleague")
        await pilot.pause()
        assert [a.annotator for a in left.spans] == ["colleague"]
        await pilot.press("x")  # reject theirs
        await pilot.pause()
        assert [r["annotator"] for r in rows(db)] == ["tester"]
        app.show_annotator(None)
        await pilot.pause()
        assert [a.annotator for a in left.spans] == ["tester"]
