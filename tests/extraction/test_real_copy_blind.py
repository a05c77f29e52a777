"""Rules from the twelfth pass: the blind sets r13-r14 (Trump-Kim wire and broadcast copy, 2018-2019)
and the re-read of r1-r12 (``docs/real-news/``), each on sentences of our own."""

import datetime as dt

from tests.support.extraction import changes, meeting, run


def test_a_caption_that_tells_a_dated_fact_before_its_credit_is_read():
    result = run(
        "Russian President Vladimir Putin and North Korean leader Kim Jong Un shake hands during their "
        "meeting in Vladivostok, Russia, on April 25, 2019. (AP Photo/Alexander Zemlianichenko, Pool)\n\n"
        "The two men spoke about sanctions.",
        pub=dt.date(2019, 4, 26),
    )
    held = meeting(result, "Vladimir Putin", "Kim Jong Un")
    assert held is not None and held["date"] == {"from": "2019-04-25", "to": "2019-04-25"}


def test_a_credit_line_without_a_sentence_before_it_stays_furniture():
    result = run(
        "Kim Jong Un meets Vladimir Putin in Vladivostok (Reuters photo)\n\nThe weather was fine.",
        pub=dt.date(2019, 4, 26),
    )
    assert result["meetings"] == []


def test_a_meeting_anticipated_or_prepared_for_is_not_held():
    result = run(
        "Trump confirmed Tuesday that the two countries are talking at very high levels in preparation "
        "for an anticipated meeting between Trump and Kim Jong Un.",
        pub=dt.date(2018, 4, 17),
    )
    assert not [m for m in result["meetings"] if m["status"] == "held"]
    assert not changes(result, "held")


def test_the_president_an_envoy_travels_for_is_not_a_party():
    result = run(
        "CIA Director Mike Pompeo met Kim Jong Un in Pyongyang over Easter weekend as an envoy for "
        "President Donald Trump, two officials said on Tuesday.",
        pub=dt.date(2018, 4, 17),
    )
    assert meeting(result, "Mike Pompeo", "Kim Jong Un") is not None
    assert not [m for m in result["meetings"] if "Donald Trump" in m["participants"]]


def test_an_invitee_with_a_title_meets_the_host_countrys_leader():
    result = run(
        "Russian President Vladimir Putin has long wanted a summit. Foreign Minister Sergei Lavrov on "
        "Thursday invited North Korean leader Kim Jong Un to visit Russia.",
        pub=dt.date(2018, 5, 31),
    )
    # the visit proposed is Putin and Kim's summit (recorded as the summit, not as a meeting too)
    assert [set(s["leaders"]) for s in result["summits"]] == [{"Vladimir Putin", "Kim Jong Un"}]
    assert [c["status"] for c in result["status_changes"]] == ["proposed"]
    assert meeting(result, "Sergei Lavrov", "Kim Jong Un") is None


def test_a_speaker_who_said_it_in_a_letter_is_its_sender():
    result = run(
        "Trump said in a letter to Kim Jong Un released by the White House on Thursday that, based on "
        'the statement, it was "inappropriate, at this time, to have this long-planned meeting."',
        pub=dt.date(2018, 5, 24),
    )
    letter = meeting(result, "Donald Trump", "Kim Jong Un")
    assert letter is not None and letter["mode"] == "letter"


def test_withdrawing_from_a_summit_cancels_it_and_weapons_withdrawn_cancel_nothing():
    result = run(
        "President Donald Trump had withdrawn from the summit with Kim Jong Un on May 24.",
        pub=dt.date(2018, 6, 1),
    )
    (change,) = changes(result, "cancelled")
    assert change["date"] == {"from": "2018-05-24", "to": "2018-05-24"}
    zone = run(
        "Vladimir Putin, speaking after talks with Recep Tayyip Erdogan in Sochi on Monday, said heavy "
        "weapons would be withdrawn from the zone by October 10.",
        pub=dt.date(2018, 9, 17),
    )
    assert not changes(zone, "cancelled")


