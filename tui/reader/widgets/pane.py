"""A document pane: a title line over a document view."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...model.text import safe_for_display
from .document_view import DocumentView


class PaneTitle(Static):
    """Title, source and annotation count; document text never reaches markup."""

    _shown: tuple | None = None

    def show(self, title: str, source: str, count: int, number: int) -> None:
        # Called on every cursor move; redraw only when what it says has changed.
        if self._shown == (title, source, count, number):
            return
        self._shown = (title, source, count, number)
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f" {number} ", style="bold reverse")
        line.append(" ")
        line.append(safe_for_display(title), style="bold")
        if source:
            line.append(f" — {safe_for_display(source)}")
        line.append(f"  ·  {count} annotation{'s' if count != 1 else ''}", style="dim")
        self.update(line)


class DocumentPane(Vertical):
    def __init__(self, view: DocumentView, number: int) -> None:
        super().__init__(classes="pane")
        self.view = view
        self.number = number
        self.title_bar = PaneTitle(classes="pane-title")

    def compose(self) -> ComposeResult:
        yield self.title_bar
        yield self.view
