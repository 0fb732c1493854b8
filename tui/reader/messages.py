"""The reader's messages: one class per request a widget makes of the screen.

A document pane hands each of these to the screen at once (``DocumentView.request``), so
that a dialog a request opens is open before the next key typed in the same burst. The
screen handles each with its own ``on_<name>`` method: Textual derives the name from the
class (``StartLink`` -> ``on_start_link``), so the handler is found the same way whether
the message arrives through ``request`` or through the screen's queue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

if TYPE_CHECKING:
    from ..model.entities import Annotation
    from .widgets.document_view import DocumentView


class ViewRequest(Message):
    """A request from a document pane about its cursor, its selection or the reader."""

    def __init__(self, view: DocumentView) -> None:
        super().__init__()
        self.view = view

    @property
    def control(self) -> DocumentView:
        return self.view


# Tagging and the annotation under the cursor -------------------------------------------------
class TagSelection(ViewRequest):
    """Tag ``start:end`` of the pane's text with ``label``."""

    def __init__(self, view: DocumentView, start: int, end: int, label: str) -> None:
        super().__init__(view)
        self.start, self.end, self.label = start, end, label


class AnnotationRequest(Message):
    """A request about one annotation, from a pane or from the annotations panel."""

    def __init__(self, sender: Widget, annotation: Annotation) -> None:
        super().__init__()
        self.sender_widget = sender
        self.annotation = annotation

    @property
    def control(self) -> Widget:
        return self.sender_widget


class DeleteAnnotation(AnnotationRequest):
    """Delete it (another annotator's: a rejection, kept as a tombstone)."""


class AcceptAnnotation(AnnotationRequest):
    """Adjudication: copy another annotator's annotation as the adjudicator's own."""


class EditNote(AnnotationRequest):
    """Ask for its note."""


class EditAttributes(AnnotationRequest):
    """Ask for its attributes."""


class Attribute(ViewRequest):
    """``A``: tag the attribution under the cursor, the claim it introduces, and link them."""


# Links --------------------------------------------------------------------------------------
class StartLink(ViewRequest):
    """Remember the annotation under the cursor as a link's first end."""


class ConfirmLink(ViewRequest):
    """Enter: link the pending first end to the annotation under the cursor; with no link
    pending, accept the suggestion under the cursor."""


class JumpToPartner(ViewRequest):
    """Go to the annotation linked to the one under the cursor, in another pane if open."""


class DeleteLink(ViewRequest):
    """Delete a link of the annotation under the cursor (asks which when there are several)."""


class Cancel(ViewRequest):
    """Escape: drop a pending link."""


class Pair(ViewRequest):
    """Rank the other panes' claims and sentences against the claim under the cursor."""


# Reading aids and suggestions ----------------------------------------------------------------
class ToggleCues(ViewRequest):
    """Show or hide cues in every pane."""


class ToggleSuggestions(ViewRequest):
    """Show or hide suggestions in every pane."""


class RejectSuggestion(ViewRequest):
    """Turn down the suggestion under the cursor (remembered; undoable)."""
