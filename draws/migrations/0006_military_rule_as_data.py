"""The skilled military recruits category (2026-Version 1) as data: the three conditions of
docs/rules.md §5.5.4 that earlier releases shipped as free text (which no candidate could meet) become
the category's education, military service and Canadian Armed Forces offer rules. This corrects
a database that still holds the shipped row unedited; a row staff changed in admin is left as
they set it. An update bypasses auto_now, so the change time is set here."""

from django.db import migrations
from django.utils import timezone

SLUG = "military-2026-v1"
# Frozen here (not read from categories.json) so that later edits of the data file do not
# change what this migration does.
SHIPPED_CONDITIONS = 'Currently serves in a recognized foreign military with at least 10 years of continuous service, with training and experience matching the main duties of NOC 40042, 42102 or 43204.\nHolds an offer of arranged employment from the Canadian Armed Forces, made by the Canadian Forces Recruiting Group, for at least 3 years of continuous full-time work in Canada in NOC 40042, 42102 or 43204.\nHolds at least a two-year post-secondary credential (with an educational credential assessment if obtained abroad).'
# The notes as shipped: citing "RULES §5.5.4" before the rules reference moved to docs/rules.md,
# "docs/rules.md §5.5.4" after.
SHIPPED_NOTES = ('Special rule of RULES §5.5.4 ([IRCC-CBS] category-rules.json 2026-09-24, [CAT-2026] cicnews 0271944); no occupation-experience requirement. The candidate must also be in the pool (FSW, CEC or FST minimum criteria).', 'Special rule of docs/rules.md §5.5.4 ([IRCC-CBS] category-rules.json 2026-09-24, [CAT-2026] cicnews 0271944); no occupation-experience requirement. The candidate must also be in the pool (FSW, CEC or FST minimum criteria).')
CORRECTED_NOTES = "Special rule of docs/rules.md §5.5.4 ([IRCC-CBS] category-rules.json 2026-09-24, [CAT-2026] cicnews 0271944), as data: at least 10 years of continuous service in a recognized foreign military, still serving; an offer of arranged employment from the Canadian Armed Forces, made by the Canadian Forces Recruiting Group, for continuous full-time work in Canada of at least 3 years in NOC 40042, 42102 or 43204; at least a two-year post-secondary credential (with an ECA if obtained abroad). No occupation-experience requirement. The candidate must also be in the pool (FSW, CEC or FST minimum criteria). That the candidate's training and experience match the main duties of those occupations is the Canadian Armed Forces' judgement, implied by their offer."


def correct(apps, schema_editor):
    Category = apps.get_model("draws", "Category")
    Category.objects.filter(
        slug=SLUG, other_conditions=SHIPPED_CONDITIONS, notes__in=SHIPPED_NOTES
    ).update(
        other_conditions="",
        min_education="two_year",
        military_service_years=10,
        caf_offer_occupations=["40042", "42102", "43204"],
        caf_offer_min_years=3,
        notes=CORRECTED_NOTES,
        updated_at=timezone.now(),  # results stored before the change are stale (freshness)
    )


class Migration(migrations.Migration):
    dependencies = [("draws", "0005_category_education_military_offer")]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
