"""The comparison screen: linked claim pairs with their attributions, then the unpaired."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...model.text import excerpt, safe_for_display


class CompareScreen(ModalScreen[tuple | None]):
    BINDINGS = [Binding("escape,q", "close", "Close")]

    def __init__(self, report: dict, titles: tuple[str, str]) -> None:
        super().__init__()
        self.report, self.titles = report, titles
        self.targets: list[tuple[str | None, str | None]] = []

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []

        def side(claim: dict) -> Text:
            text = Text(excerpt(claim["exact"], 70))
            if claim["attributions"]:
                text.append(f"  — {excerpt('; '.join(claim['attributions']), 40)}", style="dim")
            return text

        for pair in self.report["pairs"]:
            line = Text()
            line.append(f"{pair['relation']:<12}", style="bold")
            line.append_text(side(pair["a"]))
            line.append("\n            ⇄ ", style="dim")
            line.append_text(side(pair["b"]))
            options.append(Option(line))
            self.targets.append((pair["a"]["id"], pair["b"]["id"]))
        for key, title in (("only_a", self.titles[0]), ("only_b", self.titles[1])):
            for claim in self.report[key]:
                line = Text(f"only in {excerpt(title, 20):<22}", style="dim")
                line.append_text(side(claim))
                options.append(Option(line))
                self.targets.append((claim["id"], None) if key == "only_a" else (None, claim["id"]))
        with Vertical(classes="dialog wide"):
            yield Label(Text(f"Comparison: {safe_for_display(self.titles[0])}  ⇄  {safe_for_display(self.titles[1])}"),
                        classes="dialog-title")
            yield Label(Text(f"{counted(len(self.report['pairs']), 'linked pair')}, "
                             f"{counted(len(self.report['only_a']), 'claim')} only in A, "
                             f"{len(self.report['only_b'])} only in B. Enter shows a row in the panes.", style="dim"))
            yield OptionList(*options, id="comparison")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.targets[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)


def counted(count: int, noun: str) -> str:
    """``1 claim``, ``2 claims``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