def test_a_meeting_held_to_ensure_a_summit_keeps_its_own_parties():
    result = run(
        "South Korean President Moon Jae-in held a surprise meeting with North Korean leader Kim Jong Un "
        "on Saturday in an effort to ensure a summit between Kim and US President Donald Trump takes "
        "place, officials said.",
        pub=dt.date(2018, 5, 26),
    )
    held = meeting(result, "Moon Jae-in", "Kim Jong Un")
    assert held is not None and held["status"] == "held"
    assert held["date"] == {"from": "2018-05-26", "to": "2018-05-26"}
    assert not [m for m in result["meetings"] if m["status"] == "held" and "Donald Trump" in m["participants"]]


def test_an_aim_to_revive_is_no_reinstatement():
    result = run(
        "President Donald Trump began his summit with Vladimir Putin in Helsinki on Monday, testing his "
        "pledge to revive ties with Russia.",
        pub=dt.date(2018, 7, 16),
    )
    assert not changes(result, "reinstated")
    assert changes(result, "held")


def test_a_bare_surname_after_an_aide_to_his_leader_is_the_aide():
    result = run(
        "Kim Yong Chol, a close aide to North Korean leader Kim Jong Un, left Washington on Saturday.\n\n"
        "Kim met President Donald Trump at the White House on Friday.",
        pub=dt.date(2019, 1, 19),
    )
    assert meeting(result, "Kim Yong Chol", "Donald Trump") is not None
    assert meeting(result, "Kim Jong Un", "Donald Trump") is None


def test_two_meetings_joined_by_or_are_two_meetings():
    result = run(
        "Kim Yong Chol refused to answer questions about Friday's meeting with President Donald Trump "
        "or Kim's earlier meeting with Secretary of State Mike Pompeo.",
        pub=dt.date(2019, 1, 19),
    )
    assert meeting(result, "Kim Yong Chol", "Donald Trump") is not None
    assert meeting(result, "Kim Yong Chol", "Mike Pompeo") is not None
    assert meeting(result, "Kim Yong Chol", "Donald Trump", "Mike Pompeo") is None


def test_an_offer_after_the_summit_does_not_make_the_summit_a_proposal():
    result = run(
        "President Trump cut short his summit with Kim Jong Un on Thursday, rejecting the North Korean "
        "leader's offer to dismantle a nuclear complex.",
        pub=dt.date(2019, 2, 28),
    )
    held = meeting(result, "Donald Trump", "Kim Jong Un")
    assert held is not None and held["status"] == "held"
    assert changes(result, "concluded") and changes(result, "held")


def test_the_two_korean_leaders_are_the_heads_of_the_two_koreas():
    result = run(
        "South Korean President Moon Jae-in greeted North Korean leader Kim Jong Un at the border.\n\n"
        "The meeting comes weeks before Kim is due to meet U.S. President Donald Trump.\n\n"
        "Kim spoke before the two Korean leaders began talks on Friday, an official said.",
        pub=dt.date(2018, 4, 27),
    )
    talks = meeting(result, "Moon Jae-in", "Kim Jong Un")
    assert talks is not None and talks["date"] == {"from": "2018-04-27", "to": "2018-04-27"}
    assert not [m for m in result["meetings"] if m["status"] == "held" and "Donald Trump" in m["participants"]]


def test_a_bare_shared_surname_beside_someone_is_the_namesake_already_meeting_him():
    result = run(
        "Kim Yong Chol had dinner with Secretary of State Mike Pompeo in New York on Wednesday. Their talks "
        "will decide whether a meeting between Donald Trump and Kim Jong Un can be restored.\n\n"
        "As Kim and Pompeo were meeting, other teams were meeting in Singapore.",
        pub=dt.date(2018, 5, 31),
    )
    assert meeting(result, "Kim Jong Un", "Mike Pompeo") is None
    assert meeting(result, "Kim Yong Chol", "Mike Pompeo") is not None


