"""Comprehensive Ranking System score with every factor (docs/rules.md §4).

Sections: A core (age, education, languages, Canadian experience), B spouse or partner, C skill
transferability, D additional points. Section D follows the rule set in force on the date
(`tables.crs_rule_set`). Every cap appears as its own negative factor ("..._cap"), so the
factors always add up to the total and a reader sees where points were lost to a cap.

Interpretations (the sources silent or marked, docs/rules.md §4):

- First/second official language: the profile has no designation, so every assignment of the
  valid tests is scored and the highest total kept (docs/rules.md §3.1); a note says which test was
  taken as first. With several valid tests in one language the same search picks the best one.
- Canadian education points (D): the best Canadian credential; 30 for a master's or doctorate or
  a program of 3+ years (a bachelor's or two-or-more credentials imply one), 15 for a one- or
  two-year credential. The study conditions of docs/rules.md §4.8 (8 months full-time in Canada, no
  distance learning, ESL/FSL at most half) are not recorded and are assumed, with a note.
- Sibling (D): `sibling_in_canada` is taken to mean the candidate's or the accompanying
  spouse's sibling (the profile does not say whose); never more than 15.
- Job offer (D): an offer with `lmia_exempt_or_approved` in TEER 0-3; 200 points for NOC Major
  Group 00 (00010-00015), 50 otherwise (2016-11-19 to 2025-03-24), 600 before, none after. The
  pre-2016-11-19 rule counted only LMIA-backed offers; the profile cannot tell the two apart.
- A spouse object on a profile whose marital status is not married or common-law is ignored.
- Certificate of qualification (C): points only when its trade is on IRCC's list of the date
  (`tables.certificate_trades`; 73300 left it on 2023-11-06). A certificate whose trade is not
  recorded earns nothing, and a note asks for the trade and says what it could add: awarding
  points for a trade nobody named could show a wrong score as right.

`next_change_on` (in `crs_score`): the first of the dates listed by `crs_changes` (birthdays,
test expiry, experience years gained or leaving the window, new rule sets) on which the
recomputed total differs. Notes are built in `crs_notes`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from . import codes
from .crs_changes import change_dates
from .crs_notes import crs_notes
from .facts import LEVEL_LABEL, LEVEL_RANK, Facts, certificate_counts
from .language import FRENCH, ScoredTest
from .model import Candidate, CrsBreakdown, EducationLevel, Factor, JobOffer
from .reasons import note
from .tables import (
    ADDITIONAL_CAP,
    CRS_AGE,
    CRS_CANADIAN_EXPERIENCE,
    CRS_EDUCATION,
    CRS_FIRST_LANGUAGE,
    CRS_SECOND_LANGUAGE,
    CRS_SECOND_LANGUAGE_CAP,
    CRS_SPOUSE_CANADIAN_EXPERIENCE,
    CRS_SPOUSE_EDUCATION,
    CRS_SPOUSE_LANGUAGE,
    CRS_WINDOW_YEARS,
    EDUCATION_TIER,
    SENIOR_MANAGER_NOCS,
    TRANSFERABILITY_BLOCK_CAP,
    TRANSFERABILITY_CAP,
    TRANSFERABILITY_CERTIFICATE,
    TRANSFERABILITY_PAIR,
    YEAR_UNITS,
    CrsRuleSet,
    crs_rule_set,
    is_skilled,
)

ABILITY_NAMES = ("listening", "reading", "writing", "speaking")


def language_band(test: ScoredTest | None) -> int:
    """Section C language band: 2 if all four CLB 9+, 1 if all CLB 7+, else 0."""
    if test is None:
        return 0
    return 2 if test.lowest >= 9 else 1 if test.lowest >= 7 else 0


def foreign_band(years: int) -> int:
    return 0 if years < 1 else 1 if years < 3 else 2


def job_offer_points(offer: JobOffer | None, rule_set: CrsRuleSet, on: date) -> int:
    if offer is None or not offer.lmia_exempt_or_approved or not is_skilled(offer.noc, on):
        return 0
    if offer.noc in SENIOR_MANAGER_NOCS:
        return rule_set.job_offer_senior_manager
    return rule_set.job_offer_other


def certificate_band(first: ScoredTest | None) -> int:
    """The certificate x first-language band: 2 if all four CLB 7+, 1 if all CLB 5+, else 0."""
    if first is None:
        return 0
    return 2 if first.lowest >= 7 else 1 if first.lowest >= 5 else 0


def canadian_education_points(candidate: Candidate, rule_set: CrsRuleSet) -> int:
    best = 0
    for entry in candidate.education:
        if not entry.canadian or LEVEL_RANK[entry.level] < LEVEL_RANK[EducationLevel.ONE_YEAR]:
            continue
        long = entry.years >= 3 or LEVEL_RANK[entry.level] >= LEVEL_RANK[EducationLevel.BACHELORS]
        points = rule_set.canadian_education_long if long else rule_set.canadian_education_short
        best = max(best, points)
    return best


def french_bonus(
    first: ScoredTest | None, second: ScoredTest | None, rule_set: CrsRuleSet
) -> tuple[int, str]:
    """French points and why, from the French and English tests of one assignment."""
    french = english = None
    for test in (first, second):
        if test is not None:
            if test.language == FRENCH:
                french = test
            else:
                english = test
    if french is None or french.lowest < 7:
        return 0, ""
    if english is not None and english.lowest >= 5:
        return rule_set.french_with_english, "NCLC 7+ in French and CLB 5+ in English"
    return rule_set.french_only, "NCLC 7+ in French, English CLB 4 or lower or no English test"


class _Sections:
    """The language-independent parts of the score, computed once per evaluation."""

    __slots__ = (
        "additional_other",
        "canadian_band",
        "canadian_years",
        "certificate_trade",
        "col",
        "coq",
        "foreign_band",
        "foreign_years",
        "tier",
    )

    def __init__(self, facts: Facts, rule_set: CrsRuleSet, col: int) -> None:
        candidate = facts.candidate
        self.col = col
        self.canadian_years = facts.canadian_units(CRS_WINDOW_YEARS) // YEAR_UNITS
        self.foreign_years = facts.foreign_units(CRS_WINDOW_YEARS) // YEAR_UNITS
        self.canadian_band = min(self.canadian_years, 2)
        self.foreign_band = foreign_band(self.foreign_years)
        self.tier = EDUCATION_TIER[facts.education]
        self.coq = certificate_counts(candidate, facts.on)
        self.certificate_trade = candidate.certificate_trade if self.coq else None
        self.additional_other = (
            (rule_set.provincial_nomination if candidate.provincial_nomination else 0)
            + job_offer_points(candidate.job_offer, rule_set, facts.on)
            + canadian_education_points(candidate, rule_set)
            + (rule_set.sibling if candidate.sibling_in_canada else 0)
        )

    def transferability(self, first: ScoredTest | None) -> tuple[int, int, int, int, int]:
        band = language_band(first)
        education = TRANSFERABILITY_PAIR[self.tier]
        foreign = TRANSFERABILITY_PAIR[self.foreign_band]
        coq_band = certificate_band(first) if self.coq else 0
        return (
            education[band],
            education[self.canadian_band],
            foreign[band],
            foreign[self.canadian_band],
            TRANSFERABILITY_CERTIFICATE[coq_band],
        )


def _transferability_total(pairs: tuple[int, int, int, int, int]) -> int:
    edu_lang, edu_cwe, for_lang, for_cwe, coq = pairs
    return min(
        TRANSFERABILITY_CAP,
        min(TRANSFERABILITY_BLOCK_CAP, edu_lang + edu_cwe)
        + min(TRANSFERABILITY_BLOCK_CAP, for_lang + for_cwe)
        + coq,
    )


def _language_points(
    first: ScoredTest | None, second: ScoredTest | None, col: int
) -> tuple[tuple[int, ...], int, int]:
    """(first-language points per ability, second-language points capped, uncapped)."""
    first_points = (
        tuple(CRS_FIRST_LANGUAGE[level][col] for level in first.clbs)
        if first is not None
        else (0, 0, 0, 0)
    )
    raw = sum(CRS_SECOND_LANGUAGE[level] for level in second.clbs) if second is not None else 0
    return first_points, min(raw, CRS_SECOND_LANGUAGE_CAP[col]), raw


def _best_language(
    facts: Facts, sections: _Sections, rule_set: CrsRuleSet
) -> tuple[ScoredTest | None, ScoredTest | None, int]:
    """The language assignment with the highest total, and its language-dependent points:
    first-language points, second-language points (capped), section C, and section D with the
    French bonus (capped). Ties keep the earlier assignment in the profile's test order."""
    col = sections.col
    cap = CRS_SECOND_LANGUAGE_CAP[col]
    other = sections.additional_other
    tests = facts.tests
    if not tests:
        return (
            None,
            None,
            _transferability_total(sections.transferability(None)) + min(ADDITIONAL_CAP, other),
        )
    best: tuple[ScoredTest | None, ScoredTest | None] = (None, None)
    best_score = -1
    table = CRS_FIRST_LANGUAGE
    for first in tests:
        listening, reading, writing, speaking = first.clbs
        fixed = (
            table[listening][col]
            + table[reading][col]
            + table[writing][col]
            + table[speaking][col]
            + _transferability_total(sections.transferability(first))
        )
        seconds: list[ScoredTest | None] = [t for t in tests if t.language != first.language]
        for second in seconds or [None]:
            second_points = 0
            if second is not None:
                listening, reading, writing, speaking = second.clbs
                points = CRS_SECOND_LANGUAGE
                second_points = min(
                    cap, points[listening] + points[reading] + points[writing] + points[speaking]
                )
            bonus = french_bonus(first, second, rule_set)[0]
            score = fixed + second_points + min(ADDITIONAL_CAP, other + bonus)
            if score > best_score:
                best, best_score = (first, second), score
    return best[0], best[1], best_score


