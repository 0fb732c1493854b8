"""F (and the palette) searches every document; Enter shows the hit selected in a pane."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input, OptionList

from tui.reader.screens.corpus_search import CorpusSearchScreen
from tui.reader.widgets.document_view import DocumentView

from ..helpers import SIZE, make_app, make_db

HOSTILE = "Intro line.\nThe [bold]red[/bold] zebra [@click=app.quit]trap[/] \x1b[31m\x07 here.\n"


async def type_query(pilot, query: str) -> None:
    await pilot.press("F")
    await pilot.pause()
    await pilot.press(*[("space" if ch == " " else ch) for ch in query])
    await pilot.pause()


async def test_a_hit_in_an_open_document_is_selected_in_its_pane(tmp_path, corpus):
    db = tmp_path / "s.db"
    ids = make_db(db, corpus)
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left, right = app.screen.query(DocumentView)
        await type_query(pilot, "40 percent of")
        assert isinstance(app.screen, CorpusSearchScreen)
        assert app.screen.values and {hit.document_id for hit in app.screen.values} == {ids[1]}
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is right and left.document_id == ids[0]
        start, end = right.selection
        assert right.text[start:end] == "40 percent of"


async def test_a_hit_in_a_closed_document_replaces_the_focused_pane(tmp_path, corpus):
    db = tmp_path / "s.db"
    ids = make_db(db, corpus)
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left, right = app.screen.query(DocumentView)
        await pilot.press("tab")
        await type_query(pilot, "a third of")
        hits = app.screen.values
        assert hits and all(hit.document_id not in ids for hit in hits[:1])
        await pilot.press("down", "up", "enter")
        await pilot.pause()
        assert left.document_id == ids[0] and right.document_id == hits[0].document_id
        start, end = right.selection
        assert right.text[start:end].lower() == "a third of"


async def test_a_query_with_no_hits_or_no_words_says_so_and_enter_does_nothing(tmp_path, corpus):
    db = tmp_path / "s.db"
    ids = make_db(db, corpus)
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_query(pilot, "zzqx")
        assert app.screen.values == []
        assert "No hits" in str(app.screen.query_one("#summary").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CorpusSearchScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, DocumentView)


async def test_a_hostile_document_is_listed_literally(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("A plain one.\nNothing to see.\n", "utf-8")
    (folder / "b.txt").write_text(HOSTILE, "utf-8")
    db = tmp_path / "h.db"
    ids = make_db(db, folder / "a.txt", folder / "b.txt")
    app = make_app(db, ids[:1])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_query(pilot, "zebra")
        listing = app.screen.query_one("#rows", OptionList)
        prompt = listing.get_option_at_index(0).prompt
        assert isinstance(prompt, Text)
        assert "[bold]red[/bold]" in prompt.plain and "[@click=app.quit]trap[/]" in prompt.plain
        assert "\x1b" not in prompt.plain and "\x07" not in prompt.plain
        await pilot.press("enter")
        await pilot.pause()
        (view,) = app.screen.query(DocumentView)
        assert view.document_id == ids[1] and app.is_running
        assert view.text[slice(*view.selection)] == "zebra"


async def test_the_palette_offers_it(tmp_path, corpus):
    db = tmp_path / "s.db"
    ids = make_db(db, corpus)
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        from tui.reader.commands import DiptychCommands

        commands = {name: action for name, action, _ in DiptychCommands(app.screen)._commands()}
        commands["Search every document"]()
        await pilot.pause()
        assert isinstance(app.screen, CorpusSearchScreen) and isinstance(app.focused, Input)
