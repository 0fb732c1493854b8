"""The story in the reader: claim clusters × documents, the figures that differ, and
Enter to read a cluster's claims side by side.

The story is built in a thread worker (it reads every document's annotations and, for
speakers, text) on its own read-only connection: SQLite connections belong to the thread
that made them, and the screen stays responsive, with a loading line, meanwhile.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from ...model.figures import describe
from ...model.story import ABSENT, CONTRADICTS, SUPPORTS, Story, StoryCluster
from ...model.text import excerpt, safe_for_display
from ...report.story import LEGEND, MARKS, document_label

MARKS_FROM = 5  # documents: from this many on, a cell is its mark, else a short text
MAX_PANES = 4  # a cluster opens in at most this many panes side by side


class StoryScreen(ModalScreen[list[tuple[int, int, int]] | None]):
    """Dismisses with a cluster's targets, ``(document, start, end)`` in story order."""

    BINDINGS = [Binding("escape,q", "close", "Close")]  # noqa: RUF012 (Textual reads it)

    def __init__(self, db_path: str, document_ids: list[int] | None, what: str) -> None:
        """``document_ids`` None: every current document."""
        super().__init__()
        self.db_path, self.document_ids, self.what = db_path, document_ids, what
        self.story: Story | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide story"):
            yield Label(Text(f"The story of {self.what}"), classes="dialog-title")
            yield Label(Text(f"Building the story of {self.what}…", style="dim"), id="story-summary")
            table = DataTable(id="story-matrix", cursor_type="row", zebra_stripes=True)
            table.display = False
            yield table
            with VerticalScroll(id="story-figures"):
                yield Static(Text(""), id="story-differences")
            yield Label(Text("Up/Down choose a claim · Enter opens it side by side · Escape closes", style="dim"))

    def on_mount(self) -> None:
        self.build()

    @work(thread=True, exclusive=True)
    def build(self) -> None:
        from ...services.story import story
        from ...store import Store, StoreError

        try:
            store = Store.open(self.db_path, readonly=True)
            try:
                built = story(store, self.document_ids)
            finally:
                store.close()
        except (StoreError, OSError) as exc:
            self.app.call_from_thread(self.show_error, str(exc))
            return
        self.app.call_from_thread(self.show_story, built)

    def show_error(self, message: str) -> None:
        self.query_one("#story-summary", Label).update(Text(f"Cannot build the story: {safe_for_display(message)}"))

    def show_story(self, story: Story) -> None:
        self.story = story
        docs = story.documents
        table = self.query_one("#story-matrix", DataTable)
        marks = len(docs) >= MARKS_FROM
        table.add_column(Text("#"), key="number")
        if marks:
            table.add_column(Text("claim"), key="claim")
            for i, _ in enumerate(docs, 1):
                table.add_column(Text(str(i)), key=f"d{i}")
        else:
            for i, doc in enumerate(docs, 1):
                table.add_column(Text(f"{i}. {document_label(doc, 30)}"), key=f"d{i}")
        for cluster in story.clusters:
            number = Text(f"{cluster.number}" + ("≠" if cluster.figures_differ else ""))
            if marks:
                first = cluster.claims[0]
                cells = [Text(excerpt(first.exact, 60))]
                cells += [mark_cell(cluster, doc.id) for doc in docs]
            else:
                cells = [short_cell(cluster, doc.id) for doc in docs]
            table.add_row(number, *cells, key=str(cluster.number))
        table.display = True
        if story.clusters:
            table.focus()
        count = len(story.clusters)
        summary = Text(f"{count} claim{'' if count == 1 else 's'} in more than one document, "
                       f"across {len(docs)} documents.  {LEGEND}  ≠ figures differ", style="dim")
        if marks:
            summary.append("\n" + "  ".join(f"{i}. {document_label(d, 40)}" for i, d in enumerate(docs, 1)),
                           style="dim")
        self.query_one("#story-summary", Label).update(summary)
        self.query_one("#story-differences", Static).update(differences_text(story))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.story is None:
            return
        cluster = self.story.clusters[event.cursor_row]
        self.dismiss(cluster.targets([d.id for d in self.story.documents])[:MAX_PANES])

    def action_close(self) -> None:
        self.dismiss(None)


def mark_cell(cluster: StoryCluster, document_id: int) -> Text:
    stance, _ = cluster.cell(document_id)
    return Text(MARKS[stance], style=STYLE.get(stance, ""))


def short_cell(cluster: StoryCluster, document_id: int, limit: int = 50) -> Text:
    """The document's first claim of the cluster, marked by its stance."""
    stance, claims = cluster.cell(document_id)
    if stance == ABSENT:
        return Text(MARKS[ABSENT], style="dim")
    first = min(claims, key=lambda c: (c.start, c.end))
    cell = Text(f"{MARKS[stance]} ", style=STYLE.get(stance, "bold"))
    cell.append(excerpt(first.exact, limit))
    if len(claims) > 1:
        cell.append(f" (+{len(claims) - 1})", style="dim")
    return cell


STYLE = {CONTRADICTS: "bold red", SUPPORTS: "green", ABSENT: "dim"}


def differences_text(story: Story) -> Text:
    """The figures that differ, one pair a line: what each document says, read as a value."""
    number = {d.id: i for i, d in enumerate(story.documents, 1)}
    text = Text()
    for cluster in story.clusters:
        for difference in cluster.differences:
            if not text:
                text.append("Figures that differ\n", style="bold")
            (claim_a, figure_a), (claim_b, figure_b) = difference.a, difference.b
            text.append(f"{cluster.number}: ")
            text.append(excerpt(figure_a.text, 30), style="bold")
            text.append(f" = {excerpt(describe(figure_a), 30)} ({number.get(claim_a.document, '?')})  vs  ")
            text.append(excerpt(figure_b.text, 30), style="bold")
            text.append(f" = {excerpt(describe(figure_b), 30)} ({number.get(claim_b.document, '?')})\n")
    return text or Text("No figures differ.", style="dim")
