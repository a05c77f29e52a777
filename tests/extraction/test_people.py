"""Name resolution: dictionary names and romanisations, titles before unknown names, short mentions."""

import datetime as dt

from tracker.extraction import extract, parse_article_fields


def people(text: str, **kwargs) -> dict[str, dict]:
    result = extract(parse_article_fields(text=text, published_on=dt.date(2018, 5, 31)), **kwargs)
    return {p["name"]: p for p in result["persons"]}


def test_romanisations_merge_into_one_person():
    found = people("Kim Yong-chol arrived on Wednesday. Kim Yong Chul met Pompeo. Later Kim Yong Chol left.")
    assert "Kim Yong Chol" in found
    assert not {"Kim Yong-chol", "Kim Yong Chul"} & set(found)
    assert {"Kim Yong-chol", "Kim Yong Chul"} <= set(found["Kim Yong Chol"]["aliases"])


def test_hyphenless_moon():
    found = people("South Korean President Moon Jae In spoke. Moon said he was pleased.")
    assert list(found) == ["Moon Jae-in"]
    assert found["Moon Jae-in"]["country"] == "KR"


def test_titles_introduce_people_in_no_dictionary():
    found = people(
        "Libyan leader Muammar Gaddafi was mentioned. Vice Marshal Ri Chang Bok met then-president Jane Doe in 2001. "
        "Peruvian Foreign Minister Ana Quispe Torres flew to Lima. Ukrainian Ambassador Olena Kovalenko agreed."
    )
    assert found["Muammar Gaddafi"]["country"] == "LY"
    assert found["Ri Chang Bok"]["country"] == "KP"  # the rank implies the army
    assert "Jane Doe" in found
    assert found["Ana Quispe Torres"]["country"] == "PE"
    assert found["Ana Quispe Torres"]["roles"] == ["Foreign Minister"]
    assert found["Olena Kovalenko"]["country"] == "UA"


def test_appositives_introduce_people():
    found = people(
        "Kim's younger sister, Kim Yo Jong, attended. Jan Novak, the Czech foreign minister, arrived. "
        "North Korea's first vice foreign minister, Choe Son Hui, spoke. Kim Jong Un watched."
    )
    assert {"Kim Yo Jong", "Jan Novak", "Choe Son Hui", "Kim Jong Un"} <= set(found)


def test_places_organisations_and_events_are_not_people():
    found = people(
        "The White House said the Winter Olympics in South Korea were a turning point. Photos showed the Peace House. "
        "Meanwhile Trump spoke at the State Department. The Korean War ended in 1953. North Korea's Foreign Ministry "
        "said Russian Foreign Minister Sergei Lavrov flew into Pyongyang."
    )
    assert set(found) == {"Donald Trump", "Sergei Lavrov"}


def test_short_mentions_resolve_to_the_fullest_name():
    found = people("US Secretary of State Mike Pompeo flew in. Pompeo said talks went well. Mr Pompeo left.")
    assert list(found) == ["Mike Pompeo"]
    assert found["Mike Pompeo"]["country"] == "US"


def test_ambiguous_kim_goes_to_the_most_recent_full_name_else_the_leader():
    text = (
        "North Korean leader Kim Jong Un hosted talks. Kim Yong Chol flew to New York on Wednesday. "
        "Kim met Pompeo there on Wednesday. Separately, Xi Jinping called Kim."
    )
    result = extract(parse_article_fields(text=text, published_on=dt.date(2018, 5, 31)))
    pairs = {frozenset(m["participants"]) for m in result["meetings"]}
    assert frozenset({"Kim Yong Chol", "Mike Pompeo"}) in pairs


def test_descriptions_resolve_to_people_already_named():
    text = (
        "Kim Yong Chol, a general, flew to New York. Russian Foreign Minister Sergei Lavrov was in Pyongyang. "
        "US Secretary of State Mike Pompeo waited. On Wednesday the general met the secretary of state for "
        "dinner. Russia's foreign minister held talks with Kim Jong Un on Thursday."
    )
    result = extract(parse_article_fields(text=text, published_on=dt.date(2018, 5, 31)))
    pairs = {frozenset(m["participants"]): m for m in result["meetings"]}
    assert pairs[frozenset({"Kim Yong Chol", "Mike Pompeo"})]["date"] == {"from": "2018-05-30", "to": "2018-05-30"}
    assert pairs[frozenset({"Sergei Lavrov", "Kim Jong Un"})]["date"] == {"from": "2018-05-31", "to": "2018-05-31"}


def test_extra_people_extend_the_dictionary():
    found = people(
        "Envoy Zed Quux met Ri Yong Ho. Quux said little.",
        extra_people=[{"name": "Zed Quux", "aliases": ["Z. Quux"], "country": "NZ", "roles": ["envoy"]}],
    )
    assert found["Zed Quux"]["country"] == "NZ"
    assert "Quux" in found["Zed Quux"]["aliases"]


def test_bad_extra_people_are_ignored():
    found = people("Ri Yong Ho spoke.", extra_people=[{"name": None}, {"aliases": 5}, {"name": "  "}])
    assert list(found) == ["Ri Yong Ho"]
