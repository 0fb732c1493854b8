"""Running the CLI in tests, the way a script would."""

from __future__ import annotations

from click.testing import CliRunner

from tui.cli import cli


def run(*args, ok: bool = True):
    """Invoke ``diptych ARGS``; with ``ok``, fail the test unless it exits 0."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, (result.output, result.stderr)
    return result
