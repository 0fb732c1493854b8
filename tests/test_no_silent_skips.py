"""Under CI=true a skip is a failure that says what was skipped (tests/conftest.py), unless
the test is marked ``allowed_skip`` with a reason."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from .helpers import ROOT

PROBE = textwrap.dedent("""
    import shutil

    import pytest


    def test_runs():
        pass


    def test_skips_inside():
        pytest.skip("needs a unicorn")


    @pytest.mark.skipif(True, reason="needs a dragon")
    def test_skipped_by_mark():
        pass


    @pytest.mark.allowed_skip(reason="a probe of the allowed case")
    def test_allowed():
        pytest.skip("allowed to skip")


    @pytest.mark.xfail(reason="expected to fail", strict=True)
    def test_expected_failure():
        assert False
""")


def _run_probe(tmp_path, ci: str | None) -> subprocess.CompletedProcess:
    (tmp_path / "test_probe.py").write_text(PROBE)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider", "-rA",
         "-c", str(tmp_path / "pytest.ini"), "--rootdir", str(tmp_path), str(tmp_path / "test_probe.py")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_under_ci_a_skip_fails_and_is_listed(tmp_path):
    result = _run_probe(tmp_path, "true")
    out = result.stdout
    assert result.returncode == 1, out
    # A skip in the test body fails it; a skip mark acts at setup, so it counts as an error.
    assert "1 failed, 1 passed, 1 skipped, 1 xfailed, 1 error" in out
    section = out.split("skipped under CI=true (each counted as a failure)", 1)[1]
    assert "test_probe.py::test_skips_inside: needs a unicorn" in section
    assert "test_probe.py::test_skipped_by_mark: needs a dragon" in section
    assert "test_allowed" not in section.split("short test summary")[0]
    assert "SKIPPED [1] test_probe.py" in out and "allowed to skip" in out


@pytest.mark.parametrize("ci", [None, "false"])
def test_outside_ci_a_skip_is_a_skip(tmp_path, ci):
    result = _run_probe(tmp_path, ci)
    assert result.returncode == 0, result.stdout
    assert "1 passed, 3 skipped, 1 xfailed" in result.stdout
