"""CEC and FST (docs/rules.md §2.2, §2.3): vectors E4-E9 of §9.4, hour boundaries, eligible_from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from eligibility.rules import Candidate, LanguageTest, Program, ReasonStatus, program_eligibility

from .helpers import DAY, celpip, clb, ielts, job, numbers, offer, person, reason

CEC = Program.CEC
FST = Program.FST
FSW = Program.FSW


def cec(candidate: Candidate, on: date):
    return program_eligibility(candidate, on)[CEC]


# --- E4: part-time 15 h/week, TEER 2, CLB 6 ---------------------------------------------------

E4 = person(30, tests=(clb(6, date(2025, 6, 1)),), work=(job("32101", date(2024, 1, 1), hours=15),))


@pytest.mark.parametrize(
    ("round_date", "hours", "eligible"),
    [
        pytest.param(date(2025, 12, 10), 1521, False, id="#384"),
        pytest.param(date(2025, 12, 16), 1534, False, id="#387"),
        pytest.param(date(2026, 1, 7), 1581, True, id="#390"),
    ],
)
def test_e4_part_time_15_hours_a_week(round_date: date, hours: int, eligible: bool) -> None:
    decision = cec(E4, round_date)
    assert decision.eligible is eligible
    assert numbers(reason(decision, "cec_experience"))["hours_found"] == hours


def test_e4_eligible_from_is_the_day_104_weeks_are_complete() -> None:
    decision = cec(E4, date(2025, 12, 10))
    assert reason(decision, "cec_experience").passes_on == date(2025, 12, 28)
    assert decision.eligible_from == date(2025, 12, 28)
    assert not cec(E4, date(2025, 12, 27)).eligible
    assert cec(E4, date(2025, 12, 28)).eligible


def test_e4_teer_2_work_needs_only_clb_5() -> None:
    language = reason(cec(E4, date(2026, 1, 7)), "cec_language")
    assert language.status is ReasonStatus.MET
    assert numbers(language)["needed"] == "L5 R5 W5 S5"


# --- E5: concurrent jobs are capped at 30 h/week ------------------------------------------------


def test_e5_concurrent_jobs_are_capped_at_30_hours_a_week() -> None:
    candidate = person(
        30,
        tests=(clb(9, date(2025, 6, 1)),),
        work=(
            job("21232", date(2025, 3, 1), hours=25),
            job("21231", date(2025, 3, 1), hours=20),
        ),
    )
    decision = cec(candidate, date(2026, 2, 17))
    assert not decision.eligible
    assert numbers(reason(decision, "cec_experience"))["hours_found"] == 1517
    assert decision.eligible_from == date(2026, 2, 27)  # not 2025-10-29 (uncapped 45 h)


# --- E6: work while a full-time student does not count for CEC ---------------------------------


def test_e6_student_work_is_excluded_from_cec() -> None:
    candidate = person(
        27,
        tests=(clb(9, date(2025, 6, 1)),),
        work=(
            job("62020", date(2023, 9, 1), date(2025, 4, 30), hours=20, full_time_student=True),
            job("21232", date(2025, 5, 1)),
        ),
    )
    decision = cec(candidate, date(2026, 1, 7))
    assert not decision.eligible
    assert numbers(reason(decision, "cec_experience"))["hours_found"] == 1080
    assert decision.eligible_from == date(2026, 4, 29)


# --- E7: the language minimum depends on the TEER of the experience ------------------------


def test_e7a_teer_1_experience_needs_clb_7_in_every_ability() -> None:
    candidate = person(
        30,
        tests=(celpip(7, 7, 7, 6, date(2025, 6, 1)),),
        work=(job("21232", date(2026, 2, 1) - 373 * DAY, date(2026, 2, 1)),),
    )
    decision = cec(candidate, date(2026, 2, 1))
    assert reason(decision, "cec_experience").status is ReasonStatus.MET
    assert reason(decision, "cec_language").status is ReasonStatus.UNMET
    assert not decision.eligible
    assert decision.eligible_from is None


def test_e7b_teer_2_carpenter_with_clb_6_is_eligible() -> None:
    candidate = person(
        30,
        tests=(clb(6, date(2025, 6, 1)),),
        work=(job("72310", date(2026, 2, 1) - 373 * DAY, date(2026, 2, 1)),),
    )
    assert cec(candidate, date(2026, 2, 1)).eligible


def test_mixed_teer_experience_applies_clb_5_with_a_review_note() -> None:
    candidate = person(
        30,
        tests=(clb(6, date(2025, 6, 1)),),
        work=(
            job("21232", date(2024, 1, 1), date(2024, 12, 31)),
            job("72310", date(2025, 1, 1), date(2025, 6, 30)),
        ),
    )
    decision = cec(candidate, date(2026, 1, 1))
    assert decision.eligible
    assert "cec_mixed_teer" in {r.code for r in decision.reasons}


# --- E8: CEC is cumulative, FSW needs one continuous year ---------------------------------------


def test_e8_gap_keeps_cec_but_breaks_fsw_continuity() -> None:
    candidate = person(
        30,
        tests=(clb(9, date(2020, 1, 1)),),
        work=(
            job("21232", date(2019, 1, 1), date(2019, 7, 31)),
            job("21232", date(2019, 10, 1), date(2020, 3, 31)),
        ),
        settlement_funds_cad=50_000,
    )
    decisions = program_eligibility(candidate, date(2020, 6, 25))
    assert decisions[CEC].eligible
    assert numbers(reason(decisions[CEC], "cec_experience"))["hours_found"] == 1692
    assert not decisions[FSW].eligible
    assert numbers(reason(decisions[FSW], "fsw_experience"))["hours_found"] == 908


# --- exact hour boundaries -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "eligible"),
    [
        pytest.param(364, True, id="364 full-time days = 52 weeks = exactly 1,560 h"),
        pytest.param(363, False, id="363 full-time days = 1,555.7 h"),
    ],
)
def test_cec_threshold_is_exact_to_the_day(days: int, eligible: bool) -> None:
    on = date(2026, 3, 1)
    candidate = person(
        30, tests=(clb(9, date(2025, 6, 1)),), work=(job("21232", on - (days - 1) * DAY, on),)
    )
    assert cec(candidate, on).eligible is eligible


def test_ongoing_job_runs_through_the_date_and_future_days_never_count() -> None:
    on = date(2026, 3, 1)
    ongoing = job("21232", on - 363 * DAY)
    dated = job("21232", on - 363 * DAY, on + 400 * DAY)
    for period in (ongoing, dated):
        candidate = person(30, tests=(clb(9, date(2025, 6, 1)),), work=(period,))
        assert numbers(reason(cec(candidate, on), "cec_experience"))["hours_found"] == 1560


def test_self_employment_in_canada_does_not_count_for_cec() -> None:
    candidate = person(
        30,
        tests=(clb(9, date(2025, 6, 1)),),
        work=(job("21232", date(2024, 1, 1), self_employed=True),),
    )
    assert numbers(reason(cec(candidate, date(2026, 1, 1)), "cec_experience"))["hours_found"] == 0


@pytest.mark.parametrize(
    ("on", "counted"),
    [
        pytest.param(date(2023, 4, 24), False, id="before the 2023-04-25 policy"),
        pytest.param(date(2023, 4, 25), True, id="from 2023-04-25"),
    ],
)
def test_self_employed_physician_counts_from_2023_04_25(on: date, counted: bool) -> None:
    candidate = person(
        40,
        on=on,
        tests=(clb(9, on - 30 * DAY),),
        work=(job("31102", date(2020, 1, 1), self_employed=True, fee_for_service_public=True),),
    )
    decision = cec(candidate, on)
    assert decision.eligible is counted
    assert ("physician_fee_for_service" in {r.code for r in decision.reasons}) is counted


def test_self_employed_physician_work_counts_only_when_fee_for_service() -> None:
    """docs/rules.md §5.5.1: the exclusion of self-employment is lifted only for work the profile
    marks as paid fee-for-service by a health plan; otherwise a note says why it is missing."""
    on = date(2026, 2, 19)
    private_practice = person(
        40,
        on=on,
        tests=(clb(9, on - 30 * DAY),),
        work=(job("31102", date(2024, 9, 1), self_employed=True),),
    )
    decision = cec(private_practice, on)
    assert not decision.eligible
    assert numbers(reason(decision, "cec_experience"))["hours_found"] == 0
    assert reason(decision, "physician_not_fee_for_service").status is ReasonStatus.NOTE
    assert "physician_fee_for_service" not in {r.code for r in decision.reasons}

    # Without authorization the flag would not help: no note points at it
    unauthorized = replace(
        private_practice,
        work=(job("31102", date(2024, 9, 1), self_employed=True, authorized=False),),
    )
    assert "physician_not_fee_for_service" not in {r.code for r in cec(unauthorized, on).reasons}


def test_expired_test_removes_cec_and_says_why() -> None:
    candidate = person(
        30, tests=(clb(9, date(2024, 3, 1)),), work=(job("21232", date(2023, 1, 1)),)
    )
    decision = cec(candidate, date(2026, 3, 17))
    assert reason(decision, "cec_language").status is ReasonStatus.UNMET
    dropped = reason(decision, "language_test_not_counted")
    assert "expired on 2026-03-01" in dropped.message


def test_cec_eligible_until_is_the_test_expiry_while_the_job_continues() -> None:
    candidate = person(
        30, tests=(clb(9, date(2025, 6, 1)),), work=(job("21232", date(2023, 1, 1)),)
    )
    assert cec(candidate, date(2026, 3, 1)).eligible_until == date(2027, 6, 1)


def test_cec_eligible_until_is_when_experience_leaves_the_window() -> None:
    # Exactly 1,560 h ending 2025-06-30: the first of those days leaves the 3-year window
    # on 2027-07-02 (window 2024-07-02 .. 2027-07-02 no longer holds 2024-07-01).
    start = date(2025, 6, 30) - 363 * DAY
    candidate = person(
        30, tests=(clb(9, date(2026, 1, 1)),), work=(job("21232", start, date(2025, 6, 30)),)
    )
    decision = cec(candidate, date(2026, 1, 1))
    assert decision.eligible
    expected = date(start.year + 3, start.month, start.day) + DAY
    assert reason(decision, "cec_experience").stops_on == expected
    assert not cec(candidate, expected).eligible
    assert cec(candidate, expected - DAY).eligible


# --- FST (E9) ------------------------------------------------------------------------------------


def e9(**changes: Any):
    fields: dict[str, Any] = {
        "tests": (ielts(5.0, 3.5, 4.0, 5.0, date(2025, 6, 1)),),
        "work": (job("72106", date(2021, 6, 1), date(2024, 5, 31), country="PH"),),
        "certificate_of_qualification": True,
        "certificate_trade": "72106",  # a welder's certificate
        "settlement_funds_cad": 16_000,
    }
    fields.update(changes)
    return person(35, on=date(2026, 4, 2), **fields)


def test_e9_welder_abroad_with_a_certificate_meets_fst() -> None:
    decision = program_eligibility(e9(), date(2026, 4, 2))[FST]
    assert decision.eligible
    assert numbers(reason(decision, "fst_experience"))["hours_found"] == 4697
    assert reason(decision, "fst_language").status is ReasonStatus.MET


def test_fst_needs_an_offer_in_the_trade_or_a_certificate() -> None:
    without = program_eligibility(e9(certificate_of_qualification=False), date(2026, 4, 2))[FST]
    assert reason(without, "fst_offer_or_certificate").status is ReasonStatus.UNMET
    offered = program_eligibility(
        e9(certificate_of_qualification=False, job_offer=offer("72106")), date(2026, 4, 2)
    )[FST]
    assert offered.eligible
    wrong_trade = program_eligibility(
        e9(certificate_of_qualification=False, job_offer=offer("21232")), date(2026, 4, 2)
    )[FST]
    assert not wrong_trade.eligible


def test_a_job_offer_counts_for_fst_only_in_the_trade_of_the_experience() -> None:
    """docs/rules.md §2.1.2 ("FST: in the trade"), FST-3: a welder's offer to drive trucks does
    not qualify the welder's experience (nor the truck driving, which he has not done)."""
    on = date(2025, 9, 1)
    welder: dict[str, Any] = dict(
        tests=(ielts(5.0, 3.5, 4.0, 5.0, date(2025, 6, 1)),),
        work=(job("72106", date(2021, 1, 1), date(2024, 12, 31), country="IN"),),
        settlement_funds_cad=16_000,
    )
    truck_offer = program_eligibility(person(35, on=on, **welder, job_offer=offer("73300")), on)
    decision = truck_offer[FST]
    assert not decision.eligible
    experience = reason(decision, "fst_experience")
    assert numbers(experience) | {"window_years": 5} == {
        "noc": "73300",
        "hours_found": 0,
        "hours_needed": 3120,
        "window_years": 5,
    }
    assert "counts only in its own trade" in experience.message
    assert reason(decision, "fst_offer_or_certificate").status is ReasonStatus.MET

    welding_offer = program_eligibility(person(35, on=on, **welder, job_offer=offer("72106")), on)
    assert welding_offer[FST].eligible
    certified = person(
        35,
        on=on,
        **welder,
        job_offer=offer("73300"),
        certificate_of_qualification=True,
        certificate_trade="72106",
    )
    assert program_eligibility(certified, on)[FST].eligible  # the certificate is the welder's


