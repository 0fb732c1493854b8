"""Who speaks in an attribution: the normalised speaker, inferred from the span and its document.

"says Margarete Klein" names her; "Klein notes" and "Researcher Klein" give a surname
met earlier as a full name; "the researcher" and "the Russian president" give a role met
earlier with a name; "she adds" and "he said" give the last person mentioned of that
gender; "officials said", "reports", "KCNA" are groups, documents and organisations.
Titles are stripped ("Lieutenant General Kyrylo Budanov" -> "Kyrylo Budanov") and kept
as the role. Everything here is inferred and says so: a person confirms or corrects it.

Limits, plainly: names are found by capitalisation and a short list of given names
(about 200, European and post-Soviet, with East Asian family names written first), so
an unusual given name is found only after a title ("Minister X Y"). Gender comes from
that list alone: a name not on it has no gender, and a pronoun then resolves to the
last person of known matching gender, with lower confidence. English only.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .cues import REPORTING

GOVERNMENT, MILITARY, EXPERT, STATE_MEDIA, ANONYMOUS, DOCUMENT, OTHER = (
    "government", "military", "expert", "state media", "anonymous", "document", "other",
)
SPEAKER_TYPES = (GOVERNMENT, MILITARY, EXPERT, STATE_MEDIA, ANONYMOUS, DOCUMENT, OTHER)

_FEMALE = """
Margarete Margaret Maria Marie Anna Annalena Angela Ursula Kaja Kamala Hillary Marine Giorgia Elena Natalia
Natalya Iryna Irina Oksana Svetlana Kristina Sarah Sara Emma Olena Yulia Julia Tatiana Tatyana Olga Liz Elizabeth
Theresa Nicola Yvette Priti Rachel Jacinda Sanna Mette Kristalina Christine Ruth Hanna Hannah Ekaterina Yekaterina
Valentina Lyudmila Alina Daria Darya Victoria Viktoria Nadia Nadiya Anne Jane Mary Susan Linda Karin Katarina
Agnieszka Beata Zuzana Roberta Tulsi Nikki Kristi Laura Claudia Sabine Andrea Ewa Inna Marta Maia
""".split()  # noqa: SIM905 (a word list reads better as words)
_MALE = """
Vladimir Volodymyr Kyrylo Alexander Oleksandr Aleksandr Sergei Sergey Serhiy Serhii Rustam Johann Olaf Friedrich
Donald Joe Emmanuel Keir Boris Dmitry Dmitri Dmytro Andriy Andrii Andrei Andrey Mykhailo Mikhail Denys Denis Valery
Valerii Yuri Yury Yuriy Viktor Victor Igor Ihor Pavel Pavlo Nikolai Mykola Antony Anthony Marco Mark John Michael
David James Robert William Pete Peter Thomas Frank Jens Lloyd Jake Rishi Justin Fumio Shigeru Recep Narendra Benjamin
Ramzan Yevgeny Evgeny Maxim Maksym Oleg Oleh Roman Ruslan Anatoly Anatoliy Konstantin Kostiantyn Petro Petr Ivan
Alexei Alexey Oleksiy Oleksii Vitali Vitaliy Vadym Vadim Arseniy Leonid Gennady Taras Bohdan Dmitriy Gerhard
Wolfgang Helmut Jeremy Tony Gordon Nigel George Barack Bill Hans Karl Klaus Stefan Markus Lars Mario
""".split()  # noqa: SIM905
GIVEN_NAMES = {**{name: "f" for name in _FEMALE}, **{name: "m" for name in _MALE}}
# Written family name first ("Kim Jong Un", "Xi Jinping"): the first word is the surname.
_FAMILY_FIRST = {"Kim", "Xi", "Li", "Wang", "Zhang", "Choe", "Choi", "Pak", "Park", "Ri", "Lee", "Yoon", "Moon",
                 "Hu", "Liu", "Chen", "Jiang", "Mao", "Deng"}
# Capitalised words that may stand before a name without being part of it.
_TITLE_WORDS = {
    "president", "vice", "prime", "minister", "foreign", "defence", "defense", "interior", "finance", "secretary",
    "security", "council", "chairman", "chairwoman", "chair", "commander", "commander-in-chief", "supreme", "chief",
    "lieutenant", "general", "colonel", "major", "captain", "admiral", "marshal", "sergeant", "intelligence",
    "directorate", "expert", "researcher", "analyst", "professor", "prof", "dr", "mr", "mrs", "ms", "sir", "leader",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "senator", "chancellor", "party", "state",
    "deputy", "head", "director", "governor", "mayor", "king", "queen", "pope", "premier", "general-secretary",
    "russian", "ukrainian", "german", "american", "us", "u.s.", "north", "south", "korean", "chinese", "iranian",
    "british", "french", "european", "western", "kremlin", "white", "house", "eurasia", "russia", "ukraine",
    "then", "former", "ex", "acting", "armed", "forces", "army", "navy", "staff", "joint", "workers", "military",
    "senior", "top", "regime", "the",
}
_NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i",
    "but", "and", "or", "if", "as", "for", "even", "however", "meanwhile", "following", "regarding", "according",
    "after", "before", "during", "since", "while", "when", "there", "here", "what", "which", "who", "kiev",
    "kyiv", "moscow", "beijing", "washington", "alaska", "kursk", "zaporozhye", "zaporizhzhia", "china", "iran",
    "korea", "russia", "ukraine", "europe", "germany", "dw", "kcna", "swp", "nato", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "overall", "supplies", "researcher",
}
# Titles that say a person's name follows ("Minister Rustam Umerov"), unlike "Defense Industry".
_PERSON_TITLES = {
    "president", "minister", "secretary", "chairman", "chairwoman", "commander", "commander-in-chief", "general",
    "lieutenant", "colonel", "major", "captain", "admiral", "marshal", "sergeant", "expert", "researcher",
    "analyst", "professor", "prof", "dr", "mr", "mrs", "ms", "sir", "leader", "spokesman", "spokeswoman",
    "spokesperson", "ambassador", "envoy", "senator", "chancellor", "deputy", "director", "governor", "mayor",
    "premier", "king", "queen", "pope", "chief", "head",
}
# Role nouns written in lower case before or after a name ("Russia expert Margaret Klein").
_ROLE_NOUNS = {
    "president", "chairman", "chairwoman", "minister", "researcher", "expert", "analyst", "general", "commander",
    "leader", "secretary", "spokesman", "spokeswoman", "spokesperson", "official", "head", "chief", "ambassador",
    "professor", "director", "envoy", "governor", "mayor", "chancellor", "adviser", "advisor", "economist",
    "historian", "scholar", "journalist", "correspondent", "editor", "colonel", "officer", "diplomat", "lawmaker",
    "senator", "deputy", "premier", "fellow", "founder", "executive", "lecturer", "scientist", "activist",
}
_ORG_HEADS = {"center", "centre", "institute", "agency", "foundation", "university", "ministry", "office",
              "service", "council", "command", "group", "committee", "fund", "bank", "news", "times", "post",
              "network", "bureau", "commission", "department", "forum", "observatory", "project", "review"}
_ACRONYM_NOT_ORGS = {"US", "UK", "USA", "EU", "UN", "I", "II", "III", "TV", "AI", "OK", "MP", "PM"}
_GROUP_NOUNS = {"officials", "sources", "source", "diplomats", "insiders", "people", "observers", "residents",
                "witnesses", "aides", "officers", "analysts", "experts", "lawmakers", "agencies", "services"}
_DOCUMENT_NOUNS = {"report", "reports", "estimate", "estimates", "statement", "statements", "analysis", "figures",
                   "data", "study", "studies", "documents", "document", "survey", "assessment", "assessments",
                   "images", "imagery", "footage", "records", "information", "research", "calculations", "poll"}
_STATE_MEDIA = re.compile(r"(?i)\b(?:state(?:-run|-owned)?\s+(?:news|media|television|tv|broadcaster|agency|outlet)s?"
                          r"|state\s+news\s+agency|kcna|tass|ria\s+novosti|ria|xinhua|rodong\s+sinmun|rossiya|"
                          r"channel\s+one|global\s+times|cctv|sputnik|rt)\b")
_GOVERNMENT = re.compile(r"(?i)\b(?:(?:national\s+)?intelligence\s+(?:service|agency)|president|minister|ministry|"
                         r"chairman|chairwoman|secretary|spokes\w*|government|"
                         r"kremlin|official|prime|ambassador|envoy|leader|party|council|parliament|mayor|governor|"
                         r"chancellor|white\s+house|state\s+department|foreign\s+office|cabinet|premier|senator|"
                         r"lawmaker|deputy|diplomat\w*)\b")
_MILITARY = re.compile(r"(?i)\b(?:general|commander\S*|colonel|major|captain|admiral|marshal|sergeant|army|armed\s+"
                       r"forces|military|troops|soldier\w*|intelligence|defen[cs]e\s+forces|brigade|regiment|navy|"
                       r"air\s+force|general\s+staff|officer)\b")
_EXPERT = re.compile(r"(?i)\b(?:expert|research\w*|analyst|professor|prof|dr|scholar|economist|historian|scientist|"
                     r"fellow|lecturer|institute|university|think\s+tank|foundation|cent(?:er|re)|academy|"
                     r"observatory)\b")
_ANONYMOUS = re.compile(r"(?i)\b(?:sources?|officials|diplomats|insiders|people\s+familiar|aides|anonymity|"
                        r"unnamed|agencies|intelligence\s+services)\b")
_DOCUMENTS = re.compile(r"(?i)\b(?:" + "|".join(sorted(_DOCUMENT_NOUNS)) + r")\b")

_EXPANSION = re.compile(r"((?:[A-Z][\w’'-]*\s+)(?:(?:of|for|and|the|on)\s+|[A-Z][\w’'-]*\s+)*?[A-Z][\w’'-]*)"
                        r"\s+\(([A-Z][A-Z&]{1,7})\)")
_ORGANISATION = re.compile(r"(?:[A-Z][\w’'-]*\s+)*(?:of\s+|for\s+|and\s+)?(?:[A-Z][\w’'-]*\s+)*[A-Z][\w’'-]*")
_UNNAMED = re.compile(r"(?i)\banonymity\b|\bunnamed\b|not\s+authori[sz]ed|declined\s+to\s+be\s+(?:named|identified)")
_WORD = re.compile(r"[^\W\d_][\w’'.-]*")
# A word that may be capitalised (ASCII lower case ruled out early, the rest checked after).
_CAPITALISED = re.compile(r"(?<![\w’'.-])[^\W\d_a-z][\w’'.-]*")
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "they": "plural", "them": "plural"}
_CUT = {"have", "has", "had", "is", "are", "was", "were", "in", "on", "at", "during", "emerged", "indicating",
        "indicate", "indicated", "show", "shows", "showed", "suggesting", "that", "who", "which", "with"}
# The verbs of the lexer's reporting phrases; the other words of its source phrases
# ("by some estimates", "its own officials", "was convinced") are not cues on their own.
_CUES = {word for phrase in REPORTING for word in phrase.split()} - {
    "to", "in", "an", "with", "interview", "am", "are", "is", "was", "were", "be", "by", "have", "its", "their",
    "one", "other", "most", "several", "some", "own", "official", "conservative"}
_LEADING = re.compile(r"(?i)^(?:(?:(?:according\s+to|by|from|in|as|per|citing|cited\s+by)\b|"
                      r"(?:some|various|several|many|the|a|an|these|those|other)\b|"
                      r"(?:information|data|an?\s+analysis|a\s+report|reports?|a\s+statement|statements)"
                      r"\s+(?:from|by|of))\s*)+")


@dataclass(frozen=True)
class Person:
    """A person named in the document by a full name."""

    name: str  # "Margarete Klein", "Kim Jong Un"
    surname: str
    gender: str  # "f", "m" or "" (unknown)
    first: int  # offset of the first full mention


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    person: Person
    full: bool  # a full name, or the surname alone
    role: str  # title or appositive met here ("Lieutenant General", "head of the ... group")


@dataclass(frozen=True)
class Speaker:
    """An attribution's speaker. ``name`` is empty when nothing could be inferred."""

    name: str
    role: str = ""
    speaker_type: str = OTHER
    method: str = "unresolved"  # name, variant, surname, title, pronoun, organisation, group, unresolved
    confidence: float = 0.0
    inferred: bool = True  # True until a person confirms or edits it

    def as_attributes(self) -> dict:
        """The attributes to store on a newly tagged attribution (empty when nobody was
        found): ``speaker``, ``speaker_type`` and ``speaker_status`` = ``inferred``."""
        if not self.name:
            return {}
        return {"speaker": self.name, "speaker_type": self.speaker_type, "speaker_status": "inferred"}

    def as_json(self) -> dict:
        return {"speaker": self.name, "role": self.role, "speaker_type": self.speaker_type, "method": self.method,
                "confidence": self.confidence, "inferred": self.inferred}


