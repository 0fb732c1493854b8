"""Merging, case by case, on two small databases whose document ids differ (documents are
the same by sha256, not by id): every field of a record arrives, identical records are not
conflicts, deletions travel with who and when and take their links, a link whose end we
deleted stays out, and a document's newer version stays its newer version.

The promises tested elsewhere (newer wins, ties by content, labels, originals, counts of a
second merge) are in test_rooms.py, test_merge_promises.py and test_tombstones.py."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tui.ingest import read_document
from tui.model.entities import Annotation, Link
from tui.model.layout import block_index
from tui.store import Store

TEXT = "Klein said the shells came from the north. Officials denied it.\n"
T1, T2, T3, T4 = ("2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z",
                  "2026-01-04T00:00:00.000Z")


@pytest.fixture
def pair(tmp_path):
    """Ours and theirs with the same story; ours has another document first, so the story's id
    differs: (ours, theirs, our story's id, their story's id)."""
    story = tmp_path / "story.txt"
    story.write_text(TEXT, "utf-8")
    extra = tmp_path / "extra.txt"
    extra.write_text("Only we have this one.\n", "utf-8")
    ours, theirs = Store.open(tmp_path / "ours.db"), Store.open(tmp_path / "theirs.db")
    ours.add_document(read_document(extra))
    our_id = ours.add_document(read_document(story)).document_id
    their_id = theirs.add_document(read_document(story)).document_id
    assert our_id != their_id
    yield ours, theirs, our_id, their_id
    ours.close()
    theirs.close()


def _annotation(doc_id, id_="A", start=11, end=21, modified=T1, **fields) -> Annotation:
    values = {"prefix": "Klein said ", "suffix": " came", "note": "a note", "annotator": "ann", "created": T1,
              "status": "anchored", "attributes": '{"rating": "false"}', "origin": "import"}
    values.update(fields)
    return Annotation(id_, doc_id, start, end, values.pop("label", "claim"), TEXT[start:end], modified=modified,
                      **values)


def _put(store, annotation):
    store.insert_annotations([annotation])


def _summary(**counts) -> dict:
    keys = ("documents_added", "added", "updated", "unchanged", "deleted", "conflicts", "links_added",
            "links_updated", "links_deleted", "tombstones_added", "labels_added")
    return {key: counts.get(key, 0) for key in keys}


def test_every_field_of_a_new_annotation_arrives_on_our_copy_of_its_document(pair):
    ours, theirs, our_id, their_id = pair
    theirs_a = _annotation(their_id, label="attribution", start=0, end=10, prefix="", suffix=" the shells",
                           attributes='{"voice": "direct"}', status="orphaned", origin="accepted:x", modified=T2)
    _put(theirs, theirs_a)
    assert ours.merge_from(theirs) == _summary(added=1)
    assert ours.annotation("A") == replace(theirs_a, document_id=our_id)


def test_every_field_of_a_newer_version_replaces_ours(pair):
    ours, theirs, our_id, their_id = pair
    _put(ours, _annotation(our_id, modified=T1))
    newer = _annotation(their_id, start=22, end=41, label="claim", prefix="the shells ", suffix=". Officials",
                        note="moved", annotator="bob", created=T2, status="orphaned", attributes='{"rating": "true"}',
                        origin="manual", modified=T3)
    _put(theirs, newer)
    assert ours.merge_from(theirs) == _summary(updated=1)
    assert ours.annotation("A") == replace(newer, document_id=our_id)


def test_the_same_version_on_both_sides_is_unchanged_and_no_conflict(pair):
    ours, theirs, our_id, their_id = pair
    for i, start in enumerate((0, 11, 43)):
        _put(ours, _annotation(our_id, f"A{i}", start, start + 5, prefix=TEXT[:start][-5:]))
        _put(theirs, _annotation(their_id, f"A{i}", start, start + 5, prefix=TEXT[:start][-5:]))
    assert ours.merge_from(theirs) == _summary(unchanged=3)


@pytest.mark.parametrize("field, value", [
    ("start", 12), ("end", 20), ("label", "attribution"), ("prefix", "said "), ("suffix", " went"),
    ("note", "other"), ("annotator", "bob"), ("created", T2), ("status", "orphaned"),
    ("attributes", '{"rating": "true"}'), ("origin", "manual"),
])
def test_the_same_time_with_any_one_field_different_is_a_conflict_decided_alike_on_both_sides(pair, field, value):
    ours, theirs, our_id, their_id = pair
    mine = _annotation(our_id)
    other = replace(_annotation(their_id), **{field: value})
    if field in ("start", "end"):
        other = replace(other, exact=TEXT[other.start:other.end])
    _put(ours, mine)
    _put(theirs, other)
    summary = ours.merge_from(theirs)
    assert summary["conflicts"] == 1 and summary["updated"] + summary["unchanged"] == 1
    theirs.merge_from(ours)
    assert replace(ours.annotation("A"), document_id=0) == replace(theirs.annotation("A"), document_id=0)


def test_their_deletion_of_our_older_version_deletes_it_and_its_links_saying_who_and_when(pair):
    ours, theirs, our_id, their_id = pair
    _put(ours, _annotation(our_id, "A", modified=T1))
    _put(ours, _annotation(our_id, "B", 43, 52, modified=T1))
    ours._insert_link(Link("L", "A", "B", "related", "", "ann", T1, T1))
    _put(theirs, _annotation(their_id, "A", modified=T1))
    with theirs.transaction():
        theirs._bury("annotation", _annotation(their_id, "A"), T2, "bob", "sha-of-theirs")
        theirs.conn.execute("DELETE FROM annotations WHERE id = 'A'")
    assert ours.merge_from(theirs) == _summary(deleted=1, added=0, unchanged=0)
    assert [a.id for a in ours.annotations(our_id)] == ["B"] and ours.links_of(["B"]) == []
    for record_id, kind in (("A", "annotation"), ("L", "link")):
        buried = ours.tombstone(record_id)
        assert (buried.kind, buried.deleted, buried.deleted_by) == (kind, T2, "bob")
    assert ours.tombstone("A").document_sha256 == ours.document(our_id).sha256


def test_a_deletion_we_never_saw_is_kept_as_theirs_and_a_later_one_replaces_ours(pair):
    ours, theirs, our_id, their_id = pair
    with theirs.transaction():
        theirs._bury("annotation", _annotation(their_id, "never"), T2, "bob", "sha-x")
        theirs._bury("annotation", _annotation(their_id, "both"), T3, "carol", "sha-y")
        theirs._bury("annotation", _annotation(their_id, "older"), T1, "dan", "sha-z")
    with ours.transaction():
        ours._bury("annotation", _annotation(our_id, "both"), T2, "me", "sha-y")
        ours._bury("annotation", _annotation(our_id, "older"), T2, "me", "sha-z")
    assert ours.merge_from(theirs) == _summary(tombstones_added=2)
    never, both, older = (ours.tombstone(i) for i in ("never", "both", "older"))
    assert (never.kind, never.deleted, never.deleted_by, never.document_sha256) == ("annotation", T2, "bob", "sha-x")
    assert json.loads(never.record)["id"] == "never"
    assert (both.deleted, both.deleted_by) == (T3, "carol")
    assert (older.deleted, older.deleted_by) == (T2, "me")  # ours was the later deletion
    assert ours.merge_from(theirs) == _summary()


def test_our_edit_after_their_deletion_stays_and_is_a_conflict(pair):
    ours, theirs, our_id, their_id = pair
    _put(ours, _annotation(our_id, modified=T3))
    with theirs.transaction():
        theirs._bury("annotation", _annotation(their_id), T2, "bob")
    assert ours.merge_from(theirs) == _summary(conflicts=1)
    assert ours.annotation("A").modified == T3 and ours.tombstone("A") is None


def test_their_edit_after_our_deletion_brings_it_back_without_our_tombstone(pair):
    ours, theirs, our_id, their_id = pair
    with ours.transaction():
        ours._bury("annotation", _annotation(our_id), T2, "me")
    _put(theirs, _annotation(their_id, modified=T3, note="edited later"))
    assert ours.merge_from(theirs) == _summary(added=1, conflicts=1)
    assert ours.annotation("A").note == "edited later" and ours.tombstone("A") is None
    # Their edit before our deletion does not.
    with ours.transaction():
        ours._bury("annotation", _annotation(our_id, "B"), T2, "me")
    _put(theirs, _annotation(their_id, "B", modified=T1))
    assert ours.merge_from(theirs) == _summary(unchanged=2)
    assert ours.tombstone("B").deleted == T2 and [a.id for a in ours.annotations(our_id)] == ["A"]


# Links ---------------------------------------------------------------------------------------
def _three_on_both(pair):
    ours, theirs, our_id, their_id = pair
    for store, doc in ((ours, our_id), (theirs, their_id)):
        for id_, start in (("A", 0), ("B", 11), ("C", 43)):
            _put(store, _annotation(doc, id_, start, start + 5))
    return ours, theirs


def test_a_link_arrives_with_every_field_and_one_whose_end_we_deleted_stays_out(pair):
    ours, theirs = _three_on_both(pair)
    with ours.transaction():  # we deleted C after their last edit of it
        ours._delete_annotation_rows(ours.annotation("C"), [], T4, "me")
    kept_out = Link("L1", "A", "C", "related", "", "bob", T1, T1)
    first = Link("L2", "A", "B", "supports", "why", "bob", T1, T2)
    second = Link("L3", "B", "A", "contradicts", "", "carol", T2, T3)  # after the one kept out
    for link in (kept_out, first, second):
        theirs._insert_link(link)
    assert ours.merge_from(theirs) == _summary(unchanged=3, links_added=2)  # C stays deleted
    assert (ours.link("L2"), ours.link("L3")) == (first, second)
    assert ours.links_of(["C"]) == [] and ours.tombstone("L1") is None


def test_their_newer_link_replaces_every_field_of_ours(pair):
    ours, theirs = _three_on_both(pair)
    ours._insert_link(Link("L", "A", "B", "related", "", "ann", T1, T1))
    newer = Link("L", "B", "C", "supports", "checked", "bob", T2, T3)
    theirs._insert_link(newer)
    assert ours.merge_from(theirs)["links_updated"] == 1
    assert ours.link("L") == newer


def test_their_deletion_of_our_older_link_deletes_it_and_keeps_their_tombstone(pair):
    ours, theirs = _three_on_both(pair)
    ours._insert_link(Link("L", "A", "B", "related", "", "ann", T1, T1))
    ours._insert_link(Link("M", "A", "C", "related", "", "ann", T1, T3))  # edited after their deletion
    with theirs.transaction():
        theirs._bury("link", Link("L", "A", "B", "related", "", "ann", T1, T1), T2, "bob")
        theirs._bury("link", Link("M", "A", "C", "related", "", "ann", T1, T1), T2, "bob")
        theirs._bury("link", Link("N", "B", "C", "related", "", "ann", T1, T1), T2, "carol")
    assert ours.merge_from(theirs) == _summary(unchanged=3, links_deleted=1, tombstones_added=1, conflicts=1)
    assert [link.id for link in ours.links_of(["A", "B", "C"])] == ["M"]
    for record_id, who in (("L", "bob"), ("N", "carol")):
        buried = ours.tombstone(record_id)
        assert (buried.kind, buried.deleted, buried.deleted_by) == ("link", T2, who)
    assert ours.tombstone("M") is None
    assert ours.merge_from(theirs) == _summary(unchanged=3, conflicts=1)


# Documents -----------------------------------------------------------------------------------------
def test_a_document_arrives_with_every_field_its_text_and_its_blocks(pair, tmp_path):
    ours, theirs, _, _ = pair
    page = tmp_path / "only-theirs.txt"
    page.write_text("First paragraph here.\n\nSecond paragraph, with “quotes” and 漢字.\n", "utf-8")
    their_doc = theirs.add_document(read_document(page)).document_id
    ours_story = ours.documents()[-1].id
    # Our story has no stored block index, as if imported before they were stored: the
    # merged document's index must not take its place.
    ours.conn.execute("DELETE FROM document_blocks WHERE document_id = ?", (ours_story,))
    assert ours.merge_from(theirs)["documents_added"] == 1
    story_text = ours.text(ours_story)
    assert [list(a) for a in ours.blocks(ours_story, story_text)] == [list(a) for a in block_index(story_text)]
    ours_doc = ours.match_document(sha256=theirs.document(their_doc).sha256)
    assert replace(ours_doc, id=0) == replace(theirs.document(their_doc), id=0)
    assert ours.text(ours_doc.id) == theirs.text(their_doc)
    assert ours.document_metadata(ours_doc.id) == theirs.document_metadata(their_doc)
    assert ours.chunk_starts(ours_doc.id) == theirs.chunk_starts(their_doc)
    # The reader reads the text through its chunks: they hold the document's text.
    chunks = "".join(ours.text_chunk(ours_doc.id, n) for n in range(len(ours.chunk_starts(ours_doc.id))))
    assert chunks == theirs.text(their_doc)
    # Its block index is stored with it, as at import: the reader need not rebuild it.
    assert ours.conn.execute("SELECT count(*) FROM document_blocks WHERE document_id = ?",
                             (ours_doc.id,)).fetchone() == (1,)
    text = ours.text(ours_doc.id)
    assert [list(a) for a in ours.blocks(ours_doc.id, text)] == [list(a) for a in theirs.blocks(their_doc, text)]
    assert ours.original(ours_doc.id)[0] == page.read_bytes()


def _superseded_by(store) -> dict[str, str | None]:
    """Each version's sha256 and the sha256 of the version that replaced it."""
    rows = store.conn.execute(
        "SELECT d.sha256, n.sha256 FROM documents d LEFT JOIN documents n ON n.id = d.superseded_by").fetchall()
    return dict(rows)


