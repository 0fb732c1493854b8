"""Small pickers: a relation for a new link, a link to delete, an annotation's attributes."""

from __future__ import annotations

import json

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

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
    """Toggle an annotation's attribute values; Space toggles, Enter saves, Escape cancels.

    Its keys are priority bindings of the dialog itself, so they act the moment they
    arrive, in the order typed, even before the list has focus (a fast Space Down Space
    right after T used to lose keys). A checked value reads ``[x]``, an unchecked ``[ ]``:
    not only a colour.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "save", "Save", priority=True),
        Binding("space,x", "toggle", "Toggle", priority=True),
        Binding("down,j", "move(1)", "Down", priority=True),
        Binding("up,k", "move(-1)", "Up", priority=True),
    ]

    def __init__(self, types: list, current_json: str) -> None:
        super().__init__()
        self.types = types
        current = json.loads(current_json or "{}")
        self.values: list[str] = [f"{kind.name}={value}" for kind in types for value in kind.values]
        self.chosen: set[str] = set()
        for kind in types:
            picked = current.get(kind.name, [])
            for value in picked if isinstance(picked, list) else [picked]:
                self.chosen.add(f"{kind.name}={value}")
        self.highlighted = 0
        self._ready = False

    def _prompt(self, item: str) -> Text:
        name, _, value = item.partition("=")
        checked = item in self.chosen
        line = Text("[x] " if checked else "[ ] ", style="bold" if checked else "dim")
        line.append(f"{name}: {value}", style="bold" if checked else "")
        return line

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("Attributes (Space toggles, Enter saves, Escape cancels)"), classes="dialog-title")
            yield OptionList(*[Option(self._prompt(item), id=item) for item in self.values], id="attributes")

    def on_mount(self) -> None:
        self._ready = True
        self._redraw()

    def _redraw(self) -> None:
        if not self._ready:
            return  # keys before the list exists change the state; the list shows it on mount
        options = self.query_one("#attributes", OptionList)
        for index, item in enumerate(self.values):
            options.replace_option_prompt_at_index(index, self._prompt(item))
        options.highlighted = self.highlighted

    def action_move(self, step: int) -> None:
        self.highlighted = max(0, min(len(self.values) - 1, self.highlighted + step))
        self._redraw()

    def action_toggle(self) -> None:
        if not self.values:
            return
        item = self.values[self.highlighted]
        name = item.partition("=")[0]
        kind = next(k for k in self.types if k.name == name)
        if item in self.chosen:
            self.chosen.discard(item)
        else:
            if not kind.multi:  # a single-valued attribute keeps only the value just chosen
                self.chosen -= {f"{name}={v}" for v in kind.values}
            self.chosen.add(item)
        self._redraw()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index is not None:  # the mouse
            self.highlighted = event.option_index

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click toggles
        self.highlighted = event.option_index
        self.action_toggle()

    def action_save(self) -> None:
        result: dict = {}
        multi = {k.name: k.multi for k in self.types}
        for item in self.values:
            if item in self.chosen:
                name, _, value = item.partition("=")
                if multi[name]:
                    result.setdefault(name, []).append(value)
                else:
                    result[name] = value
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PairingDialog(ModalScreen[int | None]):
    """The closest claims or sentences of the other panes, with their word differences."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, claim: str, found: list, panes: dict[int, int] | None = None) -> None:
        """``found``: PairCandidates, best first; ``panes``: document id -> its pane's number."""
        super().__init__()
        self.claim, self.found, self.panes = claim, found, panes or {}

    def compose(self) -> ComposeResult:
        from ...model.text import excerpt, safe_for_display
        from ...model.pair_ranking import written_word_diff

        options = []
        for index, candidate in enumerate(self.found):
            line = Text()
            line.append(f"{candidate.score:5.1f}  ", style="bold")
            pane = self.panes.get(candidate.document_id)
            if pane is not None:
                line.append(f"pane {pane}  ", style="bold")
            line.append("claim  " if candidate.annotation_id else "sentence  ", style="dim")
            if candidate.linked:
                line.append(f"linked: {candidate.linked}  ", style="reverse")
            if candidate.figures:
                line.append(f"{candidate.figures}  ", style="bold red" if candidate.figures == "figures differ"
                            else "bold")
            for op, words in written_word_diff(self.claim, candidate.text):
                words = safe_for_display(" ".join(words.split()))
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
            yield Label(Text("Score: rapidfuzz token-set ratio, +15 when both give comparable figures. "
                             "Red: only in this claim; green: only in the other. Enter links · Escape cancels",
                             style="dim"), id="pairing-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
