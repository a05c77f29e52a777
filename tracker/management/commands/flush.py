"""``flush`` that can purge the append-only event table.

Django's own ``flush`` (also run between transactional tests) empties every table; the
append-only triggers would refuse that for ``tracker_event``. Wiping the whole database
is the one sanctioned exception, so the guard is lifted for the purge and put back after,
in the same transaction where the backend allows it.
"""

from django.core.management.commands import flush
from django.db import connections, transaction

from tracker.db_guards import install_guards, remove_guards


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        with transaction.atomic(using=connection.alias):
            remove_guards(connection)
        try:
            return super().handle(**options)
        finally:
            with transaction.atomic(using=connection.alias):
                install_guards(connection)
