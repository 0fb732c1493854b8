"""Start an app headless, stop at its first screen, print when that was and the peak memory
(for benchmarks/run.py and benchmarks/startup.py).

Usage: launch_probe.py [--loaded] bare | diptych DB DOC_ID [DOC_ID...]

Prints ``first_screen=<epoch seconds>`` at the first screen and ``peak_mb=`` (with
``--loaded``: after every document's whole text has been loaded in the background, so
the figure is the peak while a document is open). Exits at once (``os._exit``) so that
the time of the process's exit never counts.
"""

from __future__ import annotations

import os
import resource
import sys
import time

LOADED = "--loaded" in sys.argv
ARGS = [a for a in sys.argv[1:] if a != "--loaded"]


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: on Linux a child's ru_maxrss
    starts from its parent's at fork, so a benchmark that just imported 200 MB would be charged."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _first_screen(pilot) -> None:
    await pilot.pause()
    print(f"first_screen={time.time():.6f}", file=sys.stderr)
    if LOADED:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    peak = _peak_mb()
    print(f"peak_mb={peak:.1f}", file=sys.stderr)
    sys.stderr.flush()
    os._exit(0)


def main() -> None:
    if ARGS[0] == "bare":
        from textual.app import App
        from textual.widgets import Static

        class Bare(App):
            def compose(self):
                yield Static("one line")

        Bare().run(headless=True, size=(120, 40), auto_pilot=_first_screen)
    else:
        from tui.reader.app import DiptychApp

        ids = [int(i) for i in ARGS[2:]]
        DiptychApp(ARGS[1], ids, "bench").run(headless=True, size=(120, 40), auto_pilot=_first_screen)


if __name__ == "__main__":
    main()
