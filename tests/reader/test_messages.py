"""One message class per request: each pane key that asks the screen for something sends
its own class, and the screen handles every class with an ``on_<name>`` method."""

from __future__ import annotations

import inspect

import pytest

from tui.reader import messages
from tui.reader.screens.reader import ReaderScreen
from tui.reader.widgets.document_view import DocumentView
from tui.store import Store

from ..helpers import SIZE, make_app, make_db

FORTY = "This is 40 percent of Russia’s ammunition stockpiles in this area."

REQUESTS = [cls for _, cls in inspect.getmembers(messages, inspect.isclass)
            if issubclass(cls, (messages.ViewRequest, messages.AnnotationRequest))
            and cls not in (messages.ViewRequest, messages.AnnotationRequest)]


@pytest.mark.parametrize("cls", REQUESTS, ids=lambda cls: cls.__name__)
def test_the_screen_handles_every_request(cls):
    handler = getattr(ReaderScreen, cls.handler_name, None)
    assert callable(handler), cls.handler_name


@pytest.fixture
def claim_db(tmp_path, corpus):
    db = tmp_path / "messages.db"
    ids = make_db(db, corpus)
    store = Store.open(db)
    text = store.text(ids[1])
    start = text.index(FORTY)
    claim = store.create_annotation(ids[1], text, start, start + len(FORTY), "claim", "someone-else")
    store.close()
    return db, ids, claim


async def test_each_key_sends_its_own_message_class(claim_db):
    db, ids, claim = claim_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        right = app.screen.query(DocumentView)[1]
        await pilot.press("tab")
        right.move_to(claim.start + 2)
        seen: list[type] = []
        original = app.screen.handle_view_request
        app.screen.handle_view_request = lambda message: seen.append(type(message))
        try:
            for key in ("L", "enter", "equals_sign", "X", "escape", "P", "C", "S", "r", "A", "x", "y", "n", "T"):
                await pilot.press(key)
        finally:
            app.screen.handle_view_request = original
        assert seen == [messages.StartLink, messages.ConfirmLink, messages.JumpToPartner, messages.DeleteLink,
                        messages.Cancel, messages.Pair, messages.ToggleCues, messages.ToggleSuggestions,
                        messages.RejectSuggestion, messages.Attribute, messages.DeleteAnnotation,
                        messages.AcceptAnnotation, messages.EditNote, messages.EditAttributes]


async def test_a_request_through_the_queue_reaches_the_same_handler(claim_db):
    db, ids, claim = claim_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        right = app.screen.query(DocumentView)[1]
        right.move_to(claim.start)
        right.post_message(messages.StartLink(right))  # bubbles up to the screen
        await pilot.pause()
        assert app.screen.pending_link.id == claim.id
        right.post_message(messages.Cancel(right))
        await pilot.pause()
        assert app.screen.pending_link is None


async def test_the_panel_deletes_through_the_same_message(claim_db):
    db, ids, _claim = claim_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "p")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        store = Store.open(db)
        try:
            assert store.annotations(ids[1]) == []
        finally:
            store.close()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, DocumentView)
