"""Rules from the fifteenth pass: the misses of r1-r37, r40 and r43 (``docs/real-news/``), each on sentences of
our own. Each test failed on extractor 1.14.0, or guards how far its rule reaches."""

import datetime as dt

from tests.support.extraction import changes, meeting, run

# -- clauses -------------------------------------------------------------------------------


def test_hours_after_a_named_subject_met_is_a_clause_of_its_own():
    result = run(
        "Moon was given an account of the talks by Donald Trump in a telephone conversation, held only hours "
        "after Trump met with North Korean leader Kim Jong Un in Singapore on Tuesday.",
        pub=dt.date(2018, 6, 13),
    )
    summit = meeting(result, "Donald Trump", "Kim Jong Un")
    assert summit is not None and summit["status"] == "held"
    assert summit["date"] == {"from": "2018-06-12", "to": "2018-06-12"}
    assert summit["location"] == "Singapore"
    call = meeting(result, "Moon Jae-in", "Donald Trump")
    assert call is not None and call["mode"] == "phone" and call["location"] is None


def test_the_meeting_an_offer_was_made_during_was_held():
    result = run(
        "Donald Trump has accepted an invitation from Kim Jong Un to visit Pyongyang at a convenient time "
        "during their meeting in Singapore on Tuesday, state media reported.",
        pub=dt.date(2018, 6, 13),
    )
    held = [m for m in result["meetings"] if m["status"] == "held"]
    assert [(set(m["participants"]), m["date"]["from"]) for m in held] == [
        ({"Donald Trump", "Kim Jong Un"}, "2018-06-12")
    ]
    assert [c["date"]["from"] for c in changes(result, "held")] == ["2018-06-12"]


def test_a_meeting_told_again_by_during_their_meeting_stays_one():
    result = run(
        "US President Donald Trump meets with Russian President Vladimir Putin during their bilateral meeting "
        "at the G20 summit in Hamburg, Germany, July 7, 2017.",
        pub=dt.date(2018, 6, 28),
    )
    met = [m for m in result["meetings"] if set(m["participants"]) == {"Donald Trump", "Vladimir Putin"}]
    assert [(m["date"], m["status"]) for m in met] == [({"from": "2017-07-07", "to": "2017-07-07"}, "held")]


# -- triggers and moods ----------------------------------------------------------------------


def test_leaders_who_sign_a_document_together_met():
    result = run(
        'US President Donald Trump and North Korean leader Kim Jong Un signed a "comprehensive" document on '
        "Tuesday (June 12), capping a once unthinkable meeting of foes.",
        pub=dt.date(2018, 6, 12),
    )
    summit = meeting(result, "Donald Trump", "Kim Jong Un")
    assert summit is not None and summit["status"] == "held"
    assert summit["date"] == {"from": "2018-06-12", "to": "2018-06-12"}
    assert [c["date"]["from"] for c in changes(result, "held")] == ["2018-06-12"]


def test_one_who_signs_alone_meets_nobody():
    result = run("Donald Trump signed an agreement on trade on Tuesday.", pub=dt.date(2018, 6, 12))
    assert result["meetings"] == []


def test_the_summit_held_is_dated_by_the_day_told_not_the_news_window():
    result = run(
        "Donald Trump has invited Kim Jong Un to the White House after the two leaders signed a joint "
        "statement. The men signed the statement at the Capella Hotel in Singapore early Tuesday after "
        "hours of talks.",
        pub=dt.date(2018, 6, 12),
    )
    assert [c["date"] for c in changes(result, "held")] == [{"from": "2018-06-12", "to": "2018-06-12"}]
    assert meeting(result, "Donald Trump", "Kim Jong Un")["date"] == {"from": "2018-06-12", "to": "2018-06-12"}


def test_dined_with_is_a_meeting():
    result = run(
        "Last month, Mike Pompeo dined with Kim Yong Chol in New York to discuss denuclearization.",
        pub=dt.date(2018, 6, 13),
    )
    dinner = meeting(result, "Mike Pompeo", "Kim Yong Chol")
    assert dinner is not None and dinner["status"] == "held"
    assert dinner["date"] == {"from": "2018-05-01", "to": "2018-05-31"}


