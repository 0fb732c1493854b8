"""Documents in the store: what ``add_document`` answers (added / unchanged / changed, with
re-anchoring), re-extraction, identity (path, URL, stdin), kept originals and their
options, metadata, the chunked text, finding a document, re-attaching orphans."""

from __future__ import annotations

import datetime
import hashlib
import json
import zlib
from pathlib import Path

import pytest

from tui.ingest.source import DocumentFile
from tui.model.chunked import CHUNK_CHARS
from tui.model.text import context
from tui.store import Store, StoreError
from tui.store.documents import Added, document_identity

TEXT = "Klein notes that 40 percent came from North Korea. Officials said 11,000 troops were sent."


def _doc(text: str, path: str = "/docs/a.txt", **fields) -> DocumentFile:
    fields.setdefault("title", Path(path).name)
    return DocumentFile(Path(path), text, hashlib.sha256(text.encode()).hexdigest(), "lf", "utf-8", **fields)


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "d.db")
    yield store
    store.close()


def _superseded_by(store: Store, document_id: int):
    return store.conn.execute("SELECT superseded_by FROM documents WHERE id = ?", (document_id,)).fetchone()[0]


# Adding: added, unchanged, changed -----------------------------------------------------------------------------


def test_a_new_document_is_added_and_the_same_bytes_again_are_unchanged(store):
    assert store.add_document(_doc(TEXT)) == Added("added", 1, {})
    assert store.add_document(_doc(TEXT)) == Added("unchanged", 1, {})
    assert store.add_document(_doc(TEXT, "/elsewhere/copy.txt")) == Added("unchanged", 1, {})  # by sha256
    assert store.add_document(_doc(TEXT + " More.", "/docs/b.txt")) == Added("added", 2, {})  # another path
    assert [d.id for d in store.documents()] == [1, 2]


def test_a_changed_file_is_a_new_version_and_its_annotations_follow(store):
    first = store.add_document(_doc(TEXT)).document_id
    kept = store.create_annotation(first, TEXT, 0, 11, "attribution", "t")  # "Klein notes"
    lost = store.create_annotation(first, TEXT, 51, 60, "claim", "t")  # "Officials"
    changed = "Today " + TEXT.replace("Officials said", "It is said that")
    added = store.add_document(_doc(changed))
    assert added.status == "changed" and added.document_id == 2
    assert added.reanchored == {"kept": 0, "moved": 1, "orphaned": 1}
    assert _superseded_by(store, first) == 2 and _superseded_by(store, 2) is None
    assert [d.id for d in store.documents()] == [2]
    assert [d.id for d in store.documents(include_superseded=True)] == [1, 2]
    moved = store.annotation(kept.id)
    prefix, suffix = context(changed, 6, 17)
    assert (moved.document_id, moved.start, moved.end, moved.exact, moved.prefix, moved.suffix, moved.status) == \
        (2, 6, 17, "Klein notes", prefix, suffix, "anchored")
    assert moved.modified > kept.modified
    orphan = store.annotation(lost.id)
    assert (orphan.document_id, orphan.start, orphan.status) == (first, 51, "orphaned")
    assert [a.id for a in store.orphans()] == [lost.id]
    assert [a.id for a in store.orphans("/docs/a.txt")] == [lost.id] and store.orphans("/docs/b.txt") == []


def test_the_old_content_again_is_a_third_version_not_unchanged(store):
    store.add_document(_doc(TEXT))
    store.add_document(_doc(TEXT + " Changed."))
    again = store.add_document(_doc(TEXT))  # its sha256 is only an old version's
    assert (again.status, again.document_id) == ("changed", 3)
    assert [_superseded_by(store, n) for n in (1, 2, 3)] == [2, 3, None]


