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


TOKENS = ["and", "said", "that", "had", "met", "walked", "a", "two", "days", "after", "before", "the", "flying"]
TOKENS += ["since", "as", "they", "try", "to", "discuss", "but", "ahead", "of", "Kim", "his", "summit", "5", "slowly"]
TOKENS += [" ", "  ", ", ", ",", "; ", "(", ")", " \u2014 ", "\u2013", "\n", '"', ".", "\u00a0"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=30), st.lists(st.sampled_from([" ", "", ", ", "  "]), min_size=1))
def test_clause_splits_as_the_rule(tokens: list[str], glue: list[str]) -> None:
    text = "".join(token + glue[i % len(glue)] for i, token in enumerate(tokens))
    rule = re.compile(T.CLAUSE_SPLIT_RULE)
    assert [m.span() for m in T._CLAUSE_SPLIT.finditer(text)] == [m.span() for m in rule.finditer(text)]


def test_clause_splits_as_the_rule_on_every_article() -> None:
    from pathlib import Path

    rule = re.compile(T.CLAUSE_SPLIT_RULE)
    checked = 0
    for path in sorted((Path(__file__).parent / "articles").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            expected = [m.span() for m in rule.finditer(line)]
            assert [m.span() for m in T._CLAUSE_SPLIT.finditer(line)] == expected, line
            checked += len(expected)
    assert checked > 100


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.sampled_from(["he", "He", "She", "they", "Their", "his", "her", "hers", "the", "s", "T", "x", "_"])),
    st.lists(st.sampled_from([" ", "", "-", "'", "\u00e9"]), min_size=1),
    st.integers(0, 5),
)
def test_pronouns_as_the_rule(words: list[str], glue: list[str], pos: int) -> None:
    from tracker.extraction import coder

    text = "".join(word + glue[i % len(glue)] for i, word in enumerate(words))
    rule = re.compile(coder.PRONOUN_RULE)
    assert [(m.span(), m.group("p")) for m in coder._PRONOUN.finditer(text, pos)] == [
        (m.span(), m.group("p")) for m in rule.finditer(text, pos)
    ]


def test_gazetteer_scan_as_the_plain_rule() -> None:
    from pathlib import Path

    from tracker.extraction.fastre import trie_alternation
    from tracker.extraction.lexicon import lexicon

    lex = lexicon()
    rule = re.compile(r"\b(?<![\w-])(?=[A-Z])(?:" + trie_alternation(list(lex.places)) + r")(?![\w-])")
    here = Path(__file__).parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((here / "articles").glob("*.txt"))]
    texts += ["xParis Paris-Seoul -Seoul _Seoul Seoul's Seoulx Moscow\nMoscow", "Paris"]
    found = 0
    for text in texts:
        expected = [m.span() for m in rule.finditer(text)]
        assert [m.span() for m in lex.place_regex.finditer(text)] == expected
        found += len(expected)
    assert found > 100


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["envoy", "of", "to", "for", "the", "according", "father", "Kim", "Of", "aide"])),
    st.lists(st.sampled_from([" ", "  ", ", ", "\n"]), min_size=1),
    st.integers(0, 80),
)
def test_not_a_party_window_as_the_rule(words: list[str], glue: list[str], position: int) -> None:
    from tracker.extraction import coder

    body = "".join(word + glue[i % len(glue)] for i, word in enumerate(words))
    position = min(position, len(body))
    expected = coder._NOT_A_PARTY.search(body, max(0, position - coder.NOT_A_PARTY_WINDOW), position) is not None
    assert coder._not_a_party(body, position) == expected


def test_an_abbreviated_month_ends_no_sentence():
    from tracker.extraction.text import split_sentences

    text = "Pompeo met Kim during a secret visit on Mar. 31. He returned on Apr. 1."
    assert [s.text for s in split_sentences(text)] == [
        "Pompeo met Kim during a secret visit on Mar. 31.",
        "He returned on Apr. 1.",
    ]
