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

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen) -> None:
        line = Text(no_wrap=True, overflow="ellipsis")
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            line.append(f" {self.app.get_key_display(binding)} ", style="bold reverse")
            line.append(f"{binding.description} ", style="" if enabled else "dim")
        self.update(line)
