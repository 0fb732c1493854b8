"""Speaker inference rule by rule: which person, role, kind, method and confidence an
attribution gets (README, "Speakers"; the confidences are what `diptych sources --format
json` prints and what tells a reader how far to trust an inferred speaker)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.model.speakers import (
    ANONYMOUS,
    DOCUMENT,
    EXPERT,
    GOVERNMENT,
    MILITARY,
    OTHER,
    STATE_MEDIA,
    Speaker,
    SpeakerResolver,
    infer_speaker,
    name_key,
    speaker_type,
)

ROOT = Path(__file__).resolve().parents[2]


def speaker(text: str, quote: str) -> tuple:
    start = text.index(quote)
    found = infer_speaker(text, start, start + len(quote))
    return found.name, found.role, found.speaker_type, found.method, found.confidence


def test_every_attribution_of_the_corpus_gets_the_speaker_written_down_by_hand():
    # README, "Speakers": "On the corpus all 40 attributions get the speaker we wrote down by hand."
    texts: dict[str, str] = {}
    checked = 0
    for line in (ROOT / "corpus" / "annotations.example.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        if record.get("label") != "attribution":
            continue
        path = record["document"]["path"]
        text = texts.setdefault(path, (ROOT / path).read_text("utf-8"))
        found = infer_speaker(text, record["start"], record["end"])
        assert found.name == record["attributes"]["speaker"], record["exact"]
        assert found.inferred and found.confidence >= 0.6, record["exact"]
        checked += 1
    assert checked == 40


PEOPLE = ("Expert Anna Berg spoke first. Later Kim Jong Un arrived. She said yes. "
          "Colonel Ivan Petrov of the army spoke. He added this. Xi Jinping came. He noted that. "
          "Berg said more. The colonel said so. The expert insisted.")


@pytest.mark.parametrize(("quote", "expected"), [
    # A full name in the span.
    ("Anna Berg", ("Anna Berg", "Expert", EXPERT, "name", 0.95)),
    # A surname met earlier as a full name.
    ("Berg said", ("Anna Berg", "Expert", EXPERT, "surname", 0.85)),
    # A pronoun: the last person of that gender; Kim Jong Un (no known gender) is passed over.
    ("She said", ("Anna Berg", "Expert", EXPERT, "pronoun", 0.7)),
    ("He added", ("Ivan Petrov", "Colonel", MILITARY, "pronoun", 0.7)),
    # Passing a person of unknown gender (Xi Jinping) lowers the confidence.
    ("He noted", ("Ivan Petrov", "Colonel", MILITARY, "pronoun", 0.5)),
    # A role met earlier with a name.
    ("The colonel said", ("Ivan Petrov", "Colonel", MILITARY, "title", 0.75)),
    ("The expert insisted", ("Anna Berg", "Expert", EXPERT, "title", 0.75)),
])
def test_people_by_name_surname_pronoun_and_title(quote, expected):
    assert speaker(PEOPLE, quote) == expected


def test_a_pronoun_with_nobody_of_its_gender_takes_the_last_person_of_unknown_gender_weakly():
    assert speaker("Kim Jong Un arrived. He said no.", "He said") == ("Kim Jong Un", "", OTHER, "pronoun", 0.35)
    text = "Kim Jong Un arrived. Anna Berg came. Xi Jinping spoke. He said no."
    assert speaker(text, "He said") == ("Xi Jinping", "", OTHER, "pronoun", 0.35)
    assert speaker("He said no.", "He said") == ("", "", OTHER, "unresolved", 0.0)
    assert speaker("Anna Berg came. They said no.", "They said") == ("", "", OTHER, "unresolved", 0.0)
    # The person's role comes along, or none when there is none.
    assert speaker("Ivan Petrov came. He said no.", "He said") == ("Ivan Petrov", "", OTHER, "pronoun", 0.7)
    assert speaker("President Xi Jinping came. He said no.", "He said") == (
        "Xi Jinping", "President", GOVERNMENT, "pronoun", 0.35)
    # "They" is nobody in particular, even after a person of unknown gender.
    assert speaker("Kim Jong Un arrived. They said no.", "They said") == ("", "", OTHER, "unresolved", 0.0)
    # A possessive pronoun is not the speaker: "his aides" are.
    assert speaker("Ivan Petrov came. His aides said so.", "His aides said") == (
        "His aides", "", ANONYMOUS, "group", 0.6)


def test_a_surname_or_title_met_only_later_is_weaker():
    text = "Berg notes this. The expert insisted. Later, Expert Anna Berg arrived."
    assert speaker(text, "Berg notes") == ("Anna Berg", "Expert", EXPERT, "surname", 0.6)
    text = "The expert insisted. Later, Expert Anna Berg arrived."
    assert speaker(text, "The expert insisted") == ("Anna Berg", "Expert", EXPERT, "title", 0.5)
    # A surname never met in full is a name on its own, weakly.
    assert speaker("Berg notes this.", "Berg notes") == ("Berg", "", OTHER, "surname", 0.4)


def test_a_misspelt_given_name_is_the_same_person_but_a_different_one_is_not():
    text = "Margarete Klein spoke. Margaret Klein said so. Marco Rossi came. Mark Rossi said no."
    assert speaker(text, "Margaret Klein said") == ("Margarete Klein", "", OTHER, "variant", 0.85)
    assert speaker(text, "Mark Rossi said") == ("Mark Rossi", "", OTHER, "name", 0.95)
    assert {p.name for p in SpeakerResolver(text).people.values()} == {"Margarete Klein", "Marco Rossi",
                                                                       "Mark Rossi"}


def test_titles_before_a_name_are_its_role_and_make_an_unknown_given_name_a_name():
    text = "Minister Tariq Odeh said so. Acting Director Jane Moss came. Dr. Anna Berg came. Tariq Odeh left."
    assert speaker(text, "Minister Tariq Odeh said") == ("Tariq Odeh", "Minister", GOVERNMENT, "name", 0.95)
    assert speaker(text, "Acting Director Jane Moss") == ("Jane Moss", "Acting Director", OTHER, "name", 0.95)
    assert speaker(text, "Dr. Anna Berg") == ("Anna Berg", "Dr.", EXPERT, "name", 0.95)
    # Without a title, a given name not on the list makes no person.
    assert "Tariq Odeh" in SpeakerResolver(text).people
    assert SpeakerResolver("Tariq Odeh left.").people == {}


def test_family_names_written_first_have_no_gender():
    resolver = SpeakerResolver("President Xi Jinping came. Kim Jong-un came. Kim Jong Un spoke. Lee Min-ho spoke.")
    people = {p.name: (p.surname, p.gender) for p in resolver.people.values()}
    assert people == {"Xi Jinping": ("Xi", ""), "Kim Jong-un": ("Kim", ""), "Lee Min-ho": ("Lee", "")}
    assert resolver.people["Kim Jong Un"].name == "Kim Jong-un"  # one person, spelt as first met
    assert name_key("Kim  Jong‐un") == "kim jong un"


@pytest.mark.parametrize(("text", "quote", "expected"), [
    ("Officials familiar with the plan said it.", "Officials familiar with the plan said",
     ("Officials familiar", "", ANONYMOUS, "group", 0.6)),
    ("Unnamed sources said it.", "Unnamed sources said", ("Unnamed sources", "", ANONYMOUS, "group", 0.6)),
    # A passive's agent speaks: "confirmed by various sources".
    ("The figures are confirmed by various sources.", "The figures are confirmed by various sources",
     ("sources", "", ANONYMOUS, "group", 0.6)),
    ("A report by the Institute for the Study of War says so.", "A report by the Institute for the Study of War says",
     ("Institute for the Study of War", "", EXPERT, "group", 0.6)),
    ("Reports emerged.", "Reports emerged", ("Reports", "", DOCUMENT, "group", 0.6)),
    ("By some estimates it grew.", "By some estimates", ("estimates", "", DOCUMENT, "group", 0.6)),
    ("The ministry said so.", "The ministry said", ("ministry", "", GOVERNMENT, "group", 0.6)),
    ("Western analysts say so.", "Western analysts say", ("Western analysts", "", ANONYMOUS, "group", 0.6)),
    ("State media said so.", "State media said", ("State media", "", STATE_MEDIA, "group", 0.6)),
    ("Russian officials said so.", "Russian officials said", ("Russian officials", "", ANONYMOUS, "group", 0.6)),
    ("The general said so.", "The general said", ("general", "", MILITARY, "group", 0.6)),
    ("The weather said so.", "The weather said", ("weather", "", OTHER, "group", 0.3)),
    # A group's name stops at a verb, a preposition or a relative clause; a document is a document.
    ("The figures have shown it.", "The figures have shown", ("figures", "", DOCUMENT, "group", 0.6)),
    ("The data show it.", "The data show", ("data", "", DOCUMENT, "group", 0.6)),
    ("Russian state media reported it.", "Russian state media reported",
     ("Russian state media", "", STATE_MEDIA, "group", 0.6)),
    ("Government sources in Kyiv said so.", "Government sources in Kyiv said",
     ("Government sources", "", ANONYMOUS, "group", 0.6)),
    ("Three soldiers said so.", "Three soldiers said", ("Three soldiers", "", MILITARY, "group", 0.6)),
    ("Officials, who were not authorised to speak, said so.", "Officials, who were not authorised to speak, said",
     ("Officials", "", ANONYMOUS, "group", 0.6)),
    ("Diplomats at the UN said so.", "Diplomats at the UN said", ("Diplomats", "", ANONYMOUS, "group", 0.6)),
    ("Information from Western intelligence agencies suggests so.", "Information from Western intelligence agencies",
     ("Western intelligence agencies", "", ANONYMOUS, "group", 0.6)),
    ("It said so.", "It said", ("It", "", OTHER, "group", 0.3)),
    ("The man, who declined to be named, said so.", "The man, who declined to be named, said",
     ("man", "", ANONYMOUS, "group", 0.6)),
    # Organisations: an acronym, with what it stands for as its role, or "... Center".
    ("The Korean Central News Agency (KCNA) reported it. KCNA said so.", "KCNA said",
     ("KCNA", "The Korean Central News Agency", STATE_MEDIA, "organisation", 0.8)),
    ("The Korean Central News Agency (KCNA) reported it.", "The Korean Central News Agency (KCNA) reported",
     ("KCNA", "Korean Central News Agency", STATE_MEDIA, "organisation", 0.8)),
    ("An analysis by the Open Source Center agrees.", "An analysis by the Open Source Center",
     ("Open Source Center", "", EXPERT, "organisation", 0.8)),
    ("The NATO Council said so.", "The NATO Council said", ("NATO Council", "", GOVERNMENT, "organisation", 0.8)),
    ("According to Reuters, it rose.", "According to Reuters", ("Reuters", "", OTHER, "surname", 0.4)),
])
def test_groups_documents_and_organisations(text, quote, expected):
    assert speaker(text, quote) == expected


def test_an_acronym_on_the_list_of_non_organisations_is_passed_over():
    # "UN" is on the list with "US", "EU", "TV": the next acronym is the source.
    found = speaker("The UN and KCNA said so.", "The UN and KCNA said")
    assert (found[0], found[2], found[3]) == ("KCNA", STATE_MEDIA, "organisation")


def test_the_subject_speaks_not_the_person_told():
    text = "Anna Berg came. Ivan Petrov came. Berg told Petrov so. Petrov informed Berg."
    assert speaker(text, "Berg told Petrov")[:2] == ("Anna Berg", "")
    assert speaker(text, "Petrov informed Berg")[0] == "Ivan Petrov"


@pytest.mark.parametrize(("words", "as_group", "as_person"), [
    ("state-run television", STATE_MEDIA, STATE_MEDIA),
    ("Xinhua said", STATE_MEDIA, STATE_MEDIA),
    ("Rodong Sinmun", STATE_MEDIA, STATE_MEDIA),
    ("the Kremlin", GOVERNMENT, GOVERNMENT),
    ("White House", GOVERNMENT, GOVERNMENT),
    ("Intelligence Service", GOVERNMENT, GOVERNMENT),
    # A plural group is anonymous; one named official is not.
    ("diplomats", ANONYMOUS, GOVERNMENT),
    ("official", GOVERNMENT, GOVERNMENT),
    ("senior official", GOVERNMENT, GOVERNMENT),
    ("officials", ANONYMOUS, OTHER),
    ("sources", ANONYMOUS, OTHER),
    ("people familiar", ANONYMOUS, OTHER),
    ("colonel", MILITARY, MILITARY),
    ("troops", MILITARY, MILITARY),
    ("Air Force", MILITARY, MILITARY),
    ("professor", EXPERT, EXPERT),
    ("think tank", EXPERT, EXPERT),
    ("university", EXPERT, EXPERT),
    # A document speaks for its authors; a person's role is never a document.
    ("report", DOCUMENT, OTHER),
    ("survey", DOCUMENT, OTHER),
    ("weather", OTHER, OTHER),
])
def test_kinds_of_source(words, as_group, as_person):
    assert speaker_type(words) == as_group
    assert speaker_type(words, person=True) == as_person


def test_what_a_speaker_says_about_itself():
    found = infer_speaker(PEOPLE, PEOPLE.index("She said"), PEOPLE.index("She said") + 8)
    assert found.as_json() == {"speaker": "Anna Berg", "role": "Expert", "speaker_type": EXPERT,
                               "method": "pronoun", "confidence": 0.7, "inferred": True}
    assert found.as_attributes() == {"speaker": "Anna Berg", "speaker_type": EXPERT, "speaker_status": "inferred"}
    nobody = Speaker("")
    assert nobody.as_json() == {"speaker": "", "role": "", "speaker_type": OTHER, "method": "unresolved",
                                "confidence": 0.0, "inferred": True}
    assert nobody.as_attributes() == {}


def test_possessives_and_appositions_give_the_role():
    text = ("Margarete Klein, head of the Russia and Eurasia research group at the SWP, spoke. "
            "Russia expert Margaret Klein is convinced. Klein’s view is clear. Klein notes this.")
    resolver = SpeakerResolver(text)
    roles = [(text[m.start:m.end], m.full, m.role) for m in resolver.mentions]
    assert roles == [
        ("Margarete Klein", True, "head of the Russia and Eurasia research group at the SWP"),
        ("Margaret Klein", True, "Russia expert"),
        ("Klein", False, ""),
        ("Klein", False, ""),
    ]
    assert speaker(text, "Klein notes") == ("Margarete Klein", "head of the Russia and Eurasia research group at the SWP",
                                            EXPERT, "surname", 0.85)


@pytest.mark.parametrize("text", [
    "Anna Jones came. Jones’ view is clear.",
    "Anna Jones came. Jones' view is clear.",
    "Anna Berg came. Berg's view is clear.",
    "Anna Berg came. Berg’s view is clear.",
    "Anna Berg came. Later we met Berg.",
])
def test_a_surname_with_a_possessive_or_a_full_stop_is_still_a_mention(text):
    mentions = SpeakerResolver(text).mentions
    assert [(text[m.start:m.end], m.person.name, m.full) for m in mentions][1:] == [
        (text.split()[1], text.split()[0] + " " + text.split()[1].rstrip("."), False)]


def test_a_family_name_first_spelt_with_or_without_a_hyphen_is_one_person():
    resolver = SpeakerResolver("Kim Jong Un came. Kim Jong-un spoke. Kim Jong-il died.")
    assert resolver.people["Kim Jong-un"].name == "Kim Jong Un"
    assert resolver.people["Kim Jong-il"].name == "Kim Jong-il"


@pytest.mark.parametrize(("text", "people"), [
    # Given names that share their first four letters or more are one person spelt two ways ...
    ("Natalia Petrova came. Natalya Petrova spoke.", {"Natalia Petrova": "Natalia Petrova",
                                                      "Natalya Petrova": "Natalia Petrova"}),
    ("Yuri Ivanov came. Yuriy Ivanov spoke.", {"Yuri Ivanov": "Yuri Ivanov", "Yuriy Ivanov": "Yuri Ivanov"}),
    # ... three are not enough.
    ("Yuri Ivanov came. Yury Ivanov spoke.", {"Yuri Ivanov": "Yuri Ivanov", "Yury Ivanov": "Yury Ivanov"}),
])
def test_a_given_name_spelt_another_way_is_the_same_person(text, people):
    assert {key: person.name for key, person in SpeakerResolver(text).people.items()} == people


def test_a_full_stop_ends_a_run_of_capitalised_words_even_after_the_first_word():
    # "Hello. Anna Berg" is not the name "Hello Anna Berg".
    assert list(SpeakerResolver("Hello. Anna Berg came.").people) == ["Anna Berg"]
    assert list(SpeakerResolver("Then came Hello. Anna Berg came.").people) == ["Anna Berg"]


@pytest.mark.parametrize(("text", "name"), [
    # "Then-President" and a possessive ("Japan’s") come before the name, never in it.
    ("Then-President Donald Trump said so.", "Donald Trump"),
    ("Meanwhile Japan’s Prime Minister Shigeru Ishiba said so.", "Shigeru Ishiba"),
])
def test_words_before_a_name_are_not_part_of_it(text, name):
    assert list(SpeakerResolver(text).people) == [name]


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Japan's Prime Minister Shigeru Ishiba said so.", "Shigeru Ishiba", "Japan's Prime Minister"),
    ("Farmers’ Leader Ivan Petrov said so.", "Ivan Petrov", "Farmers’ Leader"),
    ("Commander of the Southern Group of Forces Colonel Ivan Petrov spoke.", "Ivan Petrov",
     "Commander of the Southern Group of Forces Colonel"),
    ("Deputy Minister for Defence Anna Berg spoke.", "Anna Berg", "Deputy Minister for Defence"),
    ("It was then-Ukrainian Defense Minister Rustam Umerov.", "Rustam Umerov", "then-Ukrainian Defense Minister"),
    # A lower-case role before a name makes an unknown given name a name ("Russia expert").
    ("Russia expert Tariq Odeh said so.", "Tariq Odeh", "Russia expert"),
    ("Russian Tariq Odeh said so.", "Tariq Odeh", "Russian"),
])
def test_the_titles_and_possessives_before_a_name_are_its_role(text, name, role):
    assert [(m.person.name, m.role) for m in SpeakerResolver(text).mentions] == [(name, role)]


def test_an_unknown_given_name_without_a_title_is_no_person():
    # The module's promise: "an unusual given name is found only after a title".
    assert SpeakerResolver("Meanwhile Tariq Odeh said so.").people == {}


def test_the_role_is_only_the_title_words_right_before_a_name():
    # Words walked over before a name that hold no role give none.
    for text in ("The minister thanked Kyiv’s Anna Berg today.", "Meanwhile Anna Berg spoke."):
        assert [m.role for m in SpeakerResolver(text).mentions] == [""]
    # A leading "the", "of" or "for" is not part of the role.
    for text, role in (("He met the Russia expert Tariq Odeh today.", "Russia expert"),
                       ("It was the office of Minister Tariq Odeh today.", "Minister"),
                       ("It was a vote for President Tariq Odeh today.", "President")):
        assert [m.role for m in SpeakerResolver(text).mentions] == [role]


@pytest.mark.parametrize(("text", "quote", "expected"), [
    # A name that ends its sentence: the full stop is not part of the name, so the cue-first
    # attribution ("says Anna Berg") holds the whole name and its title is stripped.
    ("Prices will rise, says Anna Berg.", "says Anna Berg", ("Anna Berg", "", OTHER, "name", 0.95)),
    ("Prices will rise, says Minister Tariq Odeh.", "says Minister Tariq Odeh",
     ("Tariq Odeh", "Minister", GOVERNMENT, "name", 0.95)),
    ("Prices will rise, says Anna Berg, an economist.", "says Anna Berg",
     ("Anna Berg", "an economist", EXPERT, "name", 0.95)),
])
def test_a_name_at_the_end_of_a_sentence_is_found_whole(text, quote, expected):
    assert speaker(text, quote) == expected


def test_a_mention_covers_the_name_without_its_full_stop_or_possessive():
    text = "It was then met by Anna Berg. Anna Berg’s view changed."
    assert [text[m.start:m.end] for m in SpeakerResolver(text).mentions] == ["Anna Berg", "Anna Berg"]


@pytest.mark.parametrize(("text", "quote", "expected"), [
    # The kind reads every role the person was given, not only the one shown.
    ("Dr. Anna Berg spoke. Deputy Minister Anna Berg spoke again. Berg said so.", "Berg said",
     ("Anna Berg", "Dr.", GOVERNMENT, "surname", 0.85)),
    # A person's role is never an anonymous source ("Open Source Center").
    ("Prices will rise, says Anna Berg, an analyst at the Open Source Center.", "says Anna Berg",
     ("Anna Berg", "an analyst at the Open Source Center", EXPERT, "name", 0.95)),
    # "the spokesperson" is the spokeswoman met before (roles compared by their first six letters).
    ("Spokeswoman Anna Berg spoke. The spokesperson said so.", "The spokesperson said",
     ("Anna Berg", "Spokeswoman", GOVERNMENT, "title", 0.75)),
    # Someone else named twice in between does not hide the colonel.
    ("Colonel Ivan Petrov spoke. Anna Berg came. Berg said. The colonel said so.", "The colonel said",
     ("Ivan Petrov", "Colonel", MILITARY, "title", 0.75)),
])
def test_roles_decide_the_kind_and_who_a_title_means(text, quote, expected):
    assert speaker(text, quote) == expected
