"""compile_fast: the first-character lookahead never changes what a pattern matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extraction import coder
from tracker.extraction.fastre import NEEDLES, Anchored, Prefiltered, compile_fast, first_chars, required_literals
from tracker.extraction.lexicon import lexicon

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))
# exotic case folds (Kelvin sign, long s, dotted I) and boundaries at the very start and end
ODD = "\u212aim \u017fays WİLL meet; \u201cwill\u201d\n'll summit Summit SUMMIT"
WORDS = [
    "the",
    "The",
    "a",
    "an",
    "North",
    "Korean",
    "South",
    "US",
    "top",
    "former",
    "chief",
    "new",
    "de",
    "facto",
    "ex-North",
    "Kim",
    "Yong",
    "Chol",
    "Jong",
    "Un",
    "Mike",
]
WORDS += [
    "Pompeo",
    "Trump's",
    "Foreign",
    "Minister",
    "foreign",
    "minister",
    "leader",
    "Vice",
    "Marshal",
    "official",
    "envoy",
    "who",
    "whose",
]
WORDS += ["Secretary of State", "vice chairman", "(North", "Un,", "Chol,", ",", "Kim's", "considered", "said"]
SEPARATORS = [" ", "  ", ", ", "\n", "\t", "-", " (", ") "]


def _lexicon_patterns() -> list[tuple[str, int]]:
    lex = lexicon()
    found = [*lex.modality.values(), lex.any_meeting, lex.any_status, lex.summit_regex, lex.group_regex]
    found += [k.regex for k in lex.meeting_kinds] + [k.regex for k in lex.status_kinds]
    found += [p for p in vars(coder).values() if isinstance(p, Prefiltered)]
    return [(p.pattern, p.flags) for p in found]


def test_bounded_pattern_gets_lookahead() -> None:
    assert first_chars(r"\b(?:will|'ll)\b", re.IGNORECASE) == "[w']"
    assert compile_fast(r"\bsummit\b").pattern.startswith("(?=[s])")


def test_many_boundaries_go_behind_one() -> None:
    words = ["will", "set to", "due to", "soon", "would", "plan", "hope", "want", "going", "agreed", "meets", "visits"]
    many = "|".join(rf"\b{w}\b" for w in words)
    assert first_chars(rf"{many}|'ll\b", re.IGNORECASE) == r"\b[wsdphgamv]|[']"
    fewer = "|".join(rf"\b{w}\b" for w in words[1:])
    assert first_chars(fewer, re.IGNORECASE) == "[sdwphgamv]"  # one boundary fewer: a plain class
    assert first_chars(rf"\b(?:{'|'.join(words)})", re.IGNORECASE) == "[wsdphgamv]"  # one boundary for all
    # a boundary bounds only what follows it where the match starts
    assert first_chars(rf"x*\by|{fewer}") == r"\b[ysdwphgamv]|[x]"


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


def _anchored() -> list[Anchored]:
    from tracker.extraction.coder import _description_regex
    from tracker.extraction.people import _patterns

    pats = _patterns(id(lexicon()))
    return [_description_regex(), pats["titled"], pats["post_appositive"]]


# leads that stretch the walk back: hyphenated and bracketed words, runs of qualifiers, line
# breaks inside a lead, titles inside a lead, several anchors in a row, and a hostile run
HARD = [
    "ex-North Korean leader Kim Jong Un met the former top senior chief new US envoy.",
    "(South Korean President Moon Jae-in) said; the North Korean\nvice chairman, a general.",
    "Former Foreign Minister Foreign Minister Ri Yong Ho, the top North Korean official, spoke.",
    "the " + "top " * 30 + "official and " + "Chief " * 20 + "Secretary of State Mike Pompeo, a former spy.",
    "Kim Yong Chol, a, Kim, the the Kim Jong Un, whose Kim's, considered Pompeo, Trump's aide, ",
]


@pytest.mark.parametrize("anchored", _anchored(), ids=["description", "titled", "post_appositive"])
def test_anchored_scan_finds_what_a_full_scan_finds(anchored: Anchored) -> None:
    articles = [path.read_text(encoding="utf-8") for path in ARTICLES]
    texts = articles + [line for body in articles for line in body.splitlines() if line.strip()] + HARD + [ODD]
    found = 0
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in anchored.regex.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in anchored.finditer(text)] == expected, text[:80]
        found += len(expected)
    assert found > 20


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.lists(st.sampled_from(SEPARATORS), min_size=1))
def test_anchored_scan_on_word_salad(words: list[str], separators: list[str]) -> None:
    text = "".join(word + separators[i % len(separators)] for i, word in enumerate(words))
    for anchored in _anchored():
        expected = [(m.span(), m.groupdict()) for m in anchored.regex.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in anchored.finditer(text)] == expected, text


def test_needle_index_reports_every_needle_of_a_text() -> None:
    lowered = "the talks in pyongyang were held on tuesday; he will visit."
    present = NEEDLES.present(lowered)
    for needle, bit in NEEDLES._bits.items():
        assert bool(present & bit) == (needle in lowered), needle
    assert NEEDLES.present("he \u017fAID") == -1  # a character only IGNORECASE folds: every pattern runs


def test_a_leading_lookahead_bounds_the_first_character() -> None:
    # an empty match still needs the lookahead's character where it stands
    assert first_chars(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])") == "[A-Z]"
    assert first_chars(r"[.!?]+\s+|(?<=[a-z])(?=[A-Z])") == r"[\.!\?A-Z]"
    assert first_chars(r"(?=x?)y") == "[xy]"  # a lookahead that can be empty bounds nothing alone
    assert first_chars(r"(?!x)y") == "[y]"  # nor does a negative one
    assert first_chars(r"(?=x?)") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ.!? \n", max_size=30))
def test_a_leading_lookahead_matches_as_before(text: str) -> None:
    for pattern in (
        r"[.!?]+\s+(?=[A-Z])|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?=Z\.)",
        r"a*\bZ|\b(?:aa|\.)|(?:\bZ)*!|(?=\ba)a?Z|" + "|".join([r"\ba\.", r"\bZ!", r"\b\.a"] * 4),
    ):
        plain, fast = re.compile(pattern), compile_fast(pattern, prefilter=False)
        assert fast.pattern != pattern
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
