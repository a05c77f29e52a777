"""People in one article: find every mention and resolve it to one person.

Three ways in, most reliable first: the actor dictionary (names, aliases, romanisations),
a title before a capitalised name ("Vice Marshal Jo Myong Rok"), and an appositive
("Choe Son Hui, North Korea's vice foreign minister"). Short mentions ("Pompeo", "Kim")
then resolve to the fullest name the article gives; an ambiguous surname goes to the
namesake mentioned in full most recently, else to the most senior one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Final

from .fastre import Anchored
from .lexicon import Lexicon, PersonEntry, fold, lexicon
from .text import Sentence

_NAME_TOKEN: Final = r"[A-Z][A-Za-zÀ-ɏ]*(?:-[A-Za-zÀ-ɏ]+)*\.?"  # noqa: S105 - a regex, not a secret
# a lower-case particle inside a name: "Badr al-Busaidi", "Faisal bin Farhan", "Ursula von der Leyen"
_PARTICLE_WORD: Final = r"(?:al|el|bin|ibn|bint|von|van|der|de|da|di|du|del|dos)"
_PARTICLE: Final = rf"(?:{_PARTICLE_WORD}(?:-|[ \t]+))?"
_AND_NAME_BEFORE: Final = re.compile(r"\b([A-Z][\w'-]+)\s+and\s+$")
_AND_NAME_AFTER: Final = re.compile(r"\s+and\s+([A-Z][\w'-]+)\b")
_LEADER_HINTS: Final = frozenset({"Chairman", "Leader", "President"})
_RUN: Final = re.compile(rf"{_NAME_TOKEN}(?:[ \t]+{_PARTICLE}{_NAME_TOKEN})*")
# Inside larger patterns a name is at most six tokens: an unbounded run followed by a
# required comma backtracks quadratically on hostile text ("Kim Kim Kim ...").
_NAME: Final = rf"{_NAME_TOKEN}(?:[ \t]+{_PARTICLE}{_NAME_TOKEN}){{0,5}}"
_NAME_AT: Final = re.compile(_NAME)
# "Nguyen Thi Kim Ngan, chairwoman of Vietnam's National Assembly": an office of a body after a name
_OFFICE_OF: Final = (
    r"(?:chairwoman|chairman|president|prime\s+minister|minister|speaker|secretary|director|head|ambassador|envoy"
    r"|governor|mayor)\s+of"
)
_COMMA_NAME: Final = re.compile(r",\s+(?=[A-Z])")
_POSSESSIVE: Final = re.compile(r"\A['\u2019]s?\b")
# compiled once: these run per token and per capitalised word
_WORD: Final = re.compile(r"\S+")
# "(?<![\w-])[A-Z][A-Za-zÀ-ɏ]+(?![\w-])" with the capital first, so that re skips to capitals in C: the
# look-behind, two characters wide after it, tests the character before the capital as before
_CAPITALISED: Final = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Za-zÀ-ɏ]+(?![\w-])")
_NAME_BEFORE: Final = re.compile(r"([A-Z][\w-]*)[ \t]+$")
_NAME_AFTER: Final = re.compile(r"[ \t]+([A-Z][\w-]*)")
_OWNER_S: Final = re.compile(r"['\u2019]s$")
# kin, and those who serve a principal: a name after "an aide to", "the sister of" is the principal
# (also the coder's test of who is not a party to a meeting)
KIN: Final = r"father|mother|son|daughter|sister|brother|wife|husband|uncle|aunt|grandfather|grandson|widow"
SERVES: Final = (
    r"envoy|envoys|adviser|advisor|aide|aides|spokes(?:man|woman|person)|emissary|emissaries|confidant|right-hand\s+man"
    r"|office"  # "the office of President Moon confirmed ...": his staff speak, he is no party
)
# "Kim Yong Chol, a close aide to North Korean leader Kim Jong Un, ...": a bare surname after it means
# the aide, the story's subject, not the principal named in passing
_PRINCIPAL_BEFORE: Final = re.compile(rf"\b(?:{SERVES}|{KIN})\s+(?:of|to|for)\s+(?:[\w'\u2019.-]+\s+){{0,4}}$")
# a full name met only as a statement's speaker, and a later bare surname in a meeting: "Vice Minister
# Kim Kye Gwan said in a statement ... days after Pompeo met Kim in Pyongyang" is the leader
_SPEAKER: Final = re.compile(r"(?:,[^,.]{1,60},)?\s+(?:said|says|told|warned|added|stated)\b")
_MEETING_WORD: Final = re.compile(
    r"\b(?:met|meet|meets|meeting|summit|talks with|hosted|received|welcomed|shook hands)\b"
)


@dataclass
class Person:
    key: str
    name: str
    country: str | None
    roles: list[str]
    leader: bool
    rank: int
    surname: str
    from_dictionary: bool
    forms: list[str] = field(default_factory=list)
    first: int = 0
    count: int = 0

    def as_json(self, lex: Lexicon) -> dict[str, Any]:
        entry = lex.person_by_key.get(self.key)
        aliases = [*self.forms]
        if entry is not None and entry.name == self.name:
            aliases += entry.aliases
        unique = []
        for alias in aliases:
            if alias != self.name and alias not in unique:
                unique.append(alias)
        return {"name": self.name, "aliases": unique, "country": self.country, "roles": list(self.roles)}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    key: str
    kind: str  # name | short | title
    possessive: bool


@dataclass
class Cast:
    """Everyone one article mentions, and where."""

    persons: dict[str, Person]
    mentions: list[Mention]

    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.starts = [m.start for m in self.mentions]

    def in_span(self, start: int, end: int) -> list[Mention]:
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[first:last] if m.end <= end]

    def compatriots(self, first: str, second: str) -> bool:
        """Two people of one known country ("North Korean leaders Kim Il-sung and Kim Jong-il")."""
        country = self.persons[first].country
        return country is not None and country == self.persons[second].country

    def window(self, start: int, end: int) -> list[Mention]:
        """Mentions starting in [start, end), clamped to the body."""
        return self.mentions[bisect.bisect_left(self.starts, max(0, start)) : bisect.bisect_left(self.starts, end)]


@cache
def _place_keys() -> frozenset[str]:
    return frozenset(fold(p) for p in lexicon().places)


def _key_prefixes(keys: Iterable[str]) -> frozenset[str]:
    """Every prefix of every folded name key (the name finder's quick rejection)."""
    return frozenset(key[:n] for key in keys for n in range(len(key) + 1))


@cache
def _dictionary_prefixes() -> frozenset[str]:
    return _key_prefixes(lexicon().person_by_key)


@cache
def _family_name_first() -> frozenset[str]:
    from .lexicon import _load

    return frozenset(_load("names.json")["family_name_first"])


_QUALIFIERS: tuple[str, ...] = ("top", "senior", "former", "chief", "first", "veteran", "de facto", "outgoing", "new")
_QUALIFIERS += ("recently-appointed", "then")


@cache
def _patterns(lex_id: int) -> dict[str, Any]:
    lex = lexicon()
    titles = lex.title_regex
    demonyms = lex.demonym_regex
    qualifiers = "(?:(?:" + "|".join(_QUALIFIERS) + r")\s+)*"
    title_lead = {word for phrase in (*lex.demonyms, *_QUALIFIERS) for word in phrase.split()}
    # a word of a name: a capitalised token, or a particle inside one ("Ursula von der Leyen",
    # "Badr al-Busaidi"), so that the walk back from the anchor passes over the whole name
    name_token = re.compile(rf"{_NAME_TOKEN}|{_PARTICLE_WORD}|(?:al|el)-{_NAME_TOKEN}")
    # whole-body scans: found from their anchors (a title, ", a"), see fastre.Anchored
    return {
        "titled": Anchored(
            re.compile(
                rf"\b(?=[A-Za-z])(?:(?P<nat>{demonyms})\s+)?{qualifiers}(?<![\w-])(?P<title>{titles})\s+(?P<name>{_NAME})"
            ),
            re.compile(rf"(?<![\w-])(?:{titles})\s+[A-Z]"),
            frozenset(title_lead).__contains__,
            literals=lex.title_phrases,
        ),
        "post_appositive": Anchored(
            re.compile(
                rf"(?<![\w-])(?P<name>{_NAME}),\s+(?P<app>(?:a|an|the|who|considered|whose|[A-Z][\w]*['\u2019]s"
                rf"|{_OFFICE_OF})\b[^,.;]{{0,90}})"
            ),
            re.compile(rf",\s+(?:a|an|the|who|considered|whose|[A-Z][\w]*['\u2019]s|{_OFFICE_OF})\b"),
            lambda word: name_token.fullmatch(word) is not None,
        ),
        "kin": re.compile(rf"\b(?:{lex.kin_regex})\b"),
        "demonym": re.compile(rf"(?<![\w-])(?:{demonyms})(?![\w-])"),
        # matched against the few words before ", Name" only (see appositive_names)
        "pre_appositive": re.compile(
            rf"(?P<owner>[A-Z][\w.]*(?:\s+[A-Z][\w]*)*['\u2019]s|\b[Hh]is|\b[Hh]er|\b[Ii]ts|\b[Tt]heir|\bthe)\s+(?P<role>(?:[\w-]+\s+){{0,3}}?"
            rf"(?:(?:{titles}|{lex.kin_regex})"
            # "the Secretary of the Russian Security Council, Nikolay Patrushev": an office of a body
            r"|(?:[Ss]ecretary|[Cc]hairman|[Cc]hairwoman|[Dd]irector|[Hh]ead|[Cc]hief)(?=\s+of\s))"
            r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'\u2019-]*\s+){0,4}[A-Z][\w'\u2019-]*)?)\Z"
        ),
    }


