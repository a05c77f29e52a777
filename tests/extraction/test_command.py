"""``manage.py extract``: JSON Lines out, bad files named on stderr, non-zero exit, no database."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ARTICLES = Path(__file__).resolve().parent / "articles"


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("extract", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code or 0
    return code, out.getvalue(), err.getvalue()


def test_good_file_prints_one_json_line():
    path = sorted(ARTICLES.glob("*.txt"))[0]
    code, out, err = run(str(path), "--json")
    assert code == 0 and err == ""
    (line,) = out.strip().splitlines()
    assert json.loads(line)["schema"] == "summit-tracker/extraction/v1"


def test_bad_files_are_reported_and_good_ones_still_printed(tmp_path):
    good = sorted(ARTICLES.glob("*.txt"))[:2]
    bad_bytes = tmp_path / "latin1.txt"
    bad_bytes.write_bytes("date 2018-05-31\n\nCaf\xe9".encode("latin-1"))
    no_date = tmp_path / "nodate.txt"
    no_date.write_text("Pompeo met Kim.")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    missing = tmp_path / "missing.txt"
    code, out, err = run(str(good[0]), str(bad_bytes), str(no_date), str(empty), str(missing), str(good[1]), "--json")
    assert code != 0
    assert len(out.strip().splitlines()) == 2
    assert all(json.loads(line)["persons"] for line in out.strip().splitlines())
    for path, reason in ((bad_bytes, "not UTF-8"), (no_date, "date"), (empty, "empty"), (missing, "no such file")):
        assert any(str(path) in line and reason in line for line in err.splitlines()), (path, err)


def test_too_large_file(tmp_path, settings):
    settings.ARTICLE_MAX_BYTES = 100
    big = tmp_path / "big.txt"
    big.write_text("date 2018-05-31\n\n" + "Pompeo met Kim. " * 20)
    code, _, err = run(str(big))
    assert code != 0 and "too large" in err


def test_human_summary():
    path = ARTICLES / "2018-07-16-helsinki-trump-putin.txt"
    code, out, _ = run(str(path))
    assert code == 0
    assert "Vladimir Putin" in out and "meeting:" in out


@pytest.mark.parametrize("flag", ["requires_migrations_checks", "requires_system_checks"])
def test_command_needs_no_database(flag):
    from tracker.management.commands.extract import Command

    assert not getattr(Command, flag)


def test_manage_py_runs_from_a_python_without_django():
    # The scorer runs `python manage.py extract --json` from whatever `python` is on PATH;
    # manage.py moves into the project's virtualenv when that one has no Django.
    import subprocess
    import sys

    base = Path(sys.base_prefix) / "bin" / "python3"
    root = Path(__file__).resolve().parents[2]
    if not (root / ".venv" / "bin" / "python").exists() or not base.exists():
        pytest.skip("needs the project's .venv and a separate base interpreter")
    if subprocess.run([base, "-c", "import django"], capture_output=True).returncode == 0:
        pytest.skip("the base interpreter has Django: nothing to move for")
    article = sorted(ARTICLES.glob("*.txt"))[0]
    done = subprocess.run(
        [base, "manage.py", "extract", str(article), "--json"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["schema"] == "summit-tracker/extraction/v1"
