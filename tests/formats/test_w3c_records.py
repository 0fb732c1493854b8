"""The W3C Web Annotation records, key by key: what the export writes for an annotation, a
link and a collection, and what the import parser reads back (selectors, bodies, targets
with ``source`` or a ``TimeState``), including the shapes it skips rather than misreads."""

from __future__ import annotations

import json

import pytest

from tui.formats import w3c

SHA = "ab" * 32


def _record(**changes) -> dict:
    record = {
        "id": "11111111-1111-4111-8111-111111111111", "label": "claim", "note": "", "attributes": {},
        "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-02T00:00:00.000Z", "annotator": "ann",
        "document": {"id": 1, "sha256": SHA, "path": "a.txt"},
        "exact": "forty percent", "prefix": "said ", "suffix": " came", "links": [],
    }
    record.update(changes)
    return record


def _textual(purpose: str, value: str) -> dict:
    return {"type": "TextualBody", "purpose": purpose, "value": value}


# Export ------------------------------------------------------------------------------------
def test_an_annotation_is_written_with_every_key_of_the_model():
    assert w3c.annotation(_record(), 5, 18) == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:11111111-1111-4111-8111-111111111111",
        "type": "Annotation",
        "motivation": "tagging",
        "created": "2026-01-01T00:00:00.000Z",
        "modified": "2026-01-02T00:00:00.000Z",
        "creator": {"type": "Person", "nickname": "ann"},
        "body": [_textual("tagging", "claim")],
        "target": {
            "type": "SpecificResource", "source": "urn:sha256:" + SHA,
            "selector": [
                {"type": "TextQuoteSelector", "exact": "forty percent", "prefix": "said ", "suffix": " came"},
                {"type": "TextPositionSelector", "start": 5, "end": 18},
            ],
        },
    }


def test_the_note_is_a_commenting_body_and_each_attribute_value_a_classifying_one():
    record = _record(note="check this", attributes={"claim_type": ["event", "causal"], "checkworthiness": "cfs"})
    assert w3c.annotation(record, 0, 1)["body"] == [
        _textual("tagging", "claim"), _textual("commenting", "check this"),
        _textual("classifying", "claim_type=event"), _textual("classifying", "claim_type=causal"),
        _textual("classifying", "checkworthiness=cfs"),
    ]


def test_no_attributes_at_all_gives_the_tagging_body_alone():
    assert w3c.annotation(_record(attributes=None), 0, 1)["body"] == [_textual("tagging", "claim")]


def test_an_annotation_without_annotator_is_by_unknown():
    assert w3c.annotation(_record(annotator=""), 0, 1)["creator"] == {"type": "Person", "nickname": "unknown"}


def test_a_fetched_page_is_the_source_and_its_bytes_the_cached_state():
    document = {"id": 1, "sha256": SHA, "url": "https://news.example/a", "retrieved": "2026-01-03T10:00:00Z"}
    assert w3c.annotation(_record(document=document), 2, 4)["target"] == {
        "type": "SpecificResource", "source": "https://news.example/a",
        "state": {"type": "TimeState", "sourceDate": "2026-01-03T10:00:00Z", "cached": "urn:sha256:" + SHA},
        "selector": [
            {"type": "TextQuoteSelector", "exact": "forty percent", "prefix": "said ", "suffix": " came"},
            {"type": "TextPositionSelector", "start": 2, "end": 4},
        ],
    }


@pytest.mark.parametrize(("url", "retrieved", "fetched"), [
    ("http://a.example/x", "2026-01-03", True),
    ("https://a.example/x", "2026-01-03", True),
    ("ftp://a.example/x", "2026-01-03", False),
    ("a.example/http://", "2026-01-03", False),
    ("https://a.example/x", "", False),       # a saved page names its canonical URL, never fetched
    ("https://a.example/x", None, False),
    ("https://a.example/x", 20260103, False),
    (None, "2026-01-03", False),
    (b"https://a.example/x", "2026-01-03", False),
])
def test_fetched_from_needs_an_http_url_and_a_retrieval_time(url, retrieved, fetched):
    document = {"url": url, "retrieved": retrieved}
    assert w3c.fetched_from(document) is fetched


