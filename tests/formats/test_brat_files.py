"""brat standoff, line by line, on a small hand-made collection: the T lines (fragments cut
at newlines), R lines within a document, A lines per attribute value, # notes on one line,
annotation.conf with its [attributes], and cross_document_links.tsv for links between files."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tui.formats import brat

TEXTS = {1: "Alpha beta.\nGamma delta said.\n", 2: "Other text here.\n"}
DOCS = {1: {"id": 1, "path": "/corpus/first article.txt", "sha256": "s1", "title": "First"},
        2: {"id": 12, "path": "second.txt", "sha256": "s2", "title": "Second"}}


def _record(id, doc, label, quote, *, note="", attributes=None, links=(), occurrence=0):
    text = TEXTS[doc]
    start = text.index(quote) if not occurrence else text.index(quote, occurrence)
    return {"id": id, "document": DOCS[doc], "label": label, "start": start, "end": start + len(quote),
            "exact": quote, "note": note, "attributes": attributes or {}, "links": list(links)}


def _link(id, relation, direction, other):
    return {"id": id, "relation": relation, "direction": direction, "other": other}


def _rows():
    return [
        _record("c1", 1, "claim", "beta.\nGamma", note="check\n  this  twice",
                attributes={"claim_type": ["event", "causal"], "checkworthiness": "cfs"},
                links=[_link("l1", "supports", "out", "c2"), _link("l2", "same_as", "out", "c3"),
                       _link("l3", "attributes", "in", "a1"), _link("l4", "related", "out", "gone")]),
        _record("a1", 1, "attribution", "said", links=[_link("l3", "attributes", "out", "c1")]),
        _record("c2", 1, "claim", "Alpha"),
        _record("c3", 2, "claim", "Other text", links=[_link("l2", "same_as", "in", "c1"),
                                                       _link("l5", "contradicts", "out", "c2")]),
    ]


ATTRIBUTE_TYPES = [SimpleNamespace(name="claim_type", label="claim", values=["event", "causal"]),
                   SimpleNamespace(name="voice", label="attribution", values=["direct"])]


@pytest.fixture
def written(tmp_path):
    folder = tmp_path / "out" / "brat"
    counts = brat.write(iter(_rows()), str(folder), lambda doc_id: TEXTS[1 if doc_id == 1 else 2],
                        ["claim", "attribution"], ATTRIBUTE_TYPES)
    return folder, counts


def test_the_counts_say_what_was_written(written):
    _folder, counts = written
    assert counts == {"documents": 2, "spans": 4, "relations": 2, "attributes": 3, "cross_document_links": 2}


def test_each_document_gets_its_text_and_ann_named_by_id_and_stem(written):
    folder, _counts = written
    assert sorted(p.name for p in folder.iterdir()) == [
        "0001-first_article.ann", "0001-first_article.txt", "0012-second.ann", "0012-second.txt",
        "annotation.conf", "cross_document_links.tsv"]
    assert (folder / "0001-first_article.txt").read_bytes() == TEXTS[1].encode()
    assert (folder / "0012-second.txt").read_bytes() == TEXTS[2].encode()


def test_every_line_of_an_ann_file(written):
    folder, _counts = written
    assert (folder / "0001-first_article.ann").read_bytes().decode() == (
        "T1\tclaim 6 11;12 17\tbeta. Gamma\n"
        "T2\tattribution 24 28\tsaid\n"
        "T3\tclaim 0 5\tAlpha\n"
        "R1\tsupports Arg1:T1 Arg2:T3\n"
        "R2\tattributes Arg1:T2 Arg2:T1\n"
        "A1\tcheckworthiness T1 cfs\n"
        "A2\tclaim_type T1 event\n"
        "A3\tclaim_type T1 causal\n"
        "#1\tAnnotatorNotes T1\tcheck this twice\n"
    )
    assert (folder / "0012-second.ann").read_bytes().decode() == "T1\tclaim 0 10\tOther text\n"


def test_links_across_documents_go_to_the_tsv_with_both_ends_named(written):
    folder, _counts = written
    assert (folder / "cross_document_links.tsv").read_bytes().decode() == (
        "link_id\trelation\tsource_document\tsource_T\tsource_annotation"
        "\ttarget_document\ttarget_T\ttarget_annotation\n"
        "l2\tsame_as\t0001-first_article\tT1\tc1\t0012-second\tT1\tc3\n"
        "l5\tcontradicts\t0012-second\tT1\tc3\t0001-first_article\tT3\tc2\n"
    )


def test_annotation_conf_declares_labels_relations_and_attributes(written):
    folder, _counts = written
    assert (folder / "annotation.conf").read_text("utf-8") == (
        "[entities]\nclaim\nattribution\n\n[relations]\n"
        "attributes\tArg1:attribution, Arg2:claim\n"
        "same_as\tArg1:claim, Arg2:claim\n"
        "supports\tArg1:claim, Arg2:claim\n"
        "contradicts\tArg1:claim, Arg2:claim\n"
        "related\tArg1:claim|attribution, Arg2:claim|attribution\n"
        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n"
        "claim_type\tArg:claim, Value:event|causal\n"
        "voice\tArg:attribution, Value:direct\n"
    )


def test_an_empty_collection_still_gets_its_conf_and_no_tsv(tmp_path):
    counts = brat.write(iter([]), str(tmp_path / "b"), TEXTS.get, ["claim"])
    assert counts == {"documents": 0, "spans": 0, "relations": 0, "attributes": 0, "cross_document_links": 0}
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["annotation.conf"]
    assert (tmp_path / "b" / "annotation.conf").read_text("utf-8").endswith("[attributes]\n")


def test_a_collection_without_cross_links_has_no_tsv(tmp_path):
    rows = [_record("c2", 1, "claim", "Alpha", links=[_link("x", "related", "out", "elsewhere")])]
    counts = brat.write(iter(rows), str(tmp_path), TEXTS.get, ["claim"])
    assert counts["cross_document_links"] == 0 and counts["relations"] == 0
    assert not (tmp_path / brat.CROSS_FILE).exists()


def test_writing_into_an_existing_folder_replaces_the_files(tmp_path):
    (tmp_path / "0001-first_article.ann").write_text("old\n")
    brat.write(iter([_record("c2", 1, "claim", "Alpha")]), str(tmp_path), TEXTS.get, ["claim"])
    assert (tmp_path / "0001-first_article.ann").read_text() == "T1\tclaim 0 5\tAlpha\n"


@pytest.mark.parametrize(("start", "end", "pieces"), [
    (0, 4, [(0, 1), (3, 4)]),   # "a\n\nb": both newlines skipped, no empty piece between them
    (1, 4, [(3, 4)]),
    (0, 2, [(0, 1)]),
    (1, 3, []),
    (0, 1, [(0, 1)]),
    (3, 4, [(3, 4)]),
    (2, 2, []),
])
def test_fragments_cut_at_newlines_and_drop_empty_pieces(start, end, pieces):
    assert brat.fragments("a\n\nb", start, end) == pieces


def test_fragments_keep_offsets_in_the_whole_text():
    text = "xx one\ntwo\nthree yy"
    assert brat.fragments(text, 3, 16) == [(3, 6), (7, 10), (11, 16)]


@pytest.mark.parametrize(("document", "name"), [
    ({"id": 3, "path": "/a/b/Le Monde: été (2).txt"}, "0003-Le_Monde_été_2_"),
    ({"id": 3, "path": "notes.v2-final.md"}, "0003-notes.v2-final"),
    ({"id": 12345, "path": "x.txt"}, "12345-x"),
    ({"id": 3, "path": ""}, "0003-document"),
    ({"id": 3}, "0003-document"),
    ({"id": 3, "path": "/"}, "0003-document"),
    ({"id": 3, "path": "/" + "a" * 100 + ".txt"}, "0003-" + "a" * 80),
])
def test_document_names_are_safe_and_short(document, name):
    assert brat.document_name(document) == name
