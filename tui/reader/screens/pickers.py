"""Small pickers: a relation for a new link, a link to delete, an annotation's attributes."""

from __future__ import annotations

import json

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, SelectionList
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from ...model.relations import Relation


class ChoiceDialog(ModalScreen[str | None]):
    """Pick one of a few options by arrow keys and Enter, or by an option's own key."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str, str]]) -> None:
        """``choices`` are (id, key, text); the first is the default."""
        super().__init__()
        self.title_text, self.choices = title, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield OptionList(
                *[Option(Text(f"{key or ' '}  {text}"), id=choice) for choice, key, text in self.choices],
                id="choices",
            )
            yield Label(Text("Enter or the option's key chooses · Escape cancels", style="dim"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def on_key(self, event) -> None:
        for choice, key, _text in self.choices:
            if key and event.character == key:
                event.stop()
                self.dismiss(choice)
                return

    def action_cancel(self) -> None:
        self.dismiss(None)


def relation_dialog(relations: list[Relation], source: str, target: str) -> ChoiceDialog:
    return ChoiceDialog(
        f"Link {source} → {target} as…",
        [(r.name, r.key, f"{r.name} — {r.description}") for r in relations],
    )


class AttributeDialog(ModalScreen[dict | None]):
    """Toggle an annotation's attribute values; Enter saves, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("enter", "save", "Save", priority=True)]

    def __init__(self, types: list, current_json: str) -> None:
        super().__init__()
        self.types = types
        self.current = json.loads(current_json or "{}")

    def compose(self) -> ComposeResult:
        selections = []
        for kind in self.types:
            chosen = self.current.get(kind.name, [])
            chosen = chosen if isinstance(chosen, list) else [chosen]
            for value in kind.values:
                selections.append(Selection(Text(f"{kind.name}: {value}"), f"{kind.name}={value}",
                                            value in chosen))
        with Vertical(classes="dialog"):
            yield Label(Text("Attributes (Space toggles, Enter saves, Escape cancels)"), classes="dialog-title")
            yield SelectionList(*selections, id="attributes")

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        # A single-valued attribute keeps only the value just chosen.
        name, _, value = str(event.selection.value).partition("=")
        kind = next(k for k in self.types if k.name == name)
        if kind.multi or f"{name}={value}" not in event.selection_list.selected:
            return
        for other in kind.values:
            if other != value:
                event.selection_list.deselect(f"{name}={other}")

    def action_save(self) -> None:
        result: dict = {}
        multi = {k.name: k.multi for k in self.types}
        for item in self.query_one(SelectionList).selected:
            name, _, value = str(item).partition("=")
            if multi[name]:
                result.setdefault(name, []).append(value)
            else:
                result[name] = value
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PairingDialog(ModalScreen[int | None]):
    """The closest claims or sentences of the other pane, with their word differences."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, claim: str, found: list) -> None:
        super().__init__()
        self.claim, self.found = claim, found

    def compose(self) -> ComposeResult:
        from ...model.pairing import word_diff
        from ...model.text import excerpt, safe_for_display

        options = []
        for index, candidate in enumerate(self.found):
            line = Text()
            line.append(f"{candidate.score:5.1f}  ", style="bold")
            line.append("claim  " if candidate.annotation_id else "sentence  ", style="dim")
            for op, words in word_diff(self.claim, candidate.text):
                words = safe_for_display(words)
                if op == "=":
                    line.append(words + " ")
                elif op == "-":
                    line.append(words + " ", style="strike red")
                else:
                    line.append(words + " ", style="bold green")
            options.append(Option(line, id=str(index)))
        with Vertical(classes="dialog wide"):
            yield Label(Text(f"Pair “{excerpt(self.claim, 70)}” with…"), classes="dialog-title")
            yield OptionList(*options, id="candidates")
            yield Label(Text("Score: rapidfuzz token-set ratio. Red: only in this claim; green: only in the other. "
                             "Enter links · Escape cancels", style="dim"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
