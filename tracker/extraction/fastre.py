"""Regexes that reject a position after one character test, with the same matches.

Python's ``re`` skips ahead quickly only when a pattern starts with a literal or a plain
character set. Our trigger patterns start with ``\\b`` and many ``(?i)`` alternatives, so
the engine tries every alternative at every position of every clause: most of the
extractor's time. :func:`compile_fast` reads the pattern's parse tree, works out the set
of characters any match can start with, and prepends that set as a lookahead
(``(?=[...])(?:pattern)``). A lookahead consumes nothing and the set is a superset of the
real first characters, so every search, match and finditer returns exactly what the plain
pattern returns; a pattern whose first character cannot be bounded is compiled as is.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

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


def compile_fast(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` with a first-character lookahead when one exists."""
    plain = re.compile(pattern, flags)
    head = first_chars(pattern, flags)
    if head is None or flags & re.VERBOSE or re.match(r"\(\?[aiLmsux]+\)", pattern):
        return plain  # no bound; or a comment, or inline global flags that must stay first
    try:
        fast = re.compile(f"(?={head})(?:{pattern})", flags)
    except re.error:
        return plain
    return fast if fast.groupindex == plain.groupindex and fast.groups == plain.groups else plain
