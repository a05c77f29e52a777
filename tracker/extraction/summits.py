"""Article-level pass: summits from leader pairs, then the contract's output objects."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Final

from .coder import BACKGROUND, NEWS_WINDOW, Change, Coder, Meeting, SummitMention, days_before
from .dates import Interval

_CLUSTER_GAP_DAYS: Final = 45
_COURTESY: Final = dt.timedelta(days=3)  # how near another summit a leaders' meeting is a call on the way


class SummitBuilder:
    def __init__(self, coder: Coder) -> None:
        self.coder = coder
        self.cast = coder.cast
        self.pub: dt.date = coder.pub

    def leader_pair_of(self, mentions: list[SummitMention]) -> tuple[dict[int, frozenset[str]], list[frozenset[str]]]:
        """Each summit mention's leader pair; pairs ordered main first."""
        weight: Counter[frozenset[str]] = Counter()
        first: dict[frozenset[str], int] = {}
        for m in mentions:
            # (two leaders of one country, "North Korean leaders Kim Il-sung and Kim Jong-il", are no summit's pair)
            if len(m.leaders) >= 2 and not self.cast.compatriots(m.leaders[0], m.leaders[1]):
                leaders = frozenset(m.leaders[:2])
                weight[leaders] += 2 if m.explicit else 1
                first.setdefault(leaders, m.sentence)
        if not weight:
            fallback = self.fallback_pair(mentions)
            if fallback is None:
                return {}, []
            weight[fallback] = 1
            first[fallback] = 0
        ranked = sorted(weight, key=lambda p: (-weight[p], first[p]))
        main = ranked[0]
        # a pair seen only in passing (no "summit" word) is a courtesy call, not a summit; one
        # whose meeting is proposed and told of twice ("invited to visit Russia ... a meeting
        # between Putin and Kim could take place") is a planned summit
        explicit_pairs = {frozenset(m.leaders[:2]) for m in mentions if len(m.leaders) >= 2 and m.explicit}
        changed = {frozenset(c.mention.leaders[:2]) for c in self.coder.changes if len(c.mention.leaders) >= 2}
        # a scheduled meeting of two leaders of different countries is a planned summit even told
        # once ("when he meets Mr Trump at the G20 summit in Osaka later this week")
        planned = {
            frozenset(m.leaders[:2])
            for m in mentions
            if m.planned and len(m.leaders) >= 2 and len({self.cast.persons[k].country for k in m.leaders[:2]}) == 2
        }
        # "Trump met Moon at the White House on Thursday" as the story's lede: the news is their summit
        lede = {
            frozenset(m.leaders[:2])
            for m in mentions
            if m.held
            and m.sentence <= 1
            and len(m.leaders) >= 2
            and len({self.cast.persons[k].country for k in m.leaders[:2]} - {None}) == 2
        }
        # a meeting of two countries' leaders held on the day of the news is their summit, word or no
        # word ("Trump met Moon in the Oval Office on Tuesday"), unless it is a call on the sidelines
        # of the story's summit, in its host country (Trump and Lee Hsien Loong in Singapore the day
        # before the Trump-Kim summit)
        main_countries = {m.location.country for m in mentions if m.location and frozenset(m.leaders[:2]) == main}
        todays = {
            frozenset(m.leaders[:2])
            for m in mentions
            if m.held
            and m.held.days <= 2
            and days_before(self.pub, dt.timedelta(days=1)) <= m.held.start <= m.held.end <= self.pub
            and len(m.leaders) >= 2
            and len({self.cast.persons[k].country for k in m.leaders[:2]} - {None}) == 2
            and not any(self.cast.persons[k].country in main_countries for k in m.leaders[:2] if k not in main)
        }
        # "Lee Hsien Loong and Trump held a bilateral meeting, a day before Trump and Kim meet for their
        # summit": a leader's call on the host of another summit of theirs is a courtesy call
        venues: dict[frozenset[str], set[str | None]] = {}
        for m in mentions:
            if len(m.leaders) >= 2 and m.location is not None:
                venues.setdefault(frozenset(m.leaders[:2]), set()).add(m.location.country)
        courtesy = {
            frozenset(m.leaders[:2])
            for m in mentions
            if m.held
            and len(m.leaders) >= 2
            and not m.explicit
            and frozenset(m.leaders[:2]) not in explicit_pairs
            and any(
                len(other & frozenset(m.leaders[:2])) == 1
                and any(k not in other and self.cast.persons[k].country in venues.get(other, ()) for k in m.leaders[:2])
                for other in explicit_pairs
            )
        }
        if main in courtesy:
            main = next((p for p in ranked if p not in courtesy), main)
        ranked = [p for p in ranked if p not in courtesy]
        ranked = [
            p
            for p in ranked
            if p == main
            or p in explicit_pairs
            or p in planned
            or p in lede
            or p in todays
            or (p in changed and weight[p] >= 2)
        ]
        assignment: dict[int, frozenset[str]] = {}
        current: frozenset[str] | None = None
        for index, m in enumerate(mentions):
            pair: frozenset[str] | None = None
            if len(m.leaders) >= 2:
                candidate = frozenset(m.leaders[:2])
                pair = candidate if candidate in ranked else None
            elif len(m.leaders) == 1:
                holders = [p for p in ranked if m.leaders[0] in p]
                pair = current if current and current in holders else (holders[0] if holders else None)
            else:
                pair = current or main
            if pair is not None:
                assignment[index] = pair
                current = pair
        return assignment, ranked

    def fallback_pair(self, mentions: list[SummitMention]) -> frozenset[str] | None:
        """No mention names two leaders: pair the most mentioned leaders of two countries."""
        leaders = sorted((p for p in self.cast.persons.values() if p.leader), key=lambda p: (-p.count, p.first))
        named = Counter(m.leaders[0] for m in mentions if m.leaders)
        if named:
            leaders.sort(key=lambda p: (-named[p.key], -p.count, p.first))
        if not leaders:
            return None
        first = leaders[0]
        others = sorted(leaders[1:], key=lambda p: (-p.count, p.first))
        other = next((p for p in others if p.country != first.country), None)
        return frozenset({first.key, other.key}) if other else None

    def build(self) -> tuple[list[dict[str, Any]], list[tuple[frozenset[str], list[SummitMention]]]]:
        mentions = self.coder.summit_mentions
        assignment, ranked = self.leader_pair_of(mentions)
        groups: list[tuple[frozenset[str], list[SummitMention]]] = []
        for pair in ranked:
            members = [m for i, m in enumerate(mentions) if assignment.get(i) == pair]
            clusters = self.clusters(members)
            # "he made a surprise visit to Beijing in late March": a past visit no one calls a summit,
            # months before the pair's summit of the news, is a meeting only
            if len(clusters) > 1:
                clusters = [c for c in clusters if any(m.explicit for m in c) or c is clusters[-1]] or clusters
            groups.extend((pair, cluster) for cluster in clusters)
        groups = self.without_courtesy_calls(groups)
        # a pair's summits in the order the story first tells them ("hopes to organize a second summit"
        # in the lede, "a follow-up to their summit in Singapore" below), the pair told most first
        told = Counter(pair for pair, members in groups for _ in members)
        groups.sort(key=lambda g: (-told[g[0]], min(m.sentence for m in g[1])))
        return [self.summit_json(i, pair, ms) for i, (pair, ms) in enumerate(groups)], groups

    def without_courtesy_calls(
        self, groups: list[tuple[frozenset[str], list[SummitMention]]]
    ) -> list[tuple[frozenset[str], list[SummitMention]]]:
        """Drop a leaders' meeting no one calls a summit, days from a summit one of them holds with
        another leader: "Trump met Singapore's Prime Minister Lee Hsien Loong today, on the eve of a
        historic summit between Trump and Kim" is a call on the host, not a summit of its own."""
        persons = self.cast.persons
        called = [
            (pair, _days(members), {m.location.country for m in members if m.location})
            for pair, members in groups
            if any(m.explicit for m in members)
        ]
        kept = []
        for pair, members in groups:
            days = _days(members)
            if (
                days is not None
                and not any(m.explicit for m in members)
                and any(
                    len(pair & other) == 1
                    and when is not None
                    and when.days <= 3  # a summit of known days, not "this month or early next month"
                    and when.start - _COURTESY <= days.end
                    and days.start <= when.end + _COURTESY
                    # the one called on is the host of the summit's country (Lee in Singapore), not a
                    # third leader met there (Kim at the DMZ the day Trump met Moon in Seoul)
                    and persons[next(iter(pair - other))].country in places
                    for other, when, places in called
                )
            ):
                continue
            kept.append((pair, members))
        return kept

    def clusters(self, members: list[SummitMention]) -> list[list[SummitMention]]:
        """Split one pair's mentions by time: Singapore 2018 and Hanoi 2019 are two summits."""
        dated = sorted((m for m in members if m.held or m.scheduled), key=lambda m: _when(m).start)
        clusters: list[list[SummitMention]] = []
        for m in dated:
            if clusters and (_when(m).start - max(_when(x).end for x in clusters[-1])).days <= _CLUSTER_GAP_DAYS:
                clusters[-1].append(m)
            else:
                clusters.append([m])
        undated = [m for m in members if not (m.held or m.scheduled)]
        if not clusters:
            return [members] if members else []
        # "laying the groundwork for a second summit", five months after the pair's only summit: the one
        # ahead is a summit of its own, not the one held
        ahead = [m for m in undated if m.follow_on]
        past = days_before(self.pub, NEWS_WINDOW)
        if ahead and all(x.held and not x.scheduled and x.held.end < past for c in clusters for x in c):
            undated = [m for m in undated if not m.follow_on]
            for cluster in clusters:
                cluster.sort(key=lambda m: m.sentence)
            clusters[-1].extend(undated)
            return [*clusters, ahead]
        current = min(clusters, key=lambda c: abs((max(_when(x).end for x in c) - self.pub).days))
        current.extend(undated)
        for cluster in clusters:
            cluster.sort(key=lambda m: m.sentence)
        return clusters

    def summit_json(self, index: int, pair: frozenset[str], members: list[SummitMention]) -> dict[str, Any]:
        leaders = sorted(pair, key=lambda k: self.cast.persons[k].first)
        persons = self.cast.persons
        held = [m.held for m in members if m.held]
        # "on February 27 and 28" schedules a two-day summit: its first day is the date
        exact = [m.scheduled for m in members if m.scheduled and m.scheduled.days <= 3]
        when = min(h.start for h in held) if held else (exact[0].start if exact else None)
        if held and not [h for h in held if h.days <= 3] and not exact:
            # held, but only known to within the news window ("Kim crossed into the South" with no
            # day): the news of a summit held is told the day it is held, the day of publication
            # the news window (a week before publication), with a day to spare
            recent = [h.end for h in held if (self.pub - h.start).days <= NEWS_WINDOW.days + 1 and h.end <= self.pub]
            when = max(recent) if recent else when
        located = _best_located(members)
        parties = []
        for key in leaders:
            country = persons[key].country
            if country and country not in parties:
                parties.append(country)
        return {
            "ref": f"s{index + 1}",
            "leaders": [persons[k].name for k in leaders],
            "parties": parties,
            "scheduled_for": when.isoformat() if when else None,
            "location": located.location.name if located and located.location else None,
        }


