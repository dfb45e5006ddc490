"""draws/data/categories.json against docs/rules.md §5 and the real feeds. Pure: no database."""

from __future__ import annotations

import json
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pytest

from draws.ircc_feed import parse_feed, round_type_for
from draws.noc_csv import parse_noc_csv
from draws.sources import CATEGORIES_JSON, IRCC_FEED_SNAPSHOT, NOC_CSV
from tests.conftest import IRCC_FEED_APRIL_2024, IRCC_FEED_JANUARY_2023

FEEDS = (IRCC_FEED_SNAPSHOT, IRCC_FEED_APRIL_2024, IRCC_FEED_JANUARY_2023)

KEYS = {
    "slug",
    "name",
    "family",
    "draw_names",
    "occupations",
    "months_required",
    "continuous",
    "window_years",
    "canada_only",
    "min_french_nclc",
    "other_conditions",
    "min_education",
    "military_service_years",
    "caf_offer_occupations",
    "caf_offer_min_years",
    "valid_from",
    "valid_to",
    "notes",
}
FAMILIES = {
    "healthcare",
    "stem",
    "trades",
    "transport",
    "agriculture",
    "education",
    "french",
    "physicians",
    "senior-managers",
    "researchers",
    "military",
}

# NOC counts per version, as docs/rules.md §5.4 states them.
EXPECTED_COUNTS = {
    "french-2023-v1": 0,
    "healthcare-2023-v1": 35,
    "stem-2023-v1": 24,
    "trades-2023-v1": 10,
    "transport-2023-v1": 10,
    "agriculture-2023-v1": 3,
    "healthcare-2025-v2": 37,
    "stem-2025": 11,
    "trades-2025-v2": 25,
    "education-2025-v1": 5,
    "agriculture-2025": 1,
    "french-2026-v2": 0,
    "physicians-2026-v1": 3,
    "healthcare-2026-v3": 37,
    "senior-managers-2026-v1": 4,
    "trades-2026-v3": 25,
    "transport-2026-v2": 4,
    "military-2026-v1": 0,
    "researchers-2026": 2,
    "stem-2026": 11,
    "education-2026": 5,
}
SIX_MONTH_RULE = {
    "healthcare-2023-v1",
    "stem-2023-v1",
    "trades-2023-v1",
    "transport-2023-v1",
    "agriculture-2023-v1",
    "healthcare-2025-v2",
    "stem-2025",
    "trades-2025-v2",
    "education-2025-v1",
    "agriculture-2025",
}
TWELVE_MONTH_RULE = {
    "physicians-2026-v1",
    "healthcare-2026-v3",
    "senior-managers-2026-v1",
    "trades-2026-v3",
    "transport-2026-v2",
    "researchers-2026",
    "stem-2026",
    "education-2026",
}
NO_ROUND_YET = {"stem-2025", "agriculture-2025", "researchers-2026", "stem-2026", "education-2026"}


