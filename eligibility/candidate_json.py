"""The candidate JSON format of DESIGN.md: parse it, write it back, and answer with a verdict.

Standard library and `eligibility.rules` only, so the command line, the API and the tests share
one implementation.

`parse_candidate` checks everything and reports every problem at once, keyed by the path of the
field (`birth_date`, `work[0].end`, `spouse.language_tests[1].reading`): unknown fields, wrong
types, unknown enum values, malformed dates, impossible scores, and the checks of
`eligibility.rules.validation`. Defaults, when a field is left out: `marital_status` "single",
lists empty, booleans false, `spouse` / `job_offer` / `pool_entry` / `reported_crs` null,
`settlement_funds_cad` 0, `family_size` 1, an education's `years` 0, `eca` false and
`eca_issued_on` null (the ECA's date, which only a credential with an ECA may have),
`certificate_trade` / `military_service` / `caf_offer` null, a language test's `scale` not stated.
`birth_date` is required, and so is every field of a job offer and of a CAF offer, every field
of a language test but `scale`, a military service's `recognized` and `start`, and a work
period's `noc`, `country`, `start`, `end` (null for a job still held) and `hours_per_week`;
`authorized` is required for work in Canada (docs/rules.md §8.8: unknown authorization must be
flagged, not assumed).

Cross-field checks: a `spouse` only for married or common-law, whose `family_size` must count the
partner (at least 2, docs/rules.md §2.1.4); `certificate_trade` exactly when
`certificate_of_qualification` is true (the points and FST depend on the trade); a `scale` only
on a TEF Canada result, and required on one whose scores fit both scales (docs/rules.md §3.3.4: the
candidate is asked, never guessed for).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from operator import attrgetter
from typing import Any, TypeVar

from eligibility.rules import (
    Ability,
    CafOffer,
    Candidate,
    CategoryRule,
    CrsBreakdown,
    Decision,
    DrawRule,
    Education,
    EducationLevel,
    Factor,
    JobOffer,
    LanguageTest,
    MaritalStatus,
    MilitaryService,
    Outcome,
    Reason,
    Spouse,
    TefScale,
    TestKind,
    WorkPeriod,
    birth_date_problem,
    caf_offer_years_problem,
    category_eligibility,
    country_problem,
    crs_score,
    draw_outcome,
    eca_date_problem,
    fee_for_service_problem,
    military_service_problems,
    noc_problem,
    pool_entry_problem,
    program_eligibility,
    scale_problem,
    score_problem,
    tef_scale_problems,
    test_date_problem,
    work_period_problems,
)
from eligibility.rules.improvements import Improvement, improvements
from eligibility.rules.model import WORK_PERIOD_FIELDS

E = TypeVar("E", bound=StrEnum)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MISSING: Any = object()
MAX_FAMILY_SIZE = 20
MAX_PROGRAM_YEARS = 15
PARTNERED = (MaritalStatus.MARRIED, MaritalStatus.COMMON_LAW)


class CandidateFormatError(ValueError):
    """The JSON does not describe a candidate; `problems` maps each field path to a message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        listing = "; ".join(f"{path}: {message}" for path, message in self.problems.items())
        super().__init__(f"Invalid candidate: {listing}")


