"""The smaller defects of issue 10: words, toggles, the panel, notifications, hints, help, dialogs."""

from __future__ import annotations

import json
import os

import pytest
from rich.console import Console
from textual import events

from tui.reader.widgets.document_view import DocumentView
from tui.store import Store

from ..helpers import SIZE, make_app, make_db

NEARLY_HALF = "nearly half of artillery rounds used by the Russian Army were of North Korean origin"
FORTY = "This is 40 percent of Russia’s ammunition stockpiles in this area."


@pytest.fixture
def app_db(tmp_path, corpus):
    db = tmp_path / "small.db"
    ids = make_db(db, corpus)
    store = Store.open(db)
    made = {}
    for key, doc, quote in (("half", ids[0], NEARLY_HALF), ("forty", ids[1], FORTY),
                            ("lone", ids[0], "Kim Jong Un pledged")):
        text = store.text(doc)
        start = text.index(quote)
        made[key] = store.create_annotation(doc, text, start, start + len(quote), "claim", "t")
    store.create_link(made["forty"].id, made["half"].id, "same_as", "t")
    store.close()
    return db, ids, made


def screen_text(app, width: int = 200) -> str:
    with open(os.devnull, "w") as sink:
        console = Console(record=True, width=width, file=sink)
        for widget in app.screen.query("Static, Label"):
            console.print(widget.content)
        return console.export_text()


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


async def test_comparison_counts_say_1_pair_and_1_claim(app_db):
    db, ids, _made = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.show_comparison()
        await settle(pilot)
        text = screen_text(app)
        assert "1 linked pair, 1 claim only in A, 0 only in B" in text


async def test_C_and_S_toggle_every_pane_and_say_so(app_db):
    db, ids, _made = app_db
    app = make_app(db, ids)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.notify = lambda message, **kw: notes.append(message)
        await settle(pilot)
        views = list(app.screen.query(DocumentView))
        await pilot.press("C")
        await settle(pilot)
        assert all(v.show_cues for v in views) and "all panes" in notes[-1]
        await pilot.press("tab", "S")
        await settle(pilot)
        assert all(v.show_suggestions for v in views) and "all panes" in notes[-1]
        await pilot.press("C")
        await settle(pilot)
        assert not any(v.show_cues for v in views)


async def test_the_panel_names_its_document(app_db):
    db, ids, _made = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        panel = app.screen.query_one("#panel")
        assert "2 annotations of Kim Jong Un Pledges" in str(panel.border_title)
        await pilot.press("escape", "tab", "p", "p")
        await settle(pilot)
        assert "1 annotation of Brothers in Arms" in str(panel.border_title)


async def test_notifications_leave_the_status_line_alone(app_db):
    db, ids, _made = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.notify("A notification long enough to reach the right edge of the screen", timeout=30)
        await settle(pilot)
        status = app.screen.query_one("#status").region
        hints = app.screen.query_one("#keys").region
        toasts = list(app.screen.query("Toast"))
        assert toasts
        for toast in toasts:
            assert not toast.region.overlaps(status) and not toast.region.overlaps(hints)


async def test_pairing_hint_is_whole_at_80x24(app_db):
    db, ids, made = app_db
    app = make_app(db, ids)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        left = app.screen.query(DocumentView).first()
        left.move_to(made["half"].start)
        await pilot.press("P")
        await settle(pilot)
        assert type(app.screen).__name__ == "PairingDialog"
        hint = app.screen.query_one("#pairing-hint")
        assert hint.region.bottom <= 24 and hint.region.height >= 1
        dialog = app.screen.query_one(".dialog")
        assert hint.region.bottom <= dialog.region.bottom
        rendered = "".join(seg.text for y in range(hint.region.height) for seg in hint.render_line(y))
        assert "Escape cancels" in rendered


async def test_help_lists_each_group_once(app_db):
    db, ids, _made = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = screen_text(app, width=120)
        headings = [line.strip() for line in text.splitlines() if line.strip() in
                    {"Move", "Select", "Annotate", "Link", "Reading aids", "Find", "Panes", "App"}]
        assert sorted(headings) == sorted(set(headings)) and {"Find", "Panes", "Annotate"} <= set(headings)


