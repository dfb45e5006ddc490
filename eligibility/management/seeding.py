"""Synthetic profiles for the benchmarks (seed_profiles, bench_reevaluate): deterministic
candidates written in bulk, as a quarter of a million real users would leave them."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection, transaction
from django.db.models import Model

from draws.models import Occupation
from eligibility import selectors
from eligibility.adapters import profile_fields, profile_rows
from profiles.models import CandidateProfile, User

SEED_EMAIL = "seed-{seed}-{index}@example.invalid"
SEED_DOMAIN = "@example.invalid"


def profiles_seed(*, count: int, seed: int, on: date, batch: int = 2000) -> tuple[int, int]:
    """Top the synthetic profiles of `seed` up to `count`. Returns (created, already there).

    Users get unusable passwords (no hashing cost); rows are written in bulk, a batch per
    transaction, so an interrupted seed keeps what it wrote and the next one tops up.
    """
    existing = User.objects.filter(
        email__startswith=f"seed-{seed}-", email__endswith=SEED_DOMAIN
    ).count()
    created = 0
    if existing < count:
        created = _profiles_seed_from(existing, count=count, seed=seed, on=on, batch=batch)
    profiles_analyze()  # also for profiles seeded earlier, perhaps by an older release
    return created, existing


def _profiles_seed_from(first: int, *, count: int, seed: int, on: date, batch: int) -> int:
    """Write the synthetic candidates `first` to `count` of `seed`; returns how many."""
    from eligibility.synthetic import synthetic_candidates

    nocs = set(Occupation.objects.values_list("code", flat=True))
    candidates = synthetic_candidates(count, seed=seed, on=on)
    for _ in range(first):  # the generator is deterministic: skip those already written
        next(candidates)
    for start in range(first, count, batch):
        chunk = [next(candidates) for _ in range(min(batch, count - start))]
        missing = {w.noc for c in chunk for w in c.work} - nocs
        if missing:
            raise ValueError(
                f"Load the NOC list first (manage.py load_noc): missing {sorted(missing)[:5]}"
            )
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(
                    email=SEED_EMAIL.format(seed=seed, index=start + offset),
                    password=UNUSABLE_PASSWORD_PREFIX,
                )
                for offset in range(len(chunk))
            )
            profiles = CandidateProfile.objects.bulk_create(
                CandidateProfile(user=user, **profile_fields(candidate))
                for user, candidate in zip(users, chunk, strict=True)
            )
            rows = [row for p, c in zip(profiles, chunk, strict=True) for row in profile_rows(p, c)]
            for model in {type(row) for row in rows}:
                model._default_manager.bulk_create([row for row in rows if type(row) is model])
    return count - first


def profiles_analyze() -> None:
    """Refresh the planner's statistics of the profile tables after a bulk load, as
    PostgreSQL's "Populating a Database" advises: autovacuum may be off or not have run yet,
    and without statistics planning a run (the evaluable profiles) took 5 s instead of 0.7 s
    on 250,000 profiles."""
    if connection.vendor != "postgresql":
        return
    models: list[type[Model]] = [User, CandidateProfile, *selectors.ENTRY_COLUMNS]
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
