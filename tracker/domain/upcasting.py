"""Schema evolution: stored events are upcast to the current schema on every read.

Each event type has a current schema version. An upcaster turns the data of version N
into version N + 1; a chain runs until the current version. Writers always write the
current version, so old shapes exist only in stored rows, never in code paths beyond here.
"""

from collections.abc import Callable
from typing import Any

Data = dict[str, Any]
Upcaster = Callable[[Data], Data]

CURRENT_VERSIONS: dict[str, int] = {}
_UPCASTERS: dict[tuple[str, int], Upcaster] = {}


def current_version(event_type: str) -> int:
    return CURRENT_VERSIONS.get(event_type, 1)


def upcaster(event_type: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
    """Register ``fn`` to turn ``event_type`` data of ``from_version`` into the next version."""

    def register(fn: Upcaster) -> Upcaster:
        _UPCASTERS[(event_type, from_version)] = fn
        CURRENT_VERSIONS[event_type] = max(CURRENT_VERSIONS.get(event_type, 1), from_version + 1)
        return fn

    return register


def upcast(event_type: str, schema_version: int, data: Data) -> tuple[int, Data]:
    version = schema_version
    target = current_version(event_type)
    while version < target:
        step = _UPCASTERS.get((event_type, version))
        if step is None:
            raise LookupError(f"no upcaster for {event_type} v{version} -> v{version + 1}")
        data = step(dict(data))
        version += 1
    return version, data
