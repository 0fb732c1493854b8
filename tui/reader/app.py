"""The Diptych Textual app: a thin shell around the reader screen and the store."""

from __future__ import annotations

import os
from datetime import datetime

from textual.app import App
from textual.binding import Binding

from .commands import DiptychCommands
from .keys import APP_KEYS
from .screens.reader import ReaderScreen
from ..services.editor import Editor
from ..store import Store


class DiptychApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "Diptych"
    COMMANDS = App.COMMANDS | {DiptychCommands}
    BINDINGS = [
        # Priority: these run in the app's own task, before the next key is handed out,
        # so keys typed straight after them reach the widget they focus.
        Binding(k.keys, k.action, k.footer or k.description, show=bool(k.footer),
                priority=k.keys in ("tab", "shift+tab", "slash"))
        for k in APP_KEYS
        if k.action != "command_palette"  # Textual binds ctrl+p itself
    ]

    def __init__(self, db_path: str, document_ids: list[int], annotator: str) -> None:
        super().__init__()
        self.db_path = db_path
        self.document_ids = document_ids
        self.annotator = annotator
        self.shown_annotator: str | None = None  # None: everyone's annotations
        self.store = Store.open(db_path)
        self.editor = Editor(self.store, annotator)

    def on_mount(self) -> None:
        self.push_screen(ReaderScreen(self.document_ids))

    def on_unmount(self) -> None:
        self.store.close()

    @property
    def reader(self) -> ReaderScreen:
        return next(s for s in self.screen_stack if isinstance(s, ReaderScreen))

    def action_focus_next_pane(self) -> None:
        self.reader.focus_pane(1)

    def action_focus_previous_pane(self) -> None:
        self.reader.focus_pane(-1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":  # / is a priority key: only a pane's, so it still types in inputs
            from .widgets.document_view import DocumentView

            return isinstance(self.focused, DocumentView)
        return True

    def action_search(self) -> None:
        self.reader.open_search()

    def action_corpus_search(self) -> None:
        self.reader.corpus_search()

    def action_pick_document(self) -> None:
        self.reader.pick_document()

    def action_story(self) -> None:
        self.reader.show_story()

    def action_toggle_panel(self) -> None:
        self.reader.toggle_panel()

    def action_undo(self) -> None:
        self.reader.undo()

    def action_redo(self) -> None:
        self.reader.undo(redo=True)

    def action_help(self) -> None:
        from .screens.dialogs import HelpScreen

        self.push_screen(HelpScreen(self.store.labels()))

    def action_change_annotator(self) -> None:
        def done(name: str | None) -> None:
            if name and name.strip():
                self.annotator = self.editor.annotator = name.strip()
                self.notify(f"Annotating as {self.annotator}", markup=False)
                self.reader._refresh_all()

        from .screens.dialogs import PromptDialog

        self.push_screen(PromptDialog("Annotator name", self.annotator), done)

    def show_annotator(self, name: str | None) -> None:
        self.shown_annotator = name
        self.reader.reload_all()
        self.notify(f"Showing annotations by {name or 'everyone'}.", markup=False)

    def action_export(self, fmt: str = "jsonl") -> None:
        """Ask where to write (default: a dated file in the current folder), then export."""
        from .screens.dialogs import PromptDialog

        default = os.path.join(os.getcwd(), f"diptych-export-{datetime.now():%Y%m%d-%H%M%S}.{fmt}")

        def chosen(answer: str | None) -> None:
            if answer is None or not answer.strip():
                return
            self.export_to(answer.strip(), fmt, os.path.basename(default))

        self.push_screen(PromptDialog(f"Export annotations ({fmt}) to", default, "A file, or a folder"), chosen)

    def export_to(self, answer: str, fmt: str, default_name: str) -> str | None:
        """Export every annotation to ``answer`` (a folder gets ``default_name`` in it) and
        say the full path written; a path that cannot be written is one line, not a crash."""
        from ..formats import EXPORTERS, atomic_writer
        from ..model.text import safe_for_display

        path = os.path.abspath(os.path.expanduser(answer))
        if os.path.isdir(path):
            path = os.path.join(path, default_name)
        try:
            with atomic_writer(path, newline="" if fmt == "csv" else None) as handle:
                count = EXPORTERS[fmt](self.store.export_rows(), handle)
        except OSError as exc:
            self.notify(f"Cannot write {safe_for_display(path)}: {exc.strerror or exc}", severity="error",
                        markup=False)
            return None
        self.notify(f"Exported {count} annotation{'' if count == 1 else 's'} to {safe_for_display(path)}",
                    markup=False, timeout=8)
        return path

    def action_report(self) -> None:
        """Ask where to write the HTML report of the open documents, then write it."""
        from .screens.dialogs import PromptDialog

        default = os.path.join(os.getcwd(), f"diptych-report-{datetime.now():%Y%m%d-%H%M%S}.html")

        def chosen(answer: str | None) -> None:
            if answer is None or not answer.strip():
                return
            self.report_to(answer.strip(), os.path.basename(default))

        self.push_screen(PromptDialog("Write the HTML report of the open documents to", default,
                                      "A file, or a folder"), chosen)

    def report_to(self, answer: str, default_name: str) -> str | None:
        """Write the report of the documents open in the panes to ``answer`` (a folder gets
        ``default_name`` in it) and say the full path written, as the export does."""
        from ..model.text import safe_for_display, utc_now
        from ..report.html import write_report

        path = os.path.abspath(os.path.expanduser(answer))
        if os.path.isdir(path):
            path = os.path.join(path, default_name)
        ids = list(dict.fromkeys(view.document_id for view in self.reader.views))  # a document shown twice: once
        try:
            write_report(self.store, ids, path, generated=utc_now()[:10])
        except OSError as exc:
            self.notify(f"Cannot write {safe_for_display(path)}: {exc.strerror or exc}", severity="error",
                        markup=False)
            return None
        self.notify(f"Report of {len(ids)} document{'' if len(ids) == 1 else 's'} written to "
                    f"{safe_for_display(path)}", markup=False, timeout=8)
        return path
