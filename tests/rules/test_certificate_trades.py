"""Certificate of qualification (docs/rules.md §4.7, §2.3 FST-3): CRS points only for a certificate
in a trade on IRCC's list of the date (73300 left it on 2023-11-06); FST counts a certificate
only in its own trade; a certificate whose trade is not recorded earns nothing and says why."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from eligibility.rules import CrsBreakdown, Program, ReasonStatus, crs_score, program_eligibility
from eligibility.rules.tables import CERTIFICATE_TRADES_2023, certificate_trades

from .helpers import DAY, clb, factor_points, ielts, job, numbers, person, reason

REMOVAL = date(2023, 11, 6)
CERTIFICATE = "transferability_certificate_language"


def holder(trade: str | None, level: int = 7, **fields: Any):
    return person(
        35,
        on=date(2024, 1, 1),
        tests=(clb(level, date(2023, 6, 1)),),
        certificate_of_qualification=True,
        certificate_trade=trade,
        **fields,
    )


def notes(breakdown: CrsBreakdown) -> dict[str, Any]:
    return {note.code: note for note in breakdown.notes}


def test_the_2023_list_has_101_trades_and_loses_73300_on_2023_11_06() -> None:
    assert len(CERTIFICATE_TRADES_2023) == 101
    assert "73300" in certificate_trades(REMOVAL - DAY).nocs
    assert "73300" not in certificate_trades(REMOVAL).nocs
    assert len(certificate_trades(REMOVAL).nocs) == 100


@pytest.mark.parametrize(
    ("trade", "on", "points"),
    [
        pytest.param("73300", REMOVAL - DAY, 50, id="truck driver 2023-11-05: listed"),
        pytest.param("73300", REMOVAL, 0, id="truck driver 2023-11-06: removed"),
        pytest.param("72310", REMOVAL - DAY, 50, id="carpenter 2023-11-05"),
        pytest.param("72310", REMOVAL, 50, id="carpenter 2023-11-06"),
        pytest.param("63210", REMOVAL, 50, id="hairstylist: listed, not an FST trade"),
        pytest.param("21232", REMOVAL, 0, id="software developer: not a trade"),
    ],
)
def test_certificate_points_follow_the_list_of_the_date(trade: str, on: date, points: int) -> None:
    assert factor_points(crs_score(holder(trade), on), CERTIFICATE) == points


def test_certificate_points_still_depend_on_the_first_language() -> None:
    assert factor_points(crs_score(holder("72310", level=5), REMOVAL), CERTIFICATE) == 25
    assert factor_points(crs_score(holder("72310", level=4), REMOVAL), CERTIFICATE) == 0


def test_a_removed_trade_says_when_it_was_removed() -> None:
    removed = notes(crs_score(holder("73300"), REMOVAL))["crs_certificate_not_listed"]
    assert "IRCC removed it on 2023-11-06" in removed.message
    assert numbers(removed) == {"trade": "73300", "list": "2023-11-06"}
    never = notes(crs_score(holder("21232"), REMOVAL))["crs_certificate_not_listed"]
    assert "removed" not in never.message


def test_a_certificate_without_its_trade_earns_nothing_and_asks_for_the_trade() -> None:
    breakdown = crs_score(holder(None), REMOVAL)
    assert factor_points(breakdown, CERTIFICATE) == 0
    missing = notes(breakdown)["crs_certificate_trade_missing"]
    assert numbers(missing) == {"points_if_listed": 50}
    assert "Add the trade" in missing.message


def test_before_the_published_list_the_2023_list_is_applied_as_an_estimate() -> None:
    before = crs_score(holder("72310"), date(2023, 9, 7))
    assert factor_points(before, CERTIFICATE) == 50
    assert "crs_certificate_list_estimate" in notes(before)
    assert "crs_certificate_list_estimate" not in notes(
        crs_score(holder("72310"), date(2023, 9, 8))
    )


def test_the_score_announces_the_day_a_truck_drivers_certificate_stops_counting() -> None:
    breakdown = crs_score(holder("73300"), date(2023, 10, 1))
    assert breakdown.next_change_on == REMOVAL
    assert notes(breakdown)["crs_next_change"].numbers[1:] == (
        ("from", breakdown.total),
        ("to", breakdown.total - 50),
    )


# --- FST: the certificate counts in its own trade only -----------------------------------------

WELDING_ABROAD = (job("72106", date(2021, 6, 1), date(2024, 5, 31), country="PH"),)


def welder(trade: str | None):
    return person(
        35,
        on=date(2026, 4, 2),
        tests=(ielts(5.0, 3.5, 4.0, 5.0, date(2025, 6, 1)),),
        work=WELDING_ABROAD,
        certificate_of_qualification=True,
        certificate_trade=trade,
        settlement_funds_cad=16_000,
    )


def test_fst_counts_a_certificate_in_the_trade_of_the_experience() -> None:
    decision = program_eligibility(welder("72106"), date(2026, 4, 2))[Program.FST]
    assert decision.eligible
    assert numbers(reason(decision, "fst_offer_or_certificate"))["certificate_trade"] == "72106"


def test_fst_measures_the_experience_in_the_certificates_trade() -> None:
    """A plumber's certificate does not qualify two years of welding."""
    decision = program_eligibility(welder("72300"), date(2026, 4, 2))[Program.FST]
    assert not decision.eligible
    experience = reason(decision, "fst_experience")
    assert numbers(experience)["noc"] == "72300"
    assert numbers(experience)["hours_found"] == 0


def test_fst_does_not_count_a_certificate_without_its_trade_and_asks_for_it() -> None:
    decision = program_eligibility(welder(None), date(2026, 4, 2))[Program.FST]
    assert not decision.eligible
    rule = reason(decision, "fst_offer_or_certificate")
    assert rule.status is ReasonStatus.UNMET
    assert "no trade recorded" in rule.message
    assert "add its trade" in rule.message


def test_fst_does_not_count_a_certificate_in_a_trade_outside_the_program() -> None:
    decision = program_eligibility(welder("63210"), date(2026, 4, 2))[Program.FST]
    rule = reason(decision, "fst_offer_or_certificate")
    assert rule.status is ReasonStatus.UNMET
    assert "in 63210, not an eligible trade" in rule.message
