"""Rules from the seventeenth pass: the misses of the blind sets r57, r58 and r62 (``docs/real-news/``), each on
sentences of our own. Each test failed on extractor 1.16.0, or guards how far its rule reaches."""

import datetime as dt

from tests.support.extraction import changes, meeting, run

# -- an event referred to, and what comes months after it ---------------------------------------------


def test_an_event_referred_to_keeps_its_own_tense():
    # "will discuss ..., a statement said, referring to the June meeting": the June meeting is the one held
    result = run(
        'The secretary of state and Kim Yong Chol "will discuss making progress on the joint statement," a '
        "statement said, referring to the June meeting between President Donald Trump and North Korean leader "
        "Kim Jong Un.",
        pub=dt.date(2018, 11, 6),
    )
    met = meeting(result, "Donald Trump", "Kim Jong Un")
    assert met is not None and met["status"] == "held"
    assert met["date"] == {"from": "2018-06-01", "to": "2018-06-30"}


def test_what_comes_months_after_a_summit_counts_back_from_publication():
    # (not from the last day told: five months before October 7 is May)
    result = run(
        "Pompeo last met Kim Yong Chol in Pyongyang on October 7. The New York meeting comes with the two sides at "
        "loggerheads nearly five months after the summit, in which Trump and Kim Jong Un pledged to work toward "
        "denuclearization.",
        pub=dt.date(2018, 11, 6),
    )
    summit = next(s for s in result["summits"] if set(s["leaders"]) == {"Donald Trump", "Kim Jong Un"})
    assert summit["scheduled_for"] == "2018-06-01"


# -- the one met, named later -------------------------------------------------------------------------


def test_an_aide_met_is_the_aide_named_next():
    result = run(
        "US Secretary of State Mike Pompeo will meet a top aide to North Korean leader Kim Jong Un in New York on "
        'Thursday, the State Department said. Pompeo and Kim Yong Chol "will discuss making progress," a statement '
        "said.",
        pub=dt.date(2018, 11, 6),
    )
    met = meeting(result, "Mike Pompeo", "Kim Yong Chol")
    assert met is not None and met["status"] == "scheduled"
    assert met["date"] == {"from": "2018-11-08", "to": "2018-11-08"} and met["location"] == "New York"
    assert meeting(result, "Mike Pompeo", "Kim Jong Un") is None


def test_a_leader_met_indefinitely_is_no_one_in_particular():
    result = run(
        "No sitting U.S. president has met a North Korean leader. Kim Jong Il met Bill Clinton's envoy.",
        pub=dt.date(2018, 3, 9),
    )
    assert all(
        "Kim Jong Il" not in m["participants"] or "Bill Clinton" in m["participants"] for m in result["meetings"]
    )
    assert not [m for m in result["meetings"] if m["status"] == "held" and "Donald Trump" in m["participants"]]


def test_a_counterpart_named_in_the_next_sentence_is_the_same_meeting():
    result = run(
        "President Donald Trump says Secretary of State Mike Pompeo's meeting with his North Korean counterpart was "
        "postponed. Pompeo had been scheduled to meet with Kim Yong Chol in New York on Thursday.",
        pub=dt.date(2018, 11, 7),
    )
    assert len(result["meetings"]) == 1
    met = meeting(result, "Mike Pompeo", "Kim Yong Chol")
    assert met is not None and met["status"] == "cancelled" and met["location"] == "New York"
    # (published on a Wednesday: the Thursday of a plan called off is the next day, not last week's)
    assert met["date"] == {"from": "2018-11-08", "to": "2018-11-08"}


def test_a_counterpart_of_another_country_is_not_renamed():
    result = run(
        "Pompeo's meeting with his North Korean counterpart was postponed. Pompeo met Japanese Foreign Minister "
        "Taro Kono in Tokyo on Thursday.",
        pub=dt.date(2018, 11, 10),
    )
    assert meeting(result, "Mike Pompeo", "Taro Kono")["status"] == "held"
    assert any(m["status"] == "cancelled" and "Taro Kono" not in m["participants"] for m in result["meetings"])


