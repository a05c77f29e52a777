"""Lines of real news copy that are not the story: captions, bylines, sign-offs, link lists.

Wire and newspaper copy pasted from the web carries furniture around the story: photo
captions ("FILE PHOTO: Kim and Moon shake hands ... REUTERS/Pool"), bylines, timestamps
("Updated 3:45 p.m. ET June 1, 2018"), "Related coverage" and "READ MORE" lists of other
headlines, embedded tweets' attribution lines, "Reporting by ...; Editing by ..." sign-offs
and print notes. Their verbs would make events (a related headline "Trump cancels summit
with Kim" is not this story's cancellation) and their dates would date the sentences after
them, so the sentence splitter skips such lines whole (offsets of the rest are unchanged).
"""

from __future__ import annotations

import re
from typing import Final

# a list item keeps its line even without a full stop: "• Trump received a letter from Kim"
_BULLET: Final = re.compile(r"\s*(?:[\u2022\u25aa\u25cf\u25e6*]|[-\u2013\u2014](?=\s+[A-Z][a-z])|\d{1,2}[.)])\s+\S")
# a story's sentence ends in a full stop, a question or exclamation mark, or a closing quotation
_TERMINATED: Final = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*\Z|[\"\u201d\u2019]\s*\Z")
_FURNITURE: Final = re.compile(
    # captions
    r"\s*(?:FILE\s+PHOTO|PHOTO|Photo|IMAGE|Image|Caption|Pictured|VIDEO|Video|WATCH|Watch)\s*[:|\u2013\u2014-]"
    # sign-offs, contributor, copyright and print lines
    r"|\s*\(?\s*(?:(?:Additional|Further)\s+)?(?:[Rr]eporting|Writing|Editing|Edited|Compiled|Produced|Translated"
    r"|Research|Graphics?)\s+by\b"
    r"|\s*(?:Copyright\b|\u00a9|\(c\)\s)"
    r"|\s*(?:Our\s+Standards|A\s+version\s+of\s+this\s+(?:article|story)\s+appears)\b"
    # link lists, calls to action, timestamps
    r"|\s*(?:Related(?:\s+(?:Coverage|Articles?|Stories|Content|Links?|Topics))?|RELATED|READ\s+MORE|Read\s+more"
    r"|See\s+also|Also\s+read|MORE|More|Follow|Sign\s+up|Subscribe|Click\s+here|Advertisement|ADVERTISEMENT"
    r"|Share|Listen|Updated|UPDATED|Published|Posted|Last\s+(?:updated|modified)|First\s+published)\b\s*(?::|\s|\Z)"
)
# furniture told by words anywhere in the line: photo credits, contributors, tweet attributions
_FURNITURE_ANYWHERE: Final = re.compile(
    r"\b(?:Photograph|Photo(?:graph)?\s+credit|Credit|Picture|Illustration)\s*:"
    r"|\b[A-Z]{2,}/(?:File(?:\s+Photo)?\b|[A-Z][a-z]+\s+[A-Z])"  # "REUTERS/Jonathan Ernst", "REUTERS/File Photo"
    r"|\((?:AP|AFP|Reuters|Yonhap|EPA|Xinhua|KCNA)\s+(?:Photo|via)\b"
    r"|\bGetty\s+Images\b|\bcontributed\s+(?:to\s+)?(?:this\s+)?(?:report|reporting|story)\b"
    r"|\bAll\s+rights\s+reserved\b"
    # an embedded tweet's attribution: "— Donald J. Trump (@realDonaldTrump) June 1, 2018"
    r"|\(@\w+\)|\bpic\.twitter\.com/"
)
# one of these is in every line _FURNITURE_ANYWHERE matches: most story lines skip its scan
_ANYWHERE_NEEDLES: Final = (":", "/", "(", "Getty", "contributed", "rights")


# a header that opens a list of other stories: what follows it, up to the story's next sentence, is links
_LINK_LIST: Final = re.compile(
    r"\s*(?:Related(?:\s+(?:Coverage|Articles?|Stories|Content|Links?|Topics))?|RELATED(?:\s+[A-Z]+)?|READ\s+MORE"
    r"|Read\s+more|More\s+on\s+this\s+story|See\s+also|Also\s+read|MORE)\s*:?\s*\Z"
)


