"""Print the mutation score of `make mutate`, per module and in all, from mutmut's results.

Reads mutmut's verdicts from ``mutants/**/*.py.meta`` (what ``mutmut results`` reads). A
mutant counts as caught when a test failed on it (``killed``), it ran into the time limit
(an endless loop is caught too) or it crashed the test process; ``survived`` and ``no
tests`` count against the score; mutants not run yet are listed apart and left out of it.

``--also DIR`` adds the verdicts of another run (another checkout's ``mutants/``, run by a
colleague or on another machine, narrowed to some modules): a mutant it caught counts as
caught here when its function's source is the same in both runs. That holds only when the
other run's tests are among this checkout's tests (a branch merged since): a test that
caught the mutant there catches it here.

``--sample PERCENT`` keeps a fixed pseudo-random share of the mutants (chosen by a hash of
each mutant's name, so the same ones every time and on every machine): a full run takes
hours, and a sample of a few thousand estimates the score within a point or two, which the
table says.

    python scripts/mutation_score.py [--min 85] [--also DIR ...] [--sample PERCENT] [--list survived]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

# mutmut's exit codes (mutmut/stats.py), grouped the way the score counts them.
KILLED = {1: "killed", 3: "killed", 36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout",
          255: "timeout", -11: "segfault", -9: "segfault", 37: "caught by type check"}
AGAINST = {0: "survived", 5: "no tests", 33: "no tests"}
NOT_RUN = {None: "not checked", 34: "skipped", 2: "interrupted"}


def status(exit_code: int | None) -> str:
    for table in (KILLED, AGAINST, NOT_RUN):
        if exit_code in table:
            return table[exit_code]
    return "suspicious"


def module_of(meta: Path, root: Path) -> str:
    """``mutants/tui/store/merge.py.meta`` -> ``tui/store/merge.py``."""
    return meta.relative_to(root).as_posix().removesuffix(".meta")


def function_of(key: str) -> str:
    """``tui.model.merge.x_resolve__mutmut_3`` -> ``tui.model.merge.x_resolve``."""
    return key.rsplit("__mutmut_", 1)[0]


def read(root: Path) -> dict[str, tuple[str, int | None, str | None]]:
    """Every mutant of a run: key -> (module, exit code, its function's source hash)."""
    found = {}
    for meta in sorted(root.rglob("*.py.meta")):
        data = _load(meta)
        hashes = data.get("hash_by_function_name", {})
        for key, code in data.get("exit_code_by_key", {}).items():
            found[key] = (module_of(meta, root), code, hashes.get(function_of(key).rsplit(".", 1)[-1])
                          or hashes.get(function_of(key)))
    return found


def sampled(key: str, percent: float) -> bool:
    """Whether a mutant is in the sample: the same answer for the same name, everywhere."""
    digest = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    return digest % 10_000 < percent * 100


def _load(meta: Path) -> dict:
    # mutmut rewrites a module's file after each verdict: a read can meet it half-written.
    for _ in range(50):
        try:
            return json.loads(meta.read_text("utf-8"))
        except json.JSONDecodeError:
            time.sleep(0.1)
    return json.loads(meta.read_text("utf-8"))


def merged(primary: dict, others: list[dict]) -> dict[str, tuple[str, str]]:
    """key -> (module, status), a caught verdict of another run of the same source counting."""
    result = {}
    for key, (module, code, digest) in primary.items():
        verdict = status(code)
        if verdict not in KILLED.values():
            for other in others:
                if key in other and digest is not None and other[key][2] == digest and other[key][1] in KILLED:
                    verdict = status(other[key][1])
                    break
        result[key] = (module, verdict)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=85.0, help="the score to reach, in percent")
    parser.add_argument("--mutants", type=Path, default=Path("mutants"), help="this run's mutants/ folder")
    parser.add_argument("--also", type=Path, action="append", default=[], help="another run's mutants/ folder")
    parser.add_argument("--sample", type=float, metavar="PERCENT", help="only this share of the mutants")
    parser.add_argument("--list", choices=["survived", "no tests", "not checked"],
                        help="print the names of the mutants in this state instead of the table")
    args = parser.parse_args()
    results = merged(read(args.mutants), [read(other) for other in args.also])
    if args.sample is not None:
        results = {key: value for key, value in results.items() if sampled(key, args.sample)}
    if not results:
        print(f"no mutmut results in {args.mutants}/: run `make mutate` first", file=sys.stderr)
        return 2
    if args.list:
        for key, (_, verdict) in sorted(results.items()):
            if verdict == args.list:
                print(key)
        return 0
    by_module: dict[str, Counter] = defaultdict(Counter)
    for module, verdict in results.values():
        by_module[module][verdict] += 1
    width = max(map(len, by_module))
    print(f"{'module':<{width}}  caught / mutants   score  survived  no tests  not run")
    total: Counter = Counter()
    for module in sorted(by_module):
        counts = by_module[module]
        total.update(counts)
        print(_row(module, counts, width))
    print(_row("all", total, width))
    caught, counted = _score(total)
    percent = 100 * caught / counted if counted else 100.0
    not_run = sum(total[s] for s in NOT_RUN.values())
    line = f"mutation score: {percent:.1f} % of {counted} mutants caught (target {args.min:g} %)"
    if args.sample is not None and counted:
        # Wilson's 95 % interval for a share estimated from a sample.
        p, n, z = caught / counted, counted, 1.96
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        line += f", a {args.sample:g} % sample: {100 * (centre - half):.1f}-{100 * (centre + half):.1f} % for all (95 %)"
    print(line + (f"; {not_run} not run yet" if not_run else ""))
    return 0


def _score(counts: Counter) -> tuple[int, int]:
    caught = sum(n for verdict, n in counts.items() if verdict in KILLED.values())
    counted = sum(n for verdict, n in counts.items() if verdict not in NOT_RUN.values())
    return caught, counted


def _row(name: str, counts: Counter, width: int) -> str:
    caught, counted = _score(counts)
    not_run = sum(counts[s] for s in NOT_RUN.values())
    return (f"{name:<{width}}  {caught:>6} / {counted:<7}  {100 * caught / counted if counted else 100:5.1f} %"
            f"  {counts['survived']:>8}  {counts['no tests']:>8}  {not_run:>7}")


if __name__ == "__main__":
    sys.exit(main())
