from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from eligibility.candidate_json import CandidateFormatError
from eligibility.verdicts import verdict_for_json


class Command(BaseCommand):
    help = (
        "Print the JSON verdict for a candidate described in the candidate JSON format "
        "(README: 'Checking a candidate from the command line')."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the candidate JSON file ('-' for stdin)")
        parser.add_argument("--on", help="evaluate on this date (YYYY-MM-DD); default today")
        parser.add_argument("--draw", help="also judge this published draw, on its date")
        parser.add_argument(
            "--improvements",
            action="store_true",
            help="also list the single changes that would raise the CRS, largest gain first",
        )
        parser.add_argument(
            "--lang",
            choices=[code for code, _name in settings.LANGUAGES],
            default="en",
            help="the language of the reasons' sentences (en); codes and fields stay the same",
        )

    def handle(
        self,
        *args: Any,
        file: Path,
        on: str | None,
        draw: str | None,
        improvements: bool,
        lang: str,
        **options: Any,
    ) -> None:
        try:
            text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
            data = json.loads(text)
        except OSError as error:
            raise CommandError(f"Could not read {file}: {error.strerror or error}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CommandError(f"{file} is not valid JSON: {error}") from None
        try:
            with translation.override(lang):
                verdict = verdict_for_json(
                    data, on=on, draw_number=draw, with_improvements=improvements
                )
        except CandidateFormatError as error:
            if "on" in error.problems:  # the option, not the file
                raise CommandError(f"--on {error.problems['on']}") from None
            lines = "\n".join(
                f"  {path or '(top level)'}: {message}" for path, message in error.problems.items()
            )
            raise CommandError(f"The candidate JSON has problems:\n{lines}") from None
        self.stdout.write(json.dumps(verdict, indent=2, ensure_ascii=False))