# -- a next summit ------------------------------------------------------------------------------------


def test_a_next_summit_wanted_is_no_summit_held():
    result = run(
        "President Donald Trump met top North Korean official Kim Yong Chol in the Oval Office on Friday. Mr. "
        "Trump had long expressed a desire for a second summit with North Korean leader Kim Jong Un.",
        pub=dt.date(2019, 1, 18),
    )
    assert not [m for m in result["meetings"] if set(m["participants"]) == {"Donald Trump", "Kim Jong Un"}]
    assert changes(result, "held") == []


def test_a_second_summit_that_ended_was_held():
    result = run(
        "The second summit between Donald Trump and Kim Jong Un ended abruptly in Hanoi on Thursday.",
        pub=dt.date(2019, 2, 28),
    )
    met = meeting(result, "Donald Trump", "Kim Jong Un")
    assert met is not None and met["status"] == "held" and met["date"]["from"] == "2019-02-28"


def test_a_second_summit_ahead_is_not_the_summit_held_months_ago():
    result = run(
        "Pompeo said he expected to lay the groundwork for a second summit between Trump and Kim Jong Un. Trump "
        "met Kim Jong Un in Singapore in June for a landmark summit.",
        pub=dt.date(2018, 11, 6),
    )
    pair = [s for s in result["summits"] if set(s["leaders"]) == {"Donald Trump", "Kim Jong Un"}]
    assert len(pair) == 2
    # the one the story tells first comes first
    assert pair[0]["scheduled_for"] is None and pair[1]["scheduled_for"] == "2018-06-01"


def test_a_letter_praised_in_quotation_marks_is_a_letter():
    result = run(
        'In September, Mr Trump said he had received "a very warm, very positive letter" from Mr Kim Jong Un asking '
        "for a second meeting.",
        pub=dt.date(2019, 6, 24),
    )
    letter = meeting(result, "Donald Trump", "Kim Jong Un")
    assert letter is not None and letter["mode"] == "letter" and letter["status"] == "held"
    assert letter["date"] == {"from": "2018-09-01", "to": "2018-09-30"}


# -- what the leaders of two envoys agreed, what came before the news ----------------------------------


def test_their_leaders_are_the_leaders_of_the_two_just_named():
    result = run(
        "The talks prepare a second summit of President Donald Trump and North Korean leader Kim Jong Un. "
        "Stephen Biegun met his counterpart Kim Hyok Chol in Pyongyang on Wednesday, pushing for the complete "
        "denuclearization that their leaders agreed to in their historic first summit in Singapore in June.",
        pub=dt.date(2019, 2, 10),
    )
    envoys = meeting(result, "Stephen Biegun", "Kim Hyok Chol")
    assert envoys is not None and envoys["date"] == {"from": "2019-02-06", "to": "2019-02-06"}
    assert envoys["location"] == "Pyongyang"
    leaders = meeting(result, "Donald Trump", "Kim Jong Un")
    assert leaders is not None and leaders["status"] == "held"
    assert leaders["date"] == {"from": "2018-06-01", "to": "2018-06-30"}


def test_a_phone_call_about_an_upcoming_summit_is_no_summit_of_the_callers():
    result = run(
        "South Korean President Moon Jae-in and U.S. President Donald Trump plan to hold discussions soon over the "
        "phone about Trump's upcoming meeting with North Korean leader Kim Jong Un, a spokesman said on Sunday.",
        pub=dt.date(2019, 2, 10),
    )
    call = meeting(result, "Moon Jae-in", "Donald Trump")
    assert call is not None and call["mode"] == "phone" and call["status"] == "scheduled"
    # the meeting talked about is an event of its own people
    assert [s["leaders"] for s in result["summits"]] == [["Donald Trump", "Kim Jong Un"]]