def test_a_planned_summit_between_two_leaders_is_not_held_on_the_day_of_the_trip_for_it():
    result = run(
        "Pompeo traveled to Pyongyang on Wednesday for meetings leading up to a planned summit between "
        "Trump and North Korean leader Kim Jong Un.",
        pub=dt.date(2018, 5, 9),
    )
    assert not [m for m in result["meetings"] if m["status"] == "held" and "Donald Trump" in m["participants"]]
    assert not changes(result, "held")


def test_who_breaks_the_news_of_a_visit_is_not_its_party():
    result = run(
        "President Donald Trump on Wednesday broke the news of Pompeo's second visit to North Korea and "
        "his meeting with Kim Jong Un in Pyongyang.",
        pub=dt.date(2018, 5, 9),
    )
    assert not [m for m in result["meetings"] if "Donald Trump" in m["participants"]]


def test_a_leaders_summit_told_ahead_in_an_attribution_is_scheduled_the_day_it_was_said():
    result = run(
        "President Yoon Suk Yeol will visit Tokyo from March 16 to 17 for a summit with Japanese Prime "
        "Minister Fumio Kishida, the presidential office said Thursday.",
        pub=dt.date(2023, 3, 9),
    )
    (change,) = changes(result, "scheduled")
    assert change["date"] == {"from": "2023-03-09", "to": "2023-03-09"}


def test_leaders_who_may_meet_as_a_source_said_are_proposed_that_day():
    result = run(
        "Russian President Vladimir Putin and Turkish counterpart Recep Tayyip Erdogan may meet in Moscow "
        "next week, the Kremlin said Friday.",
        pub=dt.date(2020, 2, 28),
    )
    (change,) = changes(result, "proposed")
    assert change["date"] == {"from": "2020-02-28", "to": "2020-02-28"}
    assert not changes(result, "scheduled")


def test_a_leader_open_to_meeting_again_proposes_a_summit_not_a_meeting_held():
    result = run(
        "President Donald Trump this week said he is open to meeting again with North Korean leader Kim Jong Un.",
        pub=dt.date(2020, 7, 10),
    )
    assert not [m for m in result["meetings"] if m["status"] == "held"]
    assert not changes(result, "held")
    assert changes(result, "proposed")


def test_the_last_summit_is_not_dated_by_the_meeting_just_told():
    result = run(
        "President Donald Trump met with South Korean President Moon Jae-in at the White House on Thursday. "
        "Trump said he has a good relationship with North Korean leader Kim Jong Un despite failing to reach "
        "a deal with him during the last summit.",
        pub=dt.date(2019, 4, 11),
    )
    assert meeting(result, "Donald Trump", "Moon Jae-in")["date"] == {"from": "2019-04-11", "to": "2019-04-11"}
    last = meeting(result, "Donald Trump", "Kim Jong Un")
    assert last is None or last["date"] is None
    trump_kim = [s["ref"] for s in result["summits"] if set(s["leaders"]) == {"Donald Trump", "Kim Jong Un"}]
    assert not [c for c in changes(result, "held") if c["summit"] in trump_kim and c["date"]]


def test_a_summit_held_without_a_day_in_the_news_is_dated_the_day_of_publication():
    result = run(
        "North Korean leader Kim Jong Un stepped across the border to shake hands with South Korean "
        "President Moon Jae-in, and the two leaders held a summit at the truce village of Panmunjom.",
        pub=dt.date(2018, 4, 27),
    )
    (summit,) = result["summits"]
    assert summit["scheduled_for"] == "2018-04-27"