def test_reextraction_replaces_that_document_wherever_the_new_text_came_from(store):
    first = store.add_document(_doc(TEXT)).document_id
    assert store.add_document(_doc(TEXT, "/tmp/other.txt"), replace=first) == Added("unchanged", first, {})
    newer = store.add_document(_doc(TEXT + " Re-read.", "/tmp/other.txt"), replace=first)
    assert (newer.status, newer.document_id) == ("changed", 2)
    assert store.document(2).path == store.document(first).path == "/docs/a.txt"
    with pytest.raises(StoreError, match=r"^document 1 is an old version \(the current one is 2\); re-extract that one$"):
        store.add_document(_doc(TEXT + " Third."), replace=first)
    same_hash = store.add_document(_doc(TEXT + " Re-read."), replace=2)  # same sha256, same text: unchanged
    assert same_hash == Added("unchanged", 2, {})


def test_identity_is_the_url_of_a_page_the_title_on_stdin_else_the_resolved_path(tmp_path):
    url = "https://example.org/a//b?x=1"
    assert document_identity(_doc(TEXT, "/docs/page.html", metadata={"url": url})) == url
    assert document_identity(_doc(TEXT, "/docs/page.html", metadata={"url": ""})) == "/docs/page.html"
    assert document_identity(_doc(TEXT, "/docs/page.html", metadata={"url": 5})) == "/docs/page.html"
    assert document_identity(_doc(TEXT, "-", title="Pasted")) == "stdin:Pasted"
    assert document_identity(_doc(TEXT, str(tmp_path / "x" / ".." / "a.txt"))) == str((tmp_path / "a.txt").resolve())


def test_the_stored_row_has_every_field_of_the_document(store):
    doc = _doc(TEXT, "/docs/a.txt", title="A title", source="DW", language="en",
               metadata={"author": "Zoë", "published": datetime.date(2025, 9, 3), "at": datetime.time(7, 30)})
    document_id = store.add_document(doc).document_id
    row = store.conn.execute(
        "SELECT path, title, source, language, sha256, length, newline, encoding, metadata, text, added"
        " FROM documents WHERE id = ?", (document_id,)).fetchone()
    assert row[:10] == ("/docs/a.txt", "A title", "DW", "en", doc.sha256, len(TEXT), "lf", "utf-8",
                        '{"author": "Zoë", "published": "2025-09-03", "at": "07:30:00"}', TEXT)
    assert row[10].endswith("Z")  # README: the metadata is JSON, readable as stored (no \u escapes)
    assert store.document_metadata(document_id) == {"author": "Zoë", "published": "2025-09-03", "at": "07:30:00"}


def test_a_metadata_value_that_json_cannot_hold_is_refused_by_its_type(store):
    with pytest.raises(TypeError, match=r"^metadata value of type set cannot be stored$"):
        store.add_document(_doc(TEXT, metadata={"tags": {"a"}}))
    assert store.documents() == []


def test_unreadable_metadata_reads_as_none(store):
    for text, raw in (("one", "not json"), ("two", "[1, 2]"), ("three", None)):
        document_id = store.add_document(_doc(text, f"/docs/{text}.txt", metadata={"k": text})).document_id
        store.conn.execute("UPDATE documents SET metadata = ? WHERE id = ?", (raw, document_id))
        assert store.document_metadata(document_id) == {}
    store.add_document(_doc("four", "/docs/four.txt", metadata={"k": "four"}))
    assert store.documents_metadata() == {1: {}, 2: {}, 3: {}, 4: {"k": "four"}}
    with pytest.raises(StoreError, match=r"^no document with id 9$"):
        store.document_metadata(9)


def test_documents_metadata_leaves_out_old_versions_unless_asked(store):
    store.add_document(_doc(TEXT, metadata={"v": 1}))
    store.add_document(_doc(TEXT + "!", metadata={"v": 2}))
    assert store.documents_metadata() == {2: {"v": 2}}
    assert store.documents_metadata(include_superseded=True) == {1: {"v": 1}, 2: {"v": 2}}


def test_counts_per_document(store):
    store.add_document(_doc(TEXT))
    store.add_document(_doc("Other text here.", "/docs/b.txt"))
    store.create_annotation(1, TEXT, 0, 5, "claim", "t")
    store.create_annotation(1, TEXT, 6, 11, "claim", "t")
    assert [(d.id, n) for d, n in store.document_counts()] == [(1, 2), (2, 0)]