def _best_located(members: list[SummitMention]) -> SummitMention | None:
    """The mention whose place is told most firmly (the first of those), if any tells one."""
    located = [m for m in members if m.location]
    return min(located, key=lambda m: (-m.place_strength, m.sentence)) if located else None


def _days(members: list[SummitMention]) -> Interval | None:
    """The days a group of mentions dates, if any does."""
    dated = [_when(m) for m in members if m.held or m.scheduled]
    return Interval(min(d.start for d in dated), max(d.end for d in dated)) if dated else None


def _when(m: SummitMention) -> Interval:
    interval = m.held or m.scheduled
    assert interval is not None
    return interval


def assemble(coder: Coder) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(summits, meetings, status_changes) as contract JSON."""
    summits, groups = SummitBuilder(coder).build()
    ref_of: dict[int, str] = {}
    for index, (_, members) in enumerate(groups):
        for m in members:
            ref_of[id(m)] = f"s{index + 1}"
    persons = coder.cast.persons

    changes: list[Change] = [c for c in coder.changes if id(c.mention) in ref_of]
    for index, (pair, members) in enumerate(groups):
        held = [m for m in members if m.held]
        if held:
            # "after the two leaders signed a statement" (no day: the news window) and "signed it early
            # Tuesday" tell one summit: the days told exactly date it
            exact = [m for m in held if m.held and m.held.days <= 3] or held
            span = exact[0].held
            for m in exact[1:]:
                span = span.union(m.held) if span and m.held else span
            sentence = coder.sentences[held[0].sentence]
            already = [c for c in changes if ref_of[id(c.mention)] == f"s{index + 1}" and c.status == "held"]
            # "the two leaders first met in Singapore in June": a summit held more than a month before
            # the article is background, its status long settled, not news (the gold lists it optional)
            background = span is not None and span.end < days_before(coder.pub, BACKGROUND)
            if not already and not background:
                changes.append(
                    Change(held[0], "held", span, None, None, 0.85, (sentence.start, sentence.end), "040", "CONSULT")
                )
        elif members:
            met = _met_in_the_news(coder, pair)
            if met is not None and met.interval is not None:
                # "Kim ... shook hands with the president" on a told day of the news: their summit was
                # held that day, whatever else (a visit to Washington) they propose
                changes.append(
                    Change(members[0], "held", met.interval, None, None, 0.7, met.evidence, "040", "CONSULT")
                )
            else:
                _guessed_held(coder, pair, members[0], changes, index, ref_of)
    _concluded_was_held(coder, groups, changes, ref_of)
    changes = _merge_retold(changes, ref_of)
    changes = _without_later_proposals(changes, ref_of)
    change_json = []
    for change in changes:
        reverses = _reversed_change(change, changes, ref_of)
        item: dict[str, Any] = {
            "summit": ref_of[id(change.mention)],
            "status": change.status,
            "date": change.interval.as_json() if change.interval else None,
            "announced_by": persons[change.announced_by].name if change.announced_by else None,
            "reverses": reverses,
            "confidence": change.confidence,
            "evidence": {"start": change.evidence[0], "end": change.evidence[1]},
            "cameo": change.cameo,
            "plover": change.plover,
        }
        if change.after_hours is not None:
            item["after_hours"] = change.after_hours
        change_json.append(item)

    main = summits[0] if summits else None
    kept = [m for m in coder.meetings if not _told_as_summit(m, groups)]
    kept.extend(_summit_meetings(coder, groups, kept))
    meeting_json = [_meeting_json(m, coder, groups, main) for m in kept]
    return summits, meeting_json, change_json


def _summit_meetings(
    coder: Coder, groups: list[tuple[frozenset[str], list[SummitMention]]], meetings: list[Meeting]
) -> list[Meeting]:
    """A summit held is also a meeting of its leaders: "their first summit, in Singapore last June"
    tells a meeting no verb of the clause tells. One per held summit no meeting of the pair meets."""
    added: list[Meeting] = []
    for pair, members in groups:
        held = [m for m in members if m.held and len(m.leaders) >= 2]
        if len(pair) != 2 or not held:
            continue
        span = held[0].held
        assert span is not None
        if any(
            m.group == pair and m.status == "held" and (m.interval is None or m.interval.overlaps(span))
            for m in meetings
        ):
            continue
        located = _best_located(members)
        sentence = coder.sentences[held[0].sentence]
        added.append(
            Meeting(
                sorted(pair, key=lambda k: coder.cast.persons[k].first),
                [],
                located.location if located else None,
                span,
                "in_person",
                "held",
                coder.lex.meeting_kind("meet"),
                0.6,
                (sentence.start, sentence.end),
                held[0].sentence,
                summit_like=True,
            )
        )
    return added


def _without_later_proposals(changes: list[Change], ref_of: dict[int, str]) -> list[Change]:
    """ "Kim has accepted an invitation to visit the US", told the day after the Singapore summit: a
    proposal made after a summit held (on its days) is of the pair's next meeting, not of that summit."""
    held_on = {
        ref_of[id(c.mention)]: c.interval for c in changes if c.status == "held" and c.interval and c.interval.days <= 3
    }

    def later(c: Change) -> bool:
        done = held_on.get(ref_of[id(c.mention)])
        return c.status == "proposed" and c.interval is not None and done is not None and c.interval.start > done.end

    return [c for c in changes if not later(c)]


