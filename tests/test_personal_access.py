"""Every personal view, the same access tests (healthchecks' practice): its owner gets it, an
outsider a 404 whatever the method, an anonymous visitor the login page, and a method the view
does not take a 405. The API's personal endpoints answer only for the requester (they take no
one's ids): anonymous clients are refused and read-only ones answer 405 to a write."""

from __future__ import annotations

import pytest
from django.urls import reverse

from profiles.sections import SECTIONS
from tests.factories import ProfileFactory, access_token

ALL_METHODS = ("get", "post", "put", "patch", "delete")

#: (URL name, arguments after the profile's id, the methods the view takes)
PERSONAL_VIEWS = [
    ("profiles:overview", [], {"get"}),
    *[("profiles:edit", [section.slug], {"get", "post"}) for section in SECTIONS],
    ("profiles:download", [], {"get"}),
    ("profiles:upload", [], {"get", "post"}),
    ("eligibility:page", [], {"get"}),
    ("eligibility:draw", ["397"], {"get"}),  # the "Why?" page of a draw
    ("eligibility:whatif", [], {"get"}),
]
IDS = [f"{name}{'/' + '/'.join(extra) if extra else ''}" for name, extra, _ in PERSONAL_VIEWS]


@pytest.fixture
def profile(candidate):
    return ProfileFactory(user=candidate, marital_status="married", family_size=2)


def url(profile, name: str, extra: list[str]) -> str:
    return reverse(name, args=[profile.public_id, *extra])


@pytest.mark.parametrize(("name", "extra", "methods"), PERSONAL_VIEWS, ids=IDS)
def test_an_outsider_gets_404_whatever_the_method(
    client, other_candidate, profile, name, extra, methods
):
    client.force_login(other_candidate)

    for method in sorted(methods):
        assert getattr(client, method)(url(profile, name, extra)).status_code == 404, method


@pytest.mark.parametrize(("name", "extra", "methods"), PERSONAL_VIEWS, ids=IDS)
def test_an_anonymous_visitor_is_sent_to_log_in(client, profile, name, extra, methods):
    for method in sorted(methods):
        response = getattr(client, method)(url(profile, name, extra))
        assert response.status_code == 302, method
        assert response["Location"].startswith(reverse("login")), method


@pytest.mark.parametrize(("name", "extra", "methods"), PERSONAL_VIEWS, ids=IDS)
def test_a_method_the_view_does_not_take_is_405(client, candidate, profile, name, extra, methods):
    client.force_login(candidate)

    for method in sorted(set(ALL_METHODS) - methods):
        assert getattr(client, method)(url(profile, name, extra)).status_code == 405, method


@pytest.mark.parametrize(
    ("name", "extra", "methods"),
    [view for view in PERSONAL_VIEWS if view[0] != "eligibility:draw"],  # no draw here
    ids=[
        id_ for id_, view in zip(IDS, PERSONAL_VIEWS, strict=True) if view[0] != "eligibility:draw"
    ],
)
def test_the_owner_gets_each_page(client, candidate, profile, name, extra, methods):
    client.force_login(candidate)

    assert client.get(url(profile, name, extra)).status_code == 200


@pytest.mark.parametrize("url_name", ["profiles:mine", "eligibility:mine"])
def test_my_pages_send_an_anonymous_visitor_to_log_in_and_take_get_and_post(client, url_name):
    assert client.get(reverse(url_name))["Location"].startswith(reverse("login"))
    assert client.post(reverse(url_name))["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url_name", ["profiles:mine", "eligibility:mine"])
def test_my_pages_refuse_other_methods(client, candidate, url_name):
    client.force_login(candidate)

    for method in ("put", "patch", "delete"):
        assert getattr(client, method)(reverse(url_name)).status_code == 405, method


#: (API address, the methods it takes)
PERSONAL_API = [
    ("/api/v1/me/profile", {"get", "put"}),
    ("/api/v1/me/eligibility", {"get"}),
    ("/api/v1/me/draws/", {"get"}),
    ("/api/v1/me/draws/397/", {"get"}),
]


@pytest.mark.parametrize(("address", "methods"), PERSONAL_API)
def test_the_personal_api_refuses_anonymous_clients(client, address, methods):
    for method in sorted(methods):
        assert getattr(client, method)(address).status_code in (401, 403), method


@pytest.mark.parametrize(("address", "methods"), PERSONAL_API)
def test_the_personal_api_answers_405_to_a_method_it_does_not_take(
    client, candidate, profile, address, methods
):
    token = access_token(candidate)

    for method in sorted({"post", "put", "patch", "delete"} - methods):
        response = getattr(client, method)(address, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 405, method