def test_what_the_news_came_after_happened_before_its_day():
    result = run(
        "The United States and North Korea will hold a second round of talks, Seoul said on Sunday. The "
        "announcement came after U.S. envoy Stephen Biegun's visit to Pyongyang, where Biegun met his counterpart "
        "Kim Hyok Chol.",
        pub=dt.date(2019, 2, 10),
    )
    met = meeting(result, "Stephen Biegun", "Kim Hyok Chol")
    assert met is not None and met["status"] == "held"
    assert met["date"]["to"] == "2019-02-09" and met["date"]["from"] < "2019-02-09"


# -- a plan made public -------------------------------------------------------------------------------


def test_a_plan_said_in_a_statement_on_a_day_is_dated_by_its_own_day():
    result = run(
        "On July 16, President Donald Trump and Russian President Vladimir Putin will be meeting in Helsinki, "
        "Finland, the White House said in a statement on Thursday.",
        pub=dt.date(2018, 6, 28),
    )
    met = meeting(result, "Donald Trump", "Vladimir Putin")
    assert met["date"] == {"from": "2018-07-16", "to": "2018-07-16"} and met["location"] == "Helsinki"
    assert [c["date"] for c in changes(result, "scheduled")] == [{"from": "2018-06-28", "to": "2018-06-28"}]


def test_an_office_that_says_two_leaders_will_meet_tells_their_summit_scheduled():
    result = run(
        "The White House says U.S. President Joe Biden and his Chinese counterpart, Xi Jinping, are set to meet "
        "on Nov. 14 in Bali, Indonesia, on the sidelines of the G20 summit.",
        pub=dt.date(2022, 11, 11),
    )
    (scheduled,) = changes(result, "scheduled")
    assert scheduled["date"]["to"] == "2022-11-11"  # made public lately: the days before publication
    (summit,) = result["summits"]
    assert summit["scheduled_for"] == "2022-11-14" and summit["location"] == "Bali"


def test_an_office_that_says_others_discussed_a_summit_schedules_nothing():
    result = run(
        "The spokeswoman said Pompeo and Kim Jong Un discussed the upcoming second summit between Trump and Kim "
        "and refined options for the location and date.",
        pub=dt.date(2018, 10, 8),
    )
    assert changes(result, "scheduled") == []


def test_a_day_after_the_news_made_public_counts_from_the_news():
    result = run(
        "President Donald Trump and Russian President Vladimir Putin will meet in Helsinki on July 16, the White "
        "House said on Thursday. The White House and the Kremlin confirmed the summit one day after U.S. National "
        "Security Adviser John Bolton had a meeting with Putin.",
        pub=dt.date(2018, 6, 28),
    )
    met = meeting(result, "John Bolton", "Vladimir Putin")
    assert met is not None and met["date"] == {"from": "2018-06-27", "to": "2018-06-27"}


def test_just_as_opens_another_event():
    result = run(
        "US Special Representative Stephen Biegun arrived in Pyongyang on Wednesday just as US President Donald "
        "Trump announced that he will meet North Korean leader Kim Jong Un in Vietnam on February 27 and 28.",
        pub=dt.date(2019, 2, 6),
    )
    assert not [m for m in result["meetings"] if {"Stephen Biegun", "Donald Trump"} <= set(m["participants"])]
    (summit,) = result["summits"]
    assert set(summit["leaders"]) == {"Donald Trump", "Kim Jong Un"} and summit["location"] == "Vietnam"


def test_an_office_of_a_body_before_a_name_says_who_and_whose():
    result = run(
        "The meeting between Sullivan and the Secretary of the Russian Security Council, Nikolay Patrushev, was an "
        "important step, National Security Advisor Jake Sullivan's office said.",
        pub=dt.date(2021, 5, 24),
    )
    person = next(p for p in result["persons"] if p["name"] == "Nikolay Patrushev")
    assert person["country"] == "RU" and person["roles"] == ["Secretary"]


def test_a_counterpart_named_a_sentence_later_at_the_same_days_is_the_same_meeting():
    result = run(
        "National Security Advisor Jake Sullivan is meeting with his Russian counterpart in Geneva this week to "
        "finalize details. In a statement, the NSC said this week's meeting between Sullivan and the Secretary of "
        "the Russian Security Council, Nikolay Patrushev, was an important step.",
        pub=dt.date(2021, 5, 24),
    )
    (met,) = result["meetings"]
    assert set(met["participants"]) == {"Jake Sullivan", "Nikolay Patrushev"} and met["location"] == "Geneva"


