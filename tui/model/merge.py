"""How a merge decides between two versions of one annotation or link (same id)."""

from __future__ import annotations

from enum import Enum


class Outcome(Enum):
    ADD = "added"  # only theirs exists
    UNCHANGED = "unchanged"  # the same, or ours is newer
    UPDATE = "updated"  # theirs is newer: it replaces ours
    CONFLICT = "conflicts"  # the same time, different content: ours is kept and the conflict counted


def resolve(mine, theirs, mine_modified: str | None, theirs_modified: str) -> Outcome:
    """The newer ``modified`` wins; equal times with different content are a conflict.

    ``mine`` is None when we do not have the record. Times are UTC ISO 8601 strings of
    one shape, so they compare as strings.
    """
    if mine is None:
        return Outcome.ADD
    if mine == theirs:
        return Outcome.UNCHANGED
    if mine_modified is None or theirs_modified > mine_modified:
        return Outcome.UPDATE
    if theirs_modified == mine_modified:
        return Outcome.CONFLICT
    return Outcome.UNCHANGED