def test_would_no_longer_meet_is_no_meeting_planned():
    result = run(
        "A senior North Korean official criticised Vice President Mike Pence on Thursday, shortly before "
        "President Donald Trump announced that he would no longer meet with Kim Jong Un on June 12.",
        pub=dt.date(2018, 5, 24),
    )
    assert meeting(result, "Donald Trump", "Kim Jong Un") is None


# -- who and when ----------------------------------------------------------------------------


def test_at_that_time_is_the_day_just_told():
    result = run(
        "Kim Jong Un sent a letter to Donald Trump last week, marking the first anniversary of the summit "
        "they held in Singapore on June 12, 2018. At that time, both leaders signed a joint declaration.",
        pub=dt.date(2019, 6, 25),
    )
    met = [
        m
        for m in result["meetings"]
        if m["mode"] == "in_person" and set(m["participants"]) == {"Donald Trump", "Kim Jong Un"}
    ]
    assert [m["date"] for m in met] == [{"from": "2018-06-12", "to": "2018-06-12"}]


def test_their_after_a_pair_joined_by_a_lower_case_title_is_that_pair():
    result = run(
        "Stephen Biegun met his counterpart Lee Do-hoon on Monday. Biegun stressed the commitments that US "
        "President Donald Trump and North Korean leader Kim Jong Un made during their first summit in "
        "Singapore in June last year.",
        pub=dt.date(2019, 12, 17),
    )
    summit = meeting(result, "Donald Trump", "Kim Jong Un")
    assert summit is not None and summit["date"] == {"from": "2018-06-01", "to": "2018-06-30"}
    assert [m["date"]["from"] for m in result["meetings"] if "Lee Do-hoon" in m["participants"]] == ["2019-12-16"]


def test_a_wire_dateline_s_day_tells_the_weekdays():
    # the page is dated Saturday; the agency filed on Friday, June 1: "on Friday" is that day
    result = run(
        "Washington/Seoul (dpa),Jun 1 2018 - Kim Yong Chol plans to travel to Washington on Friday to hand "
        "deliver a personal letter from Kim Jong Un to US President Donald Trump.",
        pub=dt.date(2018, 6, 2),
    )
    assert result["article"]["published_on"] == "2018-06-02"
    envoy = meeting(result, "Kim Yong Chol", "Donald Trump")
    assert envoy is not None and envoy["mode"] == "in_person"
    assert envoy["date"] == {"from": "2018-06-01", "to": "2018-06-01"}
    letter = meeting(result, "Kim Jong Un", "Donald Trump")
    assert letter is not None and letter["mode"] == "letter"


def test_a_dateline_of_long_ago_is_not_the_day_of_telling():
    result = run(
        "SEOUL, March 5 (Yonhap) -- Moon Jae-in will meet Donald Trump on Friday.",
        pub=dt.date(2018, 6, 2),
    )
    assert meeting(result, "Moon Jae-in", "Donald Trump")["date"] == {"from": "2018-06-08", "to": "2018-06-08"}


def test_the_one_who_delivers_a_letter_meets_its_recipient():
    result = run(
        "Kim Yong Chol delivered the letter from North Korea's Kim Jong Un to Mr. Trump in the Oval Office on Friday.",
        pub=dt.date(2018, 6, 1),
    )
    envoy = meeting(result, "Kim Yong Chol", "Donald Trump")
    assert envoy is not None and envoy["status"] == "held" and envoy["mode"] == "in_person"
    assert meeting(result, "Kim Jong Un", "Donald Trump")["mode"] == "letter"


def test_a_letter_that_calls_a_summit_off_was_sent():
    result = run(
        "Trump called off the summit in a letter to Kim Jong Un last week, citing open hostility.",
        pub=dt.date(2018, 6, 1),
    )
    letter = meeting(result, "Donald Trump", "Kim Jong Un")
    assert letter is not None and letter["mode"] == "letter" and letter["status"] == "held"
    assert letter["date"] == {"from": "2018-05-21", "to": "2018-05-27"}
    assert [c["date"]["from"] for c in changes(result, "cancelled")] == ["2018-05-21"]


