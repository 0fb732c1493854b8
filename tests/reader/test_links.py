"""Linking in the reader: attribution -> claim, claim <-> claim across panes, partners, undo."""

from __future__ import annotations

import json

import pytest

from tui.store import Store
from tui.reader.widgets.document_view import DocumentView

from ..helpers import SIZE, make_app, make_db

NEARLY_HALF = "nearly half of artillery rounds used by the Russian Army were of North Korean origin"
FORTY = "This is 40 percent of Russia’s ammunition stockpiles in this area."


@pytest.fixture
def linked_db(tmp_path, corpus):
    db = tmp_path / "links.db"
    ids = make_db(db, corpus)
    store = Store.open(db)
    made = {}
    for key, doc, label, quote, skip in (
        ("half", ids[0], "claim", NEARLY_HALF, 0),
        ("forty", ids[1], "claim", FORTY, 0),
        ("klein", ids[1], "attribution", "Klein notes", 1),
    ):
        text = store.text(doc)
        start = text.index(quote, text.index(quote) + 1) if skip else text.index(quote)
        made[key] = store.create_annotation(doc, text, start, start + len(quote), label, "t")
    store.close()
    return db, ids, made


def links(db) -> list[dict]:
    store = Store.open(db)
    try:
        return [dict(zip(("source", "target", "relation"), row)) for row in
                store.conn.execute("SELECT source_id, target_id, relation FROM links ORDER BY created")]
    finally:
        store.close()


async def test_link_attribution_to_claim_and_claims_across_panes(linked_db):
    db, ids, made = linked_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left, right = app.screen.query(DocumentView)
        await pilot.press("tab")
        right.move_to(made["klein"].start)
        await pilot.press("L")
        assert app.screen.pending_link.id == made["klein"].id
        right.move_to(made["forty"].start + 3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # the default relation follows the labels: attributes
        await pilot.pause()
        assert links(db) == [{"source": made["klein"].id, "target": made["forty"].id, "relation": "attributes"}]
        status = str(app.screen.query_one("#status").render())
        assert "attributed to: 'Klein notes'" in status
        # Claim to claim across the panes, the relation chosen by its key.
        await pilot.press("L", "tab")
        left.move_to(made["half"].start)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert links(db)[1] == {"source": made["forty"].id, "target": made["half"].id, "relation": "contradicts"}
        # On the claim in A, its partner in B is highlighted; = jumps there.
        await pilot.pause()
        assert made["forty"].id in right.partners
        assert "contradicted by: doc 2" in str(app.screen.query_one("#status").render())
        await pilot.press("equals_sign")
        assert app.focused is right and right.cursor == made["forty"].start
        # Undo and redo the link; X deletes one.
        await pilot.press("u")
        await pilot.pause()
        assert len(links(db)) == 1
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert len(links(db)) == 2
        right.move_to(made["klein"].start)
        await pilot.press("X")
        await pilot.pause()
        assert [l["relation"] for l in links(db)] == ["contradicts"]


async def test_link_is_refused_when_no_relation_fits_and_escape_cancels(linked_db, tmp_path):
    db, ids, made = linked_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left, right = app.screen.query(DocumentView)
        await pilot.press("tab")
        right.move_to(made["klein"].start)
        await pilot.press("L", "escape")
        assert app.screen.pending_link is None
        await pilot.press("enter")
        await pilot.pause()
        assert links(db) == []


async def test_deleting_an_annotation_deletes_its_links_and_undo_restores_both(linked_db):
    db, ids, made = linked_db
    store = Store.open(db)
    store.create_link(made["klein"].id, made["forty"].id, "attributes", "t")
    store.close()
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        right = list(app.screen.query(DocumentView))[1]
        await pilot.press("tab")
        right.move_to(made["forty"].start)
        await pilot.press("x")
        await pilot.pause()
        assert links(db) == []
        await pilot.press("u")
        await pilot.pause()
        assert len(links(db)) == 1


async def test_attributes_picker_sets_and_undoes(linked_db):
    db, ids, made = linked_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left = list(app.screen.query(DocumentView))[0]
        left.move_to(made["half"].start)
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("space")  # claim_type: quantity
        await pilot.press(*["down"] * 7, "space")  # checkworthiness: cfs
        await pilot.press("enter")
        await pilot.pause()
        store = Store.open(db)
        assert json.loads(store.annotation(made["half"].id).attributes) == {
            "claim_type": ["quantity"], "checkworthiness": "cfs"}
        store.close()
        assert "claim_type=quantity" in str(app.screen.query_one("#status").render())
        await pilot.press("u")
        await pilot.pause()
        store = Store.open(db)
        assert store.annotation(made["half"].id).attributes == "{}"
        store.close()


@pytest.fixture
def example_app_db(tmp_path, corpus):
    from click.testing import CliRunner

    from tui.cli import cli

    from ..helpers import CORPUS

    db = tmp_path / "ex.db"
    ids = make_db(db, corpus)
    result = CliRunner().invoke(cli, ["import-annotations", str(CORPUS / "annotations.example.jsonl"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db, ids


async def test_cues_and_suggestions_in_the_reader(tmp_path, corpus):
    db = tmp_path / "cues.db"
    ids = make_db(db, corpus)
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        right = list(app.screen.query(DocumentView))[1]
        await pilot.press("tab", "C")
        klein = right.text.index("says Margarete Klein")
        assert (klein, klein + 4, "cue") in right.cues_in(klein, klein + 10)
        y = next(i for i, (_pos, row) in enumerate(right._visible) if row.start <= klein < row.end)
        styled = [seg for seg in right.render_line(y) if seg.text.startswith("says")]
        assert styled and styled[0].style.bold
        await pilot.press("S")
        right.move_to(right.text.index("Klein notes"))
        suggestion = right.suggestion_here()
        assert suggestion and right.text[suggestion.start:suggestion.end] == "Klein notes"
        await pilot.press("enter")
        await pilot.pause()
        store = Store.open(db)
        (made,) = store.annotations(ids[1])
        assert (made.exact, made.origin) == ("Klein notes", "suggestion")
        # Reject the next one; it stays rejected after a restart.
        right.move_to(right.text.index("she adds"))
        await pilot.press("r")
        assert ("attribution", right.text.index("she adds"), right.text.index("she adds") + 8) in store.rejected_suggestions(ids[1])
        store.close()
        assert right.suggestion_here() is None or right.text[right.suggestion_here().start:right.suggestion_here().end] != "she adds"


async def test_pairing_dialog_links_claim_to_the_closest_in_the_other_pane(linked_db):
    db, ids, made = linked_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        left = list(app.screen.query(DocumentView))[0]
        left.move_to(made["half"].start)
        await pilot.press("P")
        await pilot.pause()
        assert type(app.screen).__name__ == "PairingDialog"
        first = app.screen.found[0]
        await pilot.press("enter")  # the best candidate
        await pilot.pause()
        await pilot.press("plus_sign")  # supports
        await pilot.pause()
        (link,) = links(db)
        assert link["source"] == made["half"].id and link["relation"] == "supports"
        store = Store.open(db)
        assert store.annotation(link["target"]).start == first.start
        store.close()


async def test_compare_screen_jumps_to_a_pair(example_app_db):
    db, ids = example_app_db
    app = make_app(db, ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.show_comparison()
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "CompareScreen" and len(screen.report["pairs"]) == 9
        await pilot.press("enter")
        await pilot.pause()
        left, right = app.screen.query(DocumentView)
        a_id, b_id = screen.targets[0]
        assert left.cursor == left.spans.get(a_id).start and right.cursor == right.spans.get(b_id).start
