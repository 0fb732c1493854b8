"""The README documents every one-character key the reader binds."""

from __future__ import annotations

from tui.reader.keys import APP_KEYS, PANE_KEYS, RESERVED_KEYS

from .helpers import ROOT


def test_readme_names_every_single_character_key():
    readme = (ROOT / "README.md").read_text("utf-8")
    missing = [key for key in sorted(RESERVED_KEYS - {" "}) if f"`{key}`" not in readme]
    assert not missing, f"keys missing from the README's key table: {missing}"


def test_key_table_has_no_duplicate_bindings():
    names = [name for key in PANE_KEYS + APP_KEYS for name in key.keys.split(",")]
    assert len(names) == len(set(names))


def test_readme_is_for_users_not_a_pasted_working_note():
    # A merge once pasted two helpers' working notes into the README (twice): headings repeated,
    # "for the lead to wire in" instructions and branch talk among the user's documentation.
    readme = (ROOT / "README.md").read_text("utf-8")
    headings = [line for line in readme.splitlines() if line.startswith("#")]
    assert len(headings) == len(set(headings)), "a README heading appears twice"
    for phrase in ("the lead", "this branch", "another helper", "wire in", "merge-tree", "main is now"):
        assert phrase not in readme.lower(), f"working-note phrase in the README: {phrase!r}"
    # Keys the reader no longer binds for a purpose must not be documented for it.
    assert "with `t` in the reader" not in readme and "or `t` in the reader" not in readme