def test_with_an_offer_fst_eligible_from_waits_for_the_offers_trade() -> None:
    """Two years of welding do not qualify an offer in plumbing; the ongoing plumbing job does
    once it reaches 3,120 h (728 full-time days), and eligible_from says when."""
    on, plumbing_from = date(2026, 4, 2), date(2025, 6, 1)
    work = (
        job("72106", date(2021, 6, 1), date(2024, 5, 31), country="PH"),
        job("72300", plumbing_from, country="PH"),
    )
    candidate = e9(work=work, certificate_of_qualification=False, job_offer=offer("72300"))
    decision = program_eligibility(candidate, on)[FST]
    assert not decision.eligible
    assert numbers(reason(decision, "fst_experience"))["noc"] == "72300"
    first_day = plumbing_from + timedelta(days=727)
    assert decision.eligible_from == first_day
    assert not program_eligibility(candidate, first_day - DAY)[FST].eligible
    assert program_eligibility(candidate, first_day)[FST].eligible


def test_fst_hours_in_two_trades_are_not_added() -> None:
    candidate = e9(
        work=(
            job("72106", date(2022, 1, 1), date(2023, 3, 31), country="PH"),
            job("72200", date(2023, 4, 1), date(2024, 6, 30), country="PH"),
        )
    )
    decision = program_eligibility(candidate, date(2026, 4, 2))[FST]
    assert not decision.eligible
    assert numbers(reason(decision, "fst_experience"))["hours_found"] < 3120


