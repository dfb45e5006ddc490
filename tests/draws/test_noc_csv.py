"""The NOC 2021 CSV parser, on both real layouts and on broken rows. Pure: no database."""

from __future__ import annotations

from collections import Counter

import pytest

from draws.noc_csv import NocFormatError, NocRow, parse_noc_csv
from draws.sources import NOC_CSV
from tests.conftest import NOC_STATCAN_CSV

DERIVED_HEADER = (
    "code,title,teer,broad_category,broad_category_title,major_group,major_group_title,"
    "sub_major_group,sub_major_group_title,minor_group,minor_group_title"
)
STATCAN_HEADER = "Level,Hierarchical structure,Code - NOC 2021 V1.0,Class title,Class definition"


@pytest.fixture(scope="module")
def derived() -> list[NocRow]:
    return parse_noc_csv(NOC_CSV.read_text(encoding="utf-8-sig"))


@pytest.fixture(scope="module")
def statcan() -> list[NocRow]:
    # Plain "utf-8" keeps the byte-order mark in the text: the parser must cope.
    return parse_noc_csv(NOC_STATCAN_CSV.read_text(encoding="utf-8"))


def test_derived_file_has_516_unit_groups(derived: list[NocRow]) -> None:
    assert len(derived) == 516
    assert len({row.code for row in derived}) == 516


def test_statcan_file_keeps_only_the_516_unit_groups(statcan: list[NocRow]) -> None:
    assert len(statcan) == 516
    assert all(len(row.code) == 5 for row in statcan)


def test_both_layouts_give_identical_rows(derived: list[NocRow], statcan: list[NocRow]) -> None:
    assert statcan == derived


def test_statcan_file_read_with_utf8_sig_gives_the_same_rows(statcan: list[NocRow]) -> None:
    assert parse_noc_csv(NOC_STATCAN_CSV.read_text(encoding="utf-8-sig")) == statcan


def test_general_practitioners_are_teer_1_health(derived: list[NocRow]) -> None:
    by_code = {row.code: row for row in derived}

    assert by_code["31102"] == NocRow(
        code="31102",
        title="General practitioners and family physicians",
        teer=1,
        broad_category=3,
        broad_category_title="Health occupations",
    )


def test_leading_zeros_are_kept(derived: list[NocRow]) -> None:
    assert derived[0].code == "00010"
    assert derived[0].teer == 0
    assert derived[0].broad_category_title == "Legislative and senior management occupations"


def test_counts_by_teer_and_broad_category_match_the_readme(statcan: list[NocRow]) -> None:
    assert Counter(row.teer for row in statcan) == {0: 48, 1: 97, 2: 162, 3: 69, 4: 95, 5: 45}
    assert Counter(row.broad_category for row in statcan) == {
        0: 6,
        1: 60,
        2: 66,
        3: 43,
        4: 52,
        5: 37,
        6: 61,
        7: 94,
        8: 29,
        9: 68,
    }


# --- broken input ------------------------------------------------------------------------------

GOOD_DERIVED_ROW = (
    "31102,General practitioners and family physicians,1,3,Health occupations,31,"
    "Professional occupations in health,311,Health treating and consultation services "
    "professionals,3110,Physicians and veterinarians"
)


def _derived(*rows: str) -> str:
    return "\n".join((DERIVED_HEADER, GOOD_DERIVED_ROW, *rows)) + "\n"


def _statcan(*rows: str) -> str:
    return "\ufeff" + "\n".join((STATCAN_HEADER, "1,Broad Category,3,Health occupations,x", *rows))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "line 1: the file is empty"),
        ("noc,name\n31102,GP\n", "line 1: header is neither"),
        (
            _derived("10,Legislators,0,0,Legislative,0,a,0,b,0,c"),
            'line 3, column code: "10" is not',
        ),
        (_derived("3110A,X,1,3,Health,31,a,311,b,3110,c"), "line 3, column code"),
        (_derived("31103,Veterinarians,2,3,Health,31,a,311,b,3110,c"), "line 3, column teer: is 2"),
        (_derived("31103,Veterinarians,one,3,Health,31,a,311,b,3110,c"), "line 3, column teer"),
        (_derived("31103,Veterinarians,1,4,Health,31,a,311,b,3110,c"), "column broad_category"),
        (_derived("31103,,1,3,Health,31,a,311,b,3110,c"), "line 3, column title: is empty"),
        (_derived("31103,Veterinarians,1,3"), "line 3: has 4 columns, the header has 11"),
        (_derived(GOOD_DERIVED_ROW), "line 3: unit group 31102 repeats line 2"),
        (DERIVED_HEADER + "\n", "no unit groups"),
        (_statcan("6,Unit Group,31102,GP,x"), "line 3, column Level: is 6"),
        (_statcan("5,Unit Group,3110,GP,x"), 'line 3, column Code - NOC 2021 V1.0: "3110" is not'),
        (_statcan("x,Unit Group,31102,GP,x"), "line 3, column Level"),
        (_statcan("5,Unit Group,31102,,x"), "line 3, column Class title: is empty"),
        (_statcan("5,Unit Group,41200,Professors,x"), "line 3, column Code - NOC 2021 V1.0: 41200"),
    ],
)
def test_bad_input_names_the_line_and_column(text: str, message: str) -> None:
    with pytest.raises(NocFormatError, match=message):
        parse_noc_csv(text)


def test_blank_lines_are_not_data() -> None:
    assert [row.code for row in parse_noc_csv(_derived("", "  ", ""))] == ["31102"]


def test_statcan_rows_may_precede_their_broad_category() -> None:
    text = "\n".join(
        (STATCAN_HEADER, "5,Unit Group,31102,GP,x", "1,Broad Category,3,Health occupations,x")
    )

    (row,) = parse_noc_csv(text)
    assert row.broad_category_title == "Health occupations"
