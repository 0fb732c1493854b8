"""Importing W3C annotations with the command: what comes in, and what is refused with which
one-line reason (each refused annotation on its own line, the count in the summary)."""

from __future__ import annotations

import hashlib
import json

import pytest

from tui.store import Store

from ..helpers import make_db, run

TEXT = "Hello world, the minister said. Then a claim here, and a claim there.\n"


@pytest.fixture
def db(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    path = tmp_path / "w.db"
    make_db(path, doc)
    return path


SHA = hashlib.sha256(TEXT.encode()).hexdigest()


def _annotation(id, exact, label="claim", source="urn:sha256:" + SHA, at=None, **target):
    """An Annotation as a client writes it: the quote, and its position ``at`` if given."""
    selectors = [{"type": "TextQuoteSelector", "exact": exact}]
    if at is not None:
        selectors.append({"type": "TextPositionSelector", "start": at, "end": at + len(exact)})
    item = {"type": "Annotation", "body": [{"type": "TextualBody", "purpose": "tagging", "value": label}],
            "target": {"source": source, "selector": selectors, **target}}
    if id:
        item["id"] = "urn:uuid:" + id
    return item


def _import(db, tmp_path, data, ok=True):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return run("import-annotations", path, "--db", db, ok=ok)


def _stored(db) -> list[tuple[str, int, int, str]]:
    store = Store.open(db)
    try:
        return [(a.id, a.start, a.end, a.label) for a in store.annotations(1)]
    finally:
        store.close()


def test_a_collection_of_annotations_and_a_link_comes_in(db, tmp_path):
    link = {"type": "Annotation", "id": "urn:uuid:l1", "motivation": "linking", "target": "urn:uuid:s1",
            "body": ["urn:uuid:c1", {"type": "TextualBody", "purpose": "tagging", "value": "attributes"}]}
    data = {"type": "AnnotationCollection", "first": {"items": [
        _annotation("c1", "Hello world", at=0), _annotation("s1", "the minister said", "attribution", at=13), link]}}
    result = _import(db, tmp_path, data)
    assert result.stdout == "2 added, 0 updated, 0 unchanged, 0 re-anchored, 1 links added, 0 refused\n"
    assert sorted(_stored(db)) == [("c1", 0, 11, "claim"), ("s1", 13, 30, "attribution")]


def test_a_page_is_found_by_the_hash_of_its_cached_copy(db, tmp_path):
    item = _annotation("p1", "the minister said", source="https://news.example/a",
                       state={"type": "TimeState", "sourceDate": "2026-01-01T00:00:00Z", "cached": "urn:sha256:" + SHA})
    assert _import(db, tmp_path, [item]).stdout.startswith("1 added, ")
    assert _stored(db) == [("p1", 13, 30, "claim")]


def test_an_ambiguous_quote_is_placed_by_its_position(db, tmp_path):
    second = TEXT.index("a claim", TEXT.index("a claim") + 1)
    _import(db, tmp_path, _annotation("q1", "a claim", at=second))
    assert _stored(db) == [("q1", second, second + 7, "claim")]


def test_each_annotation_without_an_id_is_refused_on_its_own_line(db, tmp_path):
    data = [_annotation(None, "Hello"), _annotation(None, "world"), _annotation(None, "minister")]
    result = _import(db, tmp_path, data, ok=False)
    assert result.exit_code == 1
    assert result.stdout == "0 added, 0 updated, 0 unchanged, 0 re-anchored, 0 links added, 3 refused\n"
    assert result.stderr == "refused\t?: needs an id and the exact text\n" * 3


@pytest.mark.parametrize(("item", "reason"), [
    (_annotation("x1", "Hello", source="urn:sha256:" + "0" * 64),
     "x1: no document in the database has sha256 " + "0" * 64 + " or path urn:sha256:" + "0" * 64
     + "; import the document first"),
    (_annotation("x2", "Hello", source="https://elsewhere.example/",
                 state={"type": "TimeState", "cached": "https://archive.example/x"}),
     "x2: no document in the database has path https://elsewhere.example/; import the document first"),
    (_annotation("x3", "Hello", label="opinion"), "x3: unknown label 'opinion'"),
    (_annotation("x4", "not in the text"),
     "x4: its text is not in the document (or is there several times with no context to choose)"),
    (_annotation("x5", "a claim"),
     "x5: its text is not in the document (or is there several times with no context to choose)"),
    ({"type": "Annotation", "id": "urn:uuid:x6", "body": [], "target": {"source": "urn:sha256:" + SHA}},
     "x6: needs an id and the exact text"),
])
def test_a_malformed_annotation_is_refused_with_its_reason(db, tmp_path, item, reason):
    result = _import(db, tmp_path, [item, _annotation("good", "Hello world", at=0)], ok=False)
    assert result.exit_code == 1
    assert result.stderr == f"refused\t{reason}\n"
    assert result.stdout == "1 added, 0 updated, 0 unchanged, 0 re-anchored, 0 links added, 1 refused\n"
    assert _stored(db) == [("good", 0, 11, "claim")]


def test_a_link_to_an_annotation_that_is_nowhere_is_refused(db, tmp_path):
    link = {"type": "Annotation", "id": "urn:uuid:l9", "motivation": "linking", "target": "urn:uuid:c1",
            "body": ["urn:uuid:ghost", {"type": "TextualBody", "purpose": "tagging", "value": "supports"}]}
    result = _import(db, tmp_path, [_annotation("c1", "Hello world", at=0), link], ok=False)
    assert result.stderr == "refused\tlink l9: an end is missing\n"
    assert result.stdout == "1 added, 0 updated, 0 unchanged, 0 re-anchored, 0 links added, 1 refused\n"


@pytest.mark.parametrize(("content", "message"), [
    ("42", "not annotations"),
    ('"Annotation"', "not annotations"),
    ('{"type": "Annotation"}\n[1]\n', "line 2: not a JSON object"),
    ('{"type": "Annotation"}\n{oops\n', "line 2: not JSON (Expecting property name enclosed in double quotes)"),
])
def test_a_file_that_is_not_annotations_is_refused_in_one_line(db, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = run("import-annotations", path, "--db", db, ok=False)
    assert result.exit_code == 1
    assert result.stderr == f"diptych: {path}: {message}\n"


def test_json_lines_of_w3c_annotations_come_in(db, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(_annotation(i, q)) for i, q in (("j1", "Hello"), ("j2", "world"))) + "\n",
                    encoding="utf-8")
    assert run("import-annotations", path, "--db", db).stdout.startswith("2 added, ")
    assert sorted(_stored(db)) == [("j1", 0, 5, "claim"), ("j2", 6, 11, "claim")]