def _told_as_summit(m: Meeting, groups: list[tuple[frozenset[str], list[SummitMention]]]) -> bool:
    """A summit still ahead is recorded as the summit (and its status changes), not as a meeting of
    its leaders too ("Trump is due to meet Kim on June 12" beside "the June 12 summit"): a summit held
    is a meeting, one planned is not yet. Only a summit the story calls one, on the meeting's day."""
    if not (m.summit_like and m.status in ("scheduled", "proposed")):
        return False
    pair = frozenset(m.participants)
    for group_pair, members in groups:
        # ("the summit" naming no leader is the story's thread's, not a word it used of this pair)
        if group_pair != pair or not any(x.explicit and x.leaders and set(x.leaders) <= pair for x in members):
            continue
        days = [x.scheduled or x.held for x in members if x.scheduled or x.held]
        if m.interval is None or not days or any(d.overlaps(m.interval) for d in days if d):
            return True
    return False


def _concluded_was_held(
    coder: Coder,
    groups: list[tuple[frozenset[str], list[SummitMention]]],
    changes: list[Change],
    ref_of: dict[int, str],
) -> None:
    """A summit that "abruptly ended without an agreement on Thursday" was held, that day at least:
    its `held` change, and its leaders' meeting, when the story tells neither."""
    kind = coder.lex.meeting_kind("meet")
    for index, (pair, _) in enumerate(groups):
        ref = f"s{index + 1}"
        mine = [c for c in changes if ref_of[id(c.mention)] == ref]
        # only an end told with its day: a guessed window is too weak to add two claims on
        ended = next((c for c in mine if c.status == "concluded" and c.interval and not c.guessed), None)
        if ended is None or ended.interval is None or any(c.status == "held" for c in mine):
            continue
        if ended.interval.end < days_before(coder.pub, NEWS_WINDOW):
            continue  # "after their summit ended without a deal in February": background, long settled
        changes.append(
            Change(ended.mention, "held", ended.interval, None, None, 0.75, ended.evidence, "040", "CONSULT")
        )
        met = any(m.group == pair and m.status == "held" for m in coder.meetings)
        if len(pair) == 2 and not met:
            coder.meetings.append(
                Meeting(
                    list(ended.mention.leaders[:2]),
                    [],
                    ended.mention.location,
                    ended.interval,
                    "in_person",
                    "held",
                    kind,
                    0.75,
                    ended.evidence,
                    ended.mention.sentence,
                    summit_like=True,
                )
            )


