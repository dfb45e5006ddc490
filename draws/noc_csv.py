"""Pure parser for NOC 2021 unit groups (the occupations Express Entry work experience uses).

Reads either of two CSV layouts and tells them apart by the header:

* the derived ``noc_2021.csv`` that the site ships in ``draws/data`` (one row per unit group:
  code, title, teer, broad_category, broad_category_title, then the parent groups, which are
  ignored here);
* Statistics Canada's classification-structure CSV (a copy is in ``tests/data/noc``; byte-order
  mark; columns Level, Hierarchical structure, Code - NOC 2021 V1.0, Class title, Class
  definition; all five levels). Only the level-5 unit groups become rows; the broad-category
  titles come from the level-1 rows.

Standard library only. Any malformed row raises :class:`NocFormatError` naming the line and the
column, so a loader never stores half a classification.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

__all__ = ["NocFormatError", "NocRow", "parse_noc_csv"]


class NocFormatError(ValueError):
    """The CSV cannot be read as NOC 2021; the message names the line and column."""


@dataclass(frozen=True, slots=True)
class NocRow:
    code: str  # 5 digits, zero-padded: "00012"
    title: str
    teer: int  # 2nd digit of the code (StatCan's rule)
    broad_category: int  # 1st digit of the code
    broad_category_title: str


DERIVED_COLUMNS: tuple[str, ...] = (
    "code",
    "title",
    "teer",
    "broad_category",
    "broad_category_title",
)
STATCAN_LEVEL = "Level"
STATCAN_CODE = "Code - NOC 2021 V1.0"
STATCAN_TITLE = "Class title"
STATCAN_COLUMNS: tuple[str, ...] = (STATCAN_LEVEL, STATCAN_CODE, STATCAN_TITLE)
_UNIT_GROUP_LEVEL = 5

_UNIT_CODE_RE = re.compile(r"\d{5}")


def parse_noc_csv(text: str) -> list[NocRow]:
    """Unit groups in file order from either CSV layout; see the module docstring."""
    # A BOM survives when the caller decoded with "utf-8" rather than "utf-8-sig".
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise NocFormatError("line 1: the file is empty")
        columns = {name.strip(): index for index, name in enumerate(header)}
        if all(name in columns for name in DERIVED_COLUMNS):
            rows = _parse_derived(_records(reader, columns))
        elif all(name in columns for name in STATCAN_COLUMNS):
            rows = _parse_statcan(_records(reader, columns))
        else:
            raise NocFormatError(
                "line 1: header is neither noc_2021.csv "
                f"({', '.join(DERIVED_COLUMNS)}) nor StatCan's classification structure "
                f"({', '.join(STATCAN_COLUMNS)}); got {', '.join(header)}"
            )
    except csv.Error as exc:
        raise NocFormatError(f"line {reader.line_num}: not valid CSV ({exc})") from None
    if not rows:
        raise NocFormatError("no unit groups (5-digit codes) found")
    _reject_duplicates(rows)
    return [row for row, _ in rows]


# --- the derived noc_2021.csv ---------------------------------------------------------------


def _parse_derived(records: Iterator[_Cells]) -> list[tuple[NocRow, int]]:
    rows: list[tuple[NocRow, int]] = []
    for cells in records:
        code = _unit_code(cells, "code")
        teer = cells.digit("teer")
        if teer != int(code[1]):
            raise cells.error("teer", f"is {teer} but the code {code} says TEER {code[1]}")
        broad = cells.digit("broad_category")
        if broad != int(code[0]):
            raise cells.error("broad_category", f"is {broad} but the code {code} starts {code[0]}")
        row = NocRow(
            code=code,
            title=cells.text("title"),
            teer=teer,
            broad_category=broad,
            broad_category_title=cells.text("broad_category_title"),
        )
        rows.append((row, cells.line))
    return rows


# --- StatCan's classification structure -----------------------------------------------------


def _parse_statcan(records: Iterator[_Cells]) -> list[tuple[NocRow, int]]:
    broad_titles: dict[str, str] = {}
    # (code, title, line) per unit group; titles of broad categories are joined afterwards so
    # the parser does not depend on level-1 rows coming first.
    units: list[tuple[str, str, _Cells]] = []
    for cells in records:
        level = cells.digit(STATCAN_LEVEL)
        if not 1 <= level <= _UNIT_GROUP_LEVEL:
            raise cells.error(STATCAN_LEVEL, f"is {level}, expected 1 to 5")
        code = cells.text(STATCAN_CODE)
        # Each level's code has as many digits as the level (broad category "0", unit "00010").
        if not (code.isdigit() and len(code) == level):
            raise cells.error(STATCAN_CODE, f'"{code}" is not a {level}-digit level-{level} code')
        title = cells.text(STATCAN_TITLE)
        if level == 1:
            broad_titles[code] = title
        elif level == _UNIT_GROUP_LEVEL:
            units.append((code, title, cells))
    rows: list[tuple[NocRow, int]] = []
    for code, title, cells in units:
        broad_title = broad_titles.get(code[0])
        if broad_title is None:
            raise cells.error(STATCAN_CODE, f"{code}: no level-1 row for broad category {code[0]}")
        row = NocRow(
            code=code,
            title=title,
            teer=int(code[1]),
            broad_category=int(code[0]),
            broad_category_title=broad_title,
        )
        rows.append((row, cells.line))
    return rows


# --- helpers --------------------------------------------------------------------------------


class _LineReader(Protocol):
    """What csv.reader returns (its class is private to the _csv module)."""

    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...


def _records(reader: _LineReader, columns: dict[str, int]) -> Iterator[_Cells]:
    """Data records after the header, skipping blank lines (a trailing newline is not data)."""
    for record in reader:
        if any(cell.strip() for cell in record):
            # csv.reader's line_num is the physical line the record ends on, 1-based.
            yield _Cells(record, columns, reader.line_num, len(columns))


class _Cells:
    """One CSV record with column access that raises NocFormatError naming line and column."""

    __slots__ = ("columns", "line", "record")

    def __init__(self, record: list[str], columns: dict[str, int], line: int, width: int) -> None:
        if len(record) != width:
            raise NocFormatError(f"line {line}: has {len(record)} columns, the header has {width}")
        self.record = record
        self.columns = columns
        self.line = line

    def error(self, column: str, problem: str) -> NocFormatError:
        return NocFormatError(f"line {self.line}, column {column}: {problem}")

    def text(self, column: str) -> str:
        value = self.record[self.columns[column]].strip()
        if not value:
            raise self.error(column, "is empty")
        return value

    def digit(self, column: str) -> int:
        value = self.text(column)
        if not (len(value) == 1 and value.isdigit()):
            raise self.error(column, f'"{value}" is not a single digit')
        return int(value)


def _unit_code(cells: _Cells, column: str) -> str:
    code = cells.text(column)
    if not _UNIT_CODE_RE.fullmatch(code):
        # Spreadsheets drop leading zeros ("10" for 00010): say so rather than guess.
        raise cells.error(column, f'"{code}" is not a 5-digit unit-group code')
    return code


def _reject_duplicates(rows: list[tuple[NocRow, int]]) -> None:
    first_line: dict[str, int] = {}
    for row, line in rows:
        if row.code in first_line:
            raise NocFormatError(
                f"line {line}: unit group {row.code} repeats line {first_line[row.code]}"
            )
        first_line[row.code] = line
