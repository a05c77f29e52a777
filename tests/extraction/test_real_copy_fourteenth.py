"""Rules from the fourteenth pass: the misses of r1-r34 (``docs/real-news/``), each on sentences of
our own. Each test failed on extractor 1.13.0, or guards how far its rule reaches."""

import datetime as dt

from tests.support.extraction import changes, meeting, run
from tracker.extraction.dates import find_dates

# -- who is a party ------------------------------------------------------------------------


def test_the_two_officials_are_not_the_two_leaders():
    # the leaders' summit is told twice, the envoys' dinner once: "the two officials" are still the envoys
    result = run(
        "Mike Pompeo and Kim Yong Chol had a working dinner in New York on Wednesday, with 13 days to go "
        "until a June 12 summit between Donald Trump and Kim Jong Un. The summit would be the first. "
        "The two officials plan to have a day full of meetings on Thursday.",
        pub=dt.date(2018, 5, 31),
    )
    thursday = meeting(result, "Mike Pompeo", "Kim Yong Chol")
    assert thursday is not None
    days = {m["date"]["from"] for m in result["meetings"] if set(m["participants"]) == {"Mike Pompeo", "Kim Yong Chol"}}
    assert days == {"2018-05-30", "2018-05-31"}
    assert not [
        m
        for m in result["meetings"]
        if m["date"] == {"from": "2018-05-31", "to": "2018-05-31"} and "Donald Trump" in m["participants"]
    ]


def test_a_bare_the_two_as_a_subject_is_the_pair_just_met():
    result = run(
        "Kim Yong Chol had dinner on Wednesday with Mike Pompeo in New York. "
        "The two planned a \u201cday full of meetings\u201d on Thursday, the White House said.",
        pub=dt.date(2018, 5, 30),
    )
    days = {m["date"]["from"] for m in result["meetings"] if set(m["participants"]) == {"Mike Pompeo", "Kim Yong Chol"}}
    assert days == {"2018-05-30", "2018-05-31"}


def test_the_two_before_a_noun_is_no_pair():
    result = run(
        "Kim Yong Chol had dinner on Wednesday with Mike Pompeo in New York. The two Koreas will meet on Friday.",
        pub=dt.date(2018, 5, 30),
    )
    assert [m["date"]["from"] for m in result["meetings"]] == ["2018-05-30"]


def test_the_speaker_told_reporters_in_a_city_is_no_party():
    result = run(
        "Mike Pompeo met Kim Yong Chol on Wednesday. The two officials will meet again on Thursday, "
        "White House press secretary Sarah Sanders told reporters in Washington.",
        pub=dt.date(2018, 5, 31),
    )
    assert not [m for m in result["meetings"] if "Sarah Sanders" in m["participants"]]
    thursday = [m for m in result["meetings"] if m["date"] == {"from": "2018-05-31", "to": "2018-05-31"}]
    assert [set(m["participants"]) for m in thursday] == [{"Mike Pompeo", "Kim Yong Chol"}]
    assert thursday[0]["location"] != "Washington"


def test_a_full_stop_ends_a_name_before_a_relative_clause():
    # "New York City. Pompeo, who ..." is no person: Pompeo is the one who spoke with Trump
    result = run(
        "Secretary of State Mike Pompeo and a top North Korean official opened talks Thursday in New York "
        "City. Pompeo, who spoke with Trump on Wednesday night, was accompanied by Andrew Kim.",
        pub=dt.date(2018, 5, 31),
    )
    assert not [p for p in result["persons"] if "City" in p["name"]]
    call = meeting(result, "Mike Pompeo", "Donald Trump")
    assert call is not None and call["date"] == {"from": "2018-05-30", "to": "2018-05-30"}
    assert call["mode"] == "unknown"


def test_each_counterpart_spoken_with_in_turn_keeps_its_own_day():
    result = run(
        "Mike Pompeo, who spoke with Donald Trump on Wednesday night and with national security adviser "
        "John Bolton early Thursday, met Kim Yong Chol on Thursday.",
        pub=dt.date(2018, 5, 31),
    )
    assert meeting(result, "Mike Pompeo", "Donald Trump")["date"]["from"] == "2018-05-30"
    assert meeting(result, "Mike Pompeo", "John Bolton")["date"]["from"] == "2018-05-31"


