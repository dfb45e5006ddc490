"""The IRCC rounds-feed parser, against the three real copies of the feed and broken inputs.

Pure: no database. The current feed is the snapshot the site ships (draws/data); the two older
copies are kept for these tests (tests/data).
"""

from __future__ import annotations

import copy
import dataclasses
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from draws.ircc_feed import FeedError, FeedRound, parse_datetime_text, parse_feed, round_type_for
from draws.sources import IRCC_FEED_SNAPSHOT
from tests.conftest import IRCC_FEED_APRIL_2024, IRCC_FEED_JANUARY_2023


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[arg-type,misc]  # year, month, day and more


@pytest.fixture(scope="module")
def current() -> dict[str, FeedRound]:
    return {r.number: r for r in parse_feed(IRCC_FEED_SNAPSHOT.read_bytes())}


@pytest.fixture(scope="module")
def january_2023() -> dict[str, FeedRound]:
    return {r.number: r for r in parse_feed(IRCC_FEED_JANUARY_2023.read_bytes())}


# --- the real files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "count", "newest"),
    [
        (IRCC_FEED_SNAPSHOT, 438, "437"),
        (IRCC_FEED_APRIL_2024, 296, "295"),
        (IRCC_FEED_JANUARY_2023, 238, "237"),
    ],
)
def test_every_real_file_parses_completely(path: Path, count: int, newest: str) -> None:
    rounds = parse_feed(path.read_bytes())

    assert len(rounds) == count
    assert rounds[0].number == "1"
    assert rounds[-1].number == newest


def test_rounds_come_back_oldest_first_with_increasing_sequence(
    current: dict[str, FeedRound],
) -> None:
    rounds = parse_feed(IRCC_FEED_SNAPSHOT.read_bytes())
    sequences = [r.sequence for r in rounds]

    assert sequences == sorted(sequences)
    assert len(set(sequences)) == len(sequences)
    dates = [r.held_on for r in rounds]
    assert dates == sorted(dates)


def test_round_397_physicians_is_read_exactly(current: dict[str, FeedRound]) -> None:
    r = current["397"]

    assert r.number == "397"
    assert r.sequence == 39700
    assert r.name == "Physicians with Canadian Work Experience, 2026-Version 1"
    assert r.held_on == date(2026, 2, 19)
    assert r.held_at == _utc(2026, 2, 19, 14, 24, 23)
    assert r.held_at_note == ""
    assert r.invitations == 391
    assert r.cutoff == 169
    assert r.tie_break == _utc(2026, 1, 3, 3, 25, 14)
    assert r.programs_text == (
        "Federal Skilled Worker Program, Canadian Experience Class and "
        "Federal Skilled Trades Program"
    )
    assert r.distribution_as_of == date(2026, 2, 15)
    assert r.distribution is not None
    assert r.distribution[0] == (601, 1200, 280)
    assert r.distribution[-1] == (0, 1200, 235_695)
    assert r.warnings == ()
    assert r.raw["drawNumber"] == "397"
    assert round_type_for(r.name) is None  # a category: resolved against categories.json


def test_round_397_is_frozen(current: dict[str, FeedRound]) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        current["397"].cutoff = 0  # type: ignore[misc]  # the assignment under test


def test_every_instant_is_aware_utc_and_tie_break_never_after_the_round(
    current: dict[str, FeedRound],
) -> None:
    for r in current.values():
        assert r.held_at.tzinfo is UTC, r.number
        if r.tie_break is not None:
            assert r.tie_break.tzinfo is UTC, r.number
            assert r.tie_break <= r.held_at, r.number


def test_rounds_91a_and_91b_are_two_rounds_on_one_day(current: dict[str, FeedRound]) -> None:
    a, b = current["91a"], current["91b"]

    assert a.held_on == b.held_on == date(2018, 5, 30)
    assert current["90"].sequence < a.sequence < b.sequence < current["92"].sequence
    assert (round_type_for(a.name), a.invitations, a.cutoff) == ("fst", 500, 288)
    assert (round_type_for(b.name), b.invitations, b.cutoff) == ("pnp", 200, 902)


def test_year_less_tie_break_of_round_208_takes_the_round_year(
    current: dict[str, FeedRound],
) -> None:
    r = current["208"]

    assert r.raw["drawCutOff"] == "October 7 at 16:38:21 UTC"
    assert r.tie_break == _utc(2021, 10, 7, 16, 38, 21)