def test_a_cancellation_named_again_after_despite_is_the_one_told():
    result = run(
        "Trump called off the summit with Kim Jong Un last week. The White House said on Wednesday that "
        "preparations for the summit were ongoing despite Trump's official cancellation.",
        pub=dt.date(2018, 6, 1),
    )
    assert [c["date"] for c in changes(result, "cancelled")] == [{"from": "2018-05-21", "to": "2018-05-27"}]


def test_what_a_meeting_agreed_on_is_a_clause_of_its_own():
    result = run(
        "Moon Jae-in and Kim Jong Un agreed at a surprise second meeting on Saturday that a possible North "
        "Korea-US summit, currently planned for June 12 in Singapore, must be held successfully, Moon told "
        "a news conference in Seoul.",
        pub=dt.date(2018, 5, 27),
    )
    met = meeting(result, "Moon Jae-in", "Kim Jong Un")
    assert met is not None and met["status"] == "held"
    assert met["date"] == {"from": "2018-05-26", "to": "2018-05-26"}


def test_a_planned_meeting_is_not_one_held():
    result = run(
        "Kim Jong Un reaffirmed his commitment to a planned meeting with US President Donald Trump.",
        pub=dt.date(2018, 5, 27),
    )
    assert not [m for m in result["meetings"] if m["status"] == "held"]
    assert not changes(result, "held")


def test_a_summit_following_or_prior_to_another_meeting_keeps_its_own_day():
    result = run(
        "It will be the third meeting between Kim Jong Un and Xi Jinping following their summit in the "
        "Chinese port city of Dalian on May 8. In March, Kim made his first foreign trip to China to meet Xi "
        "in Beijing prior to his summits with South Korean President Moon Jae-in on April 27 and with U.S. "
        "President Donald Trump on June 12.",
        pub=dt.date(2018, 6, 19),
    )
    days = sorted(
        m["date"]["from"]
        for m in result["meetings"]
        if set(m["participants"]) == {"Kim Jong Un", "Xi Jinping"} and m["status"] == "held"
    )
    assert days == ["2018-03-01", "2018-05-08"]
    # "his summits" are Kim's, the subject's, not Xi's, the last one named
    assert not [s for s in result["summits"] if set(s["leaders"]) == {"Xi Jinping", "Moon Jae-in"}]


def test_a_handshake_following_a_news_conference_keeps_the_day_after_it():
    result = run(
        "President Donald Trump and South Korean President Moon Jae-in shake hands following their news "
        "conference at the Blue House in Seoul, Sunday, June 30, 2019.",
        pub=dt.date(2019, 6, 30),
    )
    assert meeting(result, "Donald Trump", "Moon Jae-in")["date"] == {"from": "2019-06-30", "to": "2019-06-30"}


def test_an_acronym_in_brackets_does_not_split_the_subject():
    result = run(
        "South Korean President Moon Jae-in and top leader of the Democratic People's Republic of Korea "
        "(DPRK) Kim Jong Un held their second summit in Panmunjom on Saturday.",
        pub=dt.date(2018, 5, 26),
    )
    summit = meeting(result, "Moon Jae-in", "Kim Jong Un")
    assert summit is not None and summit["date"] == {"from": "2018-05-26", "to": "2018-05-26"}
    assert [c["date"]["from"] for c in changes(result, "held")] == ["2018-05-26"]


def test_a_news_agency_in_brackets_still_ends_the_dateline():
    result = run(
        "Feb. 6 (UPI) -- The U.S. special envoy Stephen Biegun met Kim Hyok Chol in Pyongyang on Wednesday.",
        pub=dt.date(2019, 2, 6),
    )
    assert meeting(result, "Stephen Biegun", "Kim Hyok Chol")["date"] == {"from": "2019-02-06", "to": "2019-02-06"}


