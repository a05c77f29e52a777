"""Lists at a basis: `valid_at` and `known_at` on the summit, envoy and meeting lists.

The summit list must answer, for every summit, what its detail read answers at the same
basis (``selectors.summit_state`` is the reference), in a fixed number of queries per
page whatever the data size.
"""

from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from tests.api.conftest import SLUG
from tracker import selectors, services
from tracker.domain.errors import NotFound
from tracker.domain.time import ValidTime
from tracker.models import Event, SummitInterval
from tracker.services import Anchor

# The most queries a list page may take, whatever the data size: the basis, the count,
# the page, and one read of the page's interval rows (summits) or of the events of the
# page's rows changed since the basis (envoys, meetings).
LIST_QUERIES = 4
_MICRO = timedelta(microseconds=1)
_SUMMARY_FIELDS = ("status", "certainty", "possible_statuses", "title", "scheduled_for", "location", "parties")


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _story() -> dict[str, datetime]:
    """Summits beside the seeded one: wide windows, an anchor that moves with a correction,
    a late report, a summit retracted whole, one only known late. Returns knowledge times."""
    known = {"start": timezone.now()}
    services.summit_create(
        title="Hanoi summit", slug="hanoi-2019", change="proposed", parties=["US", "KP"], location="Hanoi",
        when=ValidTime.between_days(date(2019, 1, 1), date(2019, 1, 20)), scheduled_for=date(2019, 2, 27),
    )  # fmt: skip
    scheduled = services.summit_change_status(
        slug="hanoi-2019", change="scheduled", when=ValidTime.between_days(date(2019, 1, 15), date(2019, 2, 5)),
        location="Metropole Hotel, Hanoi",
    )  # fmt: skip
    services.summit_change_status(slug="hanoi-2019", change="held", when=ValidTime.on_day(date(2019, 2, 27)))
    ghost = services.summit_create(title="Ghost summit", slug="ghost", when=ValidTime.at(t("2019-01-10T00:00")))
    known["ghost"] = timezone.now()
    services.event_retract(event_id=str(ghost.events[0].id), reason="never planned")
    # A late report: the Hanoi summit ended on the 28th (lands after the head, in valid time
    # but known last), and the scheduling is narrowed by a correction.
    services.summit_change_status(slug="hanoi-2019", change="concluded", when=ValidTime.on_day(date(2019, 2, 28)))
    known["before correction"] = timezone.now()
    services.event_correct(
        event_id=str(scheduled.events[0].id), reason="announced on Feb 5",
        when=ValidTime.between_days(date(2019, 2, 4), date(2019, 2, 5)),
    )  # fmt: skip
    created = services.summit_create(
        title="Vladivostok summit", slug="vladivostok-2019", change="scheduled", parties=["RU", "KP"],
        location="Vladivostok", when=ValidTime.within_hour(t("2019-04-18T09:00")), scheduled_for=date(2019, 4, 25),
    )  # fmt: skip
    services.summit_change_status(
        slug="vladivostok-2019", change="postponed", anchor=Anchor(str(created.events[0].id), 30)
    )
    known["before move"] = timezone.now()
    services.event_correct(
        event_id=str(created.events[0].id), reason="it was the 19th", when=ValidTime.within_hour(t("2019-04-19T09:00"))
    )
    # A wide window that opens before a narrow earlier fact: before either surely happened,
    # the details come from the one that may have (the wide one), not the first.
    services.summit_create(
        title="Seoul summit", slug="seoul", parties=["KR", "KP"], location="Seoul",
        when=ValidTime.between_days(date(2019, 3, 10), date(2019, 3, 12)),
    )  # fmt: skip
    services.summit_change_status(
        slug="seoul", change="scheduled", location="Blue House, Seoul",
        when=ValidTime.between_days(date(2019, 3, 1), date(2019, 3, 20)),
    )  # fmt: skip
    cancel = Event.objects.get(stream_id=SLUG, type="SummitCancelled")
    known["before retraction"] = timezone.now()
    services.event_retract(event_id=str(cancel.id), reason="test: the letter was a draft")
    return known


def _valid_moments() -> list[datetime | None]:
    """Every interval boundary, and the instant before it: where answers change."""
    edges = set()
    for valid_from, certain_from in SummitInterval.objects.values_list("valid_from", "certain_from"):
        edges |= {valid_from, certain_from, valid_from - _MICRO, certain_from - _MICRO}
    return [None, t("1990-01-01T00:00"), *sorted(edges)]


def _reference(slugs: list[str], valid_at: datetime | None, known_at: datetime | None) -> dict[str, tuple]:
    answers = {}
    for slug in slugs:
        try:
            view = selectors.summit_state(slug, valid_at=valid_at, known_at=known_at)
        except NotFound:
            continue
        answers[slug] = (*(getattr(view, f) for f in _SUMMARY_FIELDS), view.leaders, view.version)
    return answers