def _base_points(facts: Facts, sections: _Sections) -> int:
    """Points that do not depend on the language assignment: age, education, experience, B."""
    col = sections.col
    points = (
        CRS_AGE.get(facts.age, (0, 0))[col]
        + CRS_EDUCATION[facts.education][col]
        + CRS_CANADIAN_EXPERIENCE[min(sections.canadian_years, 5)][col]
    )
    if facts.spouse_counts:
        education, _, language, _, experience = _spouse_points(facts)
        points += education + language + experience
    return points


def crs_total(facts: Facts) -> tuple[int, CrsRuleSet]:
    """Only the total (and the rule set used): what a draw outcome needs, without labels.

    Shares `_Sections`, `_best_language` and `_base_points` with `crs_on`, and a test checks
    that both always agree.
    """
    rule_set = crs_rule_set(facts.on)
    sections = _Sections(facts, rule_set, 0 if facts.spouse_counts else 1)
    return _base_points(facts, sections) + _best_language(facts, sections, rule_set)[2], rule_set


def first_language_test(facts: Facts) -> ScoredTest | None:
    """The valid test the score takes as first official language (None: no valid test)."""
    rule_set = crs_rule_set(facts.on)
    sections = _Sections(facts, rule_set, 0 if facts.spouse_counts else 1)
    return _best_language(facts, sections, rule_set)[0]