class _Reader:
    """Reads values out of decoded JSON, recording a problem per bad field."""

    def __init__(self, today: date, known_nocs: Collection[str] | None) -> None:
        self.today = today
        self.known_nocs = known_nocs
        self.problems: dict[str, str] = {}

    def problem(self, path: str, message: str) -> None:
        self.problems.setdefault(path, message)

    def mapping(
        self, value: Any, path: str, fields: Iterable[str], required: Iterable[str] = ()
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(path or "(root)", "must be a JSON object")
            return None
        allowed = set(fields)
        for key in value:
            if key not in allowed:
                self.problem(_join(path, str(key)), "unknown field")
        for key in required:
            if key not in value:
                self.problem(_join(path, key), "required")
        return value

    def flag(self, data: dict[str, Any], key: str, path: str, default: bool = False) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.problem(_join(path, key), "must be true or false")
            return default
        return value

    def whole(
        self, data: dict[str, Any], key: str, path: str, default: int, low: int, high: int
    ) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                self.problem(_join(path, key), "must be a whole number")
                return default
        if not low <= value <= high:
            self.problem(_join(path, key), f"must be between {low:,} and {high:,}")
            return default
        return value

    def number(self, data: dict[str, Any], key: str, path: str) -> float | None:
        value = data.get(key, _MISSING)
        if value is _MISSING:
            return None  # reported as required by `object`
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(_join(path, key), "must be a number")
            return None
        return value

    def day(self, data: dict[str, Any], key: str, path: str, nullable: bool = False) -> Any:
        value = data.get(key, _MISSING)
        if value is _MISSING:
            return None
        if value is None:
            if not nullable:
                self.problem(_join(path, key), "must be a date (YYYY-MM-DD), not null")
            return None
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            self.problem(_join(path, key), "must be a date written YYYY-MM-DD")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.problem(_join(path, key), f"{value} is not a real date")
            return None

    def choice(self, data: dict[str, Any], key: str, path: str, kind: type[E], default: Any) -> Any:
        value = data.get(key, default)
        if value is _MISSING:
            return None
        if isinstance(value, kind):
            return value
        try:
            return kind(value)
        except (ValueError, TypeError):
            choices = "|".join(member.value for member in kind)
            self.problem(_join(path, key), f"must be one of {choices}")
            return None

    def sequence(self, data: dict[str, Any], key: str, path: str) -> list[Any]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.problem(_join(path, key), "must be a list")
            return []
        return value

    def noc(self, data: dict[str, Any], key: str, path: str) -> str | None:
        value = data.get(key, _MISSING)
        if value is _MISSING:
            return None
        problem = noc_problem(value, self.known_nocs) if isinstance(value, str) else None
        if not isinstance(value, str):
            problem = "must be a five-digit NOC 2021 code written as a string"
        if problem is not None:
            self.problem(_join(path, key), problem)
            return None
        return str(value)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


# --- reading -----------------------------------------------------------------------------------

EDUCATION_FIELDS = ("level", "canadian", "years", "eca", "eca_issued_on")
TEST_REQUIRED = ("test", "taken_on", "listening", "reading", "writing", "speaking")
TEST_FIELDS = (*TEST_REQUIRED, "scale")
WORK_FIELDS = WORK_PERIOD_FIELDS
SPOUSE_FIELDS = ("accompanying", "citizen_or_pr", "education", "language_tests", "work")
OFFER_FIELDS = ("noc", "lmia_exempt_or_approved")
MILITARY_FIELDS = ("recognized", "start", "end")
CAF_OFFER_FIELDS = ("noc", "years", "full_time")
CANDIDATE_FIELDS = (
    "birth_date",
    "marital_status",
    "spouse",
    "education",
    "language_tests",
    "work",
    "provincial_nomination",
    "certificate_of_qualification",
    "sibling_in_canada",
    "job_offer",
    "settlement_funds_cad",
    "family_size",
    "pool_entry",
    "reported_crs",
    "licensed_in_canada",
    "certificate_trade",
    "military_service",
    "caf_offer",
)


def _education(reader: _Reader, value: Any, path: str) -> Education | None:
    data = reader.mapping(value, path, EDUCATION_FIELDS, ("level", "canadian"))
    if data is None:
        return None
    level = reader.choice(data, "level", path, EducationLevel, _MISSING)
    canadian = reader.flag(data, "canadian", path)
    years = reader.whole(data, "years", path, 0, 0, MAX_PROGRAM_YEARS)
    eca = reader.flag(data, "eca", path)
    issued = reader.day(data, "eca_issued_on", path, nullable=True)
    if issued is not None:
        if not eca:
            reader.problem(_join(path, "eca_issued_on"), "only for a credential with an ECA")
        elif problem := eca_date_problem(issued, reader.today):
            reader.problem(_join(path, "eca_issued_on"), problem)
    if level is None:
        return None
    return Education(level, canadian, years, eca, issued)


def _language_test(reader: _Reader, value: Any, path: str) -> LanguageTest | None:
    data = reader.mapping(value, path, TEST_FIELDS, TEST_REQUIRED)
    if data is None:
        return None
    kind = reader.choice(data, "test", path, TestKind, _MISSING)
    stated = data.get("scale") is not None  # null: not stated, like a missing field
    scale = reader.choice(data, "scale", path, TefScale, None) if stated else None
    taken_on = reader.day(data, "taken_on", path)
    if taken_on is not None:
        problem = test_date_problem(taken_on, reader.today)
        if problem:
            reader.problem(_join(path, "taken_on"), problem)
    scores: dict[Ability, float] = {}
    for ability in Ability:
        score = reader.number(data, ability.value, path)
        if score is None:
            continue
        if kind is not None:
            problem = score_problem(kind, ability, score, taken_on)
            if problem:
                reader.problem(_join(path, ability.value), problem)
                continue
        scores[ability] = score
    if kind is not None:
        problem = scale_problem(kind, scale)
        if problem:
            reader.problem(_join(path, "scale"), problem)
        elif kind is TestKind.TEF_CANADA and taken_on is not None:
            for key, message in tef_scale_problems(taken_on, scores, scale).items():
                if key == "scale" and not stated:
                    message = f"required: {message[0].lower()}{message[1:]} (old or current)"
                reader.problem(_join(path, key), message)
    if kind is None or taken_on is None or len(scores) < 4:
        return None
    return LanguageTest(
        kind,
        taken_on,
        scores[Ability.LISTENING],
        scores[Ability.READING],
        scores[Ability.WRITING],
        scores[Ability.SPEAKING],
        scale,
    )


def _work(reader: _Reader, value: Any, path: str) -> WorkPeriod | None:
    data = reader.mapping(
        value, path, WORK_FIELDS, ("noc", "country", "start", "end", "hours_per_week")
    )
    if data is None:
        return None
    noc = reader.noc(data, "noc", path)
    country = data.get("country", _MISSING)
    if country is not _MISSING:
        problem = country_problem(country)
        if problem:
            reader.problem(_join(path, "country"), problem)
            country = _MISSING
    start = reader.day(data, "start", path)
    end = reader.day(data, "end", path, nullable=True)
    hours = reader.number(data, "hours_per_week", path)
    self_employed = reader.flag(data, "self_employed", path)
    student = reader.flag(data, "full_time_student", path)
    if country == "CA" and "authorized" not in data:
        reader.problem(_join(path, "authorized"), "required for work in Canada")
    authorized = reader.flag(data, "authorized", path, default=True)
    fee_for_service = reader.flag(data, "fee_for_service_public", path, default=False)
    if fee_for_service and noc is not None and country is not _MISSING:
        problem = fee_for_service_problem(noc, country, self_employed)
        if problem:
            reader.problem(_join(path, "fee_for_service_public"), problem)
    if start is not None and hours is not None:
        for key, message in work_period_problems(start, end, hours, reader.today).items():
            reader.problem(_join(path, key), message)
    if noc is None or country is _MISSING or start is None or hours is None:
        return None
    return WorkPeriod(
        noc, country, start, end, hours, self_employed, student, authorized, fee_for_service
    )


def _items(
    reader: _Reader, data: dict[str, Any], key: str, path: str, read: Any
) -> tuple[Any, ...]:
    items = []
    for index, value in enumerate(reader.sequence(data, key, path)):
        item = read(reader, value, f"{_join(path, key)}[{index}]")
        if item is not None:
            items.append(item)
    return tuple(items)


def _spouse(reader: _Reader, value: Any) -> Spouse | None:
    data = reader.mapping(value, "spouse", SPOUSE_FIELDS, ("accompanying", "citizen_or_pr"))
    if data is None:
        return None
    return Spouse(
        accompanying=reader.flag(data, "accompanying", "spouse"),
        citizen_or_pr=reader.flag(data, "citizen_or_pr", "spouse"),
        education=_items(reader, data, "education", "spouse", _education),
        language_tests=_items(reader, data, "language_tests", "spouse", _language_test),
        work=_items(reader, data, "work", "spouse", _work),
    )


def _job_offer(reader: _Reader, value: Any) -> JobOffer | None:
    data = reader.mapping(value, "job_offer", OFFER_FIELDS, OFFER_FIELDS)
    if data is None:
        return None
    noc = reader.noc(data, "noc", "job_offer")
    lmia = reader.flag(data, "lmia_exempt_or_approved", "job_offer")
    return JobOffer(noc, lmia) if noc is not None else None


def _military_service(reader: _Reader, value: Any) -> MilitaryService | None:
    path = "military_service"
    data = reader.mapping(value, path, MILITARY_FIELDS, ("recognized", "start"))
    if data is None:
        return None
    recognized = reader.flag(data, "recognized", path)
    start = reader.day(data, "start", path)
    end = reader.day(data, "end", path, nullable=True)
    if start is None:
        return None
    for key, message in military_service_problems(start, end, reader.today).items():
        reader.problem(_join(path, key), message)
    return MilitaryService(recognized, start, end)


def _caf_offer(reader: _Reader, value: Any) -> CafOffer | None:
    path = "caf_offer"
    data = reader.mapping(value, path, CAF_OFFER_FIELDS, CAF_OFFER_FIELDS)
    if data is None:
        return None
    noc = reader.noc(data, "noc", path)
    years = data.get("years", _MISSING)
    if years is not _MISSING:
        problem = caf_offer_years_problem(years)
        if problem:
            reader.problem(_join(path, "years"), problem)
            years = _MISSING
    full_time = reader.flag(data, "full_time", path)
    if noc is None or years is _MISSING:
        return None
    return CafOffer(noc, years, full_time)


def _certificate_trade(reader: _Reader, top: dict[str, Any], certificate: bool) -> str | None:
    if top.get("certificate_trade") is None:
        if certificate:
            reader.problem(
                "certificate_trade",
                "required when certificate_of_qualification is true: the trade (NOC 2021 code) "
                "of the certificate, on which its points depend",
            )
        return None
    if not certificate:
        reader.problem(
            "certificate_trade", "must be null unless certificate_of_qualification is true"
        )
        return None
    return reader.noc(top, "certificate_trade", "")


def _timestamp(reader: _Reader, value: Any, path: str) -> datetime | None:
    if value is None:
        return None
    moment = None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
    if moment is None:
        reader.problem(path, "must be an ISO 8601 timestamp, e.g. 2026-01-03T03:25:14Z")
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        reader.problem(path, "must give the time zone (Z for UTC, or an offset like +02:00)")
        return None
    moment = moment.astimezone(UTC)
    if problem := pool_entry_problem(moment.date(), reader.today):
        reader.problem(path, f"{problem} ({moment.isoformat()})")
        return None
    return moment


def parse_candidate(
    data: object, *, today: date, known_nocs: Collection[str] | None = None
) -> Candidate:
    """The `Candidate` described by decoded JSON, or `CandidateFormatError` with every problem."""
    reader = _Reader(today, known_nocs)
    top = reader.mapping(data, "", CANDIDATE_FIELDS, ("birth_date",))
    if top is None:
        raise CandidateFormatError(reader.problems)
    birth_date = reader.day(top, "birth_date", "")
    if birth_date is not None:
        problem = birth_date_problem(birth_date, today)
        if problem:
            reader.problem("birth_date", problem)
    marital = reader.choice(top, "marital_status", "", MaritalStatus, MaritalStatus.SINGLE)
    spouse_value = top.get("spouse")
    spouse = _spouse(reader, spouse_value) if spouse_value is not None else None
    if spouse_value is not None and marital is not None and marital not in PARTNERED:
        reader.problem("spouse", "must be null unless marital_status is married or common_law")
    family_size = reader.whole(top, "family_size", "", 1, 1, MAX_FAMILY_SIZE)
    if marital in PARTNERED and family_size < 2:
        reader.problem(
            "family_size",
            "must count your spouse or partner (at least 2) when married or common-law",
        )
    offer_value = top.get("job_offer")
    certificate = reader.flag(top, "certificate_of_qualification", "")
    military_value, caf_value = top.get("military_service"), top.get("caf_offer")
    candidate = Candidate(
        birth_date=birth_date or date.min,
        marital_status=marital or MaritalStatus.SINGLE,
        spouse=spouse,
        education=_items(reader, top, "education", "", _education),
        language_tests=_items(reader, top, "language_tests", "", _language_test),
        work=_items(reader, top, "work", "", _work),
        provincial_nomination=reader.flag(top, "provincial_nomination", ""),
        certificate_of_qualification=certificate,
        sibling_in_canada=reader.flag(top, "sibling_in_canada", ""),
        licensed_in_canada=reader.flag(top, "licensed_in_canada", ""),
        job_offer=_job_offer(reader, offer_value) if offer_value is not None else None,
        settlement_funds_cad=reader.whole(top, "settlement_funds_cad", "", 0, 0, 10**9),
        family_size=family_size,
        pool_entry=_timestamp(reader, top.get("pool_entry"), "pool_entry"),
        reported_crs=(
            reader.whole(top, "reported_crs", "", 0, 0, 1200)
            if top.get("reported_crs") is not None
            else None
        ),
        certificate_trade=_certificate_trade(reader, top, certificate),
        military_service=(
            _military_service(reader, military_value) if military_value is not None else None
        ),
        caf_offer=_caf_offer(reader, caf_value) if caf_value is not None else None,
    )
    if reader.problems:
        raise CandidateFormatError(reader.problems)
    return candidate


# --- writing -----------------------------------------------------------------------------------


def _education_json(entry: Education) -> dict[str, Any]:
    return {
        "level": entry.level.value,
        "canadian": entry.canadian,
        "years": entry.years,
        "eca": entry.eca,
        "eca_issued_on": _day(entry.eca_issued_on),
    }


def _test_json(test: LanguageTest) -> dict[str, Any]:
    return {
        "test": test.test.value,
        "taken_on": test.taken_on.isoformat(),
        "listening": test.listening,
        "reading": test.reading,
        "writing": test.writing,
        "speaking": test.speaking,
        **({"scale": test.scale.value} if test.scale is not None else {}),
    }


_WORK_VALUES = attrgetter(*WORK_FIELDS)


def _work_json(period: WorkPeriod) -> dict[str, Any]:
    return {
        **dict(zip(WORK_FIELDS, _WORK_VALUES(period), strict=True)),
        "start": period.start.isoformat(),
        "end": period.end.isoformat() if period.end is not None else None,
    }


def candidate_to_json(candidate: Candidate) -> dict[str, Any]:
    """The JSON form of a candidate (`parse_candidate` reads it back to an equal candidate)."""
    spouse = candidate.spouse
    offer = candidate.job_offer
    service = candidate.military_service
    caf_offer = candidate.caf_offer
    return {
        "birth_date": candidate.birth_date.isoformat(),
        "marital_status": candidate.marital_status.value,
        "spouse": None
        if spouse is None
        else {
            "accompanying": spouse.accompanying,
            "citizen_or_pr": spouse.citizen_or_pr,
            "education": [_education_json(e) for e in spouse.education],
            "language_tests": [_test_json(t) for t in spouse.language_tests],
            "work": [_work_json(w) for w in spouse.work],
        },
        "education": [_education_json(e) for e in candidate.education],
        "language_tests": [_test_json(t) for t in candidate.language_tests],
        "work": [_work_json(w) for w in candidate.work],
        "provincial_nomination": candidate.provincial_nomination,
        "certificate_of_qualification": candidate.certificate_of_qualification,
        "sibling_in_canada": candidate.sibling_in_canada,
        "licensed_in_canada": candidate.licensed_in_canada,
        "job_offer": None
        if offer is None
        else {"noc": offer.noc, "lmia_exempt_or_approved": offer.lmia_exempt_or_approved},
        "settlement_funds_cad": candidate.settlement_funds_cad,
        "family_size": candidate.family_size,
        "pool_entry": _instant(candidate.pool_entry),
        "reported_crs": candidate.reported_crs,
        "certificate_trade": candidate.certificate_trade,
        "military_service": None
        if service is None
        else {
            "recognized": service.recognized,
            "start": service.start.isoformat(),
            "end": _day(service.end),
        },
        "caf_offer": None
        if caf_offer is None
        else {"noc": caf_offer.noc, "years": caf_offer.years, "full_time": caf_offer.full_time},
    }


def _instant(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


@dataclass(frozen=True)
class Words:
    """How the verdict words the engine's reasons, factors and improvements. The engine's own
    English by default; the site passes the reader's language (eligibility.reason_text), which
    this module, pure like the engine, does not import."""

    reason: Callable[[Reason], str] = attrgetter("message")
    factor: Callable[[Factor], str] = attrgetter("label")
    improvement: Callable[[Improvement], str] = attrgetter("label")


ENGINE_WORDS = Words()


def reason_json(reason: Reason, words: Words = ENGINE_WORDS) -> dict[str, Any]:
    return {
        "code": reason.code,
        "message": words.reason(reason),
        "status": reason.status.value,
        "numbers": dict(reason.numbers),
        "passes_on": _day(reason.passes_on),
        "stops_on": _day(reason.stops_on),
    }


def decision_json(decision: Decision, words: Words = ENGINE_WORDS) -> dict[str, Any]:
    return {
        "eligible": decision.eligible,
        "reasons": [reason_json(reason, words) for reason in decision.reasons],
        "eligible_from": _day(decision.eligible_from),
        "eligible_until": _day(decision.eligible_until),
    }


def crs_json(breakdown: CrsBreakdown, words: Words = ENGINE_WORDS) -> dict[str, Any]:
    return {
        "total": breakdown.total,
        "core": breakdown.core,
        "spouse": breakdown.spouse,
        "transferability": breakdown.transferability,
        "additional": breakdown.additional,
        "factors": [
            {"code": factor.code, "label": words.factor(factor), "points": factor.points}
            for factor in breakdown.factors
        ],
        "notes": [reason_json(reason, words) for reason in breakdown.notes],
        "next_change_on": _day(breakdown.next_change_on),
    }


def outcome_json(outcome: Outcome, draw: DrawRule, words: Words = ENGINE_WORDS) -> dict[str, Any]:
    return {
        "number": outcome.number,
        "held_on": draw.held_on.isoformat(),
        "held_at": _instant(draw.held_at),
        "in_pool": outcome.in_pool,
        "eligible": outcome.eligible,
        "crs": outcome.crs,
        "computed_crs": outcome.computed_crs,
        "cutoff": outcome.cutoff,
        "gap": outcome.gap,
        "tie_break": outcome.tie_break.value,
        "tie_break_at": _instant(draw.tie_break),
        "invited": outcome.invited,
        "reasons": [reason_json(reason, words) for reason in outcome.reasons],
    }


def improvement_json(item: Improvement, words: Words = ENGINE_WORDS) -> dict[str, Any]:
    return {
        "code": item.code,
        "label": words.improvement(item),
        "gain": item.gain,
        "new_crs": item.new_crs,
        "possible_from": item.possible_from.isoformat(),
    }


def verdict_json(
    candidate: Candidate,
    on: date,
    categories: Iterable[CategoryRule],
    draw: DrawRule | None = None,
    with_improvements: bool = False,
    words: Words = ENGINE_WORDS,
) -> dict[str, Any]:
    """DESIGN.md's verdict; with a draw, everything is evaluated on the draw's date. With
    `with_improvements`, also the single changes that raise the score on that date
    (docs/rules.md §4.11), largest gain first."""
    if draw is not None:
        on = draw.held_on
    verdict: dict[str, Any] = {
        "on": on.isoformat(),
        "crs": crs_json(crs_score(candidate, on), words),
        "programs": {
            program.value: decision_json(decision, words)
            for program, decision in program_eligibility(candidate, on).items()
        },
        "categories": {
            category.slug: decision_json(category_eligibility(candidate, category, on), words)
            for category in categories
        },
    }
    if draw is not None:
        verdict["draw"] = outcome_json(draw_outcome(candidate, draw), draw, words)
    if with_improvements:
        found = improvements(candidate, on)
        verdict["improvements"] = [improvement_json(item, words) for item in found]
    return verdict