def test_year_less_tie_break_after_the_round_day_falls_in_the_previous_year() -> None:
    feed = _feed(
        _round(
            drawDate="2022-01-05",
            drawDateTime="January 5, 2022 at 14:00:00 UTC",
            drawCutOff="December 20 at 09:00:00 UTC",
        )
    )

    assert parse_feed(feed)[0].tie_break == _utc(2021, 12, 20, 9, 0, 0)


def test_year_less_29_february_tie_break_lands_in_the_last_leap_year() -> None:
    feed = _feed(
        _round(
            drawDate="2026-02-19",
            drawDateTime="February 19, 2026 at 14:24:23 UTC",
            drawCutOff="February 29 at 10:00:00 UTC",
        )
    )

    assert parse_feed(feed)[0].tie_break == _utc(2024, 2, 29, 10, 0, 0)


def test_flagged_round_time_lets_a_same_day_tie_break_through() -> None:
    # The real round time is unknown, so only a tie-break after drawDate's end is impossible.
    (r,) = parse_feed(
        _feed(
            _round(
                drawDateTime="February 9, 2026 at 14:24:23 UTC",
                drawCutOff="February 19, 2026 at 08:00:00 UTC",
            )
        )
    )

    assert r.held_at == _utc(2026, 2, 19)
    assert r.tie_break == _utc(2026, 2, 19, 8, 0, 0)
    assert r.held_at_note


def test_round_357_with_a_mistyped_time_is_flagged_and_kept_on_its_date(
    current: dict[str, FeedRound],
) -> None:
    r = current["357"]

    assert r.held_on == date(2025, 7, 22)
    assert r.held_at == _utc(2025, 7, 22)
    assert "July 12, 2025" in r.held_at_note
    assert "more than 1 day" in r.held_at_note
    assert r.held_at_note in r.warnings


def test_flagged_rounds_are_exactly_357(current: dict[str, FeedRound]) -> None:
    assert [r.number for r in current.values() if r.held_at_note] == ["357"]


def test_round_146_time_on_the_next_utc_day_is_accepted(current: dict[str, FeedRound]) -> None:
    r = current["146"]

    assert r.held_on == date(2020, 4, 30)
    assert r.held_at == _utc(2020, 5, 1, 11, 33, 47)
    assert r.held_at_note == ""


def test_round_237_day_first_date_in_the_2023_file(january_2023: dict[str, FeedRound]) -> None:
    r = january_2023["237"]

    assert r.raw["drawDate"] == "11-01-2023"
    assert r.held_on == date(2023, 1, 11)
    assert any("DD-MM-YYYY" in w for w in r.warnings)


@pytest.mark.parametrize("number", ["1", "76", "213", "223", "224", "226", "227"])
def test_all_zero_distribution_is_none(current: dict[str, FeedRound], number: str) -> None:
    r = current[number]

    assert r.raw["dd18"] == "0"
    assert r.distribution is None
    assert r.distribution_as_of is None


def test_exactly_the_unpublished_distributions_are_none(current: dict[str, FeedRound]) -> None:
    missing = {r.number for r in current.values() if r.distribution is None}

    # #1-#213 (214 entries: 91 is 91a and 91b) plus #223, #224, #226 and #227.
    assert len(missing) == 218
    assert {"214", "225", "228"}.isdisjoint(missing)
    assert {"213", "223", "224", "226", "227", "91a", "91b"} <= missing


def test_distribution_has_fifteen_leaf_bands_and_the_total(current: dict[str, FeedRound]) -> None:
    distribution = current["437"].distribution

    assert distribution is not None
    assert len(distribution) == 16
    leaves, total = distribution[:-1], distribution[-1]
    assert sum(count for _, _, count in leaves) == total[2]
    assert [(low, high) for low, high, _ in leaves][:3] == [(601, 1200), (501, 600), (491, 500)]
    assert leaves[-1][:2] == (0, 300)


def test_round_247_subtotal_typo_is_a_warning(current: dict[str, FeedRound]) -> None:
    r = current["247"]

    assert len(r.warnings) == 1
    assert "dd3 55,867" in r.warnings[0]
    assert "55,687" in r.warnings[0]
    assert r.distribution is not None
    # The sub-buckets are kept as published; only the subtotal is wrong.
    assert r.distribution[2:7] == (
        (491, 500, 680),
        (481, 490, 3001),
        (471, 480, 21544),
        (461, 470, 17111),
        (451, 460, 13351),
    )


def test_only_known_rounds_carry_warnings(current: dict[str, FeedRound]) -> None:
    assert sorted(r.number for r in current.values() if r.warnings) == ["247", "357"]