@pytest.fixture(scope="module")
def versions() -> list[dict[str, Any]]:
    data = json.loads(CATEGORIES_JSON.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def by_slug(versions: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {version["slug"]: version for version in versions}


@pytest.fixture(scope="module")
def feed_rounds() -> dict[str, list[Any]]:
    return {path.name: parse_feed(path.read_bytes()) for path in FEEDS}


def test_every_version_has_exactly_the_schema_keys(versions: list[dict[str, Any]]) -> None:
    for version in versions:
        assert set(version) == KEYS, version.get("slug")


def test_field_types(versions: list[dict[str, Any]]) -> None:
    for v in versions:
        slug = v["slug"]
        assert isinstance(v["name"], str), slug
        assert v["name"], slug
        assert v["family"] in FAMILIES, slug
        assert all(isinstance(n, str) and n == n.strip() and n for n in v["draw_names"]), slug
        assert isinstance(v["months_required"], int), slug
        assert isinstance(v["continuous"], bool), slug
        assert v["window_years"] == 3, slug
        assert isinstance(v["canada_only"], bool), slug
        assert v["min_french_nclc"] in (None, 7), slug
        assert all(isinstance(c, str) and c for c in v["other_conditions"]), slug
        assert isinstance(v["notes"], str), slug
        assert v["notes"], slug
        valid_from = date.fromisoformat(v["valid_from"])
        if v["valid_to"] is not None:
            assert date.fromisoformat(v["valid_to"]) >= valid_from, slug


def test_versions_are_exactly_the_ones_rules_lists(versions: list[dict[str, Any]]) -> None:
    slugs = [version["slug"] for version in versions]

    assert len(slugs) == len(set(slugs))
    assert set(slugs) == set(EXPECTED_COUNTS)


@pytest.mark.parametrize(("slug", "count"), EXPECTED_COUNTS.items())
def test_noc_count_per_version_matches_rules(
    by_slug: dict[str, dict[str, Any]], slug: str, count: int
) -> None:
    occupations = by_slug[slug]["occupations"]

    assert len(occupations) == count
    assert occupations == sorted(set(occupations))


def test_every_code_is_a_noc_2021_unit_group(versions: list[dict[str, Any]]) -> None:
    noc = parse_noc_csv(NOC_CSV.read_text(encoding="utf-8"))
    known = {row.code for row in noc}

    for version in versions:
        assert set(version["occupations"]) <= known, version["slug"]


def test_lists_that_rules_says_are_unchanged_are_equal(by_slug: dict[str, dict[str, Any]]) -> None:
    def codes(slug: str) -> list[str]:
        return by_slug[slug]["occupations"]

    assert codes("healthcare-2026-v3") == codes("healthcare-2025-v2")
    assert codes("stem-2026") == codes("stem-2025")
    assert codes("education-2026") == codes("education-2025-v1")


def test_list_details_rules_calls_out(by_slug: dict[str, dict[str, Any]]) -> None:
    def codes(slug: str) -> set[str]:
        return set(by_slug[slug]["occupations"])

    assert codes("physicians-2026-v1") == {"31100", "31101", "31102"}
    assert codes("senior-managers-2026-v1") == {"00012", "00013", "00014", "00015"}
    assert codes("researchers-2026") == {"41200", "41201"}
    assert codes("agriculture-2025") == {"63201"}
    # 2026 trades: butchers in, cooks out.
    assert "63200" in codes("trades-2025-v2")
    assert "63201" not in codes("trades-2025-v2")
    assert "63201" in codes("trades-2026-v3")
    assert "63200" not in codes("trades-2026-v3")
    # 42203 moved from healthcare V1 to education.
    assert "42203" in codes("healthcare-2023-v1")
    assert "42203" not in codes("healthcare-2025-v2")
    assert "42203" in codes("education-2025-v1")


def test_experience_rules(by_slug: dict[str, dict[str, Any]]) -> None:
    for slug in SIX_MONTH_RULE:
        assert (by_slug[slug]["months_required"], by_slug[slug]["continuous"]) == (6, True), slug
    for slug in TWELVE_MONTH_RULE:
        assert (by_slug[slug]["months_required"], by_slug[slug]["continuous"]) == (12, False), slug
    for slug in ("french-2023-v1", "french-2026-v2", "military-2026-v1"):
        assert by_slug[slug]["months_required"] == 0, slug
        assert by_slug[slug]["occupations"] == [], slug


def test_french_versions_need_nclc_7_and_nothing_else_does(
    versions: list[dict[str, Any]],
) -> None:
    french = {v["slug"] for v in versions if v["min_french_nclc"] == 7}

    assert french == {"french-2023-v1", "french-2026-v2"}
    assert all(v["family"] == "french" for v in versions if v["slug"] in french)


def test_canada_only_is_exactly_the_canadian_experience_categories(
    versions: list[dict[str, Any]],
) -> None:
    canada_only = {v["family"] for v in versions if v["canada_only"]}

    assert canada_only == {"physicians", "senior-managers", "researchers"}


def test_the_military_rule_is_data_as_rules_5_5_4_states_it(
    by_slug: dict[str, dict[str, Any]],
) -> None:
    military = by_slug["military-2026-v1"]

    assert military["min_education"] == "two_year"
    assert military["military_service_years"] == 10
    assert military["caf_offer_occupations"] == ["40042", "42102", "43204"]
    assert military["caf_offer_min_years"] == 3
    assert military["other_conditions"] == []
    assert "Canadian Forces Recruiting Group" in military["notes"]
    assert "§5.5.4" in military["notes"]


def test_only_military_has_the_military_rule_and_none_has_free_text_conditions(
    versions: list[dict[str, Any]],
) -> None:
    assert [v["slug"] for v in versions if v["other_conditions"]] == []
    for key in ("min_education", "military_service_years", "caf_offer_occupations"):
        assert [v["slug"] for v in versions if v[key]] == ["military-2026-v1"], key


def test_physicians_need_no_continuity_and_the_notes_name_the_superseded_announcement(
    by_slug: dict[str, dict[str, Any]],
) -> None:
    """docs/rules.md §5.5.1: the 2026-02-18 rules (not necessarily continuous) were in force for
    both physician rounds; the announcement's "continuous" year never applied."""
    physicians = by_slug["physicians-2026-v1"]
    notes = physicians["notes"]

    assert physicians["continuous"] is False
    assert (physicians["months_required"], physicians["canada_only"]) == (12, True)
    assert "2025-12-08" in notes
    assert "[PHYS-2025]" in notes
    assert "superseded" in notes
    assert "2026-02-18" in notes
    assert "[IRCC-CBS]" in notes
    assert "[CAT-2026]" in notes
    assert "§5.5.1" in notes


def test_current_versions_have_no_end_date(versions: list[dict[str, Any]]) -> None:
    current = {v["slug"] for v in versions if v["valid_to"] is None}

    assert current == TWELVE_MONTH_RULE | {"french-2026-v2", "military-2026-v1"}


def test_versions_of_a_family_do_not_overlap_and_follow_on(
    versions: list[dict[str, Any]],
) -> None:
    families: dict[str, list[dict[str, Any]]] = {}
    for version in versions:
        families.setdefault(version["family"], []).append(version)

    for family, members in families.items():
        for before, after in pairwise(sorted(members, key=lambda v: v["valid_from"])):
            assert before["valid_to"] is not None, family
            end = date.fromisoformat(before["valid_to"])
            start = date.fromisoformat(after["valid_from"])
            assert end < start, (before["slug"], after["slug"])
            # Transport alone had no 2025 version (dropped 2025-02-27, back 2026-02-18).
            if family != "transport":
                assert end + timedelta(days=1) == start, (before["slug"], after["slug"])


def test_versions_without_a_round_have_no_draw_names(by_slug: dict[str, dict[str, Any]]) -> None:
    for slug in NO_ROUND_YET:
        assert by_slug[slug]["draw_names"] == [], slug


def test_every_category_draw_name_in_every_feed_maps_to_exactly_one_version(
    versions: list[dict[str, Any]], feed_rounds: dict[str, list[Any]]
) -> None:
    for feed, rounds in feed_rounds.items():
        for name in {r.name for r in rounds if round_type_for(r.name) is None}:
            owners = [v["slug"] for v in versions if name in v["draw_names"]]
            assert len(owners) == 1, (feed, name, owners)


def test_every_listed_draw_name_occurs_in_some_feed(
    versions: list[dict[str, Any]], feed_rounds: dict[str, list[Any]]
) -> None:
    seen = {r.name for rounds in feed_rounds.values() for r in rounds}

    for version in versions:
        for name in version["draw_names"]:
            assert name in seen, (version["slug"], name)
            assert round_type_for(name) is None, name


def test_category_rounds_fall_inside_their_version_dates(
    versions: list[dict[str, Any]], feed_rounds: dict[str, list[Any]]
) -> None:
    version_of = {name: v for v in versions for name in v["draw_names"]}

    for rounds in feed_rounds.values():
        for r in rounds:
            version = version_of.get(r.name)
            if version is None:
                continue
            assert date.fromisoformat(version["valid_from"]) <= r.held_on, (r.number, r.name)
            if version["valid_to"] is not None:
                assert r.held_on <= date.fromisoformat(version["valid_to"]), (r.number, r.name)


def test_renamed_2023_and_2024_draw_names_map_to_version_1(
    by_slug: dict[str, dict[str, Any]],
) -> None:
    assert "Healthcare occupations (2023-1)" in by_slug["healthcare-2023-v1"]["draw_names"]
    assert "STEM occupations (2024-1)" in by_slug["stem-2023-v1"]["draw_names"]
    assert "French language proficiency (2024-1)" in by_slug["french-2023-v1"]["draw_names"]