def test_will_call_president_is_a_phone_call_and_no_summit():
    result = run(
        "US President Donald Trump will call President of the Republic of Korea (RoK) Moon Jae-in on February "
        "28 night to brief him on the outcomes of his second meeting with Kim Jong Un.",
        pub=dt.date(2019, 2, 28),
    )
    call = meeting(result, "Donald Trump", "Moon Jae-in")
    assert call is not None and call["mode"] == "phone" and call["status"] == "scheduled"
    assert not [s for s in result["summits"] if set(s["leaders"]) == {"Donald Trump", "Moon Jae-in"}]


def test_called_president_x_a_name_is_no_call():
    result = run(
        "In June, Joe Biden called President Xi a dictator. The two leaders last met in Bali.",
        pub=dt.date(2023, 11, 15),
    )
    assert not [m for m in result["meetings"] if m["mode"] == "phone"]


def test_one_who_hands_on_a_letter_addressed_to_another_does_not_meet_its_addressee():
    result = run(
        "Sung Kim, the US ambassador to the Philippines, handed Ri Yong Ho a letter from Donald Trump addressed "
        "to Kim Jong Un on Saturday.",
        pub=dt.date(2018, 8, 4),
    )
    assert meeting(result, "Sung Kim", "Kim Jong Un") is None


def test_what_is_said_of_a_meeting_is_one_clause_with_its_quoted_mood():
    result = run(
        "Donald Trump, asked about the offer on Monday, told reporters at the White House that a third "
        'meeting with North Korean leader Kim Jong Un "could happen at some point."',
        pub=dt.date(2019, 9, 10),
    )
    assert not [m for m in result["meetings"] if m["status"] == "held"]
    assert not changes(result, "held")


def test_the_one_named_after_with_in_a_that_clause_is_no_he():
    result = run(
        'Donald Trump said on Thursday that a third summit with Kim Jong Un "could happen", as he hosted '
        "South Korean President Moon Jae-in at the White House.",
        pub=dt.date(2019, 4, 12),
    )
    assert meeting(result, "Donald Trump", "Moon Jae-in") is not None
    assert meeting(result, "Kim Jong Un", "Moon Jae-in") is None


def test_called_it_off_is_the_summit_just_told_of():
    result = run(
        "The upcoming summit between Donald Trump and Kim Jong Un has been the subject of a fierce "
        "back-and-forth for weeks now. Initially scheduled to take place on June 12 in Singapore, Trump "
        "briefly called it off last Thursday over the North's anger. Less than 24 hours later he said the "
        "meeting was back on the cards.",
        pub=dt.date(2018, 5, 29),
    )
    assert [c["date"]["from"] for c in changes(result, "cancelled")] == ["2018-05-24"]
    assert [c["date"]["from"] for c in changes(result, "reinstated")] == ["2018-05-25"]


def test_a_visit_called_off_is_no_summit_called_off():
    result = run(
        "Donald Trump will hold a second summit with Kim Jong Un. Mike Pompeo was set for a fourth visit in "
        "August, but Trump called it off over a lack of progress.",
        pub=dt.date(2018, 9, 27),
    )
    assert not changes(result, "cancelled")


def test_had_reconsidered_after_calling_a_summit_off_reinstates_it():
    result = run(
        "Planning for the historic summit between Donald Trump and Kim Jong Un is moving ahead after Trump "
        "called it off last week. A day later, Trump said he had reconsidered.",
        pub=dt.date(2018, 5, 29),
    )
    assert changes(result, "cancelled") and changes(result, "reinstated")


def test_a_summit_he_is_trying_to_revive_was_cancelled_not_revived():
    result = run(
        "President Donald Trump, who is trying to revive a June 12 summit with Kim Jong Un that he canceled "
        "last week, said Thursday that a letter is coming.",
        pub=dt.date(2018, 5, 31),
    )
    assert [c["date"]["from"] for c in changes(result, "cancelled")] == ["2018-05-21"]
    assert not changes(result, "reinstated")


def test_the_hope_a_dinner_was_held_in_is_a_clause_of_its_own():
    result = run(
        "Secretary of State Mike Pompeo dined with a senior North Korean official on Wednesday night in New "
        "York City in hopes of salvaging the talks that Donald Trump called off last week.",
        pub=dt.date(2018, 5, 31),
    )
    assert meeting(result, "Mike Pompeo", "Donald Trump") is None


