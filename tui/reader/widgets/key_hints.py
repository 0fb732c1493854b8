"""The footer: the focused widget's main keys on one line.

One widget drawing one Text, instead of Textual's Footer (a widget per key, composed
again on every focus change): it halves the reader's start-up time. It follows the
same signal and the same active bindings, so what it shows is what the keys do.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class KeyHints(Static):
    DEFAULT_CSS = """
    KeyHints { height: 1; background: $footer-background; color: $footer-foreground; }
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._entries: list[tuple[str, str, bool, str]] = []  # (key, description, enabled, action)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    ALWAYS = ("help", "quit")  # kept at the right end whatever the width: how to learn more and leave

    def _bindings_changed(self, _screen) -> None:
        entries = []
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            entries.append((self.app.get_key_display(binding), binding.description, enabled, binding.action))
        self._entries = entries
        self.refresh()

    @staticmethod
    def _piece(entries) -> Text:
        text = Text(no_wrap=True)
        for key, description, enabled, _action in entries:
            text.append(f" {key} ", style="bold reverse")
            text.append(f"{description} ", style="" if enabled else "dim")
        return text

    def render(self) -> Text:
        """As many keys as fit, then Help and Quit at the right end, never cut off."""
        width = self.size.width or 80
        tail = self._piece([e for e in self._entries if e[3] in self.ALWAYS])
        budget = max(0, width - tail.cell_len)
        line = Text(no_wrap=True, overflow="crop")
        for entry in self._entries:
            if entry[3] in self.ALWAYS:
                continue
            piece = self._piece([entry])
            if line.cell_len + piece.cell_len > budget:
                break
            line.append_text(piece)
        line.append(" " * (budget - line.cell_len))
        line.append_text(tail)
        return line