# --- docs/rules.md §9.5 parsing vectors --------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "field", "expected"),
    [
        ("270", "held_at", _utc(2023, 10, 25, 15, 48, 39)),  # "15:48:39 AM UTC": AM ignored
        ("247", "held_at", _utc(2023, 4, 26, 18, 10, 4)),  # "April 26,2023 18:10:04 UTC"
        ("357", "held_on", date(2025, 7, 22)),
        ("146", "held_at", _utc(2020, 5, 1, 11, 33, 47)),
        ("146", "held_on", date(2020, 4, 30)),
        ("208", "tie_break", _utc(2021, 10, 7, 16, 38, 21)),
        ("383", "tie_break", _utc(2025, 3, 5, 5, 10, 48)),  # no "UTC"
        ("1", "tie_break", None),
        ("76", "tie_break", None),
        ("77", "tie_break", _utc(2017, 10, 23, 15, 58, 27)),
        ("213", "distribution", None),
    ],
)
def test_rules_9_5_vector(
    current: dict[str, FeedRound], number: str, field: str, expected: object
) -> None:
    assert getattr(current[number], field) == expected


def test_rules_9_5_empty_tie_break_for_exactly_rounds_1_to_76(
    current: dict[str, FeedRound],
) -> None:
    without = sorted(r.sequence for r in current.values() if r.tie_break is None)

    assert without == [n * 100 for n in range(1, 77)]


def test_rules_9_5_thousands_separator_in_draw_size() -> None:
    assert parse_feed(_feed(_round(drawSize="4,000")))[0].invitations == 4000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("August 7, 2026 at 10:08:20 UTC", _utc(2026, 8, 7, 10, 8, 20)),
        ("August 07, 2026 at 10:08:20 UTC", _utc(2026, 8, 7, 10, 8, 20)),
        ("August 19th 2026 at 12:35:37 UTC", _utc(2026, 8, 19, 12, 35, 37)),
        ("July 3rd 2026 at 21:35:13 UTC", _utc(2026, 7, 3, 21, 35, 13)),
        ("October 15, 2025 15:55:18 UTC", _utc(2025, 10, 15, 15, 55, 18)),
        ("March 01, 2023, at 17:24:39 UTC", _utc(2023, 3, 1, 17, 24, 39)),
        ("February 02, 2023, at 15:12:01 UTC", _utc(2023, 2, 2, 15, 12, 1)),
        ("April 26,2023 18:10:04 UTC", _utc(2023, 4, 26, 18, 10, 4)),
        ("March 02. 2024 at 01:58:34 UTC", _utc(2024, 3, 2, 1, 58, 34)),
        ("May 26 2025 at 12:28:38 UTC", _utc(2025, 5, 26, 12, 28, 38)),
        ("May 21, 2026 at  12:14:09 UTC", _utc(2026, 5, 21, 12, 14, 9)),
        ("April 13, 2026  at 23:10:05 UTC", _utc(2026, 4, 13, 23, 10, 5)),
        ("September 05, 2025 at 0:59:13 UTC", _utc(2025, 9, 5, 0, 59, 13)),
        ("October 25, 2023 at 15:48:39 AM UTC", _utc(2023, 10, 25, 15, 48, 39)),
        ("September 30, 2023 at 04:22:17 AM UTC", _utc(2023, 9, 30, 4, 22, 17)),
        ("June 22, 2021 at 20:19:59 PM UTC", _utc(2021, 6, 22, 20, 19, 59)),
        ("June 22, 2021 at 08:19:59 PM UTC", _utc(2021, 6, 22, 20, 19, 59)),
        ("June 22, 2021 at 12:19:59 AM UTC", _utc(2021, 6, 22, 0, 19, 59)),
        ("March 27, 2015 at 23:59:47", _utc(2015, 3, 27, 23, 59, 47)),
        (" July 13, 2016 at 13:56:45 UTC", _utc(2016, 7, 13, 13, 56, 45)),
        ("July 04, 2023 at 19:36:18 UTC ", _utc(2023, 7, 4, 19, 36, 18)),
        ("May 31, 2024 at12:48:30 UTC", _utc(2024, 5, 31, 12, 48, 30)),
        ("January 23, 2025 at 2025-01-23 15:30:04 UTC", _utc(2025, 1, 23, 15, 30, 4)),
        ("2025-01-23 15:30:04", _utc(2025, 1, 23, 15, 30, 4)),
        ("August 30. 2023 at 13:14:15 UTC", _utc(2023, 8, 30, 13, 14, 15)),
        ("March 24,2022 at 8:00:50 UTC", _utc(2022, 3, 24, 8, 0, 50)),
        ("December 12, 2022, at 10:48:12 UTC", _utc(2022, 12, 12, 10, 48, 12)),
    ],
)
def test_every_date_time_shape_in_the_feed_is_read(text: str, expected: datetime) -> None:
    assert parse_datetime_text(text) == expected


