"""Event coding, TABARI/PETRARCH style: clause by clause, a trigger from the verb dictionary,
its actors from the cast, its time from the date resolver, its place from the gazetteer.

Then the article-level pass: repeated mentions of one meeting merge, summits are formed
from leader pairs, and status changes are linked (a reinstatement reverses a cancellation).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache, cached_property
from typing import Any, Final

from .dates import COUNT_WORDS, DATELINE_CLAUSE, NUMBERS, WEEKDAYS, DateMention, Interval, find_dates, month_interval
from .fastre import NEEDLES, Anchored, compile_fast, could_match, trie_alternation
from .lexicon import Lexicon, MeetingKind, lexicon
from .people import KIN, SERVES, Cast, Mention
from .places import PlaceMention, best_place, find_places
from .text import DATELINE_LEAD, PAST_VERB, THAT_EVENT, Clause, Sentence, split_clauses, strip_speech

_EVENT_NOUN: Final = re.compile(
    r"\A(?:['\u2019]s?)\s+(?:[\w-]+\s+){0,2}?(?:visit|trip|meeting|meetings|talks|summit|summits|proposal|invitation|letter|call)\b"
)
PRONOUN_RULE: Final = r"\b(?P<p>[Hh]e|[Ss]he|[Tt]hey|[Hh]is|[Hh]er|[Tt]heir)\b"
# PRONOUN_RULE run on every clause, as alternatives that each start with a literal letter, so that re
# skips to those letters in C: the look-behind after the letter is the "\b" before it (a word
# character follows), and each letter keeps the rule's order of its words (He, His, Her)
_PRONOUN: Final = re.compile(
    r"(?P<p>H(?<!\wH)(?:e|is|er)|h(?<!\wh)(?:e|is|er)|S(?<!\wS)he|s(?<!\ws)he|T(?<!\wT)(?:hey|heir)"
    r"|t(?<!\wt)(?:hey|heir))\b"
)
_COUNTERPART: Final = compile_fast(r"\b(?:his|her|their)\s+(?P<who>(?:[\w-]+\s+){0,4}?counterparts?)\b")
_VENUE_OF: Final = compile_fast(
    r"\b(?:location|venue|site|date|time|place|dates)\s+(?:and\s+\w+\s+)?(?:of|for)\s+(?:\w+\s+){0,2}$"
)
_AHEAD_OF_SUMMIT: Final = compile_fast(r"\b(?:ahead of|before|in preparation for)\s+(?:[\w'\u2019-]+\s+){0,4}?summit\b")
# what may stand between two names of one list: commas, "and", titles and ages, not a clause's words
_NOT_A_LIST: Final = re.compile(
    r"\b(?:in|on|at|to|for|after|before|with|about|who|which|that|said|says|told|met|during|while|over)\b|[.;:]"
)
# "\bcounterparts?,?\s+" with the letter first, so that re skips to each "c" in C instead of trying
# the word boundary at every position of the body (the look-behind tests the character before it)
_COUNTERPART_NAMED: Final = re.compile(r"c(?<!\wc)ounterparts?,?\s+")
_EACH_WITH: Final = compile_fast(r"\beach with\b", re.IGNORECASE)
# "met Abe and Modi" is one meeting in the gold (several annotators, four articles); "talks with
# Abe and then with Putin", "met Abe and, separately, Modi" are one meeting per counterpart
_JOINT: Final = compile_fast(
    r"\b(?:trilateral|three-way|four-way|joint|jointly|together|all three|both)\b", re.IGNORECASE
)
_IN_TURN: Final = re.compile(
    r"\band\b[\s,]*(?:(?:then|later|afterwards|subsequently|separately|also)\b[\s,]*)+|\band\s+(?:\w+\s+)?with\b"
    r"|\bas\s+well\s+as\s+with\b",
    re.IGNORECASE,
)
_SEPARATE: Final = compile_fast(r"\bseparately\b|\bseparate (?:meetings|talks)\b|\bin turn\b", re.IGNORECASE)
_ACCOMPANIED: Final = compile_fast(r"\baccompan(?:ied|ying|ies)\b", re.IGNORECASE)
_ACCOMPANIED_ONE: Final = re.compile(r"\b(?:has\s+|had\s+)?accompan(?:ied|ying|ies|y)\s+(?=[A-Z])")
# "SEOUL (Reuters) —", "HANOI —", "PYONGYANG, May 31. /TASS/."
_DATELINE: Final = re.compile(r"(?P<city>[A-Z][A-Z .'-]{2,}?)(?:,\s*[\w .]+)?\s*(?:\(|/|\u2014|\u2013|--)")
# "The meeting came two days after ...": the story's own event anchors the count, not the clause before
_STORY_EVENT_CAME: Final = re.compile(
    r"\b(?:the|this|that|his|their)\s+(?:meeting|visit|talks|summit|trip|encounter)\s+came\s*,?\s*\Z", re.I
)
_THEIR_LEADERS: Final = re.compile(r"\btheir\s+(?:two\s+)?leaders\b")
_OFFICE_SAYS: Final = re.compile(
    r"(?:[A-Z][\w.'\u2019-]*\s+){0,3}(?:the\s+)?(?:White\s+House|Kremlin|Blue\s+House|Cheong\s+Wa\s+Dae|State\s+Department"
    r"|presidential\s+office|[Ff]oreign\s+[Mm]inistry|government|spokes(?:man|woman|person)"
    r"|(?:rival\s+|two\s+)?(?:Koreas|countries|sides|governments))"
    r"\s+(?:says|said|announced|confirmed)\s+(?:on\s+\w+\s+|\w+day\s+)?(?:that\s+)?"
)
_MADE_PUBLIC: Final = re.compile(r"\b(?:confirmed|announced|revealed|unveiled)\b[^.;]{0,80}\Z")
_SAID_THAT: Final = re.compile(r"\bthat\s+(?:there|it|he|she|they|the|a|an|his|her|their)\b")
_NOT_AFTER: Final = re.compile(
    # (only that it did not happen: "the first one-on-one did not indicate major changes" still took place)
    r"\s*(?:(?:did|does|do|will|would)\s+not|(?:didn|doesn|don|won|wouldn)['\u2019]t|never)\s+"
    r"(?:take\s+place|happen|go\s+ahead|occur|materiali[sz]e)\b"
    r"|\s*(?:was|were|has|have|had)\s+(?:not|never)\s+(?:been\s+)?held\b"
)
_FOR_THE_EVENT: Final = re.compile(
    r"\b(?:for|toward|towards|prepare\s+for|preparing\s+for|preparations\s+for|salvag(?:e|ing)|sav(?:e|ing)"
    r"|rescu(?:e|ing)|reviv(?:e|ing)|arrang(?:e|ing)|organi[sz](?:e|ing))\s+(?:the|a|an|their|his|her)\s+"
    r"(?:[\w-]+\s+){0,3}\Z"
)
_ANY_MEETING_WORD: Final = re.compile(r"\b(?:meet\w*|met|talk\w*|visit\w*|summit\w*|sat\s+down|sit\w*\s+down)\b", re.I)
_AND_UNKNOWN: Final = re.compile(r"\s+and\s+[A-Z][\w'\u2019-]+\b")
_WITH_AFTER: Final = re.compile(r"\s+with\s")
_MONTH_BACK_DAYS: Final = 300
_YEAR_OR_LAST: Final = re.compile(r"\d{4}|\blast\b|\bago\b|\bprevious\b", re.I)
_OWN_VISIT: Final = re.compile(r"[A-Z][\w-]*['\u2019]s\s+(?:[\w-]+\s+){0,2}visits?\Z")
_BACKGROUND_OPENERS: Final = frozenset({"following", "after", "before", "since", "during"})
_AS_WELL_AS_WITH: Final = re.compile(r"as\s+well\s+as\s+with\s")
_TRIP_SENTENCES: Final = 5  # how far after a dated trip its undated meetings are told
_OF_THE: Final = re.compile(r"\s+of\s+(?:the\s+)?(?=[A-Z])")
_MIGHT_BE: Final = re.compile(r"\b(?:might|could|may|would)\s+(?:still\s+|yet\s+|well\s+)?(?:be|get)\s+\Z")
_OBJECT_BEFORE: Final = re.compile(r"\b(?:with|to|for)\s+(?:[\w.'\u2019-]+\s+){0,5}\Z")
_GERUND_AFTER: Final = re.compile(r"(?:[A-Z][\w.'\u2019-]*\s+){1,4}(?:\w+ly\s+)?\w+ing\b")
_CAME_AFTER: Final = re.compile(r"\b(?:came|comes|come)\s+(?:\w+\s+)?(?:after|following)\b")
# "The New York meeting comes with the two sides at loggerheads nearly | five months after the summit":
# what comes now is the day of telling, so the span counts back from publication
_STORY_EVENT_COMES: Final = re.compile(
    r"\b(?:it|this|the\s+(?:[\w-]+\s+){0,2}(?:meeting|visit|talks|summit|trip|move|announcement|decision))"
    r"\s+comes?\b[^.;]{0,80}\Z",
    re.I,
)
_GENERIC_ROLES: Final = {"official", "envoy", "negotiator", "diplomat", "adviser"}
_SPEECH: Final = compile_fast(
    # ("is said to have held talks": a report of the event, whose subject is its party, not a speaker)
    r"\b(?:said(?! to\b)|says|told reporters|told|added|noted|wrote on Twitter that|tweeted that"
    r"|(?:confirmed|announced|revealed|disclosed|hinted|suggested|indicated|reported)(?: [\w-]+){0,5}? that)\b"
)
# what joins a pair: "Kim and Trump", "Kim Jong Un and U.S. President Donald Trump"
# "Trump and North Korean leader Kim Jong-un": a title between the two names, capitalised or not
# a change named as a noun after a preposition of time or cause refers to one already told
_RETOLD_CHANGE: Final = re.compile(
    r"\b(?:[Dd]espite|after|since|following|amid|over)\s+(?:(?:the|its|his|her|their|[A-Z][\w'\u2019]*)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:cancell?ation|postponement|reinstatement|revival)\b"
)
# a letter delivered is handed over in person; one carried or passed on may go through others
_DELIVERED: Final = re.compile(
    # (not "had been carrying a letter for Kim, which he handed to Kim Yong Chol": carried is not delivered)
    r"\b(?:hand[- ])?deliver(?:ed|s|ing)?\b|\bbrought\b|\bhand(?:ed|s|ing)?\s+over\b"
)
_LETTER_THAT: Final = re.compile(
    r"\b(?:letter|message)\s+(?:that|which)\s+(?P<bearer>(?:[\w.'\u2019-]+\s+){1,8}?)"
    r"(?:delivered|handed|brought|carried)\s+(?:over\s+)?from\b"
)
_SPEAKER_JUST_MET: Final = re.compile(
    r"\b(?:after|before|while|following)\s+\w+ing\s+(?:from\s+|out\s+of\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:talks|meeting|meetings|dinner|lunch)\s+with\b"
)
_LETTER_DATED: Final = re.compile(
    r"\b(?:the|that|this|his|her)\s+(?:letter|missive|message|note),?\s+(?:which\s+was\s+)?"
    r"(?:delivered|sent|received|dated|written|hand-delivered)\s+(?:on\s+)?(?=\w)"
)
_MET_OBJECT: Final = re.compile(r"\b(?:met|meets|meeting)\s+(?:with\s+)?(?=[A-Z])")
# a change told of "it", or of "the meeting" with no one named: the summit the story just told of
_IT_REFERS: Final = re.compile(
    r"\bcall(?:ed|s|ing)?\s+it\s+off\b|\b(?:cancell?(?:ed|s|ing)|scrapp(?:ed|ing)|postpon(?:ed|es|ing)"
    r"|reinstat(?:ed|es|ing)|revived?|revives|reviving)\s+it\b|\bthe\s+(?:meeting|summit)\s+(?:was|is|would\s+be|will\s+be)\b"
    r"|\b(?:had|has)\s+reconsidered\b"
)
_OTHER_EVENT: Final = re.compile(r"\b(?:visits?|trips?|talks|meetings?|calls?|lunch|dinner)\b")
_GERUND_LEAD: Final = re.compile(
    DATELINE_LEAD + r"(?:(?P<count>\w+)\s+(?P<unit>hours?|days?|weeks?|months?)\s+)?"
    r"(?:(?:(?P<before>[Bb]efore)|[Aa]fter|[Ww]hile|[Ss]ince)\s+\w+ing\b|(?:Speaking|Commenting|Responding|Reacting)\b)"
)
_ARRIVAL: Final = re.compile(r"arrived|fl(?:y|ew|ies|ying)|travel", re.IGNORECASE)
_GOES_AHEAD: Final = re.compile(
    r"\b(?:would|will|to)\s+(?:go\s+ahead|proceed)\b|\bas\s+originally\s+planned\b|\b(?:still|now)\s+on\b"
)
_RETURNED: Final = re.compile(
    r"\b(?:returned|returns|left|leaves|departed|departs|flew\s+(?:home|back)|wrapped\s+up)\b"
)
_AT_THAT_TIME: Final = re.compile(r"(?:At|By|Around)\s+(?:that|the)\s+time\b")
_AND_BETWEEN: Final = re.compile(
    r"\s+and\s+(?:(?:[A-Z][\w.-]*|former|then|leader|president|prime|minister|chairman|secretary|envoy"
    r"|foreign|of|state)\s+){0,4}"
)
_MEETING_NOUN: Final = re.compile(r"(?:summit|meeting|talks|encounter|negotiations)s?", re.IGNORECASE)
_HELD_VERB: Final = compile_fast(
    r"\b(?:met|meets|held|hold|holds|had|has|have|hosted|visited|greeted|welcomed|shook|talked|spoke|sat|lunched|dined"
    r"|wrapped|ended|concluded|opened|began|started|attended|attends|kicked|got)\b",
    re.IGNORECASE,
)
_UNDONE: Final = compile_fast(r"\b(?:cancell?ed|called off|scrapped|postponed)\b")
# the changes whose day, told in the clause, is the change's and not the summit's
_UNDOING: Final = frozenset({"cancelled", "postponed", "reinstated"})
_AND_TO: Final = re.compile(r"(?:and|or)\s+to\s+\w+")
_PRONOUN_SUBJECT: Final = compile_fast(r"\b(?:he|she|they|we|I)\b")
# an adjective of time before a cancellation: the cancelled thing is named, its cancellation past
_ONCE: Final = re.compile(r"\b(?:previously|once|earlier)[\s-]+$")
_ARRIVED_FOR_SUMMIT: Final = re.compile(
    r"\b(?:arrived|arrives|arriving|landed|lands|landing|flew|flies)\b"
    r"(?=[^.;]{0,60}?\bfor\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,2}summit\b)"
)
_CALL_THEN_REPORT: Final = re.compile(
    r"\b(?:(?:tele)?phone (?:call|conversation|talks)|video (?:call|conference)|letter)\b[^.;\"\u201c]{0,80}?"
    r"\b(?:affirmed|reaffirmed|agreed|said|told|discussed|confirmed|pledged|promised|vowed|stressed|expressed"
    r"|noted|welcomed|assured)\b"
)
_WITH_THE: Final = re.compile(r"\s+with\s+(?:the\s+)?")
_COMMENTATOR_ROLES: Final = frozenset(
    {"spokesperson", "spokesman", "spokeswoman", "press secretary", "analyst", "professor", "researcher", "expert"}
)
_POSSESSIVE_PRONOUN: Final = re.compile(
    r"\b(?:his|her|their|our|my)\s+(?:[\w-]+\s+){0,3}?(?:meeting|summit|talks|visit|trip|call|dinner|lunch)\b"
)
_SUBORDINATE: Final = frozenset(
    {
        "recalling",
        "noting",
        # a meeting spoken about lends its days to no other event ("after briefing Trump | about a rare meeting
        # with Kim in the North Korean capital on Monday")
        "about",
        "regarding",
        "concerning",
        "citing",
        "referring",
        "that",
        "since",
        "when",
        "while",
        "after",
        "before",
        "who",
        "whom",
        "which",
        "whose",
        "although",
        "though",
        "because",
        "until",
        "whereas",
    }
)
_SAID_BEFORE: Final = compile_fast(
    r"\b(?:said|announced|told \w+|confirmed|reported|wrote|tweeted|added|declared|released|published)\s+"
    # "the White House said in a statement on Thursday"
    r"(?:in\s+(?:a|an|its|his|her)\s+(?:[\w-]+\s+)?(?:statement|tweet|briefing|release|post|speech|interview)\s+)?"
    # "Trump told reporters at the White House on Sunday that ...": where it was said
    r"(?:(?:at|in|from|aboard)\s+(?:the\s+)?(?:[A-Z][\w.'\u2019-]*\s+){1,3})?"
    r"(?:on\s+)?$"
)
_SAYING: Final = compile_fast(
    r"\b(?:said|told|announced|confirmed|reported|wrote|tweeted|added|declared|insisted|warned|promised|pledged)\b"
)
_THERE: Final = compile_fast(r"\bthere\b")
_WITH_BEFORE: Final = re.compile(r"\bwith\s+(?:the\s+)?\Z")
_WISHED_SUCCESS: Final = re.compile(
    r"\bwish(?:ed|es|ing)?\s+(?=(?-i:[A-Z])|him\b|her\b|them\b)(?=[^.;]{0,80}?\b(?:success|luck)\b)"
)
_SUMMIT_WITH: Final = re.compile(r"\bsummits?\s+with\s+(?:the\s+)?(?=[A-Z])")
# a group led by the clause's subject, closing it before a relative "that" ("led a delegation that flew ...")
# "the delegation, led by National Security Office chief Chung Eui-yong", "envoys headed by Chung"
_LED_BY: Final = re.compile(r"\b(?:delegations?|envoys|team|mission)\b[^.;]{0,80}?\b(?:led|headed)\s+by\s+")
# "Chung, who leads the delegation", "Chung, the head of the delegation", "Sung Kim, the former
# ambassador, is reportedly leading the American delegation"
_LEADS_GROUP: Final = re.compile(  # matched at each name's end (no needle test: a slice per name would cost more)
    r"(?:,[^,;]{1,80},)?,?\s+(?:(?:who\s+)?(?:(?:is|was|has\s+been)\s+)?(?:\w+ly\s+)?"
    r"(?:leads|led|leading|heads|headed|heading)|(?:the\s+)?(?:head|leader|chief)\s+of)\s+(?:the|a|an|his|her)\s+"
    r"(?:[\w.-]+\s+){0,3}?(?:delegation|envoys|team)\b"
)
# a party told as a group: "the South Korean delegation was received by Kim", "the envoys met Kim",
# "held talks with officials from North Korea"
_GROUP_PARTY: Final = compile_fast(
    r"\b(?:delegation|envoys)\b(?!['\u2019]s)|\bofficials\s+(?:from|of)\s+(?=[A-Z])|\b(?:[Tt]he\s+two|[Bb]oth)\s+sides\b"
)
_GROUP_THAT: Final = re.compile(r"\b(?:delegation|team|entourage|mission)\s*\Z")
# "Mr Kim and Mr Trump, who ...": two people coordinated right before the relative pronoun
_PAIR_BEFORE_WHO: Final = re.compile(r"[\w.'\u2019 -]{1,40}\sand\s[\w.'\u2019 -]{1,40},\s*")
# a plan in the pluperfect ("had been due to meet", "was to have met") with a cancellation in its
# sentence or the next one tells a meeting that did not happen, not one still scheduled
_UNREALISED_PLAN: Final = compile_fast(
    r"\b(?:had\s+been\s+(?:due|scheduled|set|expected|supposed|planning)|had\s+(?:planned|intended|hoped)"
    r"|(?:was|were)\s+to\s+have)\b"
)
_WEEKDAY_ONLY: Final = re.compile(rf"\A(?:on\s+)?(?:{'|'.join(WEEKDAYS)})\Z", re.I)
_CANCELLATION: Final = compile_fast(
    r"\b(?:cancell?ed|cancell?ing|cancell?ation|called\s+(?:it\s+|them\s+)?off|scrapped|postponed|postponement)\b",
    re.IGNORECASE,
)
# an infinitive of purpose after a past verb of intent or request points forward: "Putin invited
# Moon to visit Moscow in June" (published in May) means the coming June, whatever the tense
_PURPOSE: Final = compile_fast(
    r"\b(?:invited|asked|agreed|proposed|offered|urged|decided|promised|pledged|arranged"
    r"|(?<!had )(?:planned|hoped|wanted|intended))\s+(?:[\w.'\u2019-]+\s+){0,6}?to\s+"
    r"(?:visit|meet|come|travel|hold|attend|host|go|fly|return|sit down|resume|talk)\b"
)
_WITH_AT_END: Final = compile_fast(r"\bwith\s+(?:[\w-]+\s+){0,4}?$")
_FOLLOW_ON: Final = compile_fast(r"\b(?:second|third|fourth|another|next)\s+(?:[\w-]+\s+){0,2}?(?:meeting|summit)\b")
_SENDER: Final = re.compile(r"\s+(?:from|to)\s")
_INDEFINITE_BEFORE: Final = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+)?\Z")
# what a next meeting is wanted for: "a desire for a second summit", "talk of a (formal) third summit"
_WANTED_BEFORE: Final = re.compile(r"\b(?:for|of|about|toward|towards|on)\s+(?:(?:a|an)\s+(?:[\w-]+\s+)?)?\Z")
_REPEAT_MEETING: Final = compile_fast(
    r"\b(?:second|third|fourth|another|next)\s+(?:meeting|summit)\b|\bmeet\b[^.;]{0,60}\bagain\b"
)
_ELIDED_SUBJECT: Final = re.compile(
    rf"\A\s*(?:(?:and\s+)?(?:also\s+)?(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?{PAST_VERB}|(?:after|before|while)\s+\w+ing"
    r"|(?:apparently\s+)?en\s+route"
    # "... and were expected to continue talks on Thursday": the subjects of the clause before
    r"|and\s+(?:are|were|is|was|will|would)\s+(?:also\s+)?(?:expected|due|scheduled|set|to|planning|going))\b"
)
_DAY_AFTER: Final = compile_fast(
    rf"\A\s*(a|{COUNT_WORDS}|\d+) (days?|weeks?|months?) (after|before)\b", re.I
)  # needles: day, week, month
_BETWEEN: Final = compile_fast(
    r"\b(?:talks|meeting|meetings|summit|negotiations|dinner|discussions|call)\b[^.;]{0,40}?\bbetween\s"
)
_DAYS_OF: Final = compile_fast(r"\b(two|three|four|five|\d) days of (?:talks|meetings|negotiations)\b")
_NAMED_SUMMIT: Final = compile_fast(
    r"\b(?:NATO|G-?20|G-?7|APEC|ASEAN|EU|UN|Group of (?:\d+|Twenty|Seven)|Belt and Road|East Asia)\s+[Ss]ummit"
)
# "a letter from Kim", and "a personal letter to Trump from the North Korean leader" (its recipient in "to")
_LETTER: Final = compile_fast(r"\b(?:letter|message)\s+(?P<to>to\s+(?:[\w.'\u2019-]+\s+){1,5}?)?from\b")
# "a letter from Kim Jong Un, hand-delivered by North Korean envoy Kim Yong Chol": its bearer
_DELIVERED_BY: Final = re.compile(r"\b(?:hand[- ])?(?:delivered|carried|brought)\s+by\s+")
# "Putin declared the Helsinki summit \u201ca success\u201d", "called their summit productive": a summit
# judged is a summit held, whoever the clause names beside the judge
_PRAISE: Final = r"[\"\u201c]?(?:an?\s+)?(?:\w+\s+)?(?:success|successful|productive|fruitful|constructive|excellent)\b"
_JUDGED_SUMMIT: Final = compile_fast(
    r"\b(?:declared|called|hailed|described|praised|termed|deemed|lauded|judged)\s+(?:the|their|his|her|its|this)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?summit\s+(?:as\s+)?{_PRAISE}"
    rf"|\bsummit\s+(?:with\s+(?:[A-Z][\w.'-]*\s+){{1,4}})?(?:was|had\s+been|has\s+been)\s+{_PRAISE}"
)
_HAND_OVER: Final = compile_fast(
    r"\b(?:hand(?:ed|ing)|hands over|g[ai]ve|giv(?:es|ing)|pass(?:ed|es|ing)?|deliver(?:ed|s|ing)?|present(?:ed|s|ing)?"
    r"|brought|bring(?:s|ing)?|carried|carr(?:ies|ying)|conveyed|convey(?:s|ing)?)\b"
)
# seats that stand for their head of state ("visited the White House", "a letter to the Kremlin")
_SEAT: Final = compile_fast(r"\b(?:White House|Oval Office|Kremlin|Blue House|Cheong Wa Dae|Zhongnanhai)\b")
_JOINED: Final = compile_fast(r"\b(?:included|including|joined by|accompanied by|attended by)\b")
# Blind first runs of sets 2-6: meetings emitted at 0.3 were 8 false positives to 2 true.
_MEETING_FLOOR: Final = 0.3
# Below the default review threshold (0.6): guessed dates go to review, not into the log.
_GUESSED_CONFIDENCE: Final = 0.5
_A_YEAR: Final = dt.timedelta(days=365)
_AGAIN: Final = re.compile(r"\b(?:again|later|once more)\b")
_APPOSITIVE_NAME: Final = re.compile(r"(?:\s+for\s+[\w.\s]{1,30}?)?,\s+(?=[A-Z])")
_ATTEMPT: Final = re.compile(
    r"\b(?:try|tries|trying|tried|attempts?|attempting|efforts?|seeks?|seeking|bid)\s+to\s+(?:\w+\s+)?$"
    # "meetings over the past week to put the summit back on track": the aim of other work
    r"|\bto\s+(?:put|get|bring|keep)\s+(?:the|their|a|an|his|her)\s+(?:[\w'\u2019-]+\s+){0,2}$"
    # "new talks ... to explore putting it back on"
    r"|\bto\s+(?:explore|consider|discuss|study)\s+(?:\w+ing\s+)?(?:it|the|their|a|an)?\s*(?:[\w'\u2019-]+\s+){0,2}$"
)
_TRIGGER_WORD: Final = 15  # characters from a trigger's start that a cue ending in it ("would meet") may reach
_PLANNED_BEFORE: Final = compile_fast(
    # (not "a shorter-than-expected meeting Thursday morning": a comparison with what was expected of it)
    r"(?<!than[- ])\b(planned|proposed|possible|potential|upcoming|anticipated|expected|prospective|future|next|any)"
    r"\s+(?:[\w-]+\s+)?$"
)
_MAYBE_CUE: Final = compile_fast(r"\b(?:may|might|could|possibly|perhaps|possibility)\b")
_MAYBE: Final = frozenset({"proposed", "possible", "potential", "prospective", "any"})
_SENT: Final = compile_fast(
    r"\b(?:sent|sends|sending|dispatched|dispatches|dispatching)\s+(?=[A-Z]|(?:his|her|an?|the)\s)"
)
_APPROVED: Final = re.compile(
    r"\b(?:approved|authori[sz]ed|ordered|okayed|greenlit)\s+(?:a|an|the|new|more|further)\b", re.I
)
_NEWS_OF: Final = compile_fast(r"\b(?:news|reports?|word|details|confirmation|rumou?rs)\s+(?:of|about)\b")
_EARLIER_ONE: Final = compile_fast(
    r"\b(?:last|previous|earlier|prior|past)\s+(?:[\w-]+\s+)?(?:summit|meeting|talks|visit)"
)
# "the Kim regime", "a top Kim aide": the name qualifies a noun, whoever that is, not a party
_ATTRIBUTIVE: Final = re.compile(
    r"\s+(?:regime|family|dynasty|government|administration|era|camp|clan|cabinet"
    r"|aide|aides|adviser|advisers|advisor|advisors|confidant|loyalist|loyalists)\b"
)
_WITH_OBJECT: Final = re.compile(r"\s+with\s+(?:the\s+)?(?:[\w'\u2019.-]+\s+){0,4}")
_REPORTED: Final = re.compile(r"\b(?:that|how|what|whether)\b|[,\"\u201c]")
_ADDRESSED: Final = re.compile(r"\b(?:to|with|for)\s+$")
_MEETING_WORD: Final = re.compile(r"\b(?:summits?|meetings?|talks|visits?|dinner|lunch)\b")
_PLAN_IN_PAST: Final = re.compile(r"\b(?:was|were)\s+(?:expected|due|set|scheduled|supposed)\s+to\b")
_PLUPERFECT: Final = re.compile(
    r"\bhad\s+(?:\w+ly\s+)?(?:held|met|talked|spoken|visited|hosted|received|discussed|\w+ed)\b"
)
# news older than this before publication is background: its status long settled, no longer "recent"
BACKGROUND: Final = dt.timedelta(days=30)
_FORMER: Final = re.compile(r"\b(?:former|late|previous)\b")
# "Pompeo will meet a top aide to North Korean leader Kim Jong Un in New York": the one met, named later
_MEETS_SOMEONE: Final = re.compile(
    r"\b(?:meet|meets|met|meeting|(?:meet|meets|met|meeting|talks|sit\s+down|sat\s+down|sits\s+down)\s+with)\s*\Z"
)
# a visit told as the clause's own act: "visited China", "will make his first visit to", "pays a state visit to"
_VISIT_VERB: Final = re.compile(
    r"(?:\b(?:will|to|has|had|would)\s+(?:\w+\s+)?visit|\bvisit(?:ed|s|ing)"
    r"|\b(?:make|makes|made|making|pay|pays|paid|paying)\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,3}visit)\s*$"
)
_DELEGATION_TALKS: Final = compile_fast(
    r"\b(?:high|working|senior|lower|ministerial|vice-ministerial|expert|deputy|military)[- ]level\s+"
    r"(?:talks|meetings?|dialogue|negotiations)\b"
)
# news reported without a date happened within this long before publication
NEWS_WINDOW: Final = dt.timedelta(days=7)
_TALKS_WORD: Final = re.compile(r"\b(?:meets?|meeting|talks|summit|host(?:s|ing)?|visit)\b", re.IGNORECASE)
_LIST_SEPARATOR: Final = re.compile(r"\s*(?:,|and|,\s*and)\s*")
_OBJECT_PRONOUN: Final = re.compile(r"\b(?:him|her)\b")
_SOURCE_ONLY: Final = compile_fast(r"\b(?:greetings|regards|condolences|congratulations|wishes)\s+from\s+$")
_INVITE: Final = compile_fast(
    # the invitee may carry a title: "invited North Korean leader Kim Jong Un to visit Russia"
    r"\b(?:invit(?:ed|es|ing)\s+(?P<obj>him|her|them|[A-Z][\w.]*(?:\s(?:[A-Z][\w-]*|leader|president|premier"
    r"|prime minister|chairman|chancellor|king|emperor))*)|accepted an invitation"
    r"|(?P<passive>(?:been|was|were|is|are)\s+invited))\s+to\s+"
    r"(?:visit\s+|come\s+to\s+)?(?:the\s+)?(?P<place>[A-Z][\w]*(?:\s[A-Z][\w]*)*)"
)
_PROGRESSIVE: Final = re.compile(r"\b(?:is|are)\s+(?:\w+ly\s+)?\Z")
_TIME_STAMP: Final = re.compile(
    r"\A\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:\(?[A-Z]{2,4}\)?\s*)?(?:[\u2014\u2013:-]|--)"
)
# an invitation noun carried by an envoy ("handed him an invitation from Putin to visit Russia")
_INVITATION: Final = compile_fast(
    r"\binvitation\s+(?:from\s+(?:[\w.'\u2019-]+\s+){1,5}?)?to\s+(?:visit\s+|come\s+to\s+)?(?:the\s+)?"
    r"(?P<place>[A-Z][\w]*(?:\s[A-Z][\w]*)*)"
)
_ATTRIBUTION: Final = compile_fast(
    r"[,\u201d\"]+\s+(?:[\w'\u2019.-]+\s+){0,8}?(?:said|says|reported|added|told reporters|wrote|tweeted|announced"
    r"|confirmed)"
    # "..., Sarah Sanders told reporters in Washington.": where it was said
    r"(?:\s+(?:in|at|from)\s+(?:the\s+)?[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,2})?"
    # ", Seoul's special envoy said on Thursday after returning from ...": the saying's own circumstance;
    # real copy drops the "on" (", the White House said Tuesday.") and adds a medium ("in a statement")
    r"(?:\s+(?:on\s+|late\s+|early\s+)?\w+(?:\s+(?:morning|afternoon|evening|night))?)?"
    # ("in a statement on Thursday": the medium, then the day)
    r"(?:\s+in\s+an?\s+(?:[\w-]+\s+)?(?:statement|interview|tweet|dispatch)(?:\s+(?:on\s+|late\s+|early\s+)?\w+)?)?"
    r"(?:\s+(?:after|before|while|upon)\s+\w+ing\b[^,;\"\u201c\u201d]*)?"
    r"(?:,\s+\w+ing\b[^;\"\u201c\u201d]*)?"  # "..., setting the stage for ..."
    # "..., state media reported Monday, just over | a week before ...": the splitter cut at the count
    r"(?:,\s+(?:just\s+over|just|about|nearly|almost|more\s+than|less\s+than|only))?[\s.,;!?\"\u201d]*$"
)
# a meeting verb in the past: with a future cue only after it, the clause tells a past event
_PAST_EVENT: Final = compile_fast(
    r"\b(?:met|held|hosted|visited|greeted|welcomed|shook hands|talked|spoke|arrived|flew|travell?ed|went|received"
    r"|sat down|lunched|dined"
    # "Trump abruptly canceled a visit scheduled for August": the plan was undone, in the past
    r"|cancell?ed|called off|scrapped|postponed)\b"
)
# a full date that ends its clause ("..., Vietnam February 27, 2019."), as a caption's closing stamp
_STAMP_DATE: Final = re.compile(r"\b(?:19|20)\d\d[\s.]*$")
_WEEKDAY_NAMES: Final = "|".join(day.capitalize() for day in WEEKDAYS)
_PROGRESSIVE_TRIP: Final = compile_fast(
    r"\b(?:is|are)\s+(?:visiting|meeting|travell?ing\s+to|flying\s+to|heading\s+to)\b"
    rf"(?=[^.;]{{0,60}}?\b(?:{_WEEKDAY_NAMES})\b)"
)
_WEEKDAY_WORD: Final = re.compile(rf"\b({_WEEKDAY_NAMES})\b")
_PAST_MARK: Final = re.compile(
    r"\b(?:had|was|were|did|met|held|visited|talked|spoke|went|came|arrived|left|signed|agreed|said|told)\b"
)
# a zero-width match at a clause's start: the cue of a clause whose opener itself tells its tense
_AT_CLAUSE_START: Final = re.compile("")
_TIME_OPENERS: Final = frozenset({"when", "after", "before", "once", "until", "while", "as", "since"})
_WHICH_DELIVERED_TO: Final = re.compile(
    r"[\s,]*(?:which|that)\s+(?:was|had\s+been)\s+(?:hand[- ])?(?:delivered|sent|addressed|given|handed)\s+"
    r"(?:over\s+)?to\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+|(?:U\.S\.\s+|US\s+)?President\s+)?"
)
_GESTURE_TO: Final = re.compile(
    r"[-\u2013\u2014\s]*(?:Offering|Extending|Sending|Giving|Expressing|Showing|Holding\s+out)\s+[^,;]{3,80}?\s(?:to|for)\s"
    r"[^,;]{3,80},"
)
_ESCORTED_BY: Final = re.compile(r"(?:Escorted|Flanked|Ushered|Followed|Accompanied)\s+(?:in\s+)?by\s+[^,;]{3,120},")
_UNDER_WAY: Final = re.compile(r"\b(?:is|are)\s+(?:\w+ly\s+)?(?:holding|having|hosting|meeting|visiting)\b")
_IN_RESPONSE: Final = re.compile(r"\b(?:in\s+response\s+to|responding\s+to|in\s+reaction\s+to|reacting\s+to)\b")
_LETTER_SAYING: Final = re.compile(r"\b(?:saying|stating|which\s+said|that\s+said|announcing|telling\s+\w+)\b")
_ADJECTIVE_CUES: Final = frozenset({"anticipated", "upcoming", "forthcoming"})
_THE_MEETING: Final = compile_fast(r"\bthe (?:meeting|summit)\b")
# small patterns of the clause loop, compiled once (re's own cache lookup costs more than the match)
_POSSESSIVE_TAIL: Final = re.compile(r"['\u2019]s?\b")
# what stands right before someone who is named but takes no part: a kin ("the father of the current
# leader"), a principal ("the special envoy of Moon"), a report's source ("according to ...")
_NOT_A_PARTY: Final = re.compile(
    rf"\b(?:{KIN})\s+of\s+(?:the\s+)?$"
    # "Chung Eui-yong, the special envoy of Moon", "an adviser to Trump": whom someone serves, not a party
    rf"|\b(?:{SERVES})"
    r"\s+(?:of|to|for)\s+(?:the\s+)?(?:(?:[A-Z][\w'\u2019-]*\s+){0,3}(?:President|Prime\s+Minister|Chairman|[Ll]eader)\s+)?$"
    # "..., according to Kim Eui-kyeom, presidential spokesman": the source, not a party
    r"|\baccording\s+to\s+(?:[\w'\u2019.-]+\s+){0,4}$"
)
NOT_A_PARTY_WINDOW: Final = 45  # characters: "an envoy for President Donald Trump" fits
_LEADERS_WORD: Final = re.compile(r"leaders|presidents")
# "the two officials" are not the two leaders, even when the leaders' summit is the story's most told pair
_AIDES_WORD: Final = re.compile(r"officials|envoys|diplomats|negotiators|ministers")
_WITH: Final = re.compile(r"\bwith\b")
_TO_OR_FOR: Final = re.compile(r"\b(?:to|for)\b")
_WITH_NAME: Final = re.compile(r"\bwith\s+[A-Z]")
_MEETINGS_OR_TALKS: Final = re.compile(r"\b(?:meetings|talks)\b")
_UNNAMED_SIDES: Final = re.compile(r"\b(?:officials|delegations|negotiators|diplomats|envoys)\b")
_SUMMIT_PLACE: Final = compile_fast(  # every match holds "summit"; the lookahead skips lowercase positions
    r"\b(?P<before>[A-Z][\w]*(?:\s[A-Z][\w]*)?)\s+(?:\w+\s+)?summit\b"
    r"|\bsummit\b[^.;,]{0,60}?\b(?:in|at)\s+(?P<after>[A-Z][\w]*(?:\s[A-Z][\w]*)?)"
)
# a clause read for tense and dates: (clause, future, its dates, its text without quotations)
_Analysed = tuple[Clause, bool, list[DateMention], str]
# Merging and look-backs consider only this many recent events: a real article has a few
# dozen, and a hostile one must not make every new event scan all earlier ones.
_RECENT: Final = 200


@dataclass
class Meeting:
    participants: list[str]
    unnamed: list[str]
    location: PlaceMention | None
    interval: Interval | None
    mode: str
    status: str
    kind: MeetingKind
    confidence: float
    evidence: tuple[int, int]
    sentence: int
    summit_like: bool = False
    guessed: bool = False  # dated by ``date_the_news``, not by the text
    earlier: bool = False  # "the last summit", "their previous meeting": not the news of the day
    before_summit: bool = False  # "to meet his counterpart ahead of a second summit"
    named_only: bool = False  # held by default: a meeting noun ("the meeting between ...") with no verb of holding

    @cached_property
    def group(self) -> frozenset[str]:
        """Who meets, as a set: every new meeting is compared with the recent ones by it (a
        meeting's participants are final once it is recorded)."""
        return frozenset(self.participants)


@dataclass
class SummitMention:
    leaders: list[str]
    scheduled: Interval | None
    location: PlaceMention | None
    sentence: int
    explicit: bool = False
    place_strength: int = 0
    held: Interval | None = None
    planned: bool = False  # a scheduled in-person meeting of the two leaders
    follow_on: bool = False  # "a second summit", "their next meeting": one after those already held


@dataclass
class Change:
    mention: SummitMention
    status: str
    interval: Interval | None
    announced_by: str | None
    after_hours: int | None
    confidence: float
    evidence: tuple[int, int]
    cameo: str
    plover: str
    guessed: bool = False


_DESCRIPTION_MODS: Final = [
    "recently-appointed",
    "newly-appointed",
    "newly",
    "new",
    "top",
    "senior",
    "chief",
    "former",
    "outgoing",
    "current",
    "visiting",
    "first",
    "lead",
    "veteran",
]


@cache
def _description_regex() -> Anchored:
    lex = lexicon()
    # a trie tries the longest office first, as an alternation sorted longest-first would
    roles = [p for p, t in lex.titles.items() if t.role and not t.prefix_only and p == p.lower()]
    role_alt = trie_alternation(roles)
    mods = "(?:(?:" + "|".join(_DESCRIPTION_MODS) + r")\s+)*"
    role = rf"(?P<role>{role_alt})\b(?!\s+[A-Z])"
    regex = re.compile(
        rf"(?<!last )(?<!first )(?<!only )(?<!next )(?<!former )(?<!previous )"
        rf"(?:(?P<det>\b(?:the|The|a|A|an|An)\s+)|(?<![\w-]))(?:(?P<nat>{lex.demonym_regex})\s+)?{mods}{role}"
    )
    lead = {"the", "The", "a", "A", "an", "An", *_DESCRIPTION_MODS}
    lead |= {word for demonym in lex.demonyms for word in demonym.split()}
    anchor = re.compile(rf"(?<![\w-]){role}")
    return Anchored(regex, anchor, frozenset(lead).__contains__, literals=roles)


@cache
def _served_demonym() -> re.Pattern[str]:
    """Whose aide a description is, by the demonym after it: "a top aide to (the) North Korean leader"."""
    return re.compile(rf"\s+(?:to|of|for)\s+(?:the\s+)?(?:top\s+|senior\s+)?({lexicon().demonym_regex})\b")


@cache
def _demonym_before() -> re.Pattern[str]:
    """A demonym ending the text searched, but for up to three words: "the South Korean (special) ..."."""
    return re.compile(rf"\b({lexicon().demonym_regex})\s+(?:[\w-]+\s+){{0,3}}\Z")


@cache
def _diplomacy_head_regex() -> re.Pattern[str]:
    """ "the head of Russian diplomacy", "the chief of US diplomacy": that country's foreign minister."""
    return compile_fast(
        rf"(?P<det>\b(?:the|The)\s+)(?:head|chief) of (?P<nat>{lexicon().demonym_regex})\s+(?P<role>diplomacy)\b",
        prefilter=False,  # run on whole bodies, guarded by a plain "diplomacy" in body
    )


class Coder:
    def __init__(
        self,
        body: str,
        published_on: dt.date,
        cast: Cast,
        sentences: list[Sentence],
        place_hits: list[re.Match[str]] | None = None,
    ) -> None:
        self.body = body
        self.pub = published_on
        self.cast = cast
        self.sentences = sentences
        self.lex: Lexicon = lexicon()
        self.meetings: list[Meeting] = []
        self.summit_mentions: list[SummitMention] = []
        self.changes: list[Change] = []
        self.last_subject: str | None = None
        # every person standing where the last subject stood ("They", "The two leaders"): an
        # elided subject after them is all of them ("They met ... and held a second meeting ...")
        self.last_subjects: list[str] = []
        self.said_day: Interval | None = None
        # the pair a clause named as a group ("the two Korean leaders"), which a later "they" means
        self.named_group: tuple[int, list[str]] | None = None
        # who is known only as one who speaks of the news (a spokesperson, an analyst)
        self.commentators = frozenset(
            key
            for key, person in cast.persons.items()
            if person.roles and all(role.lower() in _COMMENTATOR_ROLES for role in person.roles)
        )
        self.last_pair: list[str] = []
        self.prev_people: list[str] = []  # the clause before's people, who "their" may mean
        self._counterparts: list[str] | None = None
        self._delegation_heads: list[str] | None = None
        self.last_interval: Interval | None = None
        self.sentence_summit: SummitMention | None = None
        self.own_dates = False
        self.looked_back = False  # the clause is dated months back from the story ("two months after ...")
        self.context: tuple[int, Interval] | None = None  # (sentence, date) of the last dated event
        self.trips: list[tuple[str, Interval, str, int]] = []  # (who, days, country, sentence) of dated trips
        self.dateline = self._dateline()
        # whole-body scans done once; clauses take their slice
        self.places = find_places(body, self.lex, hits=place_hits)
        self.place_starts = [p.start for p in self.places]
        heads = _diplomacy_head_regex().finditer(body) if "diplomacy" in body else ()
        self.descriptions = sorted([*_description_regex().finditer(body), *heads], key=lambda d: d.start())
        self.description_starts = [d.start() for d in self.descriptions]
        self.sentence_starts = [s.start for s in sentences]
        self.date_cache: dict[tuple[int, int, bool], list[DateMention]] = {}
        self.before_limit: Interval | None = None
        # the day the lede tells ("Top diplomats ... on Sunday agreed ..."): an undated meeting told
        # next ("At a meeting in Tokyo, ...") is that day's
        self.lede_day: Interval | None = None
        # paragraphs of a live blog open with a clock time: "15:05 —", "3.05pm:"
        self.stamped = {s.paragraph for s in sentences if _TIME_STAMP.match(s.text)}
        self.by_surname: dict[str, list[str]] = {}
        self.leaders_of: dict[str | None, list[Any]] = {}
        for key, person in cast.persons.items():
            self.by_surname.setdefault(person.surname, []).append(key)
            if person.leader:
                self.leaders_of.setdefault(person.country, []).append(person)
        for leaders in self.leaders_of.values():
            leaders.sort(key=lambda p: (-p.count, p.first))
        # each person's roles in lower case: resolve_role tests every mention in a long window
        self.role_sets: dict[str, frozenset[str]] = {
            key: frozenset(r.lower() for r in person.roles) for key, person in cast.persons.items()
        }

    # -- context --------------------------------------------------------------------
    def _dateline(self) -> PlaceMention | None:
        # the story's first sentence, after any caption or byline lines above it
        m = _DATELINE.match(self.body, self.sentences[0].start) if self.sentences else None
        if not m:
            return None
        city = m.group("city").strip().title()
        place = self.lex.places.get(city)
        return PlaceMention(0, 0, place.name, place.country, False) if place else None

    def resolve_role(self, role_phrase: str, country: str | None, position: int, indefinite: bool) -> str | None:
        title = self.lex.titles.get(role_phrase.lower())
        if title is None or title.role is None:
            return None
        role = title.role.lower()

        def fits(key: str) -> bool:
            person = self.cast.persons[key]
            if country and person.country != country:
                return False
            roles = self.role_sets[key]
            if role in roles:
                return True
            if title.leader and person.leader and role in ("leader", "president", "chairman"):
                return True
            return role in _GENERIC_ROLES and not person.leader

        # up to the end of the sentence after next: forward references stay close
        following = bisect.bisect_right(self.sentence_starts, position)
        horizon = (
            self.sentences[min(following + 1, len(self.sentences) - 1)].end
            if following < len(self.sentences)
            else len(self.body)
        )
        before = [m for m in self.cast.window(position - 3000, position) if m.end <= position and fits(m.key)]
        after = [m for m in self.cast.window(position, horizon) if fits(m.key)]
        if indefinite:
            return after[0].key if after else None
        # "handed the president a letter from Kim Jong Un": someone who holds the office itself
        # (Trump, named in the next sentence) before a leader who only fits loosely (Kim, a chairman)
        strict = [m for m in (*before[::-1], *after) if role in self.role_sets[m.key]]
        if strict:
            return strict[0].key
        if before:
            return before[-1].key
        return after[0].key if after else None

    def in_office(self, key: str) -> bool:
        """Whether the dictionary has ``key`` in office on the publication day (unknown: yes)."""
        entry = self.lex.person_by_key.get(key)
        return entry is None or entry.in_office_on(self.pub)

    def known_in_office(self, key: str) -> bool:
        """Whether the dictionary records ``key`` in office on the publication day."""
        entry = self.lex.person_by_key.get(key)
        return entry is not None and entry.in_office is not None and entry.in_office_on(self.pub)

    def head_of_state(self, country: str | None) -> str | None:
        """The leader of ``country`` the article names (most mentioned; a president before a premier)."""
        leaders = [p for p in self.leaders_of.get(country, []) if self.in_office(p.key)]
        presidents = [p for p in leaders if "president" in self.role_sets[p.key]]
        chosen = (presidents or leaders)[:1]
        return chosen[0].key if chosen else None

    def summit_holder(self, subject: str, counterpart: str) -> str | None:
        """Who holds the summit "with" ``counterpart`` that ``subject``'s clause tells of: the subject
        if he leads a country; for an envoy, his leader ("Pompeo traveled to North Korea ... about an
        upcoming summit with the U.S. president"), or, when his leader is that counterpart, the leader
        the envoy just met."""
        person = self.cast.persons[subject]
        if person.leader:
            return subject
        holder = self.head_of_state(person.country)
        if holder == counterpart and self.meetings and subject in self.meetings[-1].participants:
            met = [k for k in self.meetings[-1].participants if k != subject]
            holder = met[0] if met and self.cast.persons[met[0]].leader else None
        return holder

    def leaders_of_pair(self, people: list[str]) -> list[str]:
        """The heads of state of two people of two countries, when the article names both."""
        countries = list(dict.fromkeys(c for k in people if (c := self.cast.persons[k].country)))
        if len(countries) != 2:
            return []
        heads = [self.head_of_state(c) for c in countries]
        return [h for h in heads if h] if all(heads) else []

    # -- clause analysis ---------------------------------------------------------------
    def date_the_letter(self, sentence: Sentence, told: re.Match[str], dates: list[DateMention]) -> None:
        """ "... received another letter from Kim, Trump said Friday. ... the missive, delivered Thursday,
        was three pages": the day told of the letter (after ``told``) dates the letter told just before."""
        day = next((d.interval for d in dates if d.start >= told.end() - 1 and d.exact and d.interval), None)
        letter = next(
            (
                m
                for m in reversed(self.meetings[-_RECENT:])
                if m.mode == "letter" and m.status == "held" and m.sentence >= sentence.index - 2
            ),
            None,
        )
        if day is not None and letter is not None and day.end <= self.pub:
            letter.interval = day

    def judged_summit_pair(self, mention: SummitMention, sentence: Sentence) -> list[str]:
        """The two leaders of a summit the clause judges ("Putin declared the Helsinki summit a success
        ... when pressed by President Donald Trump"): its own pair, or its one leader and the other
        country's leader the sentence names (then recorded on the mention too)."""
        if len(mention.leaders) == 2:
            return list(mention.leaders)
        if len(mention.leaders) != 1:
            return []
        own = self.cast.persons[mention.leaders[0]]
        other = next(
            (
                m.key
                for m in self.cast.in_span(sentence.start, sentence.end)
                if self.cast.persons[m.key].leader and self.cast.persons[m.key].country not in (None, own.country)
            ),
            None,
        )
        if other is None:
            return []
        mention.leaders = [own.key, other]
        return list(mention.leaders)

    def clause_mentions(self, clause: Clause) -> list[Mention]:
        """The cast's mentions inside ``clause`` (several rules ask: found once; never modified)."""
        found = clause.mentions
        if found is None:
            found = clause.mentions = self.cast.in_span(clause.start, clause.end)
        return found

    def disambiguate(self, mention: Mention, clause: Clause) -> str:
        """A bare shared surname ("Kim") beside people an existing meeting has goes to the namesake
        already meeting them (that day, when the clause is dated: Pompeo's Thursday talks are with
        Kim Yong Chol)."""
        if mention.kind != "short":
            return mention.key
        surname = self.cast.persons[mention.key].surname
        namesakes = [k for k in self.by_surname.get(surname, ()) if k != mention.key]
        if not namesakes:
            return mention.key
        others = {m.key for m in self.clause_mentions(clause) if m.key != mention.key}
        persons = self.cast.persons
        if not persons[mention.key].leader and self.lex.summit_regex.search(clause.text):
            # "a possible summit between Kim and Trump": beside another leader, a summit's Kim is the leader
            leader = next((k for k in namesakes if persons[k].leader), None)
            if leader and any(persons[k].leader for k in others if k in persons):
                return leader
        dates = [d.interval for d in self.dates_in(clause, False) if d.interval]
        if not others or not (dates or self.joined_by_and(mention, clause)):
            return mention.key
        for meeting in reversed(self.meetings[-_RECENT:]):
            group = set(meeting.participants)
            # undated ("As Kim and Pompeo were meeting in New York"), the namesake who has been
            # meeting those people in this story; dated, the one meeting them that day
            if dates and not (meeting.interval and any(meeting.interval.overlaps(d) for d in dates)):
                continue
            for alt in namesakes:
                if alt in group and others <= group and mention.key not in group:
                    return alt
        return mention.key

    def joined_by_and(self, mention: Mention, clause: Clause) -> bool:
        """ "Kim and Pompeo", "Pompeo and Kim": the mention is one of a pair joined by "and"."""
        for other in self.clause_mentions(clause):
            gap = self.body[mention.end : other.start] if other.start >= mention.end else ""
            gap = gap or (self.body[other.end : mention.start] if mention.start >= other.end else "")
            if gap.strip() == "and":
                return True
        return False

    def announced_meeting(
        self, clause: Clause, text: str, unquoted: str, future: bool, leaders: list[str], conditional: bool
    ) -> bool:
        """A meeting of two countries' leaders told ahead (or hedged) and attributed to a dated
        source at the clause's end: the day its plan was made public."""
        if conditional or clause.opener == "to" or len(leaders) < 2:
            return False
        countries = {self.cast.persons[k].country for k in leaders[:2]}
        if len(countries) != 2 or None in countries:
            return False
        if not (future or _MAYBE_CUE.search(unquoted)):
            return False
        said_at = self.attribution_start(clause)
        if said_at >= clause.end:
            # "The White House says Biden and Xi are set to meet on Nov. 14 in Bali": an office that speaks
            # first tells the plan made public, on a day the news has (or, unsaid, lately)
            office = _OFFICE_SAYS.match(text)
            if office is None or self.lex.modality["negation"].search(text):
                return False
            # (the leaders are what it says: not "The spokeswoman said Pompeo and Kim discussed the summit")
            named = [m for m in self.clause_mentions(clause) if m.start >= clause.start + office.end()]
            return bool(named) and named[0].key in leaders and named[0].start - clause.start - office.end() < 40
        told = [d for d in self.dates_in(clause, False) if d.interval and d.interval.end <= self.pub]
        return any(clause.start + d.start >= said_at for d in told) and not self.lex.modality["negation"].search(text)

    def attribution_start(self, clause: Clause) -> int:
        """Body offset where a closing attribution (", a Kremlin spokesman said.") begins, else the clause end."""
        cached = clause.said_at  # asked for by run() and actors(): scan once
        if cached is not None:
            return cached
        m = _ATTRIBUTION.search(clause.text)
        if m is not None and _SPEAKER_JUST_MET.search(clause.text, m.start()):
            # '"We've made real progress," Pompeo told reporters after emerging from talks with Kim Yong
            # Chol': the speaker's own meeting, told after the saying, is news with him as its party
            m = None
        # a quotation's speaker speaks of himself ("Good dinner with Kim," Pompeo tweeted); a quoted
        # phrase earlier in the clause ('his "firm will" to meet Trump, Moon said') leaves the speaker out
        # ('his invitation "at an early date", Moon's spokesman said' quotes a phrase of the report)
        if not m or any(
            e >= clause.start + m.start() - 3 and not self.body[clause.start : s].strip()
            for s, e in clause.quoted_spans()
        ):
            at = clause.end
        else:
            at = clause.start + m.start()
        clause.said_at = at
        return at

    def country_pair_summit(self, clause: Clause) -> list[str] | None:
        """ "the US-North Korea summit", "a summit between the United States and North Korea": the
        heads of state of the two countries the story names, else none."""
        text = clause.text
        if "-" not in text and "\u2013" not in text and "between" not in text:
            return None  # neither "US-North Korea" nor "between ... and ...": no scan of the gazetteer
        m = _country_pairs(id(self.lex)).search(text)
        if m is None:
            return None
        names = self.lex.country_names
        first, second = names[m.group("a") or m.group("c")], names[m.group("b") or m.group("d")]
        if first == second:
            return None
        heads = [self.head_of_state(first), self.head_of_state(second)]
        return [k for k in heads if k] if all(heads) else None

    def country_party_named(
        self, clause: Clause, trigger: re.Match[str], places: list[PlaceMention], participants: list[str]
    ) -> bool:
        """A meeting "with North Korea", "with Washington" (a country or its capital) has that country
        as a party: false when no one named in the clause is of that country."""
        if not clause.text.startswith(" with ", trigger.end()):
            return True  # the cheap test first: most triggers are not followed by "with"
        with_the = _WITH_THE.match(clause.text, trigger.end())
        if with_the is None:
            return True
        at = clause.start + with_the.end()
        place = next((p for p in places if p.start == at), None)
        if place is None or not (place.is_country or self.lex.capitals.get(place.country) == place.name):
            return True
        return any(self.cast.persons[k].country == place.country for k in participants)

    def sentence_pair(self, clause: Clause, position: int, leaders_only: bool) -> list[str]:
        """The last two people named in this sentence before ``position`` (leaders only if asked)."""
        keys: list[str] = []
        for m in self.cast.in_span(clause.sentence.start, position):
            if m.possessive and not _EVENT_NOUN.match(self.body[m.end : m.end + 40]):
                continue
            if leaders_only and not self.cast.persons[m.key].leader:
                continue
            if m.key in keys:
                keys.remove(m.key)
            keys.append(m.key)
        return sorted(keys[-2:], key=lambda k: self.cast.persons[k].first) if len(keys) >= 2 else []

    def conjoined_pair(self, start: int, position: int) -> list[str]:
        """The last two people joined by "and" ("Kim and Trump", "Kim Jong Un and President Trump")
        between ``start`` and ``position``, else none."""
        mentions = self.cast.in_span(start, position)
        for first, second in zip(reversed(mentions[:-1]), reversed(mentions[1:]), strict=True):
            if first.possessive or second.possessive or first.key == second.key:
                continue
            if _AND_BETWEEN.fullmatch(self.body, first.end, second.start):
                return [first.key, second.key]
        return []

    def korean_pair(self, pair: list[str]) -> list[str]:
        """ "The two Korean leaders", "the leaders of the two Koreas": the heads of KR and KP, whoever
        else was named last ("weeks before Kim is due to meet Trump. ... the two Korean leaders")."""
        if {self.cast.persons[k].country for k in pair} == {"KR", "KP"}:
            return pair
        heads = [self.head_of_state("KR"), self.head_of_state("KP")]
        return [k for k in heads if k] if all(heads) else pair

    def pair_just_told(self, clause: Clause) -> list[str]:
        """The two leaders of the last meeting, when the sentence just before told it."""
        told = [m for m in self.meetings[-10:] if m.sentence == clause.sentence.index - 1]
        # (the one held before one planned: "had called Moon ... before his scheduled meeting with Kim")
        told = [m for m in told if m.status == "held"] or told
        if not told or len(told[-1].participants) != 2:
            return []
        last = told[-1]
        if not all(self.cast.persons[k].leader for k in last.participants):
            return []
        return sorted(last.participants, key=lambda k: self.cast.persons[k].first)

    def salient_pair(self, *, leaders_only: bool, aides_only: bool = False) -> list[str]:
        """ "The two leaders": the pair that has met most so far (ties: most recently); for "the two
        officials", of the pairs that are not two leaders."""
        scores: dict[frozenset[str], tuple[int, int]] = {}
        for index, meeting in enumerate(self.meetings[-200:]):
            people = meeting.participants
            for i, a in enumerate(people):
                for b in people[i + 1 :]:
                    both_leaders = self.cast.persons[a].leader and self.cast.persons[b].leader
                    if (leaders_only and not both_leaders) or (aides_only and both_leaders):
                        continue
                    count = scores.get(frozenset((a, b)), (0, 0))[0]
                    scores[frozenset((a, b))] = (count + 1, index)
        if leaders_only:
            # a summit told of counts as a meeting of its leaders ("Moon arrived in Moscow ... before the
            # summit. ... The two leaders last met in Hamburg"), their meetings not yet told
            for mention in self.summit_mentions[-50:]:
                if len(mention.leaders) >= 2:
                    pair = frozenset(mention.leaders[:2])
                    count, last = scores.get(pair, (0, -1))  # recency stays the meetings'
                    scores[pair] = (count + 1, last)
        if not scores:
            return list(self.last_pair)
        best = max(scores, key=lambda pair: scores[pair])
        return sorted(best, key=lambda k: self.cast.persons[k].first)

    def carried_invitation(self, clause: Clause, actors: list[tuple[int, str, bool]]) -> list[str] | None:
        """ "handed him an invitation from Putin to visit Russia", "conveyed his invitation to visit
        Pyongyang": an envoy carries it, so the host country's leader and the person the envoy
        deals with in the sentence (neither the carrier nor the speaker) are the ones to meet."""
        m = _INVITATION.search(clause.text)
        place = self._place_named(m.group("place")) if m else None
        hosts = self.leaders_of.get(place.country, []) if place else []
        if not hosts:
            return None
        host = hosts[0].key
        active = [k for _, k, inert in actors if not inert]
        carrier = active[0] if active and active[0] != host else self.last_subject
        said_at = self.attribution_start(clause)
        others = [
            x.key
            for x in self.cast.in_span(clause.sentence.start, clause.sentence.end)
            if x.key not in (host, carrier) and not said_at <= x.start < clause.end  # not the speaker
        ]
        others = list(dict.fromkeys(others))
        leaders = [k for k in others if self.cast.persons[k].leader]
        pool = leaders or others
        invitee = pool[0] if pool else None
        return [host, invitee] if invitee else None

    def label_country(self, label: str) -> str | None:
        """The country an unnamed counterpart's label names: "North Korean counterpart", "Washington
        counterpart"; none for a bare "counterpart"."""
        words = label.split()[:-1]
        place = self._place_named(" ".join(words)) if words and words[0][:1].isupper() else None
        return place.country if place else self.lex.demonyms.get(" ".join(words)) if words else None

    def named_counterpart(self, label: str, subject: str) -> str | None:
        """The one person the article introduces as a counterpart ("his US counterpart Stephen
        Biegun"), of the country the label names if it names one ("his Washington counterpart")."""
        named = {k for k in self.counterparts_named() if k != subject}
        if not named:
            return None
        country = self.label_country(label)
        if country:
            named = {k for k in named if self.cast.persons[k].country == country}
        return next(iter(named)) if len(named) == 1 else None

    def delegation_parties(
        self,
        clause: Clause,
        found: list[tuple[int, str, bool]],
        said_at: int,
        quotes: list[tuple[int, int]],
    ) -> list[tuple[int, str, bool]]:
        """The heads standing for the groups a clause tells as parties ("the South Korean delegation",
        "officials from North Korea", "the two sides"), given the people ``found`` in it so far."""
        text = clause.text
        added: list[tuple[int, str, bool]] = []
        for party in _GROUP_PARTY.finditer(text):
            pos = clause.start + party.start()
            if pos >= said_at or any(s <= pos < e for s, e in quotes):
                continue
            if party.group(0).endswith("sides"):
                # "The two sides met Sunday, with the US delegation led by Sung Kim and the North Korean
                # delegation led by Choe Son-hui": the heads of two delegations of two countries
                by_country = {self.cast.persons[k].country: k for k in reversed(self.delegation_heads())}
                if len(by_country) == 2 and not any(not inert for _, _, inert in (*found, *added)):
                    added.extend((pos, k, False) for k in self.delegation_heads() if k in by_country.values())
                continue
            if party.group(0).startswith("officials"):
                # "officials from North Korea": the country named next; no country, no head
                named = self.lex.place_regex.match(self.body, clause.start + party.end())
                if named is None:
                    continue
                country: str | None = self.lex.places[named.group(0)].country
            else:
                demonym = _demonym_before().search(self.body, max(clause.start, pos - 40), pos)
                country = self.lex.demonyms.get(demonym.group(1)) if demonym else None
            heads = [k for k in self.delegation_heads() if country is None or self.cast.persons[k].country == country]
            # the delegation's head stands for it, unless the clause names its members itself (who
            # says "that ..." before it is no member: "Trump said that a U.S. delegation held talks")
            head_country = self.cast.persons[heads[0]].country if len(heads) == 1 else None
            speech = _SPEECH.search(text, 0, party.start())
            told_from = clause.start + (speech.end() if speech else 0)
            if len(heads) == 1 and all(
                self.cast.persons[k].country != head_country
                for at, k, inert in (*found, *added)
                if not inert and at >= told_from
            ):
                added.append((pos, heads[0], False))
        return added

    def delegation_heads(self) -> list[str]:
        """Who leads a delegation the story names ("the delegation, led by Chung Eui-yong", "Chung, who
        leads the delegation"): scanned once, when first asked, and only in a story that says so."""
        if self._delegation_heads is None:
            body = self.body
            heads: list[str] = []
            if "led by" in body or "headed by" in body:  # plain substring tests: no scan of the body for most
                for hit in _LED_BY.finditer(body):
                    # the name after "led by", past its titles ("National Security Office chief")
                    after = self.cast.in_span(hit.end(), hit.end() + 80)
                    if after:
                        heads.append(after[0].key)
            if "delegation" in body or "envoys" in body or "team" in body:
                heads.extend(m.key for m in self.cast.mentions if _LEADS_GROUP.match(body, m.end, m.end + 160))
            self._delegation_heads = _unique(heads)
        return self._delegation_heads

    def counterparts_named(self) -> list[str]:
        """Everyone a name introduces right after "counterpart": one scan of the body, when first asked."""
        if self._counterparts is None:
            starts, mentions = self.cast.starts, self.cast.mentions
            found = []
            for hit in _COUNTERPART_NAMED.finditer(self.body):
                i = bisect.bisect_left(starts, hit.end())
                if i < len(mentions) and mentions[i].start == hit.end():
                    found.append(mentions[i].key)
            self._counterparts = found
        return self._counterparts

    def _place_named(self, text: str) -> Any:
        return self.lex.places.get(text) or next(
            (self.lex.places[p] for p in self.lex.places if text.startswith(p)), None
        )

    def invitation(self, clause: Clause, actors: list[tuple[int, str, bool]]) -> list[str] | None:
        """ "invited him to visit Russia": the invitee and the host country's leader meet."""
        m = _INVITE.search(clause.text)
        if not m:
            return self.carried_invitation(clause, actors)
        position = clause.start + m.start()
        before = [k for pos, k, _ in actors if pos < position]
        after = [k for pos, k, _ in actors if pos > position]
        if m.group("obj") and m.group("obj")[0].isupper():
            invitee = after[0] if after else None
        elif m.group("obj"):
            previous = [
                x.key
                for x in self.cast.window(position - 2000, position)
                if x.end <= position and (not before or x.key != before[0])
            ]
            invitee = previous[-1] if previous else None
        elif m.group("passive"):
            invitee = before[-1] if before else self.last_subject  # "Putin said Abe had been invited"
        else:
            invitee = before[0] if before else self.last_subject
        place = self._place_named(m.group("place"))
        if invitee is None or place is None:
            return None
        hosts = self.leaders_of.get(place.country, [])
        host = hosts[0].key if hosts else (before[0] if before else None)
        if host is None or host == invitee:
            return None
        return [host, invitee]

    def actors(self, clause: Clause, prev_last: str | None) -> tuple[list[tuple[int, str, bool]], list[str]]:
        """(position, person key, is_possessive_non_event) in order, plus unnamed counterparts."""
        found: list[tuple[int, str, bool]] = []
        quotes = clause.quoted_spans()
        mentions: list[Mention] = self.clause_mentions(clause)
        said_at = self.attribution_start(clause)
        greetings = could_match(_SOURCE_ONLY, clause.text)  # the clause first: its slices are new strings
        # "Escorted by White House Chief of Staff John Kelly, Kim Yong Chol arrived ... to meet the President":
        # whoever escorts the visitor in is no party to his meeting
        escort = _ESCORTED_BY.match(clause.text) if clause.text[:1] in "EFUA" else None
        # "Offering an olive branch to President Donald Trump, Kim Jong Un said as he met South Korean
        # envoys": whom a gesture is for is no party to the meeting either
        escort = escort or _GESTURE_TO.match(clause.text)
        escort_end = clause.start + escort.end() if escort else clause.start
        for m in mentions:
            inert = m.possessive and not _EVENT_NOUN.match(self.body[m.end : m.end + 40])
            inert = inert or m.start >= said_at  # ", State Department spokeswoman Heather Nauert said."
            inert = inert or _not_a_party(self.body, m.start)
            inert = inert or bool(_ATTRIBUTIVE.match(self.body, m.end))  # "representatives of the Kim regime"
            inert = inert or m.start < escort_end
            inert = inert or (
                greetings and bool(_SOURCE_ONLY.search(self.body[max(clause.start, m.start - 40) : m.start]))
            )
            found.append((m.start, self.disambiguate(m, clause), inert))
        text = clause.text
        first = bisect.bisect_left(self.description_starts, clause.start)
        last = bisect.bisect_left(self.description_starts, clause.end)
        for d in self.descriptions[first:last]:
            if d.end() > clause.end:
                continue
            pos = d.start()
            if any(s <= pos < e for s, e in quotes) or any(
                s <= pos < s2 for s, _, s2 in [(mm.start, 0, mm.end) for mm in mentions]
            ):
                continue
            named = _APPOSITIVE_NAME.match(self.body, d.end())
            after = self.cast.in_span(named.end(), named.end() + 80) if named else []
            if named and after and after[0].start == named.end():
                continue  # "North Korea's special representative, Kim Hyok Chol": the name says who
            nat = self.lex.demonyms.get(d.group("nat") or "")
            if nat is None and (of := _OF_THE.match(self.body, d.end())) is not None:
                # "a second day of meetings with the leader of Japan": the country after the office
                country = self.lex.place_regex.match(self.body, of.end())
                nat = self.lex.places[country.group(0)].country if country else None
            det = (d.group("det") or "").strip().lower()
            if not det and not nat:
                continue
            indefinite = det in ("a", "an")
            rel_start, rel_end = d.start() - clause.start, d.end() - clause.start
            # (not a leader: "No sitting U.S. president has met a North Korean leader" is anyone who led)
            met = (
                indefinite
                and bool(_MEETS_SOMEONE.search(text, 0, rel_start))
                and not self.lex.titles[d.group("role").lower()].leader
            )
            if (
                indefinite
                and not met
                and not (text[:rel_start].rstrip().endswith(" and") or text[rel_end:].startswith(" and "))
            ):
                continue  # "a US diplomat" is someone else; "Pompeo and a top North Korean official" is named later
            if met and nat is None:
                # "a top aide to North Korean leader Kim Jong Un": the one served says whose
                served = _served_demonym().match(text, rel_end)
                if served is None:
                    continue
                nat = self.lex.demonyms.get(served.group(1))
            role = "foreign minister" if d.group("role").lower() == "diplomacy" else d.group("role")
            key = self.resolve_role(role, nat, pos, indefinite=indefinite)
            if key and _FORMER.search(d.group(0)) and self.known_in_office(key):
                key = None  # "the North's former leader" is not the leader in office
            if key:
                tail = self.body[d.end() : d.end() + 40]
                inert = bool(_POSSESSIVE_TAIL.match(tail)) and not _EVENT_NOUN.match(tail)
                inert = inert or _not_a_party(self.body, pos)
                inert = inert or pos >= said_at  # "..., the spokesman said.": the speaker, as for names
                found.append((pos, key, inert))
        for g in self.lex.group_regex.finditer(text):
            leaders_only = bool(_LEADERS_WORD.search(g.group(0)))
            aides_only = bool(_AIDES_WORD.search(g.group(0)))
            # "a meeting between Kim and Moon: the two leaders will ...": the pair just named
            # in this sentence, else the pair that has met most so far
            pair = self.sentence_pair(clause, clause.start + g.start(), leaders_only)
            if not pair and clause.index and clause.opener in _TIME_OPENERS and len(self.prev_people) == 2:
                # "He has never spoken badly of the US leader, | since the two met in Singapore": the two the
                # clause before named
                pair = sorted(self.prev_people, key=lambda k: self.cast.persons[k].first)
            # "Trump had called Moon from Singapore. ... confirmed the two world leaders spoke on Monday": the
            # pair whose meeting the sentence before told
            pair = pair or (self.pair_just_told(clause) if leaders_only else [])
            # nobody yet: "The two leaders met on Wednesday, a day after Kim greeted Moon"
            pair = pair or self.salient_pair(leaders_only=leaders_only, aides_only=aides_only)
            pair = pair or self.sentence_pair(clause, clause.sentence.end, leaders_only)
            if "Korea" in g.group(0):
                pair = self.korean_pair(pair)
            for key in pair:
                found.append((clause.start + g.start(), key, False))
            if len(pair) >= 2:
                self.named_group = (clause.start, list(pair))
        if could_match(_GROUP_PARTY, text):
            found.extend(self.delegation_parties(clause, found, said_at, quotes))
        for p in _PRONOUN.finditer(text):
            pos = clause.start + p.start()
            if any(s <= pos < e for s, e in quotes):
                continue
            word = p.group("p").lower()
            if word in ("they", "their"):
                if word == "their" and not _EVENT_NOUN.match("'s " + text[p.end() :].lstrip()):
                    continue
                if word == "their" and len({k for q, k, inert in found if q < pos and not inert}) >= 2:
                    continue  # "X held talks with Y, their first meeting since ...": X and Y
                # "signed a document alongside Kim, capping off their summit": before any meeting has
                # made a pair, the two people the clause before named
                # "the commitment Kim and Trump made when they met": a pair joined by "and" earlier in
                # the sentence, before the pair of the story's last meeting
                pair = self.conjoined_pair(clause.sentence.start, pos)
                if not pair and clause.index and clause.opener in _TIME_OPENERS and len(self.prev_people) == 2:
                    # "Trump will press Kim on denuclearisation when they meet", "since they met": the two the
                    # clause before named
                    pair = self.prev_people
                if not pair and not self.last_pair and word == "their":
                    # "a follow-up to their historic summit in Singapore": the pair of the summit last told
                    pair = next(
                        (list(m.leaders[:2]) for m in reversed(self.summit_mentions) if len(m.leaders) >= 2), []
                    )
                if word == "their" and _THEIR_LEADERS.search(text, 0, p.start()):
                    # "the denuclearization that their leaders agreed to in their first summit": the leaders
                    # of the two just named (Biegun and Kim Hyok Chol: Trump and Kim Jong Un)
                    pair = self.leaders_of_pair(pair or self.prev_people) or pair
                pair = pair or self.last_pair or (self.prev_people[:2] if word == "their" else [])
                found.extend((pos, key, False) for key in pair)
            elif word in ("he", "she"):
                # ("Accompanied by his sister Kim Yo Jong, he was received by ...": no party stands before him)
                if (
                    self.last_subject
                    and not any(f[0] < pos and not f[2] for f in found)
                    and clause.opener not in ("who",)
                ):
                    found.append((pos, self.last_subject, False))
            elif _EVENT_NOUN.match("'s " + text[p.end() :].lstrip()):
                # "his trip": the clause's own subject when it has one, else the person just named
                if (found and any(f[0] < pos for f in found)) or clause.opener in ("who", "whose"):
                    continue
                referent = prev_last or self.last_subject
                if clause.opener in ("before", "after", "following", "prior", "to") and self.last_subject:
                    # "Kim met Xi in Beijing prior to his summit with Moon", "Trump will call Moon to brief
                    # him on his meeting with Kim": the subject's
                    referent = self.last_subject
                if referent:
                    found.append((pos, referent, False))
        if clause.opener in ("who", "whose") and prev_last:
            found.append((clause.start, prev_last, False))
        found.sort()
        unnamed = [m.group("who") for m in _COUNTERPART.finditer(text)]
        return found, unnamed

    def story_interval(self) -> Interval | None:
        """The days of the story's own event: the first held meeting, with every later held mention
        of the same people that touches it (a two-day visit told day by day)."""
        first = next((m for m in self.meetings if m.status == "held" and m.interval), None)
        if first is None or first.interval is None:
            return None
        start, end = first.interval.start, first.interval.end
        day = dt.timedelta(days=1)
        for m in self.meetings:
            span = m.interval
            if span is None or m.status != "held" or set(m.participants) != set(first.participants):
                continue
            if span.start <= end + day and span.end >= start - day:
                start, end = min(start, span.start), max(end, span.end)
        return Interval(start, end)

    def dates_in(self, clause: Clause, future: bool) -> list[DateMention]:
        """``find_dates`` on the clause, once per clause and tense (several rules ask for them)."""
        key = (clause.start, clause.end, future)
        found = self.date_cache.get(key)
        if found is None:
            found = self.date_cache[key] = find_dates(clause.text, self.pub, future=future)
        return found

    def said_before_cue(self, clause: Clause, unquoted: str, cue: re.Match[str] | None) -> int | None:
        """Offset in the clause of its future cue when a past saying comes before it ("In April Kim
        said he would wait ...", "Biegun said in August that he was ready to meet"): the dates before
        the cue date the saying, in the past; only those after it look ahead."""
        if cue is None or not _SAYING.search(unquoted, 0, cue.start()):
            return None
        quotes = [(s - clause.start, e - clause.start) for s, e in clause.quoted_spans()]
        regex = self.lex.modality["future"]
        return next(
            (m.start() for m in regex.finditer(clause.text) if not any(s <= m.start() < e for s, e in quotes)), None
        )

    def clause_dates(
        self, clause: Clause, future: bool, said_until: int | None = None, forward_from: int | None = None
    ) -> list[DateMention]:
        spans = clause.quoted_spans()
        if spans:
            quotes = [(s - clause.start, e - clause.start) for s, e in spans]
            found = [d for d in self.dates_in(clause, future) if not any(s <= d.start < e for s, e in quotes)]
        else:  # most clauses quote nobody: every date stands
            found = list(self.dates_in(clause, future))
        if not future and forward_from is not None and any(d.start >= forward_from for d in found):
            ahead = {d.start: d for d in self.dates_in(clause, True)}
            found = [ahead.get(d.start, d) if d.start >= forward_from else d for d in found]
        if future and said_until is not None and any(d.end <= said_until for d in found):
            past = {d.start: d for d in self.dates_in(clause, False)}
            found = [past.get(d.start, d) if d.end <= said_until else d for d in found]
        undone = _UNDONE.search(clause.text) if future else None
        if undone is not None and any(d.start > undone.start() for d in found):
            # "... after Trump abruptly canceled a visit scheduled for August": what was called off was
            # planned for a time now past, whatever the clause's own mood
            past = {d.start: d for d in self.dates_in(clause, False)}
            found = [past.get(d.start, d) if d.start > undone.start() else d for d in found]
        if future and _PLAN_IN_PAST.search(clause.text):
            # "Trump and Xi were expected to hold talks on Friday" (published Saturday): a plan told in
            # the past tense may already have happened; its weekday is the one nearest publication
            past = {d.start: d for d in self.dates_in(clause, False)}
            found = [_nearer(d, past.get(d.start), self.pub) for d in found]
        if future and any(_SAID_BEFORE.search(clause.text, 0, d.start) for d in found):
            # "said on Friday that it would go ahead": the day of saying is past, whatever follows
            past = {d.start: d for d in self.dates_in(clause, False)}
            found = [past.get(d.start, d) if _SAID_BEFORE.search(clause.text, 0, d.start) else d for d in found]
        return found

    def pick_interval(
        self, dates: list[DateMention], anchor: Interval | None, for_summit: bool, near: int | None = None
    ) -> tuple[Interval | None, int | None, bool]:
        """(interval, after_hours, exact) from a clause's dates for an event (or a summit).

        With ``near`` (the trigger's offset in the clause) the date right after the verb wins
        ("who was sworn in on Thursday, met Kim ... over the Easter weekend"), then the
        nearest one before it."""
        if near is not None:
            dates = sorted(dates, key=lambda d: (d.start < near, abs(d.start - near)))
        for d in dates:
            if (d.attached_to == "summit") != for_summit:
                continue
            if d.offset_days is not None:
                if anchor is not None:
                    return anchor.shift(d.offset_days), d.after_hours, False
                continue
            return d.interval, None, d.exact
        return None, None, False

    def analyse(self, clauses: list[Clause]) -> tuple[list[_Analysed], list[tuple[DateMention, bool]]]:
        """Each clause's tense and dates, and the dates the sentence lends to its undated clauses.

        Reads only the clause and the publication day, none of the story's state: run() does it
        for every sentence before it codes the first, so that one set of patterns (tense cues, the
        date rules) runs over the whole article while it is warm in the CPU's caches."""
        modality = self.lex.modality
        sentence_dates: list[tuple[DateMention, bool]] = []
        analysed: list[_Analysed] = []
        for clause in clauses:
            unquoted = strip_speech(clause)
            cue = modality["future"].search(unquoted)
            if (
                cue is None
                and clause.opener in ("when", "once", "until", "as")
                and analysed
                and analysed[-1][1]
                and not _PAST_MARK.search(unquoted)
            ):
                # "Moon will carry a message to Trump when they meet at the UN on Monday": the present of a
                # time clause after a future one is that future
                cue = _AT_CLAUSE_START.match(unquoted)
            if cue is None and could_match(_PROGRESSIVE_TRIP, unquoted):
                # "Kim Jong Un is visiting China Tuesday and Wednesday" (told on a Monday): a trip told in
                # the present for days to come is ahead; one under way is told with today's weekday
                trip = _PROGRESSIVE_TRIP.search(unquoted)
                days = _WEEKDAY_WORD.findall(unquoted, trip.end()) if trip else []
                if days and all(WEEKDAYS.index(d.lower()) != self.pub.weekday() for d in days):
                    cue = trip
            if (
                cue is not None
                and clause.opener == "after"
                and analysed
                and not analysed[-1][1]
                and cue.group(0).lower() in _ADJECTIVE_CUES
                and modality["future"].search(unquoted, cue.end()) is None
            ):
                # "The truce emerged after a highly anticipated dinner Saturday": what came before a past
                # event is past, whatever was anticipated of it
                cue = None
            if cue is None and "summit" in unquoted:
                # "has landed in Singapore for his historic summit with Kim": the summit is ahead
                cue = _ARRIVED_FOR_SUMMIT.search(unquoted)
            if cue is not None and _CALL_THEN_REPORT.search(unquoted, 0, cue.start()):
                # "In a Monday phone call, Trump and Abe affirmed that they would meet": the call is
                # told done; what it looks ahead to is reported speech
                cue = None
            future = cue is not None
            if cue is not None:
                past = _PAST_EVENT.search(unquoted)
                if past and past.start() < cue.start():
                    # "shook hands on June 30 and agreed to resume talks": the handshake is past
                    future = False
            # "had been due to meet ... in November" (published in January): a plan told in the
            # pluperfect keeps its mood but its dates are past
            plan = _UNREALISED_PLAN.search(unquoted) if cue is not None and future else None
            ahead = cue is not None and future and not (plan and plan.start() <= cue.start())
            said_until = self.said_before_cue(clause, unquoted, cue) if ahead else None
            purpose = None if ahead else _PURPOSE.search(clause.text)
            dates = self.clause_dates(clause, ahead, said_until, purpose.end() if purpose else None)
            if plan is not None and not ahead and dates:
                # "Pompeo had been scheduled to meet Kim Yong Chol on Thursday" (published on Wednesday): a
                # weekday of a plan called off is the nearer one, often still ahead
                forward = {d.start: d for d in self.dates_in(clause, True)}
                dates = [
                    _nearer(forward[d.start], d, self.pub) if d.start in forward and _WEEKDAY_ONLY.search(d.text) else d
                    for d in dates
                ]
            # "NEW YORK, May 31 (UPI) -- Pompeo met ...": the day the copy was filed dates no event
            dateline = clause.index == 0 and len(clause.text) < 60 and DATELINE_CLAUSE.match(clause.text) is not None
            # "since taking power in 2011", "(came) a month after they held the first summit ... on April 27":
            # a subordinate clause's days are its own
            subordinate = clause.opener in _SUBORDINATE or bool(clause.index and _DAY_AFTER.match(clause.text))
            if not dateline and not subordinate:
                sentence_dates.extend((d, ahead and (said_until is None or d.end > said_until)) for d in dates)
            elif not dateline and dates and dates[-1].exact and _STAMP_DATE.search(clause.text, dates[-1].start):
                # "... shake hands before their one-on-one chat ... in Hanoi, Vietnam February 27, 2019.": a
                # caption's closing date stamps the whole caption
                sentence_dates.append((dates[-1], False))
            analysed.append((clause, future, dates, unquoted))
        return analysed, sentence_dates

    # -- main loop -------------------------------------------------------------------
    def run(self) -> None:
        # splitting and the tense and date reading are pure: each is one pass over the article
        # (see analyse); the coding below carries the story's state from clause to clause
        clauses_of = [split_clauses(sentence) for sentence in self.sentences]
        told_dates: list[DateMention] = []  # the last dates a clause told, for "At that time, ..." after it
        NEEDLES.prime([clause.text for clauses in clauses_of for clause in clauses])
        read = [self.analyse(clauses) for clauses in clauses_of]
        self.lede_day = next(
            (
                d.interval
                for (_, sentence_dates), sentence in zip(read[:2], self.sentences[:2], strict=False)
                # "returned to Seoul on Saturday after three days of talks": that day ends the events told
                if not _RETURNED.search(sentence.text)
                for d, _ in sentence_dates
                if d.interval
                and d.exact
                and d.interval.days == 1
                and d.interval.end <= self.pub
                # a caption's "on Nov. 9, 2017" above a story of this week dates a file photo, not the news
                and d.interval.start >= days_before(self.pub, NEWS_WINDOW)
                and d.attached_to is None
            ),
            None,
        )
        for sentence, (analysed, sentence_dates) in zip(self.sentences, read, strict=True):
            # "due to meet Kang ... before travelling on to Japan on Tuesday": a planned event
            # without a date of its own happens between publication and that later day
            self.before_limit = next(
                (
                    d.interval
                    for clause, _, _, _ in analysed
                    if clause.opener == "before"
                    for d in self.dates_in(clause, True)
                    if d.interval and d.exact and d.interval.start >= self.pub
                ),
                None,
            )
            # "Kim said he is willing to hold a third summit ..., state media reported Saturday": the
            # day the sentence's news was told, for a change that has no date of its own
            self.said_day = next(
                (
                    d.interval
                    for clause, _, _, _ in analysed
                    if could_match(_SAID_BEFORE, clause.text)
                    for d in self.dates_in(clause, False)
                    if d.interval
                    and d.exact
                    and d.interval.end <= self.pub
                    and _SAID_BEFORE.search(clause.text, 0, d.start)
                ),
                None,
            )
            prev_last: str | None = None
            prev_place: PlaceMention | None = None
            previous_own: Interval | None = None
            self.sentence_summit = None
            prev_text: str | None = None
            prev_actors: list[tuple[int, str, bool]] = []
            prev_dates: list[DateMention] = told_dates if analysed and _AT_THAT_TIME.match(analysed[0][0].text) else []
            lead_subject, lead_day = self.opening_lead(analysed)
            for clause, future, dates, unquoted in analysed:
                actors, unnamed = self.actors(clause, prev_last)
                if (
                    lead_subject is not None
                    and clause.index == 0
                    and lead_subject not in [k for _, k, _ in actors]
                    # "Speaking hours after Kim and Trump met, Abe said": that meeting has its own subjects
                    and len({k for _, k, inert in actors if not inert}) < 2
                ):
                    actors.insert(0, (clause.start, lead_subject, False))
                if lead_day is not None and clause.index == 0:
                    dates, future = [lead_day], True
                if clause.index and _ELIDED_SUBJECT.match(clause.text) and self.last_subject:
                    subjects = self.last_subjects if self.last_subject in self.last_subjects else [self.last_subject]
                    actors[:0] = [(clause.start, k, False) for k in subjects]  # "..., and held talks with"
                elif clause.opener == "that" and _GROUP_THAT.search(prev_text or "") and self.last_subject:
                    # "led a delegation that flew to Pyongyang and met Kim": the delegation's leader
                    actors.insert(0, (clause.start, self.last_subject, False))
                elif clause.opener == "who" and prev_actors and prev_text is not None:
                    # "Mr Kim and Mr Trump, who met in Singapore": both people the relative clause follows
                    pair = [(pos, k) for pos, k, inert in prev_actors[-2:] if not inert]
                    if len(pair) == 2 and _PAIR_BEFORE_WHO.fullmatch(self.body[pair[0][0] : clause.start]):
                        actors.insert(0, (clause.start, pair[0][1], False))
                places = self.places[
                    bisect.bisect_left(self.place_starts, clause.start) : bisect.bisect_left(
                        self.place_starts, clause.end
                    )
                ]
                said_at = self.attribution_start(clause)
                places = [p for p in places if p.start < said_at]  # "..., officials in Seoul said."
                if (clause.opener == "where" or _THERE.search(clause.text)) and not places and prev_place:
                    places = [prev_place]
                elif (
                    clause.opener == "where" and prev_place and not self.body[prev_place.end : clause.start].strip(" ,")
                ):
                    # "travelled to the DMZ, where Trump met Kim and set foot in North Korea": where is the DMZ
                    places = [prev_place]
                relative = _DAY_AFTER.match(clause.text)
                self.looked_back = False
                # "returned on Saturday, a day after Trump announced ...": the clause before anchors it
                anchor = previous_own or self.last_interval
                if relative and prev_text is not None and _STORY_EVENT_CAME.search(prev_text):
                    anchor = self.story_interval() or anchor
                elif relative and prev_text is not None and _STORY_EVENT_COMES.search(prev_text):
                    anchor = Interval(self.pub, self.pub)
                elif relative and previous_own is None and prev_text is not None and _MADE_PUBLIC.search(prev_text):
                    # "The White House and the Kremlin confirmed the summit | one day after Bolton met Putin":
                    # the news made public dates it, the lede's day (else publication), not the last day told
                    anchor = self.lede_day or Interval(self.pub, self.pub)
                if relative and anchor and clause.index:
                    count = _count(relative.group(1))
                    if relative.group(2).startswith("month"):
                        # "two months after Kim's summit with Trump": the calendar month that many back
                        back = -count if relative.group(3) == "after" else count
                        index = anchor.start.year * 12 + anchor.start.month - 1 + back
                        shifted = month_interval(index // 12, index % 12 + 1)
                        self.looked_back = True  # background: the story's own date stays
                    else:
                        days = count * (7 if relative.group(2).startswith("week") else 1)
                        shifted = anchor.shift(days if relative.group(3) == "before" else -days)
                    own = [d for d in dates if d.start >= relative.end()]  # its own dates still count
                    dates = [DateMention(0, 0, relative.group(0), interval=shifted, exact=True)] if shifted else []
                    dates += own
                own = dates
                self.own_dates = bool(dates)
                previous_own = next((d.interval for d in dates if d.interval and d.attached_to is None), previous_own)
                if (
                    clause.opener == "after"
                    and prev_dates
                    and dates
                    and all(_SAID_BEFORE.search(clause.text, 0, d.start) for d in dates)
                ):
                    # "walk together Saturday after their meeting ..., in this photo released Sunday": the
                    # day told is the photo's; the meeting is the day of the clause it came before
                    dates = prev_dates
                if (
                    clause.opener == "during"
                    and prev_dates
                    and prev_text is not None
                    and _SAID_BEFORE.search(prev_text, 0, len(prev_text) - len(prev_dates[-1].text))
                    and (content := _SAID_THAT.search(clause.text)) is not None
                    and all(d.start >= content.start() for d in dates)
                ):
                    # "the ambassador said on Friday | during his meeting with Kang that there is much work to
                    # do before the summit set for June 12": the meeting is the day of the saying; what was
                    # said has its own days and places
                    dates = prev_dates
                    places = [p for p in places if p.start < clause.start + content.start()]
                if not dates and prev_dates and not future and _AT_THAT_TIME.match(clause.text):
                    # "... the summit they held on June 12, 2018. At that time, ...": the last day told
                    dates = prev_dates[-1:]
                if not dates and clause.opener == "and" and prev_dates and _ELIDED_SUBJECT.match(clause.text):
                    # "on June 5, he visited the State Department and met with Pompeo": the day goes on
                    dates = prev_dates
                if not dates and clause.opener == "when" and prev_dates and not future:
                    # "since his visit in July 2000, when he held a summit with Kim Jong Il": the time just named
                    dates = prev_dates
                if not dates and clause.opener not in ("who", "whose"):
                    # a borrowed date must share the tense: "spoke on Thursday ... when he meets Kim" is not
                    # Thursday; a relative clause tells its own background ("met Kim Yong Chol on Friday, who
                    # traveled to the White House ahead of the summit") and borrows none
                    dates = [d for d, tense in sentence_dates if d.attached_to != "summit" and tense == future]
                self.code_clause(clause, sentence, actors, unnamed, places, dates, future, unquoted)
                if self.named_group and self.named_group[0] == clause.start:
                    self.last_pair = self.named_group[1]  # "... between the two Korean leaders. They first met ..."
                active = [k for _, k, inert in actors if not inert]
                if active:
                    # "said that a third summit with Kim could happen, as he hosted Moon": the event is the
                    # subject there, and the one it names after "with" is no one "he" refers to
                    first_at = next(pos for pos, k, inert in actors if not inert)
                    if (
                        clause.opener not in ("who", "whose")
                        and not THAT_EVENT.match(clause.text)
                        # "three days after arriving for a summit with Trump": an object is no subject
                        and not (
                            _OBJECT_BEFORE.search(self.body, max(clause.start, first_at - 60), first_at)
                            # (but "with Kim Jong Un putting on a banquet today": he does it)
                            and not _GERUND_AFTER.match(self.body, first_at)
                        )
                    ):
                        self.last_subject = active[0]
                        self.last_subjects = _unique(k for pos, k, inert in actors if pos == first_at and not inert)
                        joined = self.conjoined_pair(clause.start, clause.end)
                        if joined and joined[0] == active[0] and len(self.last_subjects) == 1:
                            # "Pompeo and Kim had dinner ... and were expected to meet again": both
                            self.last_subjects = joined
                    prev_last = [k for _, k, _ in actors][-1]
                elif actors:
                    prev_last = actors[-1][1]
                if places:
                    prev_place = best_place(places)
                prev_text = clause.text
                prev_actors = actors
                self.prev_people = _unique(k for _, k, inert in actors if not inert)
                prev_dates = [d for d in own if d.interval is not None and d.offset_days is None]
                if prev_dates:
                    told_dates = prev_dates  # "... the summit they held on June 12, 2018. At that time, ..."
        self.date_the_news()

    def opening_lead(self, analysed: list[_Analysed]) -> tuple[str | None, DateMention | None]:
        """For an opening gerund clause ("Five days before meeting Kim Jong Un, Trump said Thursday ..."):
        its subject, the main clause's, and (for "N days before") its day, N days after the main clause's."""
        lead = _GERUND_LEAD.match(analysed[0][0].text) if len(analysed) > 1 else None
        if lead is None:
            return None, None
        main_actors, _ = self.actors(analysed[1][0], None)
        subject = next((k for _, k, inert in main_actors if not inert), None)
        main_day = next((d.interval for d in analysed[1][2] if d.interval and d.exact), None)
        if not (lead.group("count") and lead.group("before") and main_day is not None):
            return subject, None
        step = _count(lead.group("count")) * (7 if lead.group("unit").startswith("week") else 1)
        shifted = main_day.shift(step)
        return subject, DateMention(0, 0, lead.group(0), interval=shifted, exact=True) if shifted else None

    def date_the_news(self) -> None:
        """Give an undated held meeting or an undated status change the week before publication.

        Real copy tells the news it reports without a date more often than with one ("Trump has
        called off the summit", "the talks ended in Geneva"): what a news story reports as done
        happened lately. The window is a guess, so its confidence stays under the pipeline's
        review threshold: a reviewer confirms it before it becomes a fact."""
        window = Interval(days_before(self.pub, NEWS_WINDOW), self.pub)
        # a pair whose summit is still ahead has not just met as leaders: no guess for an undated
        # "meeting" of theirs ("Kim's firm will to meet Trump" before Singapore)
        ahead = {frozenset(m.leaders) for m in self.summit_mentions if m.scheduled and m.scheduled.start > self.pub}
        # "Trump is providing details about the history-making meeting between ..." (the summit is set for
        # June 12): a meeting named, not told as held, of a pair whose summit is still ahead is that summit
        named = [
            m
            for m in self.meetings
            if m.named_only and m.group in ahead and (m.interval is None or m.interval.start <= self.pub)
        ]
        if named:
            self.meetings = [m for m in self.meetings if m not in named]
            for mention in self.summit_mentions:  # nor is the summit held then
                if any(m.sentence == mention.sentence and m.group == frozenset(mention.leaders) for m in named):
                    mention.held = None
        for meeting in self.meetings:
            trip = self.trip_of(meeting) if meeting.interval is None and self.trips else None
            if trip is not None:
                meeting.interval = trip  # "Yang is scheduled to meet with President Moon" on his trip
        for meeting in self.meetings:
            if (
                meeting.interval is None
                and meeting.status == "held"
                and not meeting.earlier
                and frozenset(meeting.participants) not in ahead
            ):
                meeting.interval, meeting.guessed = window, True
                meeting.confidence = min(meeting.confidence, _GUESSED_CONFIDENCE)
        # "en route to Vietnam to meet his counterpart ahead of a second summit" (on February 27):
        # a planned meeting without a day of its own falls between publication and the summit
        summit_days = sorted(
            m.scheduled.start for m in self.summit_mentions if m.scheduled and m.scheduled.start > self.pub
        )
        for meeting in self.meetings:
            if meeting.interval is None and meeting.status == "scheduled" and meeting.before_summit and summit_days:
                meeting.interval, meeting.guessed = Interval(self.pub, summit_days[0] - dt.timedelta(days=1)), True
                meeting.confidence = min(meeting.confidence, _GUESSED_CONFIDENCE)
        # "Trump and Kim met in Singapore today. ... Trump had said he would know within a minute of
        # meeting Kim": an undated mention of a pair the story dates elsewhere is that meeting told again
        dated_groups = {m.group for m in self.meetings if m.interval is not None}
        self.meetings = [m for m in self.meetings if m.interval is not None or m.group not in dated_groups]
        dated = [c for c in self.changes if c.interval is not None]

        def told_again(change: Change) -> bool:
            # an undated mention of a change the story dates elsewhere ("shortly before the summit
            # date was announced") is that change told again; a mention without leaders is any summit's
            leaders = set(change.mention.leaders)
            return any(
                d.status == change.status and (len(leaders) < 2 or leaders == set(d.mention.leaders)) for d in dated
            )

        kept: list[Change] = []
        for change in self.changes:
            if change.interval is None and told_again(change):
                continue
            kept.append(change)
            if change.interval is None:
                dated.append(change)  # the first undated mention stands for the later ones
        self.changes = kept
        for change in self.changes:
            if change.interval is None:
                change.interval, change.guessed = window, True
                change.confidence = min(change.confidence, _GUESSED_CONFIDENCE)

    def code_clause(
        self,
        clause: Clause,
        sentence: Sentence,
        actors: list[tuple[int, str, bool]],
        unnamed: list[str],
        places: list[PlaceMention],
        dates: list[DateMention],
        future: bool,
        unquoted: str,
    ) -> None:
        text = clause.text
        if clause.index and text[:1] == "a" and _AS_WELL_AS_WITH.match(text) and self.also_met(clause, actors):
            return
        kind, trigger = self.meeting_trigger(text)
        summit_hit = self.lex.summit_regex.search(text)
        level = _DELEGATION_TALKS.search(text) if trigger and not summit_hit else None
        if level and trigger and level.start() <= trigger.start() < level.end():
            return  # "Moon and Kim agreed to hold high-level talks": their officials' talks, not theirs
        told_of_letter = _LETTER_DATED.search(text) if kind is None and dates else None
        if told_of_letter is not None:
            self.date_the_letter(sentence, told_of_letter, dates)
        if (
            kind is None
            and not summit_hit
            and not _THE_MEETING.search(text)
            and not could_match(self.lex.any_status, unquoted)
        ):
            return  # no meeting, summit or status word: everything below only refines one of those
        modality = self.lex.modality
        condition = modality["conditional"].search(unquoted)
        if condition and condition.group(0).lower() == "whether" and trigger:
            # "pledged at their first summit ..., with attention on whether progress can be made": a
            # question after the event asks about what follows it; only one before it ("unclear whether
            # they will meet") leaves the event open
            trigger_in_unquoted = unquoted.find(trigger.group(0))
            if 0 <= trigger_in_unquoted < condition.start():
                condition = None
        conditional = condition is not None
        summit_word = bool(summit_hit) and not _NAMED_SUMMIT.search(text)
        # a spokesman or an analyst tells of meetings; the gold of 300 real stories has one at a meeting
        participants = _unique(k for _, k, inert in actors if not inert and k not in self.commentators)
        quotes = clause.quoted_spans()
        if trigger and quotes and not any(s <= clause.start + trigger.start() < e for s, e in quotes):
            # the event is told outside the quotation: people named inside it are not its parties
            outside = {k for pos, k, _ in actors if not any(s <= pos < e for s, e in quotes)}
            participants = [k for k in participants if k in outside]
        cancel = self.lex.modality["cancel_meeting"].search(text)
        if cancel and trigger and kind is not None and kind.mode == "letter" and trigger.start() > cancel.start():
            cancel = None  # "called off the summit in a letter to Kim": the letter, sent, is from the one who did
        if cancel and trigger:
            after_cancel = [k for pos, k, inert in actors if pos > clause.start + cancel.start() and not inert]
            first_after = next(
                (pos for pos, k, inert in actors if pos > clause.start + cancel.start() and not inert), 0
            )
            with_them = _WITH.search(self.body[clause.start + cancel.end() : first_after])
            if after_cancel and not with_them:
                # "Trump cancelled a trip by Pompeo": Trump is not a party; "cancelled a meeting with Putin": he is
                participants = _unique(after_cancel)
        between = _BETWEEN.search(text)
        if trigger and between and between.start() > trigger.end():
            # "opened talks ... as they try to revive plans for a summit between Trump and Kim": the
            # pair belongs to the nearer meeting word, not to the trigger
            nearer = _MEETING_WORD.search(text, trigger.end(), between.start())
            if nearer is None and _WITH_NAME.search(text, trigger.end(), between.start()):
                # (and so does the pair of an event noun of its own after a trigger that named its party with
                # "with": "a meeting with Kim Yong Chol ... about the summit between Trump and Kim")
                nearer = _MEETING_WORD.match(text, between.start())
            if nearer is None and any(
                not inert and clause.start + trigger.end() <= pos < clause.start + between.start()
                for pos, _, inert in actors
            ):
                # "met Singapore's Prime Minister Lee Hsien Loong today, on the eve of a historic summit between
                # Trump and Kim": the verb has its object; the pair is the later noun's
                nearer = _MEETING_WORD.match(text, between.start())
            if nearer is None and _MEETING_NOUN.fullmatch(trigger.group(0)):
                # ("one of three bilateral meetings this week aimed at salvaging a summit between Kim and
                # Trump": a noun trigger is not the noun "between" follows; the pair is the summit's)
                nearer = _MEETING_WORD.match(text, between.start())
            between = None if nearer else between
            before_pair = (
                [k for pos, k, inert in actors if pos < clause.start + nearer.start() and not inert] if nearer else []
            )
            if len(_unique(before_pair)) >= 2:
                # "emerged from a meeting with Kim Yong Chol bearing a message about the summit between Trump
                # and Kim": the pair is the summit's; the meeting's parties are the ones named before it
                participants = [k for k in participants if k in before_pair]
        # "travelled to Pyongyang for meetings leading up to a planned summit between Trump and Kim":
        # the pair's meeting has the mood of its own adjective, whatever the trip's tense
        pair_mood = None
        # the meeting words of "<word> ... between": the last one is the word the pair belongs to
        words = list(_MEETING_WORD.finditer(text, between.start(), between.end())) if trigger and between else []
        if words:
            own = words[-1].start()
            adjective = _PLANNED_BEFORE.search(text, max(0, own - 25), own)
            if adjective:
                pair_mood = "proposed" if adjective.group(1) in _MAYBE else "scheduled"
        if pair_mood is None and trigger and _MEETING_NOUN.fullmatch(trigger.group(0)):
            # "reaffirmed his commitment to a planned meeting with Trump": the adjective's mood, not the verb's
            adjective = _PLANNED_BEFORE.search(text, max(0, trigger.start() - 25), trigger.start())
            if adjective:
                pair_mood = "proposed" if adjective.group(1) in _MAYBE else "scheduled"
        others_meet = False
        if len(words) >= 2 and trigger and between and between.start() <= trigger.start():
            # "to meet Kim Yong Chol on Friday for talks aimed at finalizing a second summit between Trump
            # and Kim": the pair is the summit's, the word nearest "between"; the talks keep their own
            cut = clause.start + words[-1].start()
            before_cut = _unique(k for pos, k, inert in actors if pos < cut and not inert)
            participants = before_cut or participants
            # (no one named before: "one of three bilateral meetings aimed at salvaging a summit between Kim
            # and Trump" are meetings of others; the pair is only the summit's)
            others_meet = not before_cut and bool(_MEETING_NOUN.fullmatch(trigger.group(0)))
            between = None
        if trigger and between:
            # (up to the next event noun: "the talks between Biegun and Lee focused on the upcoming summit
            # between Trump and Kim")
            next_event = _MEETING_WORD.search(text, between.end())
            until = clause.start + (next_event.start() if next_event else len(text))
            named = [k for pos, k, inert in actors if clause.start + between.end() <= pos < until and not inert]
            if len(_unique(named)) >= 2:
                # "Lavrov's visit coincided with talks in New York between Kim Yong Chol and Pompeo":
                # the people after "between" are the parties, whoever else the clause names
                participants = _unique(named)
            elif (
                len(_unique(named)) == 1
                and next_event is not None
                and _AND_UNKNOWN.match(self.body, self.cast.in_span(clause.start + between.end(), until)[0].end)
            ):
                # "The talks between Biegun and Lee were focused on the upcoming summit between Trump and Kim":
                # the other party is someone the story does not name in full, not the summit's pair
                participants = _unique(named)
        speech = _SPEECH.search(text)
        # "Trump said in a letter to Kim": a speaker whose medium is the trigger is its sender, a party
        # (and "told Moon in a phone call"): nothing reported ("that ...") stands between them
        own_medium = bool(
            kind
            and kind.mode != "in_person"
            and speech
            and trigger
            and trigger.start() >= speech.end()
            and not _REPORTED.search(text, speech.end(), trigger.start())
        )
        if (
            speech
            and trigger
            and trigger.start() > speech.end()
            and not own_medium
            and not _PRONOUN_SUBJECT.search(text, speech.end())
            # "told reporters that his previously cancelled meeting with Kim would ...": his own
            and not _POSSESSIVE_PRONOUN.search(text, speech.end(), trigger.end())
            and not _SPEAKER_JUST_MET.search(text, speech.end())  # "told reporters after emerging from talks with"
        ):
            speaker = [k for pos, k, _ in actors if pos < clause.start + speech.start()]
            if speaker and len(participants) > 2:
                participants = [k for k in participants if k != speaker[-1]]
            elif speaker and len(participants) == 2 and participants[0] == speaker[-1]:
                participants = participants[1:]
        teller = (
            (_NEWS_OF.search(text, 0, trigger.start()) or _SENT.search(text, 0, trigger.start())) if trigger else None
        )
        approver = _APPROVED.search(text, 0, trigger.start()) if trigger else None
        if approver is not None:
            # "days later approved a flurry of new talks in New York, Singapore and the DMZ": who allows
            # talks is no party to them; only those named after
            participants = _unique(k for pos, k, inert in actors if pos >= clause.start + approver.end() and not inert)
        if teller and kind and kind.mode == "in_person":
            # "Trump broke the news of Pompeo's second visit", "he sent Pompeo on a secret mission to North
            # Korea": who tells of a meeting, or sends the envoy to it, is not its party
            after = _unique(k for pos, k, inert in actors if pos >= clause.start + teller.end() and not inert)
            participants = after or participants
        if _ACCOMPANIED.search(text) and len(participants) > 2:
            participants = participants[1:]
        elif (
            len(participants) == 2
            and trigger
            and (along := _ACCOMPANIED_ONE.search(text, 0, trigger.start())) is not None
            and not any(
                pos > clause.start + along.end() and k not in participants for pos, k, inert in actors if not inert
            )
        ):
            # "Pompeo, who has accompanied Trump to Singapore, later tweeted that the talks had been
            # substantive": who travels with someone does not meet him
            return
        lead_in = self.body[clause.start : actors[0][0]] if actors else ""
        if (
            len(participants) == 1
            and self.last_subject
            and self.last_subject != participants[0]
            and _WITH_AT_END.search(lead_in)
        ):
            holder: str | None = self.last_subject  # "... and a proposed meeting with Trump"
            if trigger and trigger.group(0).lower().startswith("summit"):
                holder = self.summit_holder(self.last_subject, participants[0])
            if holder is not None and holder != participants[0]:
                participants.insert(0, holder)
        invited = self.invitation(clause, actors)
        if invited:
            participants = invited
        is_letter = kind is not None and kind.kind == "letter"
        letter = (_LETTER.search(text) or _LETTER_THAT.search(text)) if is_letter else None
        carried: list[str] = []
        if letter:
            # the carrier of a letter is not a party to it: sender "from X", recipient "to/for Y"
            sender = [k for pos, k, _ in actors if pos >= clause.start + letter.end()][:1]
            rest = text[letter.end() :]
            recipient_at = _TO_OR_FOR.search(rest)
            recipients = [
                k
                for pos, k, inert in actors
                if recipient_at and pos >= clause.start + letter.end() + recipient_at.end() and not inert
            ]
            if letter.groupdict().get("to"):
                inside = (clause.start + letter.start("to"), clause.start + letter.end("to"))
                recipients = [k for pos, k, inert in actors if inside[0] <= pos < inside[1] and not inert][:1]
            delivered_by = _DELIVERED_BY.search(text, letter.end())
            if sender and delivered_by:
                # "is presented with a letter from Kim, hand-delivered by envoy Kim Yong Chol": the bearer is no
                # party to the letter; the one presented with it, before it, is its recipient
                by_at = clause.start + delivered_by.end()
                bearer_by = next((k for pos, k, inert in actors if by_at <= pos <= by_at + 60 and not inert), None)
                recipients = (
                    recipients
                    or [k for pos, k, inert in actors if pos < clause.start + letter.start() and not inert][:1]
                )
                recipients = [k for k in recipients if k != bearer_by]
                actors = [a for a in actors if a[1] != bearer_by]
                if bearer_by and recipients:
                    carried = [bearer_by, recipients[0]]
            hand = _HAND_OVER.search(text, 0, letter.start())
            if sender and not recipients and hand:
                # "handed the president a letter from Kim": the indirect object is the recipient
                handed_from, handed_to = clause.start + hand.end(), clause.start + letter.start()
                recipients = [k for pos, k, inert in actors if handed_from <= pos < handed_to and not inert]
                bearer = next((k for pos, k, _ in actors if pos < handed_from), None)
                if not recipients and _OBJECT_PRONOUN.search(self.body, handed_from, handed_to):
                    # "Moon brought him a message from Kim" after "Trump said ...": him is the clause before's subject
                    recipients = [k for k in [self.last_subject] if k and k not in (bearer, sender[0])]
            if sender and not recipients and recipient_at:
                # "delivered a letter from Kim to the White House": the seat stands for its head of state
                addressed = clause.start + letter.end() + recipient_at.end()
                place = next((p for p in places if addressed <= p.start <= addressed + 5), None)
                head = self.head_of_state(place.country) if place else None
                recipients = [head] if head and head != sender[0] else []
            which_to = _WHICH_DELIVERED_TO.match(self.body, clause.end) if sender and not recipients else None
            if which_to is not None:
                # "a letter from Kim Jong Un, which was delivered to Mr. Trump": the next clause names him
                named_next = self.cast.in_span(which_to.end(), which_to.end() + 40)
                recipients = [named_next[0].key] if named_next and named_next[0].start == which_to.end() else []
            met_first = _MET_OBJECT.search(text, 0, letter.start()) if sender and not recipients else None
            if met_first is not None:
                # "where he met Kim and handed over a personal letter from Moon": the one met receives it
                met_at, letter_at = clause.start + met_first.end(), clause.start + letter.start()
                recipients = [k for pos, k, inert in actors if met_at <= pos < letter_at and not inert][:1]
            if sender and not recipients:
                carrier = [k for pos, k, _ in actors if pos < clause.start + letter.start()]
                recent = reversed(self.meetings[-_RECENT:])
                host = next(
                    (
                        other
                        for m in recent
                        if carrier and carrier[0] in m.participants
                        for other in m.participants
                        if other != carrier[0]
                    ),
                    None,
                )
                recipients = [host] if host and host != sender[0] else []
            if sender and recipients:
                participants = _unique([*sender, *recipients])
                # "Kim Yong Chol delivered the letter from Kim to Trump": the one who hands it over meets
                # the recipient, in person
                bearer_at = _DELIVERED.search(text, 0, letter.start())
                bearer = next(
                    (k for pos, k, inert in actors if pos < clause.start + letter.start() and not inert),
                    None,
                )
                if letter.groupdict().get("bearer"):
                    # "the letter that Kim Yong Chol delivered from Kim Jong Un to Trump": the bearer is inside
                    bearer_at = letter
                    inside = (clause.start + letter.start("bearer"), clause.start + letter.end("bearer"))
                    bearer = next((k for pos, k, inert in actors if inside[0] <= pos < inside[1] and not inert), None)
                if (bearer_at or met_first) and bearer and bearer not in participants:
                    carried = [bearer, recipients[0]]
        seat = _SEAT.search(text)
        if seat and kind and kind.mode == "in_person" and len(participants) == 1 and not unnamed:
            # "Kim Yong Chol visited the White House": the seat's head of state, named elsewhere, is the host
            place = next((p for p in places if p.start <= clause.start + seat.start() < p.end + 1), None)
            head = self.head_of_state(place.country) if place else None
            if head and place and self.cast.persons[participants[0]].country != place.country:
                participants.append(head)
        if kind and kind.kind == "visit" and len(participants) == 1 and not unnamed and trigger:
            # "Xi will make his first visit to North Korea on Thursday": a leader's visit to a country
            # is a meeting with its head of state, when the article names one
            visitor = self.cast.persons[participants[0]]
            # (or its capital: "plans to travel to Washington May 22")
            country = next(
                (
                    p
                    for p in places
                    if (p.is_country or self.lex.capitals.get(p.country) == p.name)
                    and 0 <= p.start - (clause.start + trigger.end()) <= 40
                ),
                None,
            )
            old = any(
                d.interval and d.interval.end < days_before(self.pub, _A_YEAR) for d in dates
            )  # another era's leader
            # not "after ... a visit to Britain"; but "following Mr Kim's visit to Beijing in March" is his
            verb = bool(
                _VISIT_VERB.search(text, 0, trigger.end())
                or (clause.opener in _BACKGROUND_OPENERS and _OWN_VISIT.search(text, 0, trigger.end()))
            )
            head = self.head_of_state(country.country) if country and visitor.leader and verb and not old else None
            if head and country and visitor.country not in (None, country.country):
                participants.append(head)
            elif country and verb and visitor.country not in (None, country.country):
                # "Yang Jiechi will visit the Republic of Korea on Thursday and Friday": the days of a trip,
                # for the meetings told of it without days of their own
                days, _, _ = self.pick_interval(dates, None, for_summit=False)
                if days is not None:
                    self.trips.append((participants[0], days, country.country, sentence.index))
        joined_at = _JOINED.search(text)
        own_event = _MET_OBJECT.search(text, joined_at.end()) if joined_at else None
        joined = joined_at is not None and own_event is None
        if own_event is not None and joined_at is not None:
            # "talks have been accelerating on several fronts, including Moon meeting with Mr. Kim": what is
            # included is an event of its own, of the people named after "including"
            named = [k for pos, k, inert in actors if pos >= clause.start + joined_at.end() and not inert]
            participants = _unique(named) if len(_unique(named)) >= 2 else participants
        if joined and participants:
            participants = _unique([*self.last_pair, *participants])
        leaders = [k for k in participants if self.cast.persons[k].leader]
        if summit_word and len(leaders) == 1:
            # "willing to hold a summit with the United States": the country's head of state, named elsewhere
            country = next(
                (p for p in places if p.is_country and _WITH_BEFORE.search(self.body, max(0, p.start - 10), p.start)),
                None,
            )
            head = self.head_of_state(country.country) if country else None
            if head and self.cast.persons[head].country != self.cast.persons[leaders[0]].country:
                leaders.append(head)
                participants.append(head)
                places = [p for p in places if p is not country]  # a counterpart, not a venue
        wished = _WISHED_SUCCESS.search(text) if summit_word and len(leaders) >= 2 else None
        if wished is not None:
            # "Lee today wished North Korean leader Kim Jong-un success at the Summit to be held on June 12":
            # the summit is the one wished well, not the well-wisher's
            leaders = [k for pos, k, inert in actors if pos >= clause.start + wished.end() and k in leaders][:1]
            participants = list(leaders)
        elif summit_word and (len(leaders) >= 2 or (clause.index and self.last_subject is not None)):
            # "Trump and Abe discussed the summit with North Korea by phone": the summit is the one with that
            # country's head, not a summit of the two on the line (told in a clause of its own, "... regarding
            # the summit with North Korea", the one the sentence follows holds it)
            with_at = _SUMMIT_WITH.search(text)
            country_hit = self.lex.place_regex.match(self.body, clause.start + with_at.end()) if with_at else None
            code = self.lex.places[country_hit.group(0)].country if country_hit else None
            head = self.head_of_state(code) if code else None
            if head and head not in leaders:
                holders = leaders if len(leaders) >= 2 else [*leaders, self.last_subject or ""]
                others = [k for k in holders if k and self.cast.persons[k].country != code]
                leaders = [others[0], head] if others else leaders
        if summit_word and len(leaders) < 2:
            # "the outcome of the US-North Korea summit": the heads of the two countries, named elsewhere
            leaders = self.country_pair_summit(clause) or leaders
        status_kind = None
        if could_match(self.lex.any_status, unquoted):
            status_kind = next((s for s in self.lex.status_kinds if s.regex.search(unquoted)), None)
            if status_kind is not None and status_kind.status in ("cancelled", "postponed"):
                told_off = status_kind.regex.search(unquoted)
                if told_off is not None and _MIGHT_BE.search(unquoted, max(0, told_off.start() - 20), told_off.start()):
                    status_kind = None  # "raised the possibility the summit might be called off": not done
            if (
                status_kind is not None
                and status_kind.status == "reinstated"
                and _GOES_AHEAD.search(unquoted)
                and not any(c.status in _UNDOING for c in self.changes)
                and not _CANCELLATION.search(self.body, 0, sentence.end)
            ):
                # "skepticism the summit ... will proceed": going ahead is no revival of a summit that
                # nothing in the story called off
                status_kind = None
            if status_kind is not None and status_kind.status == "cancelled":
                # "reinstating a summit ... days after he had abruptly canceled it": the revival told
                # first is the clause's news, the cancellation its past
                called_off = status_kind.regex.search(unquoted)
                revived = self.lex.status_kind("reinstated")
                again = revived.regex.search(unquoted)
                tried = again is not None and _ATTEMPT.search(unquoted, max(0, again.start() - 30), again.start())
                if called_off is not None and again is not None and again.start() < called_off.start() and not tried:
                    # ("trying to revive a June 12 summit that he canceled last week": the revival is only
                    # tried; the cancellation is the fact)
                    status_kind = revived
                elif called_off is not None and again is not None and _ONCE.search(unquoted, 0, called_off.start()):
                    status_kind = revived  # "his previously cancelled meeting with Kim would still take place"

        mention: SummitMention | None = None
        planned_change = False
        # (the days a report gives, apart from the event's: read once, by the summit and by the meeting)
        told_apart: tuple[list[DateMention], list[DateMention]] | None = None
        # a call or a letter between leaders is no summit of theirs ("will call Moon to brief him")
        # (a letter that proposes, schedules or calls off a summit tells of it)
        in_person = kind is not None and (
            kind.mode in ("in_person", "unknown") or (kind.mode == "letter" and status_kind is not None)
        )
        if summit_word or (in_person and len(leaders) >= 2) or (not participants and _THE_MEETING.search(text)):
            # "reported on May 8 that the Trump-Kim summit is likely to be hosted by Singapore next month": the
            # day of the report is not the summit's
            told_apart = _told_apart(text, dates)
            scheduled, _, _ = self.pick_interval(told_apart[1], None, for_summit=True)
            if scheduled is None and summit_word and self.own_dates and (kind or status_kind):
                scheduled = self.summit_date(text, dates)
                if (
                    scheduled is not None
                    and scheduled.end <= self.pub
                    and status_kind
                    and status_kind.status in _UNDOING
                ):
                    scheduled = None  # "canceled the summit ... on Thursday": the day of the change, not the summit's
            if scheduled is not None and summit_word and len(leaders) >= 2:
                scheduled = self.summit_first_day(scheduled, leaders[:2], sentence.index)
            place, strength = _summit_place(text, places, clause.start, self.lex)
            if not summit_word or len(participants) > len(leaders):
                strength = min(strength, 1 if not participants else 0)
            mention = SummitMention(
                leaders[:2],
                scheduled,
                place if strength else None,
                sentence.index,
                explicit=summit_word,
                place_strength=strength,
                follow_on=scheduled is None and _names_next_one(unquoted),
            )
            self.summit_mentions.append(mention)
            # "proposed a second meeting", "ready to meet Trump again": a leader's request for
            # another meeting of the pair is a proposal of their (next) summit, as a summit is
            # (a leader's proposal to a leader of another country is one of their summit too:
            # "Kim had been invited to visit Russia", "ready to meet Trump again")
            proposal = status_kind is not None and status_kind.status == "proposed" and len(leaders) >= 2
            repeat = proposal and bool(_REPEAT_MEETING.search(unquoted))
            countries = {self.cast.persons[k].country for k in leaders[:2]}
            abroad = proposal and len(countries) == 2 and None not in countries
            # ... unless they have just met: then it is an invitation to a return visit, another summit
            abroad = abroad and not any(
                m.status == "held" and m.mode == "in_person" and set(leaders[:2]) <= set(m.participants)
                for m in self.meetings[-_RECENT:]
            )
            # "willing to hold a third summit if Washington comes with the right attitude": the
            # offer is made; only its outcome hangs on the condition ("if we have a summit" offers nothing)
            offer = status_kind.regex.search(unquoted) if proposal and status_kind else None
            condition = modality["conditional"].search(unquoted) if offer else None
            made = bool(offer and condition and offer.end() <= condition.start())
            # "postponed a White House meeting with President Biden": a called-off meeting of two
            # countries' leaders is their summit's change, with or without the word
            undone = (
                status_kind is not None
                and status_kind.status in ("cancelled", "postponed", "reinstated")
                and kind is not None
                and len(countries) == 2
                and None not in countries
                # a lunch called off at a summit they are holding is the summit cut short, not cancelled
                and not any(
                    m.status == "held" and m.mode == "in_person" and set(leaders[:2]) <= set(m.participants)
                    for m in self.meetings[-_RECENT:]
                )
            )
            if (
                (summit_word or repeat or abroad or undone)
                and status_kind
                and clause.opener != "to"  # "to revive plans for a summit": an aim, not a change
                and (not conditional or made)
                and not _negated(text, status_kind.regex, modality["negation"])
                and not _attempted(unquoted, status_kind.regex)
            ):
                self.add_change(mention, status_kind, clause, actors, dates, leaders)
                planned_change = status_kind.status != "concluded"
                # asking to meet again is about their next summit, named or not
                mention.explicit = mention.explicit or repeat
            elif status_kind is None and self.announced_meeting(clause, text, unquoted, future, leaders, conditional):
                # "Yoon will visit Tokyo from March 16 for a summit with Kishida, the presidential office
                # said Thursday": a leaders' meeting told ahead, in an attribution, is their summit
                # scheduled (or, hedged, "may meet ..., the Kremlin said Friday", proposed) that day
                hedged = _MAYBE_CUE.search(unquoted) is not None
                wanted = "proposed" if hedged else "scheduled"
                self.add_change(mention, self.lex.status_kind(wanted), clause, actors, dates, leaders)
                planned_change = True
            self.sentence_summit = mention
        elif (
            status_kind
            and self.sentence_summit
            and clause.index
            and clause.opener != "to"  # "..., testing his pledge to revive ties": an aim, not a change
            and len(participants) < 2
            and not conditional
            and (
                status_kind.status in ("cancelled", "reinstated", "postponed", "rescheduled")
                # "an expected summit ..., which Trump said on Wednesday would take place ...": the summit
                # the relative clause follows
                or (status_kind.status == "scheduled" and clause.opener in ("which", "that"))
            )
            and not _negated(text, status_kind.regex, modality["negation"])
            and not _attempted(unquoted, status_kind.regex)  # "new talks to explore putting it back on"
        ):
            # "..., before reversing course 24 hours later": the summit of the clause before
            self.add_change(self.sentence_summit, status_kind, clause, actors, dates, leaders)
        elif (
            status_kind
            and status_kind.status in ("cancelled", "reinstated", "postponed")
            and self.summit_mentions
            and self.summit_mentions[-1].sentence >= sentence.index - 2
            and len(participants) < 2
            and not conditional
            and _IT_REFERS.search(unquoted)
            and not _negated(text, status_kind.regex, modality["negation"])
            # "was set for a fourth visit in August, but Trump called it off": "it" is the visit
            and not _OTHER_EVENT.search(sentence.text, 0, clause.start - sentence.start)
        ):
            # "The upcoming summit between Trump and Kim ... Trump briefly called it off last Thursday":
            # the summit just told of
            self.add_change(self.summit_mentions[-1], status_kind, clause, actors, dates, leaders)
        judged = bool(summit_word and mention is not None and not future and _JUDGED_SUMMIT.search(text))
        if judged:
            kind, trigger = self.lex.meeting_kind("meet"), summit_hit  # the summit is the event judged
        if kind is None or trigger is None or conditional or clause.opener == "to":
            return  # "to finalise arrangements for his summit": a purpose, not an event
        if clause.opener in ("and", "or") and _AND_TO.match(clause.text):
            return  # "heading to Pyongyang to meet Kim ... and to set up a second summit": a second purpose
        if planned_change and trigger.group(0).lower() in ("summit", "summits"):
            return  # "announced a cancellation of the summit" is a status change, not a meeting
        if modality["negation"].search(text, 0, trigger.start()):  # endpos: as text[:start], no new string
            return
        if _NOT_AFTER.match(text, trigger.end()):
            return  # "The meetings did not take place on Monday and Tuesday"
        quote = next(((s, e) for s, e in clause.quoted_spans() if s <= clause.start + trigger.start() < e), None)
        sent = quote is not None and _SENDER.match(self.body, quote[1]) is not None
        if quote and _scare_quote(self.body[quote[0] + 1 : quote[1] - 1], sent):
            # 'planned a "day full of meetings" on Thursday', 'received "a very warm, very positive letter"
            # from Kim': a phrase quoted, not speech
            quote = None
        if quote and not _WITH_NAME.search(self.body[clause.start + trigger.start() : quote[1]]):
            return  # quoted speech is evidence only when it names who ("dinner with Kim Yong Chol")
        if (
            trigger.group(0).lower() == "summits"
            and not self.occasions(clause, trigger, places, dates)
            # "his summits with Moon on April 27 and with Trump on June 12": each counterpart's own day
            and not (len(_WITH.findall(text)) >= 2 and sum(1 for d in dates if d.exact) >= 2)
        ):
            return  # "has held three summits with Kim" counts meetings; only listed days tell each one
        if not self.country_party_named(clause, trigger, places, participants):
            return  # "Trump gave Xi credit for moving the talks with North Korea forward": neither is its party
        if len(participants) == 1 and unnamed:
            # "to meet his Washington counterpart", and elsewhere "his US counterpart Stephen Biegun"
            counterpart = self.named_counterpart(unnamed[0], participants[0])
            if counterpart is not None:
                participants, unnamed = [*participants, counterpart], []
        if (
            kind.kind == "visit"
            and len(participants) == 2
            and _ARRIVAL.match(trigger.group(0))
            and self.conjoined_pair(clause.start, clause.start + trigger.start()) == participants
            and not self.cast.in_span(clause.start + trigger.end(), clause.end)
        ):
            return  # "Trump and Kim arrived in Singapore hours apart Sunday": two arrivals, no meeting
        if (
            kind.kind == "visit"
            and len(participants) == 2
            and self.cast.compatriots(participants[0], participants[1])
            and not self.cast.in_span(clause.start + trigger.end(), clause.end)
        ):
            # "Kim Il-sung and Kim Jong-il visited the house (while travelling to Russia)": compatriots
            # travelling together, no meeting of theirs
            return
        if judged and mention is not None and len(participants) < 2:
            participants = self.judged_summit_pair(mention, sentence) or participants
            leaders = [k for k in participants if self.cast.persons[k].leader]
        if (
            len(participants) == 1
            and clause.index
            and self.last_subject is not None
            and self.last_subject not in participants
            and _MEETING_NOUN.fullmatch(trigger.group(0))
            and not trigger.group(0)
            .lower()
            .startswith("summit")  # an envoy's "summit with the president" is his leader's
            and _WITH_AFTER.match(text, trigger.end())
            and not any(pos < clause.start + trigger.start() for pos, _, inert in actors if not inert)
        ):
            # "Biegun arrived in Seoul to meet South Korea's envoy, while a meeting with North Korea's envoy
            # Kim Hyok Chol will take place on Tuesday": the one the sentence follows has the meeting
            participants = [self.last_subject, *participants]
        if len(participants) < 2 and not (participants and unnamed):
            if participants or not _MEETINGS_OR_TALKS.search(text) or not self.meetings:
                return
            last = self.meetings[-1]
            if last.sentence < sentence.index - 1 or _UNNAMED_SIDES.search(text):
                return  # ("U.S. and North Korean officials arrived to begin nuclear talks": not the pair before)
            participants = list(last.participants)
        # inside a quotation the speaker's own words carry the mood ("looking forward to a meeting")
        status, confidence = self.meeting_status(text if quote else unquoted, trigger.start(), future)
        if (
            status == "proposed"
            and kind.mode != "in_person"
            and (report := _CALL_THEN_REPORT.search(text)) is not None
            and report.start() <= trigger.start() < report.end()
        ):
            status, confidence = "held", 0.8  # "In a Monday phone call, they affirmed that they would meet"
        if judged:
            status, confidence = "held", 0.8
        if status == "cancelled" and status_kind is not None and status_kind.status == "reinstated":
            status = "scheduled" if future else "held"  # "the cancelled meeting would still take place"
        if pair_mood and status == "held":
            status, confidence = pair_mood, 0.6
        if status == "held" and self.next_one_wanted(text, trigger):
            status, confidence = "proposed", 0.5  # "had long expressed a desire for a second summit with Kim"
        elif (
            status == "held"
            and _MEETING_NOUN.fullmatch(trigger.group(0))
            and (purpose := _FOR_THE_EVENT.search(text, max(0, trigger.start() - 40), trigger.start())) is not None
            and not _HELD_VERB.search(text)
            # (not "spent two days meeting with Pompeo to set the conditions for the talks")
            and not _ANY_MEETING_WORD.search(text, 0, purpose.start())
        ):
            # "the officials were thought to be discussing agenda items for the summit between Trump and Kim":
            # what work is for is still ahead
            status, confidence = "scheduled", 0.55
        if _VENUE_OF.search(text, max(0, trigger.start() - 40), trigger.start()):
            # "announced Vietnam as the location of his meeting with Kim": a plan's venue, no meeting; the
            # pair is still the pair a later "the two leaders" means
            if len(participants) >= 2:
                self.last_pair = participants[:2]
            if mention is not None and future and len(leaders) >= 2 and not planned_change:
                # "revealed the time and place for his meeting with Kim, saying it will take place in
                # Singapore on June 12": the venue and day told are the summit's, and its scheduling
                day, _, exact = self.pick_interval(dates, None, for_summit=False)
                if day is not None and exact and day.start > self.pub:
                    mention.scheduled = mention.scheduled or day
                    where = best_place([p for p in places if p.start > clause.start + trigger.end()])
                    if where is not None and mention.place_strength < 2:
                        mention.location, mention.place_strength = where, 2
                    self.add_change(mention, self.lex.status_kind("scheduled"), clause, actors, dates, leaders)
            return
        if status != "cancelled" and _UNREALISED_PLAN.search(unquoted, 0, trigger.start()):
            following = self.sentences[sentence.index + 1].text if sentence.index + 1 < len(self.sentences) else ""
            if _CANCELLATION.search(sentence.text) or _CANCELLATION.search(following):
                status, confidence = "cancelled", 0.7
        if kind.mode == "letter" and status in ("proposed", "cancelled"):
            # a letter that proposes or calls something off was still sent: its mood is not the letter's
            status = "held"
        summit_like = len(leaders) >= 2 and set(participants) <= set(leaders) and kind.mode == "in_person"
        if summit_like and summit_word and status != "held":
            return  # a planned summit is recorded as the summit, not as a meeting too
        if others_meet:
            return
        near = trigger.start() if self.own_dates else None
        # "left Beijing on Wednesday after talks with Xi, state media reported on Thursday": the
        # day of a report dates the report, not the event, when the clause has another date
        told, event_dates = told_apart or _told_apart(text, dates)
        said_in = _LETTER_SAYING.search(text, trigger.end()) if kind.mode == "letter" else None
        if said_in is not None:
            # "wrote a letter to Kim saying that their planned summit next month was cancelled": the days the
            # letter tells of are not the letter's
            event_dates = [d for d in event_dates if d.start < said_in.start()]
        interval, _, exact = self.pick_interval(event_dates, self.last_interval, for_summit=False, near=near)
        said = told[0].interval if told and len(told) == len(dates) else None
        if said is not None and status in ("scheduled", "proposed") and interval == said and said.end < self.pub:
            # "Trump had said on Saturday he would know within a minute of meeting Kim": the day of saying
            # is past; the meeting it looks ahead to is after it, on no day the clause gives
            interval = None
        if said is not None and status == "held" and _PLUPERFECT.search(text, told[0].end):
            # "the Kremlin said on Tuesday that Putin and Xi had held talks": before the day of saying
            interval, exact = Interval(said.start - NEWS_WINDOW, said.start), False
        if interval is not None and not self.own_dates and status == "held" and interval.start > self.pub:
            # a past-tense event cannot borrow a future date from its sentence ("greeted Moon ...,
            # and the two Koreas agreed to hold talks on June 1")
            interval = None
        if (
            interval is None
            and summit_word
            and kind.kind == "meet"
            and trigger.group(0).lower() in ("summit", "summits")
        ):
            interval, _, exact = self.pick_interval(dates, self.last_interval, for_summit=True)
        span = _DAYS_OF.search(text)
        if interval is not None and span and interval.days == 1:
            # "wrapped up two days of talks ... on Saturday": the talks began the day before
            interval = Interval(interval.start - dt.timedelta(days=_count(span.group(1)) - 1), interval.end)
        earlier = bool(_EARLIER_ONE.search(text, max(0, trigger.start() - 30), trigger.end()))
        if interval is None and status == "held" and _UNDER_WAY.search(text, 0, trigger.start()):
            # "Trump and Kim are holding their first ever meeting": news told as it happens, that day (before
            # the day the sentence before told, and before any earlier meeting of theirs)
            interval, confidence = Interval(self.pub, self.pub), confidence - 0.1
        if interval is None and status == "held":
            same = next(
                (
                    m
                    for m in reversed(self.meetings[-_RECENT:])
                    if set(m.participants) == set(participants)
                    and m.interval
                    and m.status == "held"
                    # a letter is not the pair's meeting in person told before, nor the reverse
                    and _modes_agree(m.mode, kind.mode)
                ),
                None,
            )
            if same is not None:
                interval = same.interval  # a later mention of a meeting already dated
            elif (
                self.context
                and self.context[0] >= sentence.index - 1
                and self.context[1].start <= self.pub
                # "failing to reach a deal during the last summit": an earlier event, not the one just told
                and not earlier
                and clause.opener not in ("who", "whose")  # a relative clause's background (see run())
            ):
                interval, confidence = self.context[1], confidence - 0.1  # "The two men shook hands ..."
        if interval is None and status == "scheduled" and self.before_limit and clause.opener != "before":
            interval, confidence = Interval(self.pub, self.before_limit.end), confidence - 0.05
        if interval is None and status == "held" and _PROGRESSIVE.search(text, 0, trigger.start()):
            # "Moon is hosting the North Korean delegation": news told as it happens, that day (since the
            # day the lede told a day or two before: "traveled to North Korea on Sunday ... Kim is meeting
            # with Choe Son Hui", published on Monday)
            since = self.lede_day.start if self.lede_day and self.lede_day.end < self.pub else self.pub
            since = since if (self.pub - since).days <= 2 else self.pub
            interval, confidence = Interval(since, self.pub), confidence - 0.1
        if interval is None and status == "held" and sentence.paragraph in self.stamped and len(participants) >= 2:
            # a live blog's entry ("15:05 — Kim Yo Jong handed Moon a letter") tells that day's news
            interval, confidence = Interval(self.pub, self.pub), confidence - 0.1
        if (
            interval is None
            and status == "held"
            and sentence.index <= 2
            and self.lede_day is not None
            and len(participants) >= 2
            and not earlier
            and not text[: trigger.start()].rstrip().endswith(" to")  # "his will to meet Trump": no event yet
        ):
            interval, confidence = self.lede_day, confidence - 0.1  # the day the lede told
            if _CAME_AFTER.search(sentence.text, 0, clause.start - sentence.start + trigger.start()):
                # "The announcement (on Sunday) came after Biegun's visit to Pyongyang, where he met ...": the
                # days before the lede's
                interval = Interval(days_before(interval.start, NEWS_WINDOW), interval.start - dt.timedelta(days=1))
        if (
            interval is None
            and status == "held"
            and sentence.index <= 1
            and len(participants) >= 2
            and not earlier
            and not judged  # (a summit judged is dated as news by date_the_news, and so held there)
        ):
            # a lede reports news: an undated event there happened in the last few days
            interval = Interval(days_before(self.pub, NEWS_WINDOW), self.pub)
            confidence -= 0.15
        if interval is not None and status == "proposed" and interval.end < self.pub:
            # "asked on Monday, said a third meeting could happen": a past day dates the offer, not the meeting
            interval = None
        if interval is not None:
            if status == "held" and interval.start > self.pub:
                status = "scheduled"
            elif status == "scheduled" and interval.end < self.pub and self.own_dates:
                status = "held"
        place = best_place(places)
        if place is None and self.dateline and sentence.index < 2 and status == "held" and kind.mode == "in_person":
            place = self.dateline
        confidence -= 0.0 if exact else (0.1 if interval else 0.25)
        named_here = {m.key for m in self.clause_mentions(clause)}
        if any(k not in named_here for k in participants):
            confidence -= 0.05
        if summit_like and status == "scheduled" and mention is not None and _TALKS_WORD.search(text):
            mention.planned = True  # "meets Trump", "for talks with Moon": not a trip to a forum
            if mention.scheduled is None and interval is not None and exact:
                # "agreed to host Moon in Pyongyang from 18 to 20 September": the summit's (first) day
                mention.scheduled = self.summit_first_day(interval, leaders[:2], sentence.index)
            if status_kind is not None and status_kind.status == "scheduled" and not planned_change:
                self.add_change(mention, status_kind, clause, actors, dates, leaders)  # "has agreed to host"
            elif status_kind is None and interval is not None and self.attribution_start(clause) < clause.end:
                # "Biden will meet Putin on June 16 in Geneva, the White House said Tuesday": a
                # dated meeting of two leaders, announced, is their summit scheduled that day
                self.add_change(mention, self.lex.status_kind("scheduled"), clause, actors, dates, leaders)
            if place is not None and mention.place_strength < 2:
                mention.location, mention.place_strength = place, 2
        if summit_like and status == "held" and mention is not None:
            mention.held = interval
            if place is not None and mention.place_strength < 2:
                mention.location, mention.place_strength = place, 2
        evidence = (sentence.start, sentence.end)
        if _EACH_WITH.search(text):
            groups = [[participants[0], other] for other in participants[1:]]
        else:
            groups = self.counterparts(clause, trigger, actors, participants) or [
                self.core_party(clause, trigger, actors, participants)
            ]
        # "spoke with Trump on Wednesday night and with Bolton early Thursday": each counterpart met
        # in turn keeps the day told after its own name
        own_day = self.counterpart_days(clause, actors, groups, dates) if len(groups) > 1 else {}
        # three or more at one meeting only as the clause names them: a third person carried over from
        # the story ("in preparation for my upcoming meeting with Kim," Trump said) is not a party
        told_here = {k for _, k, _ in actors}  # named, or meant by a pronoun or description, in the clause
        groups = [_named_party(g, told_here) for g in groups]
        named_only = bool(_MEETING_NOUN.fullmatch(trigger.group(0))) and not _HELD_VERB.search(text)
        occasions: list[tuple[PlaceMention | None, Interval | None]] = [(place, interval)]
        if status == "held" and kind.mode == "in_person":
            # "met Xi in Beijing in March, in Dalian in May and again in Beijing this week": one
            # meeting per place and date the verb lists
            occasions = self.occasions(clause, trigger, places, dates) or occasions
        # An undated proposal or a hedged mention (confidence at or under the floor) was
        # wrong more often than right in the blind first runs: it is read, not emitted.
        emitted = occasions if round(confidence, 2) > _MEETING_FLOOR else []
        for where, when in emitted:
            for group in groups:
                meeting = Meeting(
                    group,
                    unnamed if len(group) < 2 else [],
                    where,
                    own_day.get(group[-1], when) if len(emitted) == 1 else when,
                    kind.mode,
                    status,
                    kind,
                    round(max(0.3, min(0.95, confidence)), 2),
                    evidence,
                    sentence.index,
                    summit_like,
                    earlier=earlier,
                    # only an undated plan asks (the scan of the whole sentence is not free)
                    before_summit=status == "scheduled"
                    and when is None
                    and bool(_AHEAD_OF_SUMMIT.search(sentence.text, clause.start - sentence.start + trigger.end())),
                    named_only=status == "held" and named_only,
                )
                self.add_meeting(meeting)
        if carried and emitted:
            where, when = emitted[0]
            meet = self.lex.meeting_kind("meet")
            self.add_meeting(
                Meeting(
                    carried,
                    [],
                    where,
                    when,
                    "in_person",
                    status,
                    meet,
                    round(max(0.3, min(0.95, confidence)), 2),
                    evidence,
                    sentence.index,
                )
            )
        if interval is not None and not self.looked_back:
            self.last_interval = interval
            self.context = (sentence.index, interval)
        if len(participants) >= 2 and not joined:
            self.last_pair = participants[:2]

    def occasions(
        self, clause: Clause, trigger: re.Match[str], places: list[PlaceMention], dates: list[DateMention]
    ) -> list[tuple[PlaceMention | None, Interval | None]]:
        """Two or more "in PLACE in/on DATE" after the meeting verb ("last met in Hamburg in July last
        year, and again in Vladivostok in September"): the (place, date) of each occasion, in order."""
        after = clause.start + trigger.end()
        found: list[tuple[PlaceMention | None, Interval | None]] = []
        for place in places:
            if place.start < after:
                continue
            end = place.end - clause.start
            date = next(
                (d for d in dates if d.interval and d.offset_days is None and d.end > 0 and 0 <= d.start - end <= 4),
                None,
            )
            if date is not None and date.interval is not None:
                found.append((place, date.interval))
        if len(found) >= 2:
            return found
        # "held two summits with Moon at Panmunjom, on April 27 and May 26": one meeting per listed day
        days = [d for d in dates if d.exact and d.interval and d.end > 0 and d.start >= trigger.end()]
        listed = days[:1]
        for d in days[1:]:
            if not _LIST_SEPARATOR.fullmatch(clause.text, listed[-1].end, d.start):
                break
            listed.append(d)
        if len(listed) < 2:
            return []
        where = best_place(places)
        return [(where, d.interval) for d in listed]

    def core_party(
        self, clause: Clause, trigger: re.Match[str], actors: list[tuple[int, str, bool]], participants: list[str]
    ) -> list[str]:
        """Three or more people in one clause are one meeting only when the text lists them: a joint
        or trilateral meeting, "Kim Yong Nam and Kim Yo Jong shook hands with Moon", "sat down to dinner
        with Pompeo, Mulvaney, Kim Yong Chol and Ri Yong Ho". Otherwise someone is named in passing
        ("Trump told Moon in a phone call he regretted not striking a deal with Kim"): the meeting is the
        subject's (the first list) with the list nearest the meeting word."""
        if len(participants) < 3 or _JOINT.search(clause.text) or _JOINED.search(clause.text):
            return participants
        first_at: dict[str, int] = {}
        for pos, key, inert in actors:
            if not inert and key in participants:
                first_at.setdefault(key, pos)
        if len(first_at) != len(participants):
            return participants  # someone taken from the clause before ("and held talks with"): as told
        ends = {m.start: m.end for m in self.clause_mentions(clause)}
        lists = self._lists(sorted((pos, k) for k, pos in first_at.items()), ends)
        if len(lists) < 2:
            return participants
        start, end = clause.start + trigger.start(), clause.start + trigger.end()

        def distance(named: list[tuple[int, str]]) -> int:
            first, last = named[0][0], ends.get(named[-1][0], named[-1][0])
            if first >= end and _WITH_OBJECT.fullmatch(self.body, end, first):
                return -1  # "in a phone call with South Korean President Moon": the meeting's own "with"
            return max(first - end, start - last, 0)

        nearest = min(lists[1:], key=distance)
        return _unique(k for _, k in lists[0] + nearest)

    def _lists(self, named: list[tuple[int, str]], ends: dict[int, int]) -> list[list[tuple[int, str]]]:
        """``named`` (positions in order) cut into lists: one group phrase ("the two leaders") or names
        joined by commas and "and" with nothing else between them."""
        lists: list[list[tuple[int, str]]] = []
        for pos, key in named:
            if lists:
                last = lists[-1][-1][0]
                if pos == last or _is_list_gap(self.body[ends.get(last, last) : pos]):
                    lists[-1].append((pos, key))
                    continue
            lists.append([(pos, key)])
        return lists

    def counterparts(
        self, clause: Clause, trigger: re.Match[str], actors: list[tuple[int, str, bool]], participants: list[str]
    ) -> list[list[str]] | None:
        """ "held talks with Abe and then with Putin", "met Abe and, separately, Modi": one subject
        meeting several people named after the verb in turn meets each of them (one meeting per
        counterpart). A plain "met Abe and Modi" stays one meeting, as the gold annotates it."""
        if len(participants) < 3 or _JOINT.search(clause.text) or _JOINED.search(clause.text):
            return None
        at = clause.start + trigger.start()
        first_at: dict[str, int] = {}
        for pos, key, inert in actors:
            if not inert and key in participants:
                first_at.setdefault(key, pos)
        subject = [k for k in participants if first_at.get(k, at) < at]
        objects = sorted((first_at[k], k) for k in participants if first_at.get(k, at) > at)
        if len(subject) != 1 or len(objects) != len(participants) - 1:
            return None
        positions = [pos for pos, _ in objects]
        if len(set(positions)) != len(positions):
            return None  # "met the two leaders": one group phrase, not a list
        # the counterparts must be met in turn: "and then (with)", "and with", "separately"
        if not (_IN_TURN.search(self.body[positions[0] : positions[-1]]) or _SEPARATE.search(clause.text)):
            return None
        return [[subject[0], key] for _, key in objects]

    def counterpart_days(
        self, clause: Clause, actors: list[tuple[int, str, bool]], groups: list[list[str]], dates: list[DateMention]
    ) -> dict[str, Interval]:
        """The day told between each counterpart's name and the next one's, by counterpart."""
        first_at: dict[str, int] = {}
        for pos, key, inert in actors:
            if not inert:
                first_at.setdefault(key, pos)
        starts = sorted(first_at[g[-1]] for g in groups if g[-1] in first_at)
        days: dict[str, Interval] = {}
        for group in groups:
            at = first_at.get(group[-1])
            if at is None:
                continue
            until = next((s for s in starts if s > at), clause.end)
            own = next(
                (d for d in dates if d.interval and d.offset_days is None and at < clause.start + d.start < until), None
            )
            if own is not None and own.interval is not None:
                days[group[-1]] = own.interval
        return days

    def summit_first_day(self, scheduled: Interval, pair: list[str], sentence: int) -> Interval:
        """ "due to meet Trump for dinner on Wednesday, and the two men will hold talks on Thursday at
        their second summit": the pair's planned meeting a day or two before, told in the same
        sentence, is the summit's first day."""
        for m in reversed(self.meetings[-_RECENT:]):
            if m.sentence != sentence or m.status != "scheduled" or m.interval is None:
                continue
            gap = (scheduled.start - m.interval.start).days
            if set(pair) <= set(m.participants) and 0 < gap <= 2 and m.interval.end < scheduled.start:
                return Interval(m.interval.start, scheduled.end)
        return scheduled

    def summit_date(self, text: str, dates: list[DateMention]) -> Interval | None:
        """ "will meet in Buenos Aires on December 1 for a summit", "his summit ... would take place in
        Hanoi on February 27 and 28": an exact day in the clause of the meeting verb dates the summit,
        unless it dates a saying ("announced on Friday") or belongs to another noun."""
        summit_at = self.lex.summit_regex.search(text)
        usable = [
            d
            for d in dates
            if d.interval
            and d.exact
            and d.attached_to is None
            and d.offset_days is None
            and d.text
            and d.end > 0
            and not _SAID_BEFORE.search(text, 0, d.start)
        ]
        if not usable:
            return None
        after = [d for d in usable if summit_at and d.start > summit_at.start()]
        return (after or usable)[0].interval

    def meeting_trigger(self, text: str) -> tuple[MeetingKind | None, re.Match[str] | None]:
        if not could_match(self.lex.any_meeting, text):
            return None, None
        wanted: tuple[MeetingKind, re.Match[str]] | None = None
        for kind in self.lex.meeting_kinds:
            m = kind.regex.search(text)
            if m:
                if wanted is None and self.next_one_wanted(text, m):
                    # "received a letter from Kim asking for a second meeting": the letter is the event
                    wanted = kind, m
                    continue
                return kind, m
        return wanted if wanted is not None else (None, None)

    @staticmethod
    def next_one_wanted(text: str, trigger: re.Match[str]) -> bool:
        """Whether the trigger names a next meeting that is not told as held: "a desire for a second
        summit" (not "held a second summit", nor "the second summit ended in Hanoi")."""
        if "second" not in text and "third" not in text and "next" not in text and "another" not in text:
            return False
        follow_on = _FOLLOW_ON.search(text, max(0, trigger.start() - 40), trigger.end())
        return (
            follow_on is not None
            and follow_on.end() == trigger.end()
            and _WANTED_BEFORE.search(text, max(0, follow_on.start() - 40), follow_on.start()) is not None
            and not _HELD_VERB.search(text, trigger.end())
        )

    def meeting_status(self, text: str, trigger_at: int, future: bool) -> tuple[str, float]:
        modality = self.lex.modality
        if modality["cancel_meeting"].search(text):
            return "cancelled", 0.75
        if future and _PLAN_IN_PAST.search(text, 0, trigger_at) and not modality["conditional"].search(text):
            return "scheduled", 0.7  # "were expected to get into detailed talks on Friday": a plan, told
        if modality["proposal"].search(text, 0, trigger_at + _TRIGGER_WORD):
            # the proposal's cue comes with the meeting, not after it ("cut short his summit with
            # Kim, rejecting the leader's offer to dismantle ..." is a summit held, not proposed)
            return "proposed", 0.55
        if modality["hedge"].search(text):
            return ("scheduled", 0.55) if future else ("proposed", 0.5)
        if future:
            return "scheduled", 0.8
        return "held", 0.9

    def add_meeting(self, new: Meeting) -> None:
        if len(new.participants) == 2 and self.meetings and self.named_later(new):
            return
        group = new.group
        for old in reversed(self.meetings[-_RECENT:]):
            if old.group != group or not group:
                continue
            held_old, held_new = old.status == "held", new.status == "held"
            same_mode = _modes_agree(old.mode, new.mode)
            if new.interval is None and held_old == held_new and (same_mode or old.interval is None):
                # (a letter told without a day is not their meeting in person months before)
                old.location = old.location or new.location
                old.confidence = max(old.confidence, new.confidence)
                return
            recent = new.interval is not None and new.interval.end >= days_before(self.pub, BACKGROUND)
            if (
                old.interval is None
                and held_old == held_new
                and (
                    recent
                    or (new.sentence - old.sentence <= 1 and not _AGAIN.search(self.sentences[old.sentence].text))
                )
                and same_mode
            ):
                # an undated mention takes a date told soon after, or a recent one; not "previously met in
                # Vladivostok in April 2019" five sentences after "Kim greeted Putin on the tarmac"
                old.interval, old.location = new.interval, old.location or new.location
                old.confidence = max(old.confidence, new.confidence)
                return
            modes = {old.mode, new.mode}
            # a handshake dated only "this week" and a phone call on Wednesday are two events
            other_mode = "in_person" in modes and len(modes) == 2 and old.interval != new.interval
            if old.interval and new.interval and old.interval.overlaps(new.interval) and not other_mode:
                if new.interval.days < old.interval.days:
                    old.interval = new.interval
                old.location = old.location or new.location
                if old.mode == "in_person" and new.mode != "in_person" and new.kind.kind in ("phone", "letter"):
                    old.mode, old.kind = new.mode, new.kind
                if held_new and not held_old:
                    old.status = "held"
                old.confidence = max(old.confidence, new.confidence)
                return
        self.meetings.append(new)

    def misread_month(self, date: DateMention) -> bool:
        """A month named without a year, read back most of a year: the summit's month ahead, not a change's
        ("officials agreed on a date for the summit sometime within September", published in August)."""
        return (
            date.interval is not None
            and (self.pub - date.interval.end).days > _MONTH_BACK_DAYS
            and not _YEAR_OR_LAST.search(date.text)
        )

    def trip_of(self, meeting: Meeting) -> Interval | None:
        """The days of a trip told a few sentences before an undated meeting of the traveller with someone
        of the country he travels to, in the same mood."""
        for who, days, country, told in reversed(self.trips):
            if (
                who in meeting.participants
                and 0 <= meeting.sentence - told <= _TRIP_SENTENCES
                and any(self.cast.persons[k].country == country for k in meeting.participants if k != who)
                and (meeting.status == "held") == (days.end <= self.pub)
            ):
                return days
        return None

    def also_met(self, clause: Clause, actors: list[tuple[int, str, bool]]) -> bool:
        """ "Yang is scheduled to meet with President Moon, | as well as with the head of the national
        security office, Chung Eui-yong, and Foreign Minister Kang": the one who meets in the clause before
        meets each of these too, in the same mood and days."""
        last = self.meetings[-1] if self.meetings else None
        if last is None or last.sentence != clause.sentence.index or len(last.participants) != 2:
            return False
        host = last.participants[0]
        others = _unique(k for _, k, inert in actors if not inert and k not in last.participants)
        for key in others:
            self.add_meeting(
                replace(last, participants=[host, key], evidence=(clause.sentence.start, clause.sentence.end))
            )
        return bool(others)

    def named_later(self, new: Meeting) -> bool:
        """Whether ``new`` names the unnamed counterpart of the meeting told just before it, and is that
        meeting: "Pompeo's meeting with his North Korean counterpart was postponed. Pompeo had been
        scheduled to meet with Kim Yong Chol in New York on Thursday." The meeting takes the name, and the
        day and place told with it; a meeting called off stays called off."""
        for index in range(len(self.meetings) - 1, max(-1, len(self.meetings) - 4), -1):
            old = self.meetings[index]
            if not (
                len(old.participants) == 1
                and len(old.unnamed) == 1
                and (old.interval is None or new.interval is None or old.interval.overlaps(new.interval))
                and 0 <= new.sentence - old.sentence <= 3
                and old.participants[0] in new.participants
                and _modes_agree(old.mode, new.mode)
            ):
                continue
            other = next(k for k in new.participants if k != old.participants[0])
            country = self.label_country(old.unnamed[0])
            if country is None or self.cast.persons[other].country != country:
                return False
            self.meetings[index] = replace(
                new,
                interval=new.interval or old.interval,
                location=new.location or old.location,
                status=old.status if old.status == "cancelled" else new.status,
                confidence=max(old.confidence, new.confidence),
                evidence=old.evidence,
                sentence=old.sentence,
            )
            return True
        return False

    def add_change(
        self,
        mention: SummitMention,
        kind: Any,
        clause: Clause,
        actors: list[tuple[int, str, bool]],
        dates: list[DateMention],
        leaders: list[str],
    ) -> None:
        previous = self.changes[-1] if self.changes else None
        anchor = previous.interval if previous else None
        # a reported change has happened: "said on Friday it would go ahead on June 12" is dated Friday
        past = [d for d in dates if d.interval is None or (d.interval.start <= self.pub and not self.misread_month(d))]
        interval, after_hours, exact = self.pick_interval(past, anchor, for_summit=False)
        inferred = guessed = False
        text = clause.text
        responded = _IN_RESPONSE.search(text) if kind.status in _UNDOING and past else None
        if (
            responded is not None
            and interval is not None
            and all(_SAID_BEFORE.search(text, 0, d.start) for d in past)
            and all(d.end <= responded.start() for d in past)
        ):
            # "said Friday his country is still willing to talk, in response to Trump's abrupt decision to pull
            # out of the summit": the day is the response's; the change came before it
            interval, exact = Interval(interval.start - NEWS_WINDOW, interval.start), False
        if interval is None and self.said_day is not None:
            interval, inferred = self.said_day, True
        if interval is None and self.sentences[mention.sentence].paragraph in self.stamped:
            interval, inferred = Interval(self.pub, self.pub), True  # a live blog's entry: that day
        recent = self.context is not None and days_before(self.pub, BACKGROUND) <= self.context[1].end <= self.pub
        if interval is None and kind.status == "proposed" and recent and self.context:
            # "Putin, for his part, told reporters after the talks that ... Kim had been invited":
            # an undated proposal is reported at the story's last dated event, or before it
            interval, inferred = Interval(self.context[1].start - dt.timedelta(days=30), self.context[1].end), True
            guessed = True
        # the leader who acts, not one addressed: "in a letter to Kim, Trump announced ..."
        announcer = next(
            (
                k
                for pos, k, _ in actors
                if self.cast.persons[k].leader and not _ADDRESSED.search(self.body, max(0, pos - 8), pos)
            ),
            None,
        )
        if announcer is None and previous and previous.mention.sentence == mention.sentence:
            announcer = previous.announced_by
        confidence = 0.85 if exact else 0.75 if interval and not inferred else 0.6
        if after_hours is not None:
            confidence -= 0.05
        if kind.status == "proposed":
            confidence = min(confidence, 0.6)
        if guessed:
            # A window guessed from the story's context, not read from the text: worth a
            # reviewer's look, not a fact (under the pipeline's review threshold).
            confidence = min(confidence, _GUESSED_CONFIDENCE)
        sentence = self.sentences[mention.sentence]
        change = Change(
            mention,
            kind.status,
            interval,
            announcer,
            after_hours,
            round(confidence, 2),
            (sentence.start, sentence.end),
            kind.cameo,
            kind.plover,
        )
        if _RETOLD_CHANGE.search(clause.text) and any(old.status == change.status for old in self.changes[-_RECENT:]):
            return  # "preparations were ongoing despite Trump's official cancellation": the one told before
        for old in self.changes[-_RECENT:]:
            if set(old.mention.leaders) != set(mention.leaders):
                continue  # Xi's accepted invitation is not Kim's offer to meet Trump again
            if old.status == change.status and (
                old.interval is None or change.interval is None or old.interval.overlaps(change.interval)
            ):
                old.interval = old.interval or change.interval
                return
        self.changes.append(change)
        if interval is not None:
            self.last_interval = interval
            if after_hours is None and not _DAY_AFTER.match(clause.text):
                # "a week after he had called it off" looks back; it does not move the story's date
                self.context = (mention.sentence, interval)


def _nearer(ahead: DateMention, back: DateMention | None, pub: dt.date) -> DateMention:
    """Of a date read forward and the same words read back, the one nearer publication."""
    if back is None or back.interval is None or ahead.interval is None:
        return ahead
    return back if (pub - back.interval.end) < (ahead.interval.start - pub) else ahead


def _attempted(text: str, regex: re.Pattern[str]) -> bool:
    """Whether the status word is only attempted: "as they try to revive plans for a summit"."""
    hit = regex.search(text)
    return bool(hit and _ATTEMPT.search(text, max(0, hit.start() - 30), hit.start()))


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


def days_before(day: dt.date, span: dt.timedelta) -> dt.date:
    """``day - span``, or the first day there is (a fuzzed publication date of 0001-01-01 has no week before it)."""
    return day - span if day - dt.date.min >= span else dt.date.min


def _is_list_gap(gap: str) -> bool:
    return len(gap) <= 60 and ("," in gap or " and " in gap) and not _NOT_A_LIST.search(gap)


def _named_party(group: list[str], named_here: set[str]) -> list[str]:
    """``group`` without the people its clause does not name, when it has three or more and at
    least two of them are named there."""
    if len(group) < 3:
        return group
    named = [k for k in group if k in named_here]
    return named if len(named) >= 2 else group


def _not_a_party(body: str, position: int) -> bool:
    """_NOT_A_PARTY in the NOT_A_PARTY_WINDOW characters before ``position``. Each of its matches ends in "of", "to" or
    "for" and what may follow them, so a window without one of those is answered without a scan."""
    start = max(0, position - NOT_A_PARTY_WINDOW)
    window = body[start:position]
    if "of" not in window and "to" not in window and "for" not in window:
        return False
    return _NOT_A_PARTY.search(body, start, position) is not None


def _modes_agree(first: str, second: str) -> bool:
    """Whether two mentions' modes may tell one event: the same, or neither in person (a call told
    once as "phone" and once as "unknown"); a letter and a meeting in person are two events."""
    return first == second or "in_person" not in (first, second)


def _told_apart(text: str, dates: list[DateMention]) -> tuple[list[DateMention], list[DateMention]]:
    """(the dates a report's verb gives, the others): "left Beijing on Wednesday ..., state media reported
    on Thursday", "reported on May 8 that the summit will be held next month". When every date is the
    report's, the others are all of them."""
    told = [d for d in dates if d.end > 0 and _SAID_BEFORE.search(text, 0, d.start)]
    return told, ([d for d in dates if d not in told] if len(told) < len(dates) else dates)


def _names_next_one(text: str) -> bool:
    """Whether the text names a meeting after those held, not one known: "a second summit", "another
    meeting", "their next summit" (not "Trump's second summit with Kim in Vietnam last month")."""
    for m in _FOLLOW_ON.finditer(text):
        if m.group(0)[:1] in "an" or _INDEFINITE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            return True
    return False


def _scare_quote(inner: str, sent: bool = False) -> bool:
    """A quoted phrase inside the narration's own sentence ('a "day full of meetings"'), not speech:
    a few words, lower case, no sentence punctuation (but commas between the praises of something
    sent "from" someone: '"a very warm, very positive letter" from Kim')."""
    words = inner.split()
    stops = ".;:!?" if sent else ".,;:!?"
    return 0 < len(words) <= (8 if sent else 6) and inner[:1].islower() and not any(c in inner for c in stops)


def _negated(text: str, regex: re.Pattern[str], negation: re.Pattern[str]) -> bool:
    m = regex.search(text)
    return bool(m and negation.search(text, 0, m.start()))


def _unique(keys: Any) -> list[str]:
    return list(dict.fromkeys(keys))


def _summit_place(text: str, places: list[PlaceMention], offset: int, lex: Lexicon) -> tuple[PlaceMention | None, int]:
    """ "the Singapore summit", "summit ... in Hanoi" tie a place to the summit (strength 3);
    any other place in a clause about the summit is a weaker hint (1)."""
    for m in _SUMMIT_PLACE.finditer(text):
        name = (m.group("before") or m.group("after") or "").strip()
        for candidate in (name, name.split()[-1] if name else ""):
            place = lex.places.get(candidate)
            if place:
                return PlaceMention(offset + m.start(), offset + m.end(), place.name, place.country, False), 3
    best = best_place(places)
    return best, (1 if best else 0)


@cache
def _country_pairs(lex_id: int) -> re.Pattern[str]:
    """ "US-North Korea summit", "summit between the United States and North Korea": two countries
    (by the gazetteer's names) a summit is named after."""
    names = trie_alternation(list(lexicon().country_names))
    return re.compile(
        rf"(?<![\w-])(?P<a>{names})\s*[-\u2013]\s*(?P<b>{names})(?:\s+[\w-]+){{0,2}}?\s+summit\b"
        rf"|\bsummit\s+(?:talks\s+)?between\s+(?:the\s+)?(?P<c>{names})\s+and\s+(?:the\s+)?(?P<d>{names})(?![\w-])"
    )
