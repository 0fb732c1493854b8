"""Command palette (ctrl+p) entries: switch a pane's document, the panel, export, annotator."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..model.text import safe_for_display

PANE_ENTRIES_UP_TO = 30  # documents


class DiptychCommands(Provider):
    def _commands(self) -> list[tuple[str, object, str]]:
        app = self.app
        reader = app.reader
        commands: list[tuple[str, object, str]] = [
            ("Toggle the annotations panel", app.action_toggle_panel, "List this document's annotations"),
            ("Search every document", reader.corpus_search, "Key: F · Enter shows the hit in a pane"),
            ("Story of the open documents", reader.show_story,
             "Key: M · claims × documents, figures that differ; Enter opens a claim side by side"),
            ("Story of every document", partial(reader.show_story, True),
             "Claims × every current document; Enter opens a claim side by side"),
            ("Compare the two panes", reader.show_comparison, "Linked claims side by side, then the unpaired"),
            ("Re-attach an orphaned annotation to the selection", reader.reattach_orphan,
             "Annotations lost when this document changed"),
            ("Export annotations (JSON Lines)", partial(app.action_export, "jsonl"), "Asks where to write (default: this folder)"),
            ("Export annotations (CSV)", partial(app.action_export, "csv"), "Asks where to write (default: this folder)"),
            ("Write an HTML report of the open documents", app.action_report,
             "The documents side by side, marked and linked, with the story; asks where to write"),
            ("Change annotator", app.action_change_annotator, f"Now: {safe_for_display(app.annotator)}"),
            ("Help: keys", app.action_help, "Every key and mouse action"),
        ]
        for label in app.store.labels():  # every label, whatever its key (or none)
            name = safe_for_display(label.name)
            commands.append((f"Tag the selection as {name}", partial(reader.tag_selection, label.name),
                             f"Key: {safe_for_display(label.key or '')}" if label.key else "No key"))
        commands.append(("Show everyone's annotations", partial(app.show_annotator, None), "No annotator filter"))
        for name in app.store.annotators():
            commands.append((f"Show only annotations by {safe_for_display(name)}",
                             partial(app.show_annotator, name), "Filter by annotator"))
        focused = reader.current_view
        annotators = sorted({a.annotator for a in app.store.annotations(focused.document_id)})
        for i, first in enumerate(annotators):
            for second in annotators[i + 1:]:
                commands.append((f"Adjudicate: {safe_for_display(first)} vs {safe_for_display(second)} on this document",
                                 partial(reader.adjudicate, first, second),
                                 "Their differences one by one: a keeps A's, b keeps B's, Enter edits"))
        commands.append(("Show a document in this pane…", reader.pick_document,
                         "Key: o · fuzzy search by outlet, title and date"))
        documents = app.store.documents()
        # One entry per pane and document only for a small corpus: thousands of them would
        # bury every other command, and the picker above finds any document by a few letters.
        for doc in documents if len(documents) <= PANE_ENTRIES_UP_TO else []:
            title = safe_for_display(doc.title)
            for pane in reader.panes:
                if pane.view.document_id != doc.id:
                    commands.append((
                        f"Pane {pane.number}: show {title}",
                        partial(reader.show_document, pane.number, doc.id),
                        f"Document {doc.id}",
                    ))
        return commands

    async def discover(self) -> Hits:
        for name, action, help_text in self._commands():
            yield DiscoveryHit(name, action, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), action, help=help_text)
