"""The extractor compiled with mypyc (tools/compile_extractor.py) is the extractor in its sources.

CPython imports a module's C extension in place of its ``.py`` file, so once compiled the suite
exercises the extensions; these tests tie them to the sources: the same output on every article
we have, and no extension left over from older sources.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import extraction
from tracker.extraction import buildinfo, extract, parse_article

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt")) + sorted(
    (ROOT.parent / "shared" / "articles").glob("*.txt")
)

# Extract every article named on the command line and print the results as one JSON list.
EXTRACT_ALL = """
import json, sys
from tracker.extraction import BUILD, extract, parse_article
assert BUILD == "python", BUILD
out = [extract(parse_article(open(p, "rb").read(), filename=p.rsplit("/", 1)[-1])) for p in sys.argv[1:]]
print(json.dumps(out, sort_keys=True))
"""


def test_the_build_is_the_sources_beside_it():
    assert extraction.BUILD in ("mypyc", "python")
    if os.environ.get("REQUIRE_COMPILED") == "1":  # CI: `make test` compiles it; a silent fallback fails
        assert extraction.BUILD == "mypyc"


def test_compiled_output_is_the_pure_python_output(tmp_path):
    if extraction.BUILD != "mypyc":
        pytest.skip("the extractor runs from its sources here: nothing compiled to compare")
    # the sources alone, in a tree of their own: there the import system finds no extension
    buildinfo.copy_sources(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", EXTRACT_ALL, *map(str, ARTICLES)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    pure = json.loads(done.stdout)
    compiled = [json.loads(json.dumps(extract(parse_article(p.read_bytes(), filename=p.name)))) for p in ARTICLES]
    assert len(compiled) == len(ARTICLES) >= 40
    for path, mine, theirs in zip(ARTICLES, compiled, pure, strict=True):
        assert mine == theirs, path.name


def test_an_extension_built_from_other_sources_is_stale(tmp_path, monkeypatch):
    stamp = tmp_path / "compiled.sha256"
    monkeypatch.setattr(buildinfo, "STAMP", stamp)
    compiled_file = str(buildinfo.PACKAGE / "coder.cpython-311-x86_64-linux-gnu.so")
    assert buildinfo.build_state(str(buildinfo.PACKAGE / "coder.py")) == "python"
    assert buildinfo.build_state(compiled_file) == "stale"  # no stamp: nobody knows what it was built from
    stamp.write_text("mypyc " + buildinfo.source_digest() + "\n")
    assert buildinfo.build_state(compiled_file) == "mypyc"
    stamp.write_text("mypyc " + "0" * 64 + "\n")
    assert buildinfo.build_state(compiled_file) == "stale"


def test_the_digest_covers_every_compiled_module_and_only_those():
    names = {p.name for p in buildinfo.sources()}
    assert {"coder.py", "dates.py", "people.py", "text.py"} <= names
    assert not names & buildinfo.NOT_COMPILED