def _core_factors(
    facts: Facts, sections: _Sections, first: ScoredTest | None, second: ScoredTest | None
) -> list[Factor]:
    """Section A, core human capital: age, education, official languages, Canadian work."""
    col = sections.col
    factors = [
        Factor("age", f"Age {facts.age}", CRS_AGE.get(facts.age, (0, 0))[col]),
        Factor(
            "education",
            f"Education: {LEVEL_LABEL[facts.education]}",
            CRS_EDUCATION[facts.education][col],
        ),
        *_language_factors(first, second, col),
    ]
    canadian_years = sections.canadian_years
    factors.append(
        Factor(
            "canadian_experience",
            f"Canadian work experience: {canadian_years} year(s)",
            CRS_CANADIAN_EXPERIENCE[min(canadian_years, 5)][col],
        )
    )
    return factors


def _language_factors(
    first: ScoredTest | None, second: ScoredTest | None, col: int
) -> list[Factor]:
    """One factor per ability of the first official language, one for the second."""
    first_points, second_points, second_raw = _language_points(first, second, col)
    source = f"{first.language}, {first.name}" if first else "no valid test"
    factors = [
        Factor(
            f"first_language_{name}",
            f"First official language ({source}): {name} CLB {level}",
            points,
        )
        for name, level, points in zip(
            ABILITY_NAMES, first.clbs if first else (0, 0, 0, 0), first_points, strict=True
        )
    ]
    if second is not None:
        capped = f", capped at {CRS_SECOND_LANGUAGE_CAP[col]}" if second_raw > second_points else ""
        factors.append(
            Factor(
                "second_language",
                f"Second official language ({second.language}, {second.name}): "
                f"CLB {'/'.join(str(level) for level in second.clbs)}{capped}",
                second_points,
            )
        )
    return factors