def _met_in_the_news(coder: Coder, pair: frozenset[str]) -> Meeting | None:
    """The pair's meeting in person held on a day the story tells (not guessed, not background),
    within the news window; none when the story tells no such meeting."""
    window = days_before(coder.pub, NEWS_WINDOW)
    return next(
        (
            m
            for m in coder.meetings
            if m.group == pair
            and m.summit_like
            and m.status == "held"
            and not m.guessed
            and not m.earlier
            and m.interval is not None
            and m.interval.days <= 2
            and window <= m.interval.start
            and m.interval.end <= coder.pub
        ),
        None,
    )


def _guessed_held(
    coder: Coder,
    pair: frozenset[str],
    mention: SummitMention,
    changes: list[Change],
    index: int,
    ref_of: dict[int, str],
) -> None:
    """A `held` change for a summit whose leaders' held meeting has only the news window for a
    date ("the talks ended in Geneva"), at that window's guessed confidence."""
    meeting = next(
        (m for m in coder.meetings if m.guessed and m.summit_like and frozenset(m.participants) == pair), None
    )
    ref = f"s{index + 1}"
    # a summit the story tells as proposed, planned or called off has not (yet) been held
    told = {c.status for c in changes if ref_of[id(c.mention)] == ref}
    if meeting is None or told & {"held", "proposed", "scheduled", "cancelled", "postponed"}:
        return
    changes.append(
        Change(
            mention,
            "held",
            meeting.interval,
            None,
            None,
            meeting.confidence,
            meeting.evidence,
            "040",
            "CONSULT",
            guessed=True,
        )
    )


