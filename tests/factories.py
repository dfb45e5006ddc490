from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from draws.models import Category, Draw
from profiles.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password = "correct horse battery staple"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
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


class DrawFactory(factory.django.DjangoModelFactory):
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