def test_fst_not_in_trades_of_sub_major_group_726() -> None:
    pilot = e9(work=(job("72600", date(2021, 6, 1), date(2024, 5, 31), country="PH"),))
    assert not program_eligibility(pilot, date(2026, 4, 2))[FST].eligible


def test_fst_funds_use_the_table_of_the_date() -> None:
    # 2025 table from 2025-07-07: CAD 15,263 for one person; 2024 table: 14,690.
    early = program_eligibility(e9(settlement_funds_cad=15_000), date(2025, 7, 6))
    late = program_eligibility(e9(settlement_funds_cad=15_000), date(2025, 8, 1))
    assert reason(early[FST], "fst_funds").status is ReasonStatus.MET
    assert reason(late[FST], "fst_funds").status is ReasonStatus.UNMET


def test_funds_of_the_previous_table_pass_during_the_grace_window_with_a_warning() -> None:
    decision = program_eligibility(e9(settlement_funds_cad=15_000), date(2025, 7, 20))[FST]
    assert reason(decision, "fst_funds").status is ReasonStatus.MET
    assert "funds_grace_period" in {r.code for r in decision.reasons}


# --- the CEC minimum rises to CLB 7 when the TEER 2/3 work leaves the window --------------------


def carpenter_then_developer(*tests: LanguageTest):
    return person(
        30,
        tests=tests,
        work=(
            job("72310", date(2021, 1, 1), date(2021, 12, 31)),  # TEER 2
            job("21232", date(2022, 1, 1)),  # TEER 1, ongoing
        ),
    )


