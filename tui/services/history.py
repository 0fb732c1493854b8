"""Undo and redo of the user's edits, each step a committed store operation."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.entities import Annotation, Link


@dataclass
class Created:
    annotation: Annotation

    def undo(self, store) -> Annotation:
        store.delete_annotation(self.annotation.id)
        return self.annotation

    def redo(self, store) -> Annotation:
        store.restore_annotation(self.annotation)
        return self.annotation


@dataclass
class Deleted:
    annotation: Annotation
    links: list[Link] = field(default_factory=list)

    def undo(self, store) -> Annotation:
        store.restore_annotation(self.annotation, self.links)
        return self.annotation

    def redo(self, store) -> Annotation:
        store.delete_annotation(self.annotation.id)
        return self.annotation


@dataclass
class NoteChanged:
    annotation: Annotation
    old_note: str
    old_modified: str
    new_note: str

    def undo(self, store) -> Annotation:
        store.restore_note(self.annotation.id, self.old_note, self.old_modified)
        return self.annotation

    def redo(self, store) -> Annotation:
        store.set_note(self.annotation.id, self.new_note)
        return self.annotation


@dataclass
class AttributesChanged:
    annotation: Annotation
    old_json: str
    old_modified: str
    new: dict

    def undo(self, store) -> Annotation:
        store.restore_attributes(self.annotation.id, self.old_json, self.old_modified)
        return self.annotation

    def redo(self, store) -> Annotation:
        store.set_attributes(self.annotation.id, self.new)
        return self.annotation


@dataclass
class LinkCreated:
    link: Link

    def undo(self, store) -> Annotation:
        store.delete_link(self.link.id)
        return store.annotation(self.link.source_id)

    def redo(self, store) -> Annotation:
        store.restore_link(self.link)
        return store.annotation(self.link.source_id)


@dataclass
class LinkDeleted:
    link: Link

    def undo(self, store) -> Annotation:
        store.restore_link(self.link)
        return store.annotation(self.link.source_id)

    def redo(self, store) -> Annotation:
        store.delete_link(self.link.id)
        return store.annotation(self.link.source_id)


@dataclass
class Rejected:
    """A suggestion turned down (remembered in the store, so undo must forget it again)."""

    document_id: int
    label: str
    start: int
    end: int

    def undo(self, store) -> None:
        store.unreject_suggestion(self.document_id, self.label, self.start, self.end)

    def redo(self, store) -> None:
        store.reject_suggestion(self.document_id, self.label, self.start, self.end)


@dataclass
class Grouped:
    """Several steps that undo and redo as one (an attribution tagged and linked with one key)."""

    steps: list

    def undo(self, store) -> Annotation | None:
        result = None
        for step in reversed(self.steps):
            result = step.undo(store) or result
        return result

    def redo(self, store) -> Annotation | None:
        results = [step.redo(store) for step in self.steps]
        return next((r for r in results if r is not None), None)


Step = Created | Deleted | NoteChanged | AttributesChanged | LinkCreated | LinkDeleted | Rejected | Grouped

WHAT = {Created: "tag", Deleted: "deletion", NoteChanged: "note", AttributesChanged: "attributes",
        LinkCreated: "link", LinkDeleted: "link deletion", Rejected: "rejection", Grouped: "tag and link"}


class History:
    """Two stacks of steps; a new step clears the redo stack, as in every editor."""

    def __init__(self, limit: int = 1000) -> None:
        self._done: list[Step] = []
        self._undone: list[Step] = []
        self._limit = limit

    def push(self, step: Step) -> None:
        self._done.append(step)
        del self._done[: -self._limit]
        self._undone.clear()

    def undo(self, store) -> tuple[Step, Annotation | None] | None:
        if not self._done:
            return None
        step = self._done.pop()
        annotation = step.undo(store)
        self._undone.append(step)
        return step, annotation

    def redo(self, store) -> tuple[Step, Annotation | None] | None:
        if not self._undone:
            return None
        step = self._undone.pop()
        annotation = step.redo(store)
        self._done.append(step)
        return step, annotation
