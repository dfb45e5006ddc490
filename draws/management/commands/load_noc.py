from __future__ import annotations

import csv
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from draws.noc_csv import NocFormatError, parse_noc_csv
from draws.services import occupation_titles_load, occupations_load
from draws.sources import NOC_COMMON_TITLES_CSV, NOC_CSV, SourceError, read_source


class Command(BaseCommand):
    help = (
        "Load NOC 2021 unit groups from a CSV file or URL: the project's derived noc_2021.csv "
        "or Statistics Canada's classification-structure CSV, then the everyday titles shipped "
        "in draws/data/noc_2021_common_titles.csv. Re-running changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source",
            nargs="?",
            default=str(NOC_CSV),
            help="a file path or an http(s) URL (default: the shipped draws/data/noc_2021.csv)",
        )
        parser.add_argument("--timeout", type=float, default=30, help="download timeout (s)")

    def handle(self, *args: Any, source: str, timeout: float, **options: Any) -> None:
        try:
            rows = parse_noc_csv(read_source(source, timeout=timeout).decode("utf-8-sig"))
        except (SourceError, NocFormatError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from None
        counts = occupations_load(rows=rows)
        self.stdout.write(f"Occupations: {counts.summary()}.")
        for change in counts.changes:
            self.stdout.write(f"  updated {change}")
        with NOC_COMMON_TITLES_CSV.open(encoding="utf-8", newline="") as titles:
            stored = occupation_titles_load(rows=csv.DictReader(titles))
        self.stdout.write(f"Everyday titles: {stored}.")
