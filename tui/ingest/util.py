"""What every reader shares: reading a file with one-line errors, and the finished document."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .source import DocumentError, DocumentFile

# The fields of DocumentFile that a manifest or a caller's metadata may set directly;
# every other key goes to ``metadata``.
_FIELDS = ("title", "source", "language")

_SPACE_RUNS = re.compile(r"[ \t\f\v\u00a0]+")


def read_file(path: Path) -> bytes:
    """The bytes of a file, or a :class:`DocumentError` saying in a few words why not."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except IsADirectoryError:
        raise DocumentError("is a folder") from None
    except PermissionError:
        raise DocumentError("permission denied") from None
    except OSError as exc:
        raise DocumentError(exc.strerror or str(exc)) from None


def tidy_lines(lines: list[str]) -> str:
    """Paragraph lines -> text: runs of spaces collapsed, ends trimmed, empty lines dropped.

    Only horizontal white space is touched: control characters are data and stay.
    """
    out = []
    for line in lines:
        line = _SPACE_RUNS.sub(" ", line).strip(" ")
        if line:
            out.append(line)
    return "\n".join(out)


def finish(path: Path, original: bytes, text: str, meta: dict | None, *, format: str, extractor: str,
           extractor_version: str, title: str = "", source: str = "", language: str = "",
           metadata: dict | None = None, newline: str = "lf", encoding: str = "utf-8") -> DocumentFile:
    """The document, with what the reader found overridden by the caller's (manifest's) metadata.

    Extracted metadata (author, dates, outlet) is often wrong on real pages, so a manifest
    entry always wins; empty values found by the extractor are left out.
    """
    found = {k: v for k, v in (metadata or {}).items() if v not in (None, "", [], {})}
    found["format"] = format
    given = dict(meta or {})
    fields = {"title": title, "source": source, "language": language}
    for key in _FIELDS:
        value = given.pop(key, None)
        if value not in (None, ""):
            fields[key] = str(value)
    found.update(given)
    return DocumentFile(
        path=path, text=text, sha256=hashlib.sha256(original).hexdigest(), newline=newline,
        encoding=encoding, title=fields["title"] or path.stem.replace("_", " ").replace("-", " "),
        source=fields["source"], language=fields["language"], metadata=found, original=original,
        format=format, extractor=extractor, extractor_version=extractor_version,
    )