def test_a_document_they_replaced_with_a_newer_version_is_replaced_here_too(tmp_path):
    folder = tmp_path / "theirs"
    folder.mkdir()
    page = folder / "story.txt"
    page.write_text(TEXT, "utf-8")
    theirs = Store.open(tmp_path / "theirs.db")
    theirs.add_document(read_document(page))
    page.write_text(TEXT + "A correction was added.\n", "utf-8")
    theirs.add_document(read_document(page))
    ours = Store.open(tmp_path / "ours.db")
    assert ours.merge_from(theirs)["documents_added"] == 2
    assert _superseded_by(ours) == _superseded_by(theirs)
    assert [d.sha256 for d in ours.documents()] == [d.sha256 for d in theirs.documents()]
    # A database that replaced the old version with a version of its own keeps its own.
    own = tmp_path / "own"
    own.mkdir()
    (own / "story.txt").write_text(TEXT, "utf-8")
    third = Store.open(tmp_path / "third.db")
    third.add_document(read_document(own / "story.txt"))
    (own / "story.txt").write_text(TEXT + "Our own correction.\n", "utf-8")
    third.add_document(read_document(own / "story.txt"))
    mine_before = _superseded_by(third)
    third.merge_from(theirs)
    after = _superseded_by(third)
    old_sha = next(sha for sha, newer in mine_before.items() if newer)
    assert after[old_sha] == mine_before[old_sha] != _superseded_by(theirs)[old_sha]
    for store in (ours, theirs, third):
        store.close()


