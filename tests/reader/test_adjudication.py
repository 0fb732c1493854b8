"""The adjudication view: two annotators' differences; a/b keep one side as the
adjudicator's own (origin accepted:NAME), Enter goes to the text to edit."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from tui.model.adjudicate import BOUNDARY_DIFFERS, LABEL_DIFFERS, ONLY_A, ONLY_B, SAME
from tui.reader.screens.adjudicate_screen import AdjudicationScreen
from tui.reader.widgets.document_view import DocumentView
from tui.store import Store

from ..helpers import make_app, make_db

FORTY = "This is 40 percent of Russia’s ammunition stockpiles in this area."


@pytest.fixture
def two_annotators(tmp_path, corpus):
    db = tmp_path / "adj.db"
    ids = make_db(db, corpus)
    store = Store.open(db)
    text = store.text(ids[1])
    forty = text.index(FORTY)
    klein = text.index("Klein notes")
    syrsky = text.index("Syrsky")
    made = {
        "same_a": store.create_annotation(ids[1], text, forty, forty + len(FORTY), "claim", "alice"),
        "same_b": store.create_annotation(ids[1], text, forty, forty + len(FORTY), "claim", "bob"),
        "label_a": store.create_annotation(ids[1], text, klein, klein + 11, "attribution", "alice"),
        "label_b": store.create_annotation(ids[1], text, klein, klein + 11, "claim", "bob"),
        "bound_a": store.create_annotation(ids[1], text, syrsky, syrsky + 6, "attribution", "alice"),
        "bound_b": store.create_annotation(ids[1], text, syrsky - 10, syrsky + 6, "attribution", "bob"),
        "only_b": store.create_annotation(ids[1], text, 0, 8, "claim", "bob"),
    }
    store.close()
    return db, ids, made


def mine(db, doc) -> list:
    store = Store.open(db)
    try:
        return [a for a in store.annotations(doc) if a.annotator == "judge"]
    finally:
        store.close()


async def test_accept_a_then_b_keeps_one_and_enter_edits(two_annotators):
    db, ids, made = two_annotators
    app = make_app(db, ids, annotator="judge")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        from tui.reader.commands import DiptychCommands

        commands = {name: action for name, action, _ in DiptychCommands(app.screen)._commands()}
        commands["Adjudicate: alice vs bob on this document"]()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        kinds = [row.kind for row in screen.rows]
        assert sorted(kinds) == sorted([SAME, LABEL_DIFFERS, BOUNDARY_DIFFERS, ONLY_B])
        assert ONLY_A not in kinds
        listing = screen.query_one("#differences", OptionList)
        row = kinds.index(BOUNDARY_DIFFERS)
        listing.highlighted = row
        await pilot.press("a")
        await pilot.pause()
        (kept,) = mine(db, ids[1])
        assert (kept.start, kept.end, kept.origin) == (made["bound_a"].start, made["bound_a"].end, "accepted:alice")
        assert "✓A" in listing.get_option_at_index(row).prompt.plain
        listing.highlighted = row
        await pilot.press("b")  # changed their mind: B's replaces A's copy
        await pilot.pause()
        (kept,) = mine(db, ids[1])
        assert (kept.start, kept.end, kept.origin) == (made["bound_b"].start, made["bound_b"].end, "accepted:bob")
        # Only B's row: a does nothing (bell), b keeps it.
        listing.highlighted = kinds.index(ONLY_B)
        await pilot.press("a")
        await pilot.pause()
        assert len(mine(db, ids[1])) == 1
        listing.highlighted = kinds.index(LABEL_DIFFERS)
        await pilot.press("enter")
        await pilot.pause()
        right = list(app.screen.query(DocumentView))[1]
        assert app.focused is right and right.selection == (made["label_a"].start, made["label_a"].end)
        assert len(right.spans) == 8  # the panes show the adjudicator's copy too
        await pilot.press("u")  # one u undoes the replacement: A's copy is back
        await pilot.pause()
        (kept,) = mine(db, ids[1])
        assert kept.origin == "accepted:alice"
