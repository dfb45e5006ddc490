"""The draws as RSS and Atom feeds, for people who follow the rounds without an account."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from draws import selectors
from draws.forms import DrawFilterForm
from draws.models import Category, Draw

ITEMS = 50


class DrawsRssFeed(Feed):
    """The latest published draws, optionally of one round type (?round_type=cec) or one
    category family (?category=physicians), the filters of the draw list."""

    description_template = "draws/feed_description.html"

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> dict[str, str]:
        form = DrawFilterForm(request.GET)
        if not form.is_valid():
            raise BadRequest(f"Unknown filter: {form.errors.as_text()}")
        return {
            "round_type": form.cleaned_data["round_type"],
            "family": form.cleaned_data["category"],
        }

    def title(self, filters: dict[str, str]) -> str:
        labels = [
            str(Draw.RoundType(filters["round_type"]).label) if filters["round_type"] else "",
            str(Category.Family(filters["family"]).label) if filters["family"] else "",
        ]
        which = ", ".join(filter(None, labels))
        if not which:
            return _("Express Entry draws")
        return _("Express Entry draws (%(which)s)") % {"which": which}

    def link(self, filters: dict[str, str]) -> str:
        return reverse("draws:list")

    def description(self, filters: dict[str, str]) -> str:
        return _("Rounds of invitations IRCC has held: invitations, CRS cut-off and tie-break.")

    def items(self, filters: dict[str, str]) -> QuerySet[Draw]:
        # One query: the newest published draws with their category.
        return selectors.draws_filtered(**filters)[:ITEMS]

    def item_title(self, draw: Draw) -> str:
        return _("#%(number)s %(round)s, %(day)s: %(invitations)s invitations, CRS %(cutoff)s") % {
            "number": draw.number,
            "round": draw.rule_label,
            "day": f"{draw.held_on:%Y-%m-%d}",
            "invitations": number_format(draw.invitations, force_grouping=True),
            "cutoff": draw.min_crs,
        }

    def item_pubdate(self, draw: Draw) -> datetime:
        return draw.held_at

    def item_updateddate(self, draw: Draw) -> datetime:
        return draw.updated_at


class DrawsAtomFeed(DrawsRssFeed):
    feed_type = Atom1Feed
    subtitle = DrawsRssFeed.description
