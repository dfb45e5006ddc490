"""Writing stored results: one row per (profile, draw), rewritten in place by every evaluation.

The rows are tuples in RESULT_COLUMNS order: the bulk path builds hundreds of thousands of them
per run, and a tuple is what the COPY protocol takes.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

import orjson
from django.db import IntegrityError, connection, transaction
from django.db.models import Field
from psycopg.errors import UniqueViolation
from psycopg.types.json import set_json_dumps

from eligibility.models import EligibilityResult
from eligibility.results.fingerprint import ENGINE_FINGERPRINT
from eligibility.rules.model import Outcome
from eligibility.rules.reasons import unmet_numbers

RESULT_FIELDS = [
    "in_pool",
    "eligible",
    "invited",
    "crs",
    "cutoff_gap",
    "tie_break",
    "reasons",
    "error",
    "engine_version",
    "evaluated_at",
]
RESULT_COLUMNS = ("profile_id", "draw_id", *RESULT_FIELDS)
_LOAD_TABLE = "eligibility_result_load"


def result_values(profile_id: int, draw_id: int, outcome: Outcome, now: datetime) -> tuple:
    """One EligibilityResult as a tuple in RESULT_COLUMNS order; only unmet reasons are kept,
    compactly, as [code, {name: value}] (the pages recompute the full sentences)."""
    return (
        profile_id,
        draw_id,
        outcome.in_pool,
        outcome.eligible,
        outcome.invited,
        outcome.crs,
        outcome.gap,
        outcome.tie_break.value,
        unmet_numbers(outcome.reasons),
        "",
        ENGINE_FINGERPRINT,
        now,
    )


def error_values(profile_id: int, draw_id: int, error: BaseException, now: datetime) -> tuple:
    """The row of a profile the engine could not evaluate: no verdict, the error for staff
    (admin) and for the person (their page says the answer could not be computed)."""
    return (
        profile_id,
        draw_id,
        False,
        False,
        False,
        0,
        0,
        EligibilityResult.TieBreak.NOT_NEEDED.value,
        [],
        f"{type(error).__name__}: {error}"[:1000],
        ENGINE_FINGERPRINT,
        now,
    )


def results_upsert(rows: list[tuple]) -> None:
    """Write results keyed on (profile, draw): a repeated evaluation rewrites the same rows.

    On PostgreSQL, rows that are all new (the first run of a draw) are COPYed straight into
    the table; otherwise they are COPYed into a session-local table and merged with one
    INSERT ... ON CONFLICT. Either is several times faster than a parameterised INSERT for a
    chunk. The embedded SQLite uses bulk_create's upsert. Call inside a transaction.
    """
    if not rows:
        return
    if connection.vendor != "postgresql":
        EligibilityResult.objects.bulk_create(
            [EligibilityResult(**dict(zip(RESULT_COLUMNS, row, strict=True))) for row in rows],
            update_conflicts=True,
            unique_fields=["profile", "draw"],
            update_fields=RESULT_FIELDS,
            batch_size=500,
        )
        return
    if not _results_exist(rows):
        try:
            with transaction.atomic():  # a savepoint, for a row written since the check
                _copy_rows(EligibilityResult._meta.db_table, rows)
            return
        except (IntegrityError, UniqueViolation):
            pass  # a profile saved meanwhile wrote one of these rows: merge them instead
    _merge_rows(rows)


def _results_exist(rows: list[tuple]) -> bool:
    """Whether any stored result may share a key with `rows` (one probe of the unique
    index: the draws, and the range of the profile ids)."""
    profile_ids = [row[0] for row in rows]
    return EligibilityResult.objects.filter(
        draw_id__in={row[1] for row in rows},
        profile__gte=min(profile_ids),
        profile__lte=max(profile_ids),
    ).exists()


def _copy_rows(table: str, rows: list[tuple]) -> None:
    """COPY in PostgreSQL's binary format: a third less work than text for both sides."""
    columns = ", ".join(f'"{name}"' for name in RESULT_COLUMNS)
    with connection.cursor() as cursor:
        # The reasons column is dumped by its type, with orjson: json.dumps was half of this
        # loop's time, and rows need no wrapping.
        set_json_dumps(orjson.dumps, cursor.cursor)
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(_result_types())
            for row in rows:
                copy.write_row(row)


def _result_fields() -> list[Field]:
    # cast: each name is a concrete field of the model, not a relation's reverse side
    return [
        cast(Field, EligibilityResult._meta.get_field(name.removesuffix("_id")))
        for name in RESULT_COLUMNS
    ]


def _result_types() -> list[str]:
    """The PostgreSQL types of RESULT_COLUMNS, as binary COPY needs them ("varchar(20)" is
    sent as "varchar")."""
    return [str(field.db_type(connection)).split("(")[0] for field in _result_fields()]


def result_columns_sql() -> str:
    """The column definitions of RESULT_COLUMNS, for a table shaped like the results."""
    return ", ".join(f'"{f.column}" {f.db_type(connection)}' for f in _result_fields())


def _merge_rows(rows: list[tuple]) -> None:
    table = EligibilityResult._meta.db_table
    definitions = result_columns_sql()
    columns = ", ".join(f'"{name}"' for name in RESULT_COLUMNS)
    updates = ", ".join(f'"{name}" = EXCLUDED."{name}"' for name in RESULT_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {_LOAD_TABLE} ({definitions}) "
            "ON COMMIT DELETE ROWS"
        )
    _copy_rows(_LOAD_TABLE, rows)
    with connection.cursor() as cursor:
        cursor.execute(  # our own tables' and columns' names: no outside input
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {_LOAD_TABLE} "  # noqa: S608
            f"ON CONFLICT (profile_id, draw_id) DO UPDATE SET {updates}"
        )
        cursor.execute(f"TRUNCATE {_LOAD_TABLE}")
