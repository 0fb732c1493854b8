"""Gather a story from a store: documents, their annotations, links and (when a speaker
must be inferred) texts, handed to :func:`tui.model.story.build_story`.

Shared by ``diptych story``, ``diptych sources``, the reader's story and sources screens
and the benchmark. Only today's :class:`~tui.store.Store` methods are used.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence

from ..model.sources import SourceRow
from ..model.story import Story, StoryDocument, build_story


class _LazyTexts(Mapping):
    """Document texts read only when a speaker has to be inferred from one (a story of
    annotated, confirmed speakers never reads a text)."""

    def __init__(self, store, ids: Sequence[int]) -> None:
        self._store, self._ids, self._cache = store, list(ids), {}

    def __getitem__(self, document_id: int) -> str:
        if document_id not in self._ids:
            raise KeyError(document_id)
        if document_id not in self._cache:
            self._cache[document_id] = self._store.text(document_id)
        return self._cache[document_id]

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def published(store, document) -> str:
    """A document's publication date from its metadata (the manifest's ``published`` or
    ``date``), "" when the store cannot tell."""
    value = getattr(document, "published", None)
    if value:
        return str(value)
    metadata = getattr(document, "metadata", None)
    if metadata is None and hasattr(store, "document_metadata"):
        metadata = store.document_metadata(document.id)
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            metadata = {}
    if isinstance(metadata, dict):
        return str(metadata.get("published") or metadata.get("date") or "")
    return ""


def story_documents(store, document_ids: Sequence[int] | None = None) -> list:
    """The story's documents in order: those named (duplicates dropped), or every current one."""
    if not document_ids:
        return store.documents()
    return [store.document(i) for i in dict.fromkeys(document_ids)]


def story(store, document_ids: Sequence[int] | None = None) -> Story:
    """The story of ``document_ids`` (default: every current document), in that order."""
    documents = story_documents(store, document_ids)
    annotations, links = [], []
    for document in documents:
        annotations += store.annotations(document.id)
        links += store.document_links(document.id)
    infos = [StoryDocument(d.id, d.title, d.source, published(store, d)) for d in documents]
    return build_story(infos, annotations, links, _LazyTexts(store, [d.id for d in documents]))


def sources(store, document_ids: Sequence[int] | None = None) -> tuple[list[StoryDocument], list[SourceRow]]:
    """Speakers × documents for ``diptych sources`` and the sources screen."""
    made = story(store, document_ids)
    return made.documents, made.sources
