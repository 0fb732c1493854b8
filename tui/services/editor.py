"""The editor: every edit a person makes, committed at once and recorded for undo/redo.

The reader calls these instead of writing to the store itself, so the rules of an edit
(trim white space, what undo brings back, which steps undo together) are one piece of
code that tests can drive without a screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..model.entities import Annotation, Link
from ..model.text import trim_span
from .history import (
    AttributesChanged,
    Created,
    Deleted,
    Grouped,
    History,
    LinkCreated,
    LinkDeleted,
    NoteChanged,
    Rejected,
    Step,
)
from .tagging import with_speaker


class EditError(ValueError):
    """An edit that cannot be made; the message says why, in one line."""


class Editor:
    def __init__(self, store, annotator: str) -> None:
        self.store = store
        self.annotator = annotator
        self.history = History()
        self._group: list[Step] | None = None

    def _push(self, step: Step) -> None:
        if self._group is not None:
            self._group.append(step)
        else:
            self.history.push(step)

    @contextmanager
    def group(self) -> Iterator[None]:
        """Edits made inside undo and redo as one step (e.g. tag an attribution and link it)."""
        outer, self._group = self._group, []
        try:
            yield
        finally:
            steps, self._group = self._group, outer
            if steps:
                self._push(steps[0] if len(steps) == 1 else Grouped(steps))

    # Annotations ------------------------------------------------------------------------------
    def tag(self, document_id: int, text: str, start: int, end: int, label: str, *, origin: str = "manual",
            note: str = "", attributes: dict | None = None, trim: bool = True) -> Annotation:
        """Tag ``text[start:end]`` (white space trimmed from both ends) and commit it."""
        if trim:
            start, end = trim_span(text, start, end)
        if start >= end:
            raise EditError("The selection is only white space.")
        if origin == "manual" or origin == "suggestion":
            known = {t.name for t in self.store.attribute_types(label)}
            attributes = with_speaker(text, start, end, label, attributes, known)
        annotation = self.store.create_annotation(document_id, text, start, end, label, self.annotator,
                                                  note=note, attributes=attributes, origin=origin)
        self._push(Created(annotation))
        return annotation

    def delete(self, annotation_id: str) -> tuple[Annotation, list[Link]]:
        annotation, links = self.store.delete_annotation(annotation_id, deleted_by=self.annotator)
        self._push(Deleted(annotation, links))
        return annotation, links

    def set_note(self, annotation: Annotation, note: str) -> None:
        old_note, old_modified = self.store.set_note(annotation.id, note)
        self._push(NoteChanged(annotation, old_note, old_modified, note))

    def set_attributes(self, annotation: Annotation, values: dict) -> None:
        old_json, old_modified = self.store.set_attributes(annotation.id, values)
        self._push(AttributesChanged(annotation, old_json, old_modified, values))

    def accept(self, annotation: Annotation, text: str) -> Annotation:
        """Adjudication: keep another annotator's span and add the same one as ours."""
        return self.tag(annotation.document_id, text, annotation.start, annotation.end, annotation.label,
                        origin=f"accepted:{annotation.annotator}", note=annotation.note,
                        attributes=annotation.attribute_values, trim=False)

    def reject_suggestion(self, document_id: int, label: str, start: int, end: int) -> None:
        self.store.reject_suggestion(document_id, label, start, end)
        self._push(Rejected(document_id, label, start, end))

    # Links --------------------------------------------------------------------------------------
    def link(self, source_id: str, target_id: str, relation: str) -> Link:
        link = self.store.create_link(source_id, target_id, relation, self.annotator)
        self._push(LinkCreated(link))
        return link

    def unlink(self, link_id: str) -> Link:
        link = self.store.delete_link(link_id, deleted_by=self.annotator)
        self._push(LinkDeleted(link))
        return link

    # Undo -----------------------------------------------------------------------------------------
    def undo(self) -> tuple[Step, Annotation | None] | None:
        return self.history.undo(self.store)

    def redo(self) -> tuple[Step, Annotation | None] | None:
        return self.history.redo(self.store)
