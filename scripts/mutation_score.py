"""Print the mutation score of `make mutate`, per module and in all, from mutmut's results.

Reads the lines of ``mutmut results --all true`` (``    tui.model.merge.x_resolve__mutmut_3: killed``)
on stdin. A mutant counts as caught when a test failed on it (``killed``) or it ran
into the time limit (``timeout``: an endless loop is caught too); ``survived`` and
``no tests`` count against the score; mutants that were never run (``not checked``,
``skipped``) are listed apart and left out of it.

    python scripts/mutation_score.py [--min 85] < results.txt
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

LINE = re.compile(r"^\s*(?P<key>[\w.]+)__mutmut_\d+: (?P<status>[\w ]+?)\s*$")
CAUGHT = {"killed", "timeout", "caught by type check", "segfault"}
NOT_RUN = {"not checked", "skipped"}


def module_of(key: str) -> str:
    """``tui.store.merge.xǁMergeMixinǁmerge_from`` -> ``tui/store/merge.py``; a package's
    own functions (``tui.formats.x_atomic_writer``) -> ``tui/formats/__init__.py``."""
    parts = key.split(".")
    while parts and (parts[-1].startswith("x_") or parts[-1].startswith("xǁ")):
        parts.pop()
    path = "/".join(parts)
    return f"{path}/__init__.py" if Path(path).is_dir() else f"{path}.py"


def tally(lines) -> dict[str, Counter]:
    by_module: dict[str, Counter] = defaultdict(Counter)
    for line in lines:
        match = LINE.match(line)
        if match:
            by_module[module_of(match["key"])][match["status"]] += 1
    return by_module


def score(counts: Counter) -> tuple[int, int]:
    caught = sum(n for status, n in counts.items() if status in CAUGHT)
    counted = sum(n for status, n in counts.items() if status not in NOT_RUN)
    return caught, counted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=85.0, help="the score to reach, in percent")
    args = parser.parse_args()
    by_module = tally(sys.stdin)
    if not by_module:
        print("no mutmut results on stdin", file=sys.stderr)
        return 2
    total: Counter = Counter()
    width = max(map(len, by_module))
    print(f"{'module':<{width}}  caught / mutants   score  survived  no tests  not run")
    for module in sorted(by_module):
        counts = by_module[module]
        total.update(counts)
        caught, counted = score(counts)
        not_run = sum(counts[s] for s in NOT_RUN)
        print(f"{module:<{width}}  {caught:>6} / {counted:<7}  {100 * caught / counted if counted else 100:5.1f} %"
              f"  {counts['survived']:>8}  {counts['no tests']:>8}  {not_run:>7}")
    caught, counted = score(total)
    percent = 100 * caught / counted if counted else 100.0
    print(f"{'all':<{width}}  {caught:>6} / {counted:<7}  {percent:5.1f} %  {total['survived']:>8}"
          f"  {total['no tests']:>8}  {sum(total[s] for s in NOT_RUN):>7}")
    print(f"mutation score: {percent:.1f} % of {counted} mutants caught (target {args.min:g} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