@pytest.mark.parametrize(
    ("tests", "fails_on"),
    [
        pytest.param(
            (clb(6, date(2024, 1, 1)),),
            date(2025, 1, 1),
            id="CLB 6: fails when 2021 leaves the 3-year window",
        ),
        pytest.param(
            (clb(6, date(2024, 1, 1)), clb(7, date(2023, 3, 1))),
            date(2025, 3, 1),
            id="a CLB 7 test valid past that day carries it to its expiry",
        ),
        pytest.param(
            (clb(7, date(2024, 1, 1)),),
            date(2026, 1, 1),
            id="CLB 7 all along: the test's expiry",
        ),
    ],
)
def test_cec_language_stops_when_teer_2_3_work_leaves_the_window_and_clb_7_applies(
    tests: tuple[LanguageTest, ...], fails_on: date
) -> None:
    candidate = carpenter_then_developer(*tests)
    decision = cec(candidate, date(2024, 6, 1))
    assert decision.eligible
    assert numbers(reason(decision, "cec_language"))["needed"] == "L5 R5 W5 S5"
    assert reason(decision, "cec_language").stops_on == fails_on
    assert decision.eligible_until == fails_on
    assert cec(candidate, fails_on - DAY).eligible
    assert not cec(candidate, fails_on).eligible


