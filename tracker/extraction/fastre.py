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
:class:`Prefiltered`: one Aho-Corasick scan of a text (:class:`NeedleIndex`, shared by
every pattern and the date rules) tells which of all the patterns' strings it holds, and
a pattern none of whose strings occur is answered without the regex engine.

Whole-body patterns with long optional leads ("the North Korean vice chairman", "Vice
Marshal Jo Myong Rok") are run by :class:`Anchored` from their cheap anchor instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, Final, cast

try:
    import ahocorasick as _ahocorasick
except ImportError:  # pragma: no cover - pyahocorasick is a pinned requirement
    _ahocorasick = None

_CATEGORIES: Final = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
# A boundary in the lookahead costs a test at every position; it pays only where that many
# alternatives would each test a boundary of their own at a position inside a word ("\\bwill|'ll|
# \\bset to|..." under IGNORECASE, whose literals re cannot skip by their first character)
_MANY_BOUNDARIES: Final = 12
_REPEATS: Final = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}


class _Unbounded(Exception):
    """The first character of a match cannot be bounded by a set (``.``, ``[^x]``, ...)."""


def _first(items: Any, bounded: bool = False, tests: list[int] | None = None) -> tuple[list[tuple[str, bool]], bool]:
    """(class items a match of this sequence can start with, each with whether a word boundary
    must stand right before it; whether the sequence can match empty). ``bounded``: a ``\\b``
    earlier in an enclosing sequence, matched at the same position as everything up to here;
    ``tests`` counts the boundaries met there (one shared by all alternatives counts once)."""
    chars: list[tuple[str, bool]] = []
    for op, av in items:
        found, nullable = _first_op(op, av, bounded, tests)
        chars.extend(found)
        if not nullable:
            return chars, False
        if op is sre.AT and av is sre.AT_BOUNDARY:
            # every element so far could match empty: this "\b" stands where the match starts
            bounded = True
            if tests is not None:
                tests[0] += 1
    return chars, True


