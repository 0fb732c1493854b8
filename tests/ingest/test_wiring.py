"""The store's side of issue 11: originals kept in the document's own transaction, the
identity of pages and streams, re-extraction as a new version, and the W3C export of a
fetched page (the suite's 54 MUST assertions, and spans that hold in code points)."""

from __future__ import annotations

import json
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.formats import w3c
from tui.ingest import read_bytes, read_document
from tui.services.importing import extraction_options, import_paths, reextract_document
from tui.store import Store, StoreError
from tui.store.documents import document_identity

from ..formats.test_interop import failed_musts, w3c_musts  # noqa: F401 - a fixture, used by name
from .pdfs import article_pdf
from .test_pdf import HEADER, PAGES

HERE = Path(__file__).parent
PAGE = (HERE / "pages" / "daily-example-kim.html").read_bytes()


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "s.db")
    yield store
    store.close()


def fetched(url: str = "http://127.0.0.1:8000/world/kim", data: bytes = PAGE, as_text: bool = False):
    """A document as fetch() makes it, without the network: the bytes and the provenance."""
    return read_bytes(data, url, meta={"url": url, "retrieved": "2025-09-04T08:00:00.123Z",
                                       "content_type": "text/html"}, as_text=as_text)


def test_the_original_is_kept_compressed_with_its_extractor_and_options(store, tmp_path):
    pdf = tmp_path / "kim.pdf"
    pdf.write_bytes(article_pdf(PAGES, title="Kim", header=HEADER))
    doc = read_document(pdf)
    added = store.add_document(doc, options={"as_text": False, "encoding": None, "meta": {"source": "Desk"}})
    size, compressed, extractor = store.conn.execute(
        "SELECT size, bytes, extractor FROM document_originals WHERE document_id = ?", (added.document_id,)).fetchone()
    assert size == len(pdf.read_bytes()) and zlib.decompress(compressed) == pdf.read_bytes()
    assert extractor == "pypdf"
    data, format, options = store.original(added.document_id)
    assert (data, format, options) == (pdf.read_bytes(), "pdf", {"meta": {"source": "Desk"}})  # no defaults kept
    assert store.extraction(added.document_id)["extractor_version"] == doc.extractor_version


def test_a_failing_original_leaves_no_document(store, tmp_path):
    bad = replace(fetched(), format="rtf")  # the table's CHECK refuses it inside the transaction
    with pytest.raises(Exception, match="CHECK constraint"):
        store.add_document(bad)
    assert store.documents() == [] and store.conn.execute("SELECT count(*) FROM document_blocks").fetchone()[0] == 0


def test_identity_of_a_file_a_page_and_a_stream(tmp_path):
    page = fetched("https://example.org//a//b")
    assert document_identity(page) == "https://example.org//a//b"  # as fetched, not collapsed by Path
    assert document_identity(read_bytes(b"Some words.\n", "-", title="Note")) == "stdin:Note"
    (tmp_path / "a.txt").write_text("A.\n", "utf-8")
    assert document_identity(read_document(tmp_path / "a.txt")) == str((tmp_path / "a.txt").resolve())


def test_replace_with_the_same_text_is_unchanged_and_adds_nothing(store):
    first = store.add_document(fetched())
    again = store.add_document(fetched(), replace=first.document_id)
    assert (again.status, again.document_id) == ("unchanged", first.document_id)
    assert len(store.documents(include_superseded=True)) == 1


def test_replace_makes_a_version_with_the_same_sha256_and_reanchors(store):
    first = store.add_document(fetched())
    text = store.text(first.document_id)
    start = text.index("would do everything it could")
    made = store.create_annotation(first.document_id, text, start, start + len("would do everything it could"),
                                   "claim", "tester")
    whole = store.add_document(fetched(as_text=True), replace=first.document_id)
    assert whole.status == "changed" and whole.reanchored["orphaned"] == 0
    new = store.document(whole.document_id)
    assert new.sha256 == store.document(first.document_id).sha256 and new.path == "http://127.0.0.1:8000/world/kim"
    moved = store.annotation(made.id)
    assert moved.document_id == new.id and store.text(new.id)[moved.start:moved.end] == moved.exact
    # The current version answers to its sha256 (an import of the same bytes is unchanged).
    assert store.add_document(fetched()).document_id == new.id


def test_reextract_document_reads_with_the_kept_options_and_refuses_without_an_original(store, tmp_path):
    doc = fetched(as_text=True)
    added = store.add_document(doc, options=extraction_options(doc, as_text=True))
    assert reextract_document(store, added.document_id).status == "unchanged"  # as_text was kept
    article = reextract_document(store, added.document_id, as_text=False)
    assert article.status == "changed" and "Cookie" not in store.text(article.document_id)
    assert store.document_metadata(article.document_id)["url"] == "http://127.0.0.1:8000/world/kim"
    store.conn.execute("DELETE FROM document_originals")
    refused = reextract_document(store, article.document_id)
    assert refused.refused and "no kept original" in refused.reason
    with pytest.raises(StoreError, match="no document with id 99"):
        store.original(99)


def test_import_paths_reports_skips_and_refusals_without_stopping(store, tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.txt").write_text("A text.\n", "utf-8")
    (folder / "b.odt").write_bytes(b"PK")
    (folder / "c.html").write_bytes(b"<html><body><nav>Home</nav></body></html>")
    results = [(Path(str(i.file)).name, i.status) for i in import_paths(store, [folder, "-"], stdin=lambda: b"x")]
    assert results == [("b.odt", "skipped"), ("a.txt", "added"), ("c.html", "refused"), ("-", "refused")]


def test_w3c_export_of_a_fetched_page_passes_every_must(store, w3c_musts):  # noqa: F811
    added = store.add_document(fetched())
    text = store.text(added.document_id)
    for quote in ("Kim Jong Un", "Kursk region", "fraternal duty"):
        start = text.index(quote)
        store.create_annotation(added.document_id, text, start, start + len(quote), "claim", "tester")
    items = [w3c.annotation(r, r["start"], r["end"]) for r in store.export_rows()]
    for item in items:
        assert failed_musts(item, w3c_musts) == []
        assert item["target"]["source"] == "http://127.0.0.1:8000/world/kim"
        assert item["target"]["state"]["sourceDate"] == "2025-09-04T08:00:00.123Z"
    records = w3c.to_records(items)
    assert {r["document"]["sha256"] for r in records} == {store.document(added.document_id).sha256}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_exported_spans_of_a_fetched_page_are_its_text_in_code_points(tmp_path_factory, data):
    store = Store.open(tmp_path_factory.mktemp("h") / "h.db")
    try:
        added = store.add_document(fetched())
        text = store.text(added.document_id)
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, min(len(text), start + 200)))
        store.create_annotation(added.document_id, text, start, end, "claim", "tester")
        (record,) = store.export_rows()
        assert text[record["start"]:record["end"]] == record["exact"]
        (fast,) = [json.loads(line) for chunk, _ in store.export_json_chunks() for line in chunk.splitlines()]
        assert fast == record and fast["document"]["url"] == "http://127.0.0.1:8000/world/kim"
        item = w3c.annotation(record, record["start"], record["end"])
        (back,) = w3c.to_records([item])
        assert text[back["start"]:back["end"]] == back["exact"]
    finally:
        store.close()