def test_talks_aimed_at_a_summit_between_two_leaders_are_the_envoys_own():
    result = run(
        "Secretary of State Mike Pompeo is to meet North Korean official Kim Yong Chol on Friday for talks "
        "aimed at finalizing a second summit between President Donald Trump and leader Kim Jong Un.",
        pub=dt.date(2019, 1, 18),
    )
    talks = meeting(result, "Mike Pompeo", "Kim Yong Chol")
    assert talks is not None and talks["status"] == "scheduled"
    assert talks["date"] == {"from": "2019-01-18", "to": "2019-01-18"}


def test_speaking_of_having_a_summit_proposes_it():
    result = run(
        "President Donald Trump has spoken several times of having a second summit with North Korean "
        "leader Kim Jong Un early this year.",
        pub=dt.date(2019, 1, 18),
    )
    assert not [m for m in result["meetings"] if m["status"] == "held"]
    assert not changes(result, "held")


def test_a_cancellation_told_three_times_is_one_change():
    result = run(
        "President Donald Trump on Friday said his summit with North Korea's leader could still happen, a day "
        "after he cancelled it.\n\nTrump said officials had said the North Koreans had become unresponsive, "
        "leading to the summit's cancellation yesterday.\n\nYesterday, in a letter to Kim Jong Un, Trump "
        "announced that he was cancelling their June 12 summit in Singapore.",
        pub=dt.date(2018, 5, 25),
    )
    (change,) = changes(result, "cancelled")
    assert change["date"] == {"from": "2018-05-24", "to": "2018-05-24"}
    assert change["announced_by"] == "Donald Trump"


def test_the_leader_a_letter_is_addressed_to_does_not_announce_the_change():
    result = run(
        "Yesterday, in a letter to Kim Jong Un, Trump announced that he was cancelling their June 12 summit "
        "in Singapore.",
        pub=dt.date(2018, 5, 25),
    )
    (change,) = changes(result, "cancelled")
    assert change["announced_by"] == "Donald Trump"


def test_ready_to_proceed_toward_denuclearization_reinstates_nothing():
    result = run(
        "Russian President Vladimir Putin said after his summit with Kim Jong Un yesterday that the North "
        "Korean leader is ready to proceed toward denuclearization.",
        pub=dt.date(2019, 4, 26),
    )
    assert not changes(result, "reinstated")
    held = meeting(result, "Vladimir Putin", "Kim Jong Un")
    assert held is not None and held["status"] == "held"
    assert held["date"] == {"from": "2019-04-25", "to": "2019-04-25"}


def test_a_meeting_that_has_been_delayed_did_not_take_place():
    result = run(
        "Kim Yong Chol's meeting with Secretary of State Mike Pompeo in New York on Thursday has been delayed, "
        "the State Department said.",
        pub=dt.date(2018, 11, 7),
    )
    assert meeting(result, "Kim Yong Chol", "Mike Pompeo")["status"] == "cancelled"


def test_a_captions_position_marks_do_not_split_its_sentence():
    result = run(
        "Secretary of State Mike Pompeo (R) and Kim Yong Chol (L), a senior North Korean official, arrive for "
        "a lunch in Pyongyang, North Korea on July 7, 2018.",
        pub=dt.date(2018, 11, 7),
    )
    lunch = meeting(result, "Mike Pompeo", "Kim Yong Chol")
    assert lunch is not None and lunch["date"] == {"from": "2018-07-07", "to": "2018-07-07"}


def test_envoys_of_a_titled_president_do_not_make_him_a_party():
    result = run(
        "Kim Yong Chol held a meeting in Pyongyang on Monday with special envoys of South Korean President "
        "Moon Jae-in.",
        pub=dt.date(2018, 3, 5),
    )
    assert meeting(result, "Kim Yong Chol", "Moon Jae-in") is None


def test_who_confirms_that_a_meeting_took_place_is_not_its_party():
    result = run(
        "President Donald Trump on Wednesday confirmed in an early morning tweet that CIA Director Mike "
        "Pompeo had met with North Korean leader Kim Jong Un last week.",
        pub=dt.date(2018, 4, 18),
    )
    assert meeting(result, "Mike Pompeo", "Kim Jong Un") is not None
    assert not [m for m in result["meetings"] if "Donald Trump" in m["participants"]]


