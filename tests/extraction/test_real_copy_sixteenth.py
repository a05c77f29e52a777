"""Rules from the sixteenth pass: the misses of the blind sets r47, r50 and r51 (``docs/real-news/``), each on
sentences of our own. Each test failed on extractor 1.15.0, or guards how far its rule reaches."""

import datetime as dt

from tests.support.extraction import changes, meeting, run

# -- quotations ---------------------------------------------------------------------------------


def test_a_quotation_that_goes_on_after_its_subjects_tells_the_event():
    result = run(
        'In a tweet, Trump said that he and Xi Jinping "had a very good telephone conversation," and that "our '
        'respective teams will begin talks prior to our meeting."',
        pub=dt.date(2019, 6, 18),
    )
    call = next(m for m in result["meetings"] if m["mode"] == "phone")
    assert set(call["participants"]) == {"Donald Trump", "Xi Jinping"} and call["status"] == "held"
    assert call["date"]["from"] <= "2019-06-18" <= call["date"]["to"]


def test_a_quotation_that_goes_on_after_its_subjects_keeps_its_tense():
    result = run(
        'President Donald Trump on Tuesday said that he and Chinese President Xi Jinping "will be having an '
        'extended meeting next week at the G-20 in Japan."',
        pub=dt.date(2019, 6, 18),
    )
    met = meeting(result, "Donald Trump", "Xi Jinping")
    assert met is not None and met["status"] == "scheduled"
    assert met["date"] == {"from": "2019-06-24", "to": "2019-06-30"}


def test_a_quotation_after_its_subject_that_does_not_go_on_with_an_auxiliary_stays_speech():
    # an accusation quoted after its targets ('Pompeo and Bolton "created the atmosphere of hostility"')
    # is the speaker's, and its "negotiations" no meeting of the people named before it
    result = run(
        "Secretary of State Mike Pompeo and National Security Adviser John Bolton \u201ccreated the atmosphere of "
        "hostility and mistrust and obstructed the constructive efforts for negotiations,\u201d Vice Foreign "
        "Minister Choe Son Hui said on Friday.",
        pub=dt.date(2019, 3, 16),
    )
    assert result["meetings"] == []


def test_quoted_speech_still_hides_its_event():
    result = run(
        'Kim Yong Chol said on Friday: "Pompeo will meet Kim Jong Un in Pyongyang next week."',
        pub=dt.date(2018, 7, 1),
    )
    assert meeting(result, "Mike Pompeo", "Kim Jong Un") is None


# -- a summit judged is a summit held ---------------------------------------------------------------


def test_a_summit_declared_a_success_was_held():
    result = run(
        "Russian President Vladimir Putin declared the Helsinki summit \u201ca success\u201d and a \u201cvery "
        "fruitful round of negotiations,\u201d but he denied any meddling when pressed by President Donald Trump.",
        pub=dt.date(2018, 7, 16),
    )
    met = meeting(result, "Vladimir Putin", "Donald Trump")
    assert met is not None and met["status"] == "held" and met["date"]["to"] == "2018-07-16"
    assert [c["summit"] for c in changes(result, "held")] == [result["summits"][0]["ref"]]
    assert result["summits"][0]["location"] == "Helsinki"


def test_a_summit_hoped_to_be_a_success_is_not_held():
    result = run(
        "Putin said he hoped the summit with Donald Trump would be a success.",
        pub=dt.date(2018, 7, 14),
    )
    assert [m for m in result["meetings"] if m["status"] == "held"] == []
    assert changes(result, "held") == []


# -- furniture and the lede's day -------------------------------------------------------------------


def test_a_timestamp_before_the_lede_leaves_the_lede():
    result = run(
        "Updated 11:26 a.m. | President Donald Trump met Russian President Vladimir Putin in Helsinki on Monday.",
        pub=dt.date(2018, 7, 16),
    )
    met = meeting(result, "Donald Trump", "Vladimir Putin")
    assert met is not None and met["date"] == {"from": "2018-07-16", "to": "2018-07-16"}