def _merge_retold(changes: list[Change], ref_of: dict[int, str]) -> list[Change]:
    """One change per summit, status and time: the story retells its news ("a day after he
    cancelled it", "leading to the summit's cancellation", "Trump announced that he was cancelling"),
    each time with the leaders it happens to name. The first telling stands; a later one may name
    who announced it."""
    kept: list[Change] = []
    for change in changes:
        ref = ref_of[id(change.mention)]
        same = next(
            (
                k
                for k in kept
                if ref_of[id(k.mention)] == ref
                and k.status == change.status
                and (k.interval is None) == (change.interval is None)
                and (k.interval is None or change.interval is None or k.interval.overlaps(change.interval))
            ),
            None,
        )
        if same is None:
            kept.append(change)
        else:
            same.announced_by = same.announced_by or change.announced_by
            same.confidence = max(same.confidence, change.confidence)
    return kept


def _reversed_change(change: Change, changes: list[Change], ref_of: dict[int, str]) -> int | None:
    """The cancellation (or postponement) a reinstatement undoes: the latest one before it in
    time on the same summit, whatever order the article tells them in."""
    if change.status != "reinstated":
        return None
    summit = ref_of[id(change.mention)]
    candidates = [
        (i, c)
        for i, c in enumerate(changes)
        if c.status in ("cancelled", "postponed")
        and ref_of[id(c.mention)] == summit
        and (c.interval is None or change.interval is None or c.interval.start <= change.interval.end)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda ic: (ic[1].interval.start if ic[1].interval else dt.date.min, ic[0]))[0]


