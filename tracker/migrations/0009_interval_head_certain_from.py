"""Record on each interval row the timeline's head as its append left it (see
``SummitInterval.head_certain_from``), and index the rows by the position that wrote them."""

import heapq
from collections.abc import Iterable
from datetime import datetime

from django.db import migrations, models


def heads(rows: Iterable[tuple[int, int, int | None, datetime]]) -> dict[int, datetime]:
    """For one summit's rows ``(pk, known_from, known_to, certain_from)``: each row's head,
    the greatest certain_from among the rows visible at its known_from. One sweep in
    known_from order with a heap of the rows seen so far, the closed ones dropped as they
    surface: O(n log n), where a correlated UPDATE would read every earlier row per row."""
    ordered = sorted(rows, key=lambda r: r[1])
    visible: list[tuple[datetime, int | None]] = []  # (certain_from, known_to), as a max-heap by negation
    found: dict[int, datetime] = {}
    i = 0
    while i < len(ordered):
        position = ordered[i][1]
        group = []
        while i < len(ordered) and ordered[i][1] == position:
            pk, _, known_to, certain_from = ordered[i]
            heapq.heappush(visible, (_Desc(certain_from), known_to))
            group.append(pk)
            i += 1
        while visible[0][1] is not None and visible[0][1] <= position:
            heapq.heappop(visible)  # closed by now: not visible here or later
        for pk in group:
            found[pk] = visible[0][0].value
    return found


class _Desc:
    """Orders datetimes the other way round, for a max-heap on heapq."""

    __slots__ = ("value",)

    def __init__(self, value: datetime) -> None:
        self.value = value

    def __lt__(self, other: "_Desc") -> bool:
        return self.value > other.value


def backfill(apps, schema_editor):
    interval = apps.get_model("tracker", "SummitInterval")
    slugs = interval.objects.order_by().values_list("summit_slug", flat=True).distinct()
    for slug in list(slugs):
        rows = interval.objects.filter(summit_slug=slug).values_list("pk", "known_from", "known_to", "certain_from")
        found = heads(rows)
        updated = [interval(pk=pk, head_certain_from=head) for pk, head in found.items()]
        interval.objects.bulk_update(updated, ["head_certain_from"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("tracker", "0008_event_lean_indexes")]

    operations = [
        migrations.AddField(
            model_name="summitinterval", name="head_certain_from", field=models.DateTimeField(null=True)
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(model_name="summitinterval", name="head_certain_from", field=models.DateTimeField()),
        migrations.AddIndex(
            model_name="summitinterval",
            index=models.Index(fields=["summit_slug", "known_from"], name="interval_written_idx"),
        ),
    ]
