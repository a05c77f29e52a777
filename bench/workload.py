"""The benchmark's event workload, fixed so other event stores can run the same work.

A ``summit`` stream's events, 200-400 bytes of JSON each:

* ``Scheduled``: date, location, two participant names;
* ``StatusChanged``: status, a reason of about 120 characters, a source url;
* ``MeetingRecorded``: two participant names, location, date, mode.

A stream of n events is one ``Scheduled`` then ``StatusChanged`` and ``MeetingRecorded``
in turn. Everything is derived from the stream number and version, so every run and
every store sees the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

PEOPLE = (
    ("Donald Trump", "Kim Jong Un"),
    ("Mike Pompeo", "Kim Yong Chol"),
    ("Moon Jae-in", "Kim Jong Un"),
    ("Sergei Lavrov", "Ri Yong Ho"),
    ("Xi Jinping", "Kim Jong Un"),
    ("Vladimir Putin", "Donald Trump"),
)
PLACES = (
    "Capella Hotel, Sentosa Island, Singapore",
    "Peace House, Panmunjom, Demilitarized Zone",
    "Metropole Hotel, Hanoi, Vietnam",
    "Presidential Palace, Helsinki, Finland",
    "Far Eastern Federal University, Vladivostok, Russia",
    "Paekhwawon State Guesthouse, Pyongyang",
)
STATUSES = ("cancelled", "scheduled", "postponed", "scheduled")
MODES = ("in_person", "phone", "letter", "video")
REASON = (
    "The White House cited tremendous anger and open hostility in the most recent statement; "
    "talks may resume when conditions allow."
)  # about 120 characters, as the workload asks
BASE_DAY = dt.date(2018, 3, 8)


def event_type(version: int) -> str:
    if version == 1:
        return "Scheduled"
    return "StatusChanged" if version % 2 == 0 else "MeetingRecorded"


def event_day(stream: int, version: int) -> dt.date:
    return BASE_DAY + dt.timedelta(days=(stream % 97) + version)


def payload(stream: int, version: int) -> dict[str, Any]:
    kind = event_type(version)
    pair = PEOPLE[(stream + version) % len(PEOPLE)]
    place = PLACES[(stream + version) % len(PLACES)]
    day = event_day(stream, version).isoformat()
    if kind == "Scheduled":
        return {
            "date": day,
            "location": place,
            "participants": list(pair),
            "title": f"{pair[0]} and {pair[1]} summit #{stream}",
            "agenda": "Denuclearisation, sanctions relief, a peace regime and the return of remains.",
        }
    if kind == "StatusChanged":
        return {
            "status": STATUSES[(version // 2) % len(STATUSES)],
            "reason": f"{REASON} ({stream}.{version})",
            "source_url": f"https://news.example.org/{day}/summit-{stream}-update-{version}.html",
        }
    return {
        "participants": list(pair),
        "location": place,
        "date": day,
        "mode": MODES[version % len(MODES)],
        "title": f"Preparatory talks between {pair[0]} and {pair[1]} ahead of summit #{stream}",
        "note": "Delegations exchanged letters and agreed on logistics.",
    }


def payload_json(stream: int, version: int) -> str:
    return json.dumps(payload(stream, version), separators=(",", ":"))