def test_year_less_text_needs_a_default_year() -> None:
    with pytest.raises(ValueError, match="no year"):
        parse_datetime_text("October 7 at 16:38:21 UTC")

    assert parse_datetime_text("October 7 at 16:38:21 UTC", default_year=2021) == _utc(
        2021, 10, 7, 16, 38, 21
    )


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "no month name and day"),
        ("sometime soon", "no month name and day"),
        ("Smarch 3, 2024 at 10:00:00 UTC", "no month name and day"),
        ("May 3, 2024", "no H:MM:SS time"),
        ("May 32, 2024 at 10:00:00", "not a valid date-time"),
        ("May 3, 2024 at 25:00:00", "not a valid date-time"),
    ],
)
def test_unreadable_date_times_are_errors_that_say_why(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        parse_datetime_text(text)


# --- round types --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("No Program Specified", "general"),
        ("General", "general"),
        ("Canadian Experience Class", "cec"),
        ("Federal Skilled Worker", "fsw"),
        ("Federal Skilled Trades", "fst"),
        ("Federal Skilled Trades Program", "fst"),
        ("Provincial Nominee Program", "pnp"),
        ("  provincial  nominee PROGRAM ", "pnp"),
        ("Trade occupations (Version 1)", None),
        ("Trades Occupations, 2026-Version 3", None),
        ("French language proficiency (Version 1)", None),
        ("Physicians with Canadian Work Experience, 2026-Version 1", None),
        ("Something new", None),
    ],
)
def test_round_type_for(name: str, expected: str | None) -> None:
    assert round_type_for(name) == expected


def test_round_types_in_the_current_feed(current: dict[str, FeedRound]) -> None:
    counts: dict[str | None, int] = {}
    for r in current.values():
        kind = round_type_for(r.name)
        counts[kind] = counts.get(kind, 0) + 1

    assert counts == {"general": 178, "cec": 67, "pnp": 111, "fst": 7, "fsw": 1, None: 74}


# --- broken inputs: all or nothing -------------------------------------------------------------


def _round(**overrides: str) -> dict[str, str]:
    """A valid round (#397 as published) with some fields replaced."""
    base = {
        "drawNumber": "397",
        "drawNumberURL": "<a href='/x?q=397'>397</a>",
        "drawDate": "2026-02-19",
        "drawDateFull": "February 19, 2026",
        "drawName": "Physicians with Canadian Work Experience, 2026-Version 1",
        "drawSize": "391",
        "drawCRS": "169",
        "mitext": "",
        "DrawText1": "",
        "drawText2": "Federal Skilled Worker Program, Canadian Experience Class and "
        "Federal Skilled Trades Program",
        "drawDateTime": "February 19, 2026 at 14:24:23 UTC",
        "drawCutOff": "January 03, 2026 at 03:25:14 UTC",
        "drawDistributionAsOn": "February 15, 2026",
        **{f"dd{i}": "0" for i in range(1, 19)},
    }
    base.update(overrides)
    return base


def _feed(*rounds: dict[str, Any]) -> str:
    return json.dumps({"classes": "wb-tables", "rounds": list(rounds)})


def test_a_minimal_valid_round_parses() -> None:
    (r,) = parse_feed(_feed(_round()).encode())

    assert (r.number, r.invitations, r.cutoff, r.distribution) == ("397", 391, 169, None)


def test_byte_order_mark_and_str_input_are_accepted() -> None:
    text = _feed(_round())

    assert parse_feed(b"\xef\xbb\xbf" + text.encode()) == parse_feed(text)


