"""A dated ECA counts for five years from its issue date (docs/rules.md §8.6): the credential's
points, the FSW minimum and grid, the coming changes and the improvements all follow it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from eligibility.rules import Education, EducationLevel, Program, crs_score, program_eligibility
from eligibility.rules.improvements import improvements
from eligibility.rules.outlook import coming_changes

from .helpers import ON, clb, experience, factor_points, person

ISSUED = date(2021, 7, 1)  # valid until 2026-06-30
MASTERS_ECA = Education(EducationLevel.MASTERS, False, 2, True, ISSUED)


def candidate(*education: Education):
    return person(30, on=ON, education=education, tests=(clb(9),), work=experience(foreign=3))


def test_the_credential_counts_until_the_day_before_five_years() -> None:
    profile = candidate(MASTERS_ECA)

    assert factor_points(crs_score(profile, date(2026, 6, 30)), "education") == 135
    assert factor_points(crs_score(profile, date(2026, 7, 1)), "education") == 0
    notes = [note.message for note in crs_score(profile, date(2026, 7, 1)).notes]
    assert any("without an ECA valid on this date" in message for message in notes)


def test_an_eca_issued_after_the_date_does_not_count_yet() -> None:
    profile = candidate(replace(MASTERS_ECA, eca_issued_on=date(2026, 3, 1)))

    assert factor_points(crs_score(profile, date(2026, 2, 28)), "education") == 0
    assert factor_points(crs_score(profile, date(2026, 3, 1)), "education") == 135


def test_an_eca_without_a_date_is_not_checked() -> None:
    profile = candidate(replace(MASTERS_ECA, eca_issued_on=None))

    assert factor_points(crs_score(profile, date(2040, 1, 1)), "education") == 135


def test_fsw_stops_on_the_day_the_only_credential_stops_counting() -> None:
    profile = replace(candidate(MASTERS_ECA), settlement_funds_cad=30_000)

    fsw = program_eligibility(profile, date(2026, 3, 1))[Program.FSW]

    assert fsw.eligible
    assert fsw.eligible_until == date(2026, 7, 1)


def test_the_expiry_is_a_coming_change_with_its_effect() -> None:
    profile = candidate(MASTERS_ECA)

    changes = coming_changes(profile, date(2026, 3, 1), date(2027, 3, 1))

    expiry = next(change for change in changes if "eca_expires" in change.codes)
    assert expiry.on == date(2026, 7, 1)
    assert expiry.message.startswith(
        "On 2026-07-01 your ECA of 2021-07-01 (master's or professional degree) expires: your "
        "CRS drops from "
    )
    assert expiry.crs_after < expiry.crs_before


def test_a_new_eca_is_offered_once_the_old_one_has_expired() -> None:
    profile = candidate(MASTERS_ECA)

    listed = {item.code: item for item in improvements(profile, date(2026, 8, 1))}

    assert (
        listed["eca"].gain
        == crs_score(
            candidate(replace(MASTERS_ECA, eca_issued_on=date(2026, 8, 1))), date(2026, 8, 1)
        ).total
        - crs_score(profile, date(2026, 8, 1)).total
    )
    assert "eca" not in {item.code for item in improvements(profile, date(2026, 3, 1))}