def test_a_document_without_url_keys_is_not_fetched():
    assert w3c.fetched_from({}) is False


def test_a_link_is_a_linking_annotation_from_source_to_other():
    link = {"id": "22222222-2222-4222-8222-222222222222", "relation": "supports", "direction": "out",
            "other": "33333333-3333-4333-8333-333333333333", "note": "see para 2", "annotator": "bob",
            "created": "2026-02-01T00:00:00.000Z", "modified": "2026-02-02T00:00:00.000Z"}
    assert w3c.link_annotation(_record(), link) == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:22222222-2222-4222-8222-222222222222",
        "type": "Annotation",
        "motivation": "linking",
        "created": "2026-02-01T00:00:00.000Z",
        "modified": "2026-02-02T00:00:00.000Z",
        "creator": {"type": "Person", "nickname": "bob"},
        "body": ["urn:uuid:33333333-3333-4333-8333-333333333333", _textual("tagging", "supports"),
                 _textual("commenting", "see para 2")],
        "target": "urn:uuid:11111111-1111-4111-8111-111111111111",
    }


def test_a_link_without_its_own_times_or_annotator_takes_the_annotations():
    link = {"id": "l", "relation": "same_as", "other": "o", "note": ""}
    item = w3c.link_annotation(_record(), link)
    assert (item["created"], item["modified"], item["creator"]) == (
        "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", {"type": "Person", "nickname": "ann"})
    assert item["body"] == ["urn:uuid:o", _textual("tagging", "same_as")]  # no empty commenting body


def test_a_collection_holds_its_items_without_their_context():
    first = w3c.annotation(_record(), 0, 1)
    second = w3c.link_annotation(_record(), {"id": "l", "relation": "same_as", "other": "o"})
    data = w3c.collection([first, second], "Diptych annotations", "c-1")
    assert data == {
        "@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:c-1", "type": "AnnotationCollection",
        "label": "Diptych annotations", "total": 2,
        "first": {"type": "AnnotationPage", "startIndex": 0,
                  "items": [{k: v for k, v in item.items() if k != "@context"} for item in (first, second)]},
    }
    assert all("@context" not in item for item in data["first"]["items"])
    assert first["@context"] == w3c.CONTEXT  # the items given are not changed


# Import ------------------------------------------------------------------------------------
def _imported(**changes) -> dict:
    """What the parser makes of ``_record()`` exported at 5..18."""
    record = {
        "id": "11111111-1111-4111-8111-111111111111",
        "document": {"sha256": SHA, "path": "urn:sha256:" + SHA},
        "label": "claim", "start": 5, "end": 18, "exact": "forty percent", "prefix": "said ", "suffix": " came",
        "note": "", "annotator": "ann", "created": "2026-01-01T00:00:00.000Z",
        "modified": "2026-01-02T00:00:00.000Z", "attributes": {}, "origin": "import", "links": [],
    }
    record.update(changes)
    return record


def test_an_exported_annotation_reads_back_as_the_same_record():
    assert w3c.to_records(w3c.annotation(_record(), 5, 18)) == [_imported()]


def test_notes_attributes_and_links_read_back():
    record = _record(note="check", attributes={"claim_type": ["event", "causal"], "checkworthiness": ["cfs"]})
    link = {"id": "l1", "relation": "supports", "direction": "out", "other": "o1", "note": "why",
            "annotator": "bob", "created": "2026-02-01T00:00:00.000Z", "modified": "2026-02-02T00:00:00.000Z"}
    items = [w3c.annotation(record, 5, 18), w3c.link_annotation(record, link)]
    assert w3c.to_records(items) == [_imported(
        note="check", attributes={"claim_type": ["event", "causal"], "checkworthiness": ["cfs"]},
        links=[{"id": "l1", "relation": "supports", "direction": "out", "other": "o1", "note": "why",
                "annotator": "bob", "created": "2026-02-01T00:00:00.000Z", "modified": "2026-02-02T00:00:00.000Z"}])]


