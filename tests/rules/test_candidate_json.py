"""The candidate JSON format of DESIGN.md: round trip, every bad input named by its path, the
verdict's shape, and the synthetic generator's output (valid, deterministic, real NOC codes)."""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

import pytest

from draws.sources import NOC_CSV
from eligibility.candidate_json import (
    CandidateFormatError,
    candidate_to_json,
    parse_candidate,
    verdict_json,
)
from eligibility.rules import CategoryRule, DrawRule, RoundType
from eligibility.synthetic import synthetic_candidates

TODAY = date(2026, 6, 1)

VALID: dict[str, Any] = {
    "birth_date": "1992-04-03",
    "marital_status": "married",
    "spouse": {
        "accompanying": True,
        "citizen_or_pr": False,
        "education": [
            {
                "level": "bachelors",
                "canadian": False,
                "years": 4,
                "eca": True,
                "eca_issued_on": "2023-02-14",
            }
        ],
        "language_tests": [
            {
                "test": "ielts_general",
                "taken_on": "2025-05-01",
                "listening": 7.5,
                "reading": 7.0,
                "writing": 6.5,
                "speaking": 7.0,
            }
        ],
        "work": [],
    },
    "education": [{"level": "masters", "canadian": True, "years": 2, "eca": False}],
    "language_tests": [
        {
            "test": "celpip_general",
            "taken_on": "2025-09-10",
            "listening": 10,
            "reading": 9,
            "writing": 9,
            "speaking": 10,
        },
        {
            "test": "tef_canada",
            "taken_on": "2025-10-01",
            "listening": 470,
            "reading": 450,
            "writing": 480,
            "speaking": 500,
        },
    ],
    "work": [
        {
            "noc": "31102",
            "country": "CA",
            "start": "2024-09-01",
            "end": None,
            "hours_per_week": 40,
            "self_employed": True,
            "full_time_student": False,
            "authorized": True,
            "fee_for_service_public": True,
        },
        {
            "noc": "31102",
            "country": "IN",
            "start": "2018-01-01",
            "end": "2024-06-30",
            "hours_per_week": 37.5,
            "self_employed": False,
            "full_time_student": False,
            "authorized": True,
        },
    ],
    "provincial_nomination": False,
    "certificate_of_qualification": False,
    "sibling_in_canada": True,
    "licensed_in_canada": True,
    "job_offer": {"noc": "31102", "lmia_exempt_or_approved": True},
    "settlement_funds_cad": 25000,
    "family_size": 3,
    "pool_entry": "2025-12-01T10:20:30+02:00",
    "reported_crs": None,
}


def known_nocs() -> set[str]:
    with NOC_CSV.open(encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle)}


def test_valid_json_parses_and_pool_entry_becomes_utc() -> None:
    candidate = parse_candidate(VALID, today=TODAY)
    assert candidate.pool_entry == datetime(2025, 12, 1, 8, 20, 30, tzinfo=UTC)
    assert candidate.spouse is not None
    assert candidate.spouse.accompanying
    assert candidate.work[1].hours_per_week == 37.5
    assert [period.fee_for_service_public for period in candidate.work] == [True, False]
    assert candidate.licensed_in_canada
    assert candidate.spouse.education[0].eca_issued_on == date(2023, 2, 14)
    assert candidate.education[0].eca_issued_on is None


def test_round_trip_gives_back_an_equal_candidate() -> None:
    candidate = parse_candidate(VALID, today=TODAY)
    data = json.loads(json.dumps(candidate_to_json(candidate)))
    assert parse_candidate(data, today=TODAY) == candidate
    assert data["pool_entry"] == "2025-12-01T08:20:30Z"


