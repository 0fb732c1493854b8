"""JSON Lines escapes DEL, the C1 controls, U+2028 and U+2029 (README, "Export formats"):
the output is safe on a terminal, and a reader splitting lines with ``str.splitlines()``
still gets one record per line. Both ways out are checked: the fast path (SQLite's JSON,
bytes, :func:`escape_controls_utf8`) and the exporter table's ``jsonl`` writer."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.formats import EXPORTERS
from tui.formats.exporting import export
from tui.formats.json_format import escape_controls, escape_controls_utf8
from tui.services.importing import import_ids
from tui.store import Store

MUST_ESCAPE = ["\x7f", *map(chr, range(0x80, 0xA0)), "\u2028", "\u2029"]
# Characters whose UTF-8 shares bytes with those above and must pass through untouched:
# "¨" and "©" (C2 A8, C2 A9), "’" and "‧" and "\u202a" (E2 80 99, E2 80 A7, E2 80 AA), NBSP (C2 A0).
NEAR_MISSES = ["\u00a8", "\u00a9", "\u2019", "\u2027", "\u202a", "\u00a0", "\u00ff", "~"]


def _raw_ones(line: str) -> list[str]:
    return [ch for ch in line if ch in MUST_ESCAPE]


@pytest.mark.parametrize("ch", MUST_ESCAPE, ids=lambda ch: f"U+{ord(ch):04X}")
def test_each_character_is_escaped_on_both_paths(ch):
    value = f"a{ch}b’©"
    line = json.dumps({"exact": value}, ensure_ascii=False)
    escaped = escape_controls(line)
    assert escaped == line.replace(ch, f"\\u{ord(ch):04x}")
    assert escape_controls_utf8(line.encode()) == escaped.encode()
    assert json.loads(escaped) == {"exact": value}
    assert escaped.splitlines() == [escaped]


def test_lines_without_those_characters_pass_unchanged():
    line = json.dumps({"exact": "".join(NEAR_MISSES) + "plain \\u2028 text"}, ensure_ascii=False)
    assert escape_controls(line) is line
    assert escape_controls_utf8(line.encode()) == line.encode()


TEXTS = st.lists(st.sampled_from(MUST_ESCAPE + NEAR_MISSES + ["a", " ", "\n", "\x1b", "😀", "\"", "\\"]),
                 max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(value=TEXTS)
def test_both_escapers_agree_and_keep_the_json_value(value):
    line = json.dumps({"exact": value, "note": value[::-1]}, ensure_ascii=False)
    escaped = escape_controls(line)
    assert escape_controls_utf8(line.encode()) == escaped.encode()
    assert json.loads(escaped) == {"exact": value, "note": value[::-1]}
    assert _raw_ones(escaped) == [] and escaped.splitlines() == [escaped]


# Through the exporters, from a database ------------------------------------------------------
HOSTILE = "Plain start. " + "".join(MUST_ESCAPE) + " middle ¨©’‧ end\x1b[31m.\n"


@pytest.fixture
def hostile_store(tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE * 3, encoding="utf-8")
    store = Store.open(tmp_path / "hostile.db")
    [doc] = import_ids(store, [path])
    text = store.text(doc)
    for n in range(3):
        start = text.index("Plain", n * len(HOSTILE))
        store.create_annotation(doc, text, start, start + len(HOSTILE) - 1, "claim", "t",
                                note="note\u2028with\u2029separators\x85")
    yield store, text
    store.close()


def _check_jsonl(data: bytes, text: str) -> None:
    decoded = data.decode("utf-8")
    assert _raw_ones(decoded) == [], "raw DEL, C1, U+2028 or U+2029 in the output"
    lines = decoded.splitlines()
    assert len(lines) == 3
    for line in lines:
        record = json.loads(line)
        assert text[record["start"]:record["end"]] == record["exact"]
        assert "".join(MUST_ESCAPE) in record["exact"]
        assert record["note"] == "note\u2028with\u2029separators\x85"


def test_the_fast_export_path_escapes(hostile_store, tmp_path):
    store, text = hostile_store
    out = tmp_path / "fast.jsonl"
    chunks = list(store.export_json_chunks())
    raw = b"".join(chunk for chunk, _ in chunks)
    assert b"\xe2\x80\xa8" in raw and b"\xc2\x85" in raw  # SQLite leaves them raw: the escaper must act
    assert export(store, "jsonl", str(out)) == f"3 annotations written to {out}"
    _check_jsonl(out.read_bytes(), text)


def test_the_exporters_jsonl_writer_escapes(hostile_store):
    store, text = hostile_store
    handle = io.StringIO()
    assert EXPORTERS["jsonl"](store.export_rows(), handle) == 3
    _check_jsonl(handle.getvalue().encode("utf-8"), text)


def test_the_slow_export_path_escapes_too(hostile_store, tmp_path: Path):
    # --documents leaves the fast path: records go through EXPORTERS['jsonl'] after the store.
    store, text = hostile_store
    out = tmp_path / "slow.jsonl"
    export(store, "jsonl", str(out), with_documents=True)
    _check_jsonl(out.read_bytes(), text)
    json_out = tmp_path / "array.json"
    export(store, "json", str(json_out))
    assert _raw_ones(json_out.read_text("utf-8")) == []
    assert [r["note"] for r in json.loads(json_out.read_text("utf-8"))] == ["note\u2028with\u2029separators\x85"] * 3


def test_both_paths_write_the_same_records_with_other_text_as_itself(hostile_store, tmp_path):
    store, _ = hostile_store
    handle = io.StringIO()
    EXPORTERS["jsonl"](store.export_rows(), handle)
    slow = handle.getvalue()
    fast = b"".join(escape_controls_utf8(chunk) for chunk, _ in store.export_json_chunks()).decode("utf-8")
    assert [json.loads(line) for line in slow.splitlines()] == [json.loads(line) for line in fast.splitlines()]
    for output in (slow, fast):
        # Only the characters above become escapes: "’", "©" and "¨" stay as they are.
        assert "middle ¨©’‧ end" in output and "\\u2019" not in output and "\\u00a9" not in output


def test_a_json_array_is_well_formed_empty_or_not():
    from tui.formats.json_format import write_json

    handle = io.StringIO()
    assert write_json(iter([]), handle) == 0 and handle.getvalue() == "[]\n"
    handle = io.StringIO()
    assert write_json(iter([{"a": 1}, {"b": "é\x85"}]), handle) == 2
    assert handle.getvalue() == '[\n  {"a": 1},\n  {"b": "é\\u0085"}\n]\n'
