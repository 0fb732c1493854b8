"""The export's work on a small store: which records each format writes, offsets converted per
document, document fields added, deletions appended (and filtered like the annotations), and
the one-line summary each format says."""

from __future__ import annotations

import functools
import io
import json
import sys

import pytest

from tui.formats import exporting, w3c
from tui.formats.exporting import export
from tui.services.importing import import_ids
from tui.store import Store

FIRST = "😀 Émoji said: claim here. Another claim.\n"
SECOND = "Second text, a claim too.\n"


@pytest.fixture
def small(tmp_path):
    """Two documents: a claim, an attribution of it and a second claim in the first; a claim in the
    second, same_as the first's. Then a claim of each and a link deleted (three tombstones)."""
    (tmp_path / "a.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SECOND, encoding="utf-8")
    store = Store.open(tmp_path / "s.db")
    one, two = import_ids(store, [tmp_path / "a.txt", tmp_path / "b.txt"])

    def tag(doc, text, quote, label, occurrence=0):
        start = text.index(quote, occurrence)
        return store.create_annotation(doc, text, start, start + len(quote), label, "ann").id

    ids = {"claim": tag(one, FIRST, "claim here", "claim"), "said": tag(one, FIRST, "Émoji said", "attribution"),
           "another": tag(one, FIRST, "Another claim", "claim"), "second": tag(two, SECOND, "a claim too", "claim"),
           "gone1": tag(one, FIRST, "😀", "claim"), "gone2": tag(two, SECOND, "Second", "attribution")}
    store.create_link(ids["said"], ids["claim"], "attributes", "ann")
    store.create_link(ids["claim"], ids["second"], "same_as", "ann")
    doomed = store.create_link(ids["another"], ids["claim"], "supports", "ann")
    store.delete_link(doomed.id, deleted_by="eve")
    store.delete_annotation(ids["gone1"], deleted_by="eve")
    store.delete_annotation(ids["gone2"])
    yield store, ids, one, two
    store.close()


class _Stdout(io.TextIOWrapper):
    """A stdout that can say it is a terminal."""

    tty = False

    def isatty(self):
        return self.tty


@pytest.fixture
def stdout(monkeypatch):
    """Call it in the test body (pytest's capture sets sys.stdout again between setup and call)."""
    def install(tty: bool = False) -> _Stdout:
        out = _Stdout(io.BytesIO(), encoding="utf-8")
        out.tty = tty
        monkeypatch.setattr(sys, "stdout", out)
        return out

    return install


def _read(out: _Stdout) -> str:
    out.flush()
    return out.buffer.getvalue().decode("utf-8")


def _lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _ids(records) -> list[str]:
    return [r["id"] for r in records]


def test_jsonl_to_a_file_is_every_record_and_its_count(small, tmp_path):
    store, ids, _one, _two = small
    out = tmp_path / "all.jsonl"
    assert export(store, "jsonl", str(out)) == f"4 annotations written to {out}"
    assert _lines(out) == list(store.export_rows())
    assert _ids(_lines(out)) == [ids["said"], ids["claim"], ids["another"], ids["second"]]


def test_the_fast_jsonl_path_counts_every_chunk(small, tmp_path, monkeypatch):
    store, _ids_, _one, two = small
    monkeypatch.setattr(store, "export_json_chunks", functools.partial(store.export_json_chunks, size=1))
    out = tmp_path / "chunks.jsonl"
    assert export(store, "jsonl", str(out)) == f"4 annotations written to {out}"
    assert export(store, "jsonl", str(out), document_id=two) == f"1 annotations written to {out}"
    assert _ids(_lines(out)) == [_ids_["second"]]


def test_jsonl_filters_by_document_and_label(small, tmp_path):
    store, ids, one, _two = small
    out = tmp_path / "f.jsonl"
    assert export(store, "jsonl", str(out), document_id=one, label="claim") == f"2 annotations written to {out}"
    assert _ids(_lines(out)) == [ids["claim"], ids["another"]]


def test_jsonl_to_stdout_says_nothing(small, stdout):
    store, ids, _one, _two = small
    out = stdout()
    assert export(store, "jsonl", None, label="attribution") == ""
    assert [json.loads(line)["id"] for line in _read(out).splitlines()] == [ids["said"]]


def test_deletions_follow_the_annotations(small, tmp_path):
    store, ids, _one, _two = small
    out = tmp_path / "d.jsonl"
    assert export(store, "jsonl", str(out), with_deletions=True) == f"7 annotations written to {out}"
    records = _lines(out)
    assert _ids(records[:4]) == [ids["said"], ids["claim"], ids["another"], ids["second"]]
    tombstones = {t.id: t for t in store.tombstones()}
    deletions = records[4:]
    assert [d["id"] for d in deletions] == [t.id for t in store.tombstones()]
    for deletion in deletions:
        tombstone = tombstones[deletion["id"]]
        expected = {"deleted": tombstone.deleted, "deleted_by": tombstone.deleted_by, "kind": tombstone.kind,
                    "id": tombstone.id}
        if tombstone.kind == "annotation":
            expected["document"] = {"sha256": tombstone.document_sha256}
        assert deletion == expected
    by_id = {d["id"]: d for d in deletions}
    assert by_id[ids["gone1"]]["deleted_by"] == "eve" and by_id[ids["gone2"]]["deleted_by"] == "ann"
    assert by_id[ids["gone1"]]["document"] == {"sha256": store.document(1).sha256}
    assert sorted(d["kind"] for d in deletions) == ["annotation", "annotation", "link"]


def test_deletions_are_filtered_like_the_annotations(small):
    store, ids, one, two = small
    assert [d["id"] for d in exporting.deletion_records(store, one)] == [ids["gone1"]]
    assert [d["id"] for d in exporting.deletion_records(store, two)] == [ids["gone2"]]
    assert [d["id"] for d in exporting.deletion_records(store, label="attribution")] == [ids["gone2"]]
    assert [d["id"] for d in exporting.deletion_records(store, label="claim")] == [ids["gone1"]]
    assert list(exporting.deletion_records(store, one, "attribution")) == []
    everything = list(exporting.deletion_records(store))
    assert len(everything) == 3 and next(d for d in everything if d["kind"] == "link").keys() == {
        "deleted", "deleted_by", "kind", "id"}


def test_offsets_in_utf16_and_utf8_mark_each_record(small, tmp_path):
    store, ids, _one, _two = small
    for unit, spans in (("utf16", {"said": (3, 13), "claim": (15, 25), "second": (13, 24)}),
                        ("utf8", {"said": (5, 16), "claim": (18, 28), "second": (13, 24)})):
        out = tmp_path / f"{unit}.jsonl"
        assert export(store, "jsonl", str(out), unit=unit) == f"4 annotations written to {out}"
        records = {r["id"]: r for r in _lines(out)}
        for name, span in spans.items():
            assert (records[ids[name]]["start"], records[ids[name]]["end"]) == span
            assert records[ids[name]]["offset_unit"] == unit


def test_offsets_converted_after_an_earlier_document_start_afresh(small, tmp_path):
    # The second document's offsets are small again: its converter must not carry the first's.
    store = small[0]
    records = list(exporting._converted(store, store.export_rows(), "utf8"))
    assert [(r["start"], r["end"]) for r in records] == [(5, 16), (18, 28), (30, 43), (13, 24)]
    deletion = {"deleted": "t", "id": "x"}
    assert list(exporting._converted(store, iter([deletion]), "utf8")) == [{"deleted": "t", "id": "x"}]


def test_documents_adds_the_documents_fields_and_with_text_its_text(small, tmp_path):
    store = small[0]
    out = tmp_path / "docs.jsonl"
    export(store, "jsonl", str(out), with_documents=True)
    records = _lines(out)
    for record in records:
        doc = store.document(record["document"]["id"])
        for field in ("title", "source", "language", "length", "newline", "added"):
            assert record["document"][field] == getattr(doc, field)
        assert "text" not in record["document"]
    export(store, "jsonl", str(out), with_documents=True, with_text=True)
    assert [r["document"]["text"] for r in _lines(out)] == [FIRST, FIRST, FIRST, SECOND]
    deletion = {"deleted": "t", "id": "x"}
    assert list(exporting._with_documents(store, iter([deletion]), True)) == [{"deleted": "t", "id": "x"}]


def test_documents_with_deletions_keeps_the_deletions_plain(small, tmp_path):
    store = small[0]
    out = tmp_path / "both.jsonl"
    export(store, "jsonl", str(out), with_documents=True, with_text=True, with_deletions=True, unit="utf16")
    records = _lines(out)
    assert [("deleted" in r) for r in records] == [False] * 4 + [True] * 3
    assert all("text" in r["document"] and r["offset_unit"] == "utf16" for r in records[:4])
    assert all("offset_unit" not in r and "text" not in r.get("document", {}) for r in records[4:])


def test_json_and_csv_to_files(small, tmp_path):
    store, ids, _one, _two = small
    out = tmp_path / "a.json"
    assert export(store, "json", str(out)) == f"4 annotations written to {out}"
    assert json.loads(out.read_text("utf-8")) == list(store.export_rows())
    out = tmp_path / "a.csv"
    assert export(store, "csv", str(out), label="attribution") == f"1 annotations written to {out}"
    data = out.read_bytes()
    assert data.count(b"\r\n") == 2 and b"\r\r\n" not in data  # the csv module's own line ends, untranslated
    assert ids["said"] in data.decode("utf-8")


def test_csv_to_stdout_keeps_its_line_ends(small, stdout):
    store = small[0]
    out = stdout()
    assert export(store, "csv", None, label="attribution") == ""
    assert _read(out).count("\r\n") == 2


def test_nothing_to_export_still_says_zero_annotations(small, tmp_path):
    store = small[0]
    out = tmp_path / "none.csv"
    assert export(store, "csv", str(out), label="nothing") == f"0 annotations written to {out}"


def test_w3c_one_annotation_a_line_with_links_counted(small, tmp_path):
    store = small[0]
    out = tmp_path / "w.jsonl"
    assert export(store, "w3c", str(out)) == f"4 annotations, 2 links written to {out}"
    items = _lines(out)
    rows = list(store.export_rows())
    expected = []
    for row in rows:
        expected.append(w3c.annotation(row, row["start"], row["end"]))
        expected += [w3c.link_annotation(row, link) for link in row["links"] if link["direction"] == "out"]
    assert items == expected
    assert [i["motivation"] for i in items] == ["tagging", "linking", "tagging", "linking", "tagging", "tagging"]
    assert export(store, "w3c", str(out), label="claim") == f"3 annotations, 1 links written to {out}"
    out2 = tmp_path / "w2.jsonl"
    assert export(store, "w3c", str(out2), document_id=2) == f"1 annotations written to {out2}"


def test_w3c_in_utf16_units(small, tmp_path):
    store = small[0]
    out = tmp_path / "w16.jsonl"
    export(store, "w3c", str(out), unit="utf16", label="attribution")
    item, link = _lines(out)
    assert link["motivation"] == "linking"
    assert item["target"]["selector"][1] == {"type": "TextPositionSelector", "start": 3, "end": 13}


def test_a_w3c_collection_holds_every_item(small, tmp_path):
    store = small[0]
    out = tmp_path / "c.json"
    assert export(store, "w3c", str(out), collection=True) == f"4 annotations, 2 links written to {out}"
    text = out.read_text("utf-8")
    assert text.startswith('{\n  "@context": "http://www.w3.org/ns/anno.jsonld",\n') and text.endswith("}\n")
    assert '"exact": "Émoji said"' in text and '"prefix": "😀 "' in text  # other text as itself, not \u escapes
    data = json.loads(text)
    lines = tmp_path / "l.jsonl"
    export(store, "w3c", str(lines))
    assert data["type"] == "AnnotationCollection" and data["label"] == "Diptych annotations"
    assert data["total"] == 6 and data["id"].startswith("urn:uuid:")
    assert data["first"]["items"] == [{k: v for k, v in i.items() if k != "@context"} for i in _lines(lines)]


def test_w3c_to_stdout(small, stdout):
    store, ids, _one, _two = small
    out = stdout()
    assert export(store, "w3c", None, label="attribution") == ""
    assert [json.loads(line)["motivation"] for line in _read(out).splitlines()] == ["tagging", "linking"]
    assert json.loads(_read(out).splitlines()[0])["id"] == "urn:uuid:" + ids["said"]


def test_brat_says_spans_relations_attributes_and_cross_links(small, tmp_path):
    store = small[0]
    folder = tmp_path / "brat"
    assert export(store, "brat", str(folder)) == (
        f"4 spans, 1 relations, 0 attributes in 2 documents written to {folder}; 1 cross-document links in "
        "cross_document_links.tsv (standoff cannot say them)")
    conf = (folder / "annotation.conf").read_text("utf-8")
    assert conf.startswith("[entities]\nclaim\nattribution\n")
    assert export(store, "brat", str(tmp_path / "one"), document_id=1) == (
        f"3 spans, 1 relations, 0 attributes in 1 documents written to {tmp_path / 'one'}")


def test_doccano_to_a_file_and_to_stdout(small, tmp_path, stdout):
    store = small[0]
    out = stdout()
    target = tmp_path / "d.jsonl"
    assert export(store, "doccano", str(target), unit="utf16") == (
        f"2 documents, 4 entities, 1 relations, 1 cross_document_links written to {target}")
    first = _lines(target)[0]
    assert [(e["start_offset"], e["end_offset"]) for e in first["entities"]] == [(3, 13), (15, 25), (27, 40)]
    assert export(store, "doccano", None) == "1 cross-document links left out (doccano cannot say them)"
    assert len(_read(out).splitlines()) == 2
    assert export(store, "doccano", None, document_id=2, label="attribution") == ""


def test_claimreview_reviews_only_rated_claims(small, tmp_path):
    store, ids, _one, _two = small
    store.set_attributes(ids["claim"], {"rating": "false"})
    out = tmp_path / "cr.json"
    assert export(store, "claimreview", str(out), organisation="Checks") == f"1 claim reviews written to {out}"
    [review] = json.loads(out.read_text("utf-8"))["@graph"]
    assert review["author"] == {"@type": "Organization", "name": "Checks"}
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Émoji said"}
    # The same_as partner in document 2 shares the Claim and is an appearance even with --document 1
    # or --label attribution: partners and speakers are looked up among all rows.
    assert export(store, "claimreview", str(out), document_id=1, label="attribution",
                  review_url="https://c.example/f") == f"1 claim reviews written to {out}"
    [review] = json.loads(out.read_text("utf-8"))["@graph"]
    assert review["url"] == f"https://c.example/f#claim-{ids['claim']}"
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Émoji said"}
    assert len(review["itemReviewed"]["appearance"]) == 2


def test_claimreview_with_nothing_rated_says_zero(small, tmp_path):
    store = small[0]
    out = tmp_path / "cr.json"
    assert export(store, "claimreview", str(out)) == f"0 claim reviews written to {out}"
    assert json.loads(out.read_text("utf-8")) == {"@context": "https://schema.org", "@graph": []}


def test_a_terminal_gets_coloured_json(small, stdout):
    store, ids, _one, _two = small
    out = stdout(tty=True)
    assert export(store, "jsonl", None, label="attribution") == ""
    shown = _read(out)
    assert "\x1b[" in shown and ids["said"] in shown


def test_a_file_export_is_plain_even_from_a_terminal(small, stdout, tmp_path):
    store = small[0]
    shown = stdout(tty=True)
    target = tmp_path / "t.jsonl"
    assert export(store, "jsonl", str(target)) == f"4 annotations written to {target}"
    assert "\x1b" not in target.read_text("utf-8") and _read(shown) == ""
    assert export(store, "json", str(target)) == f"4 annotations written to {target}"
    assert "\x1b" not in target.read_text("utf-8") and _read(shown) == ""


def test_a_terminal_gets_a_coloured_json_array_but_plain_csv(small, stdout):
    store = small[0]
    shown = stdout(tty=True)
    assert export(store, "json", None, label="attribution") == ""
    coloured = _read(shown)
    assert "\x1b[" in coloured and "[" in coloured
    shown = stdout(tty=True)
    assert export(store, "csv", None, label="attribution") == ""
    assert "\x1b" not in _read(shown) and _read(shown).startswith("id,document_id,")


def test_deletions_in_an_export_follow_its_document_and_label(small, tmp_path):
    store, ids, one, two = small
    out = tmp_path / "d.jsonl"
    assert export(store, "jsonl", str(out), with_deletions=True, document_id=one) == f"4 annotations written to {out}"
    assert _ids(_lines(out)) == [ids["said"], ids["claim"], ids["another"], ids["gone1"]]
    assert export(store, "jsonl", str(out), with_deletions=True, label="attribution") == (
        f"2 annotations written to {out}")
    assert _ids(_lines(out)) == [ids["said"], ids["gone2"]]
    assert export(store, "jsonl", str(out), with_deletions=True, document_id=two, label="claim") == (
        f"1 annotations written to {out}")
    assert _ids(_lines(out)) == [ids["second"]]


def test_claimreview_of_one_document_reviews_only_its_claims(small, tmp_path):
    store, ids, _one, two = small
    store.set_attributes(ids["claim"], {"rating": "false"})
    store.set_attributes(ids["second"], {"rating": "true"})
    out = tmp_path / "cr.json"
    assert export(store, "claimreview", str(out)) == f"2 claim reviews written to {out}"
    assert export(store, "claimreview", str(out), document_id=two) == f"1 claim reviews written to {out}"
    [review] = json.loads(out.read_text("utf-8"))["@graph"]
    assert review["reviewRating"]["alternateName"] == "true"


def test_brat_through_the_export_declares_the_stores_attributes(small, tmp_path):
    store = small[0]
    folder = tmp_path / "brat"
    export(store, "brat", str(folder))
    conf = (folder / "annotation.conf").read_text("utf-8")
    expected = [f"{kind.name}\tArg:{kind.label}, Value:{'|'.join(kind.values)}" for kind in store.attribute_types()]
    assert expected and conf.endswith("[attributes]\n" + "\n".join(expected) + "\n")


def test_doccano_of_nothing_says_zero_documents(small, tmp_path):
    store = small[0]
    out = tmp_path / "none.jsonl"
    assert export(store, "doccano", str(out), label="nothing") == f"0 documents written to {out}"
    assert out.read_text("utf-8") == ""