def test_the_day_a_photo_was_released_does_not_date_the_meeting_before_it():
    result = run(
        "North Korean leader Kim Jong Un (left) and South Korean President Moon Jae-in walk together Saturday "
        "after their meeting on the north side of Panmunjom in this photo released Sunday by the Blue House.",
        pub=dt.date(2018, 5, 28),
    )
    assert meeting(result, "Kim Jong Un", "Moon Jae-in")["date"] == {"from": "2018-05-26", "to": "2018-05-26"}


def test_willing_to_meet_during_their_meeting_tells_two_events():
    result = run(
        "Moon Jae-in said that Kim Jong Un reaffirmed his willingness to meet with Donald Trump during "
        "their surprise meeting on the inter-Korean border on Saturday.",
        pub=dt.date(2018, 5, 27),
    )
    held = [m for m in result["meetings"] if m["status"] == "held"]
    assert [m["date"]["from"] for m in held] == ["2018-05-26"]


def test_leaders_who_hold_a_joint_press_conference_met():
    result = run(
        "On Sept. 19, South Korean President Moon Jae-in and North Korean leader Kim Jong Un jointly announced "
        "the September Pyongyang Declaration. Moon and Kim then held a joint press conference.",
        pub=dt.date(2018, 9, 19),
    )
    met = meeting(result, "Moon Jae-in", "Kim Jong Un")
    assert met is not None and met["status"] == "held"
    assert met["date"] == {"from": "2018-09-19", "to": "2018-09-19"}


def test_a_press_conference_with_a_counterpart_is_a_meeting():
    result = run(
        "Secretary of State Mike Pompeo announced at a press conference with Chinese Foreign Minister Wang Yi "
        "in Beijing on Thursday that China will maintain sanctions.",
        pub=dt.date(2018, 6, 14),
    )
    met = meeting(result, "Mike Pompeo", "Wang Yi")
    assert met is not None and met["date"] == {"from": "2018-06-14", "to": "2018-06-14"}


def test_the_main_clause_s_subject_is_the_one_who_meets_in_an_opening_gerund_clause():
    result = run(
        "WASHINGTON: Five days before meeting North Korean leader Kim Jong Un, US President Donald Trump said "
        "Thursday the unprecedented summit was all ready to go, as he welcomed Japanese Prime Minister Shinzo "
        "Abe to the White House.",
        pub=dt.date(2018, 6, 8),
    )
    assert meeting(result, "Donald Trump", "Shinzo Abe")["date"] == {"from": "2018-06-07", "to": "2018-06-07"}
    assert meeting(result, "Kim Jong Un", "Shinzo Abe") is None
    # five days after Thursday, still ahead: the summit's day, and no meeting held yet
    assert [s["scheduled_for"] for s in result["summits"] if "Kim Jong Un" in s["leaders"]] == ["2018-06-12"]
    assert not [m for m in result["meetings"] if "Kim Jong Un" in m["participants"] and m["status"] == "held"]
    assert [set(s["leaders"]) for s in result["summits"] if "Kim Jong Un" in s["leaders"]] == [
        {"Donald Trump", "Kim Jong Un"}
    ]


def test_an_undated_meeting_after_the_lede_is_on_the_lede_s_day():
    result = run(
        "Top diplomats of Japan, the United States and South Korea on Sunday agreed to enhance trilateral "
        "cooperation. At a meeting in Tokyo, Japanese Foreign Minister Taro Kono and his counterparts, Mike "
        "Pompeo and Kang Kyung-wha, confirmed the policy.",
        pub=dt.date(2018, 7, 8),
    )
    trio = meeting(result, "Taro Kono", "Mike Pompeo", "Kang Kyung-wha")
    assert trio is not None and trio["date"] == {"from": "2018-07-08", "to": "2018-07-08"}


