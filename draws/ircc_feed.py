"""Pure parser for IRCC's rounds-of-invitations feed (``ee_rounds_123_en.json``).

Standard library only, no Django: the importer (a management command / service) calls
:func:`parse_feed` and upserts what comes back. The feed is maintained by hand at IRCC, so the
parser tolerates every formatting quirk seen in the real files (docs/rules.md §7.4; the
snapshot the site ships, with its provenance, is in ``draws/data``) but refuses anything it
cannot read with certainty: one malformed round makes the whole file fail (:class:`FeedError`),
so an import never half-applies a broken download.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

__all__ = [
    "DISTRIBUTION_BUCKETS",
    "FeedError",
    "FeedRound",
    "draw_name_key",
    "parse_datetime_text",
    "parse_feed",
    "round_type_for",
]


class FeedError(ValueError):
    """The feed (or one of its rounds) cannot be read; the message names the round and field."""


@dataclass(frozen=True, slots=True)
class FeedRound:
    """One round as published, with every value typed.

    ``held_on`` (drawDate) is the day that selects the rules; ``held_at`` is the instant (UTC) for
    pool membership, or drawDate 00:00 UTC with ``held_at_note`` explaining why when drawDateTime
    is empty or more than a day off. ``warnings`` lists every oddity kept rather than rejected
    (the held_at_note included), for the importer to log.
    """

    number: str
    # Numeric prefix x 100 + suffix rank (a=1, b=2...): 91 < 91a < 91b < 92, stable across files.
    sequence: int
    held_on: date
    held_at: datetime
    held_at_note: str
    name: str
    programs_text: str
    invitations: int
    cutoff: int
    tie_break: datetime | None
    distribution_as_of: date | None
    # (low, high, count) per leaf CRS band, highest first, then (0, 1200, total).
    distribution: tuple[tuple[int, int, int], ...] | None
    warnings: tuple[str, ...]
    # The round's object exactly as published, for the importer to store; hash=False keeps the
    # dataclass hashable despite the dict.
    raw: dict[str, Any] = field(hash=False)


# Leaf buckets of the pool distribution, in feed order. dd3 and dd9 are subtotals and dd18 the
# total; they are checked, not stored, so a typo in a subtotal (#247) cannot leak into the data.
DISTRIBUTION_BUCKETS: tuple[tuple[str, int, int], ...] = (
    ("dd1", 601, 1200),
    ("dd2", 501, 600),
    ("dd4", 491, 500),
    ("dd5", 481, 490),
    ("dd6", 471, 480),
    ("dd7", 461, 470),
    ("dd8", 451, 460),
    ("dd10", 441, 450),
    ("dd11", 431, 440),
    ("dd12", 421, 430),
    ("dd13", 411, 420),
    ("dd14", 401, 410),
    ("dd15", 351, 400),
    ("dd16", 301, 350),
    ("dd17", 0, 300),
)
_DD_KEYS = tuple(f"dd{i}" for i in range(1, 19))

REQUIRED_KEYS: tuple[str, ...] = (
    "drawNumber",
    "drawDate",
    "drawName",
    "drawSize",
    "drawCRS",
    "drawText2",
    "drawDateTime",
    "drawCutOff",
    "drawDistributionAsOn",
    *_DD_KEYS,
)

MAX_CRS = 1200
# Rounds are judged by their date: one outside Express Entry's years is a typo (9999 for 2025)
# that would take the engine's date arithmetic off the calendar.
EARLIEST_ROUND_DATE = date(2015, 1, 1)  # Express Entry began; its first round was on 31 January
LATEST_ROUND_DATE = date(2099, 12, 31)
# drawDateTime may legitimately fall on the next UTC day (evening rounds in Ottawa, #146);
# anything further away is a typo in the feed (#357: "July 12" for a round on July 22).
_MAX_DATETIME_DRIFT = timedelta(days=1)

# Names are compared after collapsing whitespace and case, as docs/rules.md §5.3 asks. The
# "... Program" spellings come from drawText2 and are accepted so a relabelled round is not
# mistaken for a category. "Federal Skilled Trades" is the FST program, never the trades category.
_ROUND_TYPES: dict[str, str] = {
    "no program specified": "general",
    "general": "general",
    "canadian experience class": "cec",
    "federal skilled worker": "fsw",
    "federal skilled worker program": "fsw",
    "federal skilled trades": "fst",
    "federal skilled trades program": "fst",
    "provincial nominee program": "pnp",
}

_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(
    (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ),
    start=1,
):
    _MONTHS[_name] = _i
    _MONTHS[_name[:3]] = _i
_MONTHS["sept"] = 9

_NUMBER_RE = re.compile(r"(\d+)([a-z]?)")
_WHOLE_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DMY_DATE_RE = re.compile(r"(\d{2})-(\d{2})-(\d{4})")
_ISO_DATETIME_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T]+(\d{1,2}):(\d{2}):(\d{2})")
# "<Month> <day>[st|nd|rd|th][,.] [<year>]": every separator seen in the feed is optional.
_MONTH_DAY_RE = re.compile(
    r"(?<![A-Za-z])([A-Za-z]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?(?!\d)\s*[,.]?\s*(\d{4})?(?!\d)",
)
_TIME_RE = re.compile(r"(?<!\d)(\d{1,2}):(\d{2}):(\d{2})(?!\d)\s*([AaPp][Mm])?")


def draw_name_key(name: str) -> str:
    """A drawName as rounds are matched on it: case and runs of spaces do not matter (docs/rules.md
    §5.3, "the exact drawName string (normalised for case)")."""
    return " ".join(name.split()).casefold()


def round_type_for(name: str) -> str | None:
    """Round type of a non-category drawName ("general", "cec", "fsw", "fst", "pnp").

    None for a category name or an unknown name; the caller resolves those against the
    category versions (categories.json / the database).
    """
    return _ROUND_TYPES.get(draw_name_key(name))


def parse_feed(raw: bytes | str) -> list[FeedRound]:
    """Parse the whole feed, oldest round first; any malformed round raises FeedError."""
    rounds = _load_rounds(raw)
    parsed: list[FeedRound] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(rounds):
        feed_round = _parse_round(item, index)
        if feed_round.number in seen:
            raise FeedError(
                f"round {feed_round.number}: drawNumber is duplicated "
                f"(entries {seen[feed_round.number]} and {index})"
            )
        seen[feed_round.number] = index
        parsed.append(feed_round)
    parsed.sort(key=lambda r: r.sequence)
    return parsed


def parse_datetime_text(text: str, *, default_year: int | None = None) -> datetime:
    """Read one of IRCC's free-text date-times as an aware UTC datetime.

    Tries an ISO "YYYY-MM-DD HH:MM:SS" anywhere in the text (it wins over the month-name date in
    "January 23, 2025 at 2025-01-23 15:30:04 UTC"), else a month name, day and optional year
    followed by the first H:MM:SS. Every value is UTC (docs/rules.md §7.4), with or without "UTC".
    A year-less value takes ``default_year``; without one it is a ValueError.
    """
    iso = _ISO_DATETIME_RE.search(text)
    if iso:
        y, mo, d, h, mi, se = (int(g) for g in iso.groups())
        return _build_datetime(y, mo, d, h, mi, se, meridiem=None)
    found = _find_month_day(text)
    if found is None:
        raise ValueError("has no month name and day")
    month, day, year, end = found
    time_match = _TIME_RE.search(text, end)
    if time_match is None:
        raise ValueError("has no H:MM:SS time")
    if year is None:
        if default_year is None:
            raise ValueError("has no year")
        year = default_year
    hour, minute, second = (int(g) for g in time_match.groups()[:3])
    return _build_datetime(year, month, day, hour, minute, second, meridiem=time_match.group(4))


# --- the file -------------------------------------------------------------------------------


def _load_rounds(raw: bytes | str) -> list[Any]:
    if isinstance(raw, bytes):
        try:
            # utf-8-sig: tolerate a byte-order mark should a copy be re-saved by an editor.
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise FeedError(f"feed is not UTF-8 text (byte {exc.start})") from exc
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise FeedError(
            f"feed is not valid JSON (truncated or corrupt?): {exc.msg} "
            f"at line {exc.lineno} column {exc.colno}"
        ) from exc
    if not isinstance(document, dict):
        raise FeedError('feed must be a JSON object with a "rounds" list')
    rounds = document.get("rounds")
    if not isinstance(rounds, list):
        raise FeedError('feed has no "rounds" list')
    if not rounds:
        raise FeedError('feed "rounds" list is empty')
    return rounds


# --- one round ------------------------------------------------------------------------------


def _parse_round(item: Any, index: int) -> FeedRound:
    if not isinstance(item, dict):
        raise FeedError(f"round at index {index}: is not a JSON object")
    label = _round_label(item, index)
    missing = [key for key in REQUIRED_KEYS if key not in item]
    if missing:
        raise FeedError(f"{label}: missing key(s) {', '.join(missing)}")
    for key in REQUIRED_KEYS:
        if not isinstance(item[key], str):
            raise FeedError(f"{label}: {key} must be a string, got {type(item[key]).__name__}")

    number, sequence = _parse_number(item["drawNumber"], label)
    warnings: list[str] = []
    held_on = _parse_draw_date(item, label, warnings)
    held_at, held_at_note = _parse_held_at(item["drawDateTime"], held_on, label)
    if held_at_note:
        warnings.append(held_at_note)
    # When the round's time is unknown (flagged) it may have run any time on drawDate, so the
    # tie-break only has to precede the end of that day.
    latest = held_at if not held_at_note else held_at + timedelta(days=1)
    tie_break = _parse_tie_break(item["drawCutOff"], latest, label)
    distribution = _parse_distribution(item, label, warnings)
    distribution_as_of = _parse_as_of(item["drawDistributionAsOn"], label)
    name = item["drawName"].strip()
    if not name:
        raise FeedError(f"{label}: drawName is empty")
    cutoff = _parse_whole(item["drawCRS"], "drawCRS", label)
    if cutoff > MAX_CRS:
        raise FeedError(f'{label}: drawCRS "{item["drawCRS"]}" is above the CRS maximum {MAX_CRS}')
    return FeedRound(
        number=number,
        sequence=sequence,
        held_on=held_on,
        held_at=held_at,
        held_at_note=held_at_note,
        name=name,
        programs_text=" ".join(item["drawText2"].split()),
        invitations=_parse_whole(item["drawSize"], "drawSize", label),
        cutoff=cutoff,
        tie_break=tie_break,
        # Validated either way, but a snapshot date for an unpublished distribution dates
        # nothing, so it is dropped (raw keeps the text).
        distribution_as_of=distribution_as_of if distribution else None,
        distribution=distribution,
        warnings=tuple(warnings),
        raw=item,
    )


def _round_label(item: dict[str, Any], index: int) -> str:
    number = item.get("drawNumber")
    if isinstance(number, str) and number.strip():
        return f"round {number.strip()}"
    return f"round at index {index}"


def _parse_number(text: str, label: str) -> tuple[str, int]:
    number = text.strip()
    match = _NUMBER_RE.fullmatch(number)
    if match is None:
        raise FeedError(f'{label}: drawNumber "{text}" is not a number with an optional letter')
    digits, suffix = match.groups()
    rank = ord(suffix) - ord("a") + 1 if suffix else 0
    return number, int(digits) * 100 + rank


def _parse_whole(text: str, field: str, label: str) -> int:
    cleaned = text.strip()
    if not _WHOLE_RE.fullmatch(cleaned):
        raise FeedError(f'{label}: {field} "{text}" is not a whole number')
    return int(cleaned.replace(",", ""))


def _parse_draw_date(item: dict[str, Any], label: str, warnings: list[str]) -> date:
    text = item["drawDate"].strip()
    try:
        iso = _ISO_DATE_RE.fullmatch(text)
        if iso:
            held_on = date(*(int(g) for g in iso.groups()))
        else:
            dmy = _DMY_DATE_RE.fullmatch(text)
            if dmy is None:
                raise ValueError
            # Round 237 in the 2023-01-17 file: "11-01-2023" is 11 January (drawDateFull agrees).
            day, month, year = (int(g) for g in dmy.groups())
            held_on = date(year, month, day)
            warnings.append(f'drawDate "{text}" read as DD-MM-YYYY: {held_on.isoformat()}')
    except ValueError:
        raise FeedError(
            f'{label}: drawDate "{item["drawDate"]}" is not a YYYY-MM-DD date'
        ) from None
    if not EARLIEST_ROUND_DATE <= held_on <= LATEST_ROUND_DATE:
        raise FeedError(
            f'{label}: drawDate "{text}" is not between {EARLIEST_ROUND_DATE} and '
            f"{LATEST_ROUND_DATE}"
        )
    _cross_check_full_date(item.get("drawDateFull"), held_on, warnings)
    return held_on


def _cross_check_full_date(full: Any, held_on: date, warnings: list[str]) -> None:
    # drawDateFull is redundant; a disagreement is worth a warning but drawDate stays
    # authoritative (docs/rules.md §7.2), and an unreadable drawDateFull is ignored like the field.
    if not isinstance(full, str) or not full.strip():
        return
    full_date = _date_from_words(full)
    if full_date is None:
        return
    if full_date != held_on:
        warnings.append(f'drawDateFull "{full}" disagrees with drawDate {held_on.isoformat()}')


def _parse_held_at(text: str, held_on: date, label: str) -> tuple[datetime, str]:
    midnight = datetime(held_on.year, held_on.month, held_on.day, tzinfo=UTC)
    if not text.strip():
        return midnight, "drawDateTime is empty; round time set to drawDate 00:00 UTC"
    try:
        # A year-less time is taken in the round's year; none occurs today.
        held_at = parse_datetime_text(text, default_year=held_on.year)
    except ValueError as exc:
        raise FeedError(f'{label}: drawDateTime "{text}" {exc}') from None
    if abs(held_at.date() - held_on) > _MAX_DATETIME_DRIFT:
        return midnight, (
            f'drawDateTime "{text.strip()}" is more than 1 day from drawDate '
            f"{held_on.isoformat()}; round time set to drawDate 00:00 UTC"
        )
    return held_at, ""


def _parse_tie_break(text: str, latest: datetime, label: str) -> datetime | None:
    if not text.strip():
        return None  # rounds #1-#76 predate the tie-breaking rule
    try:
        # 2000 is a leap-year placeholder so a year-less 29 February still parses; the real
        # year is chosen below.
        tie_break = parse_datetime_text(text, default_year=2000)
    except ValueError as exc:
        raise FeedError(f'{label}: drawCutOff "{text}" {exc}') from None
    if _has_year(text):
        if tie_break > latest:
            raise FeedError(
                f'{label}: drawCutOff "{text.strip()}" is after the round time {latest.isoformat()}'
            )
        return tie_break
    # #208 "October 7 at 16:38:21 UTC": the latest year that puts the tie-break at or before
    # the round, so a December tie-break for a January round lands in the previous year (and a
    # 29 February in the last leap year).
    for year in range(latest.year, latest.year - 5, -1):
        try:
            candidate = tie_break.replace(year=year)
        except ValueError:  # 29 February in a common year
            continue
        if candidate <= latest:
            return candidate
    raise FeedError(f'{label}: drawCutOff "{text.strip()}" has no year that precedes the round')


def _has_year(text: str) -> bool:
    if _ISO_DATETIME_RE.search(text):
        return True
    found = _find_month_day(text)
    return found is not None and found[2] is not None


def _parse_as_of(text: str, label: str) -> date | None:
    if not text.strip():
        return None
    parsed = _date_from_words(text)
    if parsed is None:
        raise FeedError(f'{label}: drawDistributionAsOn "{text}" is not a "Month D, YYYY" date')
    return parsed


def _parse_distribution(
    item: dict[str, Any], label: str, warnings: list[str]
) -> tuple[tuple[int, int, int], ...] | None:
    counts = {key: _parse_whole(item[key], key, label) for key in _DD_KEYS}
    if not any(counts.values()):
        return None  # all "0" means not published (every round to #213, and #223-#227)
    _check_subtotal(counts, "dd3", ("dd4", "dd5", "dd6", "dd7", "dd8"), warnings)
    _check_subtotal(counts, "dd9", ("dd10", "dd11", "dd12", "dd13", "dd14"), warnings)
    _check_subtotal(counts, "dd18", ("dd1", "dd2", "dd3", "dd9", "dd15", "dd16", "dd17"), warnings)
    leaves = tuple((low, high, counts[key]) for key, low, high in DISTRIBUTION_BUCKETS)
    return (*leaves, (0, MAX_CRS, counts["dd18"]))


def _check_subtotal(
    counts: dict[str, int], total_key: str, part_keys: tuple[str, ...], warnings: list[str]
) -> None:
    parts = sum(counts[key] for key in part_keys)
    if counts[total_key] != parts:
        warnings.append(
            f"{total_key} {counts[total_key]:,} differs from {part_keys[0]}..{part_keys[-1]} "
            f"sum {parts:,}; the leaf buckets are kept as published"
        )


# --- date-time text ---------------------------------------------------------------------------


def _date_from_words(text: str) -> date | None:
    """A "Month D, YYYY" date, or None when the text holds no complete, valid one."""
    found = _find_month_day(text)
    if found is None:
        return None
    month, day, year, _ = found
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _find_month_day(text: str) -> tuple[int, int, int | None, int] | None:
    """First "<month name> <day> [year]" in text: (month, day, year or None, end offset)."""
    for match in _MONTH_DAY_RE.finditer(text):
        month = _MONTHS.get(match.group(1).casefold())
        if month is None:
            continue  # a word such as "at" before a number
        year = int(match.group(3)) if match.group(3) else None
        return month, int(match.group(2)), year, match.end()
    return None


def _build_datetime(
    year: int, month: int, day: int, hour: int, minute: int, second: int, meridiem: str | None
) -> datetime:
    if meridiem:
        # "15:48:39 AM" (#270) and "20:19:59 PM" (#210): a 24-hour clock with a stray marker,
        # so the marker only applies to hours 1-12.
        marker = meridiem.upper()
        if marker == "PM" and 1 <= hour < 12:
            hour += 12
        elif marker == "AM" and hour == 12:
            hour = 0
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError as exc:
        raise ValueError(f"is not a valid date-time ({exc})") from None
