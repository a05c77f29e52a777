"""Article text -> persons, summits, meetings and summit status changes.

Pure and deterministic: no Django, no database, no network. A rule and dictionary coder
in the manner of TABARI/PETRARCH; the dictionaries are the JSON files under ``data/``.
The output is the ``summit-tracker/extraction/v1`` object of
``contracts/extraction.md``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any

from . import coder as _coder_module
from .buildinfo import StaleBuildWarning, build_state
from .coder import Coder
from .dates import dateline_day
from .lexicon import lexicon
from .parsing import ArticleError, ParsedArticle, parse_article, parse_article_fields
from .people import find_people
from .summits import assemble
from .text import split_sentences

EXTRACTOR_VERSION = "1.17.0"  # seventeen passes of rules since 1.0.0; recorded in every event it yields
SCHEMA = "summit-tracker/extraction/v1"
# "mypyc" when the modules run as C extensions (tools/compile_extractor.py), "python" when not
BUILD = build_state(_coder_module.__file__ or "")
if BUILD == "stale":
    warnings.warn(
        "the compiled extractor was built from older sources than tracker/extraction/*.py, which it "
        "shadows: run `make compile` (or `python tools/compile_extractor.py --clean` for pure Python)",
        StaleBuildWarning,
        stacklevel=2,
    )

__all__ = [
    "BUILD",
    "EXTRACTOR_VERSION",
    "SCHEMA",
    "ArticleError",
    "ParsedArticle",
    "extract",
    "parse_article",
    "parse_article_fields",
]


def extract(article: ParsedArticle, *, extra_people: Iterable[dict[str, Any]] = ()) -> dict[str, Any]:
    """The extraction object for one parsed article (see ``contracts/extraction.md``)."""
    try:
        body = article.body
        lex = lexicon()
        sentences = split_sentences(body)
        place_hits = list(lex.place_regex.finditer(body))  # one gazetteer scan for people and places
        # relative days ("on Friday", "last week") are told from the day the copy was filed
        told_on = dateline_day(body, article.published_on) or article.published_on
        cast = find_people(body, sentences, list(extra_people), place_hits, told_on)
        coder = Coder(body, told_on, cast, sentences, place_hits)
        coder.run()
        summits, meetings, changes = assemble(coder)
        persons = sorted(cast.persons.values(), key=lambda p: p.first)
        return {
            "schema": SCHEMA,
            "extractor_version": EXTRACTOR_VERSION,
            "article": {
                "published_on": article.published_on.isoformat(),
                "title": article.title,
                "url": article.url,
                "sha256": article.sha256,
            },
            "persons": [p.as_json(lex) for p in persons],
            "summits": summits,
            "meetings": meetings,
            "status_changes": changes,
        }
    except ArticleError:
        raise
    except Exception as exc:  # a bug must not take the pipeline down with a traceback
        raise ArticleError(f"extraction failed ({type(exc).__name__}: {exc})") from exc