@cache
def _standalone(lex_id: int) -> dict[str, list[PersonEntry]]:
    """The dictionary's people by folded surname (read only: built once, not per article)."""
    standalone: dict[str, list[PersonEntry]] = {}
    for entry in lexicon().people:
        standalone.setdefault(fold(entry.surname), []).append(entry)
    return standalone


@cache
def _role_phrases(lex_id: int) -> tuple[tuple[str, int, str], ...]:
    """(" phrase ", length, role) of every title phrase that names a role and may stand alone,
    in the dictionary's order: what role_in looks for, without re-testing every title each call."""
    return tuple(
        (f" {phrase} ", len(phrase), title.role)
        for phrase, title in lexicon().titles.items()
        if title.role and not title.prefix_only
    )


def _entry_from_dict(item: dict[str, Any]) -> PersonEntry | None:
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        return None
    aliases = [a for a in item.get("aliases") or [] if isinstance(a, str) and a.strip()]
    roles = [r for r in item.get("roles") or [] if isinstance(r, str)]
    country = item.get("country") if isinstance(item.get("country"), str) else None
    tokens = name.split()
    surname = tokens[0] if tokens[0] in _family_name_first() else tokens[-1]
    return PersonEntry(
        name=name.strip(), aliases=aliases, surname=surname, country=country, roles=roles, standalone=False
    )


