"""The story as `make run` loads it: the curated timeline, then the founding article through
the ingestion pipeline. The article may add sources, never change the story's answers."""

from datetime import UTC, datetime

import pytest

from tracker import selectors
from tracker.seeds import article_files, ingest_article

pytestmark = pytest.mark.django_db


def test_the_founding_article_corroborates_and_changes_no_answer(seeded):
    before = [(e.change, e.valid_from, e.certain_from) for e in selectors.summit_timeline(seeded)]
    for path in article_files():
        ingest_article(path)
    after = [(e.change, e.valid_from, e.certain_from) for e in selectors.summit_timeline(seeded)]
    # Its vague "since Trump accepted Kim's proposal" is a claim for review (a guessed
    # window), not a second proposal in the timeline.
    assert after == before
    evening = selectors.summit_state(seeded, valid_at=datetime(2018, 5, 24, 20, tzinfo=UTC))
    assert (evening.status, evening.certainty) == ("cancelled", "definite")
    sourced = [e for e in selectors.summit_timeline(seeded) if any(s.get("kind") == "article" for s in e.sources)]
    assert {e.change for e in sourced} >= {"cancelled", "reinstated"}


def test_a_meeting_long_before_the_summit_is_recorded_but_not_linked_to_it(seeded):
    # The article recalls Jo Myong Rok's visit to Bill Clinton in 2000 beside the 2018 summit.
    for path in article_files():
        ingest_article(path)
    linked = {frozenset(p["name"] for p in m.participants) for m in selectors.summit_state(seeded).meetings}
    assert frozenset({"Mike Pompeo", "Kim Yong Chol"}) in linked
    assert frozenset({"Jo Myong Rok", "Bill Clinton"}) not in linked
    recalled = selectors.meeting_list(participant="jo-myong-rok")
    assert [m.valid_from.year for m in recalled] == [2000]
