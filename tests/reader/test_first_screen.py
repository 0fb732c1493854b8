"""A long document shows its first screen from its first chunks, before the whole text is loaded."""

from __future__ import annotations

import threading
from pathlib import Path

from tests.helpers import SIZE, line_text, make_app, make_db
from tui.model.chunked import CHUNK_CHARS
from tui.reader.screens.reader import ReaderScreen
from tui.reader.widgets.document_view import DocumentView
from tui.reader.widgets.status_line import StatusLine


def _long_document(tmp_path: Path) -> tuple[Path, str]:
    lines = [f"Line {n:06d}: a sentence with 😀 and “quotes”." for n in range(9000)]
    text = "\n".join(lines)  # ~400 Ki code points: more than the first two chunks
    assert len(text) > 3 * CHUNK_CHARS
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    return path, text


async def test_first_screen_before_the_full_load_then_G_goes_to_the_true_end(tmp_path: Path, monkeypatch) -> None:
    source, text = _long_document(tmp_path)
    db = tmp_path / "long.db"
    ids = make_db(db, source)
    release = threading.Event()
    read_whole = ReaderScreen._read_whole

    def held(self, document_id):  # the background load waits until the test lets it go
        release.wait(10)
        read_whole(self, document_id)

    monkeypatch.setattr(ReaderScreen, "_read_whole", held)
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(DocumentView)
        assert not view.loaded and len(view.text) < len(text) and view.length == len(text)
        assert text.startswith(view.text)  # the head, offsets unchanged
        status = app.screen.query_one(StatusLine)
        assert f"of {len(text)} " in str(status.render())  # the document's length, not the head's
        assert line_text(view, 0).startswith("Line 000000: a sentence with 😀")
        assert line_text(view, 5).startswith("Line 000005")
        await pilot.press("G")  # beyond the first chunks: waits for the rest
        await pilot.pause()
        assert view.cursor == 0
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.loaded and view.text == text
        assert view.cursor == len(text)  # G ran once the text arrived
        last = [line_text(view, y) for y in range(view.size.height)]
        assert any(row.startswith("Line 008999") for row in last)
        await pilot.press("g")
        await pilot.pause()
        assert view.cursor == 0


async def test_search_waits_for_the_text_then_finds_a_match_at_the_end(tmp_path: Path) -> None:
    source, text = _long_document(tmp_path)
    db = tmp_path / "long.db"
    app = make_app(db, make_db(db, source))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(DocumentView)
        await pilot.press("slash", *"Line 008998", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.loaded
        assert view.cursor == text.index("Line 008998")


async def test_a_short_document_is_whole_from_the_start(tmp_path: Path) -> None:
    source = tmp_path / "short.txt"
    source.write_text("Only a few words.\n", encoding="utf-8")
    db = tmp_path / "short.db"
    app = make_app(db, make_db(db, source))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(DocumentView)
        assert view.loaded and view.text == "Only a few words.\n"


async def test_two_panes_on_one_long_document_share_one_load(tmp_path: Path, monkeypatch) -> None:
    source, _text = _long_document(tmp_path)
    db = tmp_path / "long.db"
    ids = make_db(db, source)
    reads: list[int] = []
    read_whole = ReaderScreen._read_whole

    def counted(self, document_id):
        reads.append(document_id)
        read_whole(self, document_id)

    monkeypatch.setattr(ReaderScreen, "_read_whole", counted)
    app = make_app(db, ids + ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        left, right = app.screen.query(DocumentView)
        assert reads == ids
        assert left.loaded and right.loaded and left.text is right.text


async def test_many_annotations_first_those_at_the_start_then_all(tmp_path: Path, monkeypatch) -> None:
    from tui.store import Store

    source, text = _long_document(tmp_path)
    db = tmp_path / "long.db"
    ids = make_db(db, source)
    store = Store.open(db)
    step = len(text) // 800
    for n in range(800):  # spread over the text, so most start past the first chunk
        store.create_annotation(ids[0], text, n * step, n * step + 4, "claim", "tester")
    store.close()
    first_frame: list[tuple[int, str]] = []
    after_first_frame = ReaderScreen._after_first_frame

    def seen(self, partly):
        view = self.views[0]
        first_frame.append((len(view.spans), str(self.panes[0].title_bar.render())))
        after_first_frame(self, partly)

    monkeypatch.setattr(ReaderScreen, "_after_first_frame", seen)
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.screen.query_one(DocumentView)
        shown_first, title = first_frame[0]
        assert 0 < shown_first < 800  # only those near the start ...
        assert "800 annotations" in title  # ... but the title counts them all
        assert len(view.spans) == 800
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.cursor == step
