"""The reader screen: document panes side by side, the status line, the panel and search.

Every edit goes widget -> message -> this screen -> store (committed) -> the views,
so what is on screen is always what is in the database.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen

from ...model.entities import Annotation, Link
from ...model.text import trim_span
from ...services.editor import EditError
from ...services.history import WHAT, Created, Deleted
from ...store import StoreError
from .. import messages
from ..widgets.document_view import DocumentView
from ..widgets.key_hints import KeyHints
from ..widgets.pane import DocumentPane
from ..widgets.status_line import StatusLine
from .linking import LinkingMixin


class ReaderScreen(LinkingMixin, Screen):
    POLL_SECONDS = 1.0  # how often to look for other writers' changes

    def __init__(self, document_ids: list[int]) -> None:
        super().__init__()
        self.document_ids = document_ids
        self.panes: list[DocumentPane] = []
        self._last_view: DocumentView | None = None  # the pane last focused (for search, the panel)
        self._data_version: int | None = None
        self._documents: dict = {}
        self.doc_links: dict[int, list[Link]] = {}  # links touching each open document
        self._loading: set[int] = set()  # documents whose whole text a thread is reading
        self._first_counts: dict[int, int] = {}  # id(view) -> its annotations, while it has only the first

    @property
    def store(self):
        return self.app.store

    @property
    def editor(self):
        return self.app.editor

    def compose(self) -> ComposeResult:
        labels = self.store.labels()
        with Horizontal(id="panes"):
            for number, document_id in enumerate(self.document_ids, start=1):
                text, blocks, length = self._first_window(document_id)
                view = DocumentView(document_id, text, blocks=blocks, length=length)
                view.set_labels(labels)
                pane = DocumentPane(view, number)
                self.panes.append(pane)
                yield pane
        yield StatusLine(id="status")
        yield KeyHints(id="keys")

    def on_mount(self) -> None:
        partly = [pane.view for pane in self.panes if not self._load_first_annotations(pane)]
        self.set_focus(self.panes[0].view)
        for name, key in self.panes[0].view.shadowed_labels.items():
            self.notify(f"Label {name}'s key {key} is now a reader key: tag {name} from the palette "
                        "(Ctrl+P, “Tag the selection as”).", severity="warning", markup=False, timeout=10)
        self._data_version = self.store.data_version()
        self.set_interval(self.POLL_SECONDS, self._poll_other_writers)
        self.call_after_refresh(self._after_first_frame, partly)

    def _after_first_frame(self, partly: list[DocumentView]) -> None:
        for view in partly:
            self._load_annotations(view)
        # Not before: the thread's decoding holds the GIL and would delay the first frame.
        for view in self.views:
            self._load_the_rest(view)

    FIRST_ANNOTATIONS = 500  # more than this: the first frame reads only those at the start

    def _load_first_annotations(self, pane: DocumentPane) -> bool:
        """Load a pane's annotations for the first frame; False if only those near the start
        were (10,000 annotations take ~0.1 s to read, their links as much again)."""
        from ...model.chunked import CHUNK_CHARS

        view, shown = pane.view, self.app.shown_annotator
        count = self.store.annotation_count(view.document_id, shown)
        if count <= self.FIRST_ANNOTATIONS:
            self._load_annotations(view)
            return True
        view.me = self.app.annotator
        # A screen from the top never shows past the first chunk (64 Ki code points).
        view.set_annotations([a for a in self.store.annotations_starting_before(view.document_id, CHUNK_CHARS)
                              if shown is None or a.annotator == shown])
        self._first_counts[id(view)] = count  # the title tells the whole count meanwhile
        self._refresh_title(view)
        return False

    # Long documents: the first screen from the first chunks, the rest in a thread ------------------
    FIRST_CHUNKS = 2  # 128 Ki code points: more than any screen shows from the top

    def _first_window(self, document_id: int):
        """(text, blocks, length) to draw the first screen: a short text whole; of a long one
        its head, the first chunks (a plain str: every model function works on it, offsets
        unchanged), with their block index only (the stored index of a 200 MB text alone
        takes 0.14 s to read) and the whole text's length."""
        from ...model.chunked import CHUNK_CHARS
        from ...model.layout import block_index

        length = self._document(document_id).length
        if length <= self.FIRST_CHUNKS * CHUNK_CHARS:
            text = self.store.text(document_id)
            return text, self.store.blocks(document_id, text), length
        chunks = self.store.chunked_text(document_id)
        head = chunks.slice(0, chunks.starts[min(self.FIRST_CHUNKS, len(chunks.starts) - 1)])
        return head, block_index(head), length

    def _load_the_rest(self, view: DocumentView) -> None:
        document_id = view.document_id
        if view.loaded or document_id in self._loading:  # one read per document, whatever the panes
            return
        self._loading.add(document_id)
        self.run_worker(lambda: self._read_whole(document_id), thread=True, group="load-text", exit_on_error=False)

    def _read_whole(self, document_id: int) -> None:
        """In a thread: the whole text and block index, through a connection of this thread's own."""
        from ...store import Store

        try:
            store = Store.open(self.store.path, readonly=True)
            try:
                text = store.text(document_id)
                blocks = store.blocks(document_id, text)
            finally:
                store.close()
        except StoreError as exc:
            self.app.call_from_thread(self._loading.discard, document_id)
            self.app.call_from_thread(self.notify, f"Cannot load the rest of the document: {exc}",
                                      severity="error", markup=False)
            return
        self.app.call_from_thread(self._whole_read, document_id, text, blocks)

    def _whole_read(self, document_id: int, text: str, blocks) -> None:
        self._loading.discard(document_id)
        for view in self._views_of(document_id):  # the panes showing it now, sharing one copy
            if not view.loaded:
                view.finish_loading(text, blocks)

    # Helpers --------------------------------------------------------------------------------
    @property
    def views(self) -> list[DocumentView]:
        return [pane.view for pane in self.panes]

    @property
    def current_view(self) -> DocumentView:
        focused = self.focused
        if isinstance(focused, DocumentView):
            return focused
        for panel in self.query("#panel"):
            for view in self.views:
                if view.document_id == panel.document_id:
                    return view
        return self._last_view or self.views[0]

    def _views_of(self, document_id: int) -> list[DocumentView]:
        return [view for view in self.views if view.document_id == document_id]

    def _load_annotations(self, view: DocumentView) -> None:
        self._first_counts.pop(id(view), None)
        shown = self.app.shown_annotator
        view.me = self.app.annotator
        view.set_annotations([a for a in self.store.annotations(view.document_id)
                              if shown is None or a.annotator == shown])
        view.rejected = self.store.rejected_suggestions(view.document_id)
        self.doc_links[view.document_id] = self.store.document_links(view.document_id)
        self._refresh_title(view)

    def _document(self, document_id: int):
        if document_id not in self._documents:
            self._documents[document_id] = self.store.document(document_id)
        return self._documents[document_id]

    def _refresh_title(self, view: DocumentView) -> None:
        for pane in self.panes:
            if pane.view is view:
                doc = self._document(view.document_id)
                count = self._first_counts.get(id(view), len(view.spans))
                pane.title_bar.show(doc.title, doc.source, count, pane.number)
                pane.set_class(view.has_focus, "focused")

    def _refresh_all(self, view: DocumentView | None = None) -> None:
        view = view or self.current_view
        partners = self.partner_ids(view)
        for other in self.views:
            self._refresh_title(other)
            if other.partners != partners:
                other.partners = partners
                other.refresh()
        self.query_one(StatusLine).describe(
            view, view.looks, self.app.annotator, self.link_lines, self.pending_link
        )
        panel = self.query("#panel").first() if self.query("#panel") else None
        if panel is not None and panel.display:
            here = view.annotations_here()
            panel.show(view.document_id, list(view.spans), view.looks, here[0].id if here else None,
                       self.link_lines, title=self._document(view.document_id).title)

    def _after_change(self, document_id: int, focus: Annotation | None = None) -> None:
        """Re-read a document's annotations after an edit and show them."""
        for view in self._views_of(document_id):
            self._load_annotations(view)
            if focus is not None and view is self.current_view:
                view.move_to(focus.start)
        self._refresh_all()

    def _poll_other_writers(self) -> None:
        version = self.store.data_version()
        if version != self._data_version:
            self._data_version = version
            self._documents.clear()
            for view in self.views:
                self._load_annotations(view)
            self._refresh_all()

    # Messages from the views ----------------------------------------------------------------
    def handle_view_request(self, message: messages.ViewRequest | messages.AnnotationRequest) -> None:
        """A view's request, handled at once (see DocumentView.request) by the same
        ``on_<message>`` method that would handle it from the queue."""
        handler = getattr(self, message.handler_name, None)
        if handler is None:
            raise TypeError(f"The reader screen does not handle {type(message).__name__}")
        handler(message)

    def on_document_view_changed(self, message: DocumentView.Changed) -> None:
        if message.view.has_focus:
            self._last_view = message.view
            self._refresh_all(message.view)

    def on_tag_selection(self, message: messages.TagSelection) -> None:
        view = message.view
        try:
            annotation = self.editor.tag(view.document_id, view.text, message.start, message.end, message.label)
        except EditError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        for other in self._views_of(view.document_id):
            other.spans.add(annotation)
            other.refresh()
        view.visual = False
        view.anchor = None
        view.move_to(annotation.start)
        self._refresh_all()  # the focused pane's status: a Tab typed after the key may have moved on

    def _panel(self):
        """The annotations panel, mounted the first time it is wanted (start-up stays light)."""
        from ..widgets.annotation_panel import AnnotationPanel

        found = self.query(AnnotationPanel)
        if found:
            return found.first()
        panel = AnnotationPanel(id="panel")
        self.mount(panel, before=self.query_one(StatusLine))
        return panel

    def _search_bar(self):
        from ..widgets.search_bar import SearchBar

        found = self.query(SearchBar)
        if found:
            return found.first()
        bar = SearchBar(self._search, placeholder="Search (Enter: next match, Escape: close)", id="search")
        self.mount(bar, before=self.query_one(StatusLine))
        return bar

    def open_search(self) -> None:
        search = self._search_bar()
        self._last_view = search.target = self.current_view
        search.display = True
        # Synchronous, unlike Widget.focus(): the keys typed right after / go to the search.
        self.set_focus(search)

    def on_annotation_panel_leave(self, message) -> None:
        self.set_focus(self.current_view)

    def on_option_list_option_selected(self, message) -> None:
        if getattr(message.option_list, "id", None) != "panel":
            return
        panel = self._panel()
        annotation = panel.annotations[message.option_index]
        view = self.current_view
        self.set_focus(view)
        view.move_to(annotation.start)

    def on_delete_annotation(self, message: messages.DeleteAnnotation) -> None:
        annotation = message.annotation
        try:
            self.editor.delete(annotation.id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._after_change(annotation.document_id)

    def on_edit_note(self, message: messages.EditNote) -> None:
        annotation = message.annotation

        def save(note: str | None) -> None:
            if note is None or note == annotation.note:
                return
            self.editor.set_note(annotation, note)
            self._after_change(annotation.document_id)

        from .dialogs import PromptDialog

        self.app.push_screen(PromptDialog(f"Note on {annotation.label}", annotation.note, "A note"), save)

    def on_edit_attributes(self, message: messages.EditAttributes) -> None:
        self.edit_attributes(message.annotation)

    def on_accept_annotation(self, message: messages.AcceptAnnotation) -> None:
        """Adjudication: keep theirs, add the same span as mine."""
        annotation = message.annotation
        mine = self.editor.accept(annotation, self._views_of(annotation.document_id)[0].text)
        self._after_change(annotation.document_id, mine)
        self.notify(f"Accepted {annotation.annotator}'s {annotation.label} as yours.", markup=False)

    # Search ------------------------------------------------------------------------------
    def _search(self, query: str) -> None:
        """Enter in the search bar: back to the pane and jump, before any later key is handled."""
        view = self._last_view if self._last_view in self.views else self.views[0]
        self.set_focus(view)
        typed = query or (view.search_pattern.pattern if view.search_pattern else "")
        if typed and not (view.search(query) if query else view.search_again()):
            self.notify(f"Not found: {typed}", severity="warning", markup=False)

    def tag_selection(self, label: str) -> None:
        """The palette's "Tag the selection as ...": any label, also one whose key the reader took."""
        self.current_view.action_tag(label)

    # App-level actions, called by the app's bindings ------------------------------------------------
    def focus_pane(self, step: int) -> None:
        views = self.views
        current = self.current_view
        index = views.index(current) if current in views else 0
        self.set_focus(views[(index + step) % len(views)])

    def toggle_panel(self) -> None:
        view = self.current_view
        fresh = not self.query("#panel")
        panel = self._panel()
        panel.display = True if fresh else not panel.display
        if panel.display:
            self._refresh_all(view)
            self.set_focus(panel)
        else:
            self.set_focus(view)

    def undo(self, redo: bool = False) -> None:
        try:
            done = self.editor.redo() if redo else self.editor.undo()
        except StoreError as exc:
            self.notify(f"Cannot {'redo' if redo else 'undo'}: {exc}", severity="error", markup=False)
            return
        if done is None:
            self.notify(f"Nothing to {'redo' if redo else 'undo'}.", markup=False)
            return
        step, annotation = done
        if annotation is None:  # a rejected suggestion: nothing to jump to
            self.reload_all()
            self.notify(f"{'Redone' if redo else 'Undone'}: {WHAT[type(step)]}", markup=False)
            return
        gone = isinstance(step, Created) != redo if isinstance(step, (Created, Deleted)) else False
        self._after_change(annotation.document_id, None if gone else annotation)
        self._after_links_changed(self.current_view)  # a link's other end may be in another pane
        self.notify(f"{'Redone' if redo else 'Undone'}: {WHAT[type(step)]} of “{annotation.exact[:40]}”", markup=False)

    def reattach_orphan(self) -> None:
        """Pick an orphan of this document's earlier versions and put it on the selection."""
        from .pickers import ChoiceDialog

        view = self.current_view
        orphans = self.store.orphans(self._document(view.document_id).path)
        if not orphans:
            self.notify("This document has no orphaned annotations.", markup=False)
            return
        if view.selection is None:
            self.notify(f"{len(orphans)} orphaned annotations: select where one belongs now, then run this again.",
                        severity="warning", markup=False)
            return
        start, end = trim_span(view.text, *view.selection)

        def chosen(annotation_id: str | None) -> None:
            if annotation_id:
                self.store.reattach(annotation_id, view.document_id, start, end)
                view.anchor = None
                self._after_change(view.document_id)
                self.notify("Re-attached.", markup=False)

        choices = [(a.id, "", f"{a.label}: {a.exact[:70]}") for a in orphans]
        self.app.push_screen(ChoiceDialog("Re-attach which orphan to the selection?", choices), chosen)

    def reload_all(self) -> None:
        for view in self.views:
            self._load_annotations(view)
        self._refresh_all()

    def show_comparison(self) -> None:
        """The comparison of the first two panes; Enter puts each pane on its side of a pair."""
        from ...services.compare import comparison
        from .compare_screen import CompareScreen

        left, right = self.views[0], self.views[1] if len(self.views) > 1 else self.views[0]
        annotations = list(left.spans) + (list(right.spans) if right is not left else [])
        links = [link for v in (left, right) for link in self.doc_links.get(v.document_id, [])]
        report = comparison(annotations, links, left.document_id, right.document_id)
        titles = (self._document(left.document_id).title, self._document(right.document_id).title)

        def jump(target: tuple[str | None, str | None] | None) -> None:
            if not target:
                return
            for view, annotation_id in ((left, target[0]), (right, target[1])):
                annotation = view.spans.get(annotation_id) if annotation_id else None
                if annotation is not None:
                    view.move_to(annotation.start)
            self.set_focus(left if target[0] else right)

        self.app.push_screen(CompareScreen(report, titles), jump)

    def show_document(self, pane_number: int, document_id: int) -> None:
        pane = self.panes[pane_number - 1]
        shown = [v for v in self._views_of(document_id) if v.loaded and v is not pane.view]
        if shown:  # already whole in another pane: share its text and block index
            pane.view.load(document_id, shown[0].text, (shown[0].layout_model.starts, shown[0].layout_model.ends))
        else:
            pane.view.load(document_id, *self._first_window(document_id))
        self._load_the_rest(pane.view)
        self._load_annotations(pane.view)
        self.set_focus(pane.view)
        self._refresh_all(pane.view)

    def open_at(self, document_id: int, start: int, end: int) -> DocumentView:
        """Show ``start:end`` of a document selected: in the focused pane if it shows the
        document, else in a pane that does, else in the focused pane instead of its own."""
        current = self.current_view
        showing = [view for view in self.views if view.document_id == document_id]
        view = current if current in showing else showing[0] if showing else None
        if view is None:
            number = self.views.index(current) + 1 if current in self.views else 1
            self.show_document(number, document_id)
            view = self.views[number - 1]
        view.visual = False
        if max(start, end) > view.layout_model.max_offset and view.wait_for_text(
                lambda: view.select(start, end) if end > start else view.move_to(start)):
            pass  # done once the rest of the document is here
        elif end > start:
            view.select(start, end)
        else:
            view.move_to(start)
        self.set_focus(view)
        self._last_view = view
        self._refresh_all(view)
        return view

    def corpus_search(self) -> None:
        """Search every document; Enter shows the hit selected in a pane."""
        from .corpus_search import CorpusSearchScreen

        def chosen(hit) -> None:
            if hit is not None:
                self.open_at(hit.document_id, hit.start, hit.end)

        self.app.push_screen(CorpusSearchScreen(self.store), chosen)

    def pick_document(self) -> None:
        """Fuzzy-find a document and show it in the focused pane."""
        from .document_picker import DocumentPicker

        current = self.current_view
        number = self.views.index(current) + 1 if current in self.views else 1
        open_in = {}
        for pane in reversed(self.panes):  # the first pane showing a document names it
            open_in[pane.view.document_id] = pane.number

        def chosen(document_id: int | None) -> None:
            if document_id is None:
                return
            view = self.views[number - 1]
            if view.document_id != document_id:
                self.show_document(number, document_id)
            else:
                self.set_focus(view)

        self.app.push_screen(DocumentPicker(self.store, open_in), chosen)

    def add_pane(self, document_id: int) -> DocumentPane:
        """Another pane, at the right, showing ``document_id``."""
        text, blocks, length = self._first_window(document_id)
        view = DocumentView(document_id, text, blocks=blocks, length=length)
        view.set_labels(self.store.labels())
        pane = DocumentPane(view, len(self.panes) + 1)
        self.panes.append(pane)
        self.query_one("#panes", Horizontal).mount(pane)
        self._load_annotations(view)
        self._load_the_rest(view)
        return pane

    def open_side_by_side(self, targets: list[tuple[int, int, int]]) -> None:
        """Show each ``(document, start, end)`` selected in panes 1, 2, ... in order,
        adding panes where there are fewer; the first gets the focus."""
        for number, (document_id, start, end) in enumerate(targets, start=1):
            if number > len(self.panes):
                self.add_pane(document_id)
            elif self.views[number - 1].document_id != document_id:
                self.show_document(number, document_id)
            view = self.views[number - 1]
            view.visual = False
            if end > view.layout_model.max_offset and view.wait_for_text(
                    lambda v=view, s=start, e=end: v.select(s, e)):
                continue  # selected once the rest of the document is here
            view.select(start, end)
        if targets:
            first = self.views[0]
            self.set_focus(first)
            self._last_view = first
            self.call_after_refresh(self._refresh_all, first)

    def show_story(self, every_document: bool = False) -> None:
        """The story of the open documents (or of all): Enter opens a claim side by side."""
        from .story_screen import StoryScreen

        ids = None if every_document else list(dict.fromkeys(view.document_id for view in self.views))
        what = "every document" if every_document else "the open documents"

        def chosen(targets) -> None:
            if targets:
                self.open_side_by_side(targets)

        self.app.push_screen(StoryScreen(self.app.db_path, ids, what), chosen)

    def adjudicate(self, first: str, second: str) -> None:
        """Adjudicate two annotators' versions of the focused document."""
        from .adjudicate_screen import AdjudicationScreen

        view = self.current_view
        # The whole text from the store: a pane may hold only the head of a long one so far.
        screen = AdjudicationScreen(view.document_id, self.store.text(view.document_id),
                                    self._document(view.document_id).title, first, second)

        def done(span: tuple[int, int] | None) -> None:
            self._after_change(view.document_id)
            self._after_links_changed(view)
            if span is not None:
                self.open_at(view.document_id, *span)

        self.app.push_screen(screen, done)
