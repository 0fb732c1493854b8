"""Files and folders -> (file, manifest metadata) pairs, in a stable order, and what was skipped."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .dispatch import HTML_SUFFIXES, MARKDOWN_SUFFIXES, PLAIN_SUFFIXES
from .manifest import MANIFEST_NAME, read_manifest

# Folders are searched for these; a file named on the command line is read whatever its name.
TEXT_SUFFIXES = PLAIN_SUFFIXES | MARKDOWN_SUFFIXES
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx"}

# Formats people have that we cannot read, with what to do instead.
_HINTS = {
    ".doc": "old Word format: save it as .docx",
    ".odt": "OpenDocument: save it as .docx or PDF",
    ".rtf": "RTF: save it as .docx",
    ".pages": "Pages: export it as .docx or PDF",
    ".mhtml": "web archive: save the page as HTML",
    ".mht": "web archive: save the page as HTML",
    ".webarchive": "web archive: save the page as HTML",
}


@dataclass
class Collected:
    """The files to read, with their manifest metadata, and the files left out with why."""

    files: list[tuple[Path, dict]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def _skip_reason(file: Path) -> str:
    suffix = file.suffix.lower()
    if suffix in _HINTS:
        return f"unsupported format ({_HINTS[suffix]})"
    return f"unsupported file type {suffix!r}" if suffix else "no file type (name it .txt, .html, .pdf ...)"


def _walk(folder: Path) -> list[Path]:
    """Every file below ``folder`` and every hidden folder (not entered), sorted by path."""
    found = []
    for root, dirs, files in os.walk(folder):
        # A hidden folder (.git, .cache) is reported once, never walked.
        found += [Path(root, d) for d in dirs if d.startswith(".")]
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(root, f) for f in files]
    return sorted(found)


def collect_with_skips(paths: list[Path]) -> Collected:
    """Expand files and folders into (file, manifest metadata) pairs, and say what was skipped.

    A folder gives the files its manifest lists (in that order), then its other supported
    files (text, Markdown, HTML, PDF, DOCX) by name, recursively. Hidden files and folders
    are skipped (a hidden folder is listed once, not file by file), as is any other file
    type. A file named directly is always taken.
    """
    result = Collected()
    seen: set[Path] = set()
    manifests: dict[Path, dict[str, dict]] = {}

    def manifest(folder: Path) -> dict[str, dict]:
        if folder not in manifests:
            manifests[folder] = read_manifest(folder)
        return manifests[folder]

    def add(file: Path, meta: dict) -> None:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            result.files.append((file, meta))

    for path in paths:
        if not path.is_dir():
            add(path, manifest(path.parent).get(path.name, {}) if path.parent.is_dir() else {})
            continue
        for name, meta in manifest(path).items():
            add(path / name, meta)
        for file in _walk(path):
            if file.resolve() in seen:  # listed in the manifest, whatever its name
                continue
            if file.name.startswith("."):
                result.skipped.append((file, "hidden folder" if file.is_dir() else "hidden file"))
            elif file.name == MANIFEST_NAME:
                continue
            elif file.suffix.lower() in SUPPORTED_SUFFIXES and file.is_file():
                add(file, manifest(file.parent).get(file.name, {}))
            else:
                result.skipped.append((file, _skip_reason(file) if file.is_file() else "not a regular file"))
    return result


def collect(paths: list[Path]) -> list[tuple[Path, dict]]:
    """Expand files and folders into (file, manifest metadata) pairs, in a stable order."""
    return collect_with_skips(paths).files