# -- talks reported, a meeting a saying was made at, who someone is ---------------------------------------


def test_talks_someone_is_said_to_have_held_are_his():
    result = run(
        "The delegation, led by U.S. Ambassador to the Philippines Sung Kim, is said to have held talks with the "
        "North's Vice Foreign Minister Choe Son-hui on Sunday.",
        pub=dt.date(2018, 6, 4),
    )
    met = meeting(result, "Sung Kim", "Choe Son Hui")
    assert met is not None and met["status"] == "held" and met["date"]["from"] == "2018-06-03"


def test_a_meeting_a_saying_was_made_at_is_the_day_of_the_saying():
    result = run(
        "U.S. Ambassador Sung Kim said on Friday during his meeting with South Korean Foreign Minister Kang "
        'Kyung-wha that there is still "much work" to do before nailing down the summit set for June 12 in '
        "Singapore.",
        pub=dt.date(2018, 6, 4),
    )
    met = meeting(result, "Sung Kim", "Kang Kyung-wha")
    assert met["date"] == {"from": "2018-06-01", "to": "2018-06-01"} and met["location"] != "Singapore"


def test_who_someone_is_lends_no_place_to_the_meeting():
    result = run(
        "A US delegation traveled to North Korea on Sunday for preparatory talks. Sung Kim is meeting with Choe "
        "Son Hui, an experienced North Korean diplomat who specializes in the country's relationship with "
        "Washington.",
        pub=dt.date(2018, 5, 28),
    )
    met = meeting(result, "Sung Kim", "Choe Son Hui")
    assert met["location"] != "Washington"
    # meeting as the story is told, since the day the lede told
    assert met["date"] == {"from": "2018-05-27", "to": "2018-05-28"}


# -- what did not happen, what work is for, an office's place -----------------------------------------


def test_meetings_that_did_not_take_place_are_no_meetings():
    result = run(
        "Sung Kim first met his counterpart Choe Son Hui at Panmunjom on Sunday. The meetings did not take place "
        "on Monday and Tuesday, local media reported.",
        pub=dt.date(2018, 5, 30),
    )
    (met,) = result["meetings"]
    assert met["date"] == {"from": "2018-05-27", "to": "2018-05-27"}


def test_what_work_is_for_is_no_summit_held():
    result = run(
        "At Panmunjom, the officials were thought to be discussing agenda items for the summit between US President "
        "Donald Trump and North Korean leader Kim Jong Un.",
        pub=dt.date(2018, 5, 30),
    )
    assert meeting(result, "Donald Trump", "Kim Jong Un") is None
    assert changes(result, "held") == []


def test_an_ambassador_to_a_city_does_not_meet_there():
    result = run(
        "Led by Sung Kim, the US ambassador to the Philippines and former US ambassador to Seoul, the US officials "
        "met North Korean Vice Foreign Minister Choe Son Hui on Sunday.",
        pub=dt.date(2018, 5, 30),
    )
    assert meeting(result, "Sung Kim", "Choe Son Hui")["location"] is None


def test_a_summit_a_president_scrapped_is_told_called_off():
    result = run(
        "The Trump administration moved on Tuesday to prepare for a possible summit with North Korean leader Kim "
        "Jong Un in Singapore next month, as U.S. diplomats scrambled to revive the meeting that President Trump had "
        "publicly scrapped last week.",
        pub=dt.date(2018, 5, 29),
    )
    (cancelled,) = changes(result, "cancelled")
    assert cancelled["date"] == {"from": "2018-05-21", "to": "2018-05-27"}


def test_a_purpose_opens_its_own_clause():
    # the caption's leaders are the two Koreas'; the summit they mean to rescue is no talks of theirs
    result = run(
        "North and South Korea's leaders held surprise talks on May 26 to get a historic summit between Kim Jong Un "
        "and President Trump back on track.",
        pub=dt.date(2018, 5, 29),
    )
    assert meeting(result, "Kim Jong Un", "Donald Trump") is None


