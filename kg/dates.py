"""Dates, one normaliser per meaning.

- :func:`normalise_date`: an article's metadata date (front matter, JSONL ``date``)
  to ISO ``YYYY-MM-DD``; a value that is not a complete date is refused.
- :func:`resolve_date_phrase`: a date phrase of the text ("on Tuesday", "last
  month", "11 January") resolved against the article date, leaning to the past.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from datetime import date as Date
from datetime import timedelta
from functools import lru_cache

from kg.types import KGError

DATE_HINT = "expected YYYY-MM-DD, '25 January 2025' or YYYYMMDD"


# --------------------------------------------------------------------------- dates
def normalise_date(value: object) -> str | None:
    """Return a date as ISO ``YYYY-MM-DD`` (None for an empty value).

    Accepts ISO dates and timestamps, compact ``YYYYMMDD`` and written dates
    ("25 January 2025", "January 25, 2025"; numeric ``dd/mm/yyyy`` is read day
    first). A date without a day, month or year is refused.

    Raises:
        KGError: when the value is not a complete date.

    Examples:
        >>> normalise_date("25 January 2025"), normalise_date("20250125")
        ('2025-01-25', '2025-01-25')
        >>> normalise_date("2025-01-25T23:10:00-05:00")
        '2025-01-25'
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise KGError(f"bad date {value!r}; {DATE_HINT}")
    text = str(value).strip()
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{8}", text):
            return _dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
        if re.match(r"\d{4}-\d{2}-\d{2}(?:$|[T ])", text):
            return _dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise KGError(f"bad date {text!r}; {DATE_HINT}") from None
    from dateutil import parser as dateparser

    results = set()
    # Parse twice with different defaults: a part missing from the text (no day,
    # no year) takes the default, so the two results differ.
    for default in (_dt.datetime(2000, 1, 1), _dt.datetime(2004, 2, 2)):
        try:
            parsed = dateparser.parse(text, default=default, dayfirst=True)
        except (ValueError, OverflowError):
            raise KGError(f"bad date {text!r}; {DATE_HINT}") from None
        results.add(parsed.date())
    if len(results) != 1:
        raise KGError(f"incomplete date {text!r}; {DATE_HINT}")
    return results.pop().isoformat()


_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
_NUMBERS.update({"a": 1, "an": 1, "few": 3, "several": 3, "couple": 2})
_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}


def _past_month(month: int, day: int, ref: Date) -> Date:
    year = ref.year
    day = min(day, calendar.monthrange(year, month)[1])
    out = Date(year, month, day)
    if out > ref + timedelta(days=7):  # news leans to the past
        out = Date(year - 1, month, min(day, calendar.monthrange(year - 1, month)[1]))
    return out


@lru_cache(maxsize=4096)
def resolve_date_phrase(text: str, ref: str | None) -> tuple[str | None, str]:
    """Normalise a date phrase against the article date, leaning to the past.

    Args:
        text: The phrase ("on Tuesday", "11 January", "last month", "yesterday").
        ref: The article date (ISO ``YYYY-MM-DD``) or None.

    Returns:
        ``(iso_date_or_None, granularity)`` with granularity ``day``, ``month``,
        ``year`` or ``none``.

    Examples:
        >>> resolve_date_phrase("on Tuesday", "2025-01-25")
        ('2025-01-21', 'day')
        >>> resolve_date_phrase("on 11 January", "2025-01-25")
        ('2025-01-11', 'day')
        >>> resolve_date_phrase("in December", "2025-01-25")
        ('2024-12-01', 'month')
        >>> resolve_date_phrase("last month", "2025-01-25")
        ('2024-12-01', 'month')
        >>> resolve_date_phrase("8 December 2024", None)
        ('2024-12-08', 'day')
    """
    s = re.sub(r"[^\w\s-]", " ", text.lower())
    s = re.sub(r"\b(on|in|at|since|by|of|the|early|late|mid|this past)\b", " ", s)
    words = s.split()
    reference = None
    if ref:
        try:
            reference = Date.fromisoformat(ref[:10])
        except ValueError:
            reference = None
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if iso:
        return f"{iso.group(1)}-{iso.group(2)}-{iso.group(3)}", "day"
    year_m = re.search(r"\b(1[89]\d\d|20\d\d)\b", s)
    year = int(year_m.group(1)) if year_m else None
    month = next(
        (
            _MONTHS[w]
            for w in words
            if w in _MONTHS and w != "may" or w == "may" and len(words) <= 3
        ),
        None,
    )
    day_m = re.search(r"\b(\d{1,2})(st|nd|rd|th)?\b", s)
    day = int(day_m.group(1)) if day_m and int(day_m.group(1)) <= 31 else None
    if month:
        if year:
            if day:
                day = min(day, calendar.monthrange(year, month)[1])
                return Date(year, month, day).isoformat(), "day"
            return Date(year, month, 1).isoformat(), "month"
        if reference is None:
            return None, "none"
        if day:
            return _past_month(month, day, reference).isoformat(), "day"
        return _past_month(month, 1, reference).replace(day=1).isoformat(), "month"
    if year and not reference:
        return Date(year, 1, 1).isoformat(), "year"
    if reference is None:
        return None, "none"
    if "today" in words or "tonight" in words:
        return reference.isoformat(), "day"
    if "yesterday" in words:
        return (reference - timedelta(days=1)).isoformat(), "day"
    if "tomorrow" in words:
        return (reference + timedelta(days=1)).isoformat(), "day"
    for w in words:
        if w in _WEEKDAYS:
            delta = (reference.weekday() - _WEEKDAYS[w]) % 7
            if "next" in words:
                return (
                    reference + timedelta(days=(7 - delta) % 7 or 7)
                ).isoformat(), "day"
            return (reference - timedelta(days=delta)).isoformat(), "day"
    for unit, days in _UNITS.items():
        if unit in words or unit + "s" in words:
            if "last" in words or "past" in words or "ago" in words:
                n = 1
                num = re.search(r"\b(\d+)\b", s)
                if num and "ago" in words:
                    n = int(num.group(1))
                elif "ago" in words:
                    n = next((_NUMBERS[w] for w in words if w in _NUMBERS), 1)
                back = reference - timedelta(days=days * n)
                if unit == "month":
                    return back.replace(day=1).isoformat(), "month"
                if unit == "year":
                    return Date(back.year, 1, 1).isoformat(), "year"
                return back.isoformat(), "day" if unit == "day" else "week"
            if "this" in text.lower() or "current" in words:
                if unit == "month":
                    return reference.replace(day=1).isoformat(), "month"
                if unit == "year":
                    return Date(reference.year, 1, 1).isoformat(), "year"
                return reference.isoformat(), "week"
            if "next" in words:
                return (reference + timedelta(days=days)).isoformat(), unit
    if year:
        return Date(year, 1, 1).isoformat(), "year"
    return None, "none"
