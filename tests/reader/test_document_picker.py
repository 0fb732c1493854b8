"""o (and the palette) picks a document for the focused pane by fuzzy search."""

from __future__ import annotations

import random
import time

from rich.text import Text
from textual.widgets import OptionList

from tui.reader.screens.document_picker import SHOWN, Choice, DocumentPicker, rank
from tui.reader.widgets.document_view import DocumentView

from ..helpers import SIZE, make_app, make_db


def test_rank_finds_by_outlet_title_and_date():
    choices = [Choice(1, "Kim Jong Un Pledges Further Support", "", ""),
               Choice(2, "Brothers in Arms: Putin Gets Reinforcements", "DW (Deutsche Welle)", ""),
               Choice(3, "Seoul: North Korean shells now a third", "Meridian Wire", "2025-09-05")]
    assert rank("dw brothers", choices)[0].document_id == 2
    assert rank("meridian 2025-09", choices)[0].document_id == 3
    assert rank("kim pledges", choices)[0].document_id == 1
    assert rank("", choices) == choices
    assert rank("qqqqzzzz", choices) == []


def test_rank_over_thousands_is_quick_and_shows_at_most_the_limit():
    rng = random.Random(20261123)
    words = ["north", "korea", "russia", "shells", "artillery", "putin", "kim", "seoul", "beijing", "war", "drones", "troops"]
    choices = [Choice(i, " ".join(rng.choices(words, k=8)), f"Outlet {i % 40}", f"2025-{1 + i % 12:02}-01")
               for i in range(10_000)]
    choices.append(Choice(10_000, "Brothers in Arms: Putin Gets Reinforcements", "DW (Deutsche Welle)", ""))
    haystacks = [choice.haystack for choice in choices]
    started = time.perf_counter()
    found = rank("dw brothers in arms", choices, haystacks)
    elapsed = time.perf_counter() - started
    assert found[0].document_id == 10_000
    assert len(rank("korea", choices, haystacks)) == SHOWN
    assert elapsed < 0.5, elapsed  # 20-90 ms here; a keystroke must not stall the screen


async def test_o_shows_the_picked_document_in_the_focused_pane(tmp_path, corpus):
    db = tmp_path / "p.db"
    ids = make_db(db, corpus)
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left, right = app.screen.query(DocumentView)
        await pilot.press("tab", "o")
        await pilot.pause()
        assert isinstance(app.screen, DocumentPicker)
        assert len(app.screen.values) == 3  # every document, with no query
        await pilot.press(*"meridian")
        await pilot.pause()
        third = app.screen.values[0]
        assert third not in ids
        await pilot.press("enter")
        await pilot.pause()
        assert left.document_id == ids[0] and right.document_id == third and app.focused is right


async def test_the_rows_are_text_and_name_the_pane_showing_a_document(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("[bold]Boom[/bold] [@click=app.quit]x[/]\n\nBody.\n", "utf-8")
    (folder / "b.txt").write_text("Second\n\nBody two.\n", "utf-8")
    db = tmp_path / "h.db"
    ids = make_db(db, folder / "a.txt", folder / "b.txt")
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        prompts = [app.screen.query_one("#rows", OptionList).get_option_at_index(i).prompt for i in range(2)]
        assert all(isinstance(prompt, Text) for prompt in prompts)
        assert prompts[0].plain.startswith("[bold]Boom[/bold] [@click=app.quit]x[/]")
        assert "(pane 1)" in prompts[0].plain and "(pane 2)" in prompts[1].plain
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, DocumentView) and app.is_running
