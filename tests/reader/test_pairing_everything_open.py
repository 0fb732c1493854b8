"""P ranks candidates from every other open pane, marks linked claims, and counts
comparable figures; its word diff shows words as written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.model.figures import figures
from tui.model.pair_ranking import FIGURE_BONUS, figure_verdict, rank_pairs, written_word_diff
from tui.reader.widgets.document_view import DocumentView
from tui.store import Store

from ..helpers import SIZE, make_app, make_db

NEARLY_HALF = "nearly half of artillery rounds used by the Russian Army were of North Korean origin"
FORTY = "This is 40 percent of Russia’s ammunition stockpiles in this area."
A_THIRD = "North Korean shells now make up about a third of the artillery rounds fired by Russian"


def test_words_are_shown_as_written():
    parts = written_word_diff("North Korea delivered 5.8 million shells, it doesn't say",
                              "North Korea delivered 6 million shells; Russia’s army doesn't say")
    assert ("-", "5.8") in parts and ("+", "6") in parts
    assert any(op == "=" and "doesn't say" in text for op, text in parts)
    assert ("+", "; Russia’s army") in parts


@given(st.text(max_size=40), st.text(max_size=40))
def test_the_diff_is_made_of_each_side_in_order(a, b):
    parts = written_word_diff(a, b)
    left = [text for op, text in parts if op in "=-"]
    right = [text for op, text in parts if op in "=+"]
    # Each stretch is the text as written, and the stretches follow each other in it.
    for side, text in ((left, a), (right, b)):
        at = 0
        for stretch in side:
            found = text.find(stretch, at)
            assert found >= 0, (stretch, text)
            at = found + len(stretch)
        assert "".join(ch for ch in "".join(side) if not ch.isspace()) == "".join(ch for ch in text if not ch.isspace())


def test_comparable_figures_add_the_bonus_and_say_so():
    assert figure_verdict(figures(NEARLY_HALF), figures(FORTY)) == "figures differ"
    assert figure_verdict(figures("half of the shells"), figures("50 percent of shells")) == "same figures"
    assert figure_verdict(figures(NEARLY_HALF), figures("Putin met Kim in Beijing.")) == ""
    pools = {2: [(0, len(FORTY), FORTY, "forty"), (100, 140, "Russian Army rounds of North Korean origin", None)]}
    plain = rank_pairs(NEARLY_HALF, pools)
    forty = next(c for c in plain if c.annotation_id == "forty")
    assert forty.figures == "figures differ"
    without = rank_pairs("Russian Army rounds", {2: [(0, len(FORTY), FORTY, "forty")]})[0]
    assert without.figures == "" and forty.score > without.score - 100 + FIGURE_BONUS


async def test_nearly_half_ranks_dws_40_percent_in_the_top_three(tmp_path, corpus):
    db = tmp_path / "two.db"
    ids = make_db(db, corpus)
    store = Store.open(db)
    made = {}
    for key, doc, quote in (("half", ids[0], NEARLY_HALF), ("forty", ids[1], FORTY)):
        text = store.text(doc)
        start = text.index(quote)
        made[key] = store.create_annotation(doc, text, start, start + len(quote), "claim", "t")
    store.close()
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left = app.screen.query(DocumentView).first()
        left.move_to(made["half"].start)
        await pilot.press("P")
        await pilot.pause()
        found = app.screen.found
        assert made["forty"].id in [c.annotation_id for c in found[:3]]
        forty = next(c for c in found if c.annotation_id == made["forty"].id)
        assert forty.figures == "figures differ"
        row = app.screen.query_one("#candidates").get_option_at_index(found.index(forty)).prompt.plain
        assert "nearly half" in row and "40 percent" in row and "Russia’s" in row


@pytest.fixture
def three_db(tmp_path, corpus):
    db = tmp_path / "three.db"
    ids = make_db(db, *sorted(corpus.glob("*.txt")))  # kim, dw, meridian (sorted by name: dw, kim, meridian)
    store = Store.open(db)
    docs = {}
    for doc in ids:
        text = store.text(doc)
        for key, quote in (("half", NEARLY_HALF), ("forty", FORTY), ("third", A_THIRD)):
            if quote in text:
                start = text.index(quote)
                docs[key] = (doc, store.create_annotation(doc, text, start, start + len(quote), "claim", "t"))
    store.create_link(docs["half"][1].id, docs["third"][1].id, "contradicts", "t")
    store.close()
    return db, docs


async def test_p_ranks_every_open_pane_marks_links_and_counts_figures(three_db):
    db, docs = three_db
    (half_doc, half), (forty_doc, _), (third_doc, third) = docs["half"], docs["forty"], docs["third"]
    app = make_app(db, [half_doc, forty_doc, third_doc])
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        views = list(app.screen.query(DocumentView))
        views[0].move_to(half.start)
        await pilot.press("P")
        await pilot.pause()
        assert type(app.screen).__name__ == "PairingDialog"
        found = app.screen.found
        assert {c.document_id for c in found} == {forty_doc, third_doc}
        top_three = [c.annotation_id for c in found[:3]]
        assert len(top_three) == 3 and len({(c.document_id, c.start) for c in found}) == len(found)
        linked = next(c for c in found if c.annotation_id == third.id)
        assert linked.linked == "contradicts"
        row = app.screen.query_one("#candidates").get_option_at_index(found.index(linked)).prompt.plain
        assert "linked: contradicts" in row and "pane 3" in row
        # Enter on the linked one: no second link, the pane goes there.
        app.screen.query_one("#candidates").highlighted = found.index(linked)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is views[2] and views[2].cursor == third.start
        store = Store.open(db)
        try:
            assert len(store.document_links(half_doc)) == 1
        finally:
            store.close()