def test_a_timestamp_line_alone_is_still_furniture():
    # (its day, were it a sentence, would date the talks after it)
    result = run(
        "Updated 11:26 a.m. ET July 2, 2018\n\nDonald Trump and Vladimir Putin held talks in Helsinki.",
        pub=dt.date(2018, 7, 16),
    )
    met = meeting(result, "Donald Trump", "Vladimir Putin")
    assert met is not None and met["date"] == {"from": "2018-07-09", "to": "2018-07-16"}


def test_a_file_photo_caption_does_not_date_this_weeks_lede():
    result = run(
        "Chinese President Xi Jinping (L) holds a grand ceremony to welcome U.S. President Donald Trump outside "
        "the Great Hall of the People in Beijing, China on Nov. 9, 2017.\n\n"
        "President Donald Trump on Tuesday said he would meet Xi next week. Trump said he and Xi had a very "
        "good telephone conversation.",
        pub=dt.date(2019, 6, 18),
    )
    calls = [m for m in result["meetings"] if m["mode"] == "phone"]
    assert [c["date"] for c in calls] == [{"from": "2019-06-18", "to": "2019-06-18"}]
    visit = next(m for m in result["meetings"] if m["date"]["from"] == "2017-11-09")
    assert visit["mode"] == "in_person"


# -- tense and named summits -------------------------------------------------------------------------


def test_what_came_before_a_past_event_is_past_however_anticipated():
    result = run(
        "The truce between the U.S. and China emerged after a highly anticipated dinner Saturday between "
        "Donald Trump and Xi Jinping on the sidelines of the Group of 20 summit in Argentina.",
        pub=dt.date(2018, 12, 2),
    )
    dinner = meeting(result, "Donald Trump", "Xi Jinping")
    assert dinner is not None and dinner["status"] == "held"
    assert dinner["date"] == {"from": "2018-12-01", "to": "2018-12-01"}


def test_an_anticipated_dinner_after_a_future_one_stays_ahead():
    result = run(
        "Trump will fly to Buenos Aires on Friday, after a highly anticipated dinner Saturday between "
        "Donald Trump and Xi Jinping was confirmed.",
        pub=dt.date(2018, 11, 28),
    )
    assert [m for m in result["meetings"] if m["status"] == "held"] == []


def test_a_forum_called_a_summit_with_a_capital_is_not_the_pairs_summit():
    result = run(
        "BUENOS AIRES, Argentina (AP) \u2014 When President Donald Trump sits down for dinner Saturday with "
        "Chinese leader Xi Jinping, their table talk will undoubtedly have a global impact.\n\n"
        "The dinner is the marquee event of Trump's whirlwind two-day trip to Argentina for the Group of 20 Summit.",
        pub=dt.date(2018, 12, 1),
    )
    dinner = meeting(result, "Donald Trump", "Xi Jinping")
    assert dinner is not None and dinner["status"] == "scheduled"
    assert dinner["date"] == {"from": "2018-12-01", "to": "2018-12-01"}


# -- people and pairs --------------------------------------------------------------------------------


def test_the_dprk_leader_is_north_koreas():
    result = run(
        "Kim Jong-un\u2019s armored train will proceed to Vladivostok where, on April 25, the DPRK leader will meet "
        "with Russian President Vladimir Putin.",
        pub=dt.date(2019, 4, 24),
    )
    met = meeting(result, "Kim Jong Un", "Vladimir Putin")
    assert met is not None and met["status"] == "scheduled"
    assert met["date"] == {"from": "2019-04-25", "to": "2019-04-25"} and met["location"] == "Vladivostok"


def test_compatriots_travelling_together_neither_meet_nor_hold_a_summit():
    result = run(
        "North Korean leaders Kim Il-sung and Kim Jong-il visited the house while travelling to Russia long ago.",
        pub=dt.date(2019, 4, 24),
    )
    assert result["meetings"] == [] and result["summits"] == [] and result["status_changes"] == []


