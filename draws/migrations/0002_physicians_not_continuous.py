"""The physicians category (2026-Version 1) needs 12 months in Canada, not necessarily
continuous (RULES.md §5.5.1). Earlier releases shipped it as continuous, following the
superseded announcement of 2025-12-08. This corrects a database that still holds the shipped
row unedited; a row staff changed in admin is left as they set it."""

import json
from pathlib import Path

from django.db import migrations

SLUG = "physicians-2026-v1"
SHIPPED_BEFORE = "The announcement of 2025-12-08 ([PHYS-2025]) required at least one year of continuous Canadian experience, while RULES §5.5.1 reports that the rules published 2026-02-18 ([IRCC-CBS], [CAT-2026]) drop continuity; the shipped data follows the announcement for draw 397, and staff can change the continuity flag in admin. Provincial licensure is [UNVERIFIED] (RULES G8)."


def correct(apps, schema_editor):
    Category = apps.get_model("draws", "Category")
    shipped = Path(__file__).resolve().parents[1] / "data" / "categories.json"
    row = next(r for r in json.loads(shipped.read_text(encoding="utf-8")) if r["slug"] == SLUG)
    Category.objects.filter(slug=SLUG, continuous=True, notes=SHIPPED_BEFORE).update(
        continuous=row["continuous"], notes=row["notes"]
    )


class Migration(migrations.Migration):
    dependencies = [("draws", "0001_initial")]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
