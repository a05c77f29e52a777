"""Regexes that reject a position (or a whole text) cheaply, with the same matches.

Python's ``re`` skips ahead quickly only when a pattern starts with a literal or a plain
character set. Our trigger patterns start with ``\\b`` and many ``(?i)`` alternatives, so
the engine tries every alternative at every position of every clause: most of the
extractor's time. :func:`compile_fast` reads the pattern's parse tree, works out the set
of characters any match can start with, and prepends that set as a lookahead
(``(?=[...])(?:pattern)``). A lookahead consumes nothing and the set is a superset of the
real first characters, so every search, match and finditer returns exactly what the plain
pattern returns; a pattern whose first character cannot be bounded is compiled as is.

Most clauses contain none of a trigger's words, so a pattern whose every match must
contain one of a few literal strings ("will", "set to", ...) is also wrapped in
:class:`Prefiltered`: a plain substring test on the (lowercased) text rules a text out
before the regex engine starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, cast

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}


class _Unbounded(Exception):
    """The first character of a match cannot be bounded by a set (``.``, ``[^x]``, ...)."""


def _first(items: Any) -> tuple[list[str], bool]:
    """(class items a match of this sequence can start with, whether it can match empty)."""
    chars: list[str] = []
    for op, av in items:
        found, nullable = _first_op(op, av)
        chars.extend(found)
        if not nullable:
            return chars, False
    return chars, True


def _first_op(op: Any, av: Any) -> tuple[list[str], bool]:
    if op is sre.LITERAL:
        return [re.escape(chr(av))], False
    if op is sre.IN:
        out = []
        for kind, value in av:
            if kind is sre.LITERAL:
                out.append(re.escape(chr(value)))
            elif kind is sre.RANGE:
                out.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind is sre.CATEGORY and value in _CATEGORIES:
                out.append(_CATEGORIES[value])
            else:  # NEGATE and anything unusual
                raise _Unbounded
        return out, False
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return [], True  # zero-width: the next element decides (a superset is still exact)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, pattern = av
        if add_flags or del_flags:
            raise _Unbounded  # a scoped case flag would change what the lookahead means
        return _first(pattern)
    if op is sre.BRANCH:
        chars: list[str] = []
        nullable = False
        for branch in av[1]:
            found, empty = _first(branch)
            chars.extend(found)
            nullable = nullable or empty
        return chars, nullable
    if op in _REPEATS:
        low, _high, pattern = av
        found, empty = _first(pattern)
        return found, empty or low == 0
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _first(av)
    raise _Unbounded  # ANY, NOT_LITERAL, group references, conditionals


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """A character class every match of ``pattern`` starts with, or None when unbounded."""
    try:
        parsed = sre_parse.parse(pattern, flags)
        if parsed.data and parsed.data[0][0] in (sre.LITERAL, sre.IN) and not flags & re.IGNORECASE:
            return None  # re already scans for a leading literal or set in C
        chars, nullable = _first(parsed)
    except (_Unbounded, re.error):
        return None
    if nullable or not chars:
        return None
    return "[" + "".join(dict.fromkeys(chars)) + "]"


def compile_fast(pattern: str, flags: int = 0, *, prefilter: bool = True) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` with a first-character lookahead when one exists, and a
    literal prefilter when every match must contain one of a few strings."""
    plain = re.compile(pattern, flags)
    compiled = plain
    head = first_chars(pattern, flags)
    # no bound; or a comment, or inline global flags that must stay first
    if head is not None and not flags & re.VERBOSE and not re.match(r"\(\?[aiLmsux]+\)", pattern):
        try:
            fast = re.compile(f"(?={head})(?:{pattern})", flags)
        except re.error:
            fast = plain
        if fast.groupindex == plain.groupindex and fast.groups == plain.groups:
            compiled = fast
    needles = required_literals(pattern, plain.flags) if prefilter else None
    if needles is None:
        return compiled
    return cast("re.Pattern[str]", Prefiltered(compiled, needles, ignorecase=bool(plain.flags & re.IGNORECASE)))


# -- literal prefilter ---------------------------------------------------------------------
# Under IGNORECASE an ASCII letter also matches these four (dotted and dotless i, long s,
# the Kelvin sign), which str.lower() does not map onto the ASCII letter; a text holding
# one goes straight to the regex.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_MIN_NEEDLE = 2  # single characters occur in nearly every clause: no use as a filter


def _literals(items: Any, ignorecase: bool) -> list[str] | None:
    """Strings one of which every match of this sequence contains, or None when unknown."""
    candidates: list[list[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            candidates.append(["".join(run)])
            run.clear()

    for op, av in items:
        if op is sre.LITERAL and (av < 128 or not ignorecase):
            run.append(chr(av).lower() if ignorecase else chr(av))
            continue
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the characters consumed on either side are adjacent in the text
        close()
        found: list[str] | None = None
        if op is sre.SUBPATTERN and not av[1] and not av[2]:
            found = _literals(av[3], ignorecase)
        elif op is sre.BRANCH:
            branches = [_literals(branch, ignorecase) for branch in av[1]]
            if all(b is not None for b in branches):
                found = [s for b in branches for s in b or ()]
        elif op in _REPEATS and av[0] >= 1:
            found = _literals(av[2], ignorecase)
        if found:
            candidates.append(found)
    close()
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(len(s) for s in c), -len(c)))


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Literal strings one of which every match of ``pattern`` contains (lowercased under
    IGNORECASE), or None when no such set is selective enough to be worth a test."""
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error:
        return None
    ignorecase = bool(parsed.state.flags & re.IGNORECASE)
    found = _literals(parsed, ignorecase)
    if not found or min(len(s) for s in found) < _MIN_NEEDLE:
        return None
    return tuple(dict.fromkeys(found))


# The clause loop tests a dozen patterns on one text in a row: lowercase it once. One slot,
# replaced as a whole tuple, so threads never see a text paired with another's lowering.
_LAST: tuple[str, str | None] = ("", "")


def _lowered(text: str) -> str | None:
    """``text.lower()``, or None when the text holds a character that folds onto ASCII."""
    global _LAST
    last = _LAST
    if last[0] is text:
        return last[1]
    folded = None if not text.isascii() and _FOLDS_TO_ASCII.search(text) else text.lower()
    _LAST = (text, folded)
    return folded


class Prefiltered:
    """A compiled pattern behind a substring test: a text containing none of the needles
    cannot match, so search, match and finditer answer for it without the regex."""

    def __init__(self, regex: re.Pattern[str], needles: tuple[str, ...], *, ignorecase: bool) -> None:
        self.regex = regex
        self.needles = needles
        self.ignorecase = ignorecase
        self.pattern = regex.pattern
        self.flags = regex.flags
        self.groups = regex.groups
        self.groupindex = regex.groupindex

    def possible(self, text: str) -> bool:
        if self.ignorecase:
            folded = _lowered(text)
            if folded is None:
                return True
            text = folded
        for needle in self.needles:  # noqa: SIM110 - a plain loop costs half of any() over a generator
            if needle in text:
                return True
        return False

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.search(text, *args) if self.possible(text) else None

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.match(text, *args) if self.possible(text) else None

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text, *args) if self.possible(text) else iter(())

    def __getattr__(self, name: str) -> Any:
        return getattr(self.regex, name)
