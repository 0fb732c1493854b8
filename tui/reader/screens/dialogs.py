"""Small modal dialogs: a one-line prompt (notes, annotator) and the help screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ..keys import APP_KEYS, PANE_KEYS, shown_keys
from ...model.text import safe_for_display


class PromptDialog(ModalScreen[str | None]):
    """Ask for one line of text; Enter returns it, Escape returns None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder = title, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label(Text("Enter to save · Escape to cancel", style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every key, from the same table that makes the bindings."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, labels: list[dict]) -> None:
        super().__init__()
        self.labels = labels

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2), expand=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_row(Text("Tag the selection", style="underline"), "")
        for label in self.labels:
            description = Text(safe_for_display(label.name), style=f"bold on {label.color}")
            description.append(f"  {safe_for_display(label.description or '')}")
            table.add_row(Text(safe_for_display(label.key or "")), description)
        groups: dict[str, list] = {}  # each group once, in the order it first appears
        for key in PANE_KEYS + APP_KEYS:
            groups.setdefault(key.group, []).append(key)
        for group, keys in groups.items():
            table.add_row("", "")
            table.add_row(Text(group, style="underline"), "")
            for key in keys:
                table.add_row(Text(shown_keys(key)), key.description)
        table.add_row("", "")
        table.add_row(Text("Mouse", style="underline"), "")
        for keys, what in (
            ("click", "Put the cursor there"),
            ("drag", "Select"),
            ("double-click", "Select a word"),
            ("wheel", "Scroll the pane under the pointer"),
        ):
            table.add_row(keys, what)
        table.add_row("", "")
        table.add_row(Text("Search", style="underline"),
                      "/ then Enter jumps to the next match; > and < go to the next and previous match.")
        table.add_row(Text("Saving", style="underline"),
                      "Every tag, deletion and note is saved the moment you make it. q just quits.")
        with VerticalScroll(classes="dialog help"):
            yield Static(Text("Diptych keys", style="bold"), classes="dialog-title")
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)
