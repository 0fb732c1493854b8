"""Web pages: the article and nothing else, decoded by the page's own charset, metadata kept."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tui.ingest import DocumentError, read_bytes, read_document, reextract
from tui.ingest.html import charset_of

PAGES = Path(__file__).parent / "pages"
NAMES = sorted(p.name[:-5] for p in PAGES.glob("*.html"))


def expected(name: str) -> list[str]:
    return (PAGES / f"{name}.expected.txt").read_text("utf-8").splitlines()


def furniture(name: str) -> list[str]:
    return (PAGES / f"{name}.furniture.txt").read_text("utf-8").splitlines()


def test_there_are_enough_pages_in_several_charsets_and_layouts():
    assert len(NAMES) >= 8
    charsets = {read_document(PAGES / f"{n}.html").encoding for n in NAMES}
    assert {"utf-8", "cp1252"} <= charsets
    assert any(b"<article" in (PAGES / f"{n}.html").read_bytes() for n in NAMES)
    assert any(b"<article" not in (PAGES / f"{n}.html").read_bytes() for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_article_paragraph_is_a_line_and_no_furniture_leaks(name):
    doc = read_document(PAGES / f"{name}.html")
    lines = doc.text.split("\n")
    _title, *paragraphs = expected(name)
    for paragraph in paragraphs:
        assert paragraph in lines, paragraph
    for text in furniture(name):
        assert text not in doc.text
        # Not even a part of it: the first six words of a furniture sentence are enough to tell.
        assert " ".join(text.split()[:6]) not in doc.text
    assert doc.format == "html" and doc.extractor == "trafilatura" and doc.extractor_version
    assert "\r" not in doc.text


def test_metadata_of_a_modern_page():
    doc = read_document(PAGES / "daily-example-kim.html")
    assert doc.title == "Kim pledges further support to Russia at Beijing meeting with Putin"
    assert doc.text.split("\n")[0] == doc.title  # the headline stays the first line
    assert doc.source == "The Daily Example"
    assert doc.language == "en"
    assert doc.metadata["author"] == "Jane Doe"
    assert doc.metadata["published"] == "2025-09-03"
    assert doc.metadata["canonical_url"] == "https://daily.example.com/world/kim-putin-beijing"
    assert doc.metadata["format"] == "html"


def test_json_ld_metadata_and_a_bom_without_declared_charset():
    doc = read_document(PAGES / "journal-exemple-vendanges.html")
    assert doc.metadata["charset_from"] == "bom" and doc.encoding == "utf-8"
    assert doc.source == "Le Journal Exemple" and doc.metadata["author"] == "Claire Martin"
    assert doc.metadata["published"] == "2025-08-20" and doc.language == "fr"
    assert "« Nous n’avons jamais récolté aussi tôt »" in doc.text


def test_iso_8859_1_label_is_read_as_windows_1252_like_browsers_do():
    data = (PAGES / "nordkurier-bahn.html").read_bytes()
    assert b'charset="iso-8859-1"' in data and b"\x84" in data  # „ is 0x84 in windows-1252 only
    doc = read_document(PAGES / "nordkurier-bahn.html")
    assert "„ersten Schritt“" in doc.text and "pünktlicher" in doc.text
    assert doc.language == "de" and doc.metadata["charset_from"] == "meta"


def test_windows_1252_from_http_equiv():
    doc = read_document(PAGES / "riverside-courier-flood.html")
    assert doc.encoding == "cp1252"
    assert "“We cannot wait for the next flood to decide,” said deputy mayor Ana Ruiz" in doc.text


@pytest.mark.parametrize("data, header, codec, how", [
    (b"\xef\xbb\xbf<meta charset='cp1252'>", "iso-8859-2", "utf-8", "bom"),
    (b"<meta charset='cp1252'>", "iso-8859-2", "iso8859-2", "http"),
    (b"<meta charset='bogus'><p>caf\xc3\xa9", None, "utf-8", "utf-8"),
    (b"<p>caf\xe9", None, "cp1252", "default"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', None, "shift_jis", "meta"),
    (b"<meta charset=utf-16>", None, "utf-8", "meta"),  # ASCII bytes cannot be UTF-16
])
def test_charset_precedence(data, header, codec, how):
    assert charset_of(data, header) == (codec, how)


def test_http_charset_beats_the_meta_tag():
    page = "<html><head><meta charset='utf-8'></head><body><article><p>" + "Žluťoučký kůň úpěl ďábelské ódy. " * 12 + "</p></article></body></html>"
    doc = read_bytes(page.encode("iso-8859-2"), "page.html", http_charset="iso-8859-2")
    assert "Žluťoučký kůň" in doc.text and doc.encoding == "iso8859-2"


def test_explicit_encoding_beats_everything(tmp_path):
    page = tmp_path / "p.html"
    page.write_bytes(("<meta charset='utf-8'><article><p>" + "Ärger über Öl. " * 20 + "</p></article>").encode("cp1252"))
    assert "Ärger über Öl." in read_document(page, encoding="cp1252").text
    with pytest.raises(DocumentError, match="unknown encoding"):
        read_document(page, encoding="no-such-codec")


def test_hostile_article_text_stays_literal():
    doc = read_document(PAGES / "security-weekly-escapes.html")
    assert "[bold]URGENT[/bold]" in doc.text
    assert "<script>alert(1)</script>" in doc.text
    assert "\x1b[31mRED\x1b[0m" in doc.text


def test_control_characters_survive_both_modes():
    body = "Paragraph one has a bell \x07 and an escape \x1b[2J and a DEL \x7f in it, and more words. " * 3
    page = f"<html><body><nav>Menu</nav><article><h1>T</h1><p>{body}</p><p>{body}</p></article></body></html>"
    for as_text in (False, True):
        doc = read_bytes(page.encode(), "p.html", as_text=as_text)
        assert "\x07" in doc.text and "\x1b[2J" in doc.text and "\x7f" in doc.text


def test_page_without_an_article_is_refused_and_as_text_takes_all_visible_text():
    page = b"""<html><head><title>Menu</title><style>.x{color:red}</style><script>var secret = 1;</script></head>
    <body><nav><a href="/">Home</a> <a href="/news">News</a></nav><div hidden>Hidden text</div>
    <div style="display: none">Invisible</div><ul><li>One</li><li>Two</li></ul></body></html>"""
    with pytest.raises(DocumentError, match="no article text.*--as text"):
        read_bytes(page, "menu.html")
    doc = read_bytes(page, "menu.html", as_text=True)
    assert doc.text.split("\n") == ["Home News", "One", "Two"]
    assert doc.extractor == "diptych-visible-text" and doc.title == "Menu"
    assert "secret" not in doc.text and "Hidden" not in doc.text and "color" not in doc.text


def test_manifest_metadata_overrides_what_the_page_says():
    doc = read_document(PAGES / "daily-example-kim.html", meta={"source": "Daily Example (print)", "author": "J. Doe",
                                                                 "title": "Ours", "note": "checked"})
    assert doc.source == "Daily Example (print)" and doc.title == "Ours"
    assert doc.metadata["author"] == "J. Doe" and doc.metadata["note"] == "checked"


def test_original_bytes_and_hash_are_kept_and_reextraction_gives_the_same_text():
    data = (PAGES / "riverside-courier-flood.html").read_bytes()
    doc = read_document(PAGES / "riverside-courier-flood.html")
    assert doc.original == data and doc.sha256 == hashlib.sha256(data).hexdigest()
    again = reextract(doc.original, doc.format)
    assert again.text == doc.text and again.sha256 == doc.sha256 and again.metadata == doc.metadata


def test_empty_and_blank_pages_are_refused():
    with pytest.raises(DocumentError, match="empty file"):
        read_bytes(b"", "x.html")
    with pytest.raises(DocumentError, match="white space"):
        read_bytes(b"  \n", "x.html")


def test_a_sniffed_page_without_suffix_is_html(tmp_path):
    file = tmp_path / "saved-page"
    file.write_bytes((PAGES / "daily-example-kim.html").read_bytes())
    assert read_document(file).format == "html"
    # A .txt that quotes markup stays text.
    quoted = tmp_path / "notes.txt"
    quoted.write_text("<html> is how a page starts\n", "utf-8")
    assert read_document(quoted).format == "text"


def test_xhtml_with_an_xml_declaration():
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" '
            'xml:lang="en"><head><title>X</title></head><body><article><p>'
            + "An XHTML page still has an article worth reading here. " * 8 + "</p></article></body></html>")
    doc = read_bytes(page.encode(), "x.xhtml")
    assert "worth reading" in doc.text and re.search(r"^An XHTML", doc.text, re.MULTILINE)


def test_hostile_metadata_stays_literal_too():
    body = "<p>" + "An ordinary paragraph of an article about terminals and their colours. " * 4 + "</p>"
    page = (f"<html><head><title>\x1b[2J[bold]Title[/bold]</title><meta name='author' content='Mallory \x07Smith'>"
            f"</head><body><article><h1>\x1b[2J[bold]Title[/bold]</h1>{body}</article></body></html>")
    doc = read_bytes(page.encode(), "t.html")
    assert doc.title == "\x1b[2J[bold]Title[/bold]"
    # trafilatura drops what it takes for noise in names: the bell goes, but nothing of ours stays.
    assert doc.metadata["author"] in ("Mallory \x07Smith", "Mallory Smith", "Mallory")
    assert doc.text.split("\n")[0] == doc.title
    assert "\u2e20" not in doc.text and "\u2e21" not in doc.text  # no shelter token leaks
