"""The things Diptych stores, as typed values: what the store returns and the rest reads."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """A stored document's metadata (its text is read separately: it can be 200 MB)."""

    id: int
    path: str
    title: str
    source: str  # the outlet
    language: str
    sha256: str  # of the file's bytes
    length: int  # code points in the stored text
    newline: str
    added: str


@dataclass
class Annotation:
    id: str
    document_id: int
    start: int
    end: int
    label: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    annotator: str = ""
    created: str = ""
    modified: str = ""
    status: str = "anchored"
    attributes: str = "{}"  # JSON: {name: value or [values]}
    origin: str = "manual"  # manual, suggestion, import, accepted:NAME

    @property
    def attribute_values(self) -> dict:
        return json.loads(self.attributes or "{}")


@dataclass(frozen=True)
class Label:
    name: str
    key: str | None
    color: str
    mark: str = "underline"
    description: str = ""
    position: int | None = None


@dataclass(frozen=True)
class LinkEnd:
    """One end of a link as the reader and the reports show it."""

    id: str
    document_id: int
    label: str
    exact: str
    start: int


@dataclass
class Link:
    """A directed relation between two annotations (``attributes`` runs attribution -> claim).

    ``source`` and ``target`` carry the ends' document, label and text when the store
    read them (``document_links``); they are None otherwise.
    """

    id: str
    source_id: str
    target_id: str
    relation: str
    note: str = ""
    annotator: str = ""
    created: str = ""
    modified: str = ""
    source: LinkEnd | None = None
    target: LinkEnd | None = None

    def other_end(self, annotation_id: str) -> LinkEnd | None:
        return self.target if self.source_id == annotation_id else self.source


@dataclass(frozen=True)
class AttributeType:
    """One attribute taxonomy (the ``attribute_types`` table)."""

    name: str
    label: str  # the annotation label it applies to
    multi: bool
    key: str
    values: list[str]
    description: str = ""