def test_meetings_of_others_aimed_at_a_summit_are_not_the_summit_pair_meeting():
    result = run(
        "The meeting in Singapore \u2014 one of three bilateral meetings this week aimed at salvaging a summit between "
        "Kim Jong Un and President Donald Trump \u2014 dealt purely with logistics.",
        pub=dt.date(2018, 5, 30),
    )
    assert meeting(result, "Kim Jong Un", "Donald Trump") is None
    assert [set(s["leaders"]) for s in result["summits"]] == [{"Donald Trump", "Kim Jong Un"}]


def test_who_approves_talks_is_no_party_and_exploring_a_revival_is_none():
    result = run(
        "Last week, Trump canceled the summit with Kim Jong Un, which had been scheduled for June 12 in Singapore, "
        "but days later approved a flurry of new talks in New York, Singapore and the Korean demilitarized zone to "
        "explore putting it back on.",
        pub=dt.date(2018, 5, 30),
    )
    assert result["meetings"] == []
    assert changes(result, "reinstated") == []
    assert [c["date"] for c in changes(result, "cancelled")] == [{"from": "2018-05-21", "to": "2018-05-27"}]


# -- a call on the host, a companion, a report's day ---------------------------------------------------


def test_a_verb_with_its_object_keeps_it_before_a_summit_between_others():
    result = run(
        "US President Donald Trump met Singapore's Prime Minister Lee Hsien Loong today, on the eve of a historic "
        "summit between Trump and North Korean leader Kim Jong Un in Singapore.",
        pub=dt.date(2018, 6, 11),
    )
    met = meeting(result, "Donald Trump", "Lee Hsien Loong")
    assert met is not None and met["status"] == "held" and met["date"]["from"] == "2018-06-11"
    # the call on the host, the day before the summit held in his country, is no summit of its own
    assert [set(s["leaders"]) for s in result["summits"]] == [{"Donald Trump", "Kim Jong Un"}]


def test_a_leader_met_the_day_another_summit_is_held_elsewhere_keeps_his_summit():
    result = run(
        "Trump held a summit with South Korean President Moon Jae-in in Seoul on Sunday. Later on Sunday Trump met "
        "North Korean leader Kim Jong Un at Panmunjom.",
        pub=dt.date(2019, 6, 30),
    )
    assert {frozenset(s["leaders"]) for s in result["summits"]} == {
        frozenset({"Donald Trump", "Moon Jae-in"}),
        frozenset({"Donald Trump", "Kim Jong Un"}),
    }


def test_who_accompanies_someone_does_not_meet_him():
    result = run(
        "US Secretary of State Mike Pompeo, who has accompanied Trump to Singapore, later tweeted that the talks had "
        'been "substantive and detailed".',
        pub=dt.date(2018, 6, 11),
    )
    assert result["meetings"] == []


def test_the_day_of_a_report_is_not_the_day_of_the_summit_it_reports():
    result = run(
        "South Korea's Chosun Ilbo daily reported on May 8 that the summit between President Donald Trump and North "
        "Korean leader Kim Jong Un is likely to be hosted by Singapore next month.",
        pub=dt.date(2018, 5, 8),
    )
    (summit,) = result["summits"]
    assert summit["scheduled_for"] != "2018-05-08"


# -- a counterpart known by surname only, a meeting the sentence's subject has ---------------------------


def test_a_surname_joined_to_an_envoy_is_not_a_leader_of_that_surname():
    result = run(
        "Stephen Biegun arrived in Seoul on Monday. The talks between Biegun and Lee were focused on the upcoming "
        "summit between US President Donald Trump and North Korean leader Kim Jong Un.",
        pub=dt.date(2019, 2, 4),
    )
    assert "Lee Hsien Loong" not in [p["name"] for p in result["persons"]]
    assert not [m for m in result["meetings"] if "Stephen Biegun" in m["participants"]]