def test_who_sends_an_envoy_on_a_trip_is_not_its_party():
    result = run(
        "President Donald Trump said he sent CIA Director Mike Pompeo on a secret mission to North Korea over "
        "Easter weekend to begin laying the groundwork for talks.",
        pub=dt.date(2018, 4, 18),
    )
    assert not [m for m in result["meetings"] if "Donald Trump" in m["participants"]]


def test_a_with_clause_telling_another_meeting_is_that_meetings_own():
    result = run(
        "Russian Foreign Minister Sergei Lavrov met North Korean leader Kim Jong Un in Pyongyang on Thursday."
        "\n\nHis visit comes amid a flurry of diplomacy, with US Secretary of State Mike Pompeo also meeting "
        "Kim's right-hand man Kim Yong Chol in New York late Wednesday.",
        pub=dt.date(2018, 5, 31),
    )
    talks = meeting(result, "Mike Pompeo", "Kim Yong Chol")
    assert talks is not None and talks["date"] == {"from": "2018-05-30", "to": "2018-05-30"}


def test_an_unnamed_counterpart_is_the_one_the_article_names_as_counterpart():
    result = run(
        "North Korea's special representative Kim Hyok Chol arrived in Beijing on Tuesday, en route to Hanoi "
        "to meet his Washington counterpart ahead of a second summit.\n\nKim Hyok Chol and his US counterpart "
        "Stephen Biegun held three days of talks in Pyongyang earlier this month.\n\nPreparations are under way "
        "for the summit on February 27-28.",
        pub=dt.date(2019, 2, 19),
    )
    assert not [m for m in result["meetings"] if "Washington counterpart" in m["participants"]]
    planned = meeting(result, "Kim Hyok Chol", "Stephen Biegun")
    assert planned["status"] == "scheduled"
    # no day of its own: between publication and the summit, a guess under the review threshold
    assert planned["date"] == {"from": "2019-02-19", "to": "2019-02-26"} and planned["confidence"] <= 0.5


def test_announcing_that_he_would_hold_a_summit_schedules_it_the_day_announced():
    result = run(
        "President Donald Trump announced on Friday (Saturday morning India time) that he would hold a second "
        "summit with North Korean leader Kim Jong Un in Hanoi on February 27 and 28.",
        pub=dt.date(2019, 2, 9),
    )
    (change,) = changes(result, "scheduled")
    assert change["date"] == {"from": "2019-02-08", "to": "2019-02-08"}
    assert result["summits"][0]["scheduled_for"] == "2019-02-27"


def test_the_location_of_a_meeting_announced_is_no_meeting_held():
    result = run(
        "Trump had announced Vietnam as the location of his meeting with Kim Jong Un during his State of the "
        "Union address on February 5.\n\nThe two leaders met for the first time on June 12 in Singapore.",
        pub=dt.date(2019, 2, 9),
    )
    assert not [m for m in result["meetings"] if m["date"] == {"from": "2019-02-05", "to": "2019-02-05"}]
    first = meeting(result, "Donald Trump", "Kim Jong Un")
    assert first is not None and first["date"] == {"from": "2018-06-12", "to": "2018-06-12"}


def test_any_summit_between_two_leaders_is_not_one_held():
    result = run(
        "U.S. officials met North Korean officials at the border on Sunday. The two delegations are focused on "
        "the substance of any summit between Donald Trump and Kim Jong Un.",
        pub=dt.date(2018, 5, 27),
    )
    assert meeting(result, "Donald Trump", "Kim Jong Un") is None
    assert not changes(result, "held")


