"""Stored results, owned here and nowhere else.

- `fingerprint`: the engine's fingerprint, computed from its source and stored with each result.
- `freshness`: when a stored result may be shown (engine, profile, draw, category version).
- `store`: writing results in bulk (COPY on PostgreSQL), one row per profile and draw.
- `compute`: one result, with one profile's bad data contained as an error result.
- `reader`: the personal page's draw rows (stored where fresh, computed elsewhere).
- `services`: recomputing results, for a draw (a run) or for a profile (after a save).
"""