def test_a_meeting_with_someone_told_after_while_is_the_subjects():
    result = run(
        "US envoy Stephen Biegun arrived in Seoul on Monday to first meet with South Korean officials, while a "
        "meeting with North Korea's envoy Kim Hyok Chol will take place on Tuesday at Panmunjom.",
        pub=dt.date(2019, 2, 4),
    )
    met = meeting(result, "Stephen Biegun", "Kim Hyok Chol")
    assert met is not None and met["status"] == "scheduled"
    assert met["date"] == {"from": "2019-02-05", "to": "2019-02-05"} and met["location"] == "Panmunjom"


def test_the_two_countries_announcing_their_leaders_will_meet_schedules_their_summit():
    result = run(
        "Rival Korea leaders to meet in Pyongyang in September\n\n"
        "SEOUL, South Korea \u2014 The rival Koreas announced Monday that North Korean leader Kim Jong Un and South "
        "Korean President Moon Jae-in will meet in Pyongyang sometime in September, while their envoys also "
        "discussed Pyongyang's nuclear disarmament efforts.",
        pub=dt.date(2018, 8, 13),
    )
    assert [c["date"] for c in changes(result, "scheduled")] == [{"from": "2018-08-13", "to": "2018-08-13"}]


def test_a_month_without_a_year_read_most_of_a_year_back_dates_no_change():
    # "agreed on a date ... within September" (published in August): the summit's month, not last year's
    result = run(
        "North Korean leader Kim Jong Un and South Korean President Moon Jae-in will hold a summit in Pyongyang. Ri "
        "Son Gwon told pool reporters at the end of the talks that officials agreed on a specific date for the "
        "summit in Pyongyang sometime within September.",
        pub=dt.date(2018, 8, 13),
    )
    assert all(c["date"] is None or c["date"]["from"] >= "2018-01-01" for c in result["status_changes"])


def test_the_two_world_leaders_are_the_pair_the_sentence_before_told():
    result = run(
        "The office of South Korean President Moon Jae-in confirmed on Monday that President Donald Trump had called "
        "Moon from Singapore for a final chat before his scheduled meeting with North Korean leader Kim Jong Un on "
        "Tuesday morning. A spokesman confirmed the two world leaders spoke on Monday regarding Trump's meeting with "
        "Kim Jong Un.",
        pub=dt.date(2018, 6, 11),
    )
    assert changes(result, "held") == []
    assert not [m for m in result["meetings"] if m["status"] == "held" and "Kim Jong Un" in m["participants"]]
    call = meeting(result, "Donald Trump", "Moon Jae-in")
    assert call["mode"] == "phone" and call["date"] == {"from": "2018-06-11", "to": "2018-06-11"}


# -- earlier meetings told in passing ------------------------------------------------------------------


def test_a_named_pairs_summit_after_which_something_would_happen_was_held():
    result = run(
        "Officials suggested it would happen after Kim Jong Un's summit with President Donald Trump in June in "
        "Singapore.",
        pub=dt.date(2018, 8, 13),
    )
    met = meeting(result, "Kim Jong Un", "Donald Trump")
    assert met is not None and met["status"] == "held"
    assert met["date"] == {"from": "2018-06-01", "to": "2018-06-30"} and met["location"] == "Singapore"


def test_and_again_at_a_summit_with_someone_else_is_a_second_meeting():
    result = run(
        "Kim Jong Un made a commitment to complete denuclearization during his first meeting with Moon Jae-in in "
        "April and again at the Singapore summit with President Donald Trump in June.",
        pub=dt.date(2018, 9, 4),
    )
    moon = meeting(result, "Kim Jong Un", "Moon Jae-in")
    trump = meeting(result, "Kim Jong Un", "Donald Trump")
    assert moon["date"]["from"] == "2018-04-01" and moon["location"] != "Singapore"
    assert trump["date"]["from"] == "2018-06-01" and trump["location"] == "Singapore"


