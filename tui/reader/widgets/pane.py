"""A document pane: a title line over a document view."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...model.text import safe_for_display
from .document_view import DocumentView


class PaneTitle(Static):
    """Title, outlet, publication date and annotation count; document text never reaches markup."""

    _shown: tuple | None = None
    _dates: dict[int, str]

    def show(self, title: str, source: str, count: int, number: int) -> None:
        # Called on every cursor move; redraw only when what it says has changed.
        published = self._published()
        if self._shown == (title, source, count, number, published):
            return
        self._shown = (title, source, count, number, published)
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f" {number} ", style="bold reverse")
        line.append(" ")
        line.append(safe_for_display(title), style="bold")
        if source:
            line.append(f" — {safe_for_display(source)}")
        if published:
            line.append(f", {safe_for_display(published)}")
        line.append(f"  ·  {count} annotation{'s' if count != 1 else ''}", style="dim")
        self.update(line)

    def _published(self) -> str:
        """The document's publication date (from its page or manifest), looked up once per document."""
        pane, store = self.parent, getattr(self.app, "store", None)
        if not isinstance(pane, DocumentPane) or store is None:
            return ""
        document_id = pane.view.document_id
        if not hasattr(self, "_dates"):
            self._dates = {}
        if document_id not in self._dates:
            value = store.document_metadata(document_id).get("published")
            self._dates[document_id] = str(value)[:10] if value else ""  # the day; a time adds nothing here
        return self._dates[document_id]


class DocumentPane(Vertical):
    def __init__(self, view: DocumentView, number: int) -> None:
        super().__init__(classes="pane")
        self.view = view
        self.number = number
        self.title_bar = PaneTitle(classes="pane-title")

    def compose(self) -> ComposeResult:
        yield self.title_bar
        yield self.view
