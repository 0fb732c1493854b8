"""Reading documents from disk: decoding, refusing what is not text, and the corpus manifest."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .text import normalise_newlines

MANIFEST_NAME = "manifest.toml"
# Folders are searched for these; a file named on the command line is read whatever its name.
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".rst"}


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


def _decode(data: bytes, encoding: str | None) -> str:
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise DocumentError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise DocumentError(
                f"not valid {encoding}: byte 0x{data[exc.start]:02x} at offset {exc.start}"
            ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"not UTF-8: invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
            " (try --encoding, e.g. --encoding cp1252)"
        ) from None


def _guess_title(text: str, path: Path) -> str:
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    if first and len(first) <= 120 and not first.endswith((".", ",", ";", ":")):
        return first
    return path.stem.replace("_", " ").replace("-", " ")


def read_document(path: Path, encoding: str | None = None, meta: dict | None = None) -> DocumentFile:
    """Read one file as a document, or raise :class:`DocumentError` saying why not."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except IsADirectoryError:
        raise DocumentError("is a folder") from None
    except PermissionError:
        raise DocumentError("permission denied") from None
    except OSError as exc:
        raise DocumentError(exc.strerror or str(exc)) from None
    if not data.strip():
        raise DocumentError("empty file" if not data else "only white space")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DocumentError(f"binary file (NUL byte at offset {nul})")
    raw = _decode(data, encoding)
    text, newline = normalise_newlines(raw)
    meta = dict(meta or {})
    return DocumentFile(
        path=path,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        newline=newline,
        encoding=(encoding or "utf-8").lower(),
        title=str(meta.pop("title", "") or _guess_title(text, path)),
        source=str(meta.pop("source", "") or ""),
        language=str(meta.pop("language", "") or ""),
        metadata=meta,
    )


def read_manifest(folder: Path) -> dict[str, dict]:
    """The ``manifest.toml`` of a folder: file name -> metadata, in the manifest's order.

    ::

        [[document]]
        file = "article.txt"
        title = "..."
        source = "Deutsche Welle"
        language = "en"
    """
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DocumentError(f"{path}: bad manifest: {exc}") from None
    entries = {}
    for entry in data.get("document", []):
        if isinstance(entry, dict) and isinstance(entry.get("file"), str):
            entries[entry["file"]] = {k: v for k, v in entry.items() if k != "file"}
    return entries


def collect(paths: list[Path]) -> list[tuple[Path, dict]]:
    """Expand files and folders into (file, manifest metadata) pairs, in a stable order.

    A folder gives the files its manifest lists (in that order), then its other text
    files by name, recursively. A file named directly is always taken.
    """
    found: list[tuple[Path, dict]] = []
    seen: set[Path] = set()

    def add(file: Path, meta: dict) -> None:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            found.append((file, meta))

    for path in paths:
        if path.is_dir():
            manifest = read_manifest(path)
            for name, meta in manifest.items():
                add(path / name, meta)
            for file in sorted(path.rglob("*")):
                if file.suffix.lower() in TEXT_SUFFIXES and file.is_file():
                    add(file, read_manifest(file.parent).get(file.name, {}))
        else:
            add(path, read_manifest(path.parent).get(path.name, {}) if path.parent.is_dir() else {})
    return found
