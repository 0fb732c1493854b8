"""Offsets are truth: for any text and any span, store -> export gives text[start:end] == exact."""

from __future__ import annotations

import json

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import cli
from tui.ingest import read_document
from tui.model.text import normalise_newlines
from tui.store import Store

# Emoji (astral, ZWJ sequences), CJK, combining marks, CRLF, lone CR, tabs, controls.
ALPHABET = st.sampled_from(
    list("abc XYZ.,“”’\t\n\r") + ["\r\n", "😀", "👩\u200d👩\u200d👧", "漢字", "한", "e\u0301", "\u0308",
                                  "\x1b[31m", "[bold]", "\u2028", "\ufeff", "ﬁ", "ß"]
)
TEXTS = st.lists(ALPHABET, min_size=1, max_size=60).map("".join).filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=TEXTS, data=st.data())
def test_store_then_export_keeps_offsets_exact(tmp_path_factory, raw, data):
    folder = tmp_path_factory.mktemp("prop")
    file = folder / "doc.txt"
    file.write_bytes(raw.encode("utf-8"))
    doc = read_document(file)
    assert doc.text == normalise_newlines(raw)[0]
    store = Store.open(folder / "p.db")
    document_id = store.add_document(doc).document_id
    text = store.text(document_id)
    assert text == doc.text
    spans = data.draw(st.lists(
        st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text))).map(sorted)
        .filter(lambda s: s[0] < s[1]), min_size=1, max_size=5))
    for start, end in spans:
        store.create_annotation(document_id, text, start, end, "claim", "prop")
    store.close()
    out = CliRunner().invoke(cli, ["export", "--db", str(folder / "p.db")])
    assert out.exit_code == 0, out.output
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert sorted((r["start"], r["end"]) for r in records) == sorted(tuple(s) for s in spans)
    for record in records:
        start, end = record["start"], record["end"]
        assert text[start:end] == record["exact"]
        assert text[max(0, start - 32):start] == record["prefix"]
        assert text[end:end + 32] == record["suffix"]
