"""Sentences and clauses with their offsets in the article body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from .fastre import compile_fast, first_chars, trie_alternation
from .furniture import FurnitureReader, stamp_length

if TYPE_CHECKING:
    from .people import Mention

PAST_VERB: Final = r"(?:held|met|spoke|sat|went|flew|made|had|took|told|said|gave|left|came|saw|[a-z]+ed)"
_ABBREVIATIONS: Final = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "gen",
        "lt",
        "col",
        "sen",
        "rep",
        "gov",
        "jr",
        "sr",
        "no",
        "vs",
        "inc",
        "corp",
        "co",
        "u.s",
        "u.n",
        "u.k",
        "d.c",
        "a.m",
        "p.m",
        "jan",
        "feb",
        "aug",
        "sept",
        "mar",
        "apr",
        "jun",
        "jul",
        "oct",
        "nov",
        "dec",
        "e.g",
        "i.e",
        "approx",
        "est",
        "fig",
        "vol",
        "ft",
    ]
)
# compile_fast: a boundary starts at a stop or (lost space) at a capital, so other positions are
# rejected by one character test instead of trying the look-behind at every character
_BOUNDARY: Final = compile_fast(
    r"[.!?]+[\"\u201d\u2019')\]]*\s+(?=[\"\u201c\u2018(\[]?[A-Z0-9\u2013\u2014-])"
    # scraped copy loses the space: "... for a state visit.The Kremlin said ..."
    r"|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])",
    prefilter=False,
)
_PARAGRAPH: Final = re.compile(r"[^\n]+")
# a line cut mid-sentence: it ends in a word or a comma (``[\w,]\s*$``, see _wrapped), and the next
# line goes on in lower case
_CONTINUES: Final = re.compile(r"\s*[a-z]")
# Subordinators open a new clause (with or without a comma before them); the weaker ones
# ("as", "who", "and then") only after a comma, where they reliably start a clause.
# Every alternative that ends in a look-ahead consumes the same ",\s*" or "\s+" whichever look-ahead
# holds, so the look-aheads are grouped behind one of each: the engine consumes the spaces once.
_SINCE: Final = r"(?:since|where|while|when|until|although|though|whereas|because)\s"
_AFTER_COMMA: Final = (
    rf"{_SINCE}|(?:as|who|which|but|after|before|then|despite)\s"
    # a participle that closes an event opens a clause of its own: "..., ending a visit that ..."
    # (not "saying", "adding": their "he" is the speaker, which the clause before resolves)
    r"|(?:ending|capping|concluding|wrapping\s+up)\s"
    # "arrived in Beijing on Tuesday, en route to Vietnam to meet his counterpart": what is ahead
    r"|(?:apparently\s+)?en\s+route\s"
    # "met Lee Hsien Loong today, on the eve of a historic summit between Trump and Kim": the summit ahead
    r"|on\s+the\s+eve\s+of\s"
    # "..., a statement said, referring to the June meeting between Trump and Kim": the event referred to
    # is told in a clause of its own, in its own tense
    r"|referring\s+to\s"
    # "Trump's meeting with Kim, scheduled to begin at 9 a.m. on Tuesday": the plan's day, in its own tense
    r"|(?:scheduled|set|slated|due)\s+to\s"
    # "... in consideration for the meeting, a follow-up to their historic summit in Singapore in June": the
    # earlier event is told in a clause of its own, in its own tense
    r"|(?:a|the)\s+follow-?up\s+(?:to|of)\s"
    # "..., with Trump saying earlier this month that he had received a letter": a report of its own
    # "..., with Secretary of State Mike Pompeo also meeting Kim Yong Chol": another event of its own
    r"|with\s+(?:[A-Z][\w'\u2019.-]*\s+|of\s+){1,7}(?:also\s+)?(?:saying|adding|telling|noting|insisting|warning"
    r"|meeting|visiting|holding|hosting|talking)\b"
    r"|(?:a|one|two|three|four)\s+(?:days?|weeks?)\s+(?:after|before|later|earlier)\b"
    rf"|and\s+(?:a|an|the|he|she|they|then|[A-Z][\w'\u2019]*|(?:\w+ly\s+)?{PAST_VERB})\s"
)
# "that a possible summit ...": an event named as what is said or agreed
_THAT_EVENT_WORDS: Final = r"that\s+(?:a|an|the|their)\s+(?:[\w-]+\s+){0,3}(?:summit|meeting|talks)\b"
_AFTER_SPACE: Final = (
    rf"{_SINCE}"
    r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty"
    r"|several|\d+)\s+(?:days?|weeks?|months?)\s+(?:after|before)\s"
    # a second verb of saying opens what is said: "met Ri on Wednesday and said afterward that he would ..."
    r"|and\s+(?:\w+ly\s+)?(?:said|told|added|announced|declared|warned|insisted)\s"
    rf"|that\s+(?:had\s+|has\s+|have\s+)?{PAST_VERB}\s"
    # "confirmed Wednesday that CIA Director Mike Pompeo traveled secretly to North Korea last week": what is
    # confirmed is an event of its own, with its own days
    # (an event, not a wish: "told Trump that Kim wanted another meeting" is one clause; nor a pluperfect
    # report, "that Trump had received a letter", which keeps the saying's day as its bound)
    r"|that\s+(?:[A-Z][\w.'\u2019-]*\s+){1,5}(?:\w+ly\s+)?(?:met|held|travell?ed|visited|flew|went|arrived|spoke"
    r"|talked|hosted|phoned|sat)\s"
    # "to revive a June 12 summit that he canceled last week": the relative clause tells its own change
    r"|that\s+(?:(?:he|she|they)\s+|(?:[A-Z][\w.-]*\s+){1,3})(?:had\s+)?(?:\w+ly\s+)?(?:cancell?ed|called|scrapped|postponed"
    r"|scuttled)\s"
    # "the denuclearization that their leaders agreed to in their first summit in Singapore in June": the
    # relative clause tells an earlier event, with its own days
    rf"|that\s+(?:their|the\s+two|both)\s+(?:leaders|sides|countries|presidents)\s+(?:had\s+)?{PAST_VERB}\s"
    # "plan to hold discussions over the phone about Trump's upcoming meeting with Kim": the meeting talked
    # about is another event, of other people
    # (one ahead, so the clause keeps a word that says so)
    r"|about\s+(?:the|a|an|their|his|her|[A-Z][\w.-]*['\u2019]s)\s+(?:upcoming|planned|proposed|possible|expected"
    r"|anticipated|forthcoming)\s+(?:[\w-]+\s+)?(?:meeting|summit|visit|trip)\b"
    # "after briefing Trump about a rare meeting with Kim in the North Korean capital on Monday": the meeting
    # told of, with its own party, place and day
    r"|about\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,2}(?:meeting|talks|visit|trip)\s+with\s"
    # "the two leaders spoke on Monday regarding Trump's meeting with Kim": the meeting spoken of
    r"|(?:regarding|concerning)\s+(?:the|a|an|their|his|her|[A-Z][\w.-]*['\u2019]s)\s+(?:[\w-]+\s+){0,2}"
    r"(?:meeting|summit|visit|trip)\b"
    # "agreed at a surprise meeting on Saturday that a possible summit ... must be held": what they
    # agreed on is another event, with its own mood
    rf"|{_THAT_EVENT_WORDS}"
    r"|and\s+(?:is|are|was|were|will|has|have)\s"
    # "sat down with Kim Yong Chol, the official with whom he arranged the summit": the relative
    # clause tells its own (earlier) event
    r"|(?:with|to|for|from|by)\s+whom\s"
    r"|(?:before|after|following|prior\s+to)\s+(?:the|a|an|his|her|their)\s"
    # "would happen after Kim's summit with Trump in June in Singapore": a named pair's earlier event
    r"|(?:before|after|following|since)\s+(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['\u2019]s\s+(?:[\w-]+\s+)?"
    r"(?:summit|meeting|talks|visit|trip)\b"
    # "during his first meeting with Moon in April and again at the Singapore summit with Trump in June": a
    # second meeting, with someone else
    r"|and\s+(?:again\s+)?(?:at|during)\s+(?:the|a|an|their|his|her)\s+(?:[\w-]+\s+){0,3}(?:summit|meeting|talks)\b"
    # "a call held only hours after Trump met with Kim in Singapore": a named subject's own event
    rf"|(?:before|after)\s+(?:[A-Z][\w'\u2019.-]*\s+){{1,4}}(?:\w+ly\s+)?{PAST_VERB}\s"
    # "met Kang this morning before sitting down with his counterpart Lee": a second meeting
    r"|before\s+(?:sitting\s+down|meeting|holding|hosting)\s"
    # (an aim, not what someone hopes or wants to do: "he hoped to organize a second summit" is one clause;
    # "agreed to arrange ..." stays an aim of its own)
    r"|(?<!hope )(?<!hoped )(?<!hopes )(?<!want )(?<!wants )(?<!wanted )"
    r"to\s+(?:finali[sz]e|prepare|arrange|discuss|plan|pave|salvage|try|work\s+out|lay|ensure|secure|revive|rescue|get"
    r"|set\s+up|organi[sz]e|broker"
    r"|save|smooth|keep\s+(?:the|a|an|their|his|her)\s)\b"
    r"|(?:and|or)\s+(?:a|an|his|her|their|[A-Z][\w-]*['\u2019]s)\s+(?:[\w-]+\s+){0,2}(?:meeting|summit|visit|trip|talks)\b"
    # a second meeting held: "first met at Panmunjom on 27 April and held a second meeting there on 26 May"
    r"|and\s+(?:held|had)\s+(?:a|an|another|their)\s+(?:[\w,-]+\s+){0,3}(?:meeting|summit|talks)\b"
    r"|but\s"
    # "Kim is meeting Choe Son Hui, an experienced diplomat who specializes in the relationship with
    # Washington": who someone is, with places of its own
    r"|who\s+(?:\w+ly\s+)?(?:specializes|specialises|is|was|has|had|heads|headed|leads|led|serves|served|oversees"
    r"|oversaw|handles|handled|runs|ran|represents|represented|worked|works)\s"
    # "arrived in Pyongyang just as Trump announced that he will meet Kim": another event, its own tense
    r"|just\s+as\s"
    # "opened talks in New York as they try to revive plans for a summit": the aim is a clause of its own
    r"|as\s+(?:they|he|she|we|both\s+sides)\s+(?:\w+\s+)?(?:try|tries|seek|seeks|work|works|prepare|prepares"
    r"|look|looks|push|pushes|aim|aims)\b"
    # "accepted an invitation to visit Pyongyang during their meeting in Singapore on Tuesday": the
    # meeting the offer was made at is an event of its own, with its own mood
    r"|during\s+(?:their|the|his|her)\s+(?:[\w-]+\s+){0,2}(?:meeting|summit|talks)\b"
    # "dined with a senior official ... in hopes of salvaging the talks that Trump called off": an aim
    r"|in\s+(?:the\s+)?hopes?\s+of\s"
    r"|ahead\s+of\s"  # "a visit meant to line up positions ahead of a second summit with Trump"
    r"|in\s+advance\s+of\s"
    # a departure closes what came before: "due to meet Kono before flying on to Seoul on Wednesday"
    r"|before\s+(?:flying|travell?ing|leaving|heading|returning|departing|going|moving)\s"
)
CLAUSE_SPLIT_RULE: Final = (  # the rule; _CLAUSE_SPLIT is the same splits, faster
    r"\s*[;()]\s*|\s+[\u2014\u2013]\s+" rf"|,\s*(?=(?:{_AFTER_COMMA}))|\s+(?=(?:{_AFTER_SPACE}))"
)


def _ahead(alternatives: str, first_words: str = "") -> str:
    """A lookahead for ``alternatives``, behind one for their first characters (a lookahead only
    asks whether one of them holds: the cheap test first changes no answer). ``first_words``: a
    superset of what the alternatives can start with, as a second cheap test (a word trie rejects
    most words after a letter or two, where the alternatives would each be tried in turn)."""
    head = first_chars(alternatives)
    return (f"(?={head})" if head else "") + (f"(?={first_words})" if first_words else "") + f"(?=(?:{alternatives}))"


# CLAUSE_SPLIT_RULE with the spaces that three of its alternatives start with consumed once: after
# a run of spaces the next character alone tells which of them can hold (a stop or bracket, a dash,
# a word), so trying them in the rule's order behind one "\s+" finds the same split at each position.
# Every split starts with one of ";()," or a space, consumed first as a plain set: re then skips in C
# to those characters (a leading lookahead, as compile_fast writes, makes it try every position), and
# a look-behind at that character picks the alternative it starts ("\s\s*" is "\s+", and so on).
# A word after a space is tried against the alternatives only when one of them can start with it:
# each starts with one of these words, followed by a space, or with a number
_AFTER_SPACE_WORDS: Final = [
    *("since", "where", "while", "when", "until", "although", "though", "whereas", "because"),
    *("a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
    *("thirteen", "fourteen", "fifteen", "twenty", "thirty", "several"),
    *("and", "or", "that", "before", "after", "to", "but", "as", "ahead", "during", "following", "prior", "in"),
    *("about", "just", "who", "regarding", "concerning"),
]
# "with whom", "for whom", ...: the preposition alone is too common a word to try the splits after
_AFTER_SPACE_START: Final = rf"(?:{trie_alternation(_AFTER_SPACE_WORDS)})\s|(?:with|for|from|by)\s+whom\s|\d"
# American copy closes a quotation after its comma ('called "beautiful letters," and Pompeo met'):
# the clause then splits at the space after the closing mark, outside the quotation
_CLAUSE_SPLIT: Final = re.compile(
    r"[;(),\s](?:(?<=[;()])\s*"
    rf"|(?<=,)\s*{_ahead(_AFTER_COMMA)}"
    rf"|(?<=,[\"\u201d]\s)\s*{_ahead(_AFTER_COMMA)}"
    rf"|(?<=\s)\s*(?:[;()]\s*|[\u2014\u2013]\s+|{_ahead(_AFTER_SPACE, _AFTER_SPACE_START)}))"
)
# "the third meeting between Kim and Xi following their summit in Dalian on May 8": two events
_EVENT_NOUN_BEFORE: Final = re.compile(r"\b(?:meeting|summit|talks|visit)s?\b")
THAT_EVENT: Final = re.compile(_THAT_EVENT_WORDS)
# a meeting told before "during their meeting" (not "willing to meet ... during their meeting")
_MET_BEFORE: Final = re.compile(r"(?<!\bto )\b(?:meets?|met|meeting|talks|shook|shake|shakes)\b")
_ROLE_BEFORE_COMMA: Final = re.compile(
    r"\b(?:counterpart|minister|president|leader|envoy|adviser|advisor|secretary|chairman|official|negotiator)s?,\s*$"
)
_APPOSED_NAME: Final = re.compile(r"(?:[A-Z][\w'\u2019.-]*\s+){0,4}[A-Z][\w'\u2019.-]*,\s*")
# a dateline before a sentence's first clause: "WASHINGTON: ", "SEOUL -- "
DATELINE_LEAD: Final = r"(?:[A-Z]{2,}[A-Z ,./'-]*(?::|\s*[-\u2013\u2014]{1,2})\s+)?"
_LEADING_SUBORDINATE: Final = re.compile(
    DATELINE_LEAD + r"(?:(?:Hours|Days|Minutes|Moments|Weeks|Shortly|Soon|Just|Long)\s+"
    # "Five days before meeting Kim Jong Un, Trump said ...": a count of days or weeks too
    r"|(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|A|\d+)\s+(?:hours?|days?|weeks?|months?)\s+)?"
    r"(?:After|Before|Ahead of|When|While|Since|Once|Although|Though|Following|after|before"
    # a participle that opens the sentence is a clause of its own: "Recalling his summit with Trump in
    # Singapore last June, Kim expressed ...", "Noting that Moon will meet Trump on Monday, Yoon said ..."
    r"|Recalling|Noting|Citing|Referring\s+to|Speaking|Commenting|Responding|Reacting"
    # "Initially scheduled to take place on June 12 in Singapore, Trump briefly called it off": the plan
    # is the clause before, the change the clause after
    r"|(?:Initially|Originally|Previously|First)\s+(?:scheduled|planned|set|slated|due))\b[^,;]{3,120},\s*"
)
# a relative clause ends where the main verb resumes: "Xi, who visited Pyongyang last week, briefed Trump"
_RELATIVE_END: Final = re.compile(rf",\s+(?=(?:\w+ly\s+)?(?:{PAST_VERB}|is|was|has|will|would|spent|says)\s)")
# "between X" not yet followed by its "and Y"
_OPEN_BETWEEN: Final = re.compile(r"\bbetween\s(?!.*\band\s)")
_AND_NAME: Final = re.compile(r"and\s+[A-Z]")
_COUNTED_UNIT: Final = re.compile(
    r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+(?:days?|weeks?|months?|hours?)$"
)
# any finite verb (or auxiliary) in the rest of a sentence: without one, ", and X" only lists
_VERB: Final = re.compile(
    rf"\b(?:{PAST_VERB}|is|are|was|were|will|would|can|could|may|might|should|must|has|have|do|does|did|says)\b"
)
_LAST_WORD: Final = re.compile(r"([\w.]+)[.!?]*[\"\u201d\u2019')\]]*\s*$")
_CLOSERS: Final = "\"\u201d\u2019')]"  # what _LAST_WORD lets follow a sentence's stop
# up to the last character that can be neither in the last word nor a stop (see _last_word)
_BEFORE_LAST_RUN: Final = re.compile(r"(?s:.*)[^\w.!?]")
_OPENER: Final = re.compile(r"\s*(\w+)")
_WHOM_OPENER: Final = re.compile(r"\s*(?:with|to|for|from|by)\s+(whom)\b")
# (so does a subordinate one: "Kim, who has rarely travelled abroad since taking power in 2011, has visited China")
_RELATIVE_OPENER: Final = re.compile(r"\s*(?:who|which|whose|since|while|although|though|because)\s")
_POSITION_MARK: Final = re.compile(
    r"\((?:R|L|C|C?L|C?R|left|right|centre|center|front|back|(?:second|2nd|third|3rd) (?:from )?(?:left|right|L|R)"
    # an acronym glossed in passing splits nothing: "top leader of the Democratic People's Republic of Korea
    # (DPRK) Kim Jong Un held ..." (a news agency's, as in a dateline "(UPI) --", still does)
    r"|(?!(?:AP|UPI|AFP|IANS|PTI|ANI|EFE|TASS|DPA|AA|VNA)\))[A-Z][a-zA-Z]?[A-Z]{1,4})\)"
)
# a quotation, straight or curly: its span is quoted speech (the coder strips it to read the narration)
QUOTE: Final = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]")
# ... unless it goes on the narration's own sentence after its subject: 'said he and Xi "had a very
# good telephone conversation"' tells of the call as the narration does, in the speaker's words
_SUBJECT_BEFORE_QUOTE: Final = re.compile(r"(?:\b(?:he|she|they|we)|\b[A-Z][\w'\u2019-]+)\s+$")
_PREDICATE_START: Final = re.compile(r"[\"\u201c](?:will|would|had|has|have|was|were|is|are|could)\b")


def speech_quotes(text: str) -> list[re.Match[str]]:
    """The quotations of ``text`` that are speech, not a predicate that continues the narration."""
    return [m for m in QUOTE.finditer(text) if not _goes_on_narration(text, m.start())]


def _goes_on_narration(text: str, at: int) -> bool:
    return bool(_PREDICATE_START.match(text, at) and _SUBJECT_BEFORE_QUOTE.search(text, max(0, at - 40), at))


def strip_speech(clause: Clause) -> str:
    """The clause's text with each quotation of speech blanked to one space (see :func:`speech_quotes`)."""
    spans = clause.quoted_spans()
    if not spans:
        return clause.text  # most clauses quote nobody: the same string
    text, at, parts = clause.text, 0, []
    for start, end in spans:
        parts += [text[at : start - clause.start], " "]
        at = end - clause.start
    return "".join(parts) + text[at:]


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    text: str