def test_the_speaker_of_his_own_meeting_is_its_party():
    result = run(
        "Following a meeting with North Korean envoy Kim Yong Chol at the White House, President Donald "
        "Trump told reporters that his previously cancelled meeting with Kim Jong Un would still be taking "
        "place on June 12 in Singapore.",
        pub=dt.date(2018, 6, 1),
    )
    summit = meeting(result, "Donald Trump", "Kim Jong Un")
    assert summit is not None and summit["status"] == "scheduled"
    assert summit["date"] == {"from": "2018-06-12", "to": "2018-06-12"}
    envoy = meeting(result, "Kim Yong Chol", "Donald Trump")
    assert envoy is not None and envoy["status"] == "held"
    assert [c["date"]["to"] for c in changes(result, "reinstated")] == ["2018-06-01"]
    assert not changes(result, "cancelled")


def test_the_speaker_of_someone_else_s_meeting_is_still_no_party():
    # "his pick" is not his meeting: Trump tells of Pompeo's
    result = run(
        "President Donald Trump on Wednesday confirmed that his pick for secretary of state, CIA Director "
        "Mike Pompeo, had met with Kim Jong Un in a meeting last week.",
        pub=dt.date(2018, 4, 18),
    )
    assert meeting(result, "Mike Pompeo", "Kim Jong Un") is not None
    assert meeting(result, "Donald Trump", "Kim Jong Un") is None


# -- which meeting, what mood --------------------------------------------------------------


def test_a_phrase_in_scare_quotes_still_tells_the_meeting():
    result = run(
        "Kim Yong Chol had dinner on Wednesday with Mike Pompeo. Pompeo and Kim planned a "
        "\u201cday full of meetings\u201d on Thursday.",
        pub=dt.date(2018, 5, 30),
    )
    thursday = [m for m in result["meetings"] if m["date"] == {"from": "2018-05-31", "to": "2018-05-31"}]
    assert thursday and thursday[0]["status"] == "scheduled"


def test_quoted_speech_without_a_name_still_tells_no_meeting():
    result = run(
        'Mike Pompeo met Kim Yong Chol on Wednesday. "We will have more meetings, many meetings," Pompeo said.',
        pub=dt.date(2018, 5, 31),
    )
    assert len(result["meetings"]) == 1


def test_due_in_a_city_for_talks_is_ahead():
    result = run(
        "Emmanuel Macron met Vladimir Putin in Moscow on Monday. After Moscow, Macron is due in Kiev for "
        "talks with Ukrainian President Volodymyr Zelensky on Tuesday.",
        pub=dt.date(2022, 2, 7),
    )
    kiev = meeting(result, "Emmanuel Macron", "Volodymyr Zelensky")
    assert kiev is not None and kiev["status"] == "scheduled"
    assert kiev["date"] == {"from": "2022-02-08", "to": "2022-02-08"}


def test_talks_over_the_phone_are_a_call_and_hold_no_summit():
    result = run(
        "South Korean President Moon Jae-in and US President Donald Trump talked over the phone for 40 "
        "minutes on Monday about the summit.",
        pub=dt.date(2018, 6, 11),
    )
    call = meeting(result, "Moon Jae-in", "Donald Trump")
    assert call is not None and call["mode"] == "phone"
    assert not changes(result, "held")


def test_a_sentence_opened_by_following_keeps_that_clause_apart():
    # Moon is called after the summit: he was not at it
    result = run(
        "Donald Trump met Kim Jong Un in Hanoi on Thursday. Following the first summit between the two "
        "leaders in Singapore in June last year, Trump called Moon Jae-in on board Air Force One.",
        pub=dt.date(2019, 2, 28),
    )
    days = sorted(
        m["date"]["from"] for m in result["meetings"] if set(m["participants"]) == {"Donald Trump", "Kim Jong Un"}
    )
    assert days == ["2018-06-01", "2019-02-28"]
    assert not [m for m in result["meetings"] if len(m["participants"]) > 2]


def test_a_spokesman_or_an_analyst_is_no_party():
    result = run(
        "Recep Tayyip Erdogan will meet Vladimir Putin in Sochi on Sept. 29. Kremlin spokesman Dmitry Peskov "
        "had already announced Erdogan's visit to Russia, but he did not give the date.",
        pub=dt.date(2021, 9, 22),
    )
    assert not [m for m in result["meetings"] if "Dmitry Peskov" in m["participants"]]
    assert meeting(result, "Recep Tayyip Erdogan", "Vladimir Putin") is not None


