"""W7 ``extract``: articles per second on one core, through the whole extractor.

``extract``: the founding article and the extraction test articles (whatever exist), each
parsed with :func:`tracker.extraction.parse_article` and extracted with
:func:`tracker.extraction.extract`, round after round in this one process.
``extract_founding``: the founding article (4.4 KB, the size the target is set for) alone,
the same way. The rate is per CPU second of this process (``time.process_time``), so other
load on the machine counts against it only through shared caches; the wall-clock rate is
reported beside it. Baseline: parsing alone (reading the header and body), same articles,
same run.

When the extractor runs compiled (``tools/compile_extractor.py``, mypyc), ``extract_python``
times the same founding-article loop on its pure-Python sources, in a child process over a copy
of the sources alone (where no extension shadows them), in chunks alternating with the compiled
loop in this process, so that the two builds see the same machine: its baseline is the compiled
rate of those chunks and its ratio the pure-Python rate over the compiled one.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
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


# The founding-article loop of run(), in a child process that runs a round of it each time it
# reads a count of articles, and answers with the CPU seconds they took.
PURE_LOOP = """
import sys, time
from tracker.extraction import BUILD, extract, parse_article
assert BUILD == "python", BUILD
raw = open(sys.argv[1], "rb").read()
extract(parse_article(raw, filename="a.txt"))
print("ready", flush=True)
for line in sys.stdin:
    cpu = time.process_time()
    for _ in range(int(line)):
        extract(parse_article(raw, filename="a.txt"))
    print(time.process_time() - cpu, flush=True)
"""


def compiled_and_pure_rates(fn, article: Path, rounds: int, chunks: int = 6) -> tuple[float, float]:
    """(compiled, pure-Python) articles per CPU second on ``article``, measured in alternating
    chunks (this process, then a child running the sources alone) so that both see the same
    machine: on a shared virtual machine the speed of a core drifts by a third within a minute."""
    from tracker.extraction.buildinfo import copy_sources

    name, raw = article.name, article.read_bytes()
    per_chunk = max(1, rounds // chunks)
    with tempfile.TemporaryDirectory() as tmp:
        copy_sources(Path(tmp))
        child = subprocess.Popen(
            [sys.executable, "-c", PURE_LOOP, str(article)],
            cwd=tmp,
            env={"PYTHONPATH": tmp, "PATH": "/usr/bin:/bin"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdin is not None and child.stdout is not None
        try:
            if child.stdout.readline().strip() != "ready":
                raise RuntimeError("the pure-Python extractor did not start")
            mine = theirs = 0.0
            for _ in range(chunks):
                cpu = time.process_time()
                for _ in range(per_chunk):
                    fn(name, raw)
                mine += time.process_time() - cpu
                child.stdin.write(f"{per_chunk}\n")
                child.stdin.flush()
                theirs += float(child.stdout.readline())
        finally:
            child.stdin.close()
            child.wait(timeout=60)
    count = per_chunk * chunks
    return count / mine, count / theirs


def run(ctx: Context) -> Iterator[dict[str, Any]]:
    from tracker.extraction import BUILD, extract, parse_article

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
                 articles=len(texts), rounds=n["rounds"], mean_bytes=round(size), build=BUILD)  # fmt: skip

    founding = [(name, raw) for name, raw in texts if name == FOUNDING]
    if founding:
        baseline, _ = _rate(parse, founding, n["founding_rounds"])
        value, wall = _rate(parse_and_extract, founding, n["founding_rounds"])
        yield result("extract_founding", value, "articles/s/core", baseline, target=">= 200",
                     wall_rate=round(wall, 1), articles=1, rounds=n["founding_rounds"],
                     mean_bytes=len(founding[0][1]), build=BUILD)  # fmt: skip
        if BUILD == "mypyc":
            article = next(
                p
                for p in (ROOT / "seeds" / "articles" / FOUNDING, ROOT / "tests" / "extraction" / "articles" / FOUNDING)
                if p.exists()
            )
            compiled, pure = compiled_and_pure_rates(parse_and_extract, article, n["founding_rounds"])
            # value: the pure-Python sources; baseline: the compiled build, in the same chunks
            yield result("extract_python", pure, "articles/s/core", compiled, target="compiled is faster",
                         articles=1, rounds=n["founding_rounds"], build="python")  # fmt: skip