def _meeting_json(
    m: Meeting, coder: Coder, groups: list[tuple[frozenset[str], list[SummitMention]]], main: dict[str, Any] | None
) -> dict[str, Any]:
    persons = coder.cast.persons
    summit_ref = None
    for index, (pair, members) in enumerate(groups):
        if (
            m.summit_like
            and pair == frozenset(m.participants)
            and (m.guessed or any(x.held and m.interval and x.held.overlaps(m.interval) for x in members))
        ):
            summit_ref = f"s{index + 1}"
    if summit_ref is None and main and not m.summit_like and m.participants:
        countries = {persons[k].country for k in m.participants}
        if countries <= set(main["parties"]) and len(countries) > 1:
            summit_ref = main["ref"]
    cameo = m.kind.cameo
    if m.status == "proposed":
        cameo = "036"
    elif m.status == "cancelled":
        cameo = "16"
    elif m.kind.kind in ("meet", "talks") and m.location:
        countries = {persons[k].country for k in m.participants}
        if m.location.country not in countries and len(countries) > 1:
            cameo = "044"
    return {
        "participants": [persons[k].name for k in m.participants] + m.unnamed,
        "location": m.location.name if m.location else None,
        "date": m.interval.as_json() if m.interval else None,
        "mode": m.mode,
        "status": m.status,
        "summit": summit_ref,
        "confidence": m.confidence,
        "evidence": {"start": m.evidence[0], "end": m.evidence[1]},
        "cameo": cameo,
        "plover": "AGREE" if m.status == "proposed" else "REDUCE" if m.status == "cancelled" else m.kind.plover,
    }
