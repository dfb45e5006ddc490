"""The profile's sections: each is edited and saved on its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from profiles import forms
from profiles.models import CandidateProfile, Person
from profiles.selectors import missing_section_slugs

if TYPE_CHECKING:  # types only: django-stubs is a development dependency
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class EntryList:
    prefix: str
    title: StrOrPromise  # in the reader's language
    formset: Any
    person: str
    add_label: StrOrPromise


@dataclass(frozen=True)
class Section:
    slug: str
    title: StrOrPromise
    intro: StrOrPromise
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
        _("About you"),
        _("Your age on each draw's date and your marital status set most of your points."),
        form=forms.AboutForm,
    ),
    Section(
        "spouse",
        _("Spouse or partner"),
        _(
            "Only if you are married or in a common-law relationship. A spouse who comes with you "
            "and is not Canadian changes the points tables and adds their own factors."
        ),
        form=forms.SpouseForm,
        entries=(
            EntryList(
                "spouse-education",
                _("Their education"),
                forms.EducationFormSet,
                Person.SPOUSE,
                _("Add a credential"),
            ),
            EntryList(
                "spouse-tests",
                _("Their language test"),
                forms.LanguageTestFormSet,
                Person.SPOUSE,
                _("Add a test"),
            ),
            EntryList(
                "spouse-work",
                _("Their work in Canada"),
                forms.SpouseWorkExperienceFormSet,
                Person.SPOUSE,
                _("Add a job"),
            ),
        ),
    ),
    Section(
        "education",
        _("Education"),
        _("Every completed credential. A foreign credential counts only with an ECA."),
        entries=(
            EntryList(
                "education",
                _("Credentials"),
                forms.EducationFormSet,
                Person.PRINCIPAL,
                _("Add a credential"),
            ),
        ),
    ),
    Section(
        "language",
        _("Language tests"),
        _("Approved tests in English or French. A result counts for two years from the test date."),
        entries=(
            EntryList(
                "tests", _("Tests"), forms.LanguageTestFormSet, Person.PRINCIPAL, _("Add a test")
            ),
        ),
    ),
    Section(
        "work",
        _("Work history"),
        _(
            "Every paid job of the last ten years, in Canada and abroad. Leave the end empty for "
            "a job you still hold: the tracker then tells you when you will qualify."
        ),
        entries=(
            EntryList(
                "work", _("Jobs"), forms.WorkExperienceFormSet, Person.PRINCIPAL, _("Add a job")
            ),
        ),
    ),
    Section(
        "other",
        _("Other factors"),
        _(
            "Nomination, certificate of qualification and its trade, sibling, job offer and "
            "settlement funds."
        ),
        form=forms.OtherFactorsForm,
    ),
    Section(
        "military",
        _("Military service"),
        _(
            "Only for the skilled military recruits category: your service in a foreign military "
            "and an offer from the Canadian Armed Forces. Leave it empty otherwise."
        ),
        form=forms.MilitaryForm,
    ),
    Section(
        "express-entry",
        _("Express Entry profile"),
        _("When you submitted your Express Entry profile, the score IRCC shows, and alerts."),
        form=forms.ExpressEntryForm,
    ),
)
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}


def section_missing(profile: CandidateProfile) -> list[Section]:
    """The sections still to fill in, from the prefetched profile."""
    return [SECTIONS_BY_SLUG[slug] for slug in missing_section_slugs(profile)]