def test_a_compatriot_visited_in_person_is_still_met():
    result = run("South Korean envoy Chung Eui-yong visited President Moon Jae-in on Tuesday.", pub=dt.date(2018, 3, 7))
    met = meeting(result, "Chung Eui-yong", "Moon Jae-in")
    assert met is not None and met["date"] == {"from": "2018-03-06", "to": "2018-03-06"}


# -- captions and unnamed sides ------------------------------------------------------------------------


def test_a_captions_closing_date_stamps_the_whole_caption():
    result = run(
        "U.S. President Donald Trump and North Korean leader Kim Jong Un shake hands before their one-on-one "
        "chat during the second U.S.-North Korea summit at the Metropole Hotel in Hanoi, Vietnam February 27, "
        "2019.\n\nSTOCKHOLM - The talks are the first since the summit.",
        pub=dt.date(2019, 10, 5),
    )
    met = [m for m in result["meetings"] if set(m["participants"]) == {"Donald Trump", "Kim Jong Un"}]
    assert [m["date"] for m in met] == [{"from": "2019-02-27", "to": "2019-02-27"}]


def test_a_subordinate_clauses_date_in_the_middle_still_dates_only_itself():
    result = run(
        "Donald Trump met Shinzo Abe before his summit with Kim Jong Un on June 12, 2018 in Singapore.",
        pub=dt.date(2018, 6, 7),
    )
    abe = meeting(result, "Donald Trump", "Shinzo Abe")
    assert abe is not None and abe["date"] != {"from": "2018-06-12", "to": "2018-06-12"}


def test_unnamed_officials_talks_are_not_the_pair_just_named():
    result = run(
        "Donald Trump and Kim Jong Un met at the DMZ in June. U.S. and North Korean officials arrived to begin "
        "nuclear talks in Stockholm on Saturday.",
        pub=dt.date(2019, 10, 5),
    )
    met = [m for m in result["meetings"] if set(m["participants"]) == {"Donald Trump", "Kim Jong Un"}]
    assert [m["date"]["from"] for m in met] == ["2019-06-01"]


def test_a_counted_after_clause_dates_only_itself():
    result = run(
        "South Korean President Moon Jae-in held a surprise meeting with North Korean leader Kim Jong Un on "
        "Saturday. Their two-hour talks at the Panmunjom border village came a month after they held the first "
        "inter-Korean summit in more than a decade at the same venue on April 27.",
        pub=dt.date(2018, 5, 26),
    )
    met = {m["date"]["from"]: m for m in result["meetings"]}
    assert set(met) == {"2018-05-26", "2018-04-27"}
    assert met["2018-05-26"]["location"] == "Panmunjom"  # the talks are Saturday's, not April's


def test_due_to_a_cause_is_no_plan():
    result = run(
        "Talks between Mike Pompeo and Kim Yong Chol in New York on Thursday ended early due to disagreements "
        "over sanctions.",
        pub=dt.date(2018, 6, 2),
    )
    met = meeting(result, "Mike Pompeo", "Kim Yong Chol")
    assert met is not None and met["status"] == "held"
    assert met["date"] == {"from": "2018-05-31", "to": "2018-05-31"}


def test_due_to_a_verb_is_still_a_plan():
    result = run("Kim Jong Un is due to meet Donald Trump in Hanoi on Wednesday.", pub=dt.date(2019, 2, 25))
    met = meeting(result, "Kim Jong Un", "Donald Trump")
    assert met is not None and met["status"] == "scheduled"


def test_a_trip_told_in_the_present_for_days_to_come_is_ahead():
    result = run(
        "North Korean leader Kim Jong Un is visiting China Tuesday and Wednesday, Chinese state media announced. "
        "He will meet President Xi Jinping.",
        pub=dt.date(2018, 6, 18),  # a Monday
    )
    met = meeting(result, "Kim Jong Un", "Xi Jinping")
    assert met is not None and met["status"] == "scheduled"
    assert met["date"] == {"from": "2018-06-19", "to": "2018-06-20"}


