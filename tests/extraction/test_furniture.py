"""Real copy's furniture (captions, bylines, link lists, sign-offs, timestamps) makes no events.

The three fixtures under ``noise/`` are short stories of our own wrapped in the furniture that
wire, agency and newspaper pages carry; they are unit fixtures, not gold-scored articles.
"""

from pathlib import Path

import pytest

from tracker.extraction import extract, parse_article
from tracker.extraction.furniture import FurnitureReader, is_furniture
from tracker.extraction.text import split_sentences

NOISE = Path(__file__).resolve().parent / "noise"


def _extract(name: str) -> dict:
    return extract(parse_article((NOISE / name).read_bytes()))


@pytest.mark.parametrize(
    "line",
    [
        "FILE PHOTO: Kim Jong Un and Moon Jae-in shake hands at Panmunjom, April 27, 2018. REUTERS/Pool/File Photo",
        "Kim and Trump meet in Hanoi. Photograph: Jorge Silva/AFP/Getty Images",
        "By Hyonhee Shin, Joyce Lee",
        "Updated 3:45 p.m. ET June 1, 2018",
        "Feb. 28, 2019",
        "READ MORE: Trump cancels summit with Kim",
        "Trump Says Summit Back On After Meeting Envoy",
        "Reporting by Hyonhee Shin in Seoul; Editing by Lincoln Feast",
        "(Reporting by Joyce Lee; Editing by Paul Tait.)",
        "Associated Press writers Matthew Lee and Catherine Lucey contributed to this report.",
        "Copyright 2018 The Associated Press. All rights reserved.",
        "\u2014 Donald J. Trump (@realDonaldTrump) June 1, 2018",
        "A version of this article appears in print on March 1, 2019, Section A, Page 1.",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "SEOUL (Reuters) - North Korean envoy Kim Yong Chol met Mike Pompeo in New York on Thursday.",
        "WASHINGTON, June 1 (AP) \u2014 President Donald Trump met Kim Yong Chol on Friday.",
        "\u2022 Trump received a letter from Kim Jong Un",
        '"We had a very good meeting," Trump said.',
        "Is a third summit still possible?",
    ],
)
def test_story_lines_stay(line: str) -> None:
    assert not is_furniture(line)


def test_link_list_items_are_skipped_until_the_story_resumes() -> None:
    reader = FurnitureReader()
    lines = ["Related Articles", "\u2022 Trump Meets Kim in Hanoi: Live Updates", "Kim met Trump on Wednesday."]
    assert [reader.skip(line) for line in lines] == [True, True, False]
    assert reader.skip("\u2022 Trump received a letter from Kim") is False  # a list of the story's own


def test_skipped_lines_keep_offsets() -> None:
    body = "By Jane Doe\n\nKim met Trump on Wednesday.\n"
    (sentence,) = split_sentences(body)
    assert body[sentence.start : sentence.end] == "Kim met Trump on Wednesday."


def test_wire_caption_and_related_headlines_make_no_events() -> None:
    result = _extract("wire.txt")
    assert [m["participants"] for m in result["meetings"] if "Moon Jae-in" in m["participants"]] == []
    assert [c for c in result["status_changes"] if c["status"] == "cancelled"] == []  # "READ MORE: Trump cancels"
    talks = [m for m in result["meetings"] if set(m["participants"]) == {"Kim Yong Chol", "Mike Pompeo"}]
    # the dateline sits under a caption and still locates the story; "on Thursday" is the day before publication
    assert [(m["date"]["from"], m["status"]) for m in talks] == [("2018-05-31", "held")]
    names = {p["name"] for p in result["persons"]}
    assert not names & {"Hyonhee Shin", "Joyce Lee", "David Brunnstrom", "Lincoln Feast", "Paul Tait"}


def test_ap_byline_timestamp_and_headline_make_nothing() -> None:
    result = _extract("ap.txt")
    names = {p["name"] for p in result["persons"]}
    assert not names & {"Jane Doe", "John Roe", "Matthew Lee", "Catherine Lucey"}
    assert [c["status"] for c in result["status_changes"]].count("reinstated") == 1  # not again from the headline
    oval = [m for m in result["meetings"] if set(m["participants"]) == {"Donald Trump", "Kim Yong Chol"}]
    assert [m["date"] for m in oval] == [{"from": "2018-06-01", "to": "2018-06-01"}]


def test_paper_print_note_and_caption_do_not_move_dates() -> None:
    result = _extract("paper.txt")
    dates = sorted(m["date"]["from"] for m in result["meetings"])
    assert dates == ["2019-02-27", "2019-02-28"]  # not March 1 from the print note, nor a caption's day
    assert {p["name"] for p in result["persons"]} == {"Donald Trump", "Kim Jong Un"}