def test_the_summit_list_agrees_with_the_detail_at_every_basis(seeded):
    known = _story()
    slugs = [SLUG, "hanoi-2019", "ghost", "vladivostok-2019", "seoul"]
    # Every 7th point of the grid (knowledge times x valid times) keeps the test quick while
    # each knowledge time still meets a spread of valid times.
    moments = _valid_moments()
    grid = [(k, v) for k in [None, t("2000-01-01T00:00"), *known.values()] for v in moments][::7]
    assert len(grid) > 50
    # Before the Seoul facts surely happened; inside the anchored postponement's hour,
    # which the correction moved by a day.
    grid += [
        (None, t("2019-03-05T00:00")),
        (None, t("2019-04-20T15:30")),
        (None, t("2019-04-19T09:30")),
        (known["before move"], t("2019-04-19T15:30")),
    ]
    checked = set()
    for known_at, valid_at in grid:
        basis, page = selectors.summit_list_at(valid_at=valid_at, known_at=known_at)
        items = page[0:]
        listed = {s.slug: (*(getattr(s, f) for f in _SUMMARY_FIELDS), s.leaders, s.version) for s in items}
        assert listed == _reference(slugs, valid_at, known_at), (valid_at, known_at)
        assert page.count() == len(items) and (basis.valid_at, basis.known_at) == (valid_at, known_at)
        checked |= {(s.slug, s.status, s.certainty, s.location) for s in items}
    # The grid reached the cases that matter: retracted later, uncertain, before any fact.
    assert {c[:3] for c in checked} >= {
        ("ghost", "proposed", "definite"),
        ("vladivostok-2019", "scheduled", "possible"),
        ("vladivostok-2019", None, "possible"),
        (SLUG, "cancelled", "definite"),
        (SLUG, None, "definite"),
    }
    assert ("seoul", None, "possible", "Blue House, Seoul") in checked


def test_filters_apply_to_the_state_at_the_basis(seeded):
    _story()
    for known_at in (None,):
        for valid_at in _valid_moments()[::6]:
            _, page = selectors.summit_list_at(valid_at=valid_at, known_at=known_at)
            items = page[0:]
            for status in ("scheduled", "cancelled", "concluded", "postponed"):
                _, only = selectors.summit_list_at(valid_at=valid_at, known_at=known_at, status=status)
                assert [s.slug for s in only[0:]] == [s.slug for s in items if s.status == status]
            _, ru = selectors.summit_list_at(valid_at=valid_at, known_at=known_at, party="ru")
            assert [s.slug for s in ru[0:]] == [s.slug for s in items if "RU" in s.parties]
            _, metropole = selectors.summit_list_at(valid_at=valid_at, known_at=known_at, location="metropole")
            assert [s.slug for s in metropole[0:]] == [s.slug for s in items if "Metropole" in s.location]


def test_summit_list_through_the_api_at_a_basis(seeded, anon):
    def get(**query) -> dict:
        response = anon.get("/api/summits/", query)
        assert response.status_code == 200, response.json()
        return response.json()

    evening = get(valid_at="2018-05-24T20:00:00Z")
    assert list(evening) == ["count", "next", "previous", "basis", "results"]
    assert evening["basis"]["valid_at"] == "2018-05-24T20:00:00Z" and evening["basis"]["known_at"] is None
    (item,) = evening["results"]
    assert (item["status"], item["certainty"], item["possible_statuses"]) == ("cancelled", "definite", ["cancelled"])
    assert item["location"] == "Singapore" and item["version"] == 7
    assert [s["slug"] for s in get(valid_at="2018-05-24T20:00:00Z", status="cancelled")["results"]] == [SLUG]
    assert get(valid_at="2018-05-24T20:00:00Z", status="concluded")["results"] == []
    # Now it is concluded, and it was held at Sentosa; in May the place was "Singapore".
    assert [s["slug"] for s in get(status="concluded", location="sentosa")["results"]] == [SLUG]
    assert get(valid_at="2018-05-26", location="sentosa")["count"] == 0
    uncertain = get(valid_at="2018-05-25T13:30:00Z")["results"][0]
    assert uncertain["certainty"] == "possible" and set(uncertain["possible_statuses"]) == {"cancelled", "scheduled"}
    before_anything = get(valid_at="2018-03-01", known_at="2000-01-01")
    assert before_anything["count"] == 0 and before_anything["basis"]["position"] == 0
    before_first_fact = get(valid_at="2018-01-01")["results"][0]
    assert before_first_fact["status"] is None and before_first_fact["possible_statuses"] == []
    for name in ("valid_at", "known_at"):
        response = anon.get("/api/summits/", {name: "tomorrow"})
        assert response.status_code == 400 and name in response.json()["errors"] and name in response.json()["detail"]


