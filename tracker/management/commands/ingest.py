"""``python manage.py ingest PATH...``: store article files (and folders of them) for ingestion.

Each file is stored once (content hash) and processed by a Celery worker, or in this
process when Celery runs eagerly (no broker configured) or with ``--now``. Prints a
progress bar and a summary of new, duplicate and failed files; every failure names the
file and the reason, and the exit status is non-zero if any file failed.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tracker import ingestion
from tracker.extraction import ArticleError
from tracker.models import Article


def _files(paths: list[str], failed: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and not any(s.startswith(".") for s in p.parts)
            )
        elif path.is_file():
            found.append(path)
        else:
            failed.append(f"{name}: no such file or folder")
    return found


class Command(BaseCommand):
    help = "Store article files (or folders of them) for ingestion; summarise new, duplicate and failed."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Article files (text or JSON) or folders of them.")
        parser.add_argument("--now", action="store_true", help="Process here and now instead of by a worker.")
        parser.add_argument("--actor", default="cli", help="Recorded as the submitter (default: cli).")

    def handle(self, *args, **options):
        failed: list[str] = []
        files = _files(options["paths"], failed)
        new = duplicate = 0
        for path in tqdm(files, desc="ingest", unit=" file", disable=options["verbosity"] < 1):
            try:
                intake = ingestion.file_ingest(path, actor=options["actor"], via="cli", record_duplicate=False)
            except ArticleError as exc:
                failed.append(f"{path}: {exc.reason}")
                continue
            if not intake.created:
                duplicate += 1
                continue
            new += 1
            article = intake.article
            if options["now"]:
                article = ingestion.article_process(article_id=article.pk) or article
            else:
                article.refresh_from_db()  # eager Celery has processed it already
            if article.status == Article.Status.FAILED:
                failed.append(f"{path}: {article.reason}")
        for line in failed:
            self.stderr.write(f"failed: {line}")
        self.stdout.write(f"{new} new, {duplicate} duplicate, {len(failed)} failed")
        if failed:
            raise CommandError(f"{len(failed)} file(s) could not be ingested")
