"""Properties that must hold for every profile (hypothesis draws realistic synthetic candidates
and then perturbs them), and agreement between the draw outcome's fast path and the full
decisions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility.rules import (
    Candidate,
    CategoryRule,
    DrawRule,
    Program,
    ReasonStatus,
    RoundType,
    WorkPeriod,
    category_eligibility,
    crs_score,
    draw_outcome,
    program_eligibility,
)
from eligibility.rules.crs import crs_total
from eligibility.rules.facts import Facts
from eligibility.rules.fsw import fsw_grid
from eligibility.synthetic import synthetic_candidates

from .helpers import utc

ON = date(2026, 2, 19)
CATEGORY_NAMES = (
    "Physicians with Canadian Work Experience, 2026-Version 1",
    "Healthcare and Social Services Occupations, 2026-Version 3",
    "Trades Occupations, 2026-Version 3",
    "French-Language proficiency 2026-Version 2",
)
SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

candidates = st.integers(0, 2**32).map(lambda seed: next(synthetic_candidates(1, seed=seed, on=ON)))
dates = st.dates(date(2018, 1, 1), date(2027, 6, 1))

non_qualifying_jobs = st.one_of(
    st.builds(  # TEER 4 or 5, anywhere, any flags
        WorkPeriod,
        noc=st.sampled_from(["64100", "65200", "75101", "44101", "94100", "85100"]),
        country=st.sampled_from(["CA", "IN", "PH"]),
        start=st.dates(date(2014, 1, 1), ON),
        end=st.one_of(st.none(), st.dates(ON, date(2027, 1, 1))),
        hours_per_week=st.sampled_from([10.0, 20.0, 40.0, 60.0]),
        self_employed=st.booleans(),
        full_time_student=st.booleans(),
        authorized=st.booleans(),
    ),
    st.builds(  # skilled, but in Canada without authorization
        WorkPeriod,
        noc=st.sampled_from(["21232", "31102", "72106", "00012"]),
        country=st.just("CA"),
        start=st.dates(date(2014, 1, 1), ON),
        end=st.one_of(st.none(), st.dates(ON, date(2027, 1, 1))),
        hours_per_week=st.sampled_from([20.0, 40.0]),
        authorized=st.just(False),
    ),
)


@SETTINGS
@given(profile=candidates, on=dates)
def test_crs_respects_every_cap_and_the_factors_add_up(profile: Candidate, on: date) -> None:
    breakdown = crs_score(profile, on)
    core_cap = 460 if breakdown.spouse or _with_spouse(profile) else 500
    assert 0 <= breakdown.core <= core_cap
    assert 0 <= breakdown.spouse <= 40
    assert 0 <= breakdown.transferability <= 100
    assert 0 <= breakdown.additional <= 600
    assert breakdown.total <= 1200
    assert sum(factor.points for factor in breakdown.factors) == breakdown.total


def _with_spouse(profile: Candidate) -> bool:
    return Facts(profile, ON).spouse_counts


@SETTINGS
@given(profile=candidates, extra=non_qualifying_jobs, on=dates)
def test_a_job_that_does_not_qualify_never_hurts(
    profile: Candidate,
    extra: WorkPeriod,
    on: date,
    category: Callable[[str], CategoryRule],
) -> None:
    more = replace(profile, work=(*profile.work, extra))
    assert crs_score(more, on).total >= crs_score(profile, on).total
    before = program_eligibility(profile, on)
    after = program_eligibility(more, on)
    for program, decision in before.items():
        assert after[program].eligible or not decision.eligible, program
    for name in CATEGORY_NAMES:
        rule = category(name)
        if category_eligibility(profile, rule, on).eligible:
            assert category_eligibility(more, rule, on).eligible, name


@SETTINGS
@given(profile=candidates, extra_days=st.integers(1, 900), data=st.data())
def test_more_experience_never_lowers_experience_points(
    profile: Candidate, extra_days: int, data: st.DataObject
) -> None:
    ended = [i for i, period in enumerate(profile.work) if period.end is not None]
    if not ended:
        return
    index = data.draw(st.sampled_from(ended))
    period = profile.work[index]
    assert period.end is not None
    longer = replace(period, end=min(ON, period.end + timedelta(days=extra_days)))
    work = list(profile.work)
    work[index] = longer
    more = replace(profile, work=tuple(work))
    codes = (
        "canadian_experience",
        "spouse_canadian_experience",
        "transferability_education_canadian_experience",
        "transferability_foreign_language",
        "transferability_foreign_canadian_experience",
    )
    before = {f.code: f.points for f in crs_score(profile, ON).factors if f.code in codes}
    after = {f.code: f.points for f in crs_score(more, ON).factors if f.code in codes}
    for code, points in before.items():
        assert after.get(code, 0) >= points, code


@SETTINGS
@given(profile=candidates, on=dates)
def test_fast_total_equals_the_full_breakdown(profile: Candidate, on: date) -> None:
    assert crs_total(Facts(profile, on))[0] == crs_score(profile, on).total


def general_round(on: date) -> DrawRule:
    return DrawRule("test", on, utc(on.year, on.month, on.day, 12), RoundType.GENERAL, 450, 1000)


@SETTINGS
@given(profile=candidates, on=dates)
def test_draw_outcome_agrees_with_the_full_program_decisions(profile: Candidate, on: date) -> None:
    outcome = draw_outcome(replace(profile, pool_entry=None), general_round(on))
    decisions = program_eligibility(profile, on)
    assert outcome.in_pool == any(decision.eligible for decision in decisions.values())
    assert outcome.computed_crs == crs_score(profile, on).total


@SETTINGS
@given(profile=candidates)
def test_category_round_outcome_agrees_with_category_eligibility(
    profile: Candidate, category: Callable[[str], CategoryRule]
) -> None:
    for name in CATEGORY_NAMES:
        rule = category(name)
        round_ = replace(general_round(ON), round_type=RoundType.CATEGORY, category=rule)
        assert draw_outcome(profile, round_).eligible == (
            category_eligibility(profile, rule, ON).eligible
        )


@SETTINGS
@given(profile=candidates, on=dates)
def test_eligible_from_is_a_date_on_which_the_decision_passes(profile: Candidate, on: date) -> None:
    for program, decision in program_eligibility(profile, on).items():
        if decision.eligible_from is not None:
            assert program_eligibility(profile, decision.eligible_from)[program].eligible
            assert decision.eligible_from > on
        if decision.eligible_until is not None:
            assert not program_eligibility(profile, decision.eligible_until)[program].eligible


def _grid_passes(profile: Candidate, day: date) -> bool:
    return fsw_grid(Facts(profile, day)).total >= 67


@SETTINGS
@given(profile=candidates, on=dates, data=st.data())
def test_fsw_grid_dates_are_the_first_day_its_verdict_changes(
    profile: Candidate, on: date, data: st.DataObject
) -> None:
    points = next(
        r for r in program_eligibility(profile, on)[Program.FSW].reasons if r.code == "fsw_points"
    )
    passing = points.status is ReasonStatus.MET
    assert passing == _grid_passes(profile, on)
    flip = points.stops_on if passing else points.passes_on
    last = (flip - timedelta(days=1)) if flip is not None else on + timedelta(days=366 * 12)
    samples = [last, *data.draw(st.lists(st.dates(on, last), max_size=6))]
    for day in samples:
        assert _grid_passes(profile, day) == passing, day
    if flip is not None:
        assert _grid_passes(profile, flip) != passing
