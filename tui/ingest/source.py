"""What every reader of a file, page or URL hands to the store: a source document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class DocumentError(Exception):
    """A file that cannot become a document; the message says why, in one line."""


@dataclass
class DocumentFile:
    """A text file read, decoded and normalised, ready to store."""

    path: Path
    text: str
    sha256: str
    newline: str
    encoding: str
    title: str
    source: str = ""
    language: str = ""
    metadata: dict = field(default_factory=dict)