@pytest.mark.parametrize("kind", ["annotation", "link"])
def test_two_deletions_at_the_same_time_keep_the_greater_name_on_both_sides(pair, kind):
    ours, theirs, our_id, _ = pair
    record = _annotation(our_id, "X") if kind == "annotation" else Link("X", "A", "B", "related")
    other = replace(record, id="Y")
    with ours.transaction():
        ours._bury(kind, record, T2, "zed")
        ours._bury(kind, other, T2, "amy")
    with theirs.transaction():
        theirs._bury(kind, record, T2, "amy")
        theirs._bury(kind, other, T2, "zed")
    assert ours.merge_from(theirs)["tombstones_added"] == 1
    assert ours.tombstone("X").deleted_by == ours.tombstone("Y").deleted_by == "zed"
    theirs.merge_from(ours)
    assert theirs.tombstone("X").deleted_by == theirs.tombstone("Y").deleted_by == "zed"


@pytest.mark.parametrize("field, value", [
    ("source_id", "C"), ("target_id", "C"), ("relation", "supports"), ("note", "other"), ("annotator", "bob"),
    ("created", T2),
])
def test_a_link_edited_at_the_same_time_on_both_sides_is_a_conflict_decided_alike(pair, field, value):
    ours, theirs = _three_on_both(pair)
    mine = Link("L", "A", "B", "related", "", "ann", T1, T3)
    ours._insert_link(mine)
    theirs._insert_link(replace(mine, **{field: value}))
    summary = ours.merge_from(theirs)
    assert summary["conflicts"] == 1 and summary["links_updated"] + summary["links_added"] <= 1
    theirs.merge_from(ours)
    assert ours.link("L") == theirs.link("L")
    again = ours.merge_from(theirs)
    assert (again["conflicts"], again["links_updated"]) == (0, 0)


