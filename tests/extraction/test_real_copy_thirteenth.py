"""Rules from the thirteenth pass: the misses of r1-r29 (``docs/real-news/``), each on sentences of
our own. Each test failed on extractor 1.12.0, or guards how far its rule reaches."""

import datetime as dt

from tests.support.extraction import changes, meeting, run

# -- who is a party ------------------------------------------------------------------------


def test_a_clause_after_an_american_closing_quote_is_a_clause_of_its_own():
    # US copy puts the comma inside the quotation marks: the second event keeps its own parties
    result = run(
        'Since then, Moon has sent Xi what aides called "warm greetings," and Lavrov met his Chinese '
        "counterpart, Foreign Minister Wang Yi, in Beijing last week.",
        pub=dt.date(2019, 5, 10),
    )
    assert meeting(result, "Sergei Lavrov", "Wang Yi") is not None
    assert not [m for m in result["meetings"] if len(m["participants"]) > 2]


def test_they_after_a_pair_joined_by_and_is_that_pair():
    result = run(
        "Mike Pompeo flew to Pyongyang on Sunday. He said his trip would honour the pledge Kim Jong Un "
        "and Donald Trump made when they met in Singapore on June 12.",
        pub=dt.date(2018, 10, 8),
    )
    singapore = meeting(result, "Kim Jong Un", "Donald Trump")
    assert singapore is not None and singapore["date"] == {"from": "2018-06-12", "to": "2018-06-12"}
    assert meeting(result, "Mike Pompeo", "Kim Jong Un") is None or not any(
        m["date"] == {"from": "2018-06-12", "to": "2018-06-12"} and "Mike Pompeo" in m["participants"]
        for m in result["meetings"]
    )


def test_the_head_of_a_delegation_stands_for_it():
    result = run(
        "Moon Jae-in's special envoys to Pyongyang on Monday met with North Korean leader Kim Jong Un. "
        "The delegation, led by national security adviser Chung Eui-yong, flew in from Seoul.",
        pub=dt.date(2018, 3, 6),
    )
    held = meeting(result, "Chung Eui-yong", "Kim Jong Un")
    assert held is not None and held["date"] == {"from": "2018-03-05", "to": "2018-03-05"}


def test_a_delegation_of_another_country_is_not_its_head():
    result = run(
        "The South Korean delegation, led by Chung Eui-yong, arrived on Monday. "
        "On Tuesday the North Korean delegation met Moon Jae-in in Seoul.",
        pub=dt.date(2018, 3, 7),
    )
    assert meeting(result, "Chung Eui-yong", "Moon Jae-in") is None


def test_a_third_person_the_clause_does_not_tell_of_is_no_party():
    # Kim Yong Chol is the story's, not this clause's: the dinner is Xi's with Kim Jong Un
    result = run(
        "Kim Yong Chol met Xi Jinping's envoy on Monday. On Tuesday Xi hosted a banquet for Kim Jong Un "
        "and his wife Ri Sol Ju in Beijing.",
        pub=dt.date(2019, 1, 9),
    )
    assert not [m for m in result["meetings"] if "Kim Yong Chol" in m["participants"] and len(m["participants"]) > 2]


def test_who_reports_a_meeting_is_not_its_party():
    result = run(
        "Back in Seoul on Thursday, Moon Jae-in reported that Kim Jong Un wants Mike Pompeo to return "
        "to Pyongyang for more talks.",
        pub=dt.date(2018, 9, 20),
    )
    assert meeting(result, "Moon Jae-in", "Mike Pompeo") is None
    wish = meeting(result, "Kim Jong Un", "Mike Pompeo")
    assert wish is None or wish["status"] == "proposed"


def test_a_press_briefing_is_not_a_meeting_with_the_spokesperson():
    result = run(
        "At a press briefing Tuesday, State Department spokeswoman Heather Nauert said that Mike Pompeo "
        "will head to New York on Wednesday.",
        pub=dt.date(2018, 5, 30),
    )
    assert meeting(result, "Heather Nauert", "Mike Pompeo") is None


# -- plans, purposes and travel ------------------------------------------------------------------


def test_heading_somewhere_to_meet_someone_is_a_plan():
    result = run(
        "Secretary of State Mike Pompeo is heading to Beijing to meet with Chinese President Xi Jinping.",
        pub=dt.date(2018, 10, 8),
    )
    planned = meeting(result, "Mike Pompeo", "Xi Jinping")
    assert planned is None or planned["status"] == "scheduled"
    assert not [m for m in result["meetings"] if m["status"] == "held"]


def test_heading_somewhere_with_another_errand_does_not_make_past_talks_a_plan():
    result = run(
        "Secretary of State Mike Pompeo met Chinese President Xi Jinping in Beijing on Monday. "
        "Two aides are heading to Tokyo to brief officials there.",
        pub=dt.date(2018, 10, 9),
    )
    held = meeting(result, "Mike Pompeo", "Xi Jinping")
    assert held is not None and held["status"] == "held"


