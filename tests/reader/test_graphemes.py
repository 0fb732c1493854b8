"""The reader moves, selects and tags by grapheme cluster: a tag never splits an emoji."""

from __future__ import annotations

import random

from tui.model.text import cluster_start
from tui.reader.widgets.document_view import DocumentView

from ..helpers import SIZE, make_app, make_db, rows

FAMILY = "👨\u200d👩\u200d👧\u200d👦"
TEXT = f"family {FAMILY} and e\u0301te\u0301 🇩🇪 flags, Russia’s “quote” k\u0308\u0301 end.\nSecond {FAMILY}{FAMILY} line.\n"


async def test_v_l8_a_tags_the_whole_family(tmp_path):
    doc = tmp_path / "family.txt"
    doc.write_text(TEXT, "utf-8")
    db = tmp_path / "g.db"
    ids = make_db(db, doc)
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v", *["l"] * 8, "a")
        await pilot.pause()
        (record,) = rows(db)
        assert record["exact"] == f"family {FAMILY}"  # before: "family 👨\u200d"


async def test_random_motions_mouse_and_tags_never_split_a_cluster(tmp_path):
    doc = tmp_path / "family.txt"
    doc.write_text(TEXT * 3, "utf-8")
    db = tmp_path / "g.db"
    ids = make_db(db, doc)
    app = make_app(db, ids)
    keys = ["l", "h", "w", "b", "e", "j", "k", "shift+right", "shift+left", "plus", "minus", "alt+left",
            "alt+right", "end", "home"]
    chooser = random.Random(20261123)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(DocumentView)
        text = view.text
        for _round in range(12):
            await pilot.click(view, offset=(chooser.randrange(0, 38), chooser.randrange(0, 8)))
            assert cluster_start(text, view.cursor) == view.cursor
            await pilot.press("v")
            for key in chooser.choices(keys, k=8):
                await pilot.press(key)
                assert cluster_start(text, view.cursor) == view.cursor, key
            await pilot.press("c" if _round % 2 else "a")
            await pilot.press("escape")
        await pilot.pause()
        records = rows(db)
        assert records
        for record in records:
            assert cluster_start(text, record["start"]) == record["start"]
            assert cluster_start(text, record["end"]) == record["end"]
            assert text[record["start"]:record["end"]] == record["exact"]