# --- proof of funds: the end of a grace window, or of the exemption, is an eligible_until ----


def fsw_single(funds: int, **fields: Any):
    values: dict[str, Any] = {
        "tests": (clb(9, date(2025, 1, 1)),),
        "work": (job("21232", date(2022, 6, 1), date(2025, 6, 1), country="IN"),),
        "settlement_funds_cad": funds,
    }
    values.update(fields)
    return person(30, **values)


@pytest.mark.parametrize(
    "on",
    [
        pytest.param(date(2025, 7, 1), id="before the 2025 table"),
        pytest.param(date(2025, 7, 7), id="first day of the 2025 table"),
        pytest.param(date(2025, 7, 20), id="inside the grace window"),
        pytest.param(date(2025, 7, 27), id="last day of the grace window"),
    ],
)
@pytest.mark.parametrize(
    ("program", "build", "code"),
    [
        pytest.param(FSW, fsw_single, "fsw_funds", id="FSW"),
        pytest.param(FST, lambda funds: e9(settlement_funds_cad=funds), "fst_funds", id="FST"),
    ],
)
def test_funds_of_the_previous_table_stop_passing_when_the_grace_window_ends(
    on: date, program: Program, build: Callable[[int], Candidate], code: str
) -> None:
    # CAD 15,000: above the 2024 table (14,690), below the 2025 one (15,263); the 2024 table
    # is accepted until 2025-07-27.
    decision = program_eligibility(build(15_000), on)[program]
    assert decision.eligible
    assert reason(decision, code).stops_on == date(2025, 7, 28)
    assert decision.eligible_until == date(2025, 7, 28)
    enough = program_eligibility(build(15_263), on)[program]
    assert reason(enough, code).stops_on is None


def test_funds_sentence_in_the_grace_window_names_the_amount_accepted_and_the_one_after() -> None:
    funds = reason(program_eligibility(fsw_single(15_000), date(2025, 7, 20))[FSW], "fsw_funds")
    assert funds.status is ReasonStatus.MET
    assert "CAD 14,690" in funds.message
    assert "accepted until 2025-07-27" in funds.message
    assert "from 2025-07-28 CAD 15,263" in funds.message
    assert "CAD 15,263 needed" not in funds.message


def test_funds_exemption_stops_the_day_after_the_authorized_job_in_canada_ends() -> None:
    candidate = fsw_single(
        1_000,
        work=(
            job("21232", date(2022, 6, 1), date(2025, 6, 1), country="IN"),
            job("64100", date(2025, 7, 1), date(2026, 9, 30)),
        ),
        job_offer=offer("21232"),
    )
    decision = program_eligibility(candidate, date(2026, 6, 1))[FSW]
    assert numbers(reason(decision, "fsw_funds")) == {"exempt": "yes"}
    assert reason(decision, "fsw_funds").stops_on == date(2026, 10, 1)
    assert decision.eligible_until == date(2026, 10, 1)


# --- NOC 2016 before 2022-11-16 (docs/rules.md §1.1, §8.11) -----------------------------------

NOC_2021_FROM = date(2022, 11, 16)


