"""Start an app headless, stop at its first screen, print the peak memory (for benchmarks/run.py).

Usage: launch_probe.py bare | diptych DB DOC_ID [DOC_ID...]
"""

from __future__ import annotations

import resource
import sys


async def _first_screen(pilot) -> None:
    await pilot.pause()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak_mb={peak:.1f}", file=sys.stderr)
    pilot.app.exit()


def main() -> None:
    if sys.argv[1] == "bare":
        from textual.app import App
        from textual.widgets import Static

        class Bare(App):
            def compose(self):
                yield Static("one line")

        Bare().run(headless=True, size=(120, 40), auto_pilot=_first_screen)
    else:
        from tui.reader.app import DiptychApp

        ids = [int(i) for i in sys.argv[3:]]
        DiptychApp(sys.argv[2], ids, "bench").run(headless=True, size=(120, 40), auto_pilot=_first_screen)


if __name__ == "__main__":
    main()
