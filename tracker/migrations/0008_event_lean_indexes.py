"""Drop the event indexes no read uses (every append pays for each index it writes), and
install the append function that takes each event's stream offset from the client."""

from django.db import migrations, models

from tracker.db_append import install_append_function
from tracker.db_guards import install_guards


def install_function(apps, schema_editor):
    install_append_function(schema_editor.connection)


def reinstall_guards(apps, schema_editor):
    # On SQLite, AlterField rebuilds the table, and its triggers go with the old one.
    install_guards(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("tracker", "0007_append_function")]

    operations = [
        migrations.RemoveIndex(model_name="event", name="event_type_idx"),
        migrations.AlterField(model_name="event", name="append_id", field=models.UUIDField()),
        migrations.AlterField(
            model_name="event",
            name="idempotency_key",
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.UniqueConstraint(fields=("idempotency_key",), name="event_idempotency_key_uniq"),
        ),
        migrations.RunPython(reinstall_guards, reinstall_guards),
        migrations.RunPython(install_function, migrations.RunPython.noop),
    ]