@pytest.mark.parametrize(
    ("on", "counted"),
    [
        pytest.param(NOC_2021_FROM - DAY, False, id="NOC 2016: skill level C"),
        pytest.param(NOC_2021_FROM, True, id="NOC 2021: TEER 3"),
    ],
)
def test_truck_driving_is_skilled_work_only_from_2022_11_16(on: date, counted: bool) -> None:
    """73300 was NOC 2016 7511, skill level C: not Canadian experience for rounds before the
    switch, whenever the work was done; from the switch all of it counts."""
    candidate = person(
        35, on=on, tests=(clb(7, date(2021, 6, 1)),), work=(job("73300", date(2018, 1, 1)),)
    )
    decision = cec(candidate, on)
    assert decision.eligible is counted
    assert (numbers(reason(decision, "cec_experience"))["hours_found"] > 0) is counted
    notes = [r for r in decision.reasons if r.code == "noc_2016_not_skilled"]
    assert [numbers(r)["nocs"] for r in notes] == ([] if counted else ["73300"])


def test_the_note_names_every_formerly_unskilled_occupation_in_one_sentence() -> None:
    on = NOC_2021_FROM - DAY
    work = (job("73300", date(2018, 1, 1)), job("33102", date(2016, 1, 1), date(2017, 12, 31)))
    candidate = person(35, on=on, tests=(clb(7, date(2021, 6, 1)),), work=work)
    [single] = [r for r in cec(candidate, on).reasons if r.code == "noc_2016_not_skilled"]
    assert numbers(single)["nocs"] == "33102, 73300"
    assert "Work in 33102, 73300 is not counted" in single.message
    assert "these occupations were skill level C" in single.message


def test_a_teer_3_occupation_that_was_skill_level_b_counts_before_2022_11_16() -> None:
    on = date(2020, 6, 25)  # cooks (63200) were NOC 2016 6322, skill level B
    candidate = person(
        35, on=on, tests=(clb(7, date(2020, 1, 1)),), work=(job("63200", date(2018, 1, 1)),)
    )
    decision = cec(candidate, on)
    assert decision.eligible
    assert "noc_2016_not_skilled" not in {r.code for r in decision.reasons}


def test_fst_and_job_offers_in_a_formerly_unskilled_trade_count_only_from_2022_11_16() -> None:
    heavy_equipment: dict[str, Any] = dict(
        tests=(clb(5, date(2022, 1, 1)),),
        work=(job("73400", date(2017, 1, 1), country="PH"),),
        job_offer=offer("73400"),
        settlement_funds_cad=30_000,
    )
    before, after = NOC_2021_FROM - DAY, NOC_2021_FROM
    assert not program_eligibility(person(35, on=before, **heavy_equipment), before)[FST].eligible
    assert program_eligibility(person(35, on=after, **heavy_equipment), after)[FST].eligible


@pytest.mark.parametrize("noc", ["54100", "64200", "55109"])
@pytest.mark.parametrize(
    ("on", "counted"),
    [
        pytest.param(NOC_2021_FROM - DAY, True, id="NOC 2016: skill level B"),
        pytest.param(NOC_2021_FROM, False, id="NOC 2021: TEER 4 or 5"),
    ],
)
def test_the_three_occupations_that_left_skilled_work_count_only_before_2022_11_16(
    noc: str, on: date, counted: bool
) -> None:
    """54100 (5254), 64200 (6342) and 55109 (5232) were NOC 2016 skill level B: Canadian
    experience for rounds before the switch (a TEER 2/3-level job, so CLB 5 suffices), not from
    it; the same mechanism as the 16 that went the other way."""
    candidate = person(
        35, on=on, tests=(clb(5, date(2021, 6, 1)),), work=(job(noc, date(2019, 1, 1)),)
    )
    decision = cec(candidate, on)
    assert decision.eligible is counted
    assert numbers(reason(decision, "cec_language"))["needed"] == "L5 R5 W5 S5"
    notes = [r for r in decision.reasons if r.code == "noc_2016_skilled"]
    assert [numbers(r)["nocs"] for r in notes] == ([noc] if counted else [])
    if counted:
        assert "skill level B" in notes[0].message


def test_a_job_offer_in_a_formerly_skilled_occupation_earns_points_only_before_the_switch() -> None:
    from eligibility.rules import crs_score

    from .helpers import factor_points

    candidate = person(30, tests=(clb(9, date(2022, 1, 1)),), job_offer=offer("54100"))
    assert factor_points(crs_score(candidate, NOC_2021_FROM - DAY), "job_offer") == 50
    assert factor_points(crs_score(candidate, NOC_2021_FROM), "job_offer") == 0
