"""A file, a folder, a URL or stdin -> a source document with its metadata."""

from __future__ import annotations

from .dispatch import read_bytes, read_document, reextract, sniff_format
from .files import SUPPORTED_SUFFIXES, TEXT_SUFFIXES, Collected, collect, collect_with_skips
from .manifest import MANIFEST_NAME, read_manifest
from .source import FORMATS, DocumentError, DocumentFile

__all__ = [
    "FORMATS", "MANIFEST_NAME", "SUPPORTED_SUFFIXES", "TEXT_SUFFIXES", "USER_AGENT", "Collected", "DocumentError",
    "DocumentFile", "collect", "collect_with_skips", "fetch", "read_bytes", "read_document", "read_manifest",
    "reextract", "sniff_format",
]


def __getattr__(name: str):
    # urllib, http.client and ssl cost start-up time that only a URL import needs.
    if name in ("fetch", "USER_AGENT"):
        from . import url

        return getattr(url, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