def _first_op(op: Any, av: Any, bounded: bool, tests: list[int] | None) -> tuple[list[tuple[str, bool]], bool]:
    if op is sre.LITERAL:
        return [(re.escape(chr(av)), bounded)], False
    if op is sre.IN:
        out = []
        for kind, value in av:
            if kind is sre.LITERAL:
                out.append((re.escape(chr(value)), bounded))
            elif kind is sre.RANGE:
                out.append((f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}", bounded))
            elif kind is sre.CATEGORY and value in _CATEGORIES:
                out.append((_CATEGORIES[value], bounded))
            else:  # NEGATE and anything unusual
                raise _Unbounded
        return out, False
    if op is sre.ASSERT and av[0] == 1:
        # a lookahead needs a character where it stands ("(?=[A-Z][a-z])"): its first characters bound
        # the match's, even when the match itself is empty; an empty lookahead bounds nothing
        return _first(av[1], bounded, tests)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return [], True  # zero-width: the next element decides (a superset is still exact)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, pattern = av
        if add_flags or del_flags:
            raise _Unbounded  # a scoped case flag would change what the lookahead means
        return _first(pattern, bounded, tests)
    if op is sre.BRANCH:
        chars: list[tuple[str, bool]] = []
        nullable = False
        for branch in av[1]:
            found, empty = _first(branch, bounded, tests)
            chars.extend(found)
            nullable = nullable or empty
        return chars, nullable
    if op in _REPEATS:
        low, _high, pattern = av
        found, empty = _first(pattern, bounded, tests)
        return found, empty or low == 0
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _first(av, bounded, tests)
    raise _Unbounded  # ANY, NOT_LITERAL, group references, conditionals


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """What must hold where any match of ``pattern`` starts, as the body of a lookahead: a class of
    first characters, or None when unbounded. Where many alternatives test a ``\\b`` each (see
    _MANY_BOUNDARIES), the characters that only follow a boundary are put behind one ("\\b[ws]|[']"):
    at a position inside a word it fails at once."""
    try:
        parsed = sre_parse.parse(pattern, flags)
        if parsed.data and parsed.data[0][0] in (sre.LITERAL, sre.IN) and not flags & re.IGNORECASE:
            return None  # re already scans for a leading literal or set in C
        tests = [0]
        chars, nullable = _first(parsed, False, tests)
    except (_Unbounded, re.error):
        return None
    if nullable or not chars:
        return None
    free = list(dict.fromkeys(c for c, bounded in chars if not bounded))
    after_boundary = [c for c in dict.fromkeys(c for c, bounded in chars if bounded) if c not in free]
    if not after_boundary or tests[0] < _MANY_BOUNDARIES:
        return "[" + "".join(dict.fromkeys(c for c, _ in chars)) + "]"
    head = r"\b[" + "".join(after_boundary) + "]"
    return head + "|[" + "".join(free) + "]" if free else head


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
_FOLDS_TO_ASCII: Final = re.compile("[\u0130\u0131\u017f\u212a]")
_MIN_NEEDLE: Final = 2  # single characters occur in nearly every clause: no use as a filter


_MAX_SPELLINGS: Final = 32  # a stretch with more exact spellings than this is not spelt out


def _exact_op(op: Any, av: Any, ignorecase: bool) -> list[str] | None:
    """Every string this element can match (lowercased under IGNORECASE), when they are few."""
    if op is sre.LITERAL:
        return [chr(av).lower() if ignorecase else chr(av)] if av < 128 or not ignorecase else None
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return [""]  # zero-width: nothing of the text
    if op is sre.IN:
        if len(av) > 4 or any(kind is not sre.LITERAL or (ignorecase and value >= 128) for kind, value in av):
            return None
        return list(dict.fromkeys(chr(value).lower() if ignorecase else chr(value) for _, value in av))
    if op is sre.SUBPATTERN:
        scoped = (ignorecase or bool(av[1] & re.IGNORECASE)) and not av[2] & re.IGNORECASE
        return _exact(av[3], scoped)
    if op is sre.BRANCH:
        spellings: list[str] = []
        for branch in av[1]:
            found = _exact(branch, ignorecase)
            if found is None:
                return None
            spellings.extend(found)
        spellings = list(dict.fromkeys(spellings))
        return spellings if len(spellings) <= _MAX_SPELLINGS else None
    if op in _REPEATS and av[0] in (0, 1) and av[1] == 1:
        found = _exact(av[2], ignorecase)
        return None if found is None else list(dict.fromkeys([*([""] if av[0] == 0 else []), *found]))
    return None


def _exact(items: Any, ignorecase: bool) -> list[str] | None:
    """Every string this sequence can match, when they are few (see _exact_op)."""
    spellings = [""]
    for op, av in items:
        found = _exact_op(op, av, ignorecase)
        if found is None or len(spellings) * len(found) > _MAX_SPELLINGS:
            return None
        spellings = list(dict.fromkeys(a + b for a in spellings for b in found))
    return spellings


def _literals(items: Any, ignorecase: bool) -> list[str] | None:
    """Strings one of which every match of this sequence contains, or None when unknown.

    A stretch of elements with few exact spellings ("(?:is|are) to", "plans? for") counts as
    one: what it matches is one of their concatenations ("is to", "are to"), a longer and so
    rarer needle than any of its parts."""
    candidates: list[list[str]] = []
    stretch = [""]  # the spellings of the exact elements since the last other one

    def close() -> None:
        nonlocal stretch
        if any(stretch):
            candidates.append(stretch)
        stretch = [""]

    for op, av in items:
        exact = _exact_op(op, av, ignorecase)
        if exact is not None and len(stretch) * len(exact) <= _MAX_SPELLINGS:
            stretch = list(dict.fromkeys(a + b for a in stretch for b in exact))
            continue
        close()
        if exact is not None:  # too many spellings to join the stretch: one candidate of its own
            candidates.append(exact)
            continue
        found: list[str] | None = None
        if op is sre.SUBPATTERN:
            # a scoped flag, "(?-i:may)", changes the case of what is inside; needles are
            # compared lowercased anyway (NeedleIndex), so either case is a sound needle
            scoped = (ignorecase or bool(av[1] & re.IGNORECASE)) and not av[2] & re.IGNORECASE
            found = _literals(av[3], scoped)
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


class NeedleIndex:
    """Every prefilter needle of every pattern in one Aho-Corasick automaton: one scan of a
    text answers, as a bit mask, which needles it contains, and each pattern's test is then
    one ``&`` against its own bits. A clause is tested against some thirty patterns (and the
    date rules), so scanning it once replaces hundreds of substring searches.

    Needles are matched in the lowercased text: a needle of a case-sensitive pattern is
    indexed lowercased, a weaker but still sound test (the pattern itself decides). A text
    holding a character that folds onto ASCII under IGNORECASE but not under ``str.lower``
    gets every bit set."""

    _CACHE_SIZE = 16  # a clause's text, its unquoted form, a few slices: all reused in a row

    def __init__(self) -> None:
        self._bits: dict[str, int] = {}
        self._automaton: Any = None
        self._cache: dict[int, tuple[str, int]] = {}
        self._last: tuple[str, int] = ("", 0)
        self._primed: dict[int, tuple[str, int]] = {}  # see prime()

    def mask(self, needles: tuple[str, ...]) -> int:
        """The bits of ``needles`` (registered on first sight; the automaton is rebuilt lazily)."""
        mask = 0
        for needle in needles:
            needle = needle.lower()
            bit = self._bits.get(needle)
            if bit is None:
                bit = self._bits[needle] = 1 << len(self._bits)
                self._automaton = None
                # masks found before this needle lack its bit
                self._cache, self._last, self._primed = {}, ("", 0), {}
            mask |= bit
        return mask

    def _build(self) -> Any:
        if _ahocorasick is None:  # pragma: no cover - pyahocorasick is a pinned requirement
            return list(self._bits.items())
        automaton = _ahocorasick.Automaton()
        for needle, bit in self._bits.items():
            automaton.add_word(needle, bit)
        automaton.make_automaton()
        return automaton

    def present(self, text: str) -> int:
        """The bits of the registered needles that occur in ``text`` (-1: assume all)."""
        last = self._last  # most calls test the text the call before tested
        if last[0] is text:
            return last[1]
        cache = self._cache
        hit = cache.get(id(text))
        if hit is not None and hit[0] is text:  # the cache holds the text, so its id is not reused
            self._last = hit
            return hit[1]
        primed = self._primed.get(id(text))
        found = primed[1] if primed is not None and primed[0] is text else self._scan(text)
        if len(cache) >= self._CACHE_SIZE:
            cache.clear()
        cache[id(text)] = self._last = (text, found)
        return found

    def prime(self, texts: Iterable[str]) -> None:
        """Scan ``texts`` (an article's clauses) in a row, ahead of the patterns that will ask about
        them: the automaton, a large structure, then stays in the CPU's caches for the whole run,
        where scanning each clause between the other rules fetched it from memory again each time.
        The answers are kept until the next call (the texts with them: their ids stay theirs)."""
        self._primed = {id(text): (text, self._scan(text)) for text in texts}

    def _scan(self, text: str) -> int:
        if not text.isascii() and _FOLDS_TO_ASCII.search(text):
            return -1
        automaton = self._automaton
        if automaton is None:
            automaton = self._automaton = self._build()
        found = 0
        lowered = text.lower()
        if isinstance(automaton, list):  # pragma: no cover - fallback without pyahocorasick
            for needle, bit in automaton:
                if needle in lowered:
                    found |= bit
        else:
            for _, bit in automaton.iter(lowered):
                found |= bit
        return found


NEEDLES: Final = NeedleIndex()


def trie_alternation(phrases: list[str]) -> str:
    """One regex for many literal phrases, as a character trie: Python's ``re`` tries plain
    alternatives one by one, a trie rejects a non-matching position after a character or two."""
    trie: dict[str, Any] = {}
    for phrase in set(phrases):
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 and len(branches[0]) <= 2 else "(?:" + "|".join(branches) + ")"
        return f"(?:{group})?" if "" in node else group

    return build(trie)


class Prefiltered:
    """A compiled pattern behind a needle test: a text containing none of the needles
    cannot match, so search, match and finditer answer for it without the regex."""

    def __init__(self, regex: re.Pattern[str], needles: tuple[str, ...], *, ignorecase: bool) -> None:
        self.regex = regex
        self.needles = needles
        self.ignorecase = ignorecase
        self.pattern = regex.pattern
        self.flags = regex.flags
        self.groups = regex.groups
        self.groupindex = regex.groupindex
        self.bits = NEEDLES.mask(needles)

    # Each method reads the index's last answer itself first: a clause is put to some thirty
    # patterns in a row, and most calls end here, where a call of present() would cost as much
    # as the rest of the test.
    def possible(self, text: str) -> bool:
        last = NEEDLES._last
        return bool((last[1] if last[0] is text else NEEDLES.present(text)) & self.bits)

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        last = NEEDLES._last
        if (last[1] if last[0] is text else NEEDLES.present(text)) & self.bits:
            return self.regex.search(text, *args)
        return None

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        last = NEEDLES._last
        if (last[1] if last[0] is text else NEEDLES.present(text)) & self.bits:
            return self.regex.match(text, *args)
        return None

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        last = NEEDLES._last
        if (last[1] if last[0] is text else NEEDLES.present(text)) & self.bits:
            return self.regex.finditer(text, *args)
        return iter(())

    # The rest of re.Pattern's interface, spelt out: a __getattr__ fallback would make every
    # attribute read on these objects (self.bits above, on each of a thousand calls an article)
    # take CPython's slow generic path instead of its specialised one.
    def fullmatch(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.fullmatch(text, *args)

    def findall(self, text: str, *args: int) -> list[Any]:
        return self.regex.findall(text, *args)

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        return self.regex.split(text, maxsplit)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self.regex.sub(repl, text, count)

    def subn(self, repl: Any, text: str, count: int = 0) -> tuple[str, int]:
        return self.regex.subn(repl, text, count)


def could_match(regex: re.Pattern[str], text: str) -> bool:
    """False only when ``regex`` cannot match ``text``: its needle test, without running it (a
    gate before patterns that are each tried anyway)."""
    if isinstance(regex, Prefiltered):
        return regex.possible(text)
    return regex.search(text) is not None


_WORD_START: Final = re.compile(r"\b(?=\w)")


class _LiteralIndex:
    """The anchor literals of every Anchored in one automaton: the scans of one body by several
    of them (titles before names, descriptions "the North Korean official") share one pass."""

    def __init__(self) -> None:
        self._owners: dict[str, int] = {}  # literal -> bits of the Anchored that look for it
        self._count = 0
        self._automaton: Any = None
        self._last: tuple[str | None, list[tuple[int, int]]] = (None, [])

    def register(self, literals: Iterable[str]) -> int:
        bit = 1 << self._count
        self._count += 1
        for literal in set(literals):
            self._owners[literal] = self._owners.get(literal, 0) | bit
        self._automaton, self._last = None, (None, [])
        return bit

    def hits(self, text: str) -> list[tuple[int, int]]:
        """(start, owner bits) of every occurrence of every literal in ``text`` (the last text's kept)."""
        last = self._last  # read once: another thread may put its own text there
        if last[0] is text:
            return last[1]
        automaton = self._automaton
        if automaton is None:  # built whole before it is shared
            automaton = _ahocorasick.Automaton()
            for literal, owners in self._owners.items():
                automaton.add_word(literal, (len(literal), owners))
            automaton.make_automaton()
            self._automaton = automaton
        found = [(end - length + 1, owners) for end, (length, owners) in automaton.iter(text)]
        self._last = (text, found)
        return found


_LITERALS: Final = _LiteralIndex()


class Anchored:
    """``finditer`` of a pattern made of a lead of known words and an ``anchor`` that is cheap
    to find: "the North Korean *vice chairman*", "Vice *Marshal Jo*", "Kim Yong Chol*, a*".

    Whole-body patterns with long optional leads (demonyms, qualifiers) try their first
    alternatives at every position of the article. Here the anchor is found first; from it,
    the scan walks back over the words that ``lead_word`` accepts (the lead's vocabulary) and
    tries the pattern only at the word starts in between. Exact, given that every match
    starts a word and consists of lead words up to a place where ``anchor`` matches: the
    leftmost match can start neither before the walk's end nor after the anchor it holds."""

    def __init__(
        self,
        regex: re.Pattern[str],
        anchor: re.Pattern[str],
        lead_word: Callable[[str], bool],
        *,
        literals: Iterable[str] = (),
        max_words: int = 12,
    ) -> None:
        """``literals``: strings one of which every anchor match starts with (offices), found
        all at once by an automaton; without them the anchor regex scans the text itself."""
        self.regex = regex
        self.anchor = anchor
        self.lead_word = lead_word
        self.max_words = max_words  # past that (hostile text), try every word from the last match on
        self.pattern = regex.pattern
        self._bit = _LITERALS.register(literals) if literals and _ahocorasick is not None else 0

    def _anchors(self, text: str) -> Iterator[int]:
        """Start offsets of the anchor's matches, left to right."""
        if not self._bit:
            pos = 0
            while (hit := self.anchor.search(text, pos)) is not None:
                yield hit.start()
                pos = hit.start() + 1
            return
        bit = self._bit
        for start in sorted({start for start, owners in _LITERALS.hits(text) if owners & bit}):
            if self.anchor.match(text, start):
                yield start

    def _lead_start(self, text: str, at: int, floor: int) -> int:
        end = at
        for _ in range(self.max_words):
            while end > floor and text[end - 1].isspace():
                end -= 1
            start = end
            while start > floor and not text[start - 1].isspace():
                start -= 1
            if start == end or not self.lead_word(text[start:end]):
                return start  # a match may begin inside this word ("ex-North Korean"), not before it
            end = start
        return floor

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pos = 0
        for at in self._anchors(text):
            if at < pos:
                continue  # inside the last match
            m = None
            for word in _WORD_START.finditer(text, self._lead_start(text, at, pos), at + 1):
                m = self.regex.match(text, word.start())
                if m:
                    break
            if m is None:
                pos = at + 1
                continue
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1
