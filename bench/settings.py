"""Settings for benchmark processes (the runner, its forked children, gunicorn, workers).

The product's settings, plus: the bench-only URLs (the product's URLs and a baseline
view), a queue of its own so a bench never drains or feeds someone else's Celery queue,
and quiet logs. ``DATABASE_URL`` and ``CELERY_BROKER_URL`` are set by ``bench/run.py``.
"""

from config.settings import *  # noqa: F403
from config.settings import LOGGING, REST_FRAMEWORK

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DEBUG = False
CELERY_TASK_DEFAULT_QUEUE = "bench"
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}

# The load is the point here: throttles would measure the throttle, not the system.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"writes": "1000000/min", "articles": "1000000/min"},
}
