"""The palette's HTML report asks where to write, like the export, and says the full path."""

from __future__ import annotations

import os

from textual.widgets import Input

from tui.store import Store

from ..helpers import SIZE, make_app, make_db


async def test_report_asks_where_and_writes_the_open_documents(tmp_path, corpus, monkeypatch):
    db = tmp_path / "r.db"
    ids = make_db(db, corpus)
    store = Store.open(db)
    claim = store.create_annotation(ids[0], store.text(ids[0]), 0, 8, "claim", "t")
    store.close()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    app = make_app(db, ids)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.notify = lambda message, **kw: notes.append(message)
        await pilot.pause()
        app.action_report()
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert os.path.dirname(field.value) == str(work) and field.value.endswith(".html")
        await pilot.press("enter")
        await pilot.pause()
        (written,) = list(work.iterdir())
        assert notes[-1] == f"Report of 2 documents written to {written}"
        page = written.read_text("utf-8")
        assert f'data-id="{claim.id}"' in page
        # A folder that does not exist: one line, no crash.
        app.action_report()
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "missing" / "r.html")
        await pilot.press("enter")
        await pilot.pause()
        assert notes[-1].startswith("Cannot write") and app.is_running


async def test_the_palette_offers_the_report(tmp_path, corpus):
    db = tmp_path / "p.db"
    ids = make_db(db, corpus)
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        from tui.reader.commands import DiptychCommands

        names = [name for name, _, _ in DiptychCommands(app.screen)._commands()]
        assert "Write an HTML report of the open documents" in names
