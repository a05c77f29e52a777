"""compile_fast: the first-character lookahead never changes what a pattern matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tracker.extraction import coder
from tracker.extraction.fastre import Prefiltered, compile_fast, first_chars, required_literals
from tracker.extraction.lexicon import lexicon

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))
# exotic case folds (Kelvin sign, long s, dotted I) and boundaries at the very start and end
ODD = "\u212aim \u017fays WİLL meet; \u201cwill\u201d\n'll summit Summit SUMMIT"


def _lexicon_patterns() -> list[tuple[str, int]]:
    lex = lexicon()
    found = [*lex.modality.values(), lex.any_meeting, lex.any_status, lex.summit_regex, lex.group_regex]
    found += [k.regex for k in lex.meeting_kinds] + [k.regex for k in lex.status_kinds]
    found += [p for p in vars(coder).values() if isinstance(p, Prefiltered)]
    return [(p.pattern, p.flags) for p in found]


def test_bounded_pattern_gets_lookahead() -> None:
    assert first_chars(r"\b(?:will|'ll)\b", re.IGNORECASE) == "[w']"
    assert compile_fast(r"\bsummit\b").pattern.startswith("(?=[s])")


@pytest.mark.parametrize("pattern", [r"a?", r".x", r"[^a]b", r"(?i:x)y", r"\bx|", r"(?i)abc", r"x # c"], ids=repr)
def test_unbounded_or_unsafe_patterns_stay_plain(pattern: str) -> None:
    flags = re.VERBOSE if "#" in pattern else 0
    assert compile_fast(pattern, flags).pattern == pattern


def test_required_literals() -> None:
    assert required_literals(r"\b(?:will|'ll)\b|\bset to\b", re.IGNORECASE) == ("will", "'ll", "set to")
    assert required_literals(r"\bWith\s+[A-Z]") == ("With",)  # case kept without IGNORECASE
    assert required_literals(r"ab(?=c)de") == ("abde",)  # a lookahead consumes nothing
    assert required_literals(r"x(?:yy)?z|w") is None  # "w" alone is too short to filter on
    assert required_literals(r"\bfo+bar") == ("bar",)


def test_prefilter_sees_case_folds_str_lower_misses() -> None:
    fast = compile_fast(r"\bsaid\b", re.IGNORECASE)
    assert isinstance(fast, Prefiltered)
    for text in ("he SAID so", "he \u017fAID so", "he sa\u0130d", "nothing here"):
        plain = re.compile(r"\bsaid\b", re.IGNORECASE).search(text)
        got = fast.search(text)
        assert (got and got.span()) == (plain and plain.span()), text


def test_same_matches_on_every_article() -> None:
    articles = [path.read_text(encoding="utf-8") for path in ARTICLES]
    # whole bodies, and their lines (a clause-sized text often holds no needle at all)
    texts = articles + [line for body in articles for line in body.splitlines() if line.strip()] + [ODD]
    checked = 0
    for pattern, flags in _lexicon_patterns():
        plain, fast = re.compile(pattern, flags & ~re.UNICODE), compile_fast(pattern, flags & ~re.UNICODE)
        for text in texts:
            expected = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == expected, pattern[:60]
            first = plain.search(text)
            assert (first and first.span()) == ((m := fast.search(text)) and m.span()), pattern[:60]
            checked += bool(expected)
    assert checked > 20  # the patterns really matched something