# a timestamp set before the paragraph it stamps: "Updated 11:26 a.m. | Russian President Vladimir Putin declared ..."
_STAMP_LEAD: Final = re.compile(
    r"\s*(?:Updated|UPDATED|Posted|Published|Last\s+updated)\s+[^|\u2013\u2014\n]{1,40}?\s*[|\u2013\u2014]\s+(?=[A-Z\u201c\"])"
)


def stamp_length(line: str) -> int:
    """How many characters of a paragraph are a timestamp before its first sentence (0: none)."""
    m = _STAMP_LEAD.match(line) if line[:1] in "UPL \t" else None
    return m.end() if m else 0


class FurnitureReader:
    """Reads a body's lines in order; ``skip(line)`` says whether a line is furniture."""

    def __init__(self) -> None:
        self.in_links = False

    def skip(self, line: str) -> bool:
        if _LINK_LIST.match(line):
            self.in_links = True
            return True
        if is_furniture(line):
            return True
        if self.in_links and _BULLET.match(line):
            return True  # "• Trump Meets Kim Jong-un in Hanoi: Live Updates" under "Related Articles"
        self.in_links = False
        return False


# a caption's credit at its end: "... on April 25, 2019. (AP Photo/Alexander Zemlianichenko, Pool)"
_TRAILING_CREDIT: Final = re.compile(
    r"\s*\((?:AP|AFP|Reuters|Yonhap|EPA|Xinhua|KCNA|Kyodo|Video|Photo)\b[^()]{0,60}\)\s*\Z", re.IGNORECASE
)

# the same, credited without brackets: "... August 13, 2018. /Reuters Photo", "... 2018. PHOTO: AFP"
_CREDIT_TAIL: Final = re.compile(
    r"[.!?][\"'\u201d\u2019)]*\s+(?:/\s*)?(?:(?:[A-Z][\w.&-]*\s+){0,3}(?:Photo|PHOTO|Photograph)s?"
    r"|(?:PHOTO|Photo|IMAGE|Image)\s*:\s*[\w .,&/-]{1,40})\s*\Z"
)
# "In this combination of file photos, Trump, left, in the Oval Office ..., and Kim in a meeting with Moon
# ...": people pictured apart, each in an old photo; none of it is the story's news
_COMBINATION: Final = re.compile(
    r"\s*(?:In\s+)?(?:this|these)\s+(?:combination|combo|composite)\s+(?:of\s+)?(?:file\s+)?(?:photos?|images?|pictures?)"
    r"|\s*(?:This|These)\s+(?:file\s+)?(?:photos?|images?)\s+combination",
    re.IGNORECASE,
)
_LONGEST: Final = 400  # characters: longer captions and sign-offs are not seen in wire or newspaper copy


def is_furniture(line: str) -> bool:
    """Whether one line of the body is furniture rather than a sentence of the story.

    Besides the kinds matched above, a line that does not end like a sentence and is not a
    list item is a headline, a section heading, a byline or a timestamp ("By Jane Doe",
    "Feb. 28, 2019", "3 Min Read", "Key points:").
    """
    if _FURNITURE.match(line) or _COMBINATION.match(line):
        return True
    if _CREDIT_TAIL.search(line):
        return False  # "... on July 7, 2018. PHOTO: AFP": a caption's full sentence, as below
    credit = _TRAILING_CREDIT.search(line) if line.endswith(")") else None
    if credit and _TERMINATED.search(line[max(0, credit.start() - 8) : credit.start()]):
        # a caption that tells a dated fact in a full sentence is a sentence of the story: the
        # wire's caption is often the only place that dates the handshake the story is about
        return False
    if len(line) <= _LONGEST and any(n in line for n in _ANYWHERE_NEEDLES) and _FURNITURE_ANYWHERE.search(line):
        return True  # furniture lines are short: a story's long paragraph is not scanned for credits (speed)
    return not _TERMINATED.search(line[-8:]) and not _BULLET.match(line)