def _surname_of(name: str) -> str:
    tokens = name.split()
    if tokens and tokens[0] in _family_name_first() and len(tokens) >= 2:
        return tokens[0]
    return tokens[-1] if tokens else name


class _Builder:
    def __init__(
        self,
        body: str,
        sentences: list[Sentence],
        extra_people: Iterable[dict[str, Any]],
        place_hits: list[re.Match[str]] | None = None,
        published_on: dt.date | None = None,
    ) -> None:
        self.body = body
        self.published_on = published_on
        self.lex = lexicon()
        self.sentences = sentences
        # the dictionary's own map, read only; copied only when people from the database extend it
        self.by_key: dict[str, PersonEntry] = self.lex.person_by_key
        self.extra_keys: list[str] = []  # keys those people add, in the order they were added
        for item in extra_people:
            entry = _entry_from_dict(item) if isinstance(item, dict) else None
            if entry:
                if self.by_key is self.lex.person_by_key:
                    self.by_key = dict(self.by_key)
                for form in (entry.name, *entry.aliases):
                    key = fold(form)
                    if key not in self.by_key:
                        self.by_key[key] = entry
                        self.extra_keys.append(key)
        self.persons: dict[str, Person] = {}
        self.mentions: list[Mention] = []
        self.taken = bytearray(len(body) + 1)  # 1 where a mention already covers the character
        self.pending_short: list[tuple[int, int, str | None]] = []  # start, end, title role hint
        self.in_places = bytearray(len(body) + 1)
        for m in self.lex.place_regex.finditer(body) if place_hits is None else place_hits:
            self.in_places[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        self.full_counts: dict[str, int] = {}
        self.last_full: dict[str, int] = {}
        self.by_surname_key: dict[str, Person] = {}  # first person registered under a folded surname
        self.place_keys = _place_keys()

    # -- registry ---------------------------------------------------------------------
    def person_for_entry(self, entry: PersonEntry, position: int) -> Person:
        key = fold(entry.name)
        if key not in self.persons:
            self.persons[key] = Person(
                key,
                entry.name,
                entry.country,
                list(entry.roles),
                entry.leader,
                entry.rank,
                entry.surname,
                True,
                first=position,
            )
            self.by_surname_key.setdefault(fold(entry.surname), self.persons[key])
        return self.persons[key]

    def person_for_name(self, name: str, country: str | None, role: str | None, leader: bool, position: int) -> Person:
        key = fold(name)
        entry = self.by_key.get(key)
        if entry:
            person = self.person_for_entry(entry, position)
        elif key in self.persons:
            person = self.persons[key]
        else:
            person = Person(
                key, name, country, [], leader, 2 if leader else 1, _surname_of(name), False, first=position
            )
            self.persons[key] = person
            self.by_surname_key.setdefault(fold(person.surname), person)
        if role and role not in person.roles and not person.from_dictionary:
            person.roles.append(role)
        if person.country is None and country:
            person.country = country
        return person

    def add_mention(self, start: int, end: int, person: Person, kind: str) -> None:
        if not self.free(start, end):
            return
        self.taken[start:end] = b"\x01" * (end - start)
        surface = self.body[start:end]
        if surface not in person.forms and surface != person.name:
            person.forms.append(surface)
        person.first = min(person.first, start)
        possessive = bool(_POSSESSIVE.match(self.body[end : end + 2]))
        self.mentions.append(Mention(start, end, person.key, kind, possessive))
        if kind != "short":
            self.full_counts[person.key] = self.full_counts.get(person.key, 0) + 1

    # both maps hold only 0 and 1: a search for the other value answers without copying a slice
    def free(self, start: int, end: int) -> bool:
        return self.taken.find(1, start, end) < 0

    def in_place(self, start: int, end: int) -> bool:
        return self.in_places.find(0, start, end) < 0

    # -- passes -----------------------------------------------------------------------
    def tokens(self, text: str, offset: int) -> list[tuple[int, int, str]]:
        out = []
        for m in _WORD.finditer(text):
            word = m.group(0)
            stripped = word.rstrip(".,;:") if len(word.rstrip(".")) > 1 else word
            out.append((offset + m.start(), offset + m.start() + len(stripped), stripped))
        return out

    def dictionary_names(self) -> None:
        prefixes = _dictionary_prefixes()
        extra = self.extra_keys  # people from the database
        if extra:
            prefixes = prefixes | _key_prefixes(extra)
        for run in _RUN.finditer(self.body):
            words = run.group(0)
            if " " not in words and "\t" not in words:
                continue  # one word: dictionary names here have two or more (one-word mentions come later)
            toks = self.tokens(words, run.start())
            i = 0
            while i < len(toks):
                # a name's key starts with its first token's key: most capitalised words start none
                if fold(toks[i][2]) not in prefixes:
                    i += 1
                    continue
                for j in range(min(len(toks), i + 5), i + 1, -1):
                    form = " ".join(t[2] for t in toks[i:j])
                    entry = self.by_key.get(fold(form))
                    if entry:
                        self.add_mention(toks[i][0], toks[j - 1][1], self.person_for_entry(entry, toks[i][0]), "name")
                        i = j
                        break
                else:
                    i += 1

    def name_tokens(self, text: str, offset: int) -> list[tuple[int, int, str]]:
        """Leading tokens of a capitalised run that can belong to a name."""
        out = []
        for tok in self.tokens(text, offset):
            if tok[2].lower() in self.lex.name_stopwords or tok[2].rstrip(".").lower() in self.lex.name_stopwords:
                break
            out.append(tok)
            if len(tok[2]) > 2 and self.body.startswith(".", tok[1]):
                break  # "in New York City. Pompeo, who ...": a word's full stop ends the sentence (not "Jr.")
        return out

    def titled_names(self) -> None:
        pats = _patterns(id(self.lex))
        for m in pats["titled"].finditer(self.body):
            title = self.lex.titles.get(m.group("title").lower())
            if title is None:
                continue
            toks = self.name_tokens(m.group("name"), m.start("name"))
            if not toks:
                continue
            country = self.lex.demonyms.get(m.group("nat") or "") or title.country
            start, end = toks[0][0], toks[-1][1]
            if len(toks) == 1:
                self.pending_short.append((start, end, title.role))
                continue
            if not self.free(start, end):
                covered = [mm for mm in self.mentions[-50:] if mm.start <= start < mm.end]
                if covered and title.role:
                    person = self.persons[covered[0].key]
                    if title.role not in person.roles:
                        person.roles.append(title.role)
                continue
            if self.in_place(start, end) or any(len(t[2]) < 2 for t in toks):
                continue
            name = " ".join(t[2] for t in toks)
            person = self.person_for_name(name, country, title.role, title.leader, start)
            self.add_mention(start, end, person, "title")

    def appositive_names(self) -> None:
        pats = _patterns(id(self.lex))
        for m in pats["post_appositive"].finditer(self.body):
            app = m.group("app")
            role = self.role_in(app)
            if role is None:
                continue
            self.candidate(m.group("name"), m.start("name"), role, self.country_in(app))
        for comma in _COMMA_NAME.finditer(self.body):
            window_start = max(0, comma.start() - 80)
            m = pats["pre_appositive"].search(self.body, window_start, comma.start())
            name = _NAME_AT.match(self.body, comma.end())
            if not m or not name:
                continue
            role_text = m.group("role")
            office = role_text.split(" of ")[0]  # "Secretary of the Russian Security Council": a secretary
            role = self.role_in(role_text) or office.split()[-1]
            owner = m.group("owner")
            country = self.lex.demonyms.get(owner) or self.country_in(role_text)
            if country is None and owner[:1].isupper():
                owner_key = fold(_OWNER_S.sub("", owner))
                owner_person = self.persons.get(owner_key) or self.by_surname_key.get(owner_key)
                country = owner_person.country if owner_person else None
            self.candidate(name.group(0), name.start(), role, country)

    def role_in(self, text: str) -> str | None:
        lowered = " " + text.lower().replace(",", " ").replace("\u2019s", " ") + " "
        best: tuple[int, str] | None = None
        for padded, length, role in _role_phrases(id(self.lex)):
            # the first of the longest phrases found wins, as in the dictionary's order
            if (best is None or length > best[0]) and padded in lowered:
                best = (length, role)
        if best:
            return best[1]
        kin = _patterns(id(self.lex))["kin"].search(text)
        return kin.group(0) if kin else None

    def country_in(self, text: str) -> str | None:
        m = _patterns(id(self.lex))["demonym"].search(text)
        return self.lex.demonyms.get(m.group(0)) if m else None

    def candidate(self, text: str, offset: int, role: str | None, country: str | None) -> None:
        toks = self.name_tokens(text, offset)
        # the run may begin with a sentence opener ("Meanwhile Kim Yo Jong"): keep the last tokens
        if len(toks) != len(self.tokens(text, offset)):
            return
        if not 2 <= len(toks) <= 4 or any(len(t[2]) < 2 for t in toks):
            return
        start, end = toks[0][0], toks[-1][1]
        if not self.free(start, end) or self.in_place(start, end):
            return
        name = " ".join(t[2] for t in toks)
        if fold(name) in self.place_keys:
            return
        person = self.person_for_name(name, country, role, False, start)
        self.add_mention(start, end, person, "title")

    def short_mentions(self) -> None:
        by_surname: dict[str, list[Person]] = {}
        for person in self.persons.values():
            by_surname.setdefault(fold(person.surname), []).append(person)
            entry = self.by_key.get(person.key)
            for alias in entry.aliases if entry else []:
                if " " not in alias and "-" not in alias:
                    by_surname.setdefault(fold(alias), []).append(person)
        standalone = _standalone(id(self.lex))
        hints = {start: role for start, _, role in self.pending_short}
        self.full_starts: dict[str, list[int]] = {}
        self.full_ends = {mention.start: mention.end for mention in self.mentions}
        self.meeting_sentences: dict[int, bool] = {}
        for mention in self.mentions:
            self.full_starts.setdefault(mention.key, []).append(mention.start)
        for starts in self.full_starts.values():
            starts.sort()
        sentence_of = self.sentence_of = _sentence_lookup(self.sentences)
        # where each person stood as a sentence's subject (named first in it): a bare surname goes on
        # with the subject the story follows ("Kim Yong Chol arrived ... Kim was expected to ...")
        self.subject_starts: dict[str, list[int]] = {}
        for mention in sorted(self.mentions, key=lambda m: m.start):
            if self.opens_sentence(mention.start, sentence_of(mention.start)):
                self.subject_starts.setdefault(mention.key, []).append(mention.start)
        for m in _CAPITALISED.finditer(self.body):
            key = fold(m.group(0))
            if key not in by_surname and key not in standalone:
                continue  # no surname of anyone: the cheap test first
            start, end = m.start(), m.end()
            if not self.free(start, end) or self.in_place(start, end) or self.inside_unknown_name(start, end):
                continue
            candidates = by_surname.get(key, [])
            leader_hint = hints.get(start) in _LEADER_HINTS
            fallback = candidates
            if candidates and leader_hint and not any(c.leader for c in candidates):
                # "Chairman Kim" in a story that names only Sung Kim in full: the leader of that name in
                # office on the day, not the envoy (when the dictionary knows one)
                candidates = []
            if not candidates:
                entries = [e for e in standalone.get(key, []) if e.standalone]
                if (
                    (not entries or (leader_hint and fallback))
                    and self.published_on is not None
                    and not self.joined_to_aide(start, end)
                ):
                    # "Moon and Kim met in Panmunjom" with neither named in full: a shared surname may
                    # still introduce the one leader of that name in office on the day of publication
                    entries = [
                        e
                        for e in standalone.get(key, [])
                        if e.leader
                        and e.in_office is not None
                        and e.in_office_on(self.published_on)
                        and key not in self.lex.name_stopwords  # "in May" is the month, not Theresa May
                    ] or entries
                if len(entries) == 1 and m.group(0) == entries[0].surname:
                    candidates = [self.person_for_entry(entries[0], start)]
                    by_surname.setdefault(key, []).extend(candidates)
            candidates = candidates or fallback
            if not candidates:
                continue
            sentence = sentence_of(start)
            person = self.pick(candidates, start, sentence, hints.get(start))
            self.add_mention(start, end, person, "short")
            if self.opens_sentence(start, sentence):
                bisect.insort(self.subject_starts.setdefault(person.key, []), start)

    def inside_unknown_name(self, start: int, end: int) -> bool:
        """ "Tony Kim", "Kim Dong-chul": a surname inside someone else's full name is not a mention."""
        before = _NAME_BEFORE.search(self.body[max(0, start - 30) : start])
        after = _NAME_AFTER.match(self.body[end : end + 30])
        stop = self.lex.name_stopwords
        return any(
            m and m.group(1).lower() not in stop and m.group(1).lower() not in self.lex.titles for m in (before, after)
        )

    def opens_sentence(self, position: int, sentence: int) -> bool:
        """Whether a name at ``position`` is its sentence's first, after at most three words of title."""
        if not self.sentences:
            return False
        prefix = self.body[self.sentences[sentence].start : position]
        return "," not in prefix and len(prefix.split()) <= 3

    def pick(self, candidates: list[Person], position: int, sentence: int, role_hint: str | None) -> Person:
        unique = list({p.key: p for p in candidates}.values())
        if len(unique) == 1:
            return unique[0]
        if role_hint in ("Chairman", "Leader", "President"):
            leaders = [p for p in unique if p.leader]
            if leaders:
                unique = leaders
        paired = self.paired_with_leader(unique, position)
        if paired is not None:
            return paired
        this_sentence = self.sentences[sentence].start if self.sentences else 0
        named_here = any(this_sentence <= q < position for p in unique for q in self.full_starts.get(p.key, []))
        if not named_here and role_hint is None:
            # no namesake named in this sentence: the subject of the last two sentences, if one of them
            window = self.sentences[max(0, sentence - 2)].start if self.sentences else 0
            subjects = []
            for person in unique:
                starts = self.subject_starts.get(person.key, [])
                index = bisect.bisect_left(starts, position)
                if index and starts[index - 1] >= window:
                    subjects.append((starts[index - 1], person.key))
            if subjects:
                return self.persons[max(subjects)[1]]
        sentence_start = self.sentences[max(0, sentence - 1)].start if self.sentences else 0
        recent = []
        for person in unique:
            starts = self.full_starts.get(person.key, [])
            index = bisect.bisect_left(starts, position)  # the last full mention before this one
            if index and starts[index - 1] >= sentence_start:
                recent.append((starts[index - 1], person.key))
        if len(recent) > 1:
            subjects = [r for r in recent if not _PRINCIPAL_BEFORE.search(self.body, max(0, r[0] - 50), r[0])]
            recent = subjects or recent
        if recent:
            chosen = self.persons[max(recent)[1]]
            return self.leader_met(chosen, unique, position, sentence) or chosen
        # a bare surname refers back: someone the article names in full only later ("Kim is expected to
        # meet Biegun to discuss the talks between Trump and leader Kim Jong-un") is not yet its referent
        introduced = [p for p in unique if bisect.bisect_left(self.full_starts.get(p.key, []), position)]
        if introduced and len(introduced) < len(unique):
            unique = introduced
        return max(unique, key=lambda p: (p.rank, self.full_counts.get(p.key, 0), -p.first))

    def joined_to_aide(self, start: int, end: int) -> bool:
        """ "The talks between Biegun and Lee": a bare surname joined by "and" to someone named in full
        who leads no country is his counterpart, not a leader who shares the surname."""
        joined = _AND_NAME_BEFORE.search(self.body, max(0, start - 40), start) or _AND_NAME_AFTER.match(self.body, end)
        if joined is None:
            return False
        word = joined.group(1)
        partner = [p for p in self.persons.values() if p.surname == word]
        return bool(partner) and not any(p.leader for p in partner)

    def paired_with_leader(self, unique: list[Person], position: int) -> Person | None:
        """ "Trump and Kim are set to meet": a bare surname joined by "and" to another country's
        leader is the leader of that surname, not an envoy who shares it."""
        leaders = [p for p in unique if p.leader]
        if len(leaders) != 1:
            return None
        before = _AND_NAME_BEFORE.search(self.body, max(0, position - 40), position)
        word = before.group(1) if before else None
        if word is None:
            after = _AND_NAME_AFTER.match(self.body, position + len(leaders[0].surname))
            word = after.group(1) if after else None
        if word is None:
            return None
        other = next((p for p in self.persons.values() if p.leader and p.surname == word), None)
        if other is None or other.key == leaders[0].key or other.country == leaders[0].country:
            return None
        return leaders[0]

    def leader_met(self, chosen: Person, unique: list[Person], position: int, sentence: int) -> Person | None:
        """The leader of that surname instead of ``chosen`` when ``chosen``'s last full mention, in an
        earlier sentence, only quoted him and this sentence tells a meeting (see ``_SPEAKER``)."""
        leaders = [p for p in unique if p.leader and p.key != chosen.key]
        if chosen.leader or len(leaders) != 1 or not self.tells_meeting(sentence):
            return None
        starts = self.full_starts.get(chosen.key, [])
        index = bisect.bisect_left(starts, position)
        if not index or self.sentence_of(starts[index - 1]) == sentence:
            return None  # named in this very sentence: the nearest reading stands
        end = self.full_ends[starts[index - 1]]
        if not _SPEAKER.match(self.body, end, end + 80):
            return None
        named = self.full_starts.get(leaders[0].key, [])
        return leaders[0] if named and named[0] < position else None

    def tells_meeting(self, sentence: int) -> bool:
        """Memoised per sentence: a run of bare surnames must not rescan its sentence each time."""
        found = self.meeting_sentences.get(sentence)
        if found is None:
            found = self.meeting_sentences[sentence] = bool(_MEETING_WORD.search(self.sentences[sentence].text))
        return found

    def build(self) -> Cast:
        self.dictionary_names()
        self.titled_names()
        self.appositive_names()
        self.short_mentions()
        self.mentions.sort(key=lambda m: m.start)
        counts: dict[str, int] = {}
        for mention in self.mentions:
            counts[mention.key] = counts.get(mention.key, 0) + 1
        for person in self.persons.values():
            person.count = counts.get(person.key, 0)
        persons = {k: p for k, p in self.persons.items() if p.count}
        return Cast(persons, self.mentions)


def _sentence_lookup(sentences: list[Sentence]) -> Callable[[int], int]:
    starts = [s.start for s in sentences]

    def find(position: int) -> int:
        return max(0, bisect.bisect_right(starts, position) - 1)

    return find


def find_people(
    body: str,
    sentences: list[Sentence],
    extra_people: Iterable[dict[str, Any]] = (),
    place_hits: list[re.Match[str]] | None = None,
    published_on: dt.date | None = None,
) -> Cast:
    """The cast of ``body``; ``place_hits`` are the gazetteer's matches in it, when already found;
    ``published_on`` lets a bare surname introduce the leader of that name then in office."""
    return _Builder(body, sentences, extra_people, place_hits, published_on).build()
