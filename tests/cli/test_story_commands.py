"""The story, sources, report and ClaimReview commands on the shipped example, as a user runs them."""

from __future__ import annotations

import json

from ..helpers import run


def test_story_json_has_the_shape_the_issue_asks_for(example_db):
    data = json.loads(run("story", "--format", "json", "--db", example_db).stdout)
    assert [d["id"] for d in data["documents"]] == [1, 2, 3]
    assert {"id", "title", "source", "published"} <= data["documents"][2].keys()
    assert data["documents"][2]["published"] == "2025-09-05"
    half = next(c for c in data["clusters"] if any("nearly half" in m["exact"] for m in c["claims"]))
    assert half["figures_differ"] and {"id", "document", "exact", "attributions"} <= half["claims"][0].keys()
    assert [o["document"] for o in data["only"]] == [1, 2, 3] and data["sources"]


def test_story_markdown_and_sources_in_a_pipe(example_db):
    story = run("story", "1", "2", "--db", example_db).stdout
    assert story.startswith("# Story: 2 documents") and "| # |" in story
    assert "nearly half (≈50%, doc 1) vs 40 percent (40%, doc 2)" in story
    sources = run("sources", "--db", example_db).stdout
    assert "| Margarete Klein | expert |" in sources


def test_report_writes_one_self_contained_file(example_db, tmp_path):
    out = tmp_path / "story.html"
    result = run("report", "1", "2", "--output", out, "--db", example_db)
    assert "report of 2 documents" in result.stderr
    page = out.read_text("utf-8")
    assert "default-src 'none'" in page and page.count('data-label="claim"') >= 38
    bad = run("report", "--output", tmp_path / "no" / "such" / "dir.html", "--db", example_db, ok=False)
    assert bad.exit_code == 1 and "cannot write" in bad.stderr


def test_claimreview_exports_the_examples_rated_claims(example_db):
    result = run("export", "--format", "claimreview", "--organisation", "Example Checks",
                 "--review-url", "https://checks.example.org/kim-putin", "--db", example_db)
    graph = json.loads(result.stdout)["@graph"]
    assert len(graph) == 6 and {r["reviewRating"]["alternateName"] for r in graph} == {
        "true", "false", "mostly-true", "unverifiable"}
    assert all(r["url"].startswith("https://checks.example.org/kim-putin#claim-") for r in graph)
    plain = run("export", "--format", "claimreview", "--db", example_db)
    assert "no --review-url" in plain.stderr
    wrong = run("export", "--format", "csv", "--organisation", "X", "--db", example_db, ok=False)
    assert wrong.exit_code == 2 and "go with --format claimreview" in wrong.stderr


def test_tag_infers_the_speaker_of_an_attribution_and_a_named_one_is_confirmed(example_db):
    made = run("tag", "2", "-l", "attribution", "--quote", "says Margarete Klein", "--db", example_db).stdout.strip()
    named = run("tag", "2", "-l", "attribution", "--quote", "Klein concluded", "--attr", "speaker=M. Klein",
                "--db", example_db).stdout.strip()
    rows = {r["id"]: r for r in map(json.loads, run("export", "--db", example_db).stdout.splitlines())}
    assert rows[made]["attributes"] == {"speaker": "Margarete Klein", "speaker_type": "expert",
                                        "speaker_status": "inferred"}
    assert rows[named]["attributes"] == {"speaker": "M. Klein", "speaker_status": "confirmed"}
    bad = run("tag", "2", "-l", "attribution", "--quote", "Klein notes", "--occurrence", "1",
              "--attr", "speaker=bad\x1b]0;name", "--db", example_db, ok=False)
    assert bad.exit_code == 1 and "speaker must be one line of plain text" in bad.stderr


def test_delete_prints_what_went_and_leaves_tombstones(example_db):
    rows = [json.loads(line) for line in run("export", "--db", example_db).stdout.splitlines()]
    klein = next(r for r in rows if r["exact"] == "Klein concluded")
    result = run("delete", klein["id"], "nonexistent", "--db", example_db, ok=False)
    assert result.exit_code == 1 and "no annotation 'nonexistent'" in result.stderr
    assert result.stdout.startswith(f"deleted\t{klein['id']}\tattribution\tKlein concluded")
    assert result.stdout.count("deleted link\t") == len(klein["links"])
    dump = [json.loads(line) for line in run("export", "--with-deletions", "--db", example_db).stdout.splitlines()]
    buried = [r for r in dump if "deleted" in r]
    assert {r["id"] for r in buried} == {klein["id"], *(link["id"] for link in klein["links"])}
    assert "1 deletions recorded" not in run("verify", "--db", example_db).stdout
    assert f"{1 + len(klein['links'])} deletions recorded" in run("verify", "--db", example_db).stdout
