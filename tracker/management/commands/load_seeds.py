from django.core.management.base import BaseCommand
from tqdm import tqdm

from tracker.seeds import article_files, ingest_article, load_timeline, seed_files


class Command(BaseCommand):
    help = "Load the curated seed timelines (idempotent: loading twice changes nothing)."

    def handle(self, *args, **options):
        total = 0
        for path in seed_files():
            with tqdm(desc=path.name, unit=" items", disable=options["verbosity"] < 1, leave=False) as bar:
                total += load_timeline(path, progress=lambda _key: bar.update())
        articles = sum(ingest_article(path) for path in article_files())
        self.stdout.write(self.style.SUCCESS(f"Seeds loaded: {total} new item(s), {articles} new article(s)."))
