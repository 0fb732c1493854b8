"""Importing files, folders, URLs and standard input into a store: the one loop the CLI, the
reader's launch, the demo, the scripts, the benchmark and the tests share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import DocumentError, DocumentFile, collect, collect_with_skips, read_bytes, read_document, reextract

STDIN = "-"


@dataclass
class Imported:
    """What happened to one file, page or stream: ``added``, ``unchanged``, ``changed``,
    ``refused`` (with why) or ``skipped`` (a folder's file of a type we do not read, with why)."""

    file: Path | str
    status: str
    document_id: int | None = None
    reason: str = ""
    newline: str = "lf"
    reanchored: dict = field(default_factory=dict)  # kept / moved / orphaned, for a changed file

    @property
    def refused(self) -> bool:
        return self.status == "refused"

    @property
    def skipped(self) -> bool:
        return self.status == "skipped"


def is_url(item: Path | str) -> bool:
    """An http(s) URL, judged on the string the user typed (``Path`` would make ``https:/x``)."""
    return str(item).startswith(("http://", "https://"))


PROVENANCE = ("url", "retrieved", "content_type", "requested_url")


def extraction_options(doc: DocumentFile, *, as_text: bool = False, encoding: str | None = None,
                       meta: dict | None = None) -> dict:
    """What besides the bytes decided a document's text and metadata, so that a re-extraction
    reads it the same way: ``as_text``, ``encoding``, the server's charset, and ``meta`` (a
    manifest's fields, a ``--title``, a fetch's provenance), which the bytes do not hold."""
    options: dict = {"as_text": as_text, "encoding": encoding, "meta": dict(meta or {})}
    metadata = doc.metadata or {}
    if metadata.get("url"):
        options["meta"].update({key: metadata[key] for key in PROVENANCE if key in metadata})
        if not encoding:
            # The server's charset is not in the bytes: keep it, or the page may decode otherwise later.
            if doc.format == "html" and metadata.get("charset_from") == "http":
                options["http_charset"] = metadata.get("charset")
            elif doc.format in ("text", "markdown"):
                options["http_charset"] = doc.encoding
    return options


def import_paths(store, paths: list[Path | str], encoding: str | None = None, *, as_text: bool = False,
                 title: str | None = None, stdin: Callable[[], bytes] | None = None) -> Iterator[Imported]:
    """Import files, folders, URLs and ``-`` (standard input, read by ``stdin()`` and named by
    ``title``) in the order given, one document at a time; a refused one never stops the rest.

    A folder's files of other types come out as ``skipped`` with the reason.
    """
    seen: set[Path] = set()
    for item in paths:
        if is_url(item):
            yield _store(store, str(item), lambda url=str(item): _fetch(url, as_text), as_text, encoding)
        elif str(item) == STDIN:
            if stdin is None or not title:
                yield Imported(STDIN, "refused", reason="--title is needed for standard input")
                continue
            yield _store(store, STDIN, lambda: read_bytes(stdin(), STDIN, title=title, encoding=encoding,
                                                           as_text=as_text), as_text, encoding, {"title": title})
        else:
            path = Path(item)
            if path.is_dir():
                # collect() gives the files (and is what a test replaces to make one vanish);
                # only a folder has anything to skip, so only a folder is walked for that.
                for skipped, why in collect_with_skips([path]).skipped:
                    yield Imported(skipped, "skipped", reason=why)
            for file, meta in collect([path]):
                key = file.resolve()
                if key in seen:
                    continue
                seen.add(key)
                yield _store(store, file, lambda f=file, m=meta: read_document(f, encoding=encoding, meta=m,
                                                                               as_text=as_text), as_text, encoding, meta)


def _fetch(url: str, as_text: bool) -> DocumentFile:
    from ..ingest import fetch  # urllib and ssl only when a URL is imported

    return fetch(url, as_text=as_text)


def _store(store, name: Path | str, read: Callable[[], DocumentFile], as_text: bool,
           encoding: str | None, meta: dict | None = None) -> Imported:
    try:
        doc = read()
    except DocumentError as exc:
        return Imported(name, "refused", reason=str(exc))
    result = store.add_document(doc, options=extraction_options(doc, as_text=as_text, encoding=encoding, meta=meta))
    hint = ""
    if result.status == "unchanged" and as_text and doc.format == "html" and not _read_as_text(store, result.document_id):
        # The same bytes are known, read as an article: an import does not read them again.
        hint = f"already imported as an article; to take all its text: diptych reextract {result.document_id} --as text"
    return Imported(name, result.status, result.document_id, reason=hint, newline=doc.newline,
                    reanchored=result.reanchored)


def _read_as_text(store, document_id: int) -> bool:
    from ..store import StoreError

    try:
        return bool(store.original(document_id)[2].get("as_text"))
    except StoreError:
        return False


def reextract_document(store, document_id: int, *, as_text: bool | None = None) -> Imported:
    """Extract a document again from its kept original with today's extractors and store the
    result as its new version (annotations re-anchored as for a changed file).

    ``as_text`` None keeps the way it was read; True or False changes it (``--as``).
    """
    from ..store import StoreError

    doc = store.document(document_id)
    try:
        original, format, options = store.original(document_id)
    except StoreError as exc:
        return Imported(doc.path, "refused", document_id, reason=str(exc))
    options = dict(options)
    if as_text is not None:
        options["as_text"] = as_text
    # stdin was named "-" when read; a file or a URL by its path, which gives the default title.
    name = STDIN if doc.path.startswith("stdin:") else doc.path
    try:
        new = reextract(original, format, path=name, meta=options.get("meta") or None,
                        encoding=options.get("encoding"), http_charset=options.get("http_charset"),
                        as_text=bool(options.get("as_text")))
    except DocumentError as exc:
        return Imported(doc.path, "refused", document_id, reason=str(exc))
    result = store.add_document(new, replace=document_id, options=options)
    return Imported(doc.path, result.status, result.document_id, newline=new.newline, reanchored=result.reanchored)


def import_ids(store, paths: list[Path | str], encoding: str | None = None) -> list[int]:
    """Import and return the document ids in order (refused files left out): for tests and scripts."""
    return [item.document_id for item in import_paths(store, paths, encoding)
            if not item.refused and not item.skipped]