def test_every_conflict_of_one_merge_is_counted(pair):
    """Two same-time edits and two edits after the other side's deletion: four conflicts."""
    ours, theirs, our_id, their_id = pair
    for id_ in ("A", "B"):
        _put(ours, _annotation(our_id, id_, note="ours"))
        _put(theirs, _annotation(their_id, id_, note="theirs"))
    for id_ in ("C", "D"):
        _put(ours, _annotation(our_id, id_, modified=T3))
        with theirs.transaction():
            theirs._bury("annotation", _annotation(their_id, id_), T2, "bob")
    assert ours.merge_from(theirs)["conflicts"] == 4


def test_every_deletion_and_link_conflict_of_one_merge_is_counted(pair):
    ours, theirs = _three_on_both(pair)
    for id_ in ("P", "Q"):  # same-time link edits with different notes
        ours._insert_link(Link(id_, "A", "B", "related", "ours", "ann", T1, T1))
        theirs._insert_link(Link(id_, "A", "B", "related", "theirs", "ann", T1, T1))
    for store, doc in ((ours, pair[2]), (theirs, pair[3])):
        _put(store, _annotation(doc, "D", 22, 26))
    with theirs.transaction():
        for id_ in ("C", "D"):  # deleted by them after our last edit
            theirs._delete_annotation_rows(theirs.annotation(id_), [], T2, "bob")
    summary = ours.merge_from(theirs)
    assert (summary["deleted"], summary["conflicts"]) == (2, 2)
    assert [a.id for a in ours.annotations(pair[2])] == ["A", "B"]


def test_every_link_deletion_and_learned_tombstone_of_one_merge_is_counted(pair):
    ours, theirs = _three_on_both(pair)
    with theirs.transaction():
        for id_ in ("L1", "L2", "N1", "N2"):
            theirs._bury("link", Link(id_, "A", "B", "related", "", "ann", T1, T1), T2, "bob")
        theirs._bury("annotation", _annotation(pair[3], "gone"), T2, "bob")  # learned before the links
    for id_ in ("L1", "L2"):  # ours, older than their deletion
        ours._insert_link(Link(id_, "A", "B", "related", "", "ann", T1, T1))
    summary = ours.merge_from(theirs)
    assert (summary["links_deleted"], summary["tombstones_added"]) == (2, 3)
    assert ours.links_of(["A"]) == []
