"""The three programs' minimum entry criteria: FSW, CEC and FST (docs/rules.md §2).

`program_eligibility` lists every rule of every program, met or not, so a candidate sees all
that is missing. Interpretations, beyond those of `fsw`, `checks` and `facts`:

- CEC language (docs/rules.md §2.2 [INTERPRETATION]): CLB 7 when the qualifying Canadian work in the
  window is only TEER 0/1; CLB 5 as soon as TEER 2/3 work contributes (any of it in the window).
  Mixed cases carry a NOTE for review. With no Canadian work at all, CLB 5 is shown as the
  minimum with a remark that TEER 0/1 work needs CLB 7 (the experience rule fails anyway).
  The minimum is therefore time-driven too: on the day the last TEER 2/3 work leaves the
  3-year window while TEER 0/1 work remains, it rises to CLB 7, and the language rule's
  `stops_on` says so (a CLB 6 result stops passing that day).
- FST experience: 3,120 h in ONE eligible trade ("in the skilled trade", IRPR 87.2), not summed
  across trades [INTERPRETATION]. A job offer (with an LMIA or exemption) and a certificate of
  qualification each count only in their own trade (docs/rules.md §2.1.2, §2.3 FST-3), so the
  experience is measured in the trade of the offer or of the certificate, whichever has more.
  A certificate counts when its trade is recorded and is an eligible trade; one whose trade is
  not recorded counts for nothing, and the rule says to add the trade.
- Living outside Quebec (all three programs) is not recorded and is assumed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache

from . import codes
from .checks import FundsCheck, LanguageCheck
from .dates import add_years, window_start, window_start_ordinal
from .facts import Facts, physician_work_notes
from .fsw import FswAssessment, explain_fsw
from .fsw import education_reason as fsw_education_reason
from .fsw import experience_reason as fsw_experience_reason
from .fsw import points_reason as fsw_points_reason
from .hours import pools_pass_from, pools_pass_until, units, window_total
from .model import Candidate, Decision, JobOffer, Numbers, Program, Reason
from .reasons import decide, hours_text, hours_value, note, project, rule
from .tables import (
    CEC_WINDOW_YEARS,
    FST_HOURS,
    FST_WINDOW_YEARS,
    FSW_PASS_MARK,
    NOC_2021_FROM,
    UNITS_PER_HOUR,
    YEAR_UNITS,
    is_fst_trade,
)

FST_MINIMUM = (5, 4, 4, 5)  # listening, reading, writing, speaking
CEC_HIGHER = (7, 7, 7, 7)  # the CEC minimum when the experience is TEER 0/1 only
FST_UNITS = FST_HOURS * UNITS_PER_HOUR
PROGRAM_NAMES = {
    Program.FSW: "Federal Skilled Worker",
    Program.CEC: "Canadian Experience Class",
    Program.FST: "Federal Skilled Trades",
}


def fst_offer(offer: JobOffer | None, on: date) -> bool:
    return offer is not None and offer.lmia_exempt_or_approved and is_fst_trade(offer.noc, on)


def fst_certificate(candidate: Candidate, on: date) -> bool:
    """A certificate of qualification in a recorded, eligible trade (docs/rules.md §2.3 FST-3)."""
    trade = candidate.certificate_trade
    return candidate.certificate_of_qualification and trade is not None and is_fst_trade(trade, on)


# --- CEC -------------------------------------------------------------------------------------


class CecAssessment:
    """CEC's numbers and verdict; the language check waits until the hours pass or an
    explanation asks (most profiles fail on the hours)."""

    __slots__ = ("_language", "eligible", "facts", "level", "mixed", "no_work", "units")

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self._language: LanguageCheck | None = None
        self.units = facts.canadian_units(CEC_WINDOW_YEARS)
        self.no_work = self.units == 0
        if self.no_work:
            self.level, self.mixed = 5, False
        else:
            teer01 = facts.canadian_units_teer01(CEC_WINDOW_YEARS)
            first = facts.window_start_ordinal(CEC_WINDOW_YEARS)
            teer23 = any(
                teer >= 2 and start <= facts.on_ord and (end is None or end >= first)
                for (start, end, _), teer in facts.work.canadian
            )
            self.level = 5 if teer23 or teer01 == 0 else 7
            self.mixed = teer23 and teer01 > 0
        self.eligible = self.units >= YEAR_UNITS and self.language.passed

    @property
    def language(self) -> LanguageCheck:
        if self._language is None:
            level = self.level
            self._language = LanguageCheck(self.facts.tests, (level, level, level, level))
        return self._language

    def minimum_rises_on(self) -> date | None:
        """The first day after the date on which the minimum rises from CLB 5 to CLB 7: no
        TEER 2/3 work is left in the 3-year window while TEER 0/1 work still is (None: not
        while nothing else changes).

        A TEER 2/3 period keeps CLB 5 from its first day until the day its last day leaves the
        window; the first day after the date covered by none of these spans is the candidate.
        """
        if self.level != 5 or self.no_work:
            return None
        facts = self.facts
        spans: list[tuple[int, int | None]] = []  # (first day, first day no longer in window)
        for (start, end, _), teer in facts.work.canadian:
            if teer >= 2:
                spans.append((start, None if end is None else _leaves_window(end)))
        day = facts.on_ord + 1
        for start, leaves in sorted(spans):
            if start > day:
                break
            if leaves is None:
                return None
            day = max(day, leaves)
        first = window_start_ordinal(day, CEC_WINDOW_YEARS)
        teer01 = [segment for segment, teer in facts.work.canadian if teer <= 1]
        if units(teer01, first, day) == 0:  # no Canadian work left at all: experience fails
            return None
        return date.fromordinal(day)

    def language_reason(self, suffix: str = "") -> Reason:
        rises_on = self.minimum_rises_on()
        if rises_on is None:
            return self.language.reason(codes.CEC_LANGUAGE, suffix)
        suffix += (
            f" (CLB 7 from {rises_on.isoformat()}, when your TEER 2/3 work leaves the "
            f"{CEC_WINDOW_YEARS}-year window)"
        )
        return self.language.reason(codes.CEC_LANGUAGE, suffix, raised=(rises_on, CEC_HIGHER))


def _leaves_window(last: int) -> int:
    """The first day whose 3-year window no longer holds the day `last` (ordinals)."""
    day = add_years(date.fromordinal(last), CEC_WINDOW_YEARS).toordinal()
    while window_start_ordinal(day, CEC_WINDOW_YEARS) <= last:
        day += 1
    while window_start_ordinal(day - 1, CEC_WINDOW_YEARS) > last:
        day -= 1
    return day


@lru_cache(maxsize=1024)
def _cec_experience(found: int, on: date) -> Reason:
    """The CEC experience sentence without dates: shared by every candidate with the same
    hours on the same day (most often none)."""
    since = window_start(on, CEC_WINDOW_YEARS).isoformat()
    message = (
        f"{hours_text(found)} of qualifying Canadian work (TEER 0-3, authorized, not "
        f"self-employed, not while a full-time student) between {since} and "
        f"{on.isoformat()}; 1,560 h needed"
    )
    numbers: Numbers = (
        ("hours_found", hours_value(found)),
        ("hours_needed", 1560),
        ("window_years", CEC_WINDOW_YEARS),
    )
    return rule(found >= YEAR_UNITS, codes.CEC_EXPERIENCE, message, numbers)


def cec_experience_reason(facts: Facts, assessment: CecAssessment, project_dates: bool) -> Reason:
    found = assessment.units
    plain = _cec_experience(found, facts.on)
    if not project_dates:
        return plain
    passed = found >= YEAR_UNITS
    pools = [facts.work.canadian_segments()]
    passes_on = stops_on = None
    if passed:
        stops_on = pools_pass_until(window_total, pools, facts.on_ord, YEAR_UNITS, CEC_WINDOW_YEARS)
    else:
        passes_on = pools_pass_from(window_total, pools, facts.on_ord, YEAR_UNITS, CEC_WINDOW_YEARS)
    return rule(
        passed, plain.code, plain.message, plain.numbers, passes_on=passes_on, stops_on=stops_on
    )


def explain_cec(facts: Facts, assessment: CecAssessment, project_dates: bool) -> list[Reason]:
    suffix = " (CLB 7 if your Canadian experience is TEER 0 or 1)" if assessment.no_work else ""
    reasons = [
        cec_experience_reason(facts, assessment, project_dates),
        assessment.language_reason(suffix),
    ]
    if assessment.mixed:
        reasons.append(
            note(
                codes.CEC_MIXED_TEER,
                "Your Canadian experience mixes TEER 0/1 and TEER 2/3 jobs: CLB 5 is applied "
                "because TEER 2/3 work contributes; IRCC does not say how mixed cases are "
                "assessed, so have this checked",
            )
        )
    return reasons


# --- FST -------------------------------------------------------------------------------------


class FstAssessment:
    """FST's numbers and verdict; language, offer and funds wait until the trade hours pass or
    an explanation asks (most profiles have no trade work)."""

    __slots__ = (
        "_funds",
        "_language",
        "certificate",
        "eligible",
        "facts",
        "noc",
        "offer",
        "trades",
        "units",
    )

    def __init__(self, facts: Facts, shared_funds: FundsCheck | None = None) -> None:
        candidate = facts.candidate
        self.facts = facts
        self._language: LanguageCheck | None = None
        self.offer = fst_offer(candidate.job_offer, facts.on)
        self.certificate = fst_certificate(candidate, facts.on)
        # FST-3 (docs/rules.md §2.1.2, §2.3): the offer and the certificate count in their own trade
        # only, so the experience is measured in those trades (all trades when neither counts,
        # to show how far the candidate is).
        trades: list[str] = []
        if self.offer and candidate.job_offer is not None:
            trades.append(candidate.job_offer.noc)
        trade = candidate.certificate_trade
        if self.certificate and trade is not None and trade not in trades:
            trades.append(trade)
        self.trades = tuple(trades)
        self.noc: str | None
        if trades:
            self.noc, self.units = None, -1
            for trade in trades:
                found = facts.fst_trade_units(trade, FST_WINDOW_YEARS)
                if found > self.units:
                    self.noc, self.units = trade, found
        else:
            self.noc, self.units = facts.fst_best_trade(FST_WINDOW_YEARS)
        # FSW's check is the same rule when the job offer counts the same for both programs.
        self._funds = (
            shared_funds
            if shared_funds is not None and shared_funds.offer_ok == self.offer
            else None
        )
        self.eligible = (
            self.units >= FST_UNITS
            and self.language.passed
            and (self.offer or self.certificate)
            and self.funds.passed
        )

    @property
    def language(self) -> LanguageCheck:
        if self._language is None:
            self._language = LanguageCheck(self.facts.tests, FST_MINIMUM)
        return self._language

    @property
    def funds(self) -> FundsCheck:
        if self._funds is None:
            self._funds = FundsCheck(self.facts, self.offer)
        return self._funds


@lru_cache(maxsize=1024)
def _fst_experience(noc: str | None, found: int, on: date, trades: tuple[str, ...]) -> Reason:
    """The FST experience sentence without dates (shared, like `_cec_experience`)."""
    since = window_start(on, FST_WINDOW_YEARS).isoformat()
    where = f" in {noc}" if noc else ""
    needed = "in one trade"
    if trades:
        named = " or ".join(trades)
        where += ","
        needed = (
            f"in {named} (a job offer or a certificate of qualification counts only in its own "
            "trade)"
        )
    message = (
        f"{hours_text(found)} of work in an eligible skilled trade{where} between {since} and "
        f"{on.isoformat()}; 3,120 h (two years full-time) needed {needed}"
    )
    numbers: Numbers = (
        ("noc", noc or ""),
        ("hours_found", hours_value(found)),
        ("hours_needed", FST_HOURS),
        ("window_years", FST_WINDOW_YEARS),
    )
    return rule(found >= FST_UNITS, codes.FST_EXPERIENCE, message, numbers)


def fst_experience_reason(facts: Facts, assessment: FstAssessment, project_dates: bool) -> Reason:
    found = assessment.units
    trades = assessment.trades
    plain = _fst_experience(assessment.noc, found, facts.on, trades)
    if not project_dates:
        return plain
    passed = found >= FST_UNITS
    by_noc = facts.work.fst_by_noc
    pools = [by_noc.get(trade, []) for trade in trades] if trades else by_noc.values()
    passes_on = stops_on = None
    if passed:
        stops_on = pools_pass_until(window_total, pools, facts.on_ord, FST_UNITS, FST_WINDOW_YEARS)
    else:
        passes_on = pools_pass_from(window_total, pools, facts.on_ord, FST_UNITS, FST_WINDOW_YEARS)
    return rule(
        passed, plain.code, plain.message, plain.numbers, passes_on=passes_on, stops_on=stops_on
    )


def fst_offer_reason(assessment: FstAssessment) -> Reason:
    candidate = assessment.facts.candidate
    offer = candidate.job_offer.noc if assessment.offer and candidate.job_offer else None
    certificate = None
    if candidate.certificate_of_qualification:
        certificate = candidate.certificate_trade or ""  # "": its trade is not recorded
    return _fst_offer(offer, certificate, assessment.certificate)


@lru_cache(maxsize=256)
def _fst_offer(offer: str | None, certificate: str | None, certificate_counts: bool) -> Reason:
    """`offer`: the trade of a qualifying job offer; `certificate`: the trade of the
    certificate of qualification ("" when not recorded, None when there is none)."""
    found: list[str] = []
    if offer is not None:
        found.append(
            f"a qualifying full-time job offer in {offer}, an eligible trade (LMIA or exempt)"
        )
    if certificate_counts:
        found.append(
            f"a certificate of qualification in {certificate}, an eligible trade, from a Canadian "
            "authority"
        )
    if found:
        listed = " and ".join(found)
        message = (
            f"{listed[0].upper()}{listed[1:]}: the two years of experience must be in "
            f"{'that trade' if len(found) == 1 else 'one of those trades'}"
        )
    else:
        message = (
            "Neither a qualifying job offer in an eligible trade (with an LMIA or exemption) "
            "nor a Canadian certificate of qualification in one"
        )
    if certificate == "":
        message += (
            "; your certificate of qualification has no trade recorded: add its trade (NOC "
            "code) to your profile, since it counts only in that trade"
        )
    elif certificate is not None and not certificate_counts:
        message += f"; your certificate of qualification is in {certificate}, not an eligible trade"
    numbers: Numbers = (
        ("job_offer", "yes" if offer is not None else "no"),
        ("certificate_of_qualification", "yes" if certificate is not None else "no"),
        ("certificate_trade", certificate or ""),
    )
    return rule(bool(found), codes.FST_OFFER_OR_CERTIFICATE, message, numbers)


def explain_fst(facts: Facts, assessment: FstAssessment, project_dates: bool) -> list[Reason]:
    return [
        fst_experience_reason(facts, assessment, project_dates),
        assessment.language.reason(codes.FST_LANGUAGE),
        fst_offer_reason(assessment),
        *assessment.funds.reasons(codes.FST_FUNDS, project_dates),
        note(
            codes.FST_DUTIES_NOT_CHECKED,
            "IRCC also checks that your duties match the NOC description of the trade",
        ),
    ]


# --- composers -------------------------------------------------------------------------------

Assessment = FswAssessment | CecAssessment | FstAssessment


def assess_programs(facts: Facts) -> dict[Program, Assessment]:
    """Each program's verdict and numbers on the facts' date, without sentences."""
    fsw = FswAssessment(facts)
    return {
        Program.FSW: fsw,
        Program.CEC: CecAssessment(facts),
        Program.FST: FstAssessment(facts, fsw.funds),
    }


#: Fixed words for a failing rule in summaries such as the pool (see `failing_rules`).
FSW_EXPERIENCE_SHORT = "one continuous year (1,560 h) of skilled work in one occupation"
FSW_EDUCATION_SHORT = "a credential that counts (Canadian, or foreign with an ECA)"
FSW_POINTS_SHORT = f"{FSW_PASS_MARK} grid points"
CEC_EXPERIENCE_SHORT = "1,560 h of qualifying Canadian work in 3 years"
FST_EXPERIENCE_SHORT = "3,120 h in one skilled trade in 5 years"
FST_OFFER_TRADE_SHORT = "3,120 h in 5 years in the trade of the job offer or certificate"
FST_OFFER_SHORT = "a job offer in the trade or a certificate of qualification"


def failing_rules(facts: Facts, assessment: Assessment) -> list[tuple[Reason, str]]:
    """Only the failing rules of one program, each with its numbers (no dates) and a few fixed
    words for a summary: what a round outcome lists for a candidate outside the pool.

    Built by the same functions as the full explanation (so the sentences are identical), but
    only for the rules that fail: outside the pool is the common case of a bulk evaluation.
    """
    found: list[tuple[Reason, str]] = []
    if isinstance(assessment, FswAssessment):
        if assessment.block[1] < YEAR_UNITS:
            reason = fsw_experience_reason(facts, assessment, project=False)
            found.append((reason, FSW_EXPERIENCE_SHORT))
        language = assessment.language
        if not language.passed:
            found.append((language.reason(codes.FSW_LANGUAGE), language.shortfall()))
        if not assessment.education_ok:
            found.append((fsw_education_reason(facts, assessment), FSW_EDUCATION_SHORT))
        grid = assessment.grid
        if grid.total < FSW_PASS_MARK:
            found.append((fsw_points_reason(facts, grid, project=False), FSW_POINTS_SHORT))
        funds = assessment.funds
        if not funds.passed:
            found.append((funds.rule_reason(codes.FSW_FUNDS, project=False), funds.shortfall()))
    elif isinstance(assessment, CecAssessment):
        if assessment.units < YEAR_UNITS:
            reason = cec_experience_reason(facts, assessment, project_dates=False)
            found.append((reason, CEC_EXPERIENCE_SHORT))
        language = assessment.language
        if not language.passed:
            suffix = (
                " (CLB 7 if your Canadian experience is TEER 0 or 1)" if assessment.no_work else ""
            )
            found.append((assessment.language_reason(suffix), language.shortfall()))
    else:
        if assessment.units < FST_UNITS:
            reason = fst_experience_reason(facts, assessment, project_dates=False)
            short = FST_OFFER_TRADE_SHORT if assessment.trades else FST_EXPERIENCE_SHORT
            found.append((reason, short))
        language = assessment.language
        if not language.passed:
            found.append((language.reason(codes.FST_LANGUAGE), language.shortfall()))
        if not (assessment.offer or assessment.certificate):
            found.append((fst_offer_reason(assessment), FST_OFFER_SHORT))
        funds = assessment.funds
        if not funds.passed:
            found.append((funds.rule_reason(codes.FST_FUNDS, project=False), funds.shortfall()))
    return found


def shared_notes(facts: Facts) -> list[Reason]:
    """Notes every program decision on this date carries."""
    notes = [note(codes.LANGUAGE_TEST_NOT_COUNTED, text) for text in facts.dropped_tests]
    notes.extend(
        note(codes.LANGUAGE_TEST_SCALE_UNCONFIRMED, text) for text in facts.scale_questions
    )
    notes.extend(physician_work_notes(facts.work))
    if facts.work.not_yet_skilled:
        notes.append(not_yet_skilled_note(facts.work.not_yet_skilled))
    if facts.work.skilled_under_noc_2016:
        notes.append(skilled_under_noc_2016_note(facts.work.skilled_under_noc_2016))
    return notes


def not_yet_skilled_note(nocs: set[str]) -> Reason:
    listed = ", ".join(sorted(nocs))
    occupations = "this occupation was" if len(nocs) == 1 else "these occupations were"
    return note(
        codes.NOC_2016_NOT_SKILLED,
        f"Work in {listed} is not counted: before {NOC_2021_FROM} IRCC used NOC 2016, in which "
        f"{occupations} skill level C, not skilled work (TEER 3 from that date)",
        (("nocs", listed),),
    )


def skilled_under_noc_2016_note(nocs: set[str]) -> Reason:
    listed = ", ".join(sorted(nocs))
    occupations = "this occupation was" if len(nocs) == 1 else "these occupations were"
    return note(
        codes.NOC_2016_SKILLED,
        f"Work in {listed} is counted as skilled work: before {NOC_2021_FROM} IRCC used NOC "
        f"2016, in which {occupations} skill level B (TEER 4 or 5 from that date, no longer "
        "skilled)",
        (("nocs", listed),),
    )


def explain_program(
    facts: Facts, program: Program, assessment: Assessment, project_dates: bool
) -> Decision:
    if isinstance(assessment, FswAssessment):
        reasons = explain_fsw(facts, assessment, project_dates)
    elif isinstance(assessment, CecAssessment):
        reasons = explain_cec(facts, assessment, project_dates)
    else:
        reasons = explain_fst(facts, assessment, project_dates)
    decision = decide([*reasons, *shared_notes(facts)])
    if decision.eligible != assessment.eligible:  # one assessment, one verdict
        raise RuntimeError(f"{program}: the reasons and the assessment disagree")
    return decision


def programs_on(facts: Facts, project_dates: bool) -> dict[Program, Decision]:
    """Each program's decision on the facts' date, without eligible_from/until."""
    return {
        program: explain_program(facts, program, assessment, project_dates)
        for program, assessment in assess_programs(facts).items()
    }


def program_eligibility(candidate: Candidate, on: date) -> dict[Program, Decision]:
    """FSW, CEC and FST on `on`, every rule listed, with eligible_from / eligible_until."""
    decisions = programs_on(Facts(candidate, on), project_dates=True)
    return {
        program: project(decision, on, program_on_later(candidate, program))
        for program, decision in decisions.items()
    }


def program_on_later(candidate: Candidate, program: Program) -> Callable[[date], Decision]:
    """Re-evaluates one program on another date (for `reasons.project`)."""

    def evaluate(day: date) -> Decision:
        facts = Facts(candidate, day)
        return explain_program(facts, program, assess_programs(facts)[program], True)

    return evaluate