def mutate(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


DELETE = object()

BAD_INPUTS = [
    (("birth_date",), DELETE, "birth_date"),
    (("birth_date",), "03/04/1992", "birth_date"),
    (("birth_date",), "1992-02-30", "birth_date"),
    (("birth_date",), "2015-01-01", "birth_date"),
    (("marital_status",), "engaged", "marital_status"),
    (("nickname",), "Sam", "nickname"),
    (("spouse", "pets"), 2, "spouse.pets"),
    (("spouse", "accompanying"), "yes", "spouse.accompanying"),
    (("spouse", "language_tests", 0, "reading"), 7.25, "spouse.language_tests[0].reading"),
    (("education", 0, "level"), "phd", "education[0].level"),
    (("education", 0, "years"), 2.5, "education[0].years"),
    (("education", 0, "eca_issued_on"), "2020-01-01", "education[0].eca_issued_on"),  # no ECA
    (
        ("spouse", "education", 0, "eca_issued_on"),
        "2026-07-01",
        "spouse.education[0].eca_issued_on",
    ),
    (
        ("spouse", "education", 0, "eca_issued_on"),
        "14/02/2023",
        "spouse.education[0].eca_issued_on",
    ),
    (("language_tests", 1, "test"), "delf", "language_tests[1].test"),
    (("language_tests", 0, "speaking"), 13, "language_tests[0].speaking"),
    (("language_tests", 0, "taken_on"), "2027-01-01", "language_tests[0].taken_on"),
    (("language_tests", 0, "listening"), DELETE, "language_tests[0].listening"),
    (("work", 0, "end"), "2024-01-01", "work[0].end"),
    (("work", 0, "end"), "9986-01-01", "work[0].end"),  # past what the engine can reckon from
    (("work", 0, "start"), "1800-01-01", "work[0].start"),
    (("spouse", "work"), [{**VALID["work"][0], "end": "9999-12-31"}], "spouse.work[0].end"),
    (("language_tests", 0, "taken_on"), "0001-01-01", "language_tests[0].taken_on"),
    (("pool_entry",), "2010-06-01T10:00:00Z", "pool_entry"),
    (("work", 0, "start"), "2026-12-01", "work[0].start"),
    (("work", 0, "hours_per_week"), 0, "work[0].hours_per_week"),
    (("work", 0, "hours_per_week"), "40", "work[0].hours_per_week"),
    (("work", 0, "noc"), "3110", "work[0].noc"),
    (("work", 0, "noc"), 31102, "work[0].noc"),
    (("work", 0, "country"), "Canada", "work[0].country"),
    (("work", 0, "authorized"), DELETE, "work[0].authorized"),
    (("work", 1, "end"), DELETE, "work[1].end"),
    (("work", 1, "self_employed"), 0, "work[1].self_employed"),
    (("work", 0, "fee_for_service_public"), "yes", "work[0].fee_for_service_public"),
    (("work", 1, "fee_for_service_public"), True, "work[1].fee_for_service_public"),
    (("job_offer", "noc"), "99999", "job_offer.noc"),
    (("licensed_in_canada",), "yes", "licensed_in_canada"),
    (("settlement_funds_cad",), -1, "settlement_funds_cad"),
    (("family_size",), 1, "family_size"),
    (("pool_entry",), "2025-12-01T10:20:30", "pool_entry"),
    (("pool_entry",), "yesterday", "pool_entry"),
    (("reported_crs",), 1300, "reported_crs"),
    (("spouse",), None, None),  # a married person may leave the spouse out: not an error
]


@pytest.mark.parametrize(("path", "value", "field"), BAD_INPUTS)
def test_every_bad_input_is_reported_under_its_field(
    path: tuple[Any, ...], value: Any, field: str | None
) -> None:
    data = mutate(path, value)
    if field is None:
        parse_candidate(data, today=TODAY)
        return
    with pytest.raises(CandidateFormatError) as caught:
        parse_candidate(data, today=TODAY, known_nocs=known_nocs())
    assert field in caught.value.problems, caught.value.problems
    assert caught.value.problems[field]


def test_all_problems_are_reported_at_once() -> None:
    data = mutate(("birth_date",), "tomorrow")
    data["work"][0]["hours_per_week"] = 200
    data["colour"] = "blue"
    with pytest.raises(CandidateFormatError) as caught:
        parse_candidate(data, today=TODAY)
    assert {"birth_date", "work[0].hours_per_week", "colour"} <= set(caught.value.problems)
    assert "colour: unknown field" in str(caught.value)


def test_spouse_is_rejected_for_a_single_person() -> None:
    data = mutate(("marital_status",), "single")
    with pytest.raises(CandidateFormatError) as caught:
        parse_candidate(data, today=TODAY)
    assert "spouse" in caught.value.problems


def test_not_an_object_is_rejected() -> None:
    with pytest.raises(CandidateFormatError) as caught:
        parse_candidate([1, 2], today=TODAY)
    assert caught.value.problems == {"(root)": "must be a JSON object"}


def physicians_rule() -> CategoryRule:
    return CategoryRule(
        slug="physicians-2026-v1",
        name="Physicians",
        occupations=frozenset({"31100", "31101", "31102"}),
        months_required=12,
        continuous=True,
        canada_only=True,
        valid_from=date(2025, 12, 8),
    )


def test_verdict_has_the_design_shape() -> None:
    verdict = verdict_json(parse_candidate(VALID, today=TODAY), TODAY, [physicians_rule()])
    assert set(verdict) == {"on", "crs", "programs", "categories"}
    assert verdict["on"] == "2026-06-01"
    crs = verdict["crs"]
    assert {"total", "core", "spouse", "transferability", "additional", "factors"} <= set(crs)
    assert all(set(f) == {"code", "label", "points"} for f in crs["factors"])
    assert set(verdict["programs"]) == {"fsw", "cec", "fst"}
    for decision in [*verdict["programs"].values(), *verdict["categories"].values()]:
        assert {"eligible", "reasons", "eligible_from"} <= set(decision)
        assert all({"code", "message"} <= set(r) for r in decision["reasons"])
    assert set(verdict["categories"]) == {"physicians-2026-v1"}
    json.dumps(verdict)  # plain JSON all the way down


def test_verdict_with_a_draw_is_evaluated_on_the_draw_date() -> None:
    draw = DrawRule(
        number="397",
        held_on=date(2026, 2, 19),
        held_at=datetime(2026, 2, 19, 14, 24, 23, tzinfo=UTC),
        round_type=RoundType.CATEGORY,
        cutoff=169,
        invitations=391,
        tie_break=datetime(2026, 1, 3, 3, 25, 14, tzinfo=UTC),
        category=physicians_rule(),
    )
    verdict = verdict_json(parse_candidate(VALID, today=TODAY), TODAY, [], draw)
    assert verdict["on"] == "2026-02-19"
    expected = {"number", "in_pool", "eligible", "crs", "cutoff", "tie_break", "invited", "reasons"}
    assert expected <= set(verdict["draw"])
    assert verdict["draw"]["number"] == "397"
    assert verdict["draw"]["cutoff"] == 169
    assert verdict["draw"]["tie_break_at"] == "2026-01-03T03:25:14Z"


# --- synthetic candidates --------------------------------------------------------------------


@lru_cache(maxsize=8)
def synthetic(count: int, seed: int = 7) -> list[Any]:
    return list(synthetic_candidates(count, seed=seed, on=TODAY))


def test_synthetic_candidates_are_deterministic_and_prefix_stable() -> None:
    assert synthetic(50) == synthetic(50)
    assert synthetic(20) == synthetic(50)[:20]
    assert synthetic(20, seed=8) != synthetic(20)


def test_synthetic_candidates_are_valid_json_candidates_with_real_nocs() -> None:
    nocs = known_nocs()
    for candidate in synthetic(300):
        data = json.loads(json.dumps(candidate_to_json(candidate)))
        assert parse_candidate(data, today=TODAY, known_nocs=nocs) == candidate


@pytest.mark.parametrize(
    ("share", "low", "high"),
    [
        (lambda c: c.spouse is not None, 0.28, 0.42),
        (
            lambda c: any(
                w.noc in {"31100", "31101", "31102"} and w.country == "CA" for w in c.work
            ),
            0.01,
            0.10,
        ),
        (lambda c: any(w.end is None for w in c.work), 0.3, 0.8),
        (
            lambda c: any(
                t.taken_on.replace(year=t.taken_on.year + 2) <= TODAY
                for t in c.language_tests
                if t.taken_on.month * 100 + t.taken_on.day != 229
            ),
            0.05,
            0.4,
        ),
        (
            lambda c: c.pool_entry is not None and (TODAY - c.pool_entry.date()).days <= 14 * 31,
            0.9,
            1.0,
        ),
    ],
    ids=["spouses", "physicians in Canada", "ongoing jobs", "expired tests", "pool entries"],
)
def test_synthetic_mix_is_realistic(share: Callable[[Any], bool], low: float, high: float) -> None:
    people = synthetic(2000)
    found = sum(1 for person in people if share(person)) / len(people)
    assert low <= found <= high


# --- TEF scale, certificate trade, military service and CAF offer ------------------------------

MILITARY = {
    **VALID,
    "certificate_of_qualification": True,
    "certificate_trade": "72310",
    "military_service": {"recognized": True, "start": "2014-03-01", "end": None},
    "caf_offer": {"noc": "42102", "years": 3, "full_time": True},
}
AMBIGUOUS_TEF = {
    "test": "tef_canada",
    "taken_on": "2025-10-01",
    "listening": 316,
    "reading": 263,
    "writing": 393,
    "speaking": 393,
}


def with_tests(*tests: dict[str, Any]) -> dict[str, Any]:
    return {**VALID, "language_tests": list(tests)}


def test_the_new_fields_round_trip() -> None:
    data = {**MILITARY, "language_tests": [{**AMBIGUOUS_TEF, "scale": "old"}]}
    candidate = parse_candidate(data, today=TODAY, known_nocs=known_nocs())
    assert candidate.certificate_trade == "72310"
    assert candidate.military_service is not None
    assert candidate.military_service.start == date(2014, 3, 1)
    assert candidate.caf_offer is not None
    assert candidate.caf_offer.years == 3
    assert candidate.language_tests[0].scale is not None
    written = json.loads(json.dumps(candidate_to_json(candidate)))
    assert written["language_tests"][0]["scale"] == "old"
    assert parse_candidate(written, today=TODAY) == candidate


def test_tef_scores_that_fit_both_scales_are_a_question_not_a_guess() -> None:
    with pytest.raises(CandidateFormatError) as caught:
        parse_candidate(with_tests(AMBIGUOUS_TEF), today=TODAY)
    question = caught.value.problems["language_tests[0].scale"]
    assert question.startswith("required: these TEF Canada scores fit both")
    for scale in ("old", "current", None):
        test = (
            {**AMBIGUOUS_TEF, "reading": 434}
            if scale is None
            else {**AMBIGUOUS_TEF, "scale": scale}
        )
        parse_candidate(with_tests(test), today=TODAY)  # answered, or unambiguous: accepted


@pytest.mark.parametrize(
    ("data", "field"),
    [
        pytest.param(
            {**VALID, "certificate_of_qualification": True},
            "certificate_trade",
            id="certificate without its trade",
        ),
        pytest.param(
            {**VALID, "certificate_trade": "72310"},
            "certificate_trade",
            id="trade without a certificate",
        ),
        pytest.param(
            {**MILITARY, "certificate_trade": "99999"}, "certificate_trade", id="unknown trade"
        ),
        pytest.param(
            with_tests({**AMBIGUOUS_TEF, "scale": "new"}),
            "language_tests[0].scale",
            id="unknown scale",
        ),
        pytest.param(
            with_tests({**AMBIGUOUS_TEF, "scale": "old", "reading": 350}),
            "language_tests[0].reading",
            id="old scale above its maximum",
        ),
        pytest.param(
            with_tests(
                {
                    **AMBIGUOUS_TEF,
                    "test": "tcf_canada",
                    "writing": 12,
                    "speaking": 12,
                    "scale": "old",
                }
            ),
            "language_tests[0].scale",
            id="a scale on TCF Canada",
        ),
        pytest.param(
            {**MILITARY, "military_service": {"start": "2014-03-01"}},
            "military_service.recognized",
            id="service: recognized missing",
        ),
        pytest.param(
            {**MILITARY, "military_service": {"recognized": True, "start": "2030-01-01"}},
            "military_service.start",
            id="service starting in the future",
        ),
        pytest.param(
            {
                **MILITARY,
                "military_service": {
                    "recognized": True,
                    "start": "2014-03-01",
                    "end": "2013-01-01",
                },
            },
            "military_service.end",
            id="service ending before it starts",
        ),
        pytest.param(
            {
                **MILITARY,
                "military_service": {"recognized": True, "start": "2014-03-01", "rank": "major"},
            },
            "military_service.rank",
            id="service: unknown field",
        ),
        pytest.param(
            {**MILITARY, "caf_offer": {"noc": "42102", "years": 2.5, "full_time": True}},
            "caf_offer.years",
            id="offer: years not whole",
        ),
        pytest.param(
            {**MILITARY, "caf_offer": {"noc": "42102", "full_time": True}},
            "caf_offer.years",
            id="offer: years missing",
        ),
        pytest.param(
            {**MILITARY, "caf_offer": {"noc": "4210", "years": 3, "full_time": True}},
            "caf_offer.noc",
            id="offer: bad occupation",
        ),
        pytest.param(
            {**MILITARY, "caf_offer": {"noc": "42102", "years": 3, "full_time": "yes"}},
            "caf_offer.full_time",
            id="offer: full_time not a boolean",
        ),
    ],
)
def test_bad_new_fields_are_reported_under_their_path(data: dict[str, Any], field: str) -> None:
    with pytest.raises(CandidateFormatError) as caught:
        parse_candidate(data, today=TODAY, known_nocs=known_nocs())
    assert field in caught.value.problems, caught.value.problems
