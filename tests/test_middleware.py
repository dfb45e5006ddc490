"""A NUL character in a query string is a 400 everywhere, never a database error."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/draws/?q=a%00b",
        "/draws/chart/?category=%00",
        "/admin/draws/draw/?status__exact=%00",
        "/draws/397%00/",
    ],
)
def test_a_nul_in_the_query_string_is_a_400(client, staff, url):
    client.force_login(staff)

    response = client.get(url)

    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_an_ordinary_query_string_passes(client, db):
    assert client.get("/draws/?q=physicians").status_code == 200


def test_the_api_answers_a_nul_in_its_own_shape_naming_the_parameter(client, db):
    response = client.get("/api/v1/occupations/?q=nurse%00")

    assert response.status_code == 400
    assert response.json() == {"errors": {"q": "must not contain a NUL character"}}


def test_the_api_answers_a_nul_in_the_path_in_its_own_shape(client, db):
    response = client.get("/api/v1/draws/397%00/")

    assert response.status_code == 400
    assert response.json() == {"errors": {"request": "must not contain a NUL character"}}