def test_a_leader_s_call_on_the_host_of_his_summit_is_no_summit():
    result = run(
        "SINGAPORE: Prime Minister Lee Hsien Loong and United States President Donald Trump held a bilateral "
        "meeting in Singapore on Monday, just one day before Mr Trump and North Korean leader Kim Jong Un are due "
        "to meet "
        "for a planned summit on Sentosa island in Singapore. At the lunch, Mr Trump expressed optimism for "
        "Tuesday's meeting with Mr Kim.",
        pub=dt.date(2018, 6, 11),
    )
    assert meeting(result, "Lee Hsien Loong", "Donald Trump")["date"] == {"from": "2018-06-11", "to": "2018-06-11"}
    assert [set(s["leaders"]) for s in result["summits"]] == [{"Donald Trump", "Kim Jong Un"}]
    assert not changes(result, "held")
    # "Tuesday's meeting", looked forward to, is tomorrow's, not last week's
    summit = meeting(result, "Donald Trump", "Kim Jong Un")
    assert summit is None or summit["date"] == {"from": "2018-06-12", "to": "2018-06-12"}


def test_a_leader_s_visit_to_a_third_leader_is_still_their_summit():
    result = run(
        "Kim Jong Un met Xi Jinping in Beijing on Tuesday, a week after his summit with Donald Trump in Singapore.",
        pub=dt.date(2018, 6, 19),
    )
    assert {"Kim Jong Un", "Xi Jinping"} in [set(s["leaders"]) for s in result["summits"]]


def test_and_met_goes_on_with_the_day_of_the_clause_before():
    # (the copy's own slip dates the call after publication)
    result = run(
        "Vivian Balakrishnan previously discussed the summit in a June 14 telephone conversation with Kang "
        "Kyung-wha; on June 5, he visited the State Department in Washington, DC, and met with Secretary of State "
        "Mike Pompeo.",
        pub=dt.date(2018, 6, 7),
    )
    assert meeting(result, "Vivian Balakrishnan", "Mike Pompeo")["date"] == {"from": "2018-06-05", "to": "2018-06-05"}


def test_a_bid_to_host_a_summit_is_no_summit_held():
    result = run(
        "Mike Pompeo met Vivian Balakrishnan on June 5. During the meeting, Pompeo expressed thanks to "
        "Singapore for its bid to host the summit between US President Donald Trump and Kim Jong Un.",
        pub=dt.date(2018, 6, 7),
    )
    assert not [m for m in result["meetings"] if m["status"] == "held" and "Kim Jong Un" in m["participants"]]
    assert not changes(result, "held")


def test_planning_to_meet_looks_ahead():
    result = run(
        "Vivian Balakrishnan arrived in Pyongyang on Thursday. During his stay, Balakrishnan is planning to "
        "meet with Ri Yong Ho.",
        pub=dt.date(2018, 6, 7),
    )
    assert [m["status"] for m in result["meetings"] if "Ri Yong Ho" in m["participants"]] in (
        ["scheduled"],
        ["proposed"],
        [],
    )


# -- what is a meeting -----------------------------------------------------------------------


def test_a_summit_still_ahead_is_the_summit_not_a_meeting_too():
    result = run(
        "Donald Trump and Kim Jong Un will hold their summit in Singapore on June 12. Trump said on Friday he "
        "would meet Kim on June 12.",
        pub=dt.date(2018, 6, 2),
    )
    (summit,) = result["summits"]
    assert summit["scheduled_for"] == "2018-06-12"
    assert meeting(result, "Donald Trump", "Kim Jong Un") is None


def test_a_summit_held_is_still_a_meeting_of_its_leaders():
    result = run("Donald Trump and Kim Jong Un held their summit in Singapore on Tuesday.", pub=dt.date(2018, 6, 13))
    assert meeting(result, "Donald Trump", "Kim Jong Un")["date"] == {"from": "2018-06-12", "to": "2018-06-12"}


def test_a_planned_meeting_no_one_calls_a_summit_stays_a_meeting():
    result = run(
        "Kim Jong Un will meet Singapore Prime Minister Lee Hsien Loong on Sunday evening. Trump will meet "
        "Kim in Singapore for their summit on June 12.",
        pub=dt.date(2018, 6, 10),
    )
    lee = meeting(result, "Kim Jong Un", "Lee Hsien Loong")
    assert lee is not None and lee["status"] == "scheduled"