def test_a_link_read_before_its_source_annotation_still_attaches():
    record = _record()
    link = w3c.link_annotation(record, {"id": "l1", "relation": "same_as", "other": "o1"})
    [read] = w3c.to_records([link, w3c.annotation(record, 5, 18)])
    assert [(x["id"], x["relation"], x["other"], x["note"]) for x in read["links"]] == [("l1", "same_as", "o1", "")]


def test_a_collection_reads_back_through_its_first_page():
    record = _record()
    items = [w3c.annotation(record, 5, 18), w3c.link_annotation(record, {"id": "l1", "relation": "same_as", "other": "o"})]
    data = w3c.collection(items, "x", "c")
    [read] = w3c.to_records(data)
    assert read == _imported(links=[{
        "id": "l1", "relation": "same_as", "direction": "out", "other": "o", "note": "", "annotator": "ann",
        "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-02T00:00:00.000Z"}])


@pytest.mark.parametrize("first", [None, {}, [], "page", {"type": "AnnotationPage"}, {"items": []}])
def test_a_collection_without_a_readable_first_page_has_no_records(first):
    data = {"type": "AnnotationCollection"}
    if first is not None:
        data["first"] = first
    assert w3c.to_records(data) == []


def test_items_that_are_not_objects_are_skipped():
    assert w3c.to_records(["text", 3, None, w3c.annotation(_record(), 5, 18)]) == [_imported()]


def test_a_fetched_page_reads_back_with_its_url_as_path_and_its_cached_hash():
    document = {"id": 1, "sha256": SHA, "url": "https://news.example/a", "retrieved": "2026-01-03"}
    [read] = w3c.to_records(w3c.annotation(_record(document=document), 5, 18))
    assert read["document"] == {"sha256": SHA, "path": "https://news.example/a"}


@pytest.mark.parametrize(("state", "sha"), [
    ({"type": "TimeState", "cached": "urn:sha256:" + SHA}, SHA),
    ([{"type": "HttpRequestState", "value": "Accept: text/html"},
      {"type": "TimeState", "cached": ["https://archive.example/x", "urn:sha256:" + SHA]}], SHA),
    ({"type": "TimeState", "cached": "https://archive.example/x"}, None),
    ({"type": "HttpRequestState", "cached": "urn:sha256:" + SHA}, None),
    ({"type": "TimeState"}, None),
    ("urn:sha256:" + SHA, None),
    (None, None),
])
def test_the_document_hash_of_a_page_comes_from_a_time_states_cached_copy(state, sha):
    item = {"type": "Annotation", "id": "urn:uuid:x", "body": [_textual("tagging", "claim")],
            "target": {"source": "https://news.example/a", "state": state}}
    [read] = w3c.to_records(item)
    assert read["document"] == {"sha256": sha, "path": "https://news.example/a"}


def test_a_time_state_hash_is_the_first_of_ours():
    state = {"type": "TimeState", "cached": ["urn:sha256:first", "urn:sha256:second"]}
    assert w3c._cached_sha256([{"type": "TimeState"}, state]) == "first"


def test_a_hypothesis_style_annotation_is_read():
    """A single target, a single selector and a single body as plain objects, a named creator."""
    item = {
        "@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "id": "urn:uuid:h1",
        "creator": {"type": "Person", "name": "Hypo Thesis"},
        "body": _textual("tagging", "attribution"),
        "target": [{"source": "urn:sha256:" + SHA,
                    "selector": {"type": "TextQuoteSelector", "exact": "he said"}}, {"source": "ignored"}],
    }
    assert w3c.to_records(item) == [{
        "id": "h1", "document": {"sha256": SHA, "path": "urn:sha256:" + SHA}, "label": "attribution",
        "start": None, "end": None, "exact": "he said", "prefix": "", "suffix": "", "note": "",
        "annotator": "Hypo Thesis", "created": None, "modified": None, "attributes": {}, "origin": "import",
        "links": [],
    }]


