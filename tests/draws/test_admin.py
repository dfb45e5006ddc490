"""Staff manage draws in admin: validation on the fields at fault, and publishing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from draws.models import Draw
from eligibility.models import EvaluationRun
from tests.factories import CategoryFactory, DrawFactory, UserFactory

pytestmark = pytest.mark.django_db


def valid_draw_data(**changes: str) -> dict[str, str]:
    data = {
        "number": "500",
        "name": "Canadian Experience Class",
        "round_type": "cec",
        "category": "",
        "programs_text": "Canadian Experience Class",
        "held_on": "2026-09-01",
        "held_at_0": "2026-09-01",
        "held_at_1": "14:00:00",
        "held_at_note": "",
        "invitations": "3000",
        "min_crs": "510",
        "tie_break_at_0": "2026-08-20",
        "tie_break_at_1": "10:00:00",
        "distribution_as_of": "",
        "pool_total": "",
        "pool_distribution": "null",
    }
    data.update(changes)
    return data


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def add_draw(admin_client, **changes):
    return admin_client.post(reverse("admin:draws_draw_add"), valid_draw_data(**changes))


def test_staff_can_add_a_valid_draft_draw(admin_client):
    response = add_draw(admin_client)

    assert response.status_code == 302
    draw = Draw.objects.get(number="500")
    assert (draw.status, draw.source, draw.published_at) == ("draft", "entered", None)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"min_crs": "1201"}, "min_crs", "less than or equal to 1200"),
        ({"min_crs": "-1"}, "min_crs", "greater than or equal to 0"),
        ({"invitations": "0"}, "invitations", "greater than or equal to 1"),
        ({"round_type": "category"}, "category", "A category round needs its category."),
        ({"tie_break_at_0": "2026-09-02"}, "tie_break_at", "cannot be after the round was held"),
        ({"number": "4O7"}, "number", "A round number is digits"),
        ({"held_at_0": "2026-09-05"}, "held_at", "within a day of the round's date"),
        (
            {"held_on": "9999-09-01", "held_at_0": "9999-09-01"},
            "held_on",
            "The round's date must lie between 2015-01-01 and",
        ),
        ({"tie_break_at_0": "1815-08-20"}, "tie_break_at", "The tie-break must lie between"),
        ({"distribution_as_of": "2206-01-01"}, "distribution_as_of", "must lie between"),
    ],
)
def test_an_invalid_draw_is_rejected_with_a_message_on_the_field(
    admin_client, changes, field, message
):
    response = add_draw(admin_client, **changes)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])
    assert not Draw.objects.exists()


def test_a_category_on_a_program_round_is_rejected(admin_client):
    category = CategoryFactory()

    response = add_draw(admin_client, category=str(category.pk))

    assert "Only a category round has a category" in " ".join(
        response.context["adminform"].form.errors["category"]
    )


def test_the_publish_action_publishes_drafts_once(admin_client):
    draft = DrawFactory(status=Draw.Status.DRAFT, published_at=None)
    already = DrawFactory()
    published_at = already.published_at

    response = admin_client.post(
        reverse("admin:draws_draw_changelist"),
        {"action": "publish", "_selected_action": [draft.pk, already.pk]},
        follow=True,
    )

    draft.refresh_from_db()
    already.refresh_from_db()
    assert draft.status == Draw.Status.PUBLISHED
    assert draft.published_at is not None
    assert already.published_at == published_at
    messages = [str(message) for message in response.context["messages"]]
    assert any("Published 1 draw" in message for message in messages)
    assert any("1 draw(s) were already published" in message for message in messages)
    assert draft.history.first().history_change_reason == "Published"


def test_the_publish_switch_on_the_form_publishes_on_save(admin_client):
    response = add_draw(admin_client, publish_now="on")

    assert response.status_code == 302
    draw = Draw.objects.get(number="500")
    assert draw.status == Draw.Status.PUBLISHED
    assert draw.published_at is not None


def test_edits_are_kept_in_the_audit_history(admin_client):
    draw = DrawFactory(min_crs=500)
    data = valid_draw_data(number=draw.number, min_crs="505")
    data.update(
        held_on=draw.held_on.isoformat(),
        held_at_0=draw.held_on.isoformat(),
        tie_break_at_0=draw.tie_break_at.date().isoformat(),
    )

    admin_client.post(reverse("admin:draws_draw_change", args=[draw.pk]), data)

    assert [record.min_crs for record in draw.history.all()] == [505, 500]
    history = admin_client.get(reverse("admin:draws_draw_history", args=[draw.pk]))
    assert history.status_code == 200


def test_category_occupations_must_be_known_noc_codes(admin_client, occupations):
    response = admin_client.post(
        reverse("admin:draws_category_add"),
        {
            "name": "Test",
            "slug": "test",
            "family": "healthcare",
            "valid_from": "2026-01-01",
            "occupation_codes": "31102, 99999, 12",
            "months_required": "12",
            "window_years": "3",
            "draw_names-TOTAL_FORMS": "0",
            "draw_names-INITIAL_FORMS": "0",
        },
    )

    assert "Not five-digit NOC 2021 codes: 12" in " ".join(
        response.context["adminform"].form.errors["occupation_codes"]
    )


def category_data(**changes: str) -> dict[str, str]:
    data = {
        "name": "Test",
        "slug": "test",
        "family": "military",
        "valid_from": "2026-01-01",
        "months_required": "0",
        "window_years": "3",
        "military_service_years": "0",
        "caf_offer_min_years": "0",
        "draw_names-TOTAL_FORMS": "0",
        "draw_names-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param(
            {"caf_offer_occupations": "42102 4210"},
            "caf_offer_occupations",
            "Not five-digit NOC 2021 codes: 4210",
            id="a malformed offer occupation",
        ),
        pytest.param(
            {"caf_offer_min_years": "3"},
            "caf_offer_occupations",
            "An offer's minimum length needs its occupations.",
            id="a length without occupations",
        ),
        pytest.param(
            {"military_service_years": "61"},
            "military_service_years",
            "less than or equal to 60",
            id="implausible years of service",
        ),
        pytest.param(
            {"min_education": "phd"},
            "min_education",
            "Select a valid choice",
            id="an unknown education level",
        ),
    ],
)
def test_a_bad_category_rule_is_refused_on_its_field(
    admin_client, occupations, changes, field, message
):
    response = admin_client.post(reverse("admin:draws_category_add"), category_data(**changes))

    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors[field])


def test_staff_can_state_a_military_rule_as_data(admin_client, occupations):
    from draws.models import Category

    response = admin_client.post(
        reverse("admin:draws_category_add"),
        category_data(
            min_education="two_year",
            military_service_years="10",
            caf_offer_occupations="43204, 40042 42102",
            caf_offer_min_years="3",
        ),
    )

    assert response.status_code == 302
    saved = Category.objects.get(slug="test")
    assert saved.caf_offer_occupations == ["40042", "42102", "43204"]
    assert (saved.min_education, saved.military_service_years) == ("two_year", 10)


def test_the_physicians_category_shows_both_sources_in_admin(admin_client, categories):
    from draws.models import Category

    physicians = Category.objects.get(slug="physicians-2026-v1")

    page = admin_client.get(reverse("admin:draws_category_change", args=[physicians.pk]))

    assert physicians.continuous is False
    assert "continu" in physicians.notes
    assert "2026-02-18" in physicians.notes
    assert physicians.notes.split()[0] in page.content.decode()


def test_a_category_version_dated_past_what_the_engine_handles_is_refused(admin_client, categories):
    from draws.models import Category

    category = Category.objects.get(slug="physicians-2026-v1")
    url = reverse("admin:draws_category_change", args=[category.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | bool)
    }
    data |= {
        "occupation_codes": ", ".join(category.occupation_codes),
        "valid_to": "2999-12-31",
        "draw_names-TOTAL_FORMS": "0",
        "draw_names-INITIAL_FORMS": "0",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "The last day must lie between 2015-01-01 and" in " ".join(errors["valid_to"])
    category.refresh_from_db()
    assert category.valid_to is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("5", "Give a list of [low, high, count] rows"),
        ('[["a", "b", "c"]]', "Row 1 must be three whole numbers"),
        ("[[601, 1200, 10], [0, 600]]", "Row 2 must be three whole numbers"),
        ("[[0, 300, true]]", "Row 1 must be three whole numbers"),
        ("[[0, 300.5, 10]]", "Row 1 must be three whole numbers"),
        ("[[500, 400, 10]]", "Row 1: the CRS range must go from low to high within 0-1200"),
        ("[[0, 1300, 10]]", "Row 1: the CRS range must go from low to high within 0-1200"),
        ("[[0, 300, -1]]", "Row 1: the number of candidates cannot be negative"),
    ],
)
def test_a_malformed_pool_distribution_is_refused_at_its_field(admin_client, value, message):
    response = add_draw(admin_client, pool_distribution=value, publish_now="on")

    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["pool_distribution"])
    assert not Draw.objects.exists()


def test_a_valid_pool_distribution_is_published_and_drawn(admin_client, client):
    add_draw(admin_client, pool_distribution="[[601, 1200, 10], [0, 600, 90]]", publish_now="on")

    page = client.get(reverse("draws:detail", args=["500"]))

    assert page.status_code == 200
    assert "601\u20131200" in page.content.decode()  # "low-high", with an en dash
    assert '<rect width="100"' in page.content.decode()


# --- permissions -------------------------------------------------------------------------------


def staff_client(client, *codenames: str, groups: tuple[str, ...] = ()):
    user = UserFactory.create(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.set(Group.objects.filter(name__in=groups))
    client.force_login(user)
    return client


def publish_action(client, draw: Draw):
    return client.post(
        reverse("admin:draws_draw_changelist"),
        {"action": "publish", "_selected_action": [draw.pk]},
    )


def test_staff_who_may_only_view_draws_cannot_publish_one(client):
    draft = DrawFactory(status=Draw.Status.DRAFT, published_at=None)
    viewer = staff_client(client, "view_draw")

    publish_action(viewer, draft)

    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (Draw.Status.DRAFT, None)
    assert not EvaluationRun.objects.exists()


def test_staff_who_may_edit_but_not_publish_save_a_draft_whatever_they_post(client):
    editor = staff_client(client, "view_draw", "add_draw", "change_draw")
    assert "publish_now" not in editor.get(reverse("admin:draws_draw_add")).content.decode()

    response = add_draw(editor, publish_now="on")

    assert response.status_code == 302
    assert Draw.objects.get(number="500").status == Draw.Status.DRAFT
    assert not EvaluationRun.objects.exists()


DRAW_EDITORS = {
    "draws.view_occupation",
    "draws.view_category",
    "draws.add_category",
    "draws.change_category",
    "draws.view_categorydrawname",
    "draws.add_categorydrawname",
    "draws.change_categorydrawname",
    "draws.delete_categorydrawname",
    "draws.view_draw",
    "draws.add_draw",
    "draws.change_draw",
    "draws.publish_draw",
    "draws.view_feedsync",
    "draws.view_unknownroundname",
    "eligibility.view_evaluationrun",
    "eligibility.retry_evaluationrun",
}


def test_the_draw_editors_group_holds_exactly_what_staff_need():
    group = Group.objects.get(name="Draw editors")

    granted = {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    assert granted == DRAW_EDITORS
    # Each is the permission Django itself checks: no duplicate under another name.
    for codename in ("publish_draw", "retry_evaluationrun"):
        assert Permission.objects.filter(codename=codename).count() == 1


def test_a_draw_editor_publishes_but_deletes_no_draw_and_sees_no_profile(client):
    draft = DrawFactory(status=Draw.Status.DRAFT, published_at=None)
    editor = staff_client(client, groups=("Draw editors",))

    publish_action(editor, draft)
    editor.post(
        reverse("admin:draws_draw_changelist"),
        {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"},
    )

    draft.refresh_from_db()
    assert draft.status == Draw.Status.PUBLISHED
    assert EvaluationRun.objects.filter(draw=draft).count() == 1
    assert editor.get(reverse("admin:eligibility_evaluationrun_changelist")).status_code == 200
    for page in ("profiles_candidateprofile", "profiles_user", "eligibility_eligibilityresult"):
        assert editor.get(reverse(f"admin:{page}_changelist")).status_code == 403


# --- the admin as staff read it (issue 19) --------------------------------------------------------


def test_the_add_form_shows_an_empty_pool_distribution_and_labelled_date_and_time_boxes(
    admin_client,
):
    page = admin_client.get(reverse("admin:draws_draw_add")).content.decode()

    textarea = page.split('name="pool_distribution"', 1)[1].split("</textarea>", 1)[0]
    assert textarea.endswith(">\n") or textarea.endswith(">")
    assert "null" not in textarea
    assert 'aria-label="Date and time (UTC): date"' in page
    assert 'aria-label="Date and time (UTC): time (24-hour)"' in page


def test_an_empty_pool_distribution_is_saved_as_none(admin_client):
    response = add_draw(admin_client, pool_distribution="")

    assert response.status_code == 302
    assert Draw.objects.get(number="500").pool_distribution is None


def test_the_admin_uses_a_24_hour_clock_and_iso_dates(admin_client):
    DrawFactory(number="501")
    run = EvaluationRun.objects.create(draw=Draw.objects.get(number="501"), reason="published")
    EvaluationRun.objects.filter(pk=run.pk).update(started_at="2026-09-01T15:30:00Z")

    page = admin_client.get(reverse("admin:eligibility_evaluationrun_changelist")).content.decode()

    assert "2026-09-01 15:30" in page
    assert "p.m." not in page
