"""Regenerate docs/screenshot.svg: the reader on the corpus with a few annotations.

Run with `make screenshot` whenever the screen changes.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from tui.reader.app import DiptychApp
from tui.demo import build_demo

ROOT = Path(__file__).resolve().parent.parent


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        ids = build_demo(db, ROOT / "corpus")
        app = DiptychApp(str(db), ids[:2], "demo")
        async with app.run_test(size=(130, 34)) as pilot:
            await pilot.pause()
            await pilot.press("tab", "right_square_bracket")  # onto the 40-percent claim: partners light up
            await pilot.pause()
            out = ROOT / "docs"
            out.mkdir(exist_ok=True)
            app.save_screenshot("screenshot.svg", path=str(out))
    print(f"wrote {out / 'screenshot.svg'}")


if __name__ == "__main__":
    asyncio.run(main())
