from django.db import migrations

from tracker.db_append import install_append_function, remove_append_function


def forwards(apps, schema_editor):
    install_append_function(schema_editor.connection)


def backwards(apps, schema_editor):
    remove_append_function(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("tracker", "0006_event_stream_position_index")]

    operations = [migrations.RunPython(forwards, backwards)]