def test_a_position_selector_alone_gives_offsets_and_no_quote():
    item = {"type": "Annotation", "id": "urn:uuid:p", "body": [],
            "target": {"source": "urn:sha256:" + SHA, "selector": [
                "not a selector", {"type": "FragmentSelector", "value": "t=1"},
                {"type": "TextPositionSelector", "start": 3, "end": 9}]}}
    [read] = w3c.to_records(item)
    assert (read["start"], read["end"], read["exact"], read["prefix"], read["suffix"]) == (3, 9, None, "", "")
    assert (read["label"], read["note"], read["annotator"], read["id"]) == (None, "", None, "p")


def test_the_first_selector_of_each_kind_is_used():
    item = {"type": "Annotation", "target": {"source": "s", "selector": [
        {"type": "TextQuoteSelector", "exact": "one", "prefix": "p1", "suffix": "s1"},
        {"type": "TextPositionSelector", "start": 1, "end": 4},
        {"type": "TextQuoteSelector", "exact": "two"}, {"type": "TextPositionSelector", "start": 7, "end": 9}]}}
    [read] = w3c.to_records(item)
    assert (read["exact"], read["prefix"], read["suffix"], read["start"], read["end"]) == ("one", "p1", "s1", 1, 4)


def test_bodies_are_read_by_purpose_first_of_each():
    bodies = ["urn:uuid:not-a-label", {"type": "TextualBody", "value": "no purpose"},
              _textual("commenting", "first note"), _textual("tagging", "claim"), _textual("tagging", "other"),
              _textual("commenting", "second note"),
              _textual("classifying", "speaker=Jane = Doe"), _textual("classifying", "no equals sign"),
              _textual("classifying", "speaker=Ann"), _textual("classifying", "=empty name"),
              {"type": "TextualBody", "purpose": "classifying", "value": 42}]
    item = {"type": "Annotation", "body": bodies, "target": {"source": "s"}}
    [read] = w3c.to_records(item)
    assert (read["label"], read["note"]) == ("claim", "first note")
    # name=value split at the first "=": the value keeps any later one.
    assert read["attributes"] == {"speaker": ["Jane = Doe", "Ann"], "": ["empty name"]}


def test_annotations_without_id_are_each_read_without_one():
    # The store refuses each ("?: needs an id"); none may hide another.
    items = [{"type": "Annotation", "target": {"source": "s"}}, w3c.annotation(_record(), 5, 18),
             {"type": "Annotation", "id": "", "target": {"source": "t"}}, {"type": "Annotation", "target": {}}]
    read = w3c.to_records(items)
    assert ["id" in r for r in read] == [False, True, False, False]
    assert [r["document"] for r in read] == [{"sha256": None, "path": "s"}, {"sha256": SHA, "path": "urn:sha256:" + SHA},
                                            {"sha256": None, "path": "t"}, {"sha256": None, "path": ""}]


@pytest.mark.parametrize(("creator", "annotator"), [
    ({"nickname": "nick", "name": "Full Name"}, "nick"),
    ({"nickname": "", "name": "Full Name"}, "Full Name"),
    ({"type": "Person"}, None),
    ("just a string", ""),
    (None, None),
])
def test_the_annotator_is_the_creators_nickname_else_name(creator, annotator):
    [read] = w3c.to_records({"type": "Annotation", "creator": creator, "target": {"source": "s"}})
    assert read["annotator"] == annotator


@pytest.mark.parametrize("target", [None, "urn:sha256:" + SHA, [], ["urn:sha256:" + SHA], 7])
def test_an_annotation_without_a_specific_resource_target_is_skipped(target):
    item = {"type": "Annotation", "id": "urn:uuid:x", "body": [_textual("tagging", "claim")]}
    if target is not None:
        item["target"] = target
    assert w3c.to_records([item]) == []


