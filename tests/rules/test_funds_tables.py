"""Proof-of-funds tables by date (docs/rules.md §2.1.4): the 2020 table and the start days of the
2018, 2019 and 2020 tables, with their boundaries and estimate notes."""

from __future__ import annotations

from datetime import date

import pytest

from eligibility.rules import Program, ReasonStatus, program_eligibility
from eligibility.rules.tables import funds_table

from .helpers import DAY, clb, job, numbers, person, reason

FSW = Program.FSW

TABLE_2020 = (12_960, 16_135, 19_836, 24_083, 27_315, 30_806, 34_299)


def funds_reasons(funds: int, on: date, family_size: int = 1):
    candidate = person(
        30,
        on=on,
        tests=(clb(9, date(2017, 6, 1)),),
        work=(job("21232", date(2012, 1, 1), date(2016, 12, 31), country="IN"),),
        settlement_funds_cad=funds,
        family_size=family_size,
    )
    decision = program_eligibility(candidate, on)[FSW]
    return reason(decision, "fsw_funds"), {r.code for r in decision.reasons}


@pytest.mark.parametrize(
    ("family_size", "required"), [*zip(range(1, 8), TABLE_2020, strict=True), (8, 37_791)]
)
def test_the_2020_table_by_family_size(family_size: int, required: int) -> None:
    """CAD 12,960 / 16,135 / 19,836 / 24,083 / 27,315 / 30,806 / 34,299, +3,492 a person."""
    table, _ = funds_table(date(2020, 6, 1))
    assert table.label == "2020"
    assert table.required(family_size) == required


@pytest.mark.parametrize(
    ("on", "table"),
    [
        pytest.param(date(2018, 1, 4), "2018", id="2018-01-04: before the first table"),
        pytest.param(date(2018, 1, 5), "2018", id="2018-01-05"),
        pytest.param(date(2018, 12, 31), "2018", id="2018-12-31"),
        pytest.param(date(2019, 1, 1), "2019", id="2019-01-01"),
        pytest.param(date(2019, 12, 31), "2019", id="2019-12-31"),
        pytest.param(date(2020, 1, 1), "2020", id="2020-01-01"),
        pytest.param(date(2021, 7, 14), "2020", id="2021-07-14"),
        pytest.param(date(2021, 7, 15), "2021", id="2021-07-15"),
    ],
)
def test_each_table_applies_from_its_day(on: date, table: str) -> None:
    assert funds_table(on)[0].label == table


@pytest.mark.parametrize(
    ("on", "passed", "grace"),
    [
        pytest.param(date(2019, 12, 31), True, False, id="2019-12-31: the 2019 table"),
        pytest.param(date(2020, 1, 1), True, True, id="2020-01-01: 2019 amounts accepted"),
        pytest.param(date(2020, 2, 25), True, True, id="2020-02-25: last day to update"),
        pytest.param(date(2020, 2, 26), False, False, id="2020-02-26: the 2020 table"),
    ],
)
def test_2019_amounts_are_accepted_until_2020_02_25(on: date, passed: bool, grace: bool) -> None:
    """CAD 12,700: the 2019 single amount (12,669) but not the 2020 one (12,960); IRCC asked
    profiles to be updated "no later than Feb 25, 2020"."""
    funds, codes = funds_reasons(12_700, on)
    assert (funds.status is ReasonStatus.MET) is passed
    assert ("funds_grace_period" in codes) is grace
    if on >= date(2020, 1, 1):
        assert numbers(funds)["required"] == 12_960
        assert numbers(funds)["table"] == "2020"
    if grace:
        assert funds.stops_on == date(2020, 2, 26)


@pytest.mark.parametrize(
    ("on", "estimated"),
    [
        pytest.param(date(2017, 12, 1), True, id="before any table on record"),
        pytest.param(date(2018, 6, 1), True, id="2018: single source"),
        pytest.param(date(2019, 6, 1), True, id="2019: day not on record"),
        pytest.param(date(2020, 6, 1), False, id="2020: verdict does not depend on the day"),
        pytest.param(date(2021, 9, 1), False, id="2021"),
    ],
)
def test_tables_applied_from_an_assumed_day_say_so(on: date, estimated: bool) -> None:
    _, codes = funds_reasons(50_000, on)
    assert ("funds_table_estimate" in codes) is estimated


def test_the_2020_table_is_no_longer_replaced_by_the_2019_one() -> None:
    """Before, 2020 rounds used the 2019 table with an "estimated" note: CAD 12,700 passed."""
    funds, codes = funds_reasons(12_700, date(2020, 6, 1))
    assert funds.status is ReasonStatus.UNMET
    assert "funds_table_estimate" not in codes
    assert funds_reasons(12_960, date(2020, 6, 1) + DAY)[0].status is ReasonStatus.MET
