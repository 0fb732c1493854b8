"""The W3C export's selectors say where the span is, in code points, without the W3C suite:
for every exported Annotation, the document named by its source (``urn:sha256:``) has
``text[start:end] == exact`` through the TextPositionSelector, and the TextQuoteSelector's
prefix and suffix are the text around it."""

from __future__ import annotations

import json

import pytest

from tui.model.text import CONTEXT_CHARS
from tui.store import Store

from ..helpers import make_db, run


@pytest.fixture
def w3c_db(example_db, tmp_path):
    """The shipped example plus a document of astral characters, combining marks and controls,
    where code points, UTF-16 units and bytes all differ."""
    odd = tmp_path / "odd.txt"
    odd.write_text("😀 Émoji e\u0301 first\x1b claim. 𝔘𝔫𝔦 says: second claim 😀😀 here.\n", encoding="utf-8")
    [doc] = make_db(example_db, odd)
    store = Store.open(example_db)
    text = store.text(doc)
    for quote in ("first\x1b claim", "𝔘𝔫𝔦 says", "second claim 😀😀"):
        start = text.index(quote)
        store.create_annotation(doc, text, start, start + len(quote), "claim", "t", note="n")
    store.close()
    return example_db


def _annotation_count(db) -> int:
    store = Store.open(db)
    try:
        return store.conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
    finally:
        store.close()


def _texts(db) -> dict[str, str]:
    store = Store.open(db)
    try:
        return {"urn:sha256:" + d.sha256: store.text(d.id) for d in store.documents()}
    finally:
        store.close()


def _check_selectors(items: list[dict], texts: dict[str, str]) -> int:
    checked = 0
    for item in items:
        if item["motivation"] != "tagging":
            continue
        target = item["target"]
        text = texts[target["source"]]
        quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
        position = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"], item["id"]
        assert quote["prefix"] == text[max(0, start - CONTEXT_CHARS):start]
        assert quote["suffix"] == text[end:end + CONTEXT_CHARS]
        checked += 1
    return checked


def test_every_w3c_annotation_points_at_its_exact_text(w3c_db):
    items = [json.loads(line) for line in run("export", "--format", "w3c", "--db", w3c_db).stdout.splitlines()]
    assert _check_selectors(items, _texts(w3c_db)) == _annotation_count(w3c_db) >= 64 + 3


def test_every_annotation_of_a_w3c_collection_points_at_its_exact_text(w3c_db, tmp_path):
    out = tmp_path / "collection.json"
    run("export", "--format", "w3c", "--collection", "--output", out, "--db", w3c_db)
    data = json.loads(out.read_text("utf-8"))
    assert _check_selectors(data["first"]["items"], _texts(w3c_db)) == _annotation_count(w3c_db) >= 64 + 3


def test_a_w3c_import_uses_the_position_selector(w3c_db, tmp_path):
    """A quote that occurs twice with the same context is found by its position."""
    doc_path = tmp_path / "twice.txt"
    doc_path.write_text("same words here. same words here.\n", encoding="utf-8")
    db = tmp_path / "twice.db"
    [doc] = make_db(db, doc_path)
    store = Store.open(db)
    text = store.text(doc)
    second = text.index("same words", 1)
    store.create_annotation(doc, text, second, second + len("same words"), "claim", "t")
    store.close()
    out = tmp_path / "twice.w3c.jsonl"
    run("export", "--format", "w3c", "--output", out, "--db", db)
    [item] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    position = item["target"]["selector"][1]
    assert (position["start"], position["end"]) == (second, second + len("same words"))
    fresh = tmp_path / "fresh.db"
    make_db(fresh, doc_path)
    assert "1 added" in run("import-annotations", out, "--db", fresh).stdout
    store = Store.open(fresh)
    try:
        [annotation] = store.annotations(1)
    finally:
        store.close()
    assert (annotation.start, annotation.end) == (second, second + len("same words"))