def test_a_target_without_source_gives_an_empty_path():
    [read] = w3c.to_records({"type": "Annotation", "target": {"selector": []}})
    assert read["document"] == {"sha256": None, "path": ""}


def _link(**changes) -> dict:
    item = {"type": "Annotation", "id": "urn:uuid:l1", "motivation": "linking",
            "creator": {"nickname": "bob"}, "created": "c", "modified": "m",
            "body": ["urn:uuid:o1", _textual("tagging", "supports"), _textual("commenting", "why")],
            "target": "urn:uuid:" + _record()["id"]}
    item.update(changes)
    return item


def _links_read(link: dict) -> list[dict]:
    [read] = w3c.to_records([w3c.annotation(_record(), 5, 18), link])
    return read["links"]


def test_a_linking_annotation_reads_as_an_outgoing_link():
    assert _links_read(_link()) == [{"id": "l1", "relation": "supports", "direction": "out", "other": "o1",
                                     "note": "why", "annotator": "bob", "created": "c", "modified": "m"}]


@pytest.mark.parametrize("changes", [
    {"body": _textual("tagging", "supports")},                 # no other end
    {"body": None},
    {"body": "urn:uuid:o1"},                                  # no relation
    {"body": ["urn:uuid:o1", _textual("commenting", "supports")]},
    {"body": ["", _textual("tagging", "supports")]},          # an empty other end
    {"body": ["urn:uuid:o1", _textual("tagging", "")]},       # an empty relation
    {"target": "urn:uuid:nobody"},                            # a source not in the file
    {"target": {"source": "urn:uuid:" + "1" * 8}},            # not an IRI
    {"target": None},
])
def test_a_link_missing_an_end_or_a_relation_is_dropped(changes):
    assert _links_read(_link(**changes)) == []


def test_a_link_without_note_or_creator_reads_with_empty_ones():
    link = _link(body=["urn:uuid:o1", _textual("tagging", "supports")])
    del link["creator"], link["created"], link["modified"]
    assert _links_read(link) == [{"id": "l1", "relation": "supports", "direction": "out", "other": "o1",
                                  "note": "", "annotator": "", "created": None, "modified": None}]


def test_a_link_other_end_is_the_first_iri_body():
    link = _link(body=[_textual("tagging", "supports"), "urn:uuid:first", "urn:uuid:second"])
    assert [x["other"] for x in _links_read(link)] == ["first"]


def test_a_link_without_id_reads_with_an_empty_id():
    link = _link()
    del link["id"]
    assert [x["id"] for x in _links_read(link)] == [""]


def test_a_record_of_the_same_id_later_in_the_file_replaces_the_earlier():
    first, second = w3c.annotation(_record(), 5, 18), w3c.annotation(_record(label="attribution"), 5, 18)
    assert w3c.to_records([first, second]) == [_imported(label="attribution")]


@pytest.mark.parametrize(("data", "expected"), [
    ({"type": "Annotation"}, True),
    ({"type": "AnnotationCollection"}, True),
    ([{"type": "Annotation"}, {"id": 1}], True),
    ([{"id": 1}, {"type": "Annotation"}], False),  # judged by the first item
    ({"type": "AnnotationPage"}, False),
    ({"id": "x"}, False),
    ([], False),
    (["Annotation"], False),
    ("Annotation", False),
    (None, False),
])
def test_is_w3c_knows_an_annotation_a_list_of_them_and_a_collection(data, expected):
    assert w3c.is_w3c(data) is expected


def test_w3c_records_survive_a_trip_through_json_text():
    record = _record(note="n\u2028x", attributes={"k": ["v"]}, exact="😀 said")
    text = json.dumps(w3c.annotation(record, 0, 7), ensure_ascii=False)
    assert w3c.to_records(json.loads(text)) == [_imported(note="n\u2028x", attributes={"k": ["v"]}, exact="😀 said",
                                                          start=0, end=7)]
