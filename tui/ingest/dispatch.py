"""Which reader a document needs: by its name and by sniffing its bytes."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from .source import FORMATS, DocumentError, DocumentFile
from .util import read_file

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
PLAIN_SUFFIXES = {".txt", ".text", ".rst"}

_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|\?xml[^>]*>\s*<(?:!doctype\s+)?html)",
                         re.IGNORECASE | re.DOTALL)


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        return False


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head))


def sniff_format(data: bytes, name: str = "") -> str:
    """The format of a document: ``pdf``, ``docx``, ``html``, ``markdown`` or ``text``.

    A PDF or DOCX is known by its bytes whatever its name, and by its name (so that a
    damaged one is refused as that, not as binary text). A file named ``.txt`` or ``.md``
    stays text even when it quotes markup; other names (or none, as from stdin) are sniffed
    for HTML.
    """
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF-") or suffix == ".pdf":
        return "pdf"
    if suffix == ".docx" or _is_docx(data):
        return "docx"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in PLAIN_SUFFIXES:
        return "text"
    return "html" if _looks_like_html(data) else "text"


def reextract(original: bytes, format: str, *, path: Path | str = "original", meta: dict | None = None,
              encoding: str | None = None, http_charset: str | None = None, as_text: bool = False) -> DocumentFile:
    """Extract a document again from its kept original bytes with today's extractor."""
    if format not in FORMATS:
        raise DocumentError(f"unknown format {format!r} (one of {', '.join(FORMATS)})")
    path = Path(path)
    try:
        if format == "html":
            from .html import read_html

            return read_html(original, path, meta, encoding=encoding, http_charset=http_charset, as_text=as_text)
        if format == "pdf":
            from .pdf import read_pdf

            return read_pdf(original, path, meta)
        if format == "docx":
            from .docx import read_docx

            return read_docx(original, path, meta)
        from .text import read_text

        # A text file from a URL is decoded by the server's charset unless told otherwise.
        return read_text(original, path, encoding or http_charset, meta, format=format)
    except DocumentError:
        raise
    except RecursionError:
        raise DocumentError(f"cannot read the {format.upper()}: nested too deeply") from None
    except Exception as exc:  # noqa: BLE001
        # The bytes are untrusted and the parsers are third-party: whatever they raise on a
        # hostile or broken file must end as one line, never a traceback.
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DocumentError(f"cannot read the {format.upper()}: {detail}") from None


def read_bytes(data: bytes, name: str, *, title: str | None = None, encoding: str | None = None,
               meta: dict | None = None, as_text: bool = False, http_charset: str | None = None,
               format: str | None = None) -> DocumentFile:
    """A document from bytes (stdin, a download): ``name`` is its file name or URL, used to
    sniff the format and as its path; ``title`` overrides the one found."""
    meta = dict(meta or {})
    if title:
        meta["title"] = title
    return reextract(data, format or sniff_format(data, name), path=name, meta=meta, encoding=encoding,
                     http_charset=http_charset, as_text=as_text)


def read_document(path: Path, encoding: str | None = None, meta: dict | None = None, *,
                  as_text: bool = False) -> DocumentFile:
    """Read one file as a document, or raise :class:`DocumentError` saying why not.

    The reader is chosen by :func:`sniff_format`; ``encoding`` overrides a text file's or a
    page's own charset; ``as_text`` takes a page's whole visible text instead of its article.
    """
    path = Path(path)
    data = read_file(path)
    return reextract(data, sniff_format(data, path.name), path=path, meta=meta, encoding=encoding, as_text=as_text)
