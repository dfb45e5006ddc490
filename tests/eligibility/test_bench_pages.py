"""`manage.py bench_pages` serves the real site with gunicorn and measures every page."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from profiles.models import User


@pytest.mark.django_db(transaction=True)
def test_the_page_benchmark_loads_every_page_and_prints_its_figures(imported_draws, occupations):
    out = StringIO()

    call_command("bench_pages", seconds=0.3, clients=2, workers=1, stdout=out)

    rows = {
        match["page"].strip(): match
        for match in re.finditer(
            r"^(?P<page>.{16})\s*(?P<rps>\d+)\s+(?P<p50>[\d.]+)\s+(?P<p95>[\d.]+)\s+"
            r"(?P<bytes>[\d,]+)\s+(?P<queries>\d+|-)\s+(?P<ratio>[\d.]+)$",
            out.getvalue(),
            re.MULTILINE,
        )
    }
    assert set(rows) >= {
        "floor, anonymous",
        "floor, signed in",
        "home",
        "draw list",
        "draw 397",
        "chart",
        "sign-up",
        "personal page",
        "'Why?' page",
    }
    assert all(int(row["rps"]) > 0 for row in rows.values())
    assert float(rows["floor, anonymous"]["ratio"]) == 1.0
    # Gzipped, the page is about 8 KB; a redirect or an error page is under 1 KB.
    assert int(rows["personal page"]["bytes"].replace(",", "")) > 4_000
    assert int(rows["personal page"]["queries"]) > 0
    assert not User.objects.filter(email="bench-pages@example.invalid").exists()  # cleaned up
