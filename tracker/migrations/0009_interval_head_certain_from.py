"""Record on each interval row the timeline's head as its append left it (see
``SummitInterval.head_certain_from``), and index the rows by the position that wrote them."""

from django.db import migrations, models

# The head at a row's known_from: the greatest certain_from among the rows visible there.
# Written with the table's name, not an alias, so SQLite runs it too.
BACKFILL = """
UPDATE tracker_summitinterval SET head_certain_from = (
    SELECT MAX(h.certain_from) FROM tracker_summitinterval h
     WHERE h.summit_slug = tracker_summitinterval.summit_slug
       AND h.known_from <= tracker_summitinterval.known_from
       AND (h.known_to IS NULL OR h.known_to > tracker_summitinterval.known_from)
)
"""


class Migration(migrations.Migration):
    dependencies = [("tracker", "0008_event_lean_indexes")]

    operations = [
        migrations.AddField(
            model_name="summitinterval", name="head_certain_from", field=models.DateTimeField(null=True)
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.AlterField(model_name="summitinterval", name="head_certain_from", field=models.DateTimeField()),
        migrations.AddIndex(
            model_name="summitinterval",
            index=models.Index(fields=["summit_slug", "known_from"], name="interval_written_idx"),
        ),
    ]