def test_a_trip_under_way_today_is_not_pushed_a_week_ahead():
    result = run(
        "North Korean leader Kim Jong Un is visiting China on Tuesday, where he met President Xi Jinping.",
        pub=dt.date(2018, 6, 19),  # a Tuesday
    )
    assert all(m["date"]["from"] <= "2018-06-19" for m in result["meetings"] if m["date"])


def test_a_summit_whose_reports_are_refuted_is_not_held():
    result = run(
        "However, a high-level Cheong Wa Dae official refuted reports that a three-way summit among Moon Jae-in, "
        "Donald Trump and North Korean leader Kim Jong Un is being planned at the DMZ.",
        pub=dt.date(2019, 6, 24),
    )
    assert result["meetings"] == [] and result["status_changes"] == []


def test_a_meeting_being_planned_is_not_held():
    result = run(
        "A meeting between Mike Pompeo and Kim Yong Chol is being planned, officials said on Monday.",
        pub=dt.date(2018, 11, 12),
    )
    assert [m for m in result["meetings"] if m["status"] == "held"] == []


def test_the_one_met_receives_the_letter_handed_over():
    result = run(
        "The summit dates were finalised during Chung Eui-yong's Wednesday visit to Pyongyang, where he met Kim "
        "Jong Un and handed over a personal letter from Moon Jae-in.",
        pub=dt.date(2018, 9, 6),
    )
    met = meeting(result, "Chung Eui-yong", "Kim Jong Un")
    letter = meeting(result, "Moon Jae-in", "Kim Jong Un")
    assert met is not None and met["mode"] == "in_person" and met["date"]["from"] == "2018-09-05"
    assert letter is not None and letter["mode"] == "letter"
    assert meeting(result, "Chung Eui-yong", "Moon Jae-in") is None


def test_the_letter_that_an_envoy_delivered_from_one_leader_to_another():
    result = run(
        "Sarah Sanders called the letter that top North Korean official Kim Yong Chol delivered from Kim Jong Un "
        'to Trump on Friday "interesting" but would not comment on its contents.',
        pub=dt.date(2018, 6, 4),
    )
    letter = meeting(result, "Kim Jong Un", "Donald Trump")
    assert letter is not None and letter["mode"] == "letter"
    assert letter["date"] == {"from": "2018-06-01", "to": "2018-06-01"}
    bearer = meeting(result, "Kim Yong Chol", "Donald Trump")
    assert bearer is not None and bearer["mode"] == "in_person"
    assert not any("Sarah Sanders" in m["participants"] for m in result["meetings"])


def test_the_day_told_of_the_letter_just_reported_dates_it():
    result = run(
        "President Donald Trump said on Friday that he received another letter from North Korea's Kim Jong Un. "
        "Trump told reporters that the missive, delivered Thursday, was three pages.",
        pub=dt.date(2019, 8, 9),
    )
    letter = meeting(result, "Donald Trump", "Kim Jong Un")
    assert letter is not None and letter["mode"] == "letter"
    assert letter["date"] == {"from": "2019-08-08", "to": "2019-08-08"}


def test_a_day_told_of_another_thing_leaves_the_letter_alone():
    result = run(
        "President Donald Trump said on Friday that he received another letter from North Korea's Kim Jong Un. "
        "North Korea tested a missile on Thursday.",
        pub=dt.date(2019, 8, 9),
    )
    letter = meeting(result, "Donald Trump", "Kim Jong Un")
    assert letter is not None and letter["date"] == {"from": "2019-08-09", "to": "2019-08-09"}


def test_a_speaker_who_spoke_after_his_own_talks_is_their_party():
    result = run(
        "Mike Pompeo said Thursday the U.S. has made progress in talks with North Korea. \u201cWe\u2019ve made real "
        "progress in the past 72 hours,\u201d Mr. Pompeo told reporters in New York City after emerging from talks "
        "with North Korean vice chairman Kim Yong-chul.",
        pub=dt.date(2018, 5, 31),
    )
    met = meeting(result, "Mike Pompeo", "Kim Yong Chol")
    assert met is not None and met["status"] == "held" and met["date"]["to"] == "2018-05-31"


