"""Export and import of annotation records (README, "Export formats" and `import-annotations`),
field by field: what an exported record holds, that the fast JSON Lines path gives the same
records, which document an imported record lands on (sha256, then path, then file name), what
a record may leave out, why one is refused (one line each), and `deleted` records."""

from __future__ import annotations

import json

import pytest

from tui.ingest import read_document
from tui.model.entities import Annotation, Link
from tui.model.text import utc_now
from tui.store import Store

STORY = "Klein said the shells came from the north. Officials denied it.\n"
OTHER = "Another report says the shells came from the north.\n"
T1, T2, T3 = "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z"


@pytest.fixture
def two_docs(tmp_path):
    """A store with two short documents: (store, story's id, other's id). The story was fetched
    from a URL; the other one names only its page's canonical URL."""
    story, other = tmp_path / "story.txt", tmp_path / "other.txt"
    story.write_text(STORY, "utf-8")
    other.write_text(OTHER, "utf-8")
    store = Store.open(tmp_path / "x.db")
    story_id = store.add_document(read_document(story, meta={
        "url": "https://example.org/story", "canonical_url": "https://example.org/canonical",
        "published": "2025-12-31", "retrieved": T1})).document_id
    other_id = store.add_document(read_document(other, meta={"canonical_url": "https://example.org/other"})).document_id
    yield store, story_id, other_id
    store.close()


def _ann(doc_id, id_, text, words, label="claim", **fields):
    start = text.index(words)
    return Annotation(id_, doc_id, start, start + len(words), label, words, fields.pop("prefix", "p"),
                      fields.pop("suffix", "s"), **{"note": "", "annotator": "ann", "created": T1, "modified": T1,
                                                   **fields})


# Export ----------------------------------------------------------------------------------------------
def test_an_exported_record_holds_every_field_its_document_and_its_links_both_ways(two_docs):
    store, story_id, other_id = two_docs
    cue = _ann(story_id, "cue", STORY, "Klein said", "attribution", note="n", annotator="alice", created=T1,
               modified=T2, status="orphaned", attributes='{"voice": "direct"}', origin="suggestion")
    claim = _ann(story_id, "claim", STORY, "the shells came")
    far = _ann(other_id, "far", OTHER, "the shells came")
    store.insert_annotations([cue, claim, far])
    store._insert_link(Link("L2", "claim", "far", "supports", "", "bob", T2, T3))
    store._insert_link(Link("L1", "cue", "claim", "attributes", "because", "alice", T1, T2))
    records = {r["id"]: r for r in store.export_rows()}
    story_doc = store.document(story_id)
    assert records["cue"] == {
        "id": "cue",
        "document": {"id": story_id, "path": story_doc.path, "sha256": story_doc.sha256, "title": story_doc.title,
                     "url": "https://example.org/story", "published": "2025-12-31", "retrieved": T1},
        "start": 0, "end": 10, "label": "attribution", "exact": "Klein said", "prefix": "p", "suffix": "s",
        "note": "n", "annotator": "alice", "created": T1, "modified": T2, "status": "orphaned",
        "attributes": {"voice": "direct"}, "origin": "suggestion",
        "links": [{"id": "L1", "relation": "attributes", "direction": "out", "other": "claim", "note": "because",
                   "annotator": "alice", "created": T1, "modified": T2}],
    }
    # The claim has both links, oldest first: one coming in, one going out.
    assert records["claim"]["links"] == [
        {"id": "L1", "relation": "attributes", "direction": "in", "other": "cue", "note": "because",
         "annotator": "alice", "created": T1, "modified": T2},
        {"id": "L2", "relation": "supports", "direction": "out", "other": "far", "note": "", "annotator": "bob",
         "created": T2, "modified": T3}]
    assert records["far"]["document"]["url"] == "https://example.org/other"  # the canonical URL, no other
    assert (records["far"]["document"]["published"], records["far"]["document"]["retrieved"]) == (None, None)


