"""Choosing the reader, folders with what they skipped, stdin bytes, re-extraction, fuzzing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.ingest import (
    DocumentError,
    DocumentFile,
    collect,
    collect_with_skips,
    read_bytes,
    read_document,
    reextract,
    sniff_format,
)

from .pdfs import article_pdf
from .test_docx import make_docx

PAGE = (Path(__file__).parent / "pages" / "daily-example-kim.html").read_bytes()


@pytest.mark.parametrize("data, name, expected", [
    (b"%PDF-1.7 ...", "x.txt", "pdf"),
    (b"anything", "x.pdf", "pdf"),
    (b"<!DOCTYPE html><p>hi", "x", "html"),
    (b"\xef\xbb\xbf  <!-- saved --> <html>", "-", "html"),
    (b"<html>", "x.txt", "text"),
    (b"<html>", "x.md", "markdown"),
    (b"# Title", "x.markdown", "markdown"),
    (b"plain", "x", "text"),
    (b"PK\x03\x04\x00\x00binary", "x.txt", "text"),  # not a real zip: the text reader refuses it
    (b"whatever", "x.HTM", "html"),
])
def test_sniff_format(data, name, expected):
    assert sniff_format(data, name) == expected


def test_markdown_and_text_stay_as_they_are(tmp_path):
    md = tmp_path / "a.md"
    md.write_bytes(b"# Heading\r\n\r\nSome *text* with <b>markup</b>.\r\n")
    doc = read_document(md)
    assert doc.text == "# Heading\n\nSome *text* with <b>markup</b>.\n" and doc.newline == "crlf"
    assert doc.format == "markdown" and doc.title == "Heading" and doc.extractor == "diptych-text"
    assert doc.original == md.read_bytes()
    txt = tmp_path / "b.txt"
    txt.write_bytes(b"# not a heading in plain text\n")
    assert read_document(txt).title == "# not a heading in plain text"


def test_folder_takes_every_supported_format_and_lists_what_it_skipped(tmp_path):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("x")
    (folder / "a.txt").write_text("A\n")
    (folder / "b.md").write_text("B\n")
    (folder / "c.html").write_bytes(PAGE)
    (folder / "sub" / "d.htm").write_bytes(PAGE)
    (folder / "e.pdf").write_bytes(article_pdf([[("p", ["Some PDF text here."])]]))
    (folder / "f.docx").write_bytes(make_docx())
    (folder / "g.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "h.png").write_bytes(b"\x89PNG")
    (folder / "README").write_text("no suffix")
    (folder / ".DS_Store").write_bytes(b"\x00")
    (folder / "manifest.toml").write_text('[[document]]\nfile = "b.md"\ntitle = "First"\n')
    found = collect_with_skips([folder])
    names = [f.relative_to(folder).as_posix() for f, _ in found.files]
    assert names == ["b.md", "a.txt", "c.html", "e.pdf", "f.docx", "sub/d.htm"]
    assert found.files[0][1] == {"title": "First"}
    skipped = {f.relative_to(folder).as_posix(): why for f, why in found.skipped}
    assert skipped == {
        ".DS_Store": "hidden file",
        ".git": "hidden folder",
        "README": "no file type (name it .txt, .html, .pdf ...)",
        "g.doc": "unsupported format (old Word format: save it as .docx)",
        "h.png": "unsupported file type '.png'",
    }
    assert collect([folder]) == found.files
    formats = [read_document(f, meta=m).format for f, m in found.files]
    assert formats == ["markdown", "text", "html", "pdf", "docx", "html"]


def test_a_file_named_directly_is_always_taken(tmp_path):
    file = tmp_path / "odd.name"
    file.write_text("text\n")
    assert collect_with_skips([file]).files == [(file, {})]


def test_stdin_bytes_with_a_title():
    doc = read_bytes(b"Pasted from the clipboard.\n", "-", title="Clipboard")
    assert doc.title == "Clipboard" and doc.format == "text" and doc.text == "Pasted from the clipboard.\n"
    page = read_bytes(PAGE, "-", title="Piped page")
    assert page.format == "html" and page.title == "Piped page" and page.source == "The Daily Example"


def test_reextract_each_format_and_refuse_unknown_ones():
    for data, fmt in ((PAGE, "html"), (make_docx(), "docx"), (b"x\n", "text"), (b"# y\n", "markdown")):
        doc = reextract(data, fmt)
        assert doc.format == fmt and doc.original == data
    with pytest.raises(DocumentError, match="unknown format 'rtf'"):
        reextract(b"x", "rtf")


def test_old_style_document_file_still_works():
    doc = DocumentFile(path=Path("x.txt"), text="t", sha256="0", newline="lf", encoding="utf-8", title="t")
    assert doc.original == b"" and doc.format == "text" and doc.extractor == ""


_NAMES = st.sampled_from(["f.html", "f.pdf", "f.docx", "f.md", "f", "-"])
_PREFIXES = st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body><article><p>", b"\xef\xbb\xbf"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=_PREFIXES, data=st.binary(max_size=400), name=_NAMES, as_text=st.booleans())
def test_any_bytes_give_a_document_or_one_line_error(prefix, data, name, as_text):
    try:
        doc = read_bytes(prefix + data, name, as_text=as_text)
    except DocumentError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(doc, DocumentFile) and "\r" not in doc.text and doc.original == prefix + data


@settings(max_examples=40, deadline=None)
@given(paragraphs=st.lists(st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1,
                                   max_size=60).filter(lambda t: t.strip()), min_size=1, max_size=6))
def test_html_paragraph_text_round_trips_as_visible_text(paragraphs):
    import html

    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    doc = read_bytes(f"<html><body>{body}</body></html>".encode(), "p.html", as_text=True)
    expected = [" ".join(p.replace("\u00a0", " ").split(" ")) for p in paragraphs]
    for line in expected:
        assert " ".join(line.split()) in " ".join(doc.text.split())


def test_a_file_the_manifest_lists_is_taken_whatever_its_name(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / ".notes.txt").write_text("Hidden but listed.\n")
    (folder / "transcript.vtt").write_text("WEBVTT\n")
    (folder / "manifest.toml").write_text('[[document]]\nfile = ".notes.txt"\n[[document]]\nfile = "transcript.vtt"\n')
    found = collect_with_skips([folder])
    assert [f.name for f, _ in found.files] == [".notes.txt", "transcript.vtt"] and found.skipped == []