def _cap(word: str) -> bool:
    return word[:1].isupper()


def _bare(word: str) -> str:
    # "Putin’s" -> "Putin", "Workers’" -> "Workers", "Kim." -> "Kim" (string tests: this runs per word)
    if word.endswith(("’s", "'s")):
        return word[:-2]
    if word.endswith(("’", "'", ".")):
        return word[:-1]
    return word


def name_key(name: str) -> str:
    """The key that makes "Kim Jong-un" and "Kim Jong Un" one speaker across documents."""
    return " ".join(re.sub(r"[-‐‑]", " ", name).casefold().split())


class SpeakerResolver:
    """The people of one document, found once, for resolving each of its attributions."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Only capitalised words can be names: the rest is read near a name, when needed.
        self.tokens = [(m.start(), m.end(), _bare(m.group())) for m in _CAPITALISED.finditer(text)
                       if m.group()[0].isupper()]
        self.people: dict[str, Person] = {}
        self.mentions: list[Mention] = []
        # "National Intelligence Service (NIS)": what an acronym stands for, to type it later.
        self.acronyms = {m.group(2): m.group(1) for m in _EXPANSION.finditer(text)}
        self._find_people()
        self._starts = [m.start for m in self.mentions]

    # -- finding people ------------------------------------------------------------------
    def _runs(self):
        """Runs of capitalised words separated by single spaces."""
        tokens, text = self.tokens, self.text
        i = 0
        while i < len(tokens):
            j = i + 1
            while j < len(tokens) and text[tokens[j - 1][1]:tokens[j][0]] == " " \
                    and not text[tokens[j - 1][0]:tokens[j - 1][1]].endswith((".", ",")):
                j += 1
            yield i, j
            i = j

    def _name_in(self, i: int, j: int) -> tuple[int, int] | None:
        """The name inside the run ``tokens[i:j]``, as token indices, if there is one."""
        words = [t[2] for t in self.tokens[i:j]]
        k = 0
        # Sentence openers ("Meanwhile"), titles and nationalities come before the name.
        while k < len(words) and (words[k].lower() in _TITLE_WORDS or words[k].lower() in _NOT_NAMES
                                  or words[k].lower().startswith("then-") or self._possessive(i + k)):
            k += 1
        name = words[k:]
        if len(name) > 3:
            name = name[:3]
        if not 2 <= len(name) <= 3 or any(w.lower() in _NOT_NAMES or w.lower() in _TITLE_WORDS
                                          or w.lower().rstrip("s") in _ORG_HEADS | _ROLE_NOUNS for w in name):
            return None
        titled = any(w.lower() in _PERSON_TITLES for w in words[:k]) or self._role_before(self.tokens[i + k][0]) != ""
        if name[0] in GIVEN_NAMES or name[0] in _FAMILY_FIRST or titled:
            return i + k, i + k + len(name)
        return None

    def _possessive(self, index: int) -> bool:
        """ "Ukraine’s", "Workers’": whose, never a name's first word."""
        start, end, _ = self.tokens[index]
        return self.text[start:end].endswith(("’s", "'s", "’"))

    def _role_before(self, offset: int) -> str:
        """Title and role words right before ``offset``: "Lieutenant General",
        "Commander of Ukraine's Defence Intelligence Directorate", "North Korean leader"."""
        text = self.text
        tokens = [(m.start(), m.end(), _bare(m.group())) for m in _WORD.finditer(text, max(0, offset - 300), offset)]
        index = len(tokens)
        k = index - 1
        while k >= 0 and index - k <= 10:
            word = tokens[k][2]
            gap = text[tokens[k][1]:tokens[k + 1][0] if k + 1 < index else offset]
            if gap not in (" ", "-"):
                break
            lower = word.lower()
            if _cap(word) or lower in _ROLE_NOUNS or lower in ("of", "the", "for") or lower.startswith("then-"):
                k -= 1
                continue
            break
        first = k + 1
        while first < index and tokens[first][2].lower() in ("of", "the", "for"):
            first += 1
        words = [tokens[x][2].lower() for x in range(first, index)]
        if not any(w in _ROLE_NOUNS or w in _TITLE_WORDS and w not in ("the",) for w in words):
            return ""
        return text[tokens[first][0]:tokens[index - 1][1]] if first < index else ""

    def _role_after(self, end: int) -> str:
        """An appositive role: ", head of the Russia and Eurasia research group at the SWP"."""
        m = re.match(r",\s+((?:the\s+|a\s+|an\s+)?([\w-]+)[^,.;:\"“”]{0,100})", self.text[end:end + 120])
        if m and m.group(2).lower() in _ROLE_NOUNS:
            return m.group(1).strip()
        return ""

    def _find_people(self) -> None:
        tokens = self.tokens
        found: list[tuple[int, int]] = []
        for i, j in self._runs():
            span = self._name_in(i, j)
            if span:
                found.append(span)
        for a, b in found:
            words = [tokens[x][2] for x in range(a, b)]
            family_first = words[0] in _FAMILY_FIRST and words[0] not in GIVEN_NAMES
            surname = words[0] if family_first else words[-1]
            name = " ".join(words)
            same = [p for p in self.people.values() if p.surname == surname]
            # "Margaret Klein" after "Margarete Klein": one person, spelt as first met.
            if not any(p.name == name for p in same):
                variant = next((p for p in same if _similar_given(p.name, name, family_first)), None)
                if variant is None:
                    gender = "" if family_first else GIVEN_NAMES.get(words[0], "")
                    self.people[name] = Person(name, surname, gender, tokens[a][0])
                else:
                    self.people[name] = variant
        by_surname: dict[str, Person] = {}
        for person in sorted(set(self.people.values()), key=lambda p: p.first):
            by_surname.setdefault(person.surname, person)
        full_at = {tokens[a][0]: (a, b) for a, b in found}
        mentions = []
        for start, _end, word in tokens:
            if start in full_at:
                a, b = full_at[start]
                name = " ".join(t[2] for t in tokens[a:b])
                role = self._role_before(start) or self._role_after(tokens[b - 1][1])
                # The name ends where its last word does, without a full stop or "’s" after it.
                end = tokens[b - 1][0] + len(tokens[b - 1][2])
                mentions.append(Mention(start, end, self.people[name], True, role))
            elif word in by_surname and not any(m.start <= start < m.end for m in mentions[-1:]):
                role = self._role_before(start)
                mentions.append(Mention(start, start + len(word), by_surname[word], False, role))
        self.mentions = mentions

    # -- resolving -----------------------------------------------------------------------
    def roles(self, person: Person) -> list[str]:
        return [m.role for m in self.mentions if m.person == person and m.role]

    def resolve(self, start: int, end: int) -> Speaker:
        """The speaker of the attribution ``text[start:end]``."""
        start, end = self._subject(start, end)
        span = self.text[start:end]
        first = bisect_left(self._starts, start)
        inside = []
        for m in self.mentions[first:]:
            if m.start >= end:
                break
            if m.end <= end:
                inside.append(m)
        if inside:
            mention = next((m for m in inside if m.full), inside[0])
            person = mention.person
            before = person.first < start or mention.full
            written = self.text[mention.start:mention.end]
            method = ("name" if written == person.name else "variant") if mention.full else "surname"
            confidence = {"name": 0.95, "variant": 0.85, "surname": 0.85 if before else 0.6}[method]
            role = mention.role or next(iter(self.roles(person)), "")
            return self._person_speaker(person, role, method, confidence)
        titled = self._by_title(span, start)
        if titled:
            return titled
        organisation = self._organisation(span)
        if organisation:
            return organisation
        words = [w.lower() for w in re.findall(r"[^\W\d_]+", span)]
        pronoun = next((w for w in words if w in _PRONOUNS and w in ("he", "she", "they")), None)
        if pronoun and pronoun != "they":
            return self._by_pronoun(_PRONOUNS[pronoun], start)
        return self._group(span)

    def _subject(self, start: int, end: int) -> tuple[int, int]:
        """The part of the span that names the speaker: what comes before its reporting
        verb ("the Russian president informed Chairman Kim": the president, not Kim),
        unless nothing does ("says Margarete Klein", "according to KCNA")."""
        span = self.text[start:end]
        for m in re.finditer(r"[^\W\d_]+", span):
            word = m.group().lower()
            if word in _CUES and word not in _DOCUMENT_NOUNS and word not in ("to", "according"):
                before = span[:m.start()].strip()
                if re.search(r"(?i)\b(?:is|are|was|were|been|be)\s+$", span[:m.start()]):
                    # Passive: "figures are confirmed by various sources": the speaker follows.
                    after = re.search(r"(?i)\bby\b", span[m.end():])
                    if after:
                        return start + m.end() + after.start(), end
                if re.search(r"[^\W\d_]{2,}", before) and not re.match(r"(?i)^according\b", before):
                    return start, start + len(span[:m.start()].rstrip())
                break
        return start, end

    def _person_speaker(self, person: Person, role: str, method: str, confidence: float) -> Speaker:
        every_role = " ".join([role, *self.roles(person)])
        return Speaker(person.name, role, speaker_type(every_role, person=True), method, confidence)

    def _by_title(self, span: str, start: int) -> Speaker | None:
        """ "the researcher", "the Russian president": the last person with that role."""
        m = re.search(r"(?i)\bthe\s+((?:[\w-]+\s+){0,2}?)(" + "|".join(sorted(_ROLE_NOUNS)) + r")\b", span)
        if not m:
            return None
        noun = m.group(2).lower()[:6]
        qualifiers = [w.lower() for w in m.group(1).split()]
        index = bisect_left(self._starts, start)
        # The nearest person before the span first; one named only later, weakly.
        seen: list[Person] = []
        for mention in [*reversed(self.mentions[:index]), *self.mentions[index:]]:
            if mention.person in seen:
                continue
            seen.append(mention.person)
            roles = " ".join(self.roles(mention.person)).lower()
            if noun in roles and all(q in roles for q in qualifiers):
                confidence = 0.75 if mention.start < start else 0.5
                role = next((r for r in self.roles(mention.person) if noun in r.lower()), "")
                return self._person_speaker(mention.person, role, "title", confidence)
        return None

    def _by_pronoun(self, gender: str, start: int) -> Speaker:
        index = bisect_left(self._starts, start)
        passed_unknown = False
        for mention in reversed(self.mentions[:index]):
            if mention.person.gender == gender:
                confidence = 0.5 if passed_unknown else 0.7
                role = next(iter(self.roles(mention.person)), "")
                return self._person_speaker(mention.person, role, "pronoun", confidence)
            if not mention.person.gender:
                passed_unknown = True
        # Nobody of that gender: the last person of unknown gender, weakly.
        for mention in reversed(self.mentions[:index]):
            if not mention.person.gender:
                role = next(iter(self.roles(mention.person)), "")
                return self._person_speaker(mention.person, role, "pronoun", 0.35)
        return Speaker("", method="unresolved")

    def _organisation(self, span: str) -> Speaker | None:
        """A named organisation or outlet: an acronym ("KCNA") or "... Center", "... Institute"."""
        for m in re.finditer(r"\b[A-Z][A-Z&]{1,7}\b", span):
            if m.group() in _ACRONYM_NOT_ORGS or re.match(r"\s+[A-Z]", span[m.end():]):
                continue
            role = span[:m.start()].strip()
            role = _LEADING.sub("", re.sub(r"(?i)^.*?\baccording\s+to\s+", "", role)).strip(" ,(")
            if not role or role.lower() in ("the", "a", "an"):
                role = self.acronyms.get(m.group(), "")
            words = f"{role} {self.acronyms.get(m.group(), '')} {m.group()}"
            return Speaker(m.group(), role, speaker_type(words, person=True), "organisation", 0.8)
        for m in _ORGANISATION.finditer(span):
            words = m.group().split()
            if len(words) >= 2 and words[-1].lower() in _ORG_HEADS:
                while words and (words[0].lower() in ("the", "according") or words[0].lower() in _CUES):
                    words = words[1:]
                if len(words) >= 2:
                    name = " ".join(words)
                    # A proper name: "Open Source Center" is not an anonymous source.
                    return Speaker(name, "", speaker_type(name, person=True), "organisation", 0.8)
        return None

    def _group(self, span: str) -> Speaker:
        """A group or a text standing for its authors: "officials", "Russian government
        sources", "some estimates", "reports"."""
        phrase = _LEADING.sub("", span.strip()).strip(" ,.;:")
        kept = []
        for word in phrase.split():
            bare = word.strip(",.;:“”\"").lower()
            cue = bare in _CUES and bare not in _DOCUMENT_NOUNS  # "reports" is a noun here
            if kept and (bare in _CUT or cue) or bare in ("according",):
                break
            if cue:
                continue
            kept.append(word.strip(",.;:“”\""))
        name = " ".join(kept)
        name = _LEADING.sub("", name).strip()
        if not name or name.lower() in _PRONOUNS:
            return Speaker("", method="unresolved")
        lowered = name.lower().split()
        if len(lowered) <= 3 and all(_cap(w) and w.lower() not in _NOT_NAMES for w in name.split()) \
                and not _ANONYMOUS.search(name) and not _DOCUMENTS.search(name):
            # A name never met in full ("Klein notes" with no Margarete Klein before it).
            return Speaker(name, "", speaker_type(name, person=True), "surname", 0.4)
        kind = speaker_type(name)
        if _UNNAMED.search(span):
            return Speaker(name, "", ANONYMOUS, "group", 0.6)
        plural_group = bool(lowered) and lowered[-1] in _GROUP_NOUNS
        if plural_group and kind in (OTHER, GOVERNMENT, MILITARY) and not _STATE_MEDIA.search(name):
            kind = ANONYMOUS
        return Speaker(name, "", kind, "group", 0.6 if (plural_group or kind != OTHER) else 0.3)


