from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from draws.models import Category, Draw, Occupation
from profiles.models import CandidateProfile, Education, LanguageTest, User, WorkExperience


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password = "correct horse battery staple"
    # Confirmed, as every account made by sign-up is (its link confirms the address).
    email_verified_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, **kwargs)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")
    family = Category.Family.HEALTHCARE
    occupation_codes = ["31102"]
    months_required = 12
    window_years = 3
    valid_from = dt.date(2026, 2, 18)


class DrawFactory(factory.django.DjangoModelFactory[Draw]):
    class Meta:
        model = Draw

    number = factory.Sequence(lambda n: str(1000 + n))
    held_on = factory.Sequence(lambda n: dt.date(2026, 1, 1) + dt.timedelta(days=n))
    held_at = factory.LazyAttribute(
        lambda draw: dt.datetime.combine(draw.held_on, dt.time(14, 0), tzinfo=dt.UTC)
    )
    name = "Canadian Experience Class"
    round_type = Draw.RoundType.CEC
    invitations = 3000
    min_crs = 500
    tie_break_at = factory.LazyAttribute(lambda draw: draw.held_at - dt.timedelta(days=20))
    status = Draw.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupation
        django_get_or_create = ["code"]

    code = "31102"
    title = factory.LazyAttribute(lambda occupation: f"Occupation {occupation.code}")
    teer = factory.LazyAttribute(lambda occupation: int(occupation.code[1]))
    broad_category = factory.LazyAttribute(lambda occupation: int(occupation.code[0]))
    broad_category_title = "Test"


class ProfileFactory(factory.django.DjangoModelFactory[CandidateProfile]):
    class Meta:
        model = CandidateProfile

    user = factory.SubFactory(UserFactory)
    birth_date = dt.date(1992, 5, 17)
    marital_status = "single"


class EducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Education

    profile = factory.SubFactory(ProfileFactory)
    level = "masters"
    canadian = False
    years = 6
    eca = True


class LanguageTestFactory(factory.django.DjangoModelFactory):
    """IELTS General 8.0 listening, 7.0 elsewhere: CLB 9 in every ability."""

    class Meta:
        model = LanguageTest

    profile = factory.SubFactory(ProfileFactory)
    test = "ielts_general"
    taken_on = dt.date(2025, 6, 1)
    listening = Decimal("8.0")
    reading = Decimal("7.0")
    writing = Decimal("7.0")
    speaking = Decimal("7.0")


class WorkExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkExperience

    profile = factory.SubFactory(ProfileFactory)
    occupation = factory.SubFactory(OccupationFactory)
    country = "CA"
    start = dt.date(2024, 12, 1)
    end = None
    hours_per_week = Decimal("40.0")


def physician_profile(
    *,
    start: dt.date = dt.date(2024, 12, 1),
    country: str = "CA",
    pool_entry: dt.datetime | None = dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC),
    **profile_fields: object,
) -> CandidateProfile:
    """A family physician (31102) working full time since `start`, with a master's-level
    degree assessed by an ECA and IELTS at CLB 9: the issue's worked example."""
    profile = ProfileFactory.create(pool_entry=pool_entry, **profile_fields)
    EducationFactory(profile=profile)
    LanguageTestFactory(profile=profile)
    WorkExperienceFactory(profile=profile, start=start, country=country)
    return profile


def access_token(user: User, *, expires_at: dt.datetime | None = None, name: str = "script") -> str:
    """A personal access token of `user`, made as the account page makes it."""
    from profiles.services import access_token_create

    _, token = access_token_create(user=user, name=name, expires_at=expires_at)
    return token


def physicians_round(**fields: object) -> Draw:
    """A copy of draw 397 (Physicians with Canadian Work Experience, cut-off 169), numbered
    9397, published unless `fields` say otherwise; needs the categories loaded."""
    return DrawFactory.create(
        **{
            "number": "9397",
            "round_type": "category",
            "category": Category.objects.get(slug="physicians-2026-v1"),
            "name": "Physicians",
            "held_on": dt.date(2026, 2, 19),
            "held_at": dt.datetime(2026, 2, 19, 14, 24, 23, tzinfo=dt.UTC),
            "tie_break_at": dt.datetime(2026, 1, 3, 3, 25, 14, tzinfo=dt.UTC),
            "min_crs": 169,
            **fields,
        }
    )
