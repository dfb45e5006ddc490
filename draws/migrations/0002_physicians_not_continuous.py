"""The physicians category (2026-Version 1) needs 12 months in Canada, not necessarily
continuous (docs/rules.md §5.5.1). Earlier releases shipped it as continuous, following the
superseded announcement of 2025-12-08. This corrects a database that still holds the shipped
row unedited; a row staff changed in admin is left as they set it."""

from django.db import migrations

SLUG = "physicians-2026-v1"
# Frozen here (not read from categories.json) so that later edits of the data file do not
# change what this migration does.
SHIPPED_BEFORE = "The announcement of 2025-12-08 ([PHYS-2025]) required at least one year of continuous Canadian experience, while RULES §5.5.1 reports that the rules published 2026-02-18 ([IRCC-CBS], [CAT-2026]) drop continuity; the shipped data follows the announcement for draw 397, and staff can change the continuity flag in admin. Provincial licensure is [UNVERIFIED] (RULES G8)."
CORRECTED = "Twelve months (1,560 h) in one listed occupation in Canada within 3 years, not necessarily continuous: the rules published 2026-02-18 ([IRCC-CBS], [CAT-2026]) were in force for both rounds, #397 and #421 (RULES §5.5.1). The announcement of 2025-12-08 ([PHYS-2025]) had said one year of continuous experience; it was superseded before the first round. Provincial licensure is [UNVERIFIED] (RULES G8)."


def correct(apps, schema_editor):
    Category = apps.get_model("draws", "Category")
    Category.objects.filter(slug=SLUG, continuous=True, notes=SHIPPED_BEFORE).update(
        continuous=False, notes=CORRECTED
    )


class Migration(migrations.Migration):
    dependencies = [("draws", "0001_initial")]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
