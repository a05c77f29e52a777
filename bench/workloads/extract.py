"""W7 ``extract``: articles per second on one core, through the whole extractor.

``extract``: the founding article and the extraction test articles (whatever exist), each
parsed with :func:`tracker.extraction.parse_article` and extracted with
:func:`tracker.extraction.extract`, round after round in this one process.
``extract_founding``: the founding article (4.4 KB, the size the target is set for) alone,
the same way. The rate is per CPU second of this process (``time.process_time``), so other
load on the machine counts against it only through shared caches; the wall-clock rate is
reported beside it. Baseline: parsing alone (reading the header and body), same articles,
same run.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from bench.harness import ROOT, Context, result

FULL = {"rounds": 40, "founding_rounds": 600}
QUICK = {"rounds": 3, "founding_rounds": 60}
FOUNDING = "2018-05-31-pompeo-kim-yong-chol-new-york.txt"


def articles() -> list[tuple[str, bytes]]:
    paths = sorted((ROOT / "seeds" / "articles").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "extraction" / "articles").glob("*.txt"))
    return [(p.name, p.read_bytes()) for p in paths]


def _rate(fn, texts: list[tuple[str, bytes]], rounds: int) -> tuple[float, float]:
    """(articles per CPU second, articles per wall second)."""
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(rounds):
        for name, raw in texts:
            fn(name, raw)
    count = rounds * len(texts)
    return count / (time.process_time() - cpu), count / (time.perf_counter() - wall)


def run(ctx: Context) -> Iterator[dict[str, Any]]:
    from tracker.extraction import extract, parse_article

    n = QUICK if ctx.quick else FULL
    texts = articles()

    def parse(name: str, raw: bytes) -> object:
        return parse_article(raw, filename=name)

    def parse_and_extract(name: str, raw: bytes) -> object:
        return extract(parse_article(raw, filename=name))

    _rate(parse_and_extract, texts, 1)  # warm: dictionaries load once per process
    baseline, _ = _rate(parse, texts, n["rounds"])
    value, wall = _rate(parse_and_extract, texts, n["rounds"])
    size = sum(len(raw) for _, raw in texts) / len(texts)
    yield result("extract", value, "articles/s/core", baseline, target=">= 200", wall_rate=round(wall, 1),
                 articles=len(texts), rounds=n["rounds"], mean_bytes=round(size))  # fmt: skip

    founding = [(name, raw) for name, raw in texts if name == FOUNDING]
    if founding:
        baseline, _ = _rate(parse, founding, n["founding_rounds"])
        value, wall = _rate(parse_and_extract, founding, n["founding_rounds"])
        yield result("extract_founding", value, "articles/s/core", baseline, target=">= 200",
                     wall_rate=round(wall, 1), articles=1, rounds=n["founding_rounds"],
                     mean_bytes=len(founding[0][1]))  # fmt: skip