def test_the_json_lines_path_gives_the_same_records_in_chunks_of_the_asked_size(two_docs):
    store, story_id, other_id = two_docs
    store.insert_annotations([
        _ann(story_id, "b", STORY, "the north"), _ann(story_id, "a", STORY, "Klein said", "attribution"),
        _ann(other_id, "c", OTHER, "the shells"), _ann(story_id, "d", STORY, "the north", note="same place, later"),
        _ann(story_id, "e", STORY, "Officials", attributes='{"rating": "false"}')])
    store._insert_link(Link("L", "a", "b", "attributes", "", "ann", T1, T1))
    rows = list(store.export_rows())
    assert [r["id"] for r in rows] == ["a", "b", "d", "e", "c"]  # text order by document; ties as inserted
    chunks = list(store.export_json_chunks(size=2))
    assert [n for _, n in chunks] == [2, 2, 1]
    lines = b"".join(chunk for chunk, _ in chunks).decode("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == rows
    assert all(chunk.endswith(b"\n") and chunk.count(b"\n") == n for chunk, n in chunks)
    assert [json.loads(line)["links"] for line in lines][3] == []


@pytest.mark.parametrize("document, label, expected", [
    ("story", None, ["a", "b", "e"]), (None, "claim", ["b", "e", "c"]), ("story", "claim", ["b", "e"]),
    ("other", "attribution", []), (None, None, ["a", "b", "e", "c"]),
])
def test_an_export_narrowed_to_a_document_and_a_label(two_docs, document, label, expected):
    store, story_id, other_id = two_docs
    store.insert_annotations([
        _ann(story_id, "a", STORY, "Klein said", "attribution"), _ann(story_id, "b", STORY, "the north"),
        _ann(story_id, "e", STORY, "Officials"), _ann(other_id, "c", OTHER, "the shells")])
    doc_id = {"story": story_id, "other": other_id, None: None}[document]
    assert [r["id"] for r in store.export_rows(doc_id, label)] == expected
    fast = b"".join(chunk for chunk, _ in store.export_json_chunks(doc_id, label)).decode("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in fast] == expected


def test_stats_count_each_documents_labels(two_docs):
    store, story_id, other_id = two_docs
    store.insert_annotations([
        _ann(other_id, "c", OTHER, "the shells"), _ann(story_id, "b", STORY, "the north"),
        _ann(story_id, "a", STORY, "Klein said", "attribution"), _ann(story_id, "e", STORY, "Officials")])
    assert store.stats() == [(story_id, "story", "attribution", 1), (story_id, "story", "claim", 2),
                             (other_id, "other", "claim", 1)]


# Import ------------------------------------------------------------------------------------------------
def _record(store, doc_id, id_="r", words="the shells came", **fields):
    text = store.text(doc_id)
    start = text.index(words)
    doc = store.document(doc_id)
    return {"id": id_, "document": {"sha256": doc.sha256, "path": doc.path}, "label": "claim", "start": start,
            "end": start + len(words), "exact": words, **fields}


def test_an_imported_record_keeps_every_field_it_gives(two_docs):
    store, story_id, _ = two_docs
    record = _record(store, story_id, label="attribution", words="Klein said", note="n", annotator="alice",
                     created=T1, modified=T2, status="orphaned", attributes={"voice": "direct"}, origin="w3c",
                     prefix="ignored", suffix="ignored", unknown_field="ignored too")
    report = store.import_records([record], "default")
    assert (report.added, report.reanchored, report.refused) == (1, 0, [])
    assert store.annotation("r") == Annotation("r", story_id, 0, 10, "attribution", "Klein said", "",
                                               " the shells came from the north.", "n", "alice", T1, T2,
                                               "orphaned", '{"voice": "direct"}', "w3c")


def test_what_a_record_leaves_out_gets_a_default(two_docs):
    store, story_id, _ = two_docs
    before = utc_now()
    store.import_records([_record(store, story_id, "bare"),
                          _record(store, story_id, "created only", words="the north", created=T1)], "default")
    bare = store.annotation("bare")
    assert (bare.note, bare.annotator, bare.status, bare.attributes, bare.origin) == (
        "", "default", "anchored", "{}", "import")
    assert before <= bare.created == bare.modified <= utc_now()
    assert store.annotation("created only").modified == T1  # last changed when made


def test_a_record_finds_its_document_by_sha256_before_its_path(two_docs):
    store, story_id, other_id = two_docs
    record = _record(store, story_id)
    record["document"]["path"] = store.document(other_id).path  # a path naming the other document
    store.import_records([record], "t")
    assert store.annotation("r").document_id == story_id
    # A sha256 that is not a string is no sha256: the path still finds the document.
    wrong_type = {**_record(store, other_id, "s"), "document": {"sha256": ["x"], "path": store.document(other_id).path}}
    assert store.import_records([wrong_type], "t").added == 1 and store.annotation("s").document_id == other_id


@pytest.mark.parametrize("change, message", [
    ({"id": None}, "?: needs an id and the exact text"),
    ({"id": 7}, "7: needs an id and the exact text"),
    ({"exact": ""}, "r: needs an id and the exact text"),
    ({"exact": None}, "r: needs an id and the exact text"),
    ({"document": {}}, "r: names no document (needs document.sha256 or document.path)"),
    ({"document": "story.txt"}, "r: names no document (needs document.sha256 or document.path)"),
    ({"document": {"sha256": "f" * 64, "path": "/nowhere/missing.txt"}},
     f"r: no document in the database has sha256 {'f' * 64} or path /nowhere/missing.txt; import the document first"),
    ({"document": {"path": "/nowhere/missing.txt"}},
     "r: no document in the database has path /nowhere/missing.txt; import the document first"),
    ({"document": {"sha256": "f" * 64}}, f"r: no document in the database has sha256 {'f' * 64}; import the document first"),
    ({"document": {"sha256": "f" * 64, "path": 5}},
     f"r: no document in the database has sha256 {'f' * 64} or path 5; import the document first"),
    ({"label": "opinion"}, "r: unknown label 'opinion'"),
    ({"exact": "not in the text", "prefix": "", "suffix": ""},
     "r: its text is not in the document (or is there several times with no context to choose)"),
    ({"attributes": {"rating": "maybe"}}, "r: bad attributes: "),
    ({"attributes": ["rating"]}, "r: bad attributes: "),
])
def test_a_refused_record_says_why_in_one_line_and_the_rest_go_in(two_docs, change, message):
    store, story_id, _ = two_docs
    bad = {**_record(store, story_id), **change}
    if bad["id"] is None:
        del bad["id"]
    report = store.import_records([bad, _record(store, story_id, "good", words="the north")], "t")
    assert len(report.refused) == 1 and report.refused[0].startswith(message), report.refused
    assert "\n" not in report.refused[0]
    assert report.added == 1 and [a.id for a in store.annotations(story_id)] == ["good"]


def test_an_existing_record_is_replaced_only_by_a_newer_one_and_a_moved_span_is_counted(two_docs):
    store, story_id, _ = two_docs
    store.import_records([_record(store, story_id, modified=T2, note="first")], "t")
    same = store.import_records([_record(store, story_id, modified=T2, note="same time")], "t")
    older = store.import_records([_record(store, story_id, modified=T1, note="older")], "t")
    assert (same.unchanged, same.updated, older.unchanged, older.updated) == (1, 0, 1, 0)
    assert store.annotation("r").note == "first"
    newer = _record(store, story_id, words="the north", modified=T3, note="newer", annotator="bob", created=T2,
                    status="orphaned", attributes={"rating": "true"}, origin="w3c")
    newer["start"] += 1  # the offsets no longer fit: the quote finds its place
    report = store.import_records([newer], "t")
    assert (report.updated, report.added, report.reanchored) == (1, 0, 1)
    start = STORY.index("the north")
    assert store.annotation("r") == Annotation("r", story_id, start, start + 9, "claim", "the north",
                                               "Klein said the shells came from ", ". Officials denied it.\n",
                                               "newer", "bob", T2, T3, "orphaned", '{"rating": "true"}', "w3c")


def test_a_record_we_deleted_after_its_last_edit_stays_deleted_an_edit_after_comes_back(two_docs):
    store, story_id, _ = two_docs
    with store.transaction():
        for id_ in ("gone", "same", "back"):
            store._bury("annotation", _ann(story_id, id_, STORY, "the north"), T2, "me")
    report = store.import_records([_record(store, story_id, "gone", modified=T1),
                                   _record(store, story_id, "same", modified=T2),
                                   _record(store, story_id, "back", modified=T3)], "t")
    assert (report.kept_deleted, report.conflicts, report.added) == (2, 1, 1)
    assert [a.id for a in store.annotations(story_id)] == ["back"]
    assert store.tombstone("back") is None and store.tombstone("gone").deleted == T2


def test_links_come_in_once_each_way_round_with_defaults_and_a_missing_end_is_refused(two_docs):
    store, story_id, _ = two_docs
    before = utc_now()
    # The link with a missing end comes first: the ones after it still come in.
    cue = _record(store, story_id, "cue", words="Klein said", label="attribution", modified=T1, links=[
        {"id": "L3", "other": "nowhere"},
        {"id": "L1", "relation": "attributes", "direction": "out", "other": "claim", "note": "n",
         "annotator": "alice", "created": T1, "modified": T2},
        {"id": "L2", "direction": "in", "other": "claim"},  # claim -> cue, every field left out
        {"id": "L6", "other": "claim", "modified": T1},  # only here, no direction: going out
        {"relation": "related", "other": "claim"}, {"id": "L4"}, "L5"])
    claim = _record(store, story_id, "claim", modified=T1, links=[
        {"id": "L1", "relation": "attributes", "direction": "in", "other": "cue", "note": "n",
         "annotator": "alice", "created": T1, "modified": T2}])
    report = store.import_records([cue, claim], "default")
    assert (report.added, report.links_added, report.refused) == (2, 3, ["link L3: an end is missing"])
    assert (store.link("L6").source_id, store.link("L6").target_id) == ("cue", "claim")
    assert store.link("L1") == Link("L1", "cue", "claim", "attributes", "n", "alice", T1, T2)
    l2 = store.link("L2")
    assert (l2.source_id, l2.target_id, l2.relation, l2.note, l2.annotator) == (
        "claim", "cue", "related", "", "default")
    assert before <= l2.created <= utc_now() and before <= l2.modified <= utc_now()
    again = store.import_records([cue, claim], "default")
    assert (again.unchanged, again.links_added) == (2, 0)
    # Links we have already are passed over, and a new one after them still comes in.
    claim["links"].append({"id": "L9", "direction": "in", "other": "cue", "relation": "related"})
    assert store.import_records([cue, claim], "default").links_added == 1
    assert (store.link("L9").source_id, store.link("L9").target_id) == ("cue", "claim")


def test_a_link_we_deleted_after_its_last_edit_is_not_brought_back(two_docs):
    store, story_id, _ = two_docs
    with store.transaction():
        store._bury("link", Link("L1", "a", "b", "related"), T2, "me")
        store._bury("link", Link("L2", "a", "b", "related"), T2, "me")
    a = _record(store, story_id, "a", words="Klein said", links=[
        {"id": "L1", "other": "b", "modified": T2}, {"id": "L2", "other": "b", "modified": T3}])
    b = _record(store, story_id, "b", words="the north")
    report = store.import_records([a, b], "t")
    assert (report.links_added, report.refused) == (1, [])
    assert [link.id for link in store.links_of(["a"])] == ["L2"]


# `deleted` records -------------------------------------------------------------------------------------
def test_a_deleted_record_deletes_our_older_annotation_with_its_links(two_docs):
    store, story_id, _ = two_docs
    store.insert_annotations([_ann(story_id, "a", STORY, "Klein said"), _ann(story_id, "b", STORY, "the north")])
    store._insert_link(Link("L", "a", "b", "related", "", "ann", T1, T1))
    report = store.import_records([{"id": "a", "kind": "annotation", "deleted": T2, "deleted_by": "bob"}], "t")
    assert (report.deleted, report.conflicts, report.refused) == (1, 0, [])
    assert [x.id for x in store.annotations(story_id)] == ["b"] and store.links_of(["b"]) == []
    for record_id in ("a", "L"):
        assert (store.tombstone(record_id).deleted, store.tombstone(record_id).deleted_by) == (T2, "bob")
    assert store.tombstone("a").document_sha256 == store.document(story_id).sha256


def test_a_deleted_link_record_deletes_our_older_link_only(two_docs):
    store, story_id, _ = two_docs
    store.insert_annotations([_ann(story_id, "a", STORY, "Klein said"), _ann(story_id, "b", STORY, "the north")])
    store._insert_link(Link("L", "a", "b", "related", "", "ann", T1, T1))
    report = store.import_records([{"id": "L", "kind": "link", "deleted": T2}], "t")
    assert report.deleted == 1 and store.links_of(["a"]) == []
    assert [x.id for x in store.annotations(story_id)] == ["a", "b"]
    buried = store.tombstone("L")
    assert (buried.kind, buried.deleted, buried.deleted_by) == ("link", T2, "")
    assert json.loads(buried.record)["source_id"] == "a"


def test_a_deletion_after_our_edit_is_kept_and_one_before_it_is_a_conflict(two_docs):
    store, story_id, _ = two_docs
    store.insert_annotations([_ann(story_id, "edited", STORY, "Klein said", modified=T3)])
    report = store.import_records([
        {"id": "edited", "kind": "annotation", "deleted": T2},
        {"id": "unknown", "kind": "annotation", "deleted": T2, "deleted_by": "bob",
         "document": {"sha256": "abc", "path": "x"}},
        {"id": "unknown-link", "kind": "link", "deleted": T1, "document": "not a dict"}], "t")
    assert (report.deleted, report.conflicts, report.refused) == (0, 1, [])
    assert store.annotation("edited").modified == T3 and store.tombstone("edited") is None
    unknown, link = store.tombstone("unknown"), store.tombstone("unknown-link")
    assert (unknown.kind, unknown.deleted, unknown.deleted_by, unknown.document_sha256) == (
        "annotation", T2, "bob", "abc")
    assert (link.kind, link.deleted, link.deleted_by, link.document_sha256) == ("link", T1, "", "")
    # A record that was deleted again later, then imported: the later deletion is kept.
    store.import_records([{"id": "unknown", "kind": "annotation", "deleted": T3, "deleted_by": "carol"}], "t")
    assert (store.tombstone("unknown").deleted, store.tombstone("unknown").deleted_by) == (T3, "carol")
    store.import_records([{"id": "unknown", "kind": "annotation", "deleted": T1, "deleted_by": "dan"}], "t")
    assert store.tombstone("unknown").deleted_by == "carol"


@pytest.mark.parametrize("record", [
    {"id": "a", "kind": "document", "deleted": T2}, {"id": "a", "deleted": T2},
    {"id": 5, "kind": "annotation", "deleted": T2}, {"kind": "annotation", "deleted": T2},
])
def test_a_deleted_record_without_a_kind_or_an_id_is_refused(two_docs, record):
    store, story_id, _ = two_docs
    store.insert_annotations([_ann(story_id, "a", STORY, "Klein said")])
    report = store.import_records([record], "t")
    assert report.refused == [f"{record.get('id', '?')}: a deletion needs a kind (annotation or link) and an id"]
    assert report.deleted == 0 and store.annotation("a") and store.tombstones() == []


def test_two_deletions_at_the_same_time_keep_the_greater_name_whichever_comes_first(two_docs):
    store, _, _ = two_docs
    with store.transaction():
        store._bury("annotation", Annotation("mine-wins", 1, 0, 1, "claim", "K"), T2, "zed")
        store._bury("annotation", Annotation("theirs-wins", 1, 0, 1, "claim", "K"), T2, "amy")
    store.import_records([{"id": "mine-wins", "kind": "annotation", "deleted": T2, "deleted_by": "amy"},
                          {"id": "theirs-wins", "kind": "annotation", "deleted": T2, "deleted_by": "zed"}], "t")
    assert store.tombstone("mine-wins").deleted_by == store.tombstone("theirs-wins").deleted_by == "zed"


def test_every_update_reanchoring_and_comeback_of_one_import_is_counted(two_docs):
    store, story_id, _ = two_docs
    store.import_records([_record(store, story_id, "a", words="Klein said", modified=T1),
                          _record(store, story_id, "b", words="the north", modified=T1)], "t")
    with store.transaction():
        for id_ in ("c", "d"):
            store._bury("annotation", _ann(story_id, id_, STORY, "Officials"), T1, "me")
    moved = [_record(store, story_id, id_, words=words, modified=T2) for id_, words in
             (("a", "Klein said"), ("b", "the north"), ("c", "Officials"), ("d", "denied it"))]
    for record in moved:
        record["start"] += 1  # none of the offsets fit any more
    report = store.import_records(moved, "t")
    assert (report.updated, report.added, report.conflicts, report.reanchored) == (2, 2, 2, 4)


def test_a_newer_record_naming_another_document_moves_the_annotation_there(two_docs):
    store, story_id, other_id = two_docs
    store.import_records([_record(store, story_id, modified=T1)], "t")
    report = store.import_records([_record(store, other_id, modified=T2)], "t")
    assert report.updated == 1
    moved = store.annotation("r")
    assert (moved.document_id, moved.start, moved.exact) == (other_id, OTHER.index("the shells came"), "the shells came")
    assert store.annotations(story_id) == []


def test_every_deletion_of_one_import_is_counted_and_an_unseen_one_keeps_an_empty_record(two_docs):
    store, story_id, _ = two_docs
    store.insert_annotations([_ann(story_id, "a", STORY, "Klein said"), _ann(story_id, "b", STORY, "the north")])
    report = store.import_records([{"id": i, "kind": "annotation", "deleted": T2} for i in ("a", "b", "c")], "t")
    assert report.deleted == 2 and store.annotations(story_id) == []
    assert json.loads(store.tombstone("c").record) == {}  # we never had its row


def test_a_records_path_wins_over_another_document_with_the_same_file_name(tmp_path):
    store = Store.open(tmp_path / "x.db")
    ids = []
    for folder, text in (("a", STORY), ("b", STORY + "A later paragraph.\n")):
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "story.txt"
        path.write_text(text, "utf-8")
        ids.append(store.add_document(read_document(path)).document_id)
    b_id = ids[1]
    record = {**_record(store, b_id), "document": {"sha256": "f" * 64, "path": store.document(b_id).path}}
    assert store.import_records([record], "t").added == 1 and store.annotation("r").document_id == b_id
    # A file name alone that two documents share names neither.
    by_name = {**record, "id": "s", "document": {"path": "/elsewhere/story.txt"}}
    assert store.import_records([by_name], "t").refused == [
        "s: no document in the database has path /elsewhere/story.txt; import the document first"]
    store.close()
