"""compile_fast: the first-character lookahead never changes what a pattern matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tracker.extraction.fastre import compile_fast, first_chars
from tracker.extraction.lexicon import lexicon

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))
# exotic case folds (Kelvin sign, long s, dotted I) and boundaries at the very start and end
ODD = "\u212aim \u017fays WİLL meet; \u201cwill\u201d\n'll summit Summit SUMMIT"


def _lexicon_patterns() -> list[tuple[str, int]]:
    lex = lexicon()
    found = [*lex.modality.values(), lex.any_meeting, lex.any_status, lex.summit_regex, lex.group_regex]
    found += [k.regex for k in lex.meeting_kinds] + [k.regex for k in lex.status_kinds]
    return [(p.pattern, p.flags) for p in found]


def test_bounded_pattern_gets_lookahead() -> None:
    assert first_chars(r"\b(?:will|'ll)\b", re.IGNORECASE) == "[w']"
    assert compile_fast(r"\bsummit\b").pattern.startswith("(?=[s])")


@pytest.mark.parametrize("pattern", [r"a?", r".x", r"[^a]b", r"(?i:x)y", r"\bx|", r"(?i)abc", r"x # c"], ids=repr)
def test_unbounded_or_unsafe_patterns_stay_plain(pattern: str) -> None:
    flags = re.VERBOSE if "#" in pattern else 0
    assert compile_fast(pattern, flags).pattern == pattern


def test_same_matches_on_every_article() -> None:
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES] + [ODD]
    checked = 0
    for pattern, flags in _lexicon_patterns():
        plain, fast = re.compile(pattern, flags & ~re.UNICODE), compile_fast(pattern, flags & ~re.UNICODE)
        for text in texts:
            expected = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == expected, pattern[:60]
            checked += bool(expected)
    assert checked > 20  # the patterns really matched something
