"""What every reader of a file, page or URL hands to the store: a source document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# The formats a document can come from; ``DocumentFile.format`` is one of these.
FORMATS = ("text", "markdown", "html", "pdf", "docx")


class DocumentError(Exception):
    """A file that cannot become a document; the message says why, in one line."""


@dataclass
class DocumentFile:
    """A document read, decoded, extracted and normalised, ready to store.

    ``text`` is what people annotate; ``original`` keeps the bytes it came from so the
    text can be audited and extracted again by a later extractor (``sha256`` is their
    hash). ``extractor`` and ``extractor_version`` say what produced ``text``.
    """

    path: Path
    text: str
    sha256: str
    newline: str
    encoding: str
    title: str
    source: str = ""
    language: str = ""
    metadata: dict = field(default_factory=dict)
    original: bytes = field(default=b"", repr=False)
    format: str = "text"
    extractor: str = ""
    extractor_version: str = ""
