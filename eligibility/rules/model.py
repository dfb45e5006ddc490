"""The engine's inputs and outputs: frozen dataclasses, standard library only.

These names are the engine contract of DESIGN.md; Django code builds them in
`eligibility/adapters.py`, the candidate JSON format in `eligibility/candidate_json.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


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
    """Highest-credential ladder of the CRS grid (RULES.md §4.3), lowest first."""

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
    """How the tie-breaking rule applied to one candidate in one draw (RULES.md §6.2)."""

    NOT_NEEDED = "not_needed"  # score above or below the cut-off: submission time irrelevant
    WON = "won"  # at the cut-off, submitted at or before the tie-break time
    LOST = "lost"  # at the cut-off, submitted after the tie-break time
    UNKNOWN_SUBMISSION = "unknown_submission"  # at the cut-off, no submission time given
    NOT_PUBLISHED = "not_published"  # at the cut-off, the draw published no tie-break time


class ReasonStatus(StrEnum):
    MET = "met"  # a rule that passes
    UNMET = "unmet"  # a rule that fails
    NOTE = "note"  # information or a warning that does not decide the verdict


@dataclass(frozen=True, slots=True)
class Education:
    level: EducationLevel
    canadian: bool
    years: int  # length of the program in years (Canadian-education points, FSW adaptability)
    eca: bool  # a foreign credential counts only with an Educational Credential Assessment


@dataclass(frozen=True, slots=True)
class LanguageTest:
    test: TestKind
    taken_on: date
    listening: float
    reading: float
    writing: float
    speaking: float


@dataclass(frozen=True, slots=True)
class WorkPeriod:
    noc: str  # NOC 2021 unit group, five digits
    country: str  # "CA" or another ISO 3166 code
    start: date
    end: date | None  # None: still working there
    hours_per_week: float
    self_employed: bool = False
    full_time_student: bool = False
    authorized: bool = True  # held work authorization (matters for work in Canada)
    # Self-employed physician work in Canada paid by a provincial or territorial health plan
    # (RULES.md §5.5.1): the only self-employment that counts as Canadian experience
    fee_for_service_public: bool = False

    @property
    def teer(self) -> int:
        return int(self.noc[1])

    @property
    def in_canada(self) -> bool:
        return self.country == "CA"


@dataclass(frozen=True, slots=True)
class Spouse:
    accompanying: bool
    citizen_or_pr: bool
    education: tuple[Education, ...] = ()
    language_tests: tuple[LanguageTest, ...] = ()
    work: tuple[WorkPeriod, ...] = ()


@dataclass(frozen=True, slots=True)
class JobOffer:
    noc: str
    lmia_exempt_or_approved: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    birth_date: date
    marital_status: MaritalStatus = MaritalStatus.SINGLE
    spouse: Spouse | None = None
    education: tuple[Education, ...] = ()
    language_tests: tuple[LanguageTest, ...] = ()
    work: tuple[WorkPeriod, ...] = ()
    provincial_nomination: bool = False
    certificate_of_qualification: bool = False
    sibling_in_canada: bool = False
    job_offer: JobOffer | None = None
    settlement_funds_cad: int = 0
    family_size: int = 1
    pool_entry: datetime | None = None  # Express Entry profile submission time, UTC
    reported_crs: int | None = None  # the score IRCC shows, when the candidate gives it
    licensed_in_canada: bool = False  # licensed to practise medicine in a province or territory


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


@dataclass(frozen=True, slots=True)
class Reason:
    code: str  # stable, machine-readable
    message: str  # a sentence for people
    status: ReasonStatus = ReasonStatus.UNMET
    numbers: tuple[tuple[str, int | float | str], ...] = ()  # the figures behind the sentence
    passes_on: date | None = None  # UNMET only for lack of time: the day it would pass
    stops_on: date | None = None  # MET now: the first day it will stop passing


@dataclass(frozen=True, slots=True)
class Decision:
    eligible: bool
    reasons: tuple[Reason, ...]
    eligible_from: date | None = None  # failing now, passing from this date if jobs continue
    eligible_until: date | None = None  # passing now, failing from this date


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
    notes: tuple[Reason, ...] = field(default=())  # estimates, unverified rule sets, next change
    next_change_on: date | None = None  # the next day the score changes if nothing else does


@dataclass(frozen=True, slots=True)
class Outcome:
    number: str
    in_pool: bool
    eligible: bool  # for the round's program or category
    crs: int  # the score used for the comparison (reported one when given)
    computed_crs: int
    cutoff: int
    gap: int  # crs - cutoff
    tie_break: TieBreak
    invited: bool | None  # None: at the cut-off and the answer depends on the submission time
    reasons: tuple[Reason, ...]
