"""The flat formats, byte by byte on hand-made records: doccano's JSON Lines (offsets in the
unit asked, relations within a document, the rest counted), CSV rows, JSON Lines and the JSON
array, offsets in UTF-16 units or UTF-8 bytes, and reading our JSON Lines back (each bad line
refused with its number and reason)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tui.formats import csv_format, doccano, json_format
from tui.formats.jsonl_import import ImportError_, read_jsonl
from tui.formats.offsets import OffsetConverter

TEXTS = {1: "😀 Émoji said: claim here.\n", 2: "Second text.\n"}
DOCS = {1: {"id": 1, "path": "a.txt", "sha256": "s1", "title": "First", "url": "https://a.example/x",
            "published": "2025-09-03"},
        2: {"id": 2, "path": "b.txt", "sha256": "s2", "title": "Second"}}


def _record(id, doc, label, quote, links=(), **more):
    text = TEXTS[doc]
    start = text.index(quote)
    record = {"id": id, "document": DOCS[doc], "label": label, "start": start, "end": start + len(quote),
              "exact": quote, "prefix": "", "suffix": "", "note": "", "annotator": "ann", "created": "c",
              "modified": "m", "status": "anchored", "origin": "manual", "attributes": {}, "links": list(links)}
    record.update(more)
    return record


def _link(relation, direction, other, id="l"):
    return {"id": id, "relation": relation, "direction": direction, "other": other}


def _rows():
    return [
        _record("c", 1, "claim", "claim here", links=[_link("attributes", "in", "a"), _link("same_as", "out", "x")]),
        _record("a", 1, "attribution", "Émoji said", links=[_link("attributes", "out", "c"),
                                                            _link("related", "out", "a")]),
        _record("x", 2, "claim", "Second", links=[_link("same_as", "in", "c"), _link("supports", "out", "c")]),
    ]


# doccano ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("unit", "claim", "attribution"), [
    ("codepoint", (14, 24), (2, 12)),
    ("utf16", (15, 25), (3, 13)),    # the emoji is two UTF-16 units
    ("utf8", (18, 28), (5, 16)),     # four bytes, and É two
])
def test_doccano_lines_in_each_unit(unit, claim, attribution):
    out = io.StringIO()
    counts = doccano.write(iter(_rows()), out, TEXTS.get, unit)
    assert counts == {"documents": 2, "entities": 3, "relations": 2, "cross_document_links": 2}
    first, second = out.getvalue().split("\n")[:2]
    assert out.getvalue().endswith("\n") and out.getvalue().count("\n") == 2
    assert json.loads(first) == {
        "text": TEXTS[1],
        "entities": [{"id": 1, "label": "claim", "start_offset": claim[0], "end_offset": claim[1]},
                     {"id": 2, "label": "attribution", "start_offset": attribution[0], "end_offset": attribution[1]}],
        "relations": [{"id": 1, "from_id": 2, "type": "attributes", "to_id": 1},
                      {"id": 2, "from_id": 2, "type": "related", "to_id": 2}],
        "meta": {"document_id": 1, "path": "a.txt", "sha256": "s1", "title": "First"},
    }
    assert json.loads(second) == {
        "text": TEXTS[2], "entities": [{"id": 1, "label": "claim", "start_offset": 0, "end_offset": 6}],
        "relations": [], "meta": {"document_id": 2, "path": "b.txt", "sha256": "s2", "title": "Second"},
    }


def test_doccano_writes_nothing_for_no_rows():
    out = io.StringIO()
    assert doccano.write(iter([]), out, TEXTS.get, "utf16") == {
        "documents": 0, "entities": 0, "relations": 0, "cross_document_links": 0}
    assert out.getvalue() == ""


def test_doccano_escapes_controls_in_the_text():
    out = io.StringIO()
    doccano.write(iter([_record("x", 2, "claim", "Second")]), out, lambda _doc: "Second\u2028\x85", "codepoint")
    assert "\u2028" not in out.getvalue() and "\\u2028" in out.getvalue() and "\\u0085" in out.getvalue()


# offsets ----------------------------------------------------------------------------------
def test_offsets_in_code_points_are_unchanged():
    convert = OffsetConverter("😀x", "codepoint")
    assert [convert(0), convert(2), convert(1)] == [0, 2, 1]
    assert convert.span(1, 2) == (1, 2)


@pytest.mark.parametrize(("unit", "expected"), [
    # "a" "\uffff" (one UTF-16 unit, three bytes) "\U00010000" (two units, four bytes) "é" (one unit, two bytes)
    ("utf16", [0, 1, 2, 4, 5]),
    ("utf8", [0, 1, 4, 8, 10]),
])
def test_offsets_in_other_units_count_each_character(unit, expected):
    text = "a\uffff\U00010000é"
    convert = OffsetConverter(text, unit)
    assert [convert(i) for i in range(5)] == expected
    # Asked in any order, from a fresh converter or not, the answers are the same.
    assert [convert(i) for i in (4, 2, 3, 0, 1)] == [expected[i] for i in (4, 2, 3, 0, 1)]
    assert [OffsetConverter(text, unit)(i) for i in range(5)] == expected


@pytest.mark.parametrize(("unit", "span"), [("utf16", (1, 4)), ("utf8", (1, 8)), ("codepoint", (1, 3))])
def test_a_span_converts_both_ends(unit, span):
    convert = OffsetConverter("a\uffff\U00010000é", unit)
    assert convert.span(1, 3) == span
    assert convert.span(0, 0) == (0, 0)
    assert convert.span(3, 4) == {"utf16": (4, 5), "utf8": (8, 10), "codepoint": (3, 4)}[unit]


# CSV --------------------------------------------------------------------------------------
def test_csv_rows_have_every_column_in_order():
    out = io.StringIO()
    rows = _rows()
    rows[0]["attributes"] = {"claim_type": ["événement"]}
    assert csv_format.write_csv(iter(rows[:1] + rows[2:]), out) == 2
    lines = out.getvalue().split("\r\n")
    assert lines[0] == ",".join(csv_format.COLUMNS)
    assert lines[0] == ("id,document_id,document_path,document_sha256,document_title,document_url,"
                        "document_published,label,start,end,exact,prefix,suffix,note,annotator,created,modified,"
                        "status,origin,attributes,links")
    parsed = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert parsed[0] == {
        "id": "c", "document_id": "1", "document_path": "a.txt", "document_sha256": "s1", "document_title": "First",
        "document_url": "https://a.example/x", "document_published": "2025-09-03", "label": "claim",
        "start": "14", "end": "24", "exact": "claim here", "prefix": "", "suffix": "", "note": "",
        "annotator": "ann", "created": "c", "modified": "m", "status": "anchored", "origin": "manual",
        "attributes": '{"claim_type": ["événement"]}',
        "links": json.dumps(rows[0]["links"]),
    }
    # A document without url or published (an older export read back) gives empty cells; no attributes, none.
    assert (parsed[1]["document_url"], parsed[1]["document_published"], parsed[1]["attributes"]) == ("", "", "")
    assert lines[-1] == "" and len(lines) == 4


def test_csv_without_links_or_attributes_leaves_the_cells_empty():
    row = csv_format.flatten(_record("x", 2, "claim", "Second", attributes=None))
    assert (row["links"], row["attributes"]) == ("", "")
    assert "document" not in row and row["document_id"] == 2


def test_csv_ignores_keys_it_has_no_column_for():
    out = io.StringIO()
    csv_format.write_csv(iter([_record("x", 2, "claim", "Second", offset_unit="utf16")]), out)
    assert "utf16" not in out.getvalue()


def test_csv_keeps_non_ascii_in_the_json_cells():
    row = csv_format.flatten(_record("x", 2, "claim", "Second", links=[_link("same_as", "out", "é")]))
    assert row["links"] == '[{"id": "l", "relation": "same_as", "direction": "out", "other": "é"}]'


def test_csv_of_no_rows_is_the_header():
    out = io.StringIO()
    assert csv_format.write_csv(iter([]), out) == 0
    assert out.getvalue() == ",".join(csv_format.COLUMNS) + "\r\n"


# JSON Lines and JSON ----------------------------------------------------------------------
def test_jsonl_is_one_compact_record_a_line():
    out = io.StringIO()
    assert json_format.write_jsonl(iter([{"a": "é", "b": [1]}, {"c": None}]), out) == 2
    assert out.getvalue() == '{"a": "é", "b": [1]}\n{"c": null}\n'


def test_a_json_array_has_one_record_a_line():
    out = io.StringIO()
    assert json_format.write_json(iter([{"a": "é"}, {"b": "\x85"}]), out) == 2
    assert out.getvalue() == '[\n  {"a": "é"},\n  {"b": "\\u0085"}\n]\n'
    out = io.StringIO()
    assert json_format.write_json(iter([{"a": 1}]), out) == 1
    assert out.getvalue() == '[\n  {"a": 1}\n]\n'
    out = io.StringIO()
    assert json_format.write_json(iter([]), out) == 0
    assert out.getvalue() == "[]\n"


# Reading JSON Lines back --------------------------------------------------------------------
def test_jsonl_reads_every_object_and_skips_blank_lines():
    lines = ['{"id": "a"}', "", "   ", '{"id": "b", "x": [1]}\n', "\t\n"]
    assert read_jsonl(lines) == [{"id": "a"}, {"id": "b", "x": [1]}]
    assert read_jsonl([]) == []


@pytest.mark.parametrize(("lines", "message"), [
    (["{oops}"], "line 1: not JSON (Expecting property name enclosed in double quotes)"),
    (['{"id": "a"}', "", '{"id": '], "line 3: not JSON (Expecting value)"),
    (['{"id": "a"}', "[1, 2]"], "line 2: not a JSON object"),
    (["", "", '"text"'], "line 3: not a JSON object"),
    (["null"], "line 1: not a JSON object"),
])
def test_a_bad_line_is_refused_with_its_number_and_reason(lines, message):
    with pytest.raises(ImportError_) as raised:
        read_jsonl(lines)
    assert str(raised.value) == message