def test_a_speaker_telling_of_others_talks_is_still_no_party():
    result = run(
        "Mike Pompeo told reporters on Thursday that Sung Kim held talks with Choe Son Hui in Panmunjom.",
        pub=dt.date(2018, 5, 31),
    )
    assert meeting(result, "Sung Kim", "Choe Son Hui") is not None
    assert not any("Mike Pompeo" in m["participants"] for m in result["meetings"])


def test_the_summit_naming_no_leader_does_not_make_another_pairs_meeting_a_summit():
    result = run(
        "North Korean leader Kim Jong Un landed in Singapore on Sunday afternoon, where he is scheduled to meet "
        "US President Donald Trump on June 12. Kim will meet Singapore Prime Minister Lee Hsien Loong on Sunday "
        "evening, according to a statement by the ministry of foreign affairs. Security was tight ahead of the "
        "summit.",
        pub=dt.date(2018, 6, 10),
    )
    lee = meeting(result, "Kim Jong Un", "Lee Hsien Loong")
    assert lee is not None and lee["date"] == {"from": "2018-06-10", "to": "2018-06-10"}


def test_what_someone_is_expected_to_do_is_scheduled_not_proposed():
    result = run(
        "Kim Yong Chol is expected to hand-deliver a letter from Kim Jong Un to Trump at the White House on Friday.",
        pub=dt.date(2018, 6, 1),
    )
    letter = meeting(result, "Kim Jong Un", "Donald Trump")
    bearer = meeting(result, "Kim Yong Chol", "Donald Trump")
    assert letter is not None and letter["mode"] == "letter" and letter["status"] == "scheduled"
    assert bearer is not None and bearer["status"] == "scheduled"


def test_what_someone_expects_to_do_is_still_a_wish():
    result = run("Moon Jae-in expects to meet Kim Jong Un again soon, his office said.", pub=dt.date(2018, 6, 1))
    met = meeting(result, "Moon Jae-in", "Kim Jong Un")
    assert met is None or met["status"] == "proposed"


def test_a_time_clause_after_a_future_one_is_ahead():
    result = run(
        "Donald Trump will press Kim Jong Un on denuclearisation when they meet in Singapore on Tuesday.",
        pub=dt.date(2018, 6, 10),
    )
    met = meeting(result, "Donald Trump", "Kim Jong Un")
    assert met is not None and met["date"] == {"from": "2018-06-12", "to": "2018-06-12"}


def test_whoever_escorts_the_visitor_in_is_no_party():
    result = run(
        "Escorted by White House Chief of Staff John Kelly, Kim Yong Chol arrived at the White House to meet "
        "with Donald Trump. They met for about an hour and 20 minutes.",
        pub=dt.date(2018, 6, 1),
    )
    assert [set(m["participants"]) for m in result["meetings"]] == [{"Kim Yong Chol", "Donald Trump"}]


def test_the_recipient_named_in_the_clause_after_the_letter():
    result = run(
        "President Donald Trump met Kim Yong Chol on Friday. The President did not reveal what was in a letter "
        "from Kim Jong Un, which was delivered to Mr. Trump.",
        pub=dt.date(2018, 6, 1),
    )
    letter = meeting(result, "Kim Jong Un", "Donald Trump")
    assert letter is not None and letter["mode"] == "letter"
    assert meeting(result, "Kim Jong Un", "Kim Yong Chol") is None


def test_a_meeting_with_one_party_keeps_it_beside_a_summit_between_two_others():
    result = run(
        "Secretary of State Mike Pompeo emerged from a shorter-than-expected meeting Thursday morning with North "
        "Korean official Kim Yong Chol bearing a cautiously optimistic message about the speculative June 12 "
        "summit between President Trump and North Korean Leader Kim Jong Un.",
        pub=dt.date(2018, 5, 31),
    )
    met = meeting(result, "Mike Pompeo", "Kim Yong Chol")
    assert met is not None and met["status"] == "held"  # shorter than expected: not a meeting expected
    assert met["date"] == {"from": "2018-05-31", "to": "2018-05-31"}
    assert meeting(result, "Donald Trump", "Kim Jong Un") is None  # the summit is ahead: the summit alone