# Originals ---------------------------------------------------------------------------------------------------


def test_the_original_is_kept_with_its_extractor_and_the_options_that_change_the_text(store):
    doc = _doc(TEXT, original=b"<p>Klein notes</p>", format="html", extractor="trafilatura", extractor_version="2.0")
    options = {"é": "ü", "encoding": "cp1252", "as_text": False, "http_charset": None, "x": "", "y": {}}
    document_id = store.add_document(doc, options=options).document_id
    assert store.original(document_id) == (b"<p>Klein notes</p>", "html", {"encoding": "cp1252", "é": "ü"})
    assert store.extraction(document_id) == {"format": "html", "extractor": "trafilatura", "extractor_version": "2.0",
                                             "size": 18}
    stored, compression, data = store.conn.execute(
        "SELECT options, compression, bytes FROM document_originals WHERE document_id = ?", (document_id,)).fetchone()
    assert json.loads(stored) == {"encoding": "cp1252", "é": "ü"} and list(json.loads(stored)) == \
        sorted(json.loads(stored))  # the same options always read the same (sorted keys)
    assert "é" in stored and compression == "zlib" and zlib.decompress(data) == b"<p>Klein notes</p>"


def test_an_original_without_a_known_extractor_says_unknown(store):
    document_id = store.add_document(_doc(TEXT, original=b"Klein", format="text")).document_id
    assert store.extraction(document_id) == {"format": "text", "extractor": "unknown", "extractor_version": "",
                                             "size": 5}
    assert store.original(document_id) == (b"Klein", "text", {})


def test_a_document_without_an_original_says_so(store):
    document_id = store.add_document(_doc(TEXT)).document_id
    assert store.extraction(document_id) is None
    with pytest.raises(StoreError, match=r"^document 1 has no kept original \(imported before originals were kept\)$"):
        store.original(document_id)
    with pytest.raises(StoreError, match=r"^no document with id 7$"):
        store.original(7)


def test_an_original_stored_oddly_is_refused_or_read_without_options(store):
    document_id = store.add_document(_doc(TEXT, original=b"Klein", format="text")).document_id
    for options in ("not json", '["a"]', ""):
        store.conn.execute("UPDATE document_originals SET options = ?", (options,))
        assert store.original(document_id) == (b"Klein", "text", {})
    store.conn.execute("UPDATE document_originals SET compression = 'lzma'")
    with pytest.raises(StoreError, match=r"^document 1: unknown compression 'lzma' of its original$"):
        store.original(document_id)


# Chunks and blocks -------------------------------------------------------------------------------------------


def test_chunk_starts_and_chunks_of_short_and_long_texts(store):
    short = store.add_document(_doc("short")).document_id
    long_text = "ab" * CHUNK_CHARS + "c"
    long = store.add_document(_doc(long_text, "/docs/long.txt")).document_id
    assert store.chunk_starts(short) == [0] and store.text_chunk(short, 0) == "short"
    assert store.chunk_starts(long) == [0, CHUNK_CHARS, 2 * CHUNK_CHARS]
    assert store.text_chunk(long, 2) == "c"
    chunked = store.chunked_text(long, cache_size=1)
    assert len(chunked) == len(long_text) and chunked[CHUNK_CHARS - 1:CHUNK_CHARS + 2] == "bab"
    with pytest.raises(StoreError, match=r"^document 2 has no text chunk 3$"):
        store.text_chunk(long, 3)
    with pytest.raises(StoreError, match=r"^no document with id 5$"):
        store.chunk_starts(5)


def test_blocks_of_another_layout_are_made_again_and_saved(store):
    from tui.model.layout import MAX_BLOCK, block_index

    document_id = store.add_document(_doc("one\ntwo\n\nthree")).document_id
    text = store.text(document_id)
    expected = [list(a) for a in block_index(text)]
    store.conn.execute("UPDATE document_blocks SET max_block = ?, starts = x'', ends = x''", (MAX_BLOCK + 1,))
    assert [list(a) for a in store.blocks(document_id, text)] == expected
    assert store.conn.execute("SELECT max_block FROM document_blocks").fetchone() == (MAX_BLOCK,)
    assert [list(a) for a in store.blocks(document_id, text)] == expected  # now read back as stored