def test_a_leader_s_office_speaks_and_takes_no_part():
    result = run(
        "The office of South Korean President Moon Jae-in confirmed on Monday that President Donald Trump had "
        "called Moon from Singapore for a final chat before his meeting with North Korean leader Kim Jong Un.",
        pub=dt.date(2018, 6, 11),
    )
    call = meeting(result, "Donald Trump", "Moon Jae-in")
    assert call is not None and call["mode"] == "phone"
    assert call["date"]["to"] == "2018-06-11"  # on or before the day it was confirmed
    assert meeting(result, "Moon Jae-in", "Kim Jong Un") is None


def test_a_name_with_a_particle_is_found_whole_by_the_anchored_scan():
    from tracker.extraction.lexicon import lexicon
    from tracker.extraction.people import _patterns

    scan = _patterns(id(lexicon()))["post_appositive"]
    text = "Charles de Gaulle, a French president, met Adenauer."
    assert [m.group("name") for m in scan.finditer(text)] == ["Charles de Gaulle"]
    assert [m.group("name") for m in scan.regex.finditer(text)] == ["Charles de Gaulle"]


def test_the_day_a_visit_is_scheduled_to_end_is_no_meeting_of_its_own():
    result = run(
        "North Korean leader Kim Jong Un arrived in China on Monday for a four-day visit at the invitation of "
        "President Xi Jinping. But his visit, scheduled to end Thursday, will allow plenty of time to consult "
        "with Xi and other senior Chinese officials.",
        pub=dt.date(2019, 1, 7),
    )
    days = [m["date"]["from"] for m in result["meetings"] if set(m["participants"]) == {"Kim Jong Un", "Xi Jinping"}]
    assert days == ["2019-01-07"]


def test_two_who_arrive_in_one_city_have_not_met():
    result = run("Donald Trump and Kim Jong Un arrived in Singapore hours apart Sunday.", pub=dt.date(2018, 6, 11))
    assert meeting(result, "Donald Trump", "Kim Jong Un") is None
    assert not changes(result, "held")


def test_welcoming_a_document_hosts_no_one():
    result = run(
        "Japan's Prime Minister Shinzo Abe on Tuesday welcomed a statement of Kim Jong Un as a first step. "
        "Abe welcomed Chinese Premier Li Keqiang to Tokyo on Wednesday.",
        pub=dt.date(2018, 6, 13),
    )
    assert [set(m["participants"]) for m in result["meetings"]] == [{"Shinzo Abe", "Li Keqiang"}]


def test_speaking_hours_after_a_meeting_opens_a_clause():
    result = run(
        "Speaking briefly hours after Kim Jong Un and the US president met in Singapore on Tuesday, Japan's "
        "Prime Minister Shinzo Abe said he was pleased. Donald Trump had raised the issue.",
        pub=dt.date(2018, 6, 13),
    )
    assert not [m for m in result["meetings"] if "Shinzo Abe" in m["participants"]]


def test_a_leader_s_visit_to_a_capital_meets_its_head_of_state():
    result = run(
        "Chinese President Xi Jinping hosted a banquet. Relations have improved since Kim Jong Un visited "
        "Beijing in March for his first foreign trip.",
        pub=dt.date(2018, 5, 26),
    )
    visit = meeting(result, "Kim Jong Un", "Xi Jinping")
    assert visit is not None and visit["date"] == {"from": "2018-03-01", "to": "2018-03-31"}


def test_what_a_visit_comes_in_advance_of_is_a_clause_of_its_own():
    result = run(
        "Moon Jae-in met Donald Trump in Washington on Tuesday in advance of a planned summit between Trump "
        "and Kim Jong Un, the White House said.",
        pub=dt.date(2018, 5, 23),
    )
    assert meeting(result, "Moon Jae-in", "Donald Trump")["date"] == {"from": "2018-05-22", "to": "2018-05-22"}
    assert meeting(result, "Donald Trump", "Kim Jong Un") is None


