"""kg.dates: date phrases of the text resolved against the article date."""

from __future__ import annotations

import pytest

from kg.dates import resolve_date_phrase


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("Tuesday", "2025-01-25", "2025-01-21"),
        ("on 8 December", "2025-01-25", "2024-12-08"),
        ("in May", "2025-01-25", "2024-05-01"),
        ("last week", "2025-01-25", "2025-01-18"),
        ("two days ago", "2025-01-25", "2025-01-23"),
        ("2024-03-05", None, "2024-03-05"),
        ("March 3, 1999", None, "1999-03-03"),
        ("next Tuesday", "2025-01-25", "2025-01-28"),
        ("the weekend", None, None),
    ],
)
def test_resolve_date_phrase(text, ref, expected):
    assert resolve_date_phrase(text, ref)[0] == expected


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("today", "2025-01-25", ("2025-01-25", "day")),
        ("tomorrow", "2025-01-25", ("2025-01-26", "day")),
        ("this month", "2025-01-25", ("2025-01-01", "month")),
        ("this week", "2025-01-25", ("2025-01-25", "week")),
        ("last year", "2025-01-25", ("2024-01-01", "year")),
        ("three weeks ago", "2025-01-25", ("2025-01-04", "week")),
        ("next month", "2025-01-25", ("2025-02-24", "month")),
        ("in 2022", "2025-01-25", ("2022-01-01", "year")),
        ("in 2022", None, ("2022-01-01", "year")),
        ("in December", None, (None, "none")),
        ("on Monday", "not a date", (None, "none")),
        ("May 5", "2025-06-01", ("2025-05-05", "day")),
        ("31 February 2024", None, ("2024-02-29", "day")),
    ],
)
def test_resolve_date_phrase_granularity(text, ref, expected):
    assert resolve_date_phrase(text, ref) == expected
