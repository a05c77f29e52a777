"""Default periodic tasks for Celery beat (django-celery-beat's DatabaseScheduler).

Created once, here, so that beat polls the inbox and the feeds and sweeps stale articles
out of the box; afterwards they are rows editable in the admin ("Periodic tasks"):
interval, arguments (e.g. ``{"urls": [...]}`` for the feeds), enabled or not. A schedule
an editor changed is never overwritten: this migration only adds what is missing.
"""

from django.conf import settings
from django.db import migrations

DEFAULTS = [
    ("Ingestion: poll the inbox folder", "tracker.poll_inbox"),
    ("Ingestion: poll the RSS/Atom feeds", "tracker.poll_feeds"),
    ("Ingestion: requeue stale articles", "tracker.requeue_stale_articles"),
]


def add_schedules(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    every, _ = IntervalSchedule.objects.get_or_create(every=max(1, settings.INGEST_POLL_MINUTES), period="minutes")
    for name, task in DEFAULTS:
        if not PeriodicTask.objects.filter(task=task).exists():
            # Expire a run that waited longer than its period: the next one does the same work.
            PeriodicTask.objects.create(name=name, task=task, interval=every, expire_seconds=every.every * 60)
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[name for name, _ in DEFAULTS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0004_articles"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(add_schedules, remove_schedules)]
