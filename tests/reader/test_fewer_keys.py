"""Fewer keys per claim: quote-aware s, vim word motions, f/t, growing the selection, A."""

from __future__ import annotations

import pytest

from tui.reader.widgets.document_view import DocumentView
from tui.store import Store

from ..helpers import SIZE, make_app, make_db, rows

FORTY = "This is 40 percent of Russia’s ammunition stockpiles in this area."


@pytest.fixture
def app_db(tmp_path, corpus):
    db = tmp_path / "keys.db"
    return db, make_db(db, corpus)


def link_rows(db) -> list[tuple[str, str, str]]:
    store = Store.open(db)
    try:
        return list(store.conn.execute("SELECT source_id, target_id, relation FROM links"))
    finally:
        store.close()


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


async def test_claim_attribution_and_link_in_at_most_8_keys_from_a_search_hit(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "slash", *"40 percent of R", "enter")  # the search hit
        await settle(pilot)
        right = app.screen.query(DocumentView).last()
        assert right.text[right.cursor:].startswith("40 percent of Russia’s")
        keys = ["s", "c", "f", "K", "A"]
        assert len(keys) <= 8
        await pilot.press(*keys)
        await settle(pilot)
        records = {r["label"]: r for r in rows(db)}
        assert records["claim"]["exact"] == FORTY
        assert records["attribution"]["exact"] == "Klein notes"
        assert link_rows(db) == [(records["attribution"]["id"], records["claim"]["id"], "attributes")]
        await pilot.press("u")  # one u: the attribution and its link; the claim was a step of its own
        await settle(pilot)
        assert [r["label"] for r in rows(db)] == ["claim"] and link_rows(db) == []


async def test_A_on_a_source_tags_the_claim_too_and_one_u_undoes_all(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        right = app.screen.query(DocumentView).last()
        right.move_to(right.text.index("Syrsky"))
        await pilot.press("A")
        await settle(pilot)
        records = {r["label"]: r for r in rows(db)}
        assert records["attribution"]["exact"] == "According to Ukrainian Supreme Commander-in-Chief Alexander Syrsky"
        assert records["claim"]["exact"].startswith("almost 5,000 of them were killed")  # as the example tags it
        assert len(link_rows(db)) == 1
        await pilot.press("u")
        await settle(pilot)
        assert rows(db) == [] and link_rows(db) == []
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len(rows(db)) == 2 and len(link_rows(db)) == 1


async def test_s_inside_a_quotation_then_again_grows(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        right = app.screen.query(DocumentView).last()
        right.move_to(right.text.index("40 percent of Russia’s"))
        shown = []
        for _ in range(3):
            await pilot.press("s")
            shown.append(right.text[slice(*right.selection)])
        assert shown[0] == FORTY  # not “... These stocks ... Russia,” Klein notes.
        assert shown[1] == FORTY + " These stocks are extremely important to Russia"
        assert shown[2].startswith("“This is 40") and shown[2].endswith("Klein notes.")


async def test_word_motions_stop_at_punctuation_and_keep_apostrophes(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        right = app.screen.query(DocumentView).last()
        start = right.text.index("Russia’s ammunition")
        right.move_to(start)
        await pilot.press("v", "e")
        assert right.text[slice(*right.selection)] == "Russia’s"
        await pilot.press("escape")
        right.move_to(right.text.index("Russia,” Klein"))
        await pilot.press("w")
        assert right.text[right.cursor:].startswith(",” Klein")
        await pilot.press("w")
        assert right.text[right.cursor:].startswith("Klein notes")
        await pilot.press("b", "b")
        assert right.text[right.cursor:].startswith("Russia,”")


async def test_f_and_t_jump_to_a_character(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        right = app.screen.query(DocumentView).last()
        start = right.text.index(FORTY)
        right.move_to(start)
        await pilot.press("f", "K")
        assert right.text[right.cursor:].startswith("Klein notes")
        right.move_to(start)
        await pilot.press("v", "t", ".")  # till the full stop: the selection stops before the last "a"
        assert right.text[slice(*right.selection)] == FORTY[:-2]
        await pilot.press("f", "q")  # no q before the paragraph ends: the cursor stays
        assert right.text[slice(*right.selection)] == FORTY[:-2]


async def test_plus_minus_and_alt_arrows_grow_and_shrink_by_a_word(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        right = app.screen.query(DocumentView).last()
        right.move_to(right.text.index("percent of Russia’s"))
        picked = []
        for key in ("plus", "plus", "plus", "minus", "alt+left", "alt+right"):
            await pilot.press(key)
            picked.append(right.text[slice(*right.selection)])
        assert picked == ["percent", "percent of", "percent of Russia’s", "percent of",
                          "40 percent of", "percent of"]


async def test_f_waits_for_its_character_only_while_the_pane_has_focus(app_db):
    db, ids = app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        left = app.screen.query(DocumentView).first()
        await pilot.press("f", "escape")  # Escape cancels the find
        assert left.pending_find is None and left.cursor == 0
        await pilot.press("f", "tab", "tab", "w")  # leaving the pane cancels it too: w moves
        assert app.focused is left and left.text[left.cursor:].startswith("a meeting")