def test_a_leaders_visit_a_meeting_followed_was_a_meeting_with_the_host():
    result = run(
        "Chinese president Xi Jinping has second meeting with North Korean leader Kim Jong Un\n\nThe meeting, "
        "held over Monday and Tuesday in Dalian, is the second between the two men in recent weeks following Mr "
        "Kim's visit to Beijing in March, his first since taking power six years ago.",
        pub=dt.date(2018, 5, 8),
    )
    dates = sorted(
        m["date"]["from"] for m in result["meetings"] if set(m["participants"]) == {"Kim Jong Un", "Xi Jinping"}
    )
    assert "2018-03-01" in dates


def test_a_meeting_briefed_about_is_its_own_event_and_lends_no_day():
    result = run(
        "President Donald Trump agreed to meet North Korean leader Kim Jong Un by May, South Korean officials said "
        "Thursday. The South Korean national security director, Chung Eui-yong, told reporters outside the White "
        "House of the planned summit, after briefing Trump about a rare meeting with Kim in the North Korean "
        "capital on Monday.",
        pub=dt.date(2018, 3, 8),
    )
    with_kim = meeting(result, "Chung Eui-yong", "Kim Jong Un")
    assert with_kim["date"] == {"from": "2018-03-05", "to": "2018-03-05"} and with_kim["location"] == "Pyongyang"
    briefing = meeting(result, "Chung Eui-yong", "Donald Trump")
    assert briefing["date"]["to"] == "2018-03-08" and briefing["date"]["from"] > "2018-03-05"


def test_those_met_as_well_on_a_trip_are_each_met_on_the_days_of_the_trip():
    result = run(
        "President Xi Jinping's special representative Yang Jiechi will visit the Republic of Korea on Thursday and "
        "Friday, a spokesman announced on Wednesday. Yang is scheduled to meet with ROK President Moon Jae-in, as "
        "well as with the head of the ROK presidential national security office, Chung Eui-yong, and ROK Foreign "
        "Minister Kang Kyung-wha.",
        pub=dt.date(2018, 3, 28),
    )
    for other in ("Moon Jae-in", "Chung Eui-yong", "Kang Kyung-wha"):
        met = meeting(result, "Yang Jiechi", other)
        assert met is not None and met["status"] == "scheduled", other
        assert met["date"] == {"from": "2018-03-29", "to": "2018-03-30"}, other


# -- what is confirmed, the leader of a country, a summit an envoy prepares, what might be ---------------


def test_a_trip_confirmed_is_its_own_event_with_its_own_days():
    result = run(
        "WEST PALM BEACH, Fla. \u2014 Preparing for a second day of meetings with the leader of Japan, President "
        "Trump confirmed Wednesday that CIA Director Mike Pompeo traveled secretly to North Korea last week to meet "
        "with Kim Jong Un about an upcoming summit with the U.S. president. Japanese Prime Minister Shinzo Abe met "
        "Trump on Tuesday.",
        pub=dt.date(2018, 4, 18),
    )
    met = meeting(result, "Mike Pompeo", "Kim Jong Un")
    assert met is not None and met["date"] == {"from": "2018-04-09", "to": "2018-04-15"}
    # the leader of Japan is Abe; the summit Pompeo prepares is his leader's, not his
    assert meeting(result, "Donald Trump", "Shinzo Abe") is not None
    assert not [m for m in result["meetings"] if {"Mike Pompeo", "Donald Trump"} <= set(m["participants"])]
    assert {frozenset(s["leaders"]) for s in result["summits"]} >= {frozenset({"Donald Trump", "Kim Jong Un"})}


def test_a_summit_that_might_be_called_off_is_not_called_off():
    result = run(
        "Trump repeated that he plans to meet with North Korean leader Kim Jong Un, but raised the possibility the "
        "summit might be called off.",
        pub=dt.date(2018, 4, 18),
    )
    assert changes(result, "cancelled") == []


