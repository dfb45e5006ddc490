"""The engine's inputs and outputs: immutable dataclasses, standard library only.

These names are the engine contract of DESIGN.md; Django code builds them in
`eligibility/adapters.py`, the candidate JSON format in `eligibility/candidate_json.py`.

Most are frozen dataclasses. The ones built for every candidate of a run (a candidate's
entries, its reasons, decision and outcome) are `value` classes instead: dataclasses whose
fields are `Final` and whose `__init__` is written out. A frozen dataclass sets each field in a
generated, interpreted `__init__` through `object.__setattr__`, about 0.75 us for a Reason and
in all about a seventh of a worker's time in `bench_reevaluate`; compiled by mypyc, a written
`__init__` stores the fields directly, in a twentieth of that. They stay immutable in both
builds: mypy refuses any assignment to a Final field; compiled, a class has no setter for one
(assigning raises AttributeError); run as Python source, each class gets a `__setattr__` that
sets a field once, in `__init__`, and then raises FrozenInstanceError (an AttributeError), as a
frozen dataclass does (`_freeze_value_classes`, at the end). They compare and hash by value like
frozen dataclasses (`unsafe_hash` only because `frozen` is off). `tests/rules/test_model.py`
checks that each `__init__` takes the fields in their order, and immutability in both builds.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from types import FunctionType
from typing import Final


class Program(StrEnum):
    FSW = "fsw"
    CEC = "cec"
    FST = "fst"


class MaritalStatus(StrEnum):
    SINGLE = "single"
    MARRIED = "married"
    COMMON_LAW = "common_law"
    SEPARATED = "separated"
    DIVORCED = "divorced"
    WIDOWED = "widowed"
    ANNULLED = "annulled"


class EducationLevel(StrEnum):
    """Highest-credential ladder of the CRS grid (docs/rules.md §4.3), lowest first."""

    NONE = "none"
    SECONDARY = "secondary"
    ONE_YEAR = "one_year"
    TWO_YEAR = "two_year"
    BACHELORS = "bachelors"
    TWO_OR_MORE = "two_or_more"
    MASTERS = "masters"  # includes an entry-to-practice professional degree (MD, law, ...)
    DOCTORAL = "doctoral"


class TestKind(StrEnum):
    IELTS_GENERAL = "ielts_general"
    CELPIP_GENERAL = "celpip_general"
    PTE_CORE = "pte_core"
    TEF_CANADA = "tef_canada"
    TCF_CANADA = "tcf_canada"


class TefScale(StrEnum):
    """The two score scales of TEF Canada results (docs/rules.md §3.3.4)."""

    OLD = "old"  # listening 0-360, reading 0-300, writing and speaking 0-450
    CURRENT = "current"  # 0-699 in every ability (tests from 2019-10-01)


class Ability(StrEnum):
    LISTENING = "listening"
    READING = "reading"
    WRITING = "writing"
    SPEAKING = "speaking"


class RoundType(StrEnum):
    GENERAL = "general"
    CEC = "cec"
    FSW = "fsw"
    FST = "fst"
    PNP = "pnp"
    CATEGORY = "category"


class TieBreak(StrEnum):
    """How the tie-breaking rule applied to one candidate in one draw (docs/rules.md §6.2)."""

    NOT_NEEDED = "not_needed"  # score above or below the cut-off: submission time irrelevant
    WON = "won"  # at the cut-off, submitted at or before the tie-break time
    LOST = "lost"  # at the cut-off, submitted after the tie-break time
    UNKNOWN_SUBMISSION = "unknown_submission"  # at the cut-off, no submission time given
    NOT_PUBLISHED = "not_published"  # at the cut-off, the draw published no tie-break time


class ReasonStatus(StrEnum):
    MET = "met"  # a rule that passes
    UNMET = "unmet"  # a rule that fails
    NOTE = "note"  # information or a warning that does not decide the verdict


@dataclass(slots=True, unsafe_hash=True, init=False)  # a value class: see the module's docstring
class Education:
    level: Final[EducationLevel]
    canadian: Final[bool]
    years: Final[
        int
    ]  # length of the program in years (Canadian-education points, FSW adaptability)
    eca: Final[bool]  # a foreign credential counts only with an Educational Credential Assessment
    # When the ECA was issued: it is valid five years (docs/rules.md §8.6); None: not recorded,
    # and then its validity is not checked
    eca_issued_on: Final[date | None]

    def __init__(
        self,
        level: EducationLevel,
        canadian: bool,
        years: int,
        eca: bool,
        eca_issued_on: date | None = None,
    ) -> None:
        self.level = level
        self.canadian = canadian
        self.years = years
        self.eca = eca
        self.eca_issued_on = eca_issued_on


@dataclass(slots=True, unsafe_hash=True, init=False)  # a value class
class LanguageTest:
    test: Final[TestKind]
    taken_on: Final[date]
    listening: Final[float]
    reading: Final[float]
    writing: Final[float]
    speaking: Final[float]
    # TEF Canada only: the scale the scores are on, as the candidate stated it; None when not
    # stated (then decided from the date and the scores where they allow only one scale)
    scale: Final[TefScale | None]

    def __init__(
        self,
        test: TestKind,
        taken_on: date,
        listening: float,
        reading: float,
        writing: float,
        speaking: float,
        scale: TefScale | None = None,
    ) -> None:
        self.test = test
        self.taken_on = taken_on
        self.listening = listening
        self.reading = reading
        self.writing = writing
        self.speaking = speaking
        self.scale = scale


@dataclass(slots=True, unsafe_hash=True, init=False)  # a value class
class WorkPeriod:
    noc: Final[str]  # NOC 2021 unit group, five digits
    country: Final[str]  # "CA" or another ISO 3166 code
    start: Final[date]
    end: Final[date | None]  # None: still working there
    hours_per_week: Final[float]
    self_employed: Final[bool]
    full_time_student: Final[bool]
    authorized: Final[bool]  # held work authorization (matters for work in Canada)
    # Self-employed physician work in Canada paid by a provincial or territorial health plan
    # (docs/rules.md §5.5.1): the only self-employment that counts as Canadian experience
    fee_for_service_public: Final[bool]

    def __init__(
        self,
        noc: str,
        country: str,
        start: date,
        end: date | None,
        hours_per_week: float,
        self_employed: bool = False,
        full_time_student: bool = False,
        authorized: bool = True,
        fee_for_service_public: bool = False,
    ) -> None:
        self.noc = noc
        self.country = country
        self.start = start
        self.end = end
        self.hours_per_week = hours_per_week
        self.self_employed = self_employed
        self.full_time_student = full_time_student
        self.authorized = authorized
        self.fee_for_service_public = fee_for_service_public

    @property
    def teer(self) -> int:
        return int(self.noc[1])

    @property
    def in_canada(self) -> bool:
        return self.country == "CA"


#: The work-period fields, in order: the one list of them. The candidate JSON's keys are these;
#: the columns of profiles' WorkExperience (`eligibility.adapters.WORK_COLUMNS`), the profile
#: form's fields and the bulk read (`eligibility.selectors`) derive from it.
WORK_PERIOD_FIELDS: Final = tuple(field.name for field in fields(WorkPeriod))


@dataclass(slots=True, unsafe_hash=True, init=False)  # a value class
class Spouse:
    accompanying: Final[bool]
    citizen_or_pr: Final[bool]
    education: Final[tuple[Education, ...]]
    language_tests: Final[tuple[LanguageTest, ...]]
    work: Final[tuple[WorkPeriod, ...]]

    def __init__(
        self,
        accompanying: bool,
        citizen_or_pr: bool,
        education: tuple[Education, ...] = (),
        language_tests: tuple[LanguageTest, ...] = (),
        work: tuple[WorkPeriod, ...] = (),
    ) -> None:
        self.accompanying = accompanying
        self.citizen_or_pr = citizen_or_pr
        self.education = education
        self.language_tests = language_tests
        self.work = work


@dataclass(frozen=True, slots=True)
class JobOffer:
    noc: str
    lmia_exempt_or_approved: bool


@dataclass(frozen=True, slots=True)
class MilitaryService:
    """Service in a foreign military (the skilled military recruits category, docs/rules.md §5.5.4).

    `start` is the first day of the current unbroken period of service, so the years of
    continuous service on a date follow from it; `end` is its last day (None: still serving).
    """

    recognized: bool  # a military the Canadian Armed Forces recognize (FSMA), as stated
    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True)
class CafOffer:
    """An offer of employment from the Canadian Armed Forces, made by the Canadian Forces
    Recruiting Group (docs/rules.md §5.5.4)."""

    noc: str  # NOC 2021 unit group of the offered position
    years: int  # length of the continuous work offered, whole years
    full_time: bool


@dataclass(slots=True, unsafe_hash=True, init=False)  # a value class
class Candidate:
    birth_date: Final[date]
    marital_status: Final[MaritalStatus]
    spouse: Final[Spouse | None]
    education: Final[tuple[Education, ...]]
    language_tests: Final[tuple[LanguageTest, ...]]
    work: Final[tuple[WorkPeriod, ...]]
    provincial_nomination: Final[bool]
    certificate_of_qualification: Final[bool]
    sibling_in_canada: Final[bool]
    job_offer: Final[JobOffer | None]
    settlement_funds_cad: Final[int]
    family_size: Final[int]
    pool_entry: Final[datetime | None]  # Express Entry profile submission time, UTC
    reported_crs: Final[int | None]  # the score IRCC shows, when the candidate gives it
    licensed_in_canada: Final[bool]  # licensed to practise medicine in a province or territory
    # The trade (NOC 2021) of the certificate of qualification; None: not recorded
    certificate_trade: Final[str | None]
    military_service: Final[MilitaryService | None]
    caf_offer: Final[CafOffer | None]

    def __init__(
        self,
        birth_date: date,
        marital_status: MaritalStatus = MaritalStatus.SINGLE,
        spouse: Spouse | None = None,
        education: tuple[Education, ...] = (),
        language_tests: tuple[LanguageTest, ...] = (),
        work: tuple[WorkPeriod, ...] = (),
        provincial_nomination: bool = False,
        certificate_of_qualification: bool = False,
        sibling_in_canada: bool = False,
        job_offer: JobOffer | None = None,
        settlement_funds_cad: int = 0,
        family_size: int = 1,
        pool_entry: datetime | None = None,
        reported_crs: int | None = None,
        licensed_in_canada: bool = False,
        certificate_trade: str | None = None,
        military_service: MilitaryService | None = None,
        caf_offer: CafOffer | None = None,
    ) -> None:
        self.birth_date = birth_date
        self.marital_status = marital_status
        self.spouse = spouse
        self.education = education
        self.language_tests = language_tests
        self.work = work
        self.provincial_nomination = provincial_nomination
        self.certificate_of_qualification = certificate_of_qualification
        self.sibling_in_canada = sibling_in_canada
        self.job_offer = job_offer
        self.settlement_funds_cad = settlement_funds_cad
        self.family_size = family_size
        self.pool_entry = pool_entry
        self.reported_crs = reported_crs
        self.licensed_in_canada = licensed_in_canada
        self.certificate_trade = certificate_trade
        self.military_service = military_service
        self.caf_offer = caf_offer


@dataclass(frozen=True, slots=True)
class CategoryRule:
    """One version of a category, as data (the `draws.Category` row it was built from)."""

    slug: str
    name: str
    occupations: frozenset[str] = frozenset()  # empty: no occupation requirement
    months_required: int = 0  # full-time-equivalent months in one listed occupation
    continuous: bool = False  # the months must form one unbroken period
    window_years: int = 3  # look-back window ending on the evaluation date
    canada_only: bool = False
    min_french_nclc: int | None = None  # every French ability at or above this NCLC
    other_conditions: tuple[str, ...] = ()  # conditions a profile does not record
    valid_from: date | None = None
    valid_to: date | None = None
    #: The highest credential that counts (Canadian, or foreign with an ECA) must be at least this
    min_education: EducationLevel | None = None
    #: Years of continuous service in a recognized foreign military, still serving (0: none)
    military_service_years: int = 0
    #: An offer from the Canadian Armed Forces in one of these occupations (empty: no offer
    #: needed), full-time and for at least `caf_offer_min_years` years
    caf_offer_occupations: frozenset[str] = frozenset()
    caf_offer_min_years: int = 0


@dataclass(frozen=True, slots=True)
class DrawRule:
    number: str
    held_on: date  # the round's date: selects every rule table
    held_at: datetime  # the round's instant (UTC): pool membership
    round_type: RoundType
    cutoff: int
    invitations: int
    tie_break: datetime | None = None
    category: CategoryRule | None = None


Numbers = tuple[tuple[str, int | float | str], ...]


@dataclass(slots=True, unsafe_hash=True, init=False)  # a value class
class Reason:
    code: Final[str]  # stable, machine-readable
    message: Final[str]  # a sentence for people
    status: Final[ReasonStatus]
    numbers: Final[Numbers]  # the figures behind the sentence
    passes_on: Final[date | None]  # UNMET only for lack of time: the day it would pass
    stops_on: Final[date | None]  # MET now: the first day it will stop passing

    def __init__(
        self,
        code: str,
        message: str,
        status: ReasonStatus = ReasonStatus.UNMET,
        numbers: Numbers = (),
        passes_on: date | None = None,
        stops_on: date | None = None,
    ) -> None:
        self.code = code
        self.message = message
        self.status = status
        self.numbers = numbers
        self.passes_on = passes_on
        self.stops_on = stops_on


@dataclass(slots=True, unsafe_hash=True, init=False)  # a value class
class Decision:
    eligible: Final[bool]
    reasons: Final[tuple[Reason, ...]]
    eligible_from: Final[date | None]  # failing now, passing from this date if jobs continue
    eligible_until: Final[date | None]  # passing now, failing from this date

    def __init__(
        self,
        eligible: bool,
        reasons: tuple[Reason, ...],
        eligible_from: date | None = None,
        eligible_until: date | None = None,
    ) -> None:
        self.eligible = eligible
        self.reasons = reasons
        self.eligible_from = eligible_from
        self.eligible_until = eligible_until


@dataclass(frozen=True, slots=True)
class Factor:
    code: str
    label: str
    points: int


@dataclass(frozen=True, slots=True)
class CrsBreakdown:
    total: int
    core: int  # A: core / human capital
    spouse: int  # B: spouse or partner factors
    transferability: int  # C: skill transferability
    additional: int  # D: additional points
    factors: tuple[Factor, ...]
    notes: tuple[Reason, ...] = ()  # estimates, unverified rule sets, next change
    next_change_on: date | None = None  # the next day the score changes if nothing else does


@dataclass(slots=True, unsafe_hash=True, init=False)  # a value class
class Outcome:
    number: Final[str]
    in_pool: Final[bool]
    eligible: Final[bool]  # for the round's program or category
    crs: Final[int]  # the score used for the comparison (reported one when given)
    computed_crs: Final[int]
    cutoff: Final[int]
    gap: Final[int]  # crs - cutoff
    tie_break: Final[TieBreak]
    invited: Final[
        bool | None
    ]  # None: at the cut-off and the answer depends on the submission time
    reasons: Final[tuple[Reason, ...]]

    def __init__(
        self,
        number: str,
        in_pool: bool,
        eligible: bool,
        crs: int,
        computed_crs: int,
        cutoff: int,
        gap: int,
        tie_break: TieBreak,
        invited: bool | None,
        reasons: tuple[Reason, ...],
    ) -> None:
        self.number = number
        self.in_pool = in_pool
        self.eligible = eligible
        self.crs = crs
        self.computed_crs = computed_crs
        self.cutoff = cutoff
        self.gap = gap
        self.tie_break = tie_break
        self.invited = invited
        self.reasons = reasons


def _set_once(instance: object, name: str, value: object) -> None:
    """A value class's `__setattr__` in the Python build: `__init__` sets each field once."""
    if hasattr(instance, name):
        raise FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(instance, name, value)


def _refuse_delete(instance: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


VALUE_CLASSES: Final = (
    Education,
    LanguageTest,
    WorkPeriod,
    Spouse,
    Candidate,
    Reason,
    Decision,
    Outcome,
)


def _freeze_value_classes() -> None:
    """Make the value classes immutable when this module runs as Python source. Compiled, its
    functions are not Python functions, the fields have no setters already, and a compiled
    class takes no new methods."""
    if not isinstance(_set_once, FunctionType):
        return
    for cls in VALUE_CLASSES:
        # setattr: mypy refuses an assignment to a method
        setattr(cls, "__setattr__", _set_once)  # noqa: B010
        setattr(cls, "__delattr__", _refuse_delete)  # noqa: B010


_freeze_value_classes()
