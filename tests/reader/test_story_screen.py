"""M (and the palette) shows the story; Enter opens a claim's documents side by side."""

from __future__ import annotations

from itertools import pairwise

from rich.text import Text
from textual.widgets import DataTable, Static

from tui.reader.screens.story_screen import StoryScreen
from tui.reader.widgets.document_view import DocumentView
from tui.store import Store

from ..helpers import SIZE, make_app

WIDE = (160, 40)


def corpus_ids(db) -> list[int]:
    store = Store.open(db)
    try:
        return [doc.id for doc in store.documents()]
    finally:
        store.close()


async def wait_for_story(app, pilot) -> StoryScreen:
    screen = app.screen
    assert isinstance(screen, StoryScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert screen.story is not None
    return screen


async def test_the_story_of_the_open_documents(example_db):
    ids = corpus_ids(example_db)
    app = make_app(example_db, ids[:2])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("M")
        screen = await wait_for_story(app, pilot)
        assert [d.id for d in screen.story.documents] == ids[:2]
        table = screen.query_one(DataTable)
        assert table.row_count == len(screen.story.clusters) > 0
        # Two documents: short texts in the cells, as Text (document data is never markup).
        first_row = table.get_row_at(0)
        assert all(isinstance(cell, Text) for cell in first_row)
        assert first_row[0].plain == "1" and first_row[1].plain.startswith("● ")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, DocumentView)


async def test_every_document_enter_opens_a_cluster_side_by_side_adding_a_pane(example_db):
    ids = corpus_ids(example_db)
    app = make_app(example_db, ids[:2])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        app.reader.show_story(every_document=True)
        await pilot.pause()
        screen = await wait_for_story(app, pilot)
        assert len(screen.story.documents) == 3
        differences = screen.query_one("#story-differences", Static).render()
        assert "Figures that differ" in str(differences)
        # The "nearly half" cluster: in all three documents, the third contradicting it.
        row = next(i for i, c in enumerate(screen.story.clusters) if "nearly half" in c.claims[0].exact)
        targets = screen.story.clusters[row].targets(ids)
        assert len(targets) == 3
        table = screen.query_one(DataTable)
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        views = list(app.screen.query(DocumentView))
        assert len(views) == 3
        for view, (document_id, start, end) in zip(views, targets):
            assert view.document_id == document_id and view.selection == (start, end)
        assert app.focused is views[0]


async def test_a_cluster_in_fewer_documents_keeps_the_other_panes(example_db):
    ids = corpus_ids(example_db)
    app = make_app(example_db, ids[:2])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        app.reader.show_story(every_document=True)
        await pilot.pause()
        screen = await wait_for_story(app, pilot)
        row = next(i for i, c in enumerate(screen.story.clusters) if len(c.targets(ids)) == 2
                   and c.targets(ids)[0][0] == ids[1])
        (first, second) = screen.story.clusters[row].targets(ids)
        screen.query_one(DataTable).move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        views = list(app.screen.query(DocumentView))
        assert len(views) == 2
        assert (views[0].document_id, views[1].document_id) == (first[0], second[0])
        assert views[0].selection == first[1:] and views[1].selection == second[1:]


async def test_many_documents_are_shown_as_marks(tmp_path):
    from ..helpers import make_db

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(5):
        (folder / f"d{i}.txt").write_text(f"Title {i} [bold]x[/bold]\n\nThe army fired 40 shells on day {i}.\n", "utf-8")
    db = tmp_path / "many.db"
    ids = make_db(db, *sorted(folder.iterdir()))
    store = Store.open(db)
    claims = []
    for doc in ids:
        text = store.text(doc)
        start = text.index("The army")
        claims.append(store.create_annotation(doc, text, start, text.index(".", start), "claim", "t"))
    for a, b in pairwise(claims):
        store.create_link(a.id, b.id, "same_as", "t")
    store.close()
    app = make_app(db, ids[:2])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.reader.show_story(every_document=True)
        await pilot.pause()
        screen = await wait_for_story(app, pilot)
        row = screen.query_one(DataTable).get_row_at(0)
        assert row[1].plain.startswith("The army") and [cell.plain for cell in row[2:]] == ["●"] * 5
        await pilot.press("enter")
        await pilot.pause()
        assert len(list(app.screen.query(DocumentView))) == 4  # at most four panes
