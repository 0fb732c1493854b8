"""DOCX press releases: paragraphs and tables as lines, core properties as metadata."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest

from tui.ingest import DocumentError, read_bytes, read_document


def make_docx() -> bytes:
    document = docx.Document()
    document.core_properties.title = "Ministry announces new rail timetable"
    document.core_properties.author = "Press Office"
    document.core_properties.language = "en-GB"
    document.core_properties.created = dt.datetime(2025, 9, 1, 9, 30, tzinfo=dt.UTC)
    document.add_heading("Ministry announces new rail timetable", level=1)
    document.add_paragraph("The ministry said on Monday that 120 new services would run from December.")
    document.add_paragraph("")
    paragraph = document.add_paragraph("A spokesperson added: ")
    paragraph.add_run("[bold]not markup[/bold]").bold = True
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Route"
    table.cell(0, 1).text = "Trains per day"
    document.sections[0].header.paragraphs[0].text = "PRESS RELEASE - EMBARGOED"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_paragraphs_tables_and_core_properties(tmp_path):
    file = tmp_path / "release.docx"
    file.write_bytes(make_docx())
    doc = read_document(file)
    assert doc.text.split("\n") == [
        "Ministry announces new rail timetable",
        "The ministry said on Monday that 120 new services would run from December.",
        "A spokesperson added: [bold]not markup[/bold]",
        "Route",
        "Trains per day",
    ]
    assert doc.title == "Ministry announces new rail timetable" and doc.language == "en-GB"
    assert doc.metadata["author"] == "Press Office" and doc.metadata["created"].startswith("2025-09-01T09:30")
    assert "EMBARGOED" not in doc.text  # the running header is furniture
    assert doc.format == "docx" and doc.extractor == "python-docx" and doc.original == file.read_bytes()


def test_sniffed_as_docx_without_suffix():
    assert read_bytes(make_docx(), "upload").format == "docx"


def test_truncated_docx_is_one_line():
    data = make_docx()
    with pytest.raises(DocumentError, match="^truncated or damaged DOCX"):
        read_bytes(data[: len(data) // 2], "cut.docx")


def test_a_zip_that_is_not_word_and_not_a_zip_at_all():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(DocumentError, match="no word/document.xml"):
        read_bytes(out.getvalue(), "fake.docx")
    with pytest.raises(DocumentError, match="not a zip"):
        read_bytes(b"plain text", "fake.docx")


def test_a_zip_bomb_is_refused_before_unpacking(monkeypatch):
    from tui.ingest import docx as reader

    monkeypatch.setattr(reader, "MAX_UNPACKED", 2**20)  # 1 MB here instead of 256 MB, to stay fast
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/huge.bin", b"\0" * (3 * 2**20))
    assert len(out.getvalue()) < 20_000
    with pytest.raises(DocumentError, match=r"too large when unpacked \(3 MB, the limit is 1 MB\)"):
        read_bytes(out.getvalue(), "bomb.docx")
