"""Exported files: their mode (issue 10, defect 4), brat attributes and cross-document links (defect 8)."""

from __future__ import annotations

import os
import stat

import pytest

from tui.formats import atomic_writer

from ..helpers import run


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_an_atomic_write_gives_the_mode_a_plain_open_would(tmp_path, umask_022):
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    target = tmp_path / "out.csv"
    with atomic_writer(str(target)) as handle:
        handle.write("a,b\n")
    assert stat.S_IMODE(target.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode) == 0o644


def test_an_atomic_write_keeps_an_existing_files_mode(tmp_path):
    target = tmp_path / "shared.jsonl"
    target.write_text("old\n")
    target.chmod(0o664)
    with atomic_writer(str(target)) as handle:
        handle.write("new\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664 and target.read_text() == "new\n"


def test_export_output_follows_the_umask(example_db, tmp_path):
    old = os.umask(0o027)
    try:
        run("export", "--format", "csv", "--output", tmp_path / "a.csv", "--db", example_db)
        run("export", "--format", "brat", "--output", tmp_path / "brat", "--db", example_db)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.csv").stat().st_mode) == 0o640
    assert {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "brat").iterdir()} == {0o640}


def test_brat_writes_and_declares_attributes(example_db, tmp_path):
    from bioc import brat

    claim = run("tag", "2", "-l", "claim", "--quote", "Even before the Alaska summit",
                "--attr", "claim_type=event", "--attr", "claim_type=causal", "--attr", "checkworthiness=cfs",
                "--db", example_db).stdout.strip()
    folder = tmp_path / "brat"
    result = run("export", "--format", "brat", "--output", folder, "--db", example_db)
    assert " attributes in " in result.stderr
    conf = (folder / "annotation.conf").read_text("utf-8")
    assert "claim_type\tArg:claim, Value:quantity|causal|prediction|rule|event|personal_experience|other" in conf
    assert "voice\tArg:attribution, Value:direct|indirect|mixed" in conf
    (ann,) = [p for p in folder.glob("0002-*.ann")]
    lines = ann.read_text("utf-8").splitlines()
    exported = {r["id"]: r for r in map(__import__("json").loads, run("export", "--db", example_db).stdout.splitlines())}
    t_line = next(line for line in lines if line.startswith("T") and
                  line.endswith("\t" + exported[claim]["exact"]) and
                  f" {exported[claim]['start']} {exported[claim]['end']}\t" in line)
    t_id = t_line.split("\t")[0]
    attributes = sorted(line.split("\t")[1] for line in lines if line.startswith("A") and f" {t_id} " in line)
    assert attributes == [f"checkworthiness {t_id} cfs", f"claim_type {t_id} causal", f"claim_type {t_id} event"]
    parsed = brat.loads_ann(ann.read_text("utf-8"), docid=ann.stem)
    assert len(parsed.entities) == sum(1 for line in lines if line.startswith("T"))


def test_brat_cross_document_links_resolve_to_files_and_t_ids(example_db, tmp_path):
    folder = tmp_path / "brat"
    run("export", "--format", "brat", "--output", folder, "--db", example_db)
    rows = (folder / "cross_document_links.tsv").read_text("utf-8").splitlines()
    assert rows[0].split("\t") == ["link_id", "relation", "source_document", "source_T", "source_annotation",
                                   "target_document", "target_T", "target_annotation"]
    records = {r["id"]: r for r in map(__import__("json").loads, run("export", "--db", example_db).stdout.splitlines())}
    assert len(rows) == 24  # the header and 23 links across documents
    for row in rows[1:]:
        _link, _relation, source_doc, source_t, source_id, target_doc, target_t, target_id = row.split("\t")
        for doc, t_id, annotation_id in ((source_doc, source_t, source_id), (target_doc, target_t, target_id)):
            ann = (folder / f"{doc}.ann").read_text("utf-8").splitlines()
            line = next(line for line in ann if line.startswith(t_id + "\t"))
            assert line.split("\t")[2] == " ".join(records[annotation_id]["exact"].split("\n"))


def test_compare_refuses_a_document_with_itself(example_db):
    result = run("compare", "1", "1", "--db", example_db, ok=False)
    assert result.exit_code == 2
    assert "compare needs two different documents (both name document 1)" in result.stderr
