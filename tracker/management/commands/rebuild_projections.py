from django.core.management.base import BaseCommand
from tqdm import tqdm

from tracker import eventstore, projections


class Command(BaseCommand):
    help = "Rebuild every read model from the event log (same rows as the inline updates)."

    def handle(self, *args, **options):
        total = eventstore.head_position()
        with tqdm(total=total, unit=" events", disable=options["verbosity"] < 1) as bar:
            replayed = projections.rebuild(progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"Rebuilt projections from {replayed} events."))
