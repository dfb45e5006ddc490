from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from draws.services import categories_load
from draws.sources import CATEGORIES_JSON


class Command(BaseCommand):
    help = (
        "Create the category versions shipped in draws/data/categories.json (docs/rules.md §5) "
        "that are missing. Existing versions are left as staff edited them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=CATEGORIES_JSON)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            rows = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"Could not read categories from {file}: {error}") from None
        counts = categories_load(rows=rows)
        self.stdout.write(f"Categories: {counts.summary()}.")
