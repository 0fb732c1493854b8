"""Adjudication: two annotators' versions of the focused document, difference by
difference; the adjudicator keeps A's or B's as their own, or goes to the text to edit.

Accepting goes through the editor (``Editor.accept``: a copy as the adjudicator's own
annotation, origin ``accepted:NAME``), so it is committed at once and ``u`` undoes it.
Accepting one side of a row after the other replaces the adjudicator's earlier copy in
the same undo step: the result is one annotation per row, never both versions.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...model.adjudicate import BOUNDARY_DIFFERS, LABEL_DIFFERS, ONLY_A, ONLY_B, SAME, Difference, differences
from ...model.entities import Annotation
from ...model.text import excerpt, safe_for_display
from ...store import StoreError

KIND_STYLE = {ONLY_A: "bold", ONLY_B: "bold", BOUNDARY_DIFFERS: "bold yellow", LABEL_DIFFERS: "bold red",
              SAME: "dim"}


class AdjudicationScreen(ModalScreen[tuple[int, int] | None]):
    """Dismisses with a span to edit in the pane, or None."""

    BINDINGS = [  # noqa: RUF012 (Textual reads the class attribute)
        Binding("a", "accept('A')", "Accept A's"),
        Binding("b", "accept('B')", "Accept B's"),
        Binding("e,enter", "edit", "Edit in the text", priority=True),
        Binding("escape,q", "close", "Close"),
    ]

    def __init__(self, document_id: int, text: str, title: str, first: str, second: str) -> None:
        super().__init__()
        self.document_id, self.text, self.title_text = document_id, text, title
        self.names = {"A": first, "B": second}
        self.rows: list[Difference] = []
        self.changed = False  # the panes re-read the document when this closes

    @property
    def editor(self):
        return self.app.editor

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text(f"Adjudicate {safe_for_display(self.names['A'])} (A) vs "
                             f"{safe_for_display(self.names['B'])} (B): "
                             f"{excerpt(self.title_text, 60)}"), classes="dialog-title")
            yield Label(Text(""), id="adjudication-summary")
            yield OptionList(id="differences")
            yield Label(Text("a: keep A's · b: keep B's · Enter/e: edit it in the text · u (in the text) undoes · "
                             "Escape closes", style="dim"))

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#differences", OptionList).focus()

    def _mine(self) -> list[Annotation]:
        return [a for a in self.app.store.annotations(self.document_id) if a.annotator == self.editor.annotator]

    def reload(self) -> None:
        everything = self.app.store.annotations(self.document_id)
        first = [x for x in everything if x.annotator == self.names["A"]]
        second = [x for x in everything if x.annotator == self.names["B"]]
        self.rows = differences(first, second)
        mine = [x for x in everything if x.annotator == self.editor.annotator]
        listing = self.query_one("#differences", OptionList)
        keep = listing.highlighted
        listing.set_options([Option(self.line(row, mine)) for row in self.rows])
        if self.rows:
            listing.highlighted = min(keep or 0, len(self.rows) - 1)
        open_rows = sum(1 for row in self.rows if row.kind != SAME and not row.resolved_by(mine))
        self.query_one("#adjudication-summary", Label).update(Text(
            f"{len(self.rows)} rows, {open_rows} difference{'' if open_rows == 1 else 's'} not yet decided. "
            f"✓ marks the side you kept (as {safe_for_display(self.editor.annotator)}).", style="dim"))

    def line(self, row: Difference, mine: list[Annotation]) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        kept = row.resolved_by(mine)
        line.append("✓ " if kept else "  ", style="bold green")
        line.append(f"{row.kind:<17}", style=KIND_STYLE[row.kind])
        line.append(f"{row.start:>7}  ", style="dim")
        for name, annotation in (("A", row.a), ("B", row.b)):
            if annotation is None:
                continue
            mark = "✓" if kept in (name, "both") else " "
            line.append(f"{mark}{name} {safe_for_display(annotation.label)} ", style="bold")
            line.append(f"“{excerpt(annotation.exact, 50)}”  ")
        return line

    def _current(self) -> Difference | None:
        index = self.query_one("#differences", OptionList).highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    def action_accept(self, which: str) -> None:
        row = self._current()
        chosen = row.side(which) if row is not None else None
        if chosen is None:
            self.app.bell()
            return
        mine = self._mine()
        if any((m.start, m.end, m.label) == (chosen.start, chosen.end, chosen.label) for m in mine):
            return  # kept already
        other = row.side("B" if which == "A" else "A")
        # The adjudicator's copy of the other side, if they kept it before: replaced.
        earlier = [m for m in mine if other is not None and (m.start, m.end, m.label) == (other.start, other.end,
                                                                                          other.label)]
        try:
            with self.editor.group():
                for annotation in earlier[:1]:
                    self.editor.delete(annotation.id)
                self.editor.accept(chosen, self.text)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.changed = True
        self.reload()
        listing = self.query_one("#differences", OptionList)
        if listing.highlighted is not None and listing.highlighted + 1 < len(self.rows):
            listing.highlighted += 1  # on to the next row: adjudication is a walk down the list

    def action_edit(self) -> None:
        row = self._current()
        if row is None:
            self.app.bell()
            return
        self.dismiss((row.start, row.end))

    def action_close(self) -> None:
        self.dismiss(None)
