"""`make mutate`'s score: what counts as caught, and when another run's verdict may count."""

from __future__ import annotations

import json
import subprocess
import sys

from .helpers import ROOT

SCRIPT = ROOT / "scripts" / "mutation_score.py"


def _run_dir(root, module: str, codes: dict[str, int | None], hashes: dict[str, str]) -> None:
    meta = root / (module + ".meta")
    meta.parent.mkdir(parents=True, exist_ok=True)
    meta.write_text(json.dumps({"exit_code_by_key": codes, "hash_by_function_name": hashes}))


def _score(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          check=False)


def test_caught_survived_and_not_run_are_counted_apart(tmp_path):
    here = tmp_path / "mutants"
    _run_dir(here, "tui/model/x.py", {
        "tui.model.x.x_f__mutmut_1": 1,      # killed
        "tui.model.x.x_f__mutmut_2": 36,     # timeout: an endless loop is caught too
        "tui.model.x.x_f__mutmut_3": 0,      # survived
        "tui.model.x.x_f__mutmut_4": 33,     # no tests
        "tui.model.x.x_f__mutmut_5": None,   # not run: left out of the score
    }, {"x_f": "aaa"})
    out = _score("--mutants", here).stdout
    assert "tui/model/x.py       2 / 4         50.0 %         1         1        1" in out
    assert "mutation score: 50.0 % of 4 mutants caught (target 85 %); 1 not run yet" in out
    assert _score("--mutants", here, "--list", "survived").stdout == "tui.model.x.x_f__mutmut_3\n"


def test_another_runs_kill_counts_only_for_the_same_source(tmp_path):
    here, there = tmp_path / "here", tmp_path / "there"
    _run_dir(here, "tui/model/x.py", {"tui.model.x.x_f__mutmut_1": 0, "tui.model.x.x_g__mutmut_1": 0},
             {"x_f": "same", "x_g": "new"})
    _run_dir(there, "tui/model/x.py", {"tui.model.x.x_f__mutmut_1": 1, "tui.model.x.x_g__mutmut_1": 1},
             {"x_f": "same", "x_g": "old"})
    out = _score("--mutants", here, "--also", there).stdout
    # x_f's mutant is the same code there and was caught; x_g changed since, so its verdict is stale.
    assert "mutation score: 50.0 % of 2 mutants caught" in out
    assert _score("--mutants", here, "--also", there, "--list", "survived").stdout == "tui.model.x.x_g__mutmut_1\n"


def test_no_results_is_an_error_that_says_what_to_do(tmp_path):
    result = _score("--mutants", tmp_path / "mutants")
    assert result.returncode == 2 and "run `make mutate` first" in result.stderr


def test_a_sample_is_the_same_mutants_every_time_and_says_how_sure_it_is(tmp_path):
    here = tmp_path / "mutants"
    codes = {f"tui.model.x.x_f__mutmut_{n}": (1 if n % 5 else 0) for n in range(1, 2001)}
    _run_dir(here, "tui/model/x.py", codes, {"x_f": "aaa"})
    first = _score("--mutants", here, "--sample", 20).stdout
    assert first == _score("--mutants", here, "--sample", 20).stdout
    sample = _score("--mutants", here, "--sample", 20, "--list", "survived").stdout.split()
    everything = _score("--mutants", here, "--list", "survived").stdout.split()
    assert set(sample) < set(everything) and 0.15 < len(sample) / len(everything) < 0.25
    # 80 % of these mutants are caught; the sample's interval says so.
    low, high = (float(x) for x in first.split("sample: ")[1].split(" %")[0].split("-"))
    assert low < 80 < high and high - low < 10