def test_a_meeting_under_way_is_todays_not_the_day_told_before():
    result = run(
        "The White House stated on Monday that Donald Trump and Shinzo Abe discussed the summit by phone. "
        "US President Donald Trump and North Korean leader Kim Jong-un are holding their first ever meeting in "
        "the hope of finding a peaceful solution.",
        pub=dt.date(2018, 6, 12),
    )
    met = meeting(result, "Donald Trump", "Kim Jong Un")
    assert met is not None and met["date"] == {"from": "2018-06-12", "to": "2018-06-12"}


def test_the_summit_with_a_country_is_with_its_head_not_between_the_two_on_the_line():
    result = run(
        "The White House stated on Monday that US President Donald Trump and Japan\u2019s Prime Minister Shinzo Abe "
        "during their telephone conversation have discussed recent developments regarding the summit with "
        "North Korea. North Korean leader Kim Jong Un arrived in Singapore on Sunday.",
        pub=dt.date(2018, 6, 12),
    )
    assert [set(s["leaders"]) for s in result["summits"]] == [{"Donald Trump", "Kim Jong Un"}]
    call = meeting(result, "Donald Trump", "Shinzo Abe")
    assert call is not None and call["mode"] == "phone" and call["summit"] is None


def test_a_summit_wished_success_is_the_guests_not_the_well_wishers():
    result = run(
        "Singapore Prime Minister Lee Hsien Loong today wished North Korean leader Kim Jong-un success at the "
        "Summit to be held at Capella Hotel here on June 12. Lee and Kim met at the Istana on Sunday.",
        pub=dt.date(2018, 6, 10),
    )
    assert meeting(result, "Lee Hsien Loong", "Kim Jong Un") is not None
    assert all(m["status"] == "held" for m in result["meetings"])  # no meeting of theirs on June 12


def test_hoping_to_organise_a_summit_proposes_it():
    result = run(
        "US President Donald Trump said Saturday he hoped to organize a second summit with North Korean leader "
        "Kim Jong Un in early 2019, perhaps as soon as January or February.",
        pub=dt.date(2018, 12, 2),
    )
    (change,) = changes(result, "proposed")
    assert change["date"] == {"from": "2018-12-01", "to": "2018-12-01"} and change["announced_by"] == "Donald Trump"


def test_travelling_to_organise_a_summit_is_still_an_aim():
    result = run(
        "Mike Pompeo flew to Pyongyang on Saturday to organize a second summit between Donald Trump and Kim Jong Un.",
        pub=dt.date(2018, 10, 8),
    )
    assert changes(result, "proposed") == [] and changes(result, "held") == []


def test_their_summit_a_follow_up_refers_to_is_the_pairs_held_one():
    result = run(
        "US President Donald Trump said Saturday he hoped to organize a second summit with Kim Jong Un. Trump told "
        'reporters that "three sites" were in consideration for the meeting, a follow-up to their historic summit '
        "in Singapore in June.",
        pub=dt.date(2018, 12, 2),
    )
    met = meeting(result, "Donald Trump", "Kim Jong Un")
    assert met is not None and met["status"] == "held" and met["location"] == "Singapore"
    assert met["date"] == {"from": "2018-06-01", "to": "2018-06-30"}


def test_a_letter_to_one_leader_from_another_carried_by_an_envoy():
    result = run(
        "Kim Yong Chol will travel to Washington to deliver a letter to President Donald Trump on Friday from North "
        "Korean leader Kim Jong Un.",
        pub=dt.date(2018, 5, 31),
    )
    letter = meeting(result, "Kim Jong Un", "Donald Trump")
    bearer = meeting(result, "Kim Yong Chol", "Donald Trump")
    assert letter is not None and letter["mode"] == "letter" and letter["status"] == "scheduled"
    assert bearer is not None and bearer["mode"] == "in_person"


