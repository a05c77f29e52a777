"""The shared scorer on the founding article and on this package's own annotated articles.

The bars are what the extractor achieves today minus a small margin, so a change that makes
extraction worse fails here. The scorer is the project's, loaded by path; nothing is vendored.
"""

import importlib.util
import json
from pathlib import Path

import pytest

from tracker.extraction import extract, parse_article

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
SCORER = SHARED / "eval" / "score_extraction.py"

# (event_f1, entity_f1) floors: what the extractor achieves today minus a margin. The own set
# pools the 16 articles the rules were tuned on with blind set 2 (9, first run 0.564), blind
# set 3 (4, first run 0.706), blind set 4 (4, first run 0.642), blind set 5 (4, first run
# 0.690), blind set 6 (4, first run 0.531), blind set 7 (4, first run 0.706) and blind set 8 (4,
# first run 0.792); the floor is 0.90 (today 0.924 on all 49 with extractor 1.17.0; 0.920 with 1.15.0 and 1.16.0;
# 0.925 with 1.14.0).
# Real news copy (docs/real-news/) is not in the repository, so it is not scored here.
FOUNDING_BARS = (0.95, 0.95)
OWN_BARS = (0.90, 0.95)
REAL_NEWS = HERE.parents[1] / "docs" / "real-news"


@pytest.fixture(scope="module")
def scorer():
    if not SCORER.exists():
        pytest.skip(f"scorer not found at {SCORER}")
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(scorer, articles: Path, gold: Path) -> tuple[float, float, int]:
    total = scorer.Score()
    pairs = [(a, gold / f"{a.stem}.json") for a in sorted(articles.glob("*.txt"))]
    pairs = [(a, g) for a, g in pairs if g.exists()]
    for article, gold_path in pairs:
        prediction = extract(parse_article(article.read_bytes()))
        total.add(scorer.score_article(prediction, json.loads(gold_path.read_text()), lambda *a: None))
    events = scorer.Counts()
    for counts in (total.meetings, total.changes, total.summits):
        events.add(counts)
    return events.prf()[2], total.persons.prf()[2], len(pairs)


def test_founding_article(scorer):
    if not (SHARED / "gold").exists():
        pytest.skip("founding gold not available")
    event_f1, entity_f1, n = score(scorer, SHARED / "articles", SHARED / "gold")
    assert n >= 1
    assert event_f1 >= FOUNDING_BARS[0], f"event_f1={event_f1:.3f}"
    assert entity_f1 >= FOUNDING_BARS[1], f"entity_f1={entity_f1:.3f}"


def test_own_articles(scorer):
    event_f1, entity_f1, n = score(scorer, HERE / "articles", HERE / "gold")
    assert n >= 33
    assert event_f1 >= OWN_BARS[0], f"event_f1={event_f1:.3f}"
    assert entity_f1 >= OWN_BARS[1], f"entity_f1={entity_f1:.3f}"


def test_gold_files_are_well_formed():
    for path in sorted((HERE / "gold").glob("*.json")):
        gold = json.loads(path.read_text())
        assert gold["schema"] == "summit-tracker/gold/v1"
        assert (HERE / "articles" / gold["article"]).exists()
        ids = {p["id"] for p in gold["persons"]}
        summits = {s["id"] for s in gold["summits"]}
        for m in gold["meetings"]:
            assert set(m["participants"]) <= ids, (path.name, m["id"])
        for s in gold["summits"]:
            assert set(s["leaders"]) <= ids, (path.name, s["id"])
        for c in gold["status_changes"]:
            assert c["summit"] in summits and (c["announced_by"] is None or c["announced_by"] in ids)


def test_real_news_gold_is_well_formed_and_every_article_has_a_source():
    """The real-news annotations (text kept out of the repository) stay usable: every reference
    resolves and every gold file names a page in sources.tsv to fetch again."""
    rows = [line.split("\t") for line in (REAL_NEWS / "sources.tsv").read_text().splitlines()[1:]]
    sources = {stem: url for _, stem, _, url in rows}
    golds = sorted((REAL_NEWS / "gold").glob("*.json"))
    assert len(golds) == len(rows) >= 100
    for path in golds:
        gold = json.loads(path.read_text())
        assert sources.get(path.stem, "").startswith("http"), path.name
        ids = {p["id"] for p in gold["persons"]}
        summits = {s["id"] for s in gold["summits"]}
        for m in gold["meetings"]:
            assert set(m["participants"]) <= ids, (path.name, m["id"])
        for c in gold["status_changes"]:
            assert c["summit"] in summits and (c["announced_by"] is None or c["announced_by"] in ids)
