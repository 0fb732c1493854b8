"""The search bar: an Input that hands the keys typed after Enter straight to the pane.

A fast typist (or a paste) can send "/klein<Enter>sc" before any handler has run.
Enter therefore hides the bar, focuses the pane and jumps in this widget's own task,
and keys already queued here after that are passed on to the pane, in order.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input


class SearchBar(Input):
    def __init__(self, submit: Callable[[str], object], **kwargs) -> None:
        super().__init__(**kwargs)
        self._submit = submit
        self.target = None  # the pane that keys typed after Enter belong to

    async def action_submit(self) -> None:
        self.display = False
        self._submit(self.value)

    def close(self) -> None:
        self.display = False
        if self.target is not None:
            self.screen.set_focus(self.target)

    async def _on_key(self, event: events.Key) -> None:
        if not self.display and self.target is not None:
            event.stop()
            event.prevent_default()
            self.target._forward_event(events.Key(event.key, event.character))
            return
        if event.key in ("escape", "enter"):  # here, not as bindings: those run only once the key
            event.stop()                      # has bubbled to the app, after later keys were queued
            event.prevent_default()
            if event.key == "enter":
                await self.action_submit()
            else:
                self.close()
            return
        await super()._on_key(event)
