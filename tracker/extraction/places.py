"""Where a meeting happened: places in a clause, venues mapped to their city."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from .fastre import compile_fast
from .lexicon import Lexicon

# Only places introduced as a location count: "in Singapore", "at the Peace House", not
# "a letter from Pyongyang" or "Pyongyang's envoy".
# (searched in the 60 characters before each gazetteer hit: the first-character lookahead spares
# most positions the IGNORECASE alternatives; most of those texts hold "in" or "on", no use as needles)
_LOCATIVE: Final = compile_fast(
    r"(?:\b(?:in|at|to|into|inside|on|near|outside|off|visit(?:ed|ing)?|across)\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,5}?)$",
    re.IGNORECASE,
    prefilter=False,
)
# "the former US ambassador to Seoul", "his envoy to Pyongyang": an office, not where anyone meets
_POSTED_TO: Final = re.compile(
    r"\b(?:ambassadors?|envoys?|emissar(?:y|ies)|representatives?)\s+(?:to|in)\s+(?:the\s+)?$", re.I
)
# run on whole bodies, where a needle scan costs more than a plain "capital" in text
_CAPITAL: Final = compile_fast(r"\b(?P<demonym>(?:North |South )?[A-Z][a-z]+)\s+capital\b", prefilter=False)


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    name: str
    country: str
    is_country: bool


def find_places(
    text: str, lex: Lexicon, offset: int = 0, hits: list[re.Match[str]] | None = None
) -> list[PlaceMention]:
    """Places introduced as locations; ``hits`` are the gazetteer's matches in ``text`` when the
    caller already has them (the people finder scans the same body for them)."""
    found: list[PlaceMention] = []
    for m in lex.place_regex.finditer(text) if hits is None else hits:
        if text[m.end() : m.end() + 2] in ("'s", "\u2019s"):
            continue
        before = text[max(0, m.start() - 60) : m.start()]
        if not _LOCATIVE.search(before) or _POSTED_TO.search(before):
            continue
        place = lex.places[m.group(0)]
        is_country = place.name == lex.country_display.get(place.country)
        found.append(PlaceMention(offset + m.start(), offset + m.end(), place.name, place.country, is_country))
    for m in _CAPITAL.finditer(text) if "capital" in text else ():
        code = lex.demonyms.get(m.group("demonym").strip())
        if code and code in lex.capitals:
            found.append(PlaceMention(offset + m.start(), offset + m.end(), lex.capitals[code], code, False))
    return sorted(found, key=lambda p: p.start)


def best_place(places: list[PlaceMention]) -> PlaceMention | None:
    """A city beats a country: "Pyongyang", not "North Korea", when both are given."""
    cities = [p for p in places if not p.is_country]
    chosen = cities or places
    return chosen[0] if chosen else None