def test_whom_a_gesture_is_for_is_no_party_and_the_two_are_those_just_named():
    result = run(
        "SEOUL (REUTERS) - Offering an olive branch to President Donald Trump, Kim Jong Un said as he met South "
        "Korean special envoy Chung Eui-yong on Wednesday that he wants to denuclearise. Kim told the envoy that he "
        "still had confidence in Trump. He said he has never spoken badly of the US leader, since the two met in "
        "Singapore on June 12.",
        pub=dt.date(2018, 9, 6),
    )
    assert meeting(result, "Kim Jong Un", "Chung Eui-yong")["date"] == {"from": "2018-09-05", "to": "2018-09-05"}
    summit = meeting(result, "Kim Jong Un", "Donald Trump")
    assert summit["date"] == {"from": "2018-06-12", "to": "2018-06-12"} and summit["location"] == "Singapore"


def test_he_accompanied_by_someone_is_the_one_the_story_follows():
    result = run(
        "Kim Jong Un kicked off an official visit to Vietnam on Friday, three days after arriving in the country for "
        "a summit with US President Donald Trump. Accompanied by his sister and close aide Kim Yo Jong, he was "
        "received by Vietnamese President Nguyen Phu Trong. Kim also met Nguyen Thi Kim Ngan, chairwoman of "
        "Vietnam's National Assembly, in Hanoi on Friday.",
        pub=dt.date(2019, 3, 2),
    )
    assert meeting(result, "Kim Jong Un", "Nguyen Phu Trong") is not None
    assert not [m for m in result["meetings"] if "Kim Yo Jong" in m["participants"]]
    assert not [m for m in result["meetings"] if set(m["participants"]) == {"Donald Trump", "Nguyen Phu Trong"}]
    ngan = meeting(result, "Kim Jong Un", "Nguyen Thi Kim Ngan")
    assert ngan is not None and ngan["date"] == {"from": "2019-03-01", "to": "2019-03-01"}


def test_a_meeting_that_did_not_indicate_something_still_took_place():
    result = run(
        "Russian President Vladimir Putin and North Korean leader Kim Jong Un met in Vladivostok on Thursday. The two "
        "leaders' first one-on-one did not indicate major changes in North Korea's position.",
        pub=dt.date(2019, 4, 26),
    )
    met = meeting(result, "Vladimir Putin", "Kim Jong Un")
    assert met is not None and met["status"] == "held"


def test_someone_with_a_gerund_after_with_is_the_subject_a_later_he_means():
    result = run(
        "North Korea and China seem to be celebrating closer ties, with Kim Jong Un putting on a banquet today. He "
        "hosted a Chinese art troupe led by senior diplomat Song Tao, North Korean state media said.",
        pub=dt.date(2018, 4, 15),
    )
    assert meeting(result, "Kim Jong Un", "Song Tao") is not None


def test_a_summit_held_is_a_meeting_of_its_leaders():
    result = run(
        "South Korean President Moon Jae-in bids farewell to North Korean leader Kim Jong Un as he leaves after their "
        "summit at the truce village of Panmunjom, North Korea, in this handout picture provided by the Presidential "
        "Blue House on May 26, 2018.\n\nSouth Korean President Moon Jae-in held a surprise meeting with North Korean "
        "leader Kim Jong Un on Saturday to ensure the upcoming summit between Kim and U.S. President Donald Trump is "
        "a success, South Korean officials said.",
        pub=dt.date(2018, 5, 26),
    )
    met = meeting(result, "Moon Jae-in", "Kim Jong Un")
    assert met is not None and met["status"] == "held" and met["date"] == {"from": "2018-05-26", "to": "2018-05-26"}


def test_a_combination_of_file_photos_tells_no_meeting():
    result = run(
        "In this combination of file photos, U.S. President Donald Trump, left, in the Oval Office of the White House "
        "in Washington on May 16, 2018, and North Korean leader Kim Jong Un in a meeting with South Korean leader Moon "
        "Jae-in in Panmunjom, South Korea, on April 27, 2018. (AP Photo/Evan Vucci, File)\n\nPresident Donald Trump "
        "said Friday that he will hold his second summit with Kim Jong Un in Hanoi.",
        pub=dt.date(2019, 2, 8),
    )
    assert not [m for m in result["meetings"] if "Moon Jae-in" in m["participants"]]
