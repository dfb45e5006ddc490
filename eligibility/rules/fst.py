"""The Federal Skilled Trades program: two years in one skilled trade in five years, a job
offer or a certificate of qualification in the trade, language and funds (docs/rules.md §2.3).

FST experience: 3,120 h in ONE eligible trade ("in the skilled trade", IRPR 87.2), not summed
across trades [INTERPRETATION]. A job offer (with an LMIA or exemption) and a certificate of
qualification each count only in their own trade (docs/rules.md §2.1.2, §2.3 FST-3), so the
experience is measured in the trade of the offer or of the certificate, whichever has more. A
certificate counts when its trade is recorded and is an eligible trade; one whose trade is not
recorded counts for nothing, and the rule says to add the trade.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from . import codes
from .checks import FundsCheck, LanguageCheck
from .dates import window_start
from .facts import Facts
from .hours import pools_dates, window_total
from .model import Candidate, JobOffer, Numbers, Reason
from .reasons import hours_text, hours_value, note, rule
from .tables import FST_HOURS, FST_WINDOW_YEARS, UNITS_PER_HOUR, is_fst_trade

FST_MINIMUM = (5, 4, 4, 5)  # listening, reading, writing, speaking
FST_UNITS = FST_HOURS * UNITS_PER_HOUR


def fst_offer(offer: JobOffer | None, on: date) -> bool:
    return offer is not None and offer.lmia_exempt_or_approved and is_fst_trade(offer.noc, on)


def fst_certificate(candidate: Candidate, on: date) -> bool:
    """A certificate of qualification in a recorded, eligible trade (docs/rules.md §2.3 FST-3)."""
    trade = candidate.certificate_trade
    return candidate.certificate_of_qualification and trade is not None and is_fst_trade(trade, on)


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
    passes_on, stops_on = pools_dates(
        window_total, pools, facts.on_ord, FST_UNITS, FST_WINDOW_YEARS, passed
    )
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
