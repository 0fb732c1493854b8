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