def test_a_second_purpose_after_and_to_is_no_meeting():
    result = run(
        "Secretary of State Mike Pompeo is heading to Pyongyang to meet with Kim Jong Un in hopes of a "
        "breakthrough \u2014 and to set up a second summit with President Donald Trump.",
        pub=dt.date(2018, 10, 5),
    )
    assert meeting(result, "Mike Pompeo", "Donald Trump") is None
    assert not [m for m in result["meetings"] if m["status"] == "held"]


def test_to_set_up_a_summit_is_a_purpose():
    result = run(
        "Secretary of State Mike Pompeo will fly to Pyongyang on Sunday to set up a second summit with "
        "President Donald Trump.",
        pub=dt.date(2018, 10, 4),
    )
    assert meeting(result, "Mike Pompeo", "Donald Trump") is None


def test_the_day_of_saying_is_not_the_day_of_the_meeting_looked_ahead_to():
    result = run(
        "Donald Trump had said on Saturday that he would know within a minute of meeting Kim Jong Un "
        "whether a deal could be reached.",
        pub=dt.date(2018, 6, 11),
    )
    assert not [m for m in result["meetings"] if m["status"] == "held"]
    assert not changes(result, "held")


def test_wanting_someone_to_come_for_talks_is_a_proposal():
    result = run(
        "Kim Jong Un wants Mike Pompeo to come to Pyongyang for more talks.",
        pub=dt.date(2018, 9, 20),
    )
    wish = meeting(result, "Kim Jong Un", "Mike Pompeo")
    assert wish is None or wish["status"] == "proposed"
    assert not [m for m in result["meetings"] if m["status"] == "held"]


def test_a_visit_cancelled_in_the_past_is_dated_in_the_past():
    result = run(
        "It would be Mike Pompeo's fourth visit to the North after Donald Trump abruptly canceled a visit "
        "scheduled for August.",
        pub=dt.date(2018, 9, 20),
    )
    for m in result["meetings"]:
        assert m["date"] is None or m["date"]["from"] < "2018-09-20"


def test_sitting_down_with_someone_after_a_first_meeting_is_a_second_meeting():
    result = run(
        "Stephen Biegun met Foreign Minister Kang Kyung-wha on Monday morning before sitting down with "
        "his South Korean counterpart Lee Do-hoon.",
        pub=dt.date(2018, 10, 29),
    )
    assert meeting(result, "Stephen Biegun", "Kang Kyung-wha") is not None
    assert meeting(result, "Stephen Biegun", "Lee Do-hoon") is not None


# -- summits told by their venue and day --------------------------------------------------------


def test_the_time_and_place_told_for_a_meeting_schedule_the_summit():
    result = run(
        "President Joe Biden has revealed the time and place for his meeting with Russian President "
        "Vladimir Putin, saying it will take place in Geneva on June 16.",
        pub=dt.date(2021, 5, 25),
    )
    summit = next(s for s in result["summits"] if set(s["leaders"]) == {"Joe Biden", "Vladimir Putin"})
    assert summit["scheduled_for"] == "2021-06-16" and summit["location"] == "Geneva"
    scheduled = changes(result, "scheduled")
    assert scheduled and scheduled[0]["announced_by"] == "Joe Biden"
    assert not [m for m in result["meetings"] if m["status"] == "held"]


def test_a_meeting_only_named_for_a_pair_whose_summit_is_ahead_is_not_held():
    result = run(
        "Donald Trump will meet Kim Jong Un in Singapore on June 12. Trump is giving details about the "
        "history-making meeting between Trump and Kim for the first time.",
        pub=dt.date(2018, 5, 10),
    )
    assert not [m for m in result["meetings"] if m["status"] == "held"]
    assert not changes(result, "held")


def test_an_undated_mention_of_a_pair_dated_elsewhere_is_that_meeting_again():
    result = run(
        "Donald Trump and Kim Jong Un met in Singapore on Tuesday. Trump had said on Saturday that he "
        "would know within a minute of meeting Kim whether a deal could be reached.",
        pub=dt.date(2018, 6, 12),
    )
    pair = [m for m in result["meetings"] if set(m["participants"]) == {"Donald Trump", "Kim Jong Un"}]
    assert len(pair) == 1 and pair[0]["date"] == {"from": "2018-06-12", "to": "2018-06-12"}


def test_the_day_a_summit_is_cancelled_is_not_its_date():
    result = run(
        "Donald Trump cancelled the summit with Kim Jong Un in a letter released on Thursday.",
        pub=dt.date(2018, 5, 26),
    )
    assert all(s["scheduled_for"] != "2018-05-24" for s in result["summits"])
    cancelled = changes(result, "cancelled")
    assert cancelled and cancelled[0]["date"] == {"from": "2018-05-24", "to": "2018-05-24"}