def test_a_letter_presented_and_hand_delivered_by_an_envoy():
    result = run(
        "Donald Trump is presented with a letter from North Korean Leader Kim Jong Un, hand-delivered by North "
        "Korean envoy Kim Yong Chol in the Oval Office on Friday.",
        pub=dt.date(2018, 6, 1),
    )
    letter = meeting(result, "Kim Jong Un", "Donald Trump")
    assert letter is not None and letter["mode"] == "letter"
    assert meeting(result, "Kim Yong Chol", "Donald Trump") is not None
    assert not any(len(m["participants"]) > 2 for m in result["meetings"])


def test_a_meeting_included_among_other_news_is_of_the_people_named_in_it():
    result = run(
        "Donald Trump last week canceled the summit with Kim Jong Un. But since then, talks have been accelerating "
        "on several fronts, including South Korea's president, Moon Jae-in, meeting with Mr. Kim.",
        pub=dt.date(2018, 5, 31),
    )
    met = meeting(result, "Moon Jae-in", "Kim Jong Un")
    assert met is not None and met["status"] == "held"
    assert not any(len(m["participants"]) > 2 for m in result["meetings"])


def test_a_change_responded_to_on_a_day_came_before_that_day():
    result = run(
        "A senior North Korean official said Friday his country is still willing to talk with the US, in response "
        "to President Donald Trump's abrupt decision to pull out of his planned summit with Kim Jong Un.",
        pub=dt.date(2018, 5, 25),
    )
    (change,) = changes(result, "cancelled")
    assert change["date"]["from"] < "2018-05-25" and change["date"]["to"] == "2018-05-25"


def test_the_days_a_letter_tells_of_are_not_the_letters():
    result = run(
        "President Donald Trump wrote a letter to North Korean leader Kim Jong Un saying that their planned summit "
        "next month in Singapore was cancelled.",
        pub=dt.date(2018, 5, 24),
    )
    letter = meeting(result, "Donald Trump", "Kim Jong Un")
    assert letter is not None and letter["mode"] == "letter" and letter["status"] == "held"
    assert letter["date"]["to"] <= "2018-05-24"


def test_a_datelines_day_dates_no_event():
    result = run(
        "NEW YORK, May 31 (UPI) -- U.S. Secretary of State Mike Pompeo met with Kim Yong Chol, vice chairman of the "
        "central committee of the Korean Workers' Party. The two men shared dinner on Wednesday.",
        pub=dt.date(2018, 6, 1),
    )
    met = [m for m in result["meetings"] if set(m["participants"]) == {"Mike Pompeo", "Kim Yong Chol"}]
    assert [m["date"] for m in met] == [{"from": "2018-05-30", "to": "2018-05-30"}]


def test_to_deliver_someone_a_letter_names_its_recipient():
    result = run(
        "Kim Yong Chol arrived at the White House on Friday and planned to deliver President Donald Trump a letter "
        "from Kim Jong Un.",
        pub=dt.date(2018, 6, 1),
    )
    letter = meeting(result, "Kim Jong Un", "Donald Trump")
    assert letter is not None and letter["mode"] == "letter"
    assert meeting(result, "Kim Yong Chol", "Kim Jong Un") is None
    assert meeting(result, "Kim Yong Chol", "Donald Trump") is not None


def test_agreeing_on_a_day_to_meet_is_a_plan():
    result = run(
        "South Korean President Moon Jae-in and U.S. President Donald Trump agreed Tuesday to meet during the United "
        "Nations General Assembly in New York this month, the White House said.",
        pub=dt.date(2018, 9, 4),
    )
    assert [m for m in result["meetings"] if m["status"] == "held"] == []
    assert [c["date"] for c in changes(result, "scheduled")] == [{"from": "2018-09-04", "to": "2018-09-04"}]
