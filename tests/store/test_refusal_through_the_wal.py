"""A newer Diptych's schema can live only in the ``-wal`` file (its writer crashed before a
checkpoint). The check before any write reads through the WAL, so such a database is still
refused untouched: opening it for writing would checkpoint the WAL into the file on close."""

from __future__ import annotations

import gc
import hashlib
import subprocess
import sys
import textwrap

import pytest

from tui.store import SCHEMA_VERSION, Store, StoreError


def _fingerprint(folder) -> dict[str, str]:
    """Each file's sha256; only the -shm file's presence, not its bytes: it is the WAL's
    shared-memory index, which every reader, even a read-only one, rebuilds after a crash."""
    return {p.name: "present" if p.name.endswith("-shm") else hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir())}


def test_a_newer_schema_left_in_the_wal_by_a_crash_is_refused_untouched(tmp_path):
    path = tmp_path / "crashed.db"
    Store.open(path).close()  # a Diptych database in WAL mode, checkpointed
    crash = textwrap.dedent(f"""
        import os, sqlite3
        conn = sqlite3.connect({str(path)!r})
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()
        os._exit(0)  # no close: the commit stays in the -wal file
    """)
    subprocess.run([sys.executable, "-c", crash], check=True)
    before = _fingerprint(tmp_path)
    assert "crashed.db-wal" in before
    with pytest.raises(StoreError, match="newer Diptych"):
        Store.open(path)
    gc.collect()  # any connection left open by the refusal closes now (and would checkpoint)
    assert _fingerprint(tmp_path) == before
