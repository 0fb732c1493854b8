"""A file, a folder, a URL or stdin -> a source document with its metadata."""

from __future__ import annotations

from .files import TEXT_SUFFIXES, collect
from .manifest import MANIFEST_NAME, read_manifest
from .source import DocumentError, DocumentFile
from .text import read_document

__all__ = [
    "MANIFEST_NAME", "TEXT_SUFFIXES", "DocumentError", "DocumentFile", "collect", "read_document", "read_manifest",
]