@pytest.mark.parametrize("width", [80, 60])
async def test_key_hints_keep_help_and_quit_at_narrow_widths(app_db, width):
    db, ids, _made = app_db
    app = make_app(db, ids)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        hints = app.screen.query_one("#keys")
        line = "".join(seg.text for seg in hints.render_line(0))
        assert line.rstrip().endswith("? Help  q Quit"), line


async def test_attribute_dialog_keeps_fast_keys_and_marks_checks_with_x(app_db):
    db, ids, made = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        left = app.screen.query(DocumentView).first()
        left.move_to(made["half"].start)
        await settle(pilot)
        for key, char in (("T", "T"), ("space", " "), ("down", None), ("space", " ")):
            app.post_message(events.Key(key, char))  # one burst, as a fast typist's keys arrive
        await settle(pilot)
        dialog = app.screen
        assert type(dialog).__name__ == "AttributeDialog"
        prompts = [str(o.prompt) for o in dialog.query_one("#attributes").options]
        assert prompts[0].startswith("[x] claim_type: quantity")
        assert prompts[1].startswith("[x] claim_type: causal")
        assert prompts[2].startswith("[ ] ")
        await pilot.press("enter")
        await settle(pilot)
        store = Store.open(db)
        assert json.loads(store.annotation(made["half"].id).attributes) == {"claim_type": ["quantity", "causal"]}
        store.close()


async def test_u_after_r_undoes_the_rejection_not_an_earlier_tag(app_db):
    db, ids, _made = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        right = app.screen.query(DocumentView).last()
        right.move_to(right.text.index("Klein points"))
        await pilot.press("s", "c")  # an earlier tag
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        right.move_to(right.text.index("she adds"))
        assert right.suggestion_here() is not None
        await pilot.press("r")
        await settle(pilot)
        store = Store.open(db)
        assert len(store.rejected_suggestions(ids[1])) == 1
        before = len(store.annotations(ids[1]))
        store.close()
        await pilot.press("u")
        await settle(pilot)
        store = Store.open(db)
        assert store.rejected_suggestions(ids[1]) == set()
        assert len(store.annotations(ids[1])) == before  # the earlier tag is still there
        store.close()
        assert right.suggestion_here() is not None  # the ghost is back


async def test_ghosts_are_dim_not_only_coloured_and_the_status_line_names_the_keys(app_db):
    db, ids, made = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "S")
        await settle(pilot)
        right = app.screen.query(DocumentView).last()
        offset = right.text.index("Klein notes")
        right.move_to(offset + 2)
        await settle(pilot)
        ghost = right.suggestion_here()
        assert ghost is not None and ghost.label == "attribution"
        status = str(app.screen.query_one("#status").render())
        assert "suggested attribution" in status and "Enter accepts" in status and "r rejects" in status
        y = next(i for i, (_p, row) in enumerate(right._visible) if row.start <= offset < row.end)
        ghost_styles = [seg.style for seg in right.render_line(y) if "in notes" in seg.text]
        assert ghost_styles and ghost_styles[0].dim and ghost_styles[0].underline
        forty = made["forty"]
        right.move_to(forty.start + 2)
        await settle(pilot)
        y = next(i for i, (_p, row) in enumerate(right._visible) if row.start <= forty.start + 5 < row.end)
        tagged = [seg.style for seg in right.render_line(y) if "is 40 percent" in seg.text]
        assert tagged and not tagged[0].dim  # a real tag is never dim


async def test_a_label_whose_key_the_reader_took_is_still_taggable_from_the_palette(tmp_path, corpus):
    db = tmp_path / "shadow.db"
    ids = make_db(db, corpus)
    store = Store.open(db)
    store.conn.execute("INSERT INTO labels (name, key, color, mark, description, position) "
                       "VALUES ('evidence', 'e', '#008000', 'italic', '', 3)")
    store.conn.commit()
    store.close()
    app = make_app(db, ids)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        notes = [n.message for n in app._notifications]
        assert any("evidence's key e is now a reader key" in n for n in notes)
        view = app.screen.query(DocumentView).first()
        await pilot.press("v", "e")  # e moves (end of word); it does not tag
        assert view.selection == (0, 6)
        app.screen.tag_selection("evidence")
        await settle(pilot)
        store = Store.open(db)
        assert [(a.label, a.exact) for a in store.annotations(ids[0])] == [("evidence", "During")]
        store.close()
