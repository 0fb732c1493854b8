"""A file, a folder, a URL or stdin -> a source document with its metadata."""

from __future__ import annotations

from .dispatch import read_bytes, read_document, reextract, sniff_format
from .files import SUPPORTED_SUFFIXES, TEXT_SUFFIXES, Collected, collect, collect_with_skips
from .manifest import MANIFEST_NAME, read_manifest
from .source import FORMATS, DocumentError, DocumentFile

__all__ = [
    "FORMATS", "MANIFEST_NAME", "SUPPORTED_SUFFIXES", "TEXT_SUFFIXES", "Collected", "DocumentError",
    "DocumentFile", "collect", "collect_with_skips", "read_bytes", "read_document", "read_manifest",
    "reextract", "sniff_format",
]