class Clause:
    """A clause of a sentence: its body offsets, its text and the word that opens it.

    A plain class, not a frozen dataclass: the coder caches what it reads of a clause more than
    once (quoted spans, the people named in it, where its attribution starts) on the clause
    itself, and every clause gets those slots in ``__init__`` so that all clauses share one
    layout (CPython's specialised attribute reads, and mypyc's native class, both rely on it).
    Clauses are compared by identity: each span of an article is split into clauses once."""

    __slots__ = ("end", "index", "mentions", "opener", "quoted", "said_at", "sentence", "start", "text")

    def __init__(self, sentence: Sentence, index: int, start: int, end: int, text: str, opener: str) -> None:
        self.sentence = sentence
        self.index = index
        self.start = start
        self.end = end
        self.text = text
        self.opener = opener
        self.quoted: list[tuple[int, int]] | None = None
        self.mentions: list[Mention] | None = None  # the coder's cache of the people named in it
        self.said_at: int | None = None  # the coder's cache of where its attribution starts

    def __repr__(self) -> str:
        return f"Clause({self.index}, {self.start}-{self.end}, {self.opener!r}, {self.text!r})"

    def quoted_spans(self) -> list[tuple[int, int]]:
        """Body offsets of quoted speech inside the clause (computed once: the coder asks often)."""
        spans = self.quoted
        if spans is None:
            text = self.text  # most clauses hold no opening quotation mark: no scan at all
            quoted = '"' in text or "\u201c" in text
            spans = [(self.start + m.start(), self.start + m.end()) for m in speech_quotes(text)] if quoted else []
            self.quoted = spans
        return spans