def _similar_given(known: str, new: str, family_first: bool) -> bool:
    a, b = known.split(), new.split()
    if family_first:
        return name_key(" ".join(a[1:])) == name_key(" ".join(b[1:]))
    given_a, given_b = a[0].lower(), b[0].lower()
    shared = 0
    for x, y in zip(given_a, given_b):
        if x != y:
            break
        shared += 1
    return shared >= 4 or given_a == given_b


def speaker_type(words: str, person: bool = False) -> str:
    """A guess at the kind of source from its role and name words (for counting source
    diversity): state media, government, military, expert, anonymous, document, other."""
    if _STATE_MEDIA.search(words):
        return STATE_MEDIA
    if not person and _ANONYMOUS.search(words) and not re.search(r"(?i)\bofficial\b(?!s)", words):
        return ANONYMOUS
    if _GOVERNMENT.search(words):
        return GOVERNMENT
    if _MILITARY.search(words):
        return MILITARY
    if _EXPERT.search(words):
        return EXPERT
    if not person and _DOCUMENTS.search(words):
        return DOCUMENT
    return OTHER


# How much of a document an attribution is read in: a news article whole, a 50 MB
# document only around the span (the people named in the 20,000 code points before it).
WINDOW_BEFORE, WINDOW_AFTER = 20_000, 2_000


def infer_speaker(text: str, start: int, end: int) -> Speaker:
    """The speaker of the attribution ``text[start:end]`` (call this when an attribution is
    tagged; for many attributions of one short document build one :class:`SpeakerResolver`).

    Only the text from ``WINDOW_BEFORE`` code points before the span to ``WINDOW_AFTER``
    after it is read, so that tagging in a very long document stays instant."""
    low = max(0, start - WINDOW_BEFORE)
    return SpeakerResolver(text[low:min(len(text), end + WINDOW_AFTER)]).resolve(start - low, end - low)
