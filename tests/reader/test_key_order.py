"""Keys typed in one burst act on the pane that had focus when each was typed, in order.

The bursts go straight into the app's queue, as a fast typist's keys or a paste arrive
from the terminal (no pause between them), followed by Tab, Shift+Tab or a click in the
other pane. Before the fix, a pane key's binding was looked up when its event reached
the app, by which time the priority Tab had already moved the focus: ``x Tab`` deleted
the other pane's claim.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.pilot import _get_mouse_message_arguments

from tui.reader.keys import PANE_KEYS
from tui.reader.widgets.document_view import DocumentView
from tui.store import Store

from ..helpers import SIZE, make_app, make_db, rows

FORTY = "This is 40 percent of Russia’s ammunition stockpiles in this area."
CHARS = {"space": " ", "slash": "/", "equals_sign": "=", "right_square_bracket": "]", "left_square_bracket": "[",
         "greater_than_sign": ">", "less_than_sign": "<", "plus": "+", "minus": "-"}


@pytest.fixture
def claim_db(tmp_path, corpus):
    db = tmp_path / "order.db"
    ids = make_db(db, corpus)
    store = Store.open(db)
    text = store.text(ids[1])
    start = text.index(FORTY)
    claim = store.create_annotation(ids[1], text, start, start + len(FORTY), "claim", "t")
    store.close()
    return db, ids, claim


def key_event(key: str) -> events.Key:
    return events.Key(key, CHARS.get(key, key if len(key) == 1 else None))


def burst(app, *items) -> None:
    """Queue keys (names) and clicks (("click", widget, (x, y))) with no pause between them."""
    for item in items:
        if isinstance(item, str):
            app.post_message(key_event(item))
            continue
        _, widget, offset = item
        arguments = _get_mouse_message_arguments(widget, offset, button=1)
        for kind in (events.MouseDown, events.MouseUp, events.Click):
            app.post_message(kind(**arguments) if kind is not events.Click else kind(**arguments, chain=1))


async def settle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()


def pane_key_names() -> list[str]:
    return [k.keys.split(",")[0] for k in PANE_KEYS] + ["c", "a"]  # plus the label keys


FOLLOWERS = ["tab", "shift+tab", "click"]


@pytest.mark.parametrize("follower", FOLLOWERS)
async def test_every_pane_key_before_a_focus_change_acts_on_its_own_pane(claim_db, follower):
    db, ids, claim = claim_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        left, right = app.screen.query(DocumentView)
        for name in pane_key_names():
            while type(app.screen).__name__ != "ReaderScreen":  # a dialog opened by the key
                app.pop_screen()
                await settle(pilot)
            app.screen.pending_link = None
            left.visual, left.anchor = False, None
            left.move_to(3)
            right.visual, right.anchor = False, None
            right.move_to(claim.start + 3)
            app.screen.set_focus(left)
            await settle(pilot)
            before = (right.cursor, right.anchor, right.visual)
            follow = follower if follower != "click" else ("click", right, (0, 0))
            burst(app, name, follow)
            await settle(pilot)
            assert app.focused is right, name
            assert [r["id"] for r in rows(db) if r["document"]["id"] == ids[1]] == [claim.id], name
            pending = app.screen.pending_link
            assert pending is None or pending.document_id == ids[0], name
            if follower != "click":  # a click moves the cursor itself
                assert (right.cursor, right.anchor, right.visual) == before, name


@pytest.mark.parametrize("follower", ["tab", "shift+tab"])
async def test_x_then_tab_deletes_in_the_first_pane_only(claim_db, follower):
    db, ids, claim = claim_db
    store = Store.open(db)
    mine = store.create_annotation(ids[0], store.text(ids[0]), 0, 8, "claim", "t")
    store.close()
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        left, right = app.screen.query(DocumentView)
        right.move_to(claim.start + 3)
        app.screen.set_focus(left)
        await settle(pilot)
        burst(app, "x", follower)
        await settle(pilot)
        assert [r["id"] for r in rows(db)] == [claim.id]  # the first pane's claim went, not the second's
        assert mine.id not in {a.id for a in left.spans}


async def test_L_then_tab_links_from_the_first_pane(claim_db):
    db, ids, claim = claim_db
    store = Store.open(db)
    mine = store.create_annotation(ids[0], store.text(ids[0]), 0, 8, "claim", "t")
    store.close()
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        left, right = app.screen.query(DocumentView)
        right.move_to(claim.start + 3)
        app.screen.set_focus(left)
        await settle(pilot)
        burst(app, "L", "tab")
        await settle(pilot)
        assert app.focused is right
        assert app.screen.pending_link is not None and app.screen.pending_link.id == mine.id


async def test_c_then_tab_and_keys_after_it_keep_their_order(claim_db):
    db, ids, claim = claim_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        right = app.screen.query(DocumentView).last()
        right.move_to(claim.start)
        await settle(pilot)
        # Select 8 characters in pane 1, tag, Tab, then in pane 2: v, 2 words, attribution.
        burst(app, *["shift+right"] * 8, "c", "tab", "G", "v", "b", "b", "a")
        await settle(pilot)
        records = rows(db)
        first = [r for r in records if r["document"]["id"] == ids[0]]
        assert [(r["label"], r["start"], r["end"]) for r in first] == [("claim", 0, 8)]
        second = [r for r in records if r["document"]["id"] == ids[1] and r["id"] != claim.id]
        assert [r["label"] for r in second] == ["attribution"]
        assert app.focused is right