def test_a_third_person_named_in_passing_is_not_a_party_to_the_call():
    result = run(
        "President Donald Trump told South Korean President Moon Jae-in in a phone call on Thursday that he "
        "regretted not striking a deal with North Korean leader Kim Jong Un.",
        pub=dt.date(2019, 2, 28),
    )
    call = meeting(result, "Donald Trump", "Moon Jae-in")
    assert call is not None and call["date"] == {"from": "2019-02-28", "to": "2019-02-28"}
    assert meeting(result, "Donald Trump", "Moon Jae-in", "Kim Jong Un") is None


def test_people_listed_together_stay_one_meeting():
    result = run(
        "After a short conversation, the two leaders sat down to dinner with Secretary of State Mike Pompeo, "
        "acting chief of staff Mick Mulvaney, Kim Yong Chol and Foreign Minister Ri Yong Ho in Hanoi on "
        "Wednesday, as Donald Trump and Kim Jong Un began their summit.",
        pub=dt.date(2019, 2, 27),
    )
    dinner = [m for m in result["meetings"] if len(m["participants"]) >= 5]
    assert dinner and {"Mike Pompeo", "Mick Mulvaney", "Kim Yong Chol", "Ri Yong Ho"} <= set(dinner[0]["participants"])


def test_the_kim_regime_is_not_kim():
    result = run(
        "North Korean leader Kim Jong Un met Chinese President Xi Jinping in March.\n\nSouth Korean President "
        "Moon Jae-in has held several meetings this week with representatives of the Kim regime.",
        pub=dt.date(2018, 5, 4),
    )
    assert meeting(result, "Moon Jae-in", "Kim Jong Un") is None


def test_capping_off_their_summit_concludes_a_summit_held_that_day():
    result = run(
        "President Donald Trump on Tuesday signed a comprehensive document alongside North Korean leader Kim "
        "Jong Un, capping off their historic summit in Singapore.",
        pub=dt.date(2018, 6, 12),
    )
    held = meeting(result, "Donald Trump", "Kim Jong Un")
    assert held is not None and held["date"] == {"from": "2018-06-12", "to": "2018-06-12"}
    assert [c["date"] for c in changes(result, "concluded")] == [{"from": "2018-06-12", "to": "2018-06-12"}]


def test_two_leaders_meeting_on_the_day_of_the_news_hold_their_summit_without_the_word():
    result = run(
        "President Donald Trump labored to keep his planned summit with North Korean leader Kim Jong Un in "
        "Singapore on track.\n\nThe stakes are high.\n\nSeated in the Oval Office with South Korean President "
        "Moon Jae-in on Tuesday, Trump met Moon for two hours.",
        pub=dt.date(2018, 5, 23),
    )
    pair = [s["ref"] for s in result["summits"] if set(s["leaders"]) == {"Donald Trump", "Moon Jae-in"}]
    assert pair
    assert [c["date"] for c in changes(result, "held") if c["summit"] == pair[0]] == [
        {"from": "2018-05-22", "to": "2018-05-22"}
    ]


def test_a_courtesy_call_on_the_host_on_the_eve_of_the_summit_is_not_a_summit():
    result = run(
        "President Donald Trump will meet North Korean leader Kim Jong Un in Singapore on Tuesday.\n\n"
        "The city is ready.\n\nOn Monday Trump met Singapore's Prime Minister Lee Hsien Loong at the Istana.",
        pub=dt.date(2018, 6, 11),
    )
    assert not [s for s in result["summits"] if "Lee Hsien Loong" in s["leaders"]]


def test_a_bare_surname_refers_back_not_to_a_namesake_named_only_later():
    result = run(
        "Kim Hyok Chol, North Korea's special representative, arrived in Hanoi on Wednesday.\n\nHe left the "
        "airport with two officials.\n\nThey were driven away. Kim is expected to meet Stephen Biegun on "
        "Thursday to prepare the talks between President Donald Trump and leader Kim Jong Un next week.",
        pub=dt.date(2019, 2, 20),
    )
    assert meeting(result, "Kim Hyok Chol", "Stephen Biegun") is not None
    assert meeting(result, "Kim Jong Un", "Stephen Biegun") is None
