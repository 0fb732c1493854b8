"""Speakers inferred from an attribution span and its document."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.model.speakers import (
    ANONYMOUS,
    DOCUMENT,
    EXPERT,
    GOVERNMENT,
    MILITARY,
    STATE_MEDIA,
    SpeakerResolver,
    infer_speaker,
    name_key,
)


def speaker_of(text: str, quote: str, occurrence: int = 1):
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return infer_speaker(text, start, start + len(quote))


TEXT = (
    '"He wants Ukraine to surrender," says Margarete Klein, head of the Russia and Eurasia research group at the SWP. '
    "Russian President Vladimir Putin met Kim Jong Un. "
    '"This assistance is central," Klein notes. Supplies matter, she adds. '
    "Meanwhile Ukrainian President Volodymyr Zelensky spoke to journalists. Regarding the army, he said: \"No.\" "
    "The researcher said the shells were poor. Officials said nothing. "
    "Commander of Ukraine’s Defence Intelligence Directorate Lieutenant General Kyrylo Budanov has singled out the guns."
)


def test_full_name_in_the_span():
    found = speaker_of(TEXT, "says Margarete Klein")
    assert (found.name, found.method, found.speaker_type) == ("Margarete Klein", "name", EXPERT)
    assert found.role.startswith("head of the Russia and Eurasia research group") and found.inferred


def test_surname_resolves_to_the_full_name_met_earlier():
    found = speaker_of(TEXT, "Klein notes")
    assert (found.name, found.method) == ("Margarete Klein", "surname")


def test_pronouns_resolve_to_the_last_person_of_that_gender():
    # "she adds": Putin and Kim were named after Klein, but neither is a woman.
    assert speaker_of(TEXT, "she adds").name == "Margarete Klein"
    found = speaker_of(TEXT, "he said")
    assert (found.name, found.method, found.speaker_type) == ("Volodymyr Zelensky", "pronoun", GOVERNMENT)


def test_a_title_or_role_resolves_to_the_person_who_had_it():
    found = speaker_of(TEXT, "The researcher said")
    assert (found.name, found.method) == ("Margarete Klein", "title")


def test_titles_are_stripped_and_kept_as_the_role():
    found = speaker_of(TEXT, "Commander of Ukraine’s Defence Intelligence Directorate Lieutenant General Kyrylo Budanov "
                             "has singled out")
    assert (found.name, found.speaker_type) == ("Kyrylo Budanov", MILITARY)
    assert found.role == "Commander of Ukraine’s Defence Intelligence Directorate Lieutenant General"


def test_anonymous_groups_and_documents():
    assert (speaker_of(TEXT, "Officials said").name, speaker_of(TEXT, "Officials said").speaker_type) == \
        ("Officials", ANONYMOUS)
    text = "A senior official, who spoke on condition of anonymity, said so. By some estimates it grew. Reports emerged."
    assert speaker_of(text, "A senior official, who spoke on condition of anonymity, said").speaker_type == ANONYMOUS
    found = speaker_of(text, "By some estimates")
    assert (found.name, found.speaker_type) == ("estimates", DOCUMENT)


def test_organisations_and_state_media():
    text = ("South Korea's National Intelligence Service (NIS) told lawmakers. The NIS estimated more. "
            "according to North Korea's state news agency KCNA. An analysis by the Open Source Center agrees.")
    nis = speaker_of(text, "The NIS estimated")
    assert (nis.name, nis.method, nis.speaker_type) == ("NIS", "organisation", GOVERNMENT)
    kcna = speaker_of(text, "according to North Korea's state news agency KCNA")
    assert (kcna.name, kcna.speaker_type, kcna.role) == ("KCNA", STATE_MEDIA, "North Korea's state news agency")
    assert speaker_of(text, "An analysis by the Open Source Center").name == "Open Source Center"


def test_the_subject_speaks_not_the_person_addressed():
    text = "Russian President Vladimir Putin met Chairman Kim Jong Un. The Russian president informed Chairman Kim."
    assert speaker_of(text, "The Russian president informed Chairman Kim").name == "Vladimir Putin"


def test_a_misspelt_name_is_the_same_person():
    text = "says Margarete Klein. Later, Russia expert Margaret Klein is convinced."
    found = speaker_of(text, "Russia expert Margaret Klein is convinced")
    assert (found.name, found.method) == ("Margarete Klein", "variant")


def test_family_name_first():
    text = "North Korean leader Kim Jong-un spoke. Later Kim said more."
    found = speaker_of(text, "Kim said")
    assert (found.name, found.speaker_type) == ("Kim Jong-un", GOVERNMENT)
    assert name_key("Kim Jong-un") == name_key("Kim Jong Un")


def test_nothing_to_go_on_is_said_plainly():
    found = speaker_of("It rained. She said so.", "She said")
    assert found.name == "" and found.method == "unresolved" and found.confidence == 0.0


def test_people_found_in_a_document():
    resolver = SpeakerResolver(TEXT)
    names = {p.name: p.gender for p in resolver.people.values()}
    assert names == {"Margarete Klein": "f", "Vladimir Putin": "m", "Kim Jong Un": "", "Volodymyr Zelensky": "m",
                     "Kyrylo Budanov": "m"}


@given(st.text(max_size=200), st.data())
def test_any_text_and_span_gives_an_answer(text, data):
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    found = infer_speaker(text, start, end)
    assert isinstance(found.name, str) and 0.0 <= found.confidence <= 1.0


def test_what_tagging_stores():
    found = speaker_of(TEXT, "Klein notes")
    assert found.as_attributes() == {"speaker": "Margarete Klein", "speaker_type": EXPERT, "speaker_status": "inferred"}
    assert speaker_of("It rained. She said so.", "She said").as_attributes() == {}


def test_a_very_long_document_is_read_around_the_span_only():
    import time

    filler = "the fighting went on and on for many weeks in the region. " * 100_000  # about 6 MB
    text = filler + "Expert Margarete Klein spoke first. " + filler[:10_000] + "Later Klein notes this."
    start = text.rindex("Klein notes")
    began = time.perf_counter()
    found = infer_speaker(text, start, start + len("Klein notes"))
    assert time.perf_counter() - began < 0.5
    assert (found.name, found.method) == ("Margarete Klein", "surname")
    # Named further back than the window reads, the surname alone is all there is, weakly.
    far = filler + "Expert Margarete Klein spoke first. " + filler[:30_000] + "Later Klein notes this."
    start = far.rindex("Klein notes")
    alone = infer_speaker(far, start, start + len("Klein notes"))
    assert (alone.name, alone.method, alone.confidence) == ("Klein", "surname", 0.4)
