"""kg.tables: the one aligned-table renderer."""

from __future__ import annotations

from kg.tables import format_table, truncate


def test_columns_are_aligned_and_lines_stripped():
    text = format_table(["name", "n"], [["US", "1"], ["Hezbollah", "22"]])
    assert text.splitlines() == [
        "name       n",
        "---------  --",
        "US         1",
        "Hezbollah  22",
    ]


def test_right_aligned_columns():
    text = format_table(["n", "name"], [["1", "US"], ["22", "Iran"]], right={0})
    assert text.splitlines() == [" n  name", "--  ----", " 1  US", "22  Iran"]


def test_long_cells_are_cut():
    text = format_table(["text"], [["x" * 100]], max_width=10)
    assert text.splitlines() == ["text", "----------", "xxxxxxx..."]
    assert truncate("short", 10) == "short"


def test_no_rows_gives_the_header():
    assert format_table(["a", "bb"], []) == "a  bb\n-  --"