def test_truncated_real_file_is_rejected() -> None:
    raw = IRCC_FEED_SNAPSHOT.read_bytes()

    with pytest.raises(FeedError, match="not valid JSON"):
        parse_feed(raw[: len(raw) // 2])


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "not valid JSON"),
        ("[]", 'JSON object with a "rounds" list'),
        ('{"classes": "wb-tables"}', 'no "rounds" list'),
        ('{"rounds": {}}', 'no "rounds" list'),
        ('{"rounds": []}', "empty"),
        ('{"rounds": ["397"]}', "round at index 0: is not a JSON object"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_malformed_file_is_rejected(raw: str | bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        parse_feed(raw)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"drawSize": "3x1"}, 'round 397: drawSize "3x1" is not a whole number'),
        ({"drawSize": "-5"}, 'round 397: drawSize "-5" is not a whole number'),
        ({"drawSize": "4,00"}, 'round 397: drawSize "4,00" is not a whole number'),
        ({"drawCRS": ""}, 'round 397: drawCRS "" is not a whole number'),
        ({"drawCRS": "1500"}, 'round 397: drawCRS "1500" is above the CRS maximum 1200'),
        ({"dd5": "1.5"}, 'round 397: dd5 "1.5" is not a whole number'),
        ({"drawDate": "2026-02-30"}, 'round 397: drawDate "2026-02-30" is not a YYYY-MM-DD date'),
        ({"drawDate": "19/02/2026"}, 'round 397: drawDate "19/02/2026" is not a YYYY-MM-DD date'),
        ({"drawDateTime": "soon"}, 'round 397: drawDateTime "soon" has no month name and day'),
        ({"drawDateTime": "February 19, 2026"}, "round 397: drawDateTime .* has no H:MM:SS"),
        ({"drawCutOff": "yesterday"}, 'round 397: drawCutOff "yesterday"'),
        ({"drawCutOff": "February 30, 2026 at 10:00:00 UTC"}, "round 397: drawCutOff .*valid"),
        ({"drawDistributionAsOn": "last week"}, 'round 397: drawDistributionAsOn "last week"'),
        ({"drawName": "  "}, "round 397: drawName is empty"),
        ({"drawNumber": "39 7"}, 'round 39 7: drawNumber "39 7" is not a number'),
        (
            {"drawCutOff": "February 19, 2026 at 14:24:24 UTC"},
            "round 397: drawCutOff .* is after the round time 2026-02-19T14:24:23",
        ),
    ],
)
def test_malformed_round_is_rejected_naming_round_and_field(
    overrides: dict[str, str], message: str
) -> None:
    with pytest.raises(FeedError, match=message):
        parse_feed(_feed(_round(drawNumber="396"), _round(**overrides)))


def test_distribution_as_of_is_dropped_when_no_distribution_was_published() -> None:
    (unpublished,) = parse_feed(_feed(_round()))
    (published,) = parse_feed(_feed(_round(dd1="5", dd18="5")))

    assert unpublished.distribution_as_of is None
    assert published.distribution_as_of == date(2026, 2, 15)
    assert published.distribution is not None
    assert published.distribution[0] == (601, 1200, 5)


def test_missing_key_is_rejected() -> None:
    broken = _round()
    del broken["drawCRS"]

    with pytest.raises(FeedError, match="round 397: missing key\\(s\\) drawCRS"):
        parse_feed(_feed(broken))


def test_missing_number_names_the_index() -> None:
    broken = _round()
    del broken["drawNumber"]

    with pytest.raises(FeedError, match="round at index 1: missing key\\(s\\) drawNumber"):
        parse_feed(_feed(_round(drawNumber="396"), broken))


def test_non_string_value_is_rejected() -> None:
    broken: dict[str, Any] = _round()
    broken["drawSize"] = 391

    with pytest.raises(FeedError, match="round 397: drawSize must be a string, got int"):
        parse_feed(_feed(broken))


def test_duplicate_number_is_rejected() -> None:
    with pytest.raises(FeedError, match="round 397: drawNumber is duplicated"):
        parse_feed(_feed(_round(), _round(drawDate="2026-02-20")))


def test_tie_break_after_the_round_is_rejected() -> None:
    with pytest.raises(FeedError, match=r"round 397: drawCutOff .* after the round time"):
        parse_feed(_feed(_round(drawCutOff="March 1, 2026 at 00:00:00 UTC")))


def test_one_bad_round_in_the_real_file_rejects_the_whole_file() -> None:
    document = json.loads(IRCC_FEED_SNAPSHOT.read_bytes())
    document = copy.deepcopy(document)
    for item in document["rounds"]:
        if item["drawNumber"] == "397":
            item["drawSize"] = "3x1"

    with pytest.raises(FeedError, match='round 397: drawSize "3x1" is not a whole number'):
        parse_feed(json.dumps(document))


def test_date_mismatch_with_draw_date_full_is_only_a_warning() -> None:
    (r,) = parse_feed(_feed(_round(drawDateFull="February 18, 2026")))

    assert r.held_on == date(2026, 2, 19)
    assert r.warnings == ('drawDateFull "February 18, 2026" disagrees with drawDate 2026-02-19',)