def test_talks_with_a_country_none_named_is_of_are_no_meeting_of_those_named():
    result = run(
        "Donald Trump met Kim Yong Chol at the White House on Friday. Trump gave Chinese President Xi "
        "Jinping credit for helping to move the talks with North Korea forward.",
        pub=dt.date(2018, 6, 1),
    )
    assert meeting(result, "Donald Trump", "Xi Jinping") is None
    assert meeting(result, "Donald Trump", "Kim Yong Chol") is not None


def test_the_two_leaders_are_the_pair_of_the_story_s_summit_before_any_met():
    # Kim's invitation to Russia is a Kim-Putin meeting proposed; the summit told of is Moon and Putin's
    result = run(
        "Vladimir Putin will host Moon Jae-in for a summit in Moscow on Friday. Sergei Lavrov had invited "
        "Kim Jong Un to visit Russia. Moon arrived in Moscow on Thursday and addressed the State Duma "
        "before the summit. The two leaders last met in Hamburg in July last year.",
        pub=dt.date(2018, 6, 22),
    )
    days = [m["date"] for m in result["meetings"] if set(m["participants"]) == {"Moon Jae-in", "Vladimir Putin"}]
    assert {"from": "2017-07-01", "to": "2017-07-31"} in days
    assert not [
        m
        for m in result["meetings"]
        if m["date"] == {"from": "2017-07-01", "to": "2017-07-31"} and "Kim Jong Un" in m["participants"]
    ]


def test_a_count_of_weeks_before_after_keeps_its_event_and_dates_it_back():
    result = run(
        "North Korean leader Kim Jong Un met Chinese President Xi Jinping on Tuesday, one week after a "
        "landmark summit in Singapore with Donald Trump.",
        pub=dt.date(2018, 6, 19),
    )
    singapore = meeting(result, "Kim Jong Un", "Donald Trump")
    assert singapore is not None and singapore["date"] == {"from": "2018-06-12", "to": "2018-06-12"}
    assert [c["date"]["from"] for c in changes(result, "held") if c["date"]["from"] == "2018-06-19"] in (
        [],
        ["2018-06-19"],
    )


def test_months_after_a_summit_date_it_to_that_month_and_not_the_story():
    result = run(
        "Donald Trump and Kim Jong Un shook hands in Hanoi on Wednesday evening, eight months after they "
        "first met in Singapore. After a 20-minute conversation, the two leaders sat down to dinner with "
        "Mike Pompeo and Kim Yong Chol.",
        pub=dt.date(2019, 2, 27),
    )
    days = sorted(
        m["date"]["from"] for m in result["meetings"] if set(m["participants"]) == {"Donald Trump", "Kim Jong Un"}
    )
    assert days == ["2018-06-01", "2019-02-27"]
    dinner = [m for m in result["meetings"] if "Mike Pompeo" in m["participants"]]
    assert dinner and dinner[0]["date"] == {"from": "2019-02-27", "to": "2019-02-27"}


def test_an_undated_letter_is_not_the_pair_s_meeting_months_before():
    result = run(
        "Mike Pompeo shook hands with Ri Yong Ho on Saturday, less than two months after Donald Trump and "
        "Kim Jong Un met in Singapore. Sung Kim handed Ri a letter from Trump addressed to Kim Jong Un.",
        pub=dt.date(2018, 8, 4),
    )
    letter = [m for m in result["meetings"] if m["mode"] == "letter"]
    assert letter and set(letter[0]["participants"]) == {"Donald Trump", "Kim Jong Un"}
    assert letter[0]["date"]["to"] == "2018-08-04"
    met = [m for m in result["meetings"] if m["mode"] == "in_person" and "Donald Trump" in m["participants"]]
    assert met and met[0]["date"] == {"from": "2018-06-01", "to": "2018-06-30"}


def test_landing_for_a_summit_is_no_summit_held():
    result = run(
        "US President Donald Trump has landed in Singapore for his historic summit with North Korean leader "
        "Kim Jong Un.",
        pub=dt.date(2018, 6, 10),
    )
    assert not changes(result, "held")
    assert not [m for m in result["meetings"] if m["status"] == "held"]


def test_the_pair_meeting_on_the_day_is_their_summit_held_whatever_they_propose():
    # the White House visit proposed is another summit; Tuesday's talks in Singapore were held
    result = run(
        "Donald Trump has invited Kim Jong Un to the White House after the two leaders signed a joint "
        "statement. Speaking after the signing, Trump said 'Certainly I will' when asked by a reporter if Kim "
        "was invited to Washington. Kim did not answer the same question moments later, but smiled and shook "
        "hands with the president, suggesting that he will accept the invitation. The men signed the "
        "statement at the Capella Hotel in Singapore early Tuesday after hours of talks.",
        pub=dt.date(2018, 6, 12),
    )
    assert [c["date"] for c in changes(result, "held")] == [{"from": "2018-06-12", "to": "2018-06-12"}]


