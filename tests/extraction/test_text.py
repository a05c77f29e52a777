"""Shortcuts of the splitter and the finders answer exactly as the regexes they stand for."""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tracker.extraction import text as T

# word characters of several scripts, every kind of space and the closing marks _LAST_WORD knows
ALPHABET = "ab_1\u00e9\u0660., !?\"')]\u201d\u2019\u00a0\u2003\t\n;-\u212a"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_wrapped_is_the_regex(text: str, start: int, end: int) -> None:
    start, end = min(start, len(text)), min(max(start, end), len(text))
    assume(not text[start:end].endswith("\n"))  # a paragraph's lines: newlines inside it, none at its end
    assert T._wrapped(text, start, end) == bool(re.compile(r"[\w,]\s*$").search(text, start, end))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_last_word_is_the_regex_on_the_slice(text: str, start: int, end: int) -> None:
    start, end = min(start, len(text)), min(max(start, end), len(text))
    expected = T._LAST_WORD.search(text[start:end])
    got = T._last_word(text, start, end)
    assert (got and (got.start() - start, got.end() - start, got.group(1))) == (
        expected and (expected.start(), expected.end(), expected.group(1))
    )


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="AbZ\u00e9-_1 .'", max_size=30), st.integers(0, 30))
def test_capitalised_words_as_before(text: str, pos: int) -> None:
    from tracker.extraction.people import _CAPITALISED

    before = re.compile(r"(?<![\w-])[A-Z][A-Za-zÀ-ɏ]+(?![\w-])")
    assert [m.span() for m in _CAPITALISED.finditer(text, pos)] == [m.span() for m in before.finditer(text, pos)]
