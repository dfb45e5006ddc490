"""The profile's sections: each is edited and saved on its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from profiles import forms
from profiles.models import CandidateProfile, Person
from profiles.selectors import missing_section_slugs


@dataclass(frozen=True)
class EntryList:
    prefix: str
    title: str
    formset: Any
    person: str
    add_label: str


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    intro: str
    form: type | None = None
    entries: tuple[EntryList, ...] = field(default=())

    def needs_occupations(self) -> bool:
        work = (forms.WorkExperienceFormSet, forms.SpouseWorkExperienceFormSet)
        return any(entry.formset in work for entry in self.entries) or (
            self.form in (forms.OtherFactorsForm, forms.MilitaryForm)
        )


SECTIONS = (
    Section(
        "about",
        "About you",
        "Your age on each draw's date and your marital status set most of your points.",
        form=forms.AboutForm,
    ),
    Section(
        "spouse",
        "Spouse or partner",
        "Only if you are married or in a common-law relationship. A spouse who comes with you "
        "and is not Canadian changes the points tables and adds their own factors.",
        form=forms.SpouseForm,
        entries=(
            EntryList(
                "spouse-education",
                "Their education",
                forms.EducationFormSet,
                Person.SPOUSE,
                "Add a credential",
            ),
            EntryList(
                "spouse-tests",
                "Their language test",
                forms.LanguageTestFormSet,
                Person.SPOUSE,
                "Add a test",
            ),
            EntryList(
                "spouse-work",
                "Their work in Canada",
                forms.SpouseWorkExperienceFormSet,
                Person.SPOUSE,
                "Add a job",
            ),
        ),
    ),
    Section(
        "education",
        "Education",
        "Every completed credential. A foreign credential counts only with an ECA.",
        entries=(
            EntryList(
                "education",
                "Credentials",
                forms.EducationFormSet,
                Person.PRINCIPAL,
                "Add a credential",
            ),
        ),
    ),
    Section(
        "language",
        "Language tests",
        "Approved tests in English or French. A result counts for two years from the test date.",
        entries=(
            EntryList("tests", "Tests", forms.LanguageTestFormSet, Person.PRINCIPAL, "Add a test"),
        ),
    ),
    Section(
        "work",
        "Work history",
        "Every paid job of the last ten years, in Canada and abroad. Leave the end empty for "
        "a job you still hold: the tracker then tells you when you will qualify.",
        entries=(
            EntryList("work", "Jobs", forms.WorkExperienceFormSet, Person.PRINCIPAL, "Add a job"),
        ),
    ),
    Section(
        "other",
        "Other factors",
        "Nomination, certificate of qualification and its trade, sibling, job offer and "
        "settlement funds.",
        form=forms.OtherFactorsForm,
    ),
    Section(
        "military",
        "Military service",
        "Only for the skilled military recruits category: your service in a foreign military "
        "and an offer from the Canadian Armed Forces. Leave it empty otherwise.",
        form=forms.MilitaryForm,
    ),
    Section(
        "express-entry",
        "Express Entry profile",
        "When you submitted your Express Entry profile, the score IRCC shows, and alerts.",
        form=forms.ExpressEntryForm,
    ),
)
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}


def section_missing(profile: CandidateProfile) -> list[Section]:
    """The sections still to fill in, from the prefetched profile."""
    return [SECTIONS_BY_SLUG[slug] for slug in missing_section_slugs(profile)]
