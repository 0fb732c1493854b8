"""A modal list filtered by what is typed: the corpus search and the document picker.

The input keeps the focus; Up and Down move the list's highlight and Enter picks the
highlighted row, so a query and its pick are one burst of keys.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

T = TypeVar("T")


class FilterListScreen(ModalScreen[T | None], Generic[T]):
    """Subclasses give ``rows(query)``: the (value, line) pairs to show for a query, and a
    ``Text`` for the line under the input (a count, or why there is nothing)."""

    BINDINGS = [  # noqa: RUF012 (Textual reads the class attribute)
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
    ]
    TITLE_TEXT = ""
    PLACEHOLDER = ""

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial_query = query
        self.values: list[T] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text(self.TITLE_TEXT), classes="dialog-title")
            yield Input(self.initial_query, placeholder=self.PLACEHOLDER, id="query")
            yield Label(Text(""), id="summary")
            yield OptionList(id="rows")
            yield Label(Text("Up/Down choose · Enter opens · Escape closes", style="dim"))

    def on_mount(self) -> None:
        self.refill(self.initial_query)
        self.query_one(Input).focus()

    def rows(self, query: str) -> tuple[list[tuple[T, Text]], Text]:
        raise NotImplementedError

    def refill(self, query: str) -> None:
        found, summary = self.rows(query)
        self.values = [value for value, _ in found]
        listing = self.query_one("#rows", OptionList)
        listing.set_options([Option(line) for _, line in found])
        if found:
            listing.highlighted = 0
        self.query_one("#summary", Label).update(summary)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.pick(self.query_one("#rows", OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option_index)

    def pick(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.values):
            self.app.bell()
            return
        self.dismiss(self.values[index])

    def action_move(self, step: int) -> None:
        listing = self.query_one("#rows", OptionList)
        if not self.values:
            return
        current = listing.highlighted if listing.highlighted is not None else 0
        listing.highlighted = max(0, min(len(self.values) - 1, current + step))

    def action_cancel(self) -> None:
        self.dismiss(None)