def test_a_past_visit_no_one_calls_a_summit_is_a_meeting_only():
    result = run(
        "North Korean leader Kim Jong Un and Chinese President Xi Jinping met in Beijing on Tuesday. Kim made a "
        "surprise visit to Beijing in late March.",
        pub=dt.date(2018, 6, 19),
    )
    days = sorted(
        m["date"]["from"] for m in result["meetings"] if set(m["participants"]) == {"Kim Jong Un", "Xi Jinping"}
    )
    assert days == ["2018-03-21", "2018-06-19"]
    assert [s["scheduled_for"] for s in result["summits"]] == ["2018-06-19"]


def test_going_ahead_revives_nothing_no_one_called_off():
    result = run(
        "That has led to skepticism that the summit between Donald Trump and Kim Jong Un, scheduled for June 12 "
        "in Singapore, will proceed.",
        pub=dt.date(2018, 5, 22),
    )
    assert not changes(result, "reinstated")
    revived = run(
        "Donald Trump called off the summit with Kim Jong Un on Thursday. On Friday he said the summit would go ahead.",
        pub=dt.date(2018, 5, 26),
    )
    assert changes(revived, "reinstated")


def test_a_name_in_apposition_stays_in_the_opening_clause_whose_subject_follows():
    result = run(
        "Speaking in Seoul on Monday after talks with his South Korean counterpart, Lee Do-hoon, Stephen Biegun "
        "addressed North Korean officials directly.",
        pub=dt.date(2019, 12, 16),
    )
    talks = meeting(result, "Stephen Biegun", "Lee Do-hoon")
    assert talks is not None and talks["date"] == {"from": "2019-12-16", "to": "2019-12-16"}


def test_the_day_an_envoy_returned_does_not_date_the_talks_before_it():
    result = run(
        "US special representative Stephen Biegun returned to Seoul on Saturday after three days of talks in "
        "Pyongyang. Biegun, who flew to the North Korean capital on Wednesday, held talks with his counterpart "
        "Kim Hyok Chol.",
        pub=dt.date(2019, 2, 9),
    )
    talks = meeting(result, "Stephen Biegun", "Kim Hyok Chol")
    assert talks is not None and talks["date"] != {"from": "2019-02-09", "to": "2019-02-09"}


def test_chairman_kim_is_the_leader_not_the_envoy_named_in_full():
    result = run(
        "Today, Sung Kim, a former US ambassador, will lead a US delegation, Sanders said. Chairman Kim "
        "yesterday held a meeting with Prime Minister Lee Hsien Loong.",
        pub=dt.date(2018, 6, 11),
    )
    lee = meeting(result, "Kim Jong Un", "Lee Hsien Loong")
    assert lee is not None and lee["date"] == {"from": "2018-06-10", "to": "2018-06-10"}
    assert meeting(result, "Sung Kim", "Lee Hsien Loong") is None


def test_a_bare_surname_joined_to_another_leader_is_the_leader_of_that_name():
    result = run(
        "Sung Kim will lead a US delegation at the Ritz Carlton, Sanders said. Chairman Kim yesterday held a "
        "meeting with Lee Hsien Loong. The talks were cordial. Singapore has ties with both countries. Trump and "
        "Kim are set to meet on Tuesday at the Capella Hotel.",
        pub=dt.date(2018, 6, 11),
    )
    assert not [m for m in result["meetings"] if "Sung Kim" in m["participants"]]
    assert meeting(result, "Donald Trump", "Kim Jong Un")["date"] == {"from": "2018-06-12", "to": "2018-06-12"}


def test_an_invitation_accepted_at_a_summit_held_proposes_nothing_of_that_summit():
    result = run(
        "Kim Jong Un has accepted an invitation from Donald Trump to visit the United States, state media said "
        "on Wednesday. Trump and Kim held their summit in Singapore on Tuesday.",
        pub=dt.date(2018, 6, 13),
    )
    assert [c["date"]["from"] for c in changes(result, "held")] == ["2018-06-12"]
    assert not changes(result, "proposed")