def crs_on(facts: Facts) -> CrsBreakdown:
    """The score on the facts' date, without `next_change_on` (see `crs_score`)."""
    candidate = facts.candidate
    rule_set = crs_rule_set(facts.on)
    spouse = facts.spouse_counts
    col = 0 if spouse else 1
    sections = _Sections(facts, rule_set, col)
    first, second, _ = _best_language(facts, sections, rule_set)

    factors = _core_factors(facts, sections, first, second)
    core = sum(factor.points for factor in factors)

    spouse_total = 0
    if spouse:
        spouse_factors = _spouse_factors(facts)
        spouse_total = sum(factor.points for factor in spouse_factors)
        factors.extend(spouse_factors)

    pairs = sections.transferability(first)
    transfer_factors = _transferability_factors(pairs, sections)
    transferability = sum(factor.points for factor in transfer_factors)
    factors.extend(transfer_factors)

    additional_factors = _additional_factors(candidate, rule_set, facts.on, first, second)
    additional = sum(factor.points for factor in additional_factors)
    factors.extend(additional_factors)

    total = core + spouse_total + transferability + additional
    return CrsBreakdown(
        total=total,
        core=core,
        spouse=spouse_total,
        transferability=transferability,
        additional=additional,
        factors=tuple(factors),
        notes=tuple(
            crs_notes(
                facts,
                rule_set,
                first,
                second,
                additional_factors,
                TRANSFERABILITY_CERTIFICATE[certificate_band(first)],
            )
        ),
    )


def _spouse_points(facts: Facts) -> tuple[int, ScoredTest | None, int, int, int]:
    """(education points, best test, language points, Canadian years, experience points)."""
    best_test: ScoredTest | None = None
    best_points = 0
    for test in facts.spouse_tests:
        points = sum(CRS_SPOUSE_LANGUAGE[clb] for clb in test.clbs)
        if best_test is None or points > best_points:
            best_test, best_points = test, points
    years = facts.spouse_canadian_units(CRS_WINDOW_YEARS) // YEAR_UNITS
    return (
        CRS_SPOUSE_EDUCATION[facts.spouse_education],
        best_test,
        best_points,
        years,
        CRS_SPOUSE_CANADIAN_EXPERIENCE[min(years, 5)],
    )


def _spouse_factors(facts: Facts) -> list[Factor]:
    level = facts.spouse_education
    education, best_test, language, years, experience = _spouse_points(facts)
    language_label = (
        f"Spouse's first official language ({best_test.name}): "
        f"CLB {'/'.join(str(clb) for clb in best_test.clbs)}"
        if best_test is not None
        else "Spouse's first official language: no valid test"
    )
    return [
        Factor("spouse_education", f"Spouse's education: {LEVEL_LABEL[level]}", education),
        Factor("spouse_language", language_label, language),
        Factor(
            "spouse_canadian_experience",
            f"Spouse's Canadian work experience: {years} year(s)",
            experience,
        ),
    ]


