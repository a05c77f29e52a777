"""The dictionaries under ``data/``, loaded once and compiled into lookups and regexes."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from .fastre import compile_fast
from .fastre import trie_alternation as _alternation


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Matching key for names: no accents, case, spaces or hyphens ("Kim Yong-chol" == "Kim Yong Chol")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text.lower() if c.isalnum() and not unicodedata.combining(c))


@dataclass
class PersonEntry:
    name: str
    aliases: list[str]
    surname: str
    country: str | None
    roles: list[str]
    leader: bool = False
    standalone: bool = True
    rank: int = 0
    # (first day, last day) as head of state or government, either end open; None: not recorded
    in_office: tuple[dt.date | None, dt.date | None] | None = None

    def in_office_on(self, day: dt.date) -> bool:
        if self.in_office is None:
            return True
        start, end = self.in_office
        return (start is None or start <= day) and (end is None or day <= end)


@dataclass
class Title:
    role: str | None
    leader: bool
    country: str | None
    prefix_only: bool


@dataclass
class Place:
    name: str
    country: str


@dataclass
class MeetingKind:
    kind: str
    mode: str
    cameo: str
    plover: str
    regex: re.Pattern[str]


@dataclass
class StatusKind:
    status: str
    cameo: str
    plover: str
    regex: re.Pattern[str]


@dataclass
class Lexicon:
    people: list[PersonEntry]
    person_by_key: dict[str, PersonEntry]
    titles: dict[str, Title]
    title_regex: str
    kin_regex: str
    group_regex: re.Pattern[str]
    demonyms: dict[str, str]
    demonym_regex: str
    country_names: dict[str, str]
    country_display: dict[str, str]
    places: dict[str, Place]
    place_regex: re.Pattern[str]
    capitals: dict[str, str]
    meeting_kinds: list[MeetingKind]
    status_kinds: list[StatusKind]
    summit_regex: re.Pattern[str]
    modality: dict[str, re.Pattern[str]]
    any_meeting: re.Pattern[str]
    any_status: re.Pattern[str]
    name_stopwords: frozenset[str] = field(default_factory=frozenset)
    title_phrases: tuple[str, ...] = ()  # every spelling title_regex matches

    def status_kind(self, status: str) -> StatusKind:
        """The change kind of that status (every status the coder names is in triggers.json)."""
        return next(k for k in self.status_kinds if k.status == status)

    def meeting_kind(self, kind: str) -> MeetingKind:
        """The meeting kind of that name ("meet", "phone", ...)."""
        return next(k for k in self.meeting_kinds if k.kind == kind)


def _load(name: str) -> Any:
    return json.loads(resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8"))


def _country_names() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """name -> code, demonym -> code, code -> display name; pycountry fills codes we do not list."""
    data = _load("countries.json")["countries"]
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    display: dict[str, str] = {}
    try:
        import pycountry

        for country in pycountry.countries:
            for attr in ("name", "common_name"):
                value = getattr(country, attr, None)
                if value and "," not in value:
                    names.setdefault(value, country.alpha_2)
                    display.setdefault(country.alpha_2, value)
    except ImportError:  # pragma: no cover - pycountry is a pinned requirement
        pass
    for code, entry in data.items():
        for name in entry["names"]:
            names[name] = code
        for demonym in entry["demonyms"]:
            demonyms[demonym] = code
            demonyms[demonym.replace("'", "\u2019")] = code
        display[code] = entry["display"]
    for demonym, code in _load("countries.json").get("demonyms_extra", {}).items():
        if not demonym.startswith("_"):
            demonyms.setdefault(demonym, code)
    return names, demonyms, display


def _term(value: list[str | None] | None) -> tuple[dt.date | None, dt.date | None] | None:
    if value is None:
        return None
    start, end = value
    return (dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end) if end else None)


def _place_regex(names: list[str]) -> re.Pattern[str]:
    """``\\b(?<![\\w-])(?=[A-Z])(?:TRIE)(?![\\w-])`` over ``names``, the gazetteer scan of every body,
    with each capital first, so that re skips to capitals in C: after the capital the look-behind
    (two characters wide) tests the character before it as the plain rule does before it, and
    each capital's names keep their trie. A name without a capital first never matched."""
    rests: dict[str, list[str]] = {}
    for name in names:
        if "A" <= name[:1] <= "Z":
            rests.setdefault(name[0], []).append(name[1:])
    branches = [first + r"(?<![\w-].)" + _alternation(rest) for first, rest in sorted(rests.items())]
    return re.compile("(?:" + "|".join(branches) + r")(?![\w-])")


