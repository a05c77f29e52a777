"""The Celery application.

With no ``CELERY_BROKER_URL`` in the environment, settings make Celery run tasks eagerly
in-process, so a newcomer needs nothing but Python.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("summit_tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