def _transferability_factors(
    pairs: tuple[int, int, int, int, int], sections: _Sections
) -> list[Factor]:
    edu_lang, edu_cwe, for_lang, for_cwe, coq = pairs
    foreign = f"foreign experience {sections.foreign_years} year(s)"
    canadian = f"Canadian experience {sections.canadian_years} year(s)"
    factors = [
        Factor("transferability_education_language", "Education and language", edu_lang),
        Factor(
            "transferability_education_canadian_experience",
            f"Education and {canadian}",
            edu_cwe,
        ),
    ]
    if edu_lang + edu_cwe > TRANSFERABILITY_BLOCK_CAP:
        factors.append(
            Factor(
                "transferability_education_cap",
                "Education combinations are capped at 50",
                TRANSFERABILITY_BLOCK_CAP - edu_lang - edu_cwe,
            )
        )
    factors.append(
        Factor("transferability_foreign_language", f"{foreign.capitalize()} and language", for_lang)
    )
    factors.append(
        Factor(
            "transferability_foreign_canadian_experience",
            f"{foreign.capitalize()} and {canadian}",
            for_cwe,
        )
    )
    if for_lang + for_cwe > TRANSFERABILITY_BLOCK_CAP:
        factors.append(
            Factor(
                "transferability_foreign_cap",
                "Foreign experience combinations are capped at 50",
                TRANSFERABILITY_BLOCK_CAP - for_lang - for_cwe,
            )
        )
    trade = sections.certificate_trade
    factors.append(
        Factor(
            "transferability_certificate_language",
            f"Certificate of qualification{f' ({trade})' if trade else ''} and language",
            coq,
        )
    )
    subtotal = sum(factor.points for factor in factors)
    if subtotal > TRANSFERABILITY_CAP:
        factors.append(
            Factor(
                "transferability_cap",
                "Skill transferability is capped at 100",
                TRANSFERABILITY_CAP - subtotal,
            )
        )
    return factors


def _additional_factors(
    candidate: Candidate,
    rule_set: CrsRuleSet,
    on: date,
    first: ScoredTest | None,
    second: ScoredTest | None,
) -> list[Factor]:
    factors: list[Factor] = []
    if candidate.provincial_nomination:
        factors.append(
            Factor("provincial_nomination", "Provincial nomination", rule_set.provincial_nomination)
        )
    offer_points = job_offer_points(candidate.job_offer, rule_set, on)
    if candidate.job_offer is not None:
        label = f"Job offer ({candidate.job_offer.noc})"
        if offer_points == 0:
            label += ": no points on this date or for this offer"
        factors.append(Factor("job_offer", label, offer_points))
    french, why = french_bonus(first, second, rule_set)
    if french:
        factors.append(Factor("french_bonus", f"French-language skills: {why}", french))
    education = canadian_education_points(candidate, rule_set)
    if education:
        factors.append(
            Factor("canadian_education", "Post-secondary education in Canada", education)
        )
    if candidate.sibling_in_canada and rule_set.sibling:
        factors.append(Factor("sibling", "Brother or sister in Canada", rule_set.sibling))
    subtotal = sum(factor.points for factor in factors)
    if subtotal > ADDITIONAL_CAP:
        factors.append(
            Factor(
                "additional_cap", "Additional points are capped at 600", ADDITIONAL_CAP - subtotal
            )
        )
    return factors


def crs_score(candidate: Candidate, on: date) -> CrsBreakdown:
    """The CRS on `on`, every factor, notes, and the next date it changes by itself."""
    facts = Facts(candidate, on)
    breakdown = crs_on(facts)
    for day, causes in sorted(change_dates(facts).items()):
        why = " and ".join(sentence for _, sentence in causes)
        later = crs_on(Facts(candidate, day)).total
        if later != breakdown.total:
            change = note(
                codes.CRS_NEXT_CHANGE,
                f"Your score changes on {day} ({why}): {breakdown.total} to {later}, if "
                "nothing else changes",
                (("on", day.isoformat()), ("from", breakdown.total), ("to", later)),
            )
            return replace(breakdown, next_change_on=day, notes=(*breakdown.notes, change))
    return breakdown
