"""The annotations panel: the focused document's annotations in text order."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model.entities import Annotation
from ...model.text import excerpt, safe_for_display
from .. import messages
from .status_line import attribute_text


class AnnotationPanel(OptionList):
    """Enter jumps to the annotation; x deletes it; n edits its note."""

    BINDINGS = [
        Binding("x,delete", "delete", "Delete"),
        Binding("n", "note", "Note"),
        Binding("escape", "leave", "Back to text"),
    ]

    class Leave(Message):
        """Escape: back to the text."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.annotations: list[Annotation] = []
        self.document_id: int | None = None

    def show(self, document_id: int, annotations: list[Annotation], looks: dict, current: str | None,
             link_lines=None, title: str = "") -> None:
        """List ``annotations`` (already in text order), keeping the highlight where it was;
        the border names the document they belong to."""
        count = len(annotations)
        # A Text, never a str: a title is document data, and a str border title is markup.
        self.border_title = Text(f" {count} annotation{'' if count == 1 else 's'} of "
                                 f"{excerpt(title, 60) or f'document {document_id}'} ")
        previous = self.annotations[self.highlighted].id if self.highlighted is not None and self.annotations else None
        self.document_id = document_id
        self.annotations = list(annotations)
        options = []
        for annotation in self.annotations:
            look = looks.get(annotation.label)
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f" {safe_for_display(annotation.label):<11} ",
                        style=f"bold on {look.color}" if look else "bold reverse")
            line.append(f" {annotation.start:>7}  ", style="dim")
            line.append(excerpt(annotation.exact, 70))
            if annotation.note:
                line.append("   ✎ ", style="dim")
                line.append(excerpt(annotation.note, 50), style="italic")
            if annotation.attributes not in ("", "{}"):
                line.append(f"   {excerpt(attribute_text(annotation.attributes), 50)}", style="dim")
            for text in link_lines(annotation) if link_lines else []:
                line.append("   → ", style="dim")
                line.append(safe_for_display(text))
            options.append(Option(line, id=annotation.id))
        self.set_options(options)
        keep = current or previous
        ids = [annotation.id for annotation in self.annotations]
        if ids:
            self.highlighted = ids.index(keep) if keep in ids else 0

    def _current(self) -> Annotation | None:
        if self.highlighted is None or not self.annotations:
            return None
        return self.annotations[self.highlighted]

    def action_delete(self) -> None:
        if (annotation := self._current()) is not None:
            self.post_message(messages.DeleteAnnotation(self, annotation))

    def action_note(self) -> None:
        if (annotation := self._current()) is not None:
            self.post_message(messages.EditNote(self, annotation))

    def action_leave(self) -> None:
        self.post_message(self.Leave())