@cache
def lexicon() -> Lexicon:
    people = [
        PersonEntry(
            name=p["name"],
            aliases=list(p.get("aliases", [])),
            surname=p.get("surname") or p["name"].split()[-1],
            country=p.get("country"),
            roles=list(p.get("roles", [])),
            leader=bool(p.get("leader", False)),
            standalone=bool(p.get("standalone", True)),
            rank=int(p.get("rank", 2 if p.get("leader") else 1)),
            in_office=_term(p.get("in_office")),
        )
        for p in _load("people.json")["people"]
    ]
    person_by_key: dict[str, PersonEntry] = {}
    for entry in people:
        for form in (entry.name, *entry.aliases):
            person_by_key.setdefault(fold(form), entry)

    title_data = _load("titles.json")
    titles: dict[str, Title] = {}
    for item in title_data["titles"]:
        title = Title(item.get("role"), bool(item.get("leader")), item.get("country"), bool(item.get("prefix_only")))
        for phrase in item["phrases"]:
            titles.setdefault(phrase.lower(), title)
    title_phrases = [p for item in title_data["titles"] for p in item["phrases"]]
    # a lowercase office also opens a sentence: "Spokesman Kim Eui-kyeom said ..."
    title_phrases += [p[0].upper() + p[1:] for p in title_phrases if p[:1].islower()]
    group_data = title_data["group_references"]
    group = group_data["patterns"]
    # a bare "the two" stands for a pair only as the subject of what follows it
    bare = rf"{re.escape(group_data['bare'])}(?=\s+(?:{_alternation(group_data['bare_before'])})\b)"

    names, demonyms, display = _country_names()

    place_data = _load("places.json")["places"]
    places: dict[str, Place] = {}
    capitals: dict[str, str] = {}
    for item in place_data:
        place = Place(item["name"], item["country"])
        for alias in (item["name"], *item["aliases"]):
            places[alias] = place
        if item.get("capital"):
            capitals[item["country"]] = item["name"]
    for name, code in names.items():
        if name not in places and len(name) > 3 and name[0].isupper():
            places[name] = Place(display.get(code, name), code)
    place_regex = _place_regex(list(places))

    trig = _load("triggers.json")
    meeting_kinds = [
        MeetingKind(k["kind"], k["mode"], k["cameo"], k["plover"], compile_fast("|".join(k["patterns"]), re.IGNORECASE))
        for k in trig["meeting"]
    ]
    status_kinds = [
        StatusKind(k["status"], k["cameo"], k["plover"], compile_fast("|".join(k["patterns"]), re.IGNORECASE))
        for k in trig["status"]
    ]
    modality = {key: compile_fast(value, re.IGNORECASE) for key, value in trig["modality"].items()}

    stopwords = _load("stopwords.json")
    name_stopwords = frozenset(w.lower() for w in stopwords["words"]) | frozenset(p.lower() for p in places)

    return Lexicon(
        people=people,
        person_by_key=person_by_key,
        titles=titles,
        title_regex=_alternation(title_phrases),
        kin_regex=_alternation(title_data["kin"]),
        group_regex=compile_fast(r"\b(?:" + _alternation(group) + "|" + bare + r")\b", re.IGNORECASE),
        demonyms=demonyms,
        demonym_regex=_alternation(list(demonyms)),
        country_names=names,
        country_display=display,
        places=places,
        place_regex=place_regex,
        capitals=capitals,
        meeting_kinds=meeting_kinds,
        status_kinds=status_kinds,
        summit_regex=compile_fast(trig["summit_words"], re.IGNORECASE),
        modality=modality,
        any_meeting=compile_fast("|".join(p for k in trig["meeting"] for p in k["patterns"]), re.IGNORECASE),
        any_status=compile_fast("|".join(p for k in trig["status"] for p in k["patterns"]), re.IGNORECASE),
        name_stopwords=name_stopwords,
        title_phrases=tuple(title_phrases),
    )
