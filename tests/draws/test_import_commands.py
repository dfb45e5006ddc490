"""The importers end to end: the real files shipped in the repository into the database."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from draws.models import Category, Draw, Occupation
from draws.sources import IRCC_FEED_SNAPSHOT, NOC_CSV
from tests.conftest import IRCC_FEED_APRIL_2024, IRCC_FEED_JANUARY_2023, NOC_STATCAN_CSV

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_importing_the_current_feed_creates_every_round(categories):
    output = run("import_ircc_draws", str(IRCC_FEED_SNAPSHOT))

    assert "created 438, updated 0, unchanged 0" in output
    assert Draw.objects.count() == 438
    assert "unmapped" not in output


def test_round_397_is_the_physicians_category_with_its_published_facts(imported_draws):
    draw = Draw.objects.select_related("category").get(number="397")

    assert draw.round_type == Draw.RoundType.CATEGORY
    assert draw.category.slug == "physicians-2026-v1"
    assert draw.category.name == "Physicians with Canadian Work Experience (2026-Version 1)"
    assert draw.invitations == 391
    assert draw.min_crs == 169
    assert draw.tie_break_at == dt.datetime(2026, 1, 3, 3, 25, 14, tzinfo=UTC)
    assert draw.held_at == dt.datetime(2026, 2, 19, 14, 24, 23, tzinfo=UTC)
    assert draw.status == Draw.Status.PUBLISHED
    assert draw.source == Draw.Source.IMPORTED


def test_reimporting_the_same_file_reports_everything_unchanged(imported_draws):
    history_before = Draw.history.count()

    output = run("import_ircc_draws", str(IRCC_FEED_SNAPSHOT))

    assert "created 0, updated 0, unchanged 438" in output
    assert Draw.history.count() == history_before


def test_an_older_snapshot_updates_corrected_rounds_and_creates_nothing(imported_draws):
    older = IRCC_FEED_APRIL_2024

    output = run("import_ircc_draws", str(older))

    assert "created 0, updated 26, unchanged 270" in output
    assert "262: " in output
    assert "tie_break_at" in output
    renamed = Draw.objects.get(number="252")
    assert renamed.name == "Healthcare occupations (2023-1)"
    assert renamed.category.slug == "healthcare-2023-v1"  # the old name maps to the same version
    assert renamed.history.first().history_change_reason == "Imported from IRCC"


def test_the_2023_snapshot_with_its_day_first_date_imports(categories):
    output = run(
        "import_ircc_draws",
        str(IRCC_FEED_JANUARY_2023),
    )

    assert "created 238" in output
    assert Draw.objects.get(number="237").held_on == dt.date(2023, 1, 11)


def test_a_name_with_no_category_is_listed_and_kept_as_a_draft(categories):
    Category.objects.get(slug="physicians-2026-v1").draw_names.all().delete()

    output = run("import_ircc_draws", str(IRCC_FEED_SNAPSHOT))

    assert (
        "unmapped round name 'Physicians with Canadian Work Experience, 2026-Version 1'" in output
    )
    assert "rounds 437" not in output
    assert "397" in output
    draft = Draw.objects.get(number="397")
    assert (draft.status, draft.category) == (Draw.Status.DRAFT, None)


def test_a_round_name_differing_only_in_case_and_spacing_maps_to_its_category(
    categories, tmp_path: Path
):
    """docs/rules.md §5.3: the category is keyed on the drawName, normalised for case."""
    name = "Physicians with Canadian Work Experience, 2026-Version 1"
    relabelled = tmp_path / "feed.json"
    relabelled.write_text(
        IRCC_FEED_SNAPSHOT.read_text(encoding="utf-8").replace(
            name, "PHYSICIANS with  Canadian Work Experience, 2026-version 1"
        ),
        encoding="utf-8",
    )

    output = run("import_ircc_draws", str(relabelled))

    assert "unmapped" not in output
    draw = Draw.objects.get(number="397")
    assert draw.category is not None
    assert (draw.status, draw.category.slug) == (Draw.Status.PUBLISHED, "physicians-2026-v1")
    assert draw.name.startswith("PHYSICIANS with  Canadian")  # stored as published


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda text: text[: len(text) // 2], "not valid JSON"),
        (
            lambda text: text.replace('"drawSize": "391"', '"drawSize": "3x1"', 1),
            'round 397: drawSize "3x1"',
        ),
        (lambda text: text.replace('"drawCRS": "169"', '"drawCRS": ""', 1), "round 397: drawCRS"),
        (
            lambda text: text.replace('"drawDate": "2026-02-19"', '"drawDate": "9999-02-19"', 1),
            'round 397: drawDate "9999-02-19" is not between 2015-01-01 and 2099-12-31',
        ),
    ],
)
def test_a_broken_file_exits_non_zero_and_changes_no_row(imported_draws, tmp_path, mangle, message):
    text = IRCC_FEED_SNAPSHOT.read_text(encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text(mangle(text), encoding="utf-8")
    before = list(Draw.objects.order_by("number").values_list("number", "min_crs", "invitations"))

    with pytest.raises(CommandError, match=message):
        run("import_ircc_draws", str(broken))

    assert (
        list(Draw.objects.order_by("number").values_list("number", "min_crs", "invitations"))
        == before
    )


def test_a_missing_file_is_a_clear_error(db):
    with pytest.raises(CommandError, match=r"Could not read /nowhere/feed\.json"):
        run("import_ircc_draws", "/nowhere/feed.json")


def test_loading_occupations_twice_changes_nothing(db):
    assert "created 516, updated 0, unchanged 0" in run("load_noc", str(NOC_CSV))
    assert "created 0, updated 0, unchanged 516" in run("load_noc", str(NOC_CSV))
    physician = Occupation.objects.get(code="31102")
    assert (physician.title, physician.teer) == ("General practitioners and family physicians", 1)


def test_statistics_canada_structure_file_loads_the_same_occupations(db):
    run("load_noc", str(NOC_STATCAN_CSV))

    assert "created 0, updated 0, unchanged 516" in run("load_noc", str(NOC_CSV))


def test_a_malformed_noc_file_changes_nothing(db, tmp_path: Path):
    bad = tmp_path / "noc.csv"
    bad.write_text(NOC_CSV.read_text(encoding="utf-8").replace("31102,", "3110X,", 1))

    with pytest.raises(CommandError):
        run("load_noc", str(bad))
    assert Occupation.objects.count() == 0


def test_categories_load_once_and_keep_staff_edits(categories):
    physicians = Category.objects.get(slug="physicians-2026-v1")
    physicians.continuous = False
    physicians.save()

    assert "created 0, updated 0, unchanged 21" in run("load_categories")
    physicians.refresh_from_db()
    assert physicians.continuous is False