def test_a_summit_list_page_takes_a_fixed_number_of_queries(seeded, anon, django_assert_max_num_queries):
    query = {"valid_at": "2019-03-01T01:30:00Z", "known_at": "2100-01-01", "party": "KP", "page_size": 5}

    def grow(first: int, count: int) -> None:
        for n in range(first, first + count):
            slug = f"summit-{n}"
            services.summit_create(
                title=f"Summit {n}", slug=slug, change="scheduled", parties=["US", "KP"], location="Hanoi",
                when=ValidTime.at(t("2019-01-01T00:00") + timedelta(days=n % 28)),
            )  # fmt: skip
            for day in (1, 2):
                when = ValidTime.within_hour(t(f"2019-03-0{day}T01:00"))
                services.summit_change_status(slug=slug, change="cancelled" if day == 1 else "reinstated", when=when)

    grow(0, 2)
    with django_assert_max_num_queries(LIST_QUERIES):
        small = anon.get("/api/summits/", query).json()
    grow(2, 12)
    with django_assert_max_num_queries(LIST_QUERIES):
        large = anon.get("/api/summits/", query).json()
    with django_assert_max_num_queries(LIST_QUERIES):
        last = anon.get("/api/summits/", {**query, "page": 3}).json()
    assert (small["count"], large["count"], len(large["results"]), len(last["results"])) == (3, 15, 5, 5)
    # By scheduled date (none for the new ones: last), then slug.
    assert [i["slug"] for i in large["results"]] == [SLUG, "summit-0", "summit-1", "summit-10", "summit-11"]
    # Inside the uncertain hour of the cancellation: each new summit may have been on or off.
    item = large["results"][1]
    assert (item["status"], item["certainty"]) == ("scheduled", "possible")
    assert item["possible_statuses"] == ["scheduled", "cancelled"] and item["version"] == 3


def test_envoy_list_at_a_basis(seeded, anon, django_assert_max_num_queries):
    before = timezone.now()
    services.envoy_register(name="Stephen Biegun", country="US")
    services.envoy_assign_role(slug="mike-pompeo", title="Private citizen", start=date(2021, 1, 20))

    def pompeo(**query) -> dict:
        with django_assert_max_num_queries(LIST_QUERIES):
            body = anon.get("/api/envoys/", {"name": "pompeo", **query}).json()
        assert body["basis"]["position"] > 0
        (item,) = body["results"]
        return item

    assert len(pompeo()["roles"]) == 3
    then = pompeo(known_at=before.isoformat(), valid_at="2018-05-01")
    active = {r["title"]: r["active"] for r in then["roles"]}
    assert active == {"Director of the CIA": False, "Secretary of State": True}
    assert then["version"] == pompeo(known_at=before.isoformat())["version"] == pompeo()["version"] - 1
    slugs = {e["slug"] for e in anon.get("/api/envoys/", {"known_at": before.isoformat()}).json()["results"]}
    assert "mike-pompeo" in slugs and "stephen-biegun" not in slugs
    assert "stephen-biegun" in {e["slug"] for e in anon.get("/api/envoys/").json()["results"]}
    for n in range(8):
        services.envoy_assign_role(slug="mike-pompeo", title=f"Role {n}", start=date(2022, 1, 1 + n))
    assert len(pompeo(known_at=before.isoformat())["roles"]) == 2
    assert anon.get("/api/envoys/", {"known_at": "later"}).status_code == 400


def test_meeting_list_at_a_basis(seeded, anon, django_assert_max_num_queries):
    def ids(**query) -> list[str]:
        with django_assert_max_num_queries(LIST_QUERIES):
            response = anon.get("/api/meetings/", query)
        assert response.status_code == 200, response.json()
        return [m["meeting_id"] for m in response.json()["results"]]

    every = ids()
    # At a valid time, only the meetings begun by then, as in the summit's detail read.
    may_24 = ids(valid_at="2018-05-24T20:00:00Z", summit=SLUG)
    detail = anon.get(f"/api/summits/{SLUG}/", {"valid_at": "2018-05-24T20:00:00Z"}).json()
    assert may_24 == [m["meeting_id"] for m in detail["meetings"]] and 0 < len(may_24) < len(every)
    before = timezone.now()
    services.meeting_record(
        participants=["Mike Pompeo", "Kim Yong Chol"], when=ValidTime.on_day(date(2018, 7, 6)), meeting_id="kyc-07"
    )
    services.meeting_change_status(meeting_id="pompeo-kyc-2018-05-31", status="cancelled")
    assert ids(known_at=before.isoformat()) == every
    assert ids() == [*every, "kyc-07"]
    then = anon.get("/api/meetings/", {"known_at": before.isoformat(), "participant": "kim-yong-chol"}).json()
    assert {m["meeting_id"]: m["status"] for m in then["results"]}["pompeo-kyc-2018-05-31"] == "held"
    now = anon.get("/api/meetings/", {"participant": "kim-yong-chol"}).json()
    assert {m["meeting_id"]: m["status"] for m in now["results"]}["pompeo-kyc-2018-05-31"] == "cancelled"
    # Many rows changed since the basis are folded in one query.
    for n in range(10):
        when = ValidTime.on_day(date(2018, 8, 1 + n))
        services.meeting_record(participants=["Mike Pompeo"], when=when, location="Geneva", meeting_id=f"m{n}")
    later = timezone.now()
    for n in range(10):
        services.meeting_change_status(meeting_id=f"m{n}", status="cancelled")
    assert ids(known_at=later.isoformat(), location="geneva") == [f"m{n}" for n in range(10)]
    then = anon.get("/api/meetings/", {"known_at": later.isoformat(), "location": "geneva"}).json()["results"]
    assert {m["status"] for m in then} == {"held"}
