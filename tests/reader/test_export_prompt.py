"""The palette's export asks where to write (default: the current folder) and says the full path."""

from __future__ import annotations

import json
import os

from textual.widgets import Input

from tui.store import Store

from ..helpers import SIZE, make_app, make_db


async def test_export_asks_where_and_reports_the_full_path(tmp_path, corpus, monkeypatch):
    db = tmp_path / "e.db"
    ids = make_db(db, corpus)
    store = Store.open(db)
    store.create_annotation(ids[0], store.text(ids[0]), 0, 8, "claim", "t")
    store.close()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    app = make_app(db, ids)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.notify = lambda message, **kw: notes.append(message)
        await pilot.pause()
        app.action_export("jsonl")
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert os.path.dirname(field.value) == str(work) and field.value.endswith(".jsonl")
        await pilot.press("enter")  # the default
        await pilot.pause()
        (written,) = list(work.iterdir())
        assert notes[-1] == f"Exported 1 annotation to {written}"
        assert json.loads(written.read_text("utf-8").splitlines()[0])["exact"] == "During a"
        # Another folder, typed over the default: the file goes there under the default name.
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        app.action_export("csv")
        await pilot.pause()
        app.screen.query_one(Input).value = str(elsewhere)
        await pilot.press("enter")
        await pilot.pause()
        (csv_file,) = list(elsewhere.iterdir())
        assert csv_file.suffix == ".csv" and notes[-1].endswith(str(csv_file))
        # A folder that does not exist: one line, no crash.
        app.action_export("csv")
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "missing" / "x.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert notes[-1].startswith("Cannot write") and app.is_running
