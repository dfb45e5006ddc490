"""Response headers: a Content-Security-Policy on every page, and personal pages kept out of
every cache."""

from __future__ import annotations

import pytest
from django.urls import reverse

from profiles.sections import SECTIONS
from tests.factories import DrawFactory, physician_profile

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


@pytest.mark.parametrize("url", ["/", "/draws/", "/accounts/login/", "/admin/login/"])
def test_every_page_has_a_policy_with_nothing_inline(client, url):
    policy = directives(client.get(url))

    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in str(policy)
    assert "'unsafe-eval'" not in str(policy)


def personal_urls(profile, draw) -> list[str]:
    return [
        reverse("profiles:overview", args=[profile.public_id]),
        *(reverse("profiles:edit", args=[profile.public_id, s.slug]) for s in SECTIONS),
        reverse("eligibility:page", args=[profile.public_id]),
        reverse("eligibility:draw", args=[profile.public_id, draw.number]),
        reverse("account"),
        reverse("account_delete"),
        reverse("password_change"),
        reverse("home"),  # any page shows a signed-in person's address in its header
    ]


def test_pages_for_a_signed_in_person_are_private_and_never_stored(client, candidate):
    profile = physician_profile(user=candidate)
    draw = DrawFactory()
    client.force_login(candidate)

    for url in personal_urls(profile, draw):
        response = client.get(url)
        assert response.status_code == 200, url
        assert {"private", "no-store"} <= set(response["Cache-Control"].split(", ")), url


def test_public_pages_for_visitors_may_be_cached(client):
    assert "no-store" not in client.get(reverse("home")).get("Cache-Control", "")


def test_pages_are_compressed_for_clients_that_accept_gzip(client, candidate):
    import gzip

    DrawFactory.create_batch(10)
    client.force_login(candidate)

    plain = client.get("/draws/")
    compressed = client.get("/draws/", headers={"accept-encoding": "gzip, br"})

    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]
    assert compressed["Content-Encoding"] == "gzip"
    assert len(compressed.content) < len(plain.content) / 3
    page = gzip.decompress(compressed.content).decode()
    assert page.split("<main")[1] == plain.content.decode().split("<main")[1]


def test_two_compressed_copies_of_a_page_differ_in_length_against_breach(client):
    DrawFactory.create_batch(10)

    lengths = {
        len(client.get("/draws/", headers={"accept-encoding": "gzip"}).content) for _ in range(8)
    }

    assert len(lengths) > 1  # a random-length header field in each gzip stream


def test_static_files_are_served_compressed_under_hashed_names_cached_for_a_year(
    settings, tmp_path
):
    """Production settings: whitenoise's manifest storage names each file by its content, so
    browsers may keep it forever; a changed file gets a new name."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command
    from django.http import HttpResponse
    from django.test import RequestFactory
    from whitenoise.middleware import WhiteNoiseMiddleware

    settings.DEBUG = False
    settings.WHITENOISE_AUTOREFRESH = False
    settings.STATIC_ROOT = tmp_path
    # The project's own files only: compressing the apps' (the API viewers' bundles) takes 10 s.
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", verbosity=0)
    url = staticfiles_storage.url("css/site.css")
    serve = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))

    response = serve(RequestFactory().get(url, HTTP_ACCEPT_ENCODING="gzip, br"))

    assert url != "/static/css/site.css"  # the content's hash is in the name
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] in {"gzip", "br"}
