"""Every page of the site, for the browser tests that walk them all (width, axe-core).

`site_pages(site)` names each page, its path and who opens it: a visitor, the candidate or
staff. `site` is what the `site` fixture made (a profile, a draw, staff); a page added to the
site belongs here so that every walk covers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Literal

from django.urls import reverse

from profiles.sections import SECTIONS

Who = Literal["visitor", "candidate", "staff"]
WHO: tuple[Who, ...] = ("visitor", "candidate", "staff")


@dataclass(frozen=True)
class SitePage:
    name: str
    path: str
    who: Who
    axe: bool = True  # whether axe-core's findings fail the test (see ADMIN_WIDGETS_UNCHECKED)


#: Admin pages whose axe-core findings are Django's own widgets, not the site's: tabular inlines
#: (inputs labelled by their column's header, an empty first header) and the two-list selector
#: of groups and permissions (an aria-label on a span). They are in the width and policy walks;
#: axe-core checks the admin pages staff use for draws and runs.
ADMIN_WIDGETS_UNCHECKED = {
    "admin category add",
    "admin category change",
    "admin user change",
    "admin profile",
    "admin group add",
}


def site_pages(site: SimpleNamespace) -> list[SitePage]:
    profile_id, draw = site.profile.public_id, site.draw
    visitor: list[tuple[str, str]] = [
        ("home", reverse("home")),
        ("draw list", reverse("draws:list")),
        ("draw list, nothing matches", reverse("draws:list") + "?round_type=pnp&category=french"),
        ("draw", reverse("draws:detail", args=[draw.number])),
        ("chart", reverse("draws:chart")),
        ("chart of physicians", reverse("draws:chart") + "?of=physicians"),
        ("log in", reverse("login")),
        ("sign up", reverse("signup")),
        ("password reset", reverse("password_reset")),
        ("password reset sent", reverse("password_reset_done")),
    ]
    candidate: list[tuple[str, str]] = [
        ("account", reverse("account")),
        ("account deletion", reverse("account_delete")),
        ("password change", reverse("password_change")),
        ("profile", reverse("profiles:overview", args=[profile_id])),
        *(
            (f"profile: {section.title}", reverse("profiles:edit", args=[profile_id, section.slug]))
            for section in SECTIONS
        ),
        ("personal page", reverse("eligibility:page", args=[profile_id])),
        ("why? (invited)", reverse("eligibility:draw", args=[profile_id, draw.number])),
        ("why? (not open)", reverse("eligibility:draw", args=[profile_id, site.closed_draw])),
        ("what if", reverse("eligibility:whatif", args=[profile_id]) + "?test0_listening=8.5"),
    ]
    staff: list[tuple[str, str]] = [
        ("admin index", reverse("admin:index")),
        ("admin draw list", reverse("admin:draws_draw_changelist")),
        ("admin draft draws", reverse("admin:draws_draw_changelist") + "?status__exact=draft"),
        ("admin draw add", reverse("admin:draws_draw_add")),
        ("admin draw change", reverse("admin:draws_draw_change", args=[draw.pk])),
        ("admin draw history", reverse("admin:draws_draw_history", args=[draw.pk])),
        ("admin categories", reverse("admin:draws_category_changelist")),
        ("admin category add", reverse("admin:draws_category_add")),
        ("admin category change", reverse("admin:draws_category_change", args=[site.category.pk])),
        ("admin occupations", reverse("admin:draws_occupation_changelist")),
        ("admin evaluation runs", reverse("admin:eligibility_evaluationrun_changelist")),
        ("admin results", reverse("admin:eligibility_eligibilityresult_changelist")),
        ("admin users", reverse("admin:profiles_user_changelist")),
        ("admin user change", reverse("admin:profiles_user_change", args=[site.staff_id])),
        ("admin profiles", reverse("admin:profiles_candidateprofile_changelist")),
        (
            "admin profile",
            reverse("admin:profiles_candidateprofile_change", args=[site.profile.pk]),
        ),
        ("admin groups", reverse("admin:auth_group_changelist")),
        ("admin group add", reverse("admin:auth_group_add")),
        ("admin access attempts", reverse("admin:axes_accessattempt_changelist")),
    ]
    return [
        *(SitePage(name, path, "visitor") for name, path in visitor),
        *(SitePage(name, path, "candidate") for name, path in candidate),
        *(
            SitePage(name, path, "staff", name not in ADMIN_WIDGETS_UNCHECKED)
            for name, path in staff
        ),
    ]