def test_being_forced_to_cancel_a_meeting_is_no_meeting_held():
    result = run(
        '"Sadly, I was forced to cancel the Summit Meeting in Singapore with Kim Jong Un," Donald Trump '
        "wrote on Thursday.",
        pub=dt.date(2018, 5, 26),
    )
    assert not [m for m in result["meetings"] if m["status"] == "held"]
    assert not changes(result, "held")


# -- from r24-r26: delegations, aides and the subject a story follows ------------------------------


def test_the_heads_of_two_delegations_are_the_two_sides():
    result = run(
        "The two sides met on Sunday at Panmunjom. The US delegation was led by Ambassador Sung Kim, and "
        "the North Korean delegation was headed by Vice Foreign Minister Choe Son Hui.",
        pub=dt.date(2018, 5, 29),
    )
    held = meeting(result, "Sung Kim", "Choe Son Hui")
    assert held is not None and held["date"] == {"from": "2018-05-27", "to": "2018-05-27"}


def test_officials_from_a_country_are_its_delegation_head():
    result = run(
        "Nauert said that a U.S. delegation held talks with officials from North Korea at Panmunjom on "
        "Sunday. Sung Kim, the former U.S. ambassador to Seoul, is reportedly leading the American "
        "delegation. The North Korean delegation is headed by Vice Foreign Minister Choe Son Hui.",
        pub=dt.date(2018, 5, 28),
    )
    held = meeting(result, "Sung Kim", "Choe Son Hui")
    assert held is not None and held["date"] == {"from": "2018-05-27", "to": "2018-05-27"}


def test_an_aide_of_a_country_is_its_official_named_before():
    result = run(
        "President Donald Trump met North Korean official Kim Yong Chol at the White House on Friday. "
        "The top North Korean aide met with Mike Pompeo on Wednesday night in New York.",
        pub=dt.date(2018, 6, 1),
    )
    assert meeting(result, "Kim Yong Chol", "Mike Pompeo") is not None
    assert meeting(result, "Donald Trump", "Mike Pompeo") is None


def test_a_bare_surname_follows_the_subject_of_the_story():
    # the letter's sender is named in full last, but the story follows its envoy
    result = run(
        "Kim Yong Chol arrived in Washington on Thursday. Kim is expected to meet Mike Pompeo, bearing a "
        "letter from North Korean leader Kim Jong Un. Kim, who also heads the United Front Department, "
        "flew in from Beijing. Stephen Biegun greeted Kim at the airport on Thursday.",
        pub=dt.date(2019, 1, 18),
    )
    assert meeting(result, "Stephen Biegun", "Kim Yong Chol") is not None
    assert meeting(result, "Stephen Biegun", "Kim Jong Un") is None


# -- from r27-r29 -------------------------------------------------------------------------------


def test_a_summit_that_ended_that_day_was_held():
    result = run(
        "HANOI, Feb. 28 (Wire) -- The much-anticipated second summit between Donald Trump and Kim Jong Un "
        "abruptly ended without an agreement on Thursday as the two sides refused to back down.",
        pub=dt.date(2019, 2, 28),
    )
    held = meeting(result, "Donald Trump", "Kim Jong Un")
    assert held is not None and held["status"] == "held"
    assert held["date"] == {"from": "2019-02-28", "to": "2019-02-28"}
    assert changes(result, "held") and changes(result, "concluded")


def test_a_summit_that_ended_long_ago_is_background():
    result = run(
        "Kim Jong Un met Xi Jinping in Pyongyang on Thursday, months after his summit with Donald Trump "
        "ended without a deal on February 28.",
        pub=dt.date(2019, 6, 20),
    )
    # the summit's being held is no news of this story; the meeting told with its day is a fact of it
    # ("his summit" is Kim's, the subject's, since the fifteenth pass)
    assert [c["date"]["from"] for c in changes(result, "held")] in ([], ["2019-06-20"])  # Kim and Xi's, if any
    past = meeting(result, "Donald Trump", "Kim Jong Un")
    assert past is None or past["date"] == {"from": "2019-02-28", "to": "2019-02-28"}


def test_a_surname_before_aide_qualifies_the_aide():
    result = run(
        "Donald Trump spoke outside the White House on Friday after meeting for 90 minutes with a top "
        "Kim aide in the Oval Office.",
        pub=dt.date(2018, 6, 2),
    )
    assert meeting(result, "Donald Trump", "Kim Jong Un") is None


def test_reinstating_a_summit_days_after_cancelling_it_reinstates_it():
    result = run(
        "Donald Trump on Friday capped a week of whipsaw talks by reinstating a summit with Kim Jong Un "
        "just days after he had abruptly canceled it.",
        pub=dt.date(2018, 6, 2),
    )
    revived = changes(result, "reinstated")
    assert revived and revived[0]["date"] == {"from": "2018-06-01", "to": "2018-06-01"}
    assert not [c for c in changes(result, "cancelled") if c["date"] == {"from": "2018-06-01", "to": "2018-06-01"}]