def test_meetings_to_put_a_summit_back_on_track_reinstate_nothing():
    result = run(
        "On May 24, Donald Trump abruptly canceled his planned summit with Kim Jong Un, but there has been a "
        "rapid succession of meetings over the past week to put the summit back on track.",
        pub=dt.date(2018, 5, 31),
    )
    assert len(changes(result, "cancelled")) == 1
    assert not changes(result, "reinstated")


def test_a_pair_that_had_dinner_and_were_expected_to_go_on_talking_meets_again():
    result = run(
        "Mike Pompeo and Kim Yong Chol had a 90-minute dinner meeting in Manhattan on Wednesday and were "
        "expected to continue to iron out their positions on Thursday on an agenda for a planned June 12 "
        "leaders' summit.",
        pub=dt.date(2018, 5, 31),
    )
    dates = [
        m["date"]["from"] for m in result["meetings"] if set(m["participants"]) == {"Mike Pompeo", "Kim Yong Chol"}
    ]
    assert dates == ["2018-05-30", "2018-05-31"]


def test_a_date_before_a_plural_possessive_belongs_to_the_summit():
    (june_12,) = find_dates(
        "on an agenda for a planned June 12 leaders\u2019 summit in Singapore", dt.date(2018, 5, 31)
    )
    assert june_12.attached_to == "summit"


def test_a_summit_named_after_two_countries_is_their_named_heads_summit():
    result = run(
        "Mike Pompeo met South Korean President Moon Jae-in in Seoul on Wednesday to brief him on the "
        "outcome of the US-North Korea summit. Donald Trump has praised Kim Jong Un since.",
        pub=dt.date(2018, 6, 13),
    )
    assert [set(s["leaders"]) for s in result["summits"]] == [{"Donald Trump", "Kim Jong Un"}]


def test_a_summit_between_two_countries_without_their_heads_named_is_no_pair():
    result = run(
        "Mike Pompeo met Moon Jae-in in Seoul on Wednesday to brief him on the summit between the United "
        "States and North Korea.",
        pub=dt.date(2018, 6, 13),
    )
    assert not [s for s in result["summits"] if "Kim Jong Un" in s["leaders"]]


def test_a_relative_clause_with_whom_tells_its_own_event():
    result = run(
        "Mike Pompeo held talks in Pyongyang on Saturday. Pompeo then sat down again with Kim Yong Chol, the "
        "party official with whom he arranged the summit between Donald Trump and Kim Jong Un in Singapore "
        "on June 12.",
        pub=dt.date(2018, 7, 7),
    )
    talks = meeting(result, "Mike Pompeo", "Kim Yong Chol")
    assert talks is not None and talks["date"]["to"] == "2018-07-07"
    singapore = meeting(result, "Donald Trump", "Kim Jong Un")
    assert singapore is not None and singapore["date"] == {"from": "2018-06-12", "to": "2018-06-12"}


def test_a_caption_that_is_a_dated_sentence_with_a_bare_credit_is_read():
    from tracker.extraction.furniture import is_furniture

    assert not is_furniture(
        "Unification Minister Cho Myoung-gyon crosses the border to attend a meeting with his counterpart "
        "Ri Son Gwon in Panmunjom, August 13, 2018. /Reuters Photo"
    )
    assert not is_furniture("Mike Pompeo arrives for talks with Kim Yong Chol in Pyongyang on July 7, 2018. PHOTO: AFP")
    assert is_furniture("Kim Jong Un and Moon Jae-in at Panmunjom REUTERS/Pool")
    assert is_furniture("PHOTO: AFP")


def test_a_call_that_affirmed_a_meeting_ahead_was_held():
    result = run(
        "Shinzo Abe will meet Donald Trump in Washington on June 7. In a Monday phone call, Trump and Abe "
        "affirmed that they would meet ahead of the summit with Kim Jong Un.",
        pub=dt.date(2018, 5, 30),
    )
    calls = [m for m in result["meetings"] if m["mode"] == "phone"]
    assert [(c["status"], c["date"]) for c in calls] == [("held", {"from": "2018-05-28", "to": "2018-05-28"})]
