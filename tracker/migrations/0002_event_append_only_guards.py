from django.db import migrations

from tracker.db_guards import install_guards, remove_guards


def forwards(apps, schema_editor):
    install_guards(schema_editor.connection)


def backwards(apps, schema_editor):
    remove_guards(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("tracker", "0001_event_store")]

    operations = [migrations.RunPython(forwards, backwards)]
