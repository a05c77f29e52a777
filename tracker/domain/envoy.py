"""Envoys: people who act for a party, with aliases and roles over time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .events import ENVOY_REGISTERED, ENVOY_ROLE_ASSIGNED
from .facts import Fact


@dataclass(frozen=True)
class Role:
    title: str
    party: str
    start: str | None
    end: str | None
    event_id: str


@dataclass(frozen=True)
class EnvoyState:
    name: str
    aliases: tuple[str, ...]
    country: str
    roles: tuple[Role, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "country": self.country,
            "roles": [r.__dict__ for r in self.roles],
        }


def fold_envoy(facts: Sequence[Fact]) -> EnvoyState | None:
    registered = next((f for f in facts if f.type == ENVOY_REGISTERED), None)
    if registered is None:
        return None
    roles = []
    for fact in facts:
        if fact.type == ENVOY_ROLE_ASSIGNED:
            d = fact.data
            start = d.get("start") or (fact.time.earliest.date().isoformat() if fact.time else None)
            roles.append(
                Role(d["title"], d.get("party") or registered.data.get("country", ""), start, d.get("end"), fact.id)
            )
    roles.sort(key=lambda r: (r.start or "", r.title))
    data = registered.data
    return EnvoyState(data["name"], tuple(data.get("aliases", ())), data.get("country", ""), tuple(roles))