def _wrapped(body: str, start: int, end: int) -> bool:
    """``[\\w,]\\s*$`` searched in body[start:end] (a line, no newline at its end), without trying
    every character of it: the last character that is not a space is a word character or a comma."""
    last = body[start:end].rstrip()[-1:]  # rstrip and \s agree on what a space is, as isalnum and \w do
    return last == "," or last == "_" or last.isalnum()


def _last_word(text: str, start: int, end: int) -> re.Match[str] | None:
    """``_LAST_WORD.search(text[start:end])``, group for group, without trying every word of a
    long paragraph. A match runs to the end: word characters and dots, stops, closing marks,
    spaces, in that order (the last two sets share nothing with the first two), so it starts
    inside the run of word characters and stops that the closing marks and spaces end with."""
    tail_end = start + len(text[start:end].rstrip().rstrip(_CLOSERS))  # rstrip and \s agree on spaces
    blocked = _BEFORE_LAST_RUN.match(text, start, tail_end)
    return _LAST_WORD.search(text, blocked.end() if blocked else start, end)


def _paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: a line, or lines a page hard-wrapped mid-sentence ("... upon the
    prodding of" / "journalists, turned to Putin ..."), which read as one."""
    spans: list[tuple[int, int]] = []
    for line in _PARAGRAPH.finditer(body):
        if spans and _wrapped(body, spans[-1][0], spans[-1][1]) and _CONTINUES.match(line.group(0)):
            spans[-1] = (spans[-1][0], line.end())
        else:
            spans.append((line.start(), line.end()))
    return spans


def split_sentences(body: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    furniture = FurnitureReader()  # captions, bylines, link lists: no sentence of the story
    for paragraph_index, (start, end) in enumerate(_paragraphs(body)):
        text = body[start:end]
        lead = stamp_length(text)
        if lead:  # "Updated 11:26 a.m. | Putin declared ...": the sentence after the stamp is the story's
            start, text = start + lead, text[lead:]
        if furniture.skip(text):
            continue
        cursor = 0
        for m in _BOUNDARY.finditer(text):
            word = _last_word(text, cursor, m.end())
            token = (word.group(1) if word else "").rstrip(".").lower()
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
            _add(sentences, paragraph_index, body, start + cursor, start + m.start() + len(m.group(0).rstrip()))
            cursor = m.end()
        _add(sentences, paragraph_index, body, start + cursor, start + len(text))
    return sentences


MAX_SENTENCE: Final = 1500  # no real sentence is longer; bounding it keeps every per-clause step cheap


def _add(sentences: list[Sentence], paragraph: int, body: str, start: int, end: int) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = body.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add(sentences, paragraph, body, start, cut)
        start = cut
        while start < end and body[start].isspace():
            start += 1
    if end > start:
        sentences.append(Sentence(len(sentences), paragraph, start, end, body[start:end]))


def split_clauses(sentence: Sentence) -> list[Clause]:
    clauses: list[Clause] = []
    cursor = 0
    text = sentence.text
    pieces: list[tuple[int, int]] = []
    opening = _LEADING_SUBORDINATE.match(text)
    if opening:  # "Hours after Kim left, Trump spoke with Xi": the opening clause ends at its comma
        end = opening.end()
        if _ROLE_BEFORE_COMMA.search(text, 0, end):
            # "Speaking after talks with his counterpart, Lee Do-hoon, Biegun said": the name in apposition
            # belongs to the opening clause
            named = _APPOSED_NAME.match(text, end)
            end = named.end() if named else end
        pieces.append((0, end - 1))
        cursor = end
    quoted = '"' in text or "\u201c" in text  # without a quotation mark no split is inside one
    marked = "(" in text and _POSITION_MARK.search(text) is not None
    for m in _CLAUSE_SPLIT.finditer(text, cursor):
        if quoted and _inside_quote(text, m.start()):
            continue
        if marked and _in_position_mark(text, m.start()):
            continue  # "Mike Pompeo (R) and Kim Yong Chol (L) arrive for a lunch": a caption's who-is-where
        if text.startswith("and ", m.end()) and _OPEN_BETWEEN.search(text, cursor, m.start()):
            continue  # "talks between Kim Yong Chol, a senior aide, and Pompeo": one clause, both parties
        if text.startswith(",", m.start()) and _AND_NAME.match(text, m.end()) and not _VERB.search(text, m.end()):
            continue  # "led by Kim Yong Nam, 90, and Kim Yo Jong, his sister.": a list ends, not a clause
        if text.startswith("following ", m.end()) and not _EVENT_NOUN_BEFORE.search(text, cursor, m.start()):
            continue  # "shook hands following their news conference on Sunday": the day is the handshake's too
        if THAT_EVENT.match(text, m.end()) and not _MET_BEFORE.search(text, cursor, m.start()):
            continue  # 'told reporters that a third meeting with Kim "could happen"': what is said, one clause
        if text.startswith("during ", m.end()) and _MET_BEFORE.search(text, cursor, m.start()):
            continue  # "Trump meets Putin during their bilateral meeting in Hamburg": one meeting, told twice
        if text.startswith(("after ", "before "), m.end()) and _COUNTED_UNIT.search(text, cursor, m.start()):
            continue  # ", one week after a landmark summit": the count and its event are one clause
        pieces.append((cursor, m.start()))
        cursor = m.end()
    pieces.append((cursor, len(text)))
    pieces = [part for piece in pieces for part in _end_relative(text, *piece)]
    for start, end in pieces:
        chunk = text[start:end]
        if not chunk.strip():
            continue
        opener = (_WHOM_OPENER.match(chunk) if "whom" in chunk[:12] else None) or _OPENER.match(chunk)
        clauses.append(
            Clause(
                sentence,
                len(clauses),
                sentence.start + start,
                sentence.start + end,
                chunk,
                opener.group(1).lower() if opener else "",
            )
        )
    return clauses


def _end_relative(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if not _RELATIVE_OPENER.match(text, start, end):  # as on text[start:end]: no look-behind
        return [(start, end)]
    m = _RELATIVE_END.search(text, start, end)
    if not m or _inside_quote(text, m.start()):
        return [(start, end)]
    return [(start, m.start()), (m.end(), end)]


def _in_position_mark(text: str, position: int) -> bool:
    """Whether the split at ``position`` is the bracket of a caption's "(R)", "(L)", "(left)"."""
    start = text.rfind("(", 0, position + 2)
    mark = _POSITION_MARK.match(text, start) if start >= 0 else None
    return mark is not None and start - 1 <= position < mark.end()  # the space before it too


def _inside_quote(text: str, position: int) -> bool:
    before = text[:position]
    straight = before.count('"') % 2 == 1
    curly = before.count("\u201c") > before.count("\u201d")
    return straight or curly