def test_a_read_only_store_makes_missing_blocks_without_writing(tmp_path):
    from tui.model.layout import block_index

    path = tmp_path / "r.db"
    store = Store.open(path)
    document_id = store.add_document(_doc("one\ntwo")).document_id
    store.conn.execute("DELETE FROM document_blocks")
    store.close()
    reader = Store.open(path, readonly=True)
    try:
        text = reader.text(document_id)
        assert [list(a) for a in reader.blocks(document_id, text)] == [list(a) for a in block_index(text)]
        assert reader.conn.execute("SELECT count(*) FROM document_blocks").fetchone() == (0,)
    finally:
        reader.close()


# Finding -----------------------------------------------------------------------------------------------------


def test_find_by_id_path_name_or_hash_prefix(store, tmp_path):
    a = tmp_path / "a.txt"
    store.add_document(_doc(TEXT, str(a.resolve())))
    store.add_document(_doc("Other text.", "/docs/b.txt"))
    sha = store.document(1).sha256
    assert store.find_document("2").id == 2
    assert store.find_document(str(a)).id == 1
    assert store.find_document("b.txt").id == 2
    assert store.find_document(sha[:8].upper()).id == 1
    for missing in (sha[:7], "c.txt", "99"):
        with pytest.raises(StoreError, match="no document"):
            store.find_document(missing)


def test_a_name_that_matches_several_documents_asks_for_an_id(store, tmp_path):
    store.add_document(_doc(TEXT, "/one/a.txt"))
    store.add_document(_doc("Other text.", "/two/a.txt"))
    third = store.add_document(_doc("Third text.", str((tmp_path / "a.txt").resolve()))).document_id
    assert store.find_document(str(tmp_path / "sub" / ".." / "a.txt")).id == third  # the path, resolved
    with pytest.raises(StoreError, match=r"^'a.txt' matches several documents \(1, 2, 3\); use an id$"):
        store.find_document("a.txt")
    with pytest.raises(StoreError, match=r"^'a.txt' matches several documents \(1, 2, 3\); use an id$"):
        store.match_document(name="a.txt")
    assert store.match_document(path="/two/a.txt").id == 2


def test_an_old_versions_hash_finds_that_version_and_a_current_one_comes_first(store):
    store.add_document(_doc(TEXT))
    store.add_document(_doc(TEXT + "!"))
    old_sha = store.document(1).sha256
    assert store.match_document(sha256=old_sha).id == 1
    assert store.match_document(sha256="0" * 64) is None
    # Two documents with one hash (re-extracted with the same bytes): the current one answers.
    store.conn.execute("UPDATE documents SET sha256 = ? WHERE id = 2", (old_sha,))
    assert store.match_document(sha256=old_sha).id == 2
    assert store.match_document(sha256=None, name="a.txt").id == 2  # old versions are not listed


# Re-attaching ------------------------------------------------------------------------------------------------


def test_reattach_takes_any_span_inside_the_text_even_at_its_edges(store):
    document_id = store.add_document(_doc(TEXT)).document_id
    a = store.create_annotation(document_id, TEXT, 12, 16, "claim", "t")
    store.conn.execute("UPDATE annotations SET status = 'orphaned'")
    store.reattach(a.id, document_id, 0, len(TEXT))
    whole = store.annotation(a.id)
    assert (whole.start, whole.end, whole.exact, whole.status) == (0, len(TEXT), TEXT, "anchored")
    for start, end in ((0, 0), (5, 4), (-1, 3), (80, len(TEXT) + 1)):
        with pytest.raises(StoreError, match=rf"^span {start}:{end} is outside the text \(0:{len(TEXT)}\) or empty$"):
            store.reattach(a.id, document_id, start, end)
    with pytest.raises(StoreError, match="no annotation"):
        store.reattach("missing", document_id, 0, 3)
