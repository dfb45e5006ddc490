"""Ranked improvements (docs/rules.md §4.11): each gain is the score of the changed candidate
minus today's, each change is the one its code names, and the list is sorted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility.rules import Candidate, EducationLevel, clb_levels, crs_score
from eligibility.rules import TestKind as Kind
from eligibility.rules.crs import first_language_test
from eligibility.rules.facts import Facts, eca_valid
from eligibility.rules.improvements import SingleChange, improvements, result_at, single_changes
from eligibility.rules.language import ABILITIES, FRENCH
from eligibility.rules.tables import CRS_WINDOW_YEARS, YEAR_UNITS, certificate_trades
from eligibility.synthetic import synthetic_candidates

from .helpers import BACHELORS, DAY, ON, clb, degree, experience, job, nclc, partner, person

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
candidates = st.integers(0, 2**32).map(lambda seed: next(synthetic_candidates(1, seed=seed, on=ON)))


def total(candidate: Candidate, day: date) -> int:
    return crs_score(candidate, day).total


def changes_by_code(candidate: Candidate) -> dict[str, SingleChange]:
    return {change.code: change for change in single_changes(candidate, ON)}


# --- properties over generated candidates -------------------------------------------------------


@SETTINGS
@given(profile=candidates)
def test_each_gain_is_the_changed_score_minus_the_score_it_is_compared_with(
    profile: Candidate,
) -> None:
    tried = changes_by_code(profile)
    today = total(profile, ON)
    listed = improvements(profile, ON)
    for item in listed:
        change = tried[item.code]
        assert item.new_crs == total(change.candidate, item.possible_from)
        if item.possible_from == ON:  # something to do now: against today's score
            assert item.gain == total(change.candidate, ON) - today
        else:  # time brings it: the band's own step
            assert change.compared_on == item.possible_from - DAY
            assert item.gain == item.new_crs - total(profile, change.compared_on)
        assert item.gain > 0
    # nothing that raises the score is left out
    raising = {
        code
        for code, change in tried.items()
        if total(change.candidate, change.possible_from) > total(profile, change.compared_on)
    }
    assert {item.code for item in listed} == raising


@SETTINGS
@given(profile=candidates)
def test_the_list_is_sorted_by_gain_then_date(profile: Candidate) -> None:
    listed = improvements(profile, ON)
    keys = [(-item.gain, item.possible_from, item.code) for item in listed]
    assert keys == sorted(keys)
    assert len({item.code for item in listed}) == len(listed)


@SETTINGS
@given(profile=candidates)
def test_each_change_is_the_one_its_code_names(profile: Candidate) -> None:
    first = first_language_test(Facts(profile, ON))
    for code, change in changes_by_code(profile).items():
        changed = change.candidate
        if code.startswith("language_"):
            assert first is not None
            _check_first_language_change(profile, changed, first.test, first.clbs, code)
        elif code == "french_nclc_7":
            french = [t for t in Facts(changed, ON).tests if t.language == FRENCH]
            assert any(t.lowest >= 7 for t in french)
            assert changed.work == profile.work
            assert changed.education == profile.education
        elif code == "eca":
            assert all(e.canadian or eca_valid(e, ON) for e in changed.education)
            assert [e.level for e in changed.education] == [e.level for e in profile.education]
            assert replace(changed, education=profile.education) == profile
        elif code == "provincial_nomination":
            assert changed == replace(profile, provincial_nomination=True) != profile
        elif code == "certificate_of_qualification":
            trade = changed.certificate_trade
            assert trade in certificate_trades(ON).nocs
            assert changed == replace(
                profile, certificate_of_qualification=True, certificate_trade=trade
            )
        elif code.startswith("spouse_language_clb_"):
            floor = int(code.rsplit("_", 1)[1])
            assert changed.spouse is not None
            assert profile.spouse is not None
            assert any(t.lowest >= floor for t in Facts(changed, ON).spouse_tests)
            assert replace(changed, spouse=profile.spouse) == profile
        elif code.endswith("experience"):
            _check_experience_band(profile, change)
        else:
            assert code in {"renew_test_english", "renew_test_french", "spouse_eca"}, code


def _check_first_language_change(
    profile: Candidate, changed: Candidate, old: object, old_levels: tuple[int, ...], code: str
) -> None:
    new_tests = [t for t in changed.language_tests if t not in profile.language_tests]
    assert len(new_tests) == 1
    assert new_tests[0].taken_on == ON
    assert old not in changed.language_tests
    levels = clb_levels(new_tests[0])
    ability = code.removeprefix("language_")
    if ability.startswith("clb_"):
        floor = int(ability.removeprefix("clb_"))
        assert levels == tuple(max(level, floor) for level in old_levels)
        return
    index = [a.value for a in ABILITIES].index(ability)
    expected = list(old_levels)
    expected[index] = 4 if old_levels[index] < 4 else old_levels[index] + 1
    assert levels == tuple(expected)


def _check_experience_band(profile: Candidate, change: SingleChange) -> None:
    assert change.candidate == profile
    assert change.possible_from > ON
    before, after = Facts(profile, change.compared_on), Facts(profile, change.possible_from)
    units = {
        "canadian_experience": Facts.canadian_units,
        "foreign_experience": Facts.foreign_units,
        "spouse_canadian_experience": Facts.spouse_canadian_units,
    }[change.code]
    years_before = units(before, CRS_WINDOW_YEARS) // YEAR_UNITS
    assert units(after, CRS_WINDOW_YEARS) // YEAR_UNITS > years_before


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("taken_on", [date(2019, 6, 1), date(2022, 6, 1), ON])
def test_a_test_built_for_levels_converts_back_to_them(kind: Kind, taken_on: date) -> None:
    for level in (0, 4, 5, 6, 7, 8, 9, 10):
        levels = (level, 10 if level < 10 else 4, level, 7)
        assert clb_levels(result_at(kind, levels, taken_on)) == levels


# --- examples -----------------------------------------------------------------------------------


def test_the_next_band_in_one_ability_and_clb_9_in_all_four_are_offered() -> None:
    candidate = person(29, tests=(clb(8),), work=experience(canadian=1))
    listed = {item.code: item for item in improvements(candidate, ON)}

    assert {"language_listening", "language_clb_9", "french_nclc_7"} <= set(listed)
    assert "language_clb_7" not in listed  # already CLB 8
    assert listed["language_clb_9"].gain > listed["language_listening"].gain
    assert listed["language_listening"].label == (
        "Listening CLB 9 instead of CLB 8 on a new CELPIP-General"
    )
    assert all(item.possible_from == ON for item in listed.values() if "language" in item.code)


def test_a_second_year_of_canadian_experience_is_dated_the_day_it_is_reached() -> None:
    start = ON - timedelta(days=400)
    candidate = person(29, tests=(clb(9),), work=(job("21232", start),))
    item = next(i for i in improvements(candidate, ON) if i.code == "canadian_experience")

    assert item.label.startswith("A 2nd year of Canadian work experience")
    assert total(candidate, item.possible_from - DAY) + item.gain == item.new_crs
    assert Facts(candidate, item.possible_from).canadian_units(10) >= 2 * YEAR_UNITS
    assert Facts(candidate, item.possible_from - DAY).canadian_units(10) < 2 * YEAR_UNITS


def test_an_eca_for_a_foreign_degree_and_the_spouse_test_are_offered() -> None:
    candidate = person(
        33,
        education=(replace(degree(EducationLevel.MASTERS), eca=False),),
        tests=(clb(9),),
        spouse=partner(education=(BACHELORS,)),
    )
    listed = {item.code: item for item in improvements(candidate, ON)}

    assert listed["eca"].gain == total(
        replace(candidate, education=(degree(EducationLevel.MASTERS),)), ON
    ) - total(candidate, ON)
    assert listed["spouse_language_clb_9"].gain > listed["spouse_language_clb_7"].gain > 0


def test_age_is_never_offered_even_when_a_birthday_would_change_the_score() -> None:
    candidate = person(19, tests=(clb(7),))  # turning 20 adds points
    codes = {item.code for item in improvements(candidate, ON)}
    assert codes
    assert not codes & {"age", "birthday"}
    assert all(
        not item.label.lower().startswith(("age", "turn")) for item in improvements(candidate, ON)
    )


def test_french_is_not_offered_when_the_french_test_already_reaches_nclc_7() -> None:
    candidate = person(29, tests=(clb(9), nclc(7)))
    assert "french_nclc_7" not in {item.code for item in improvements(candidate, ON)}


def test_an_expired_test_is_offered_again_with_its_levels() -> None:
    old = clb(9, taken=ON - timedelta(days=800))
    candidate = person(29, tests=(old,))
    item = next(i for i in improvements(candidate, ON) if i.code == "renew_test_english")

    assert item.new_crs == total(person(29, tests=(clb(9),)), ON)
