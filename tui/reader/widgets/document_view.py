"""The document view: one document, soft-wrapped, rendered a row at a time.

Only the rows on screen are laid out and drawn (the Line API: ``render_line``), and
the annotations drawn on a row come from a bisect look-up in a sorted index, so the
cost of a key press follows the size of the window, not of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ...model.layout import Layout, RowPos, mirrored, row_glyphs
from ...model.spans import Annotation, SpanIndex
from ...model.text import (
    cluster_start,
    find_char,
    next_cluster,
    next_word_start,
    previous_cluster,
    previous_word_start,
    snap_span,
    word_at,
    word_end,
)
from .. import messages
from ..keys import PANE_KEYS


@dataclass
class LabelLook:
    """How a label is drawn: its colour and its monochrome mark."""

    color: str
    mark: str

    def style(self, mine: bool = True) -> Style:
        """Mine: white on the label's colour. Another annotator's: the label's colour as text."""
        marks = {m: True for m in self.mark.split() if m in {"underline", "bold", "italic", "strike", "overline"}}
        if mine:
            return Style(bgcolor=self.color, color="#ffffff", **marks)
        return Style(color=self.color, **marks)


class DocumentView(Widget, can_focus=True):
    """A scrollable, soft-wrapped view of one document with a cursor and a selection."""

    ALLOW_SELECT = False  # one selection model per pane: ours
    BINDINGS = [Binding(k.keys, k.action, k.footer or k.description, show=bool(k.footer)) for k in PANE_KEYS]
    COMPONENT_CLASSES = {
        "document-view--cursor",
        "document-view--cursor-unfocused",
        "document-view--selection",
        "document-view--search",
        "document-view--partner",
        "document-view--ghost",
        "document-view--others",
        "document-view--cue-quote",
        "document-view--cue-cue",
        "document-view--cue-number",
        "document-view--cue-date",
        "document-view--scrollbar",
        "document-view--thumb",
    }
    DEFAULT_CSS = """
    DocumentView { height: 1fr; width: 1fr; }
    DocumentView > .document-view--cursor { text-style: reverse; }
    DocumentView > .document-view--cursor-unfocused { text-style: underline; }
    DocumentView > .document-view--selection { text-style: reverse; }
    DocumentView > .document-view--search { background: $warning 60%; color: $text; }
    DocumentView > .document-view--partner { background: $success 70%; text-style: italic; }
    DocumentView > .document-view--ghost { background: $secondary 25%; text-style: dim underline; }
    DocumentView > .document-view--others { text-style: italic; }
    DocumentView > .document-view--cue-quote { color: $text-success; }
    DocumentView > .document-view--cue-cue { color: $text-warning; text-style: bold; }
    DocumentView > .document-view--cue-number { color: $text-accent; }
    DocumentView > .document-view--cue-date { color: $text-secondary; }
    DocumentView > .document-view--scrollbar { background: $panel; }
    DocumentView > .document-view--thumb { background: $primary; }
    """

    # Messages posted to the screen ---------------------------------------------------
    class Changed(Message):
        """The cursor or the selection moved."""

        def __init__(self, view: DocumentView) -> None:
            super().__init__()
            self.view = view

        @property
        def control(self) -> DocumentView:
            return self.view

    def __init__(self, document_id: int, text: str, *, blocks=None, length: int | None = None,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.document_id = document_id
        self.text = text
        self.layout_model = Layout(text, blocks=blocks)
        self.spans = SpanIndex()
        self.looks: dict[str, LabelLook] = {}
        self.cursor = 0  # a code-point offset into the text
        self.anchor: int | None = None  # the selection's fixed end
        self.visual = False  # v: moving extends the selection
        self.top = RowPos(0, 0)
        self.goal_x: int | None = None  # column kept by up/down moves
        self.search_pattern: re.Pattern[str] | None = None
        self._visible: list = []  # (RowPos, Row) of each screen row
        self._top_offset = 0
        self._laid_out_for = (0, 0)  # the size that _visible was computed for
        self.label_keys: dict[str, str] = {}  # key -> label name
        self.shadowed_labels: dict[str, str] = {}  # label name -> its key, now a reader key
        self.partners: set[str] = set()  # annotations linked to the one under a cursor
        self.me = ""  # the annotator: others' annotations are drawn differently
        self.show_cues = False
        self.show_suggestions = False
        self.rejected: set[tuple[str, int, int]] = set()  # (label, start, end) the user turned down
        self._cue_cache: dict[int, list] = {}  # block -> cue spans
        self._ghost_cache: dict[int, list] = {}  # block -> suggestions
        self._style_cache: dict = {}
        self._frame: dict | None = None
        self._dragging = False
        self._pending_find: str | None = None  # "f" or "t": the next key is the character to find
        self._sentence_steps: list[tuple[int, int]] = []  # what s selected, press after press
        # A long document arrives as its head (``length`` is the whole text's): until
        # finish_loading() brings the rest, what needs more than the head waits here.
        self.length = len(text) if length is None else length
        self.loaded = self.length == len(text)
        self._waiting: list = []

    def request(self, message: messages.ViewRequest | messages.AnnotationRequest) -> None:
        """Hand a request (tag, a command on an annotation, a screen command) to the screen
        at once rather than through its queue: it may open a dialog, and keys typed right
        after it must find the dialog open (T Space Down Space in one burst)."""
        handle = getattr(self.screen, "handle_view_request", None)
        if handle is None:
            self.post_message(message)
        else:
            handle(message)

    # Public API for the screen -----------------------------------------------------------
    def set_labels(self, labels: list[dict]) -> None:
        self.looks = {l.name: LabelLook(l.color, l.mark or "") for l in labels}
        from ..keys import RESERVED_KEYS

        for label in labels:  # one key per label, shown in the footer
            if label.key in RESERVED_KEYS:
                # A key given to a label before the reader took it (e, f, t, T, A, +, -):
                # the reader's command wins, and the screen says so once.
                self.shadowed_labels[label.name] = label.key
                continue
            if label.key and label.key not in self.label_keys:
                self.label_keys[label.key] = label.name
                # What App.bind does, for this widget: label keys come from the database.
                self._bindings.bind(label.key, f"tag({label.name!r})", label.name)
        self._style_cache.clear()
        self.refresh()

    def load(self, document_id: int, text: str, blocks=None, length: int | None = None) -> None:
        """Show another document in this view, from its start."""
        self.document_id, self.text = document_id, text
        self.layout_model = Layout(text, self.text_width, blocks=blocks)
        self.length = len(text) if length is None else length
        self.loaded, self._waiting = self.length == len(text), []
        self.cursor, self.anchor, self.visual = 0, None, False
        self.top, self._top_offset, self.goal_x = RowPos(0, 0), 0, None
        self.search_pattern = None
        self._visible = []
        self._laid_out_for = (0, 0)
        self._cue_cache.clear()
        self._ghost_cache.clear()
        self.refresh()

    def finish_loading(self, text: str, blocks) -> None:
        """The whole text and its block index, loaded after the first frame: swap them in (the
        offsets are the same), then run what waited for them."""
        self.text, self.length = text, len(text)
        self.layout_model = Layout(text, self.layout_model.width, blocks=blocks)
        self.top = self.layout_model.pos_of(self._top_offset)
        self._laid_out_for = (0, 0)
        self._cue_cache.clear()
        self._ghost_cache.clear()
        self.loaded = True
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()
        self.refresh()
        self.post_message(self.Changed(self))

    def wait_for_text(self, action) -> bool:
        """True, with ``action`` kept for when the whole text is here, while only its head is;
        False when it may run now."""
        if self.loaded:
            return False
        if not self._waiting:
            self.notify("Loading the rest of the document…", markup=False, timeout=2)
        self._waiting.append(action)
        return True

    def set_annotations(self, annotations: list[Annotation]) -> None:
        self.spans.reset(annotations)
        self._style_cache.clear()
        self.refresh()

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected ``[start, end)``, or None."""
        if self.anchor is None or self.anchor == self.cursor:
            return None
        return min(self.anchor, self.cursor), max(self.anchor, self.cursor)

    def annotations_here(self) -> list[Annotation]:
        return self.spans.at(self.cursor)

    def select(self, start: int, end: int) -> None:
        """Select ``[start, end)`` and put the cursor at its end."""
        self.anchor = start
        self.move_to(end, keep_selection=True)

    def move_to(self, offset: int, keep_selection: bool = False) -> None:
        if offset > self.layout_model.max_offset and self.wait_for_text(lambda: self.move_to(offset, keep_selection)):
            return
        # The cursor stands on whole characters: never inside "👨‍👩‍👧‍👦" or between e and U+0301.
        offset = cluster_start(self.text, max(0, min(offset, self.layout_model.max_offset)))
        if not keep_selection and not self.visual:
            self.anchor = None
        self.goal_x = None
        self.cursor = offset
        self._follow_cursor()
        self.refresh()
        self.post_message(self.Changed(self))

    # Geometry -----------------------------------------------------------------------------
    @property
    def text_width(self) -> int:
        return max(1, self.size.width - 1)  # the last column is the scroll indicator

    def on_resize(self, event: events.Resize) -> None:
        self._keep_cursor_height()

    def _cursor_height(self) -> float | None:
        """Where the cursor's row was on the last frame, as a fraction of the height."""
        height = self._laid_out_for[1]
        for index, (_pos, row) in enumerate(self._visible):
            if row.start <= self.cursor < row.end or (row.last and self.cursor == row.end):
                return index / max(1, height)
        return None

    def _keep_cursor_height(self) -> None:
        """After a resize: the cursor's row on screen, at the same relative height when it
        was on screen (else the same text at the top, and the cursor brought into view)."""
        model = self.layout_model
        fraction = self._cursor_height()
        model.set_width(self.text_width)
        height = max(1, self.size.height)
        if fraction is not None:
            self.top = model.walk(model.pos_of(self.cursor), -min(height - 1, round(fraction * height)))
        else:
            self.top = model.pos_of(self._top_offset)
        self._follow_cursor()

    def _relayout(self) -> None:
        model = self.layout_model
        if model.width != self.text_width:
            model.set_width(self.text_width)
            self.top = model.pos_of(self._top_offset)
        self._visible = model.rows_from(self.top, max(1, self.size.height))
        self._top_offset = self._visible[0][1].start
        self._laid_out_for = (self.size.width, self.size.height)

    def _follow_cursor(self) -> None:
        """Scroll so that the cursor's row is on screen."""
        model = self.layout_model
        model.set_width(self.text_width)
        height = max(1, self.size.height)
        here = model.pos_of(self.cursor)
        if here < self.top:
            self.top = here
        else:
            bottom = model.walk(self.top, height - 1)
            if here > bottom:
                self.top = model.walk(here, -(height - 1))
        self._relayout()

    def scroll_rows(self, count: int, move_cursor: bool = True) -> None:
        """Scroll by ``count`` rows; the cursor moves with the page, or stays in view."""
        if (count > 0 and not self.loaded and self._visible
                and self._visible[-1][1].end + count * self.text_width >= self.layout_model.max_offset
                and self.wait_for_text(lambda: self.scroll_rows(count, move_cursor))):  # past the first chunks
            return
        model = self.layout_model
        model.set_width(self.text_width)
        height = max(1, self.size.height)
        last = RowPos(model.block_count - 1, len(model.rows(model.block_count - 1)) - 1)
        self.top = min(model.walk(self.top, count), max(RowPos(0, 0), model.walk(last, -(height - 1))))
        if move_cursor:
            here = model.pos_of(self.cursor)
            x = self.goal_x if self.goal_x is not None else model.column_of(here, self.cursor)
            self.cursor = model.offset_at(model.walk(here, count), x)
            self.goal_x = x
        self._relayout()
        first, bottom = self._visible[0][1], self._visible[-1][1]
        if self.cursor < first.start:
            self.cursor = first.start
        elif self.cursor > bottom.end or (self.cursor == bottom.end and not bottom.last):
            self.cursor = bottom.start
        self._follow_cursor()
        self.refresh()
        self.post_message(self.Changed(self))

    def offset_at_point(self, x: int, y: int) -> int | None:
        if not self._visible:
            return None
        y = max(0, min(y, len(self._visible) - 1))
        pos, _row = self._visible[y]
        return self.layout_model.offset_at(pos, max(0, x))

    # Drawing -----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        size = self.size
        if self._laid_out_for != (size.width, size.height):
            # Drawn at a new size before on_resize ran: keep the cursor in view now.
            self._keep_cursor_height() if self._visible else self._relayout()
        frame = self._frame_styles()
        base, width = frame["base"], max(1, size.width - 1)
        if y >= len(self._visible):
            strip = Strip([Segment(" " * width, base)], width)
        else:
            strip = self._render_row(*self._visible[y], base, frame, width)
        return Strip.join([strip, Strip([self._scrollbar_cell(y, frame, size.height)], 1)])

    def _frame_styles(self) -> dict:
        """Styles that are the same for every row of a frame, computed once (a widget's
        rich_style walks its ancestors: too slow to ask for on every row)."""
        focus = self.has_focus
        if self._frame is None or self._frame["focus"] != focus:
            self._frame = {
                "focus": focus,
                "base": self.rich_style,
                "cursor": self._text_attributes(
                    "document-view--cursor" if focus else "document-view--cursor-unfocused"),
                "thumb": self.get_component_rich_style("document-view--thumb"),
                "scrollbar": self.get_component_rich_style("document-view--scrollbar"),
            }
        return self._frame

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._frame = None  # the theme or the CSS changed
        self._style_cache.clear()

    def _render_row(self, pos: RowPos, row, base: Style, frame: dict, width: int) -> Strip:
        """Draw one row as runs of equal style, cut where a span, the selection, a match or
        the cursor begins or ends (a handful of runs, not one per character)."""
        spans = self.spans.overlapping(row.start, row.end + 1)
        selection = self.selection
        matches = self._matches_in(row.start, row.end)
        cursor_style = frame["cursor"]
        end = row.end
        cues = self.cues_in(row.start, end) if self.show_cues else []
        ghosts = self.suggestions_in(row.start, end) if self.show_suggestions else []
        cuts = {row.start, end, self.cursor, next_cluster(self.text, self.cursor)}
        for c_start, c_end, _kind in cues:
            cuts.update((c_start, c_end))
        for g in ghosts:
            cuts.update((g.start, g.end))
        for a in spans:
            cuts.update((a.start, a.end))
        for edge in (selection or ()):
            cuts.add(edge)
        for m_start, m_end in matches:
            cuts.update((m_start, m_end))
        points = sorted(c for c in cuts if row.start <= c <= end)
        shown = self._shown(row)
        segments: list[Segment] = []
        units = self.layout_model.row_units(pos)
        rtl_paragraph = False
        if units is not None:  # right-to-left text: runs in the order they are drawn
            # One piece per cluster, left to right on screen, styled by its logical offset.
            points = [u[0] for u in units]
            pieces = {u[0]: (u[1], u[2]) for u in units}
            rtl_paragraph = self.layout_model.right_to_left(pos)
            if rtl_paragraph:  # right-aligned, its end (and the cursor past it) at the left
                _placed, end_x = self.layout_model.placed_units(pos)
                segments.append(Segment(" " * end_x, base))
                if row.last:
                    segments.append(Segment(" ", self._style_for(
                        ((), False, False, False, self.cursor == end, None, False), base, cursor_style)))
        for left, right in zip(points, points[1:] + [end] if units is not None else points[1:]):
            if units is not None:
                right, level = pieces[left]
            here = [a for a in spans if a.start <= left < a.end]
            covering = tuple((a.label, not self.me or a.annotator == self.me) for a in here)
            in_sel = selection is not None and selection[0] <= left < selection[1]
            in_match = any(s <= left < e for s, e in matches)
            partner = any(a.id in self.partners for a in here)
            cue = next((kind for c_start, c_end, kind in cues if c_start <= left < c_end), None)
            ghost = any(g.start <= left < g.end for g in ghosts)
            key = (covering, in_sel, in_match, partner, left == self.cursor, cue, ghost)
            piece = "".join(shown[left - row.start : right - row.start])
            if units is not None and level % 2 and right - left == 1:
                piece = mirrored(piece)
            style = self._style_for(key, base, cursor_style)
            if segments and segments[-1].style is style and units is not None:
                segments[-1] = Segment(segments[-1].text + piece, style)  # fewer, longer runs
            else:
                segments.append(Segment(piece, style))
        if row.last and self.cursor == end and not rtl_paragraph:  # the cursor on the newline: a blank cell
            segments.append(Segment(" ", self._style_for(((), False, False, False, True, None, False), base, cursor_style)))
        strip = Strip(segments)
        return strip.extend_cell_length(width, base).crop(0, width)

    def _shown(self, row) -> str | list[str]:
        """What each code point of the row looks like on screen (one entry per code point)."""
        return row_glyphs(self.text, row)

    def _style_for(self, key, base: Style, cursor_style: Style) -> Style:
        cached = self._style_cache.get((key, cursor_style))
        if cached is not None:
            return cached
        covering, in_sel, in_match, partner, is_cursor, cue, ghost = key
        style = base
        # Reading aids lie under the annotations: cue colours first, label colours over them.
        if cue:
            style = style + self.get_component_rich_style(f"document-view--cue-{cue}")
        if ghost and not covering:
            # Dim and underlined, not only another colour: a ghost must never pass for a tag,
            # on a monochrome terminal too (tags are never dim).
            style = style + self.get_component_rich_style("document-view--ghost") + Style(dim=True, underline=True)
        # Innermost colour wins (spans come longest-first from the index order); every mark shows.
        for label, mine in covering:
            look = self.looks.get(label)
            if look is not None:
                style = style + look.style(mine)
                if not mine:
                    style = style + self._text_attributes("document-view--others")
        if partner:
            style = style + self.get_component_rich_style("document-view--partner")
        if in_match:
            style = style + self.get_component_rich_style("document-view--search")
        if in_sel:
            style = style + self._text_attributes("document-view--selection")
        if is_cursor:
            # The cursor inverts what is under it, so it shows inside a selection too.
            style = style + (Style(reverse=False, bold=True, underline=True) if in_sel else cursor_style)
        self._style_cache[(key, cursor_style)] = style
        return style

    def _blocks_over(self, start: int, end: int) -> range:
        model = self.layout_model
        return range(model.block_of(start), model.block_of(max(start, end - 1)) + 1)

    def cues_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Cue spans (quote, cue, number, date) overlapping ``[start, end)``, lexed a block at a time."""
        from ...model.cues import cue_spans

        found = []
        for block in self._blocks_over(start, end):
            if block not in self._cue_cache:
                b_start, b_end = self.layout_model.starts[block], self.layout_model.ends[block]
                self._cue_cache[block] = cue_spans(self.text[b_start:b_end], b_start)
            found += [c for c in self._cue_cache[block] if c[0] < end and c[1] > start]
        return found

    def suggestions_in(self, start: int, end: int) -> list:
        """Suggestions overlapping ``[start, end)`` that are neither rejected nor already tagged."""
        from ...model.suggest import suggest_range

        found = []
        for block in self._blocks_over(start, end):
            if block not in self._ghost_cache:
                model = self.layout_model
                self._ghost_cache[block] = suggest_range(self.text, model.starts[block], model.ends[block])
            for s in self._ghost_cache[block]:
                if s.start < end and s.end > start and (s.label, s.start, s.end) not in self.rejected and not any(
                    a.label == s.label and a.start == s.start and a.end == s.end
                    for a in self.spans.overlapping(s.start, s.end)
                ):
                    found.append(s)
        return found

    def suggestion_here(self):
        if not self.show_suggestions:
            return None
        here = [s for s in self.suggestions_in(self.cursor, self.cursor + 1)]
        return min(here, key=lambda s: s.end - s.start) if here else None

    def action_toggle_cues(self) -> None:
        self.request(messages.ToggleCues(self))  # every pane: the screen decides

    def action_toggle_suggestions(self) -> None:
        if self.wait_for_text(self.action_toggle_suggestions):  # suggestions read past the head
            return
        self.request(messages.ToggleSuggestions(self))

    def set_reading_aids(self, cues: bool | None = None, suggestions: bool | None = None) -> None:
        """Show or hide cues and suggestion ghosts in this pane."""
        if cues is not None:
            self.show_cues = cues
        if suggestions is not None:
            self.show_suggestions = suggestions
        self._style_cache.clear()
        self.refresh()

    def action_reject_suggestion(self) -> None:
        self.request(messages.RejectSuggestion(self))

    def action_pair(self) -> None:
        if self.wait_for_text(self.action_pair):
            return
        self.request(messages.Pair(self))

    def _text_attributes(self, component: str) -> Style:
        """Only the text style of a component class, so that label colours show through."""
        style = self.get_component_rich_style(component)
        return Style(reverse=style.reverse, bold=style.bold, underline=style.underline, italic=style.italic)

    def _scrollbar_cell(self, y: int, frame: dict, height: int) -> Segment:
        height = max(1, height)
        length = max(1, self.length)
        if not self._visible:
            return Segment(" ", frame["scrollbar"])
        first = self._visible[0][1].start
        last = self._visible[-1][1].end
        top = int(first / length * height)
        bottom = max(top + 1, round(last / length * height))
        return Segment(" ", frame["thumb"] if top <= y < bottom else frame["scrollbar"])

    def _matches_in(self, start: int, end: int) -> list[tuple[int, int]]:
        if self.search_pattern is None:
            return []
        margin = 200
        return [
            (m.start(), m.end())
            for m in self.search_pattern.finditer(self.text, max(0, start - margin), min(len(self.text), end + margin))
            if m.end() > start and m.start() < end
        ]

    def on_focus(self) -> None:
        self.refresh()
        self.post_message(self.Changed(self))

    def on_blur(self) -> None:
        self._pending_find = None  # f then Tab: the next key in this pane is not a character to find
        self.refresh()

    # Keyboard actions ----------------------------------------------------------------------
    async def _on_key(self, event: events.Key) -> None:
        """Run this pane's binding for a key when the key reaches this pane, in the order typed.

        Textual looks a non-priority binding up when the key has bubbled back to the app,
        along the focus chain *of that moment*: after a priority Tab (which must act at
        once, so the keys after it reach the new pane) that chain is the other pane's, so
        ``x Tab`` typed in one burst deleted in the wrong pane. Resolving the key here, on
        the pane it was forwarded to, keeps every key on the pane that had focus when it
        was typed.
        """
        if self.app.screen is not self.screen:
            # A dialog opened by an earlier key of the same burst (T, n, P...): the key is
            # its, in order, as if it had arrived after the dialog was open.
            event.stop()
            event.prevent_default()
            if not await self.app._check_bindings(event.key, priority=True):
                target = self.app.screen.focused or self.app.screen
                target._forward_event(events.Key(event.key, event.character))
            return
        if self._pending_find is not None:
            event.stop()
            event.prevent_default()
            kind, self._pending_find = self._pending_find, None
            if event.character and event.character.isprintable() and event.key != "escape":
                target = find_char(self.text, self.cursor, event.character, till=kind == "t")
                if target is None:
                    self.app.bell()
                else:
                    self._move(target)
                    self.goal_x = None
            self.post_message(self.Changed(self))
            return
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return

    def _move(self, offset: int, extend: bool = False) -> None:
        if extend and self.anchor is None:
            self.anchor = self.cursor
        goal = self.goal_x
        self.move_to(offset, keep_selection=extend or self.visual)
        self.goal_x = goal

    def _step(self, offset: int, direction: int) -> int:
        """One character (grapheme cluster) left or right."""
        step = next_cluster if direction > 0 else previous_cluster
        return max(0, min(self.layout_model.max_offset, step(self.text, offset)))

    def _vertical(self, count: int) -> int:
        model = self.layout_model
        here = model.pos_of(self.cursor)
        x = self.goal_x if self.goal_x is not None else model.column_of(here, self.cursor)
        target = model.walk(here, count)
        offset = model.offset_at(target, x) if target != here else self.cursor
        self.goal_x = x
        return offset

    def action_cursor_left(self) -> None:
        self._move(self._step(self.cursor, -1))
        self.goal_x = None

    def action_cursor_right(self) -> None:
        self._move(self._step(self.cursor, 1))
        self.goal_x = None

    def action_cursor_up(self) -> None:
        self._move(self._vertical(-1))

    def action_cursor_down(self) -> None:
        self._move(self._vertical(1))

    def action_select_left(self) -> None:
        self._move(self._step(self.cursor, -1), extend=True)
        self.goal_x = None

    def action_select_right(self) -> None:
        self._move(self._step(self.cursor, 1), extend=True)
        self.goal_x = None

    def action_select_up(self) -> None:
        self._move(self._vertical(-1), extend=True)

    def action_select_down(self) -> None:
        self._move(self._vertical(1), extend=True)

    def action_word_next(self) -> None:
        self._move(next_word_start(self.text, self.cursor))
        self.goal_x = None

    def action_word_previous(self) -> None:
        self._move(previous_word_start(self.text, self.cursor))
        self.goal_x = None

    def action_word_end(self) -> None:
        self._move(word_end(self.text, self.cursor))
        self.goal_x = None

    def action_find_char(self) -> None:
        self._pending_find = "f"
        self.post_message(self.Changed(self))

    def action_till_char(self) -> None:
        self._pending_find = "t"
        self.post_message(self.Changed(self))

    @property
    def pending_find(self) -> str | None:
        """``f`` or ``t`` while waiting for the character to find."""
        return self._pending_find

    # Growing and shrinking the selection a word at a time: + and - move its end,
    # Alt+Left and Alt+Right its start (as SLATE grows spans, with vim's words).
    def _selection_or_word(self) -> tuple[int, int] | None:
        if self.selection is not None:
            return self.selection
        return word_at(self.text, self.cursor)

    def _reselect(self, start: int, end: int) -> None:
        if start >= end:
            self.app.bell()
            return
        self.visual = False
        self.select(start, end)

    def action_grow_end(self) -> None:
        span = self._selection_or_word()
        if span is None:
            self._reselect(self.cursor, word_end(self.text, self.cursor))
            return
        if self.selection is None:  # the first + selects the word under the cursor
            self._reselect(*span)
            return
        self._reselect(span[0], word_end(self.text, span[1]))

    def action_shrink_end(self) -> None:
        span = self.selection
        if span is None:
            self.app.bell()
            return
        start, end = span
        pos = end
        while pos > start and self.text[pos - 1].isspace():
            pos -= 1
        word = previous_word_start(self.text, pos)
        while word > start and self.text[word - 1].isspace():
            word -= 1
        self._reselect(start, max(start, word))

    def action_grow_start(self) -> None:
        span = self._selection_or_word() or (self.cursor, next_cluster(self.text, self.cursor))
        self._reselect(previous_word_start(self.text, span[0]), span[1])

    def action_shrink_start(self) -> None:
        span = self.selection
        if span is None:
            self.app.bell()
            return
        self._reselect(min(next_word_start(self.text, span[0]), span[1]), span[1])

    def action_page_down(self) -> None:
        self.scroll_rows(max(1, self.size.height - 1))

    def action_page_up(self) -> None:
        self.scroll_rows(-max(1, self.size.height - 1))

    def action_row_start(self) -> None:
        self._move(self.layout_model.row(self.layout_model.pos_of(self.cursor)).start)
        self.goal_x = None

    def action_row_end(self) -> None:
        row = self.layout_model.row(self.layout_model.pos_of(self.cursor))
        self._move(row.end if row.last else max(row.start, row.end - 1))
        self.goal_x = None

    def action_document_start(self) -> None:
        self._move(0)
        self.goal_x = None

    def action_document_end(self) -> None:
        # The document's length, not the layout's end: a long document's head ends early.
        self._move(self.length)
        self.goal_x = None

    def action_next_annotation(self) -> None:
        found = self.spans.next_after(self.cursor)
        if found is not None:
            self._move(found.start)
        else:
            self.app.bell()

    def action_previous_annotation(self) -> None:
        found = self.spans.previous_before(self.cursor)
        if found is not None:
            self._move(found.start)
        else:
            self.app.bell()

    def action_toggle_visual(self) -> None:
        if self.visual:
            self.visual = False
        else:
            self.visual = True
            self.anchor = self.cursor
        self.refresh()
        self.post_message(self.Changed(self))

    def action_clear_selection(self) -> None:
        self.visual = False
        self.anchor = None
        self.refresh()
        self.request(messages.Cancel(self))
        self.post_message(self.Changed(self))

    def action_select_sentence(self) -> None:
        """The sentence; inside a quotation the quoted sentence, then the quotation, then
        the sentence around it, one press each."""
        from ...model.sentences import sentence_steps

        if self.wait_for_text(self.action_select_sentence):  # a sentence may run past the head
            return
        steps = self._sentence_steps
        if self.selection in steps and steps.index(self.selection) + 1 < len(steps):
            span = steps[steps.index(self.selection) + 1]
        else:
            self._sentence_steps = steps = sentence_steps(self.text, self.cursor)
            if not steps:
                self.app.bell()
                return
            span = steps[0]
        self.visual = False
        self.select(*span)

    def action_tag(self, label: str) -> None:
        if self.wait_for_text(lambda: self.action_tag(label)):  # its suffix may lie past the head
            return
        selection = self.selection
        if selection is not None:
            selection = snap_span(self.text, *selection)  # a tag never splits a character
        if selection is None:
            self.notify("Select some text first (v, shift+arrows, s, or drag with the mouse).",
                        severity="warning", markup=False)
            return
        self.request(messages.TagSelection(self, selection[0], selection[1], label))

    def action_delete_annotation(self) -> None:
        here = self.annotations_here()
        if not here:
            self.app.bell()
            return
        self.request(messages.DeleteAnnotation(self, here[0]))

    def action_accept_annotation(self) -> None:
        theirs = [a for a in self.annotations_here() if self.me and a.annotator != self.me]
        if not theirs:
            self.notify("Put the cursor on another annotator's annotation to accept it.", severity="warning",
                        markup=False)
            return
        self.request(messages.AcceptAnnotation(self, theirs[0]))

    def action_edit_note(self) -> None:
        here = self.annotations_here()
        if not here:
            self.notify("Put the cursor on an annotation to add a note.", severity="warning", markup=False)
            return
        self.request(messages.EditNote(self, here[0]))

    def action_edit_attributes(self) -> None:
        here = self.annotations_here()
        if not here:
            self.notify("Put the cursor on an annotation to set its attributes.", severity="warning", markup=False)
            return
        self.request(messages.EditAttributes(self, here[0]))

    def action_attribute(self) -> None:
        self.request(messages.Attribute(self))

    def action_start_link(self) -> None:
        self.request(messages.StartLink(self))

    def action_confirm(self) -> None:
        self.request(messages.ConfirmLink(self))

    def action_jump_partner(self) -> None:
        self.request(messages.JumpToPartner(self))

    def action_delete_link(self) -> None:
        self.request(messages.DeleteLink(self))

    def search(self, query: str, forward: bool = True, from_offset: int | None = None) -> bool:
        """Highlight ``query`` and jump to the next (or previous) match; smart case."""
        if not query:
            return False
        if self.wait_for_text(lambda: self.search(query, forward, from_offset)):  # the whole text
            return True
        flags = 0 if any(ch.isupper() for ch in query) else re.IGNORECASE
        self.search_pattern = re.compile(re.escape(query), flags)
        return self.search_again(forward, from_offset)

    def search_again(self, forward: bool = True, from_offset: int | None = None) -> bool:
        pattern = self.search_pattern
        if pattern is None:
            return False
        if self.wait_for_text(lambda: self.search_again(forward, from_offset)):
            return True
        origin = self.cursor if from_offset is None else from_offset
        if forward:
            match = pattern.search(self.text, origin + 1) or pattern.search(self.text, 0)
        else:
            match = None
            window = 1 << 16
            end = origin
            while match is None and end > 0:  # search backwards a window at a time
                begin = max(0, end - window)
                found = list(pattern.finditer(self.text, begin, end + len(pattern.pattern)))
                found = [m for m in found if m.start() < origin]
                match = found[-1] if found else None
                end = begin
            if match is None:
                found = list(pattern.finditer(self.text, max(0, len(self.text) - window)))
                match = found[-1] if found else None
        if match is None:
            self.refresh()
            return False
        self.visual = False
        self.anchor = None
        self.move_to(match.start())
        return True

    def action_search_next(self) -> None:
        if not self.search_again(True):
            self.app.bell()

    def action_search_previous(self) -> None:
        if not self.search_again(False):
            self.app.bell()

    # Mouse -----------------------------------------------------------------------------------
    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        offset = self.offset_at_point(event.x, event.y)
        if offset is None or event.x >= self.text_width:
            return
        self.focus()
        self.visual = False
        self.anchor = offset
        self._dragging = True
        self.capture_mouse()
        self.move_to(offset, keep_selection=True)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self._dragging:
            return
        if event.y < 0:
            self.scroll_rows(-1, move_cursor=False)
        elif event.y >= self.size.height:
            self.scroll_rows(1, move_cursor=False)
        offset = self.offset_at_point(event.x, event.y)
        if offset is None or self.anchor is None:
            return
        # The character under the pointer is part of the selection, in either direction.
        if offset >= self.anchor:
            self.move_to(min(self._step(offset, 1), self.layout_model.max_offset), keep_selection=True)
        else:
            self.move_to(offset, keep_selection=True)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            if self.anchor is not None and self.anchor == self.cursor:
                self.anchor = None
            self.refresh()
            self.post_message(self.Changed(self))

    def on_click(self, event: events.Click) -> None:
        if event.chain == 2:
            offset = self.offset_at_point(event.x, event.y)
            span = word_at(self.text, offset) if offset is not None else None
            if span:
                self.select(*span)
        elif event.x >= self.text_width and self.size.height:  # click on the scroll indicator
            self.move_to(int(self.length * event.y / self.size.height))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.scroll_rows(3, move_cursor=False)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.scroll_rows(-3, move_cursor=False)
