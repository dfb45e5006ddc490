"""Category versions for the engine tests, read from the shipped data (draws/data/categories.json)
so the tests judge the same NOC lists and experience rules the site uses."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest

from draws.sources import CATEGORIES_JSON
from eligibility.rules import CategoryRule, EducationLevel


def _rule(entry: dict) -> CategoryRule:
    def day(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None

    return CategoryRule(
        slug=entry["slug"],
        name=entry["name"],
        occupations=frozenset(entry["occupations"]),
        months_required=entry["months_required"],
        continuous=entry["continuous"],
        window_years=entry["window_years"],
        canada_only=entry["canada_only"],
        min_french_nclc=entry["min_french_nclc"],
        other_conditions=tuple(entry["other_conditions"]),
        valid_from=day(entry["valid_from"]),
        valid_to=day(entry["valid_to"]),
        min_education=EducationLevel(entry["min_education"]) if entry["min_education"] else None,
        military_service_years=entry["military_service_years"],
        caf_offer_occupations=frozenset(entry["caf_offer_occupations"]),
        caf_offer_min_years=entry["caf_offer_min_years"],
    )


def load_category_versions() -> dict[str, CategoryRule]:
    """Every category version, keyed by slug and by each of its IRCC draw names."""
    versions: dict[str, CategoryRule] = {}
    for entry in json.loads(CATEGORIES_JSON.read_text(encoding="utf-8")):
        rule = _rule(entry)
        versions[rule.slug] = rule
        for name in entry["draw_names"]:
            versions[name] = rule
    return versions


@pytest.fixture(scope="session")
def category_versions() -> dict[str, CategoryRule]:
    return load_category_versions()


@pytest.fixture(scope="session")
def category(category_versions: dict[str, CategoryRule]) -> Callable[[str], CategoryRule]:
    """The category version for an IRCC draw name (or a slug)."""
    return category_versions.__getitem__
