from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from draws.models import Category, Draw


class DrawFilterForm(forms.Form):
    round_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Draw.RoundType.choices]
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Category.Family.choices],
    )


SERIES_CHOICES = [
    *[(value, label) for value, label in Draw.RoundType.choices if value != "category"],
    *Category.Family.choices,
]


class ChartForm(forms.Form):
    of = forms.ChoiceField(label=_("Cut-off of"), choices=SERIES_CHOICES, required=False)
