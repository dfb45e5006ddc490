"""The score's projection and the coming changes (docs/rules.md §4.12)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility.rules import Candidate, Program, crs_score, program_eligibility
from eligibility.rules.dates import add_years
from eligibility.rules.outlook import coming_changes, crs_projection, score_on
from eligibility.synthetic import synthetic_candidates

from .helpers import DAY, ON, clb, experience, job, person

SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
UNTIL = add_years(ON, 2)
candidates = st.integers(0, 2**32).map(lambda seed: next(synthetic_candidates(1, seed=seed, on=ON)))


def total(candidate: Candidate, day: date) -> int:
    return crs_score(candidate, day).total


@SETTINGS
@given(profile=candidates, data=st.data())
def test_the_projection_equals_the_score_on_every_date(
    profile: Candidate, data: st.DataObject
) -> None:
    steps = crs_projection(profile, ON, UNTIL)
    assert steps[0].on == ON
    assert steps[0].crs == total(profile, ON)
    for previous, step in itertools.pairwise(steps):
        assert step.on > previous.on
        assert step.crs == total(profile, step.on) != total(profile, step.on - DAY)
        assert step.cause
    # between steps nothing changes: any date's score is the last step's
    for day in data.draw(st.lists(st.dates(ON, UNTIL), max_size=8)):
        assert score_on(steps, day) == total(profile, day), day


@SETTINGS
@given(profile=candidates)
def test_each_coming_change_says_the_score_before_and_after_its_day(profile: Candidate) -> None:
    decisions = [(p.value, d) for p, d in program_eligibility(profile, ON).items()]
    changes = coming_changes(profile, ON, UNTIL, decisions)
    assert [c.on for c in changes] == sorted({c.on for c in changes})
    for change in changes:
        assert ON < change.on <= UNTIL
        assert change.crs_before == total(profile, change.on - DAY)
        assert change.crs_after == total(profile, change.on)
        assert len(change.codes) == len(change.causes) > 0
    steps = {step.on for step in crs_projection(profile, ON, UNTIL)[1:]}
    assert steps <= {change.on for change in changes}


def test_a_test_expiry_says_its_date_and_effect() -> None:
    test = clb(9, taken=date(2025, 5, 10))
    candidate = person(29, tests=(test, clb(7, taken=ON - 10 * DAY)), work=experience(canadian=1))

    change = next(c for c in coming_changes(candidate, ON, UNTIL) if "test_expires" in c.codes)

    assert change.on == date(2027, 5, 10)
    before, after = total(candidate, date(2027, 5, 9)), total(candidate, date(2027, 5, 10))
    assert after < before
    assert change.message == (
        f"On 2027-05-10 your CELPIP-General result of 2025-05-10 expires: your CRS drops from "
        f"{before} to {after}"
    )


def test_the_profile_expires_12_months_after_submission() -> None:
    entry = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
    candidate = person(29, tests=(clb(9),), pool_entry=entry)

    change = next(c for c in coming_changes(candidate, ON, UNTIL) if "profile_expires" in c.codes)

    assert change.on == date(2027, 3, 4)
    assert "you leave the pool" in change.message


def test_a_birthday_that_lowers_the_score_and_a_program_that_starts() -> None:
    start = ON - timedelta(days=300)
    candidate = person(32, tests=(clb(9),), work=(job("21232", start),))
    decisions = [("the Canadian Experience Class", program_eligibility(candidate, ON)[Program.CEC])]

    changes = coming_changes(candidate, ON, UNTIL, decisions)

    birthday = next(c for c in changes if "birthday" in c.codes)
    assert birthday.causes == ("you turn 33",)
    assert birthday.crs_after < birthday.crs_before
    cec = next(c for c in changes if "decision_starts" in c.codes)
    assert "you start meeting the Canadian Experience Class" in cec.causes
    assert program_eligibility(candidate, cec.on)[Program.CEC].eligible


def test_experience_steps_say_the_years_reached_and_lost() -> None:
    current = job("21232", ON - timedelta(days=400))  # a 2nd year in Canada in about a year
    ended = job("21232", date(2016, 7, 1), date(2017, 12, 31), country="IN")  # leaves the window
    candidate = person(29, tests=(clb(9, taken=ON - 10 * DAY),), work=(current, ended))

    causes = [cause for c in coming_changes(candidate, ON, UNTIL) for cause in c.causes]

    assert "your Canadian work experience reaches 2 years" in causes
    assert (
        "your foreign work experience falls below 1 year (older work leaves the 10 years)" in causes
    )
