"""Interop: the W3C suite's MUST assertions, brat read by a third-party reader, doccano, offsets."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ..helpers import CORPUS, ROOT, run

# The suite lives in shared/ beside the clone (where CI puts it); DIPTYCH_W3C_SUITE points
# elsewhere, e.g. from a git worktree.
W3C_SUITE = Path(os.environ.get("DIPTYCH_W3C_SUITE") or ROOT.parent / "shared" / "w3c-annotation-tests")


@pytest.fixture(scope="module")
def w3c_musts():
    """Validators for the 54 MUST assertions of the W3C Web Annotation test suite."""
    if not W3C_SUITE.is_dir():
        message = f"the W3C test suite is not at {W3C_SUITE} (set DIPTYCH_W3C_SUITE)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + ": CI must run it", pytrace=False)
        pytest.skip(message)
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    registry = Registry()
    for path in (W3C_SUITE / "definitions").glob("*.json"):
        schema = json.loads(path.read_text("utf-8"))
        registry = registry.with_resource(schema["id"], Resource(contents=schema, specification=DRAFT4))
    test = json.loads((W3C_SUITE / "annotations" / "annotationMusts.test").read_text("utf-8"))
    validators = []
    for name in test["assertions"]:
        schema = json.loads((W3C_SUITE / name).read_text("utf-8"))
        validator = Draft4Validator(schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)
        validators.append((name, schema.get("expectedResult", "valid") == "valid", validator))
    assert len(validators) == 54
    return validators


def failed_musts(annotation: dict, validators) -> list[str]:
    return [name for name, expect_valid, validator in validators
            if validator.is_valid(annotation) != expect_valid]


def _samples(kind: str) -> list[tuple[str, dict]]:
    found = []
    for path in sorted((W3C_SUITE / "samples" / kind).glob("*.json")):
        try:
            found.append((path.name, json.loads(path.read_text("utf-8"))))
        except json.JSONDecodeError:
            continue  # some bad samples are not even JSON
    return found


def test_the_harness_tells_the_suites_own_samples_apart(w3c_musts):
    # The suite's own schema does not recognise set-type targets (Composite, List,
    # Independents), and collections and pages are not Annotations: leave those out.
    sets = {"Composite", "List", "Independents"}
    correct = [(n, a) for n, a in _samples("correct") if a.get("type") == "Annotation"
               and not (isinstance(a.get("target"), dict) and a["target"].get("type") in sets)]
    assert len(correct) >= 35
    for name, annotation in correct:
        assert failed_musts(annotation, w3c_musts) == [], name
    incorrect = _samples("incorrect")
    caught = [n for n, a in incorrect if failed_musts(a, w3c_musts)]
    assert len(caught) >= 0.9 * len(incorrect), f"only {len(caught)} of {len(incorrect)} bad samples caught"


def test_format_checking_is_on():
    from jsonschema import Draft4Validator

    assert not Draft4Validator({"format": "date-time"}, format_checker=Draft4Validator.FORMAT_CHECKER).is_valid(
        "yesterday")


def test_w3c_export_passes_every_must_assertion(example_db, w3c_musts):
    lines = run("export", "--format", "w3c", "--db", example_db).stdout.splitlines()
    items = [json.loads(line) for line in lines]
    assert len(items) == 96 + 65
    for item in items:
        assert failed_musts(item, w3c_musts) == [], item["id"]
    spans = [i for i in items if i["motivation"] == "tagging"]
    links = [i for i in items if i["motivation"] == "linking"]
    assert len(spans) == 96 and len(links) == 65
    text = (CORPUS / "dw-brothers-in-arms-north-korea-reinforcements.txt").read_text("utf-8")
    for item in spans:
        quote, position = item["target"]["selector"]
        if item["target"]["source"].endswith("931c1e6d115dde8ea4c7b579cfa78344c245665d5d2b95bb846d525d5e642252"):
            assert text[position["start"]:position["end"]] == quote["exact"]
        assert item["id"].startswith("urn:uuid:") and item["created"].endswith("Z")
    relation = {b["value"] for link in links for b in link["body"] if isinstance(b, dict)}
    assert {"attributes", "supports", "same_as", "related"} <= relation


def test_w3c_collection_passes_every_must_assertion(example_db, tmp_path, w3c_musts):
    out = tmp_path / "collection.json"
    run("export", "--format", "w3c", "--collection", "--output", out, "--db", example_db)
    data = json.loads(out.read_text("utf-8"))
    for item in data["first"]["items"]:
        assert failed_musts({"@context": data["@context"], **item}, w3c_musts) == []


def test_w3c_collection_and_import_round_trip(example_db, tmp_path, corpus):
    """Needs no W3C suite: it must run wherever the tests run."""
    out = tmp_path / "collection.json"
    run("export", "--format", "w3c", "--collection", "--output", out, "--db", example_db)
    data = json.loads(out.read_text("utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 161
    fresh = tmp_path / "fresh.db"
    run("import", corpus, "--db", fresh)
    assert "96 added" in run("import-annotations", out, "--db", fresh).stdout
    expected = [{**json.loads(l), "origin": "import"} for l in run("export", "--db", example_db).stdout.splitlines()]
    assert [json.loads(l) for l in run("export", "--db", fresh).stdout.splitlines()] == expected
    assert "96 unchanged" in run("import-annotations", out, "--db", fresh).stdout


def test_brat_export_reads_back_with_a_third_party_reader(example_db, tmp_path):
    from bioc import brat

    folder = tmp_path / "brat"
    result = run("export", "--format", "brat", "--output", folder, "--db", example_db)
    assert "23 cross-document links in cross_document_links.tsv" in result.stderr
    conf = (folder / "annotation.conf").read_text("utf-8")
    assert "[entities]\nclaim\nattribution" in conf and "attributes\tArg1:attribution, Arg2:claim" in conf
    total = 0
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text("utf-8")
        document = brat.loads_ann(ann.read_text("utf-8"), docid=ann.stem)
        for entity in document.entities:
            pieces = sorted((i.begin, i.end) for i in entity.locations)
            assert entity.text == " ".join(text[s:e] for s, e in pieces)
            assert all("\n" not in text[s:e] for s, e in pieces)
        ids = {e.id for e in document.entities}
        assert all(set(r.arguments.values()) <= ids for r in document.relations)
        total += len(document.entities)
    assert total == 96
    assert len((folder / "cross_document_links.tsv").read_text("utf-8").splitlines()) == 24


def test_brat_splits_spans_at_newlines(runner, tmp_path):
    from bioc import brat

    doc = tmp_path / "two-lines.txt"
    doc.write_text("First line here\nSecond line\n", "utf-8")
    db = tmp_path / "b.db"
    run("import", doc, "--db", db)
    run("tag", "1", "-l", "claim", "--span", "6:22", "--note", "across\nlines", "--db", db)
    run("export", "--format", "brat", "-o", tmp_path / "out", "--db", db)
    (ann,) = (tmp_path / "out").glob("*.ann")
    assert ann.read_text("utf-8").splitlines()[0] == "T1\tclaim 6 15;16 22\tline here Second"
    (entity,) = brat.loads_ann(ann.read_text("utf-8")).entities
    assert len(entity.locations) == 2
    assert "#1\tAnnotatorNotes T1\tacross lines" in ann.read_text("utf-8")


def test_doccano_and_offsets_in_other_units(runner, tmp_path):
    doc = tmp_path / "emoji.txt"
    doc.write_text("Emoji 😀 then 漢字 and é, then claim.\n", "utf-8")
    db = tmp_path / "d.db"
    run("import", doc, "--db", db)
    text = doc.read_text("utf-8")
    start = text.index("claim")
    a = run("tag", "1", "-l", "claim", "--quote", "claim", "--db", db).stdout.strip()
    b = run("tag", "1", "-l", "attribution", "--quote", "😀", "--db", db).stdout.strip()
    run("link", b, a, "-r", "attributes", "--db", db)
    line = json.loads(run("export", "--format", "doccano", "--offsets", "utf16", "--db", db).stdout)
    utf16 = line["text"].encode("utf-16-le")
    for entity in line["entities"]:
        covered = utf16[2 * entity["start_offset"]:2 * entity["end_offset"]].decode("utf-16-le")
        assert covered in ("claim", "😀")
    assert line["relations"] == [{"id": 1, "from_id": 1, "type": "attributes", "to_id": 2}]
    records = [json.loads(l) for l in run("export", "--offsets", "utf8", "--db", db).stdout.splitlines()]
    raw = text.encode("utf-8")
    for record in records:
        assert raw[record["start"]:record["end"]].decode("utf-8") == record["exact"]
        assert record["offset_unit"] == "utf8"
    plain = [json.loads(l) for l in run("export", "--db", db).stdout.splitlines()]
    assert plain[1]["start"] == start and "offset_unit" not in plain[1]


def test_documents_option_adds_metadata_and_text(example_db):
    record = json.loads(run("export", "--documents", "--with-text", "--db", example_db).stdout.splitlines()[0])
    assert record["document"]["language"] == "en" and record["document"]["text"].startswith("During a meeting")
    assert "text" not in json.loads(run("export", "--documents", "--db", example_db).stdout.splitlines()[0])["document"]


def test_brat_needs_a_folder(example_db):
    result = run("export", "--format", "brat", "--db", example_db, ok=False)
    assert result.exit_code == 2 and "--output DIR" in result.stderr
