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
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
from functools import lru_cache

from kg.types import KGError

DATE_HINT = "expected YYYY-MM-DD, '25 January 2025' or YYYYMMDD"


# --------------------------------------------------------------- metadata dates
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
    if text[0] in "-+\u2212":  # dateutil would read "-2025-01-01" as 2025
        raise KGError(f"bad date {text!r} (a signed year); {DATE_HINT}")
    return _numeric_date(text) or _written_date(text)


def _numeric_date(text: str) -> str | None:
    """A compact ``YYYYMMDD`` or ISO date (or timestamp); None for other text."""
    try:
        if re.fullmatch(r"\d{8}", text):
            return _dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
        if re.match(r"\d{4}-\d{2}-\d{2}(?:$|[T ])", text):
            return _dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise KGError(f"bad date {text!r}; {DATE_HINT}") from None
    return None


def _written_date(text: str) -> str:
    """A written date ("25 January 2025"), refused when a part is missing."""
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


# ------------------------------------------------------------ date phrases of text
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
_NUMBERS.update({"a": 1, "an": 1, "few": 3, "several": 3, "couple": 2})
_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}
_NAMED_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}

#: A resolved phrase: (ISO date or None, granularity).
Resolved = tuple[str | None, str]
_NONE: Resolved = (None, "none")


def _past_month(month: int, day: int, ref: Date) -> Date:
    year = ref.year
    day = min(day, calendar.monthrange(year, month)[1])
    out = Date(year, month, day)
    if out > ref + timedelta(days=7):  # news leans to the past
        out = Date(year - 1, month, min(day, calendar.monthrange(year - 1, month)[1]))
    return out


@dataclass(frozen=True)
class _Phrase:
    """A date phrase split into the parts its parsers read."""

    text: str
    s: str  # lower case, punctuation and filler words removed
    words: list[str]
    reference: Date | None
    year: int | None
    month: int | None
    day: int | None


def _reference(ref: str | None) -> Date | None:
    if not ref:
        return None
    try:
        return Date.fromisoformat(ref[:10])
    except ValueError:
        return None


def _phrase(text: str, ref: str | None) -> _Phrase:
    s = re.sub(r"[^\w\s-]", " ", text.lower())
    s = re.sub(r"\b(on|in|at|since|by|of|the|early|late|mid|this past)\b", " ", s)
    words = s.split()
    year_m = re.search(r"\b(1[89]\d\d|20\d\d)\b", s)
    month = next(
        (
            _MONTHS[w]
            for w in words
            if w in _MONTHS and w != "may" or w == "may" and len(words) <= 3
        ),
        None,
    )
    day_m = re.search(r"\b(\d{1,2})(st|nd|rd|th)?\b", s)
    return _Phrase(
        text=text,
        s=s,
        words=words,
        reference=_reference(ref),
        year=int(year_m.group(1)) if year_m else None,
        month=month,
        day=int(day_m.group(1)) if day_m and int(day_m.group(1)) <= 31 else None,
    )


def _iso(p: _Phrase) -> Resolved | None:
    """ "2024-03-05"."""
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", p.text)
    if iso:
        return f"{iso.group(1)}-{iso.group(2)}-{iso.group(3)}", "day"
    return None


def _with_month(p: _Phrase) -> Resolved | None:
    """ "11 January", "in December", "March 3, 1999" (the past month if no year)."""
    if not p.month:
        return None
    if p.year:
        if p.day:
            day = min(p.day, calendar.monthrange(p.year, p.month)[1])
            return Date(p.year, p.month, day).isoformat(), "day"
        return Date(p.year, p.month, 1).isoformat(), "month"
    if p.reference is None:
        return _NONE
    if p.day:
        return _past_month(p.month, p.day, p.reference).isoformat(), "day"
    return _past_month(p.month, 1, p.reference).replace(day=1).isoformat(), "month"


def _without_reference(p: _Phrase) -> Resolved | None:
    """With no article date only a year resolves."""
    if p.reference is not None:
        return None
    if p.year:
        return Date(p.year, 1, 1).isoformat(), "year"
    return _NONE


def _named_day(p: _Phrase, ref: Date) -> Resolved | None:
    """ "today", "tonight", "yesterday", "tomorrow"."""
    for word, offset in _NAMED_DAYS.items():
        if word in p.words:
            return (ref + timedelta(days=offset)).isoformat(), "day"
    return None


def _weekday(p: _Phrase, ref: Date) -> Resolved | None:
    """ "on Tuesday" (the last one), "next Tuesday"."""
    for w in p.words:
        if w in _WEEKDAYS:
            delta = (ref.weekday() - _WEEKDAYS[w]) % 7
            if "next" in p.words:
                return (ref + timedelta(days=(7 - delta) % 7 or 7)).isoformat(), "day"
            return (ref - timedelta(days=delta)).isoformat(), "day"
    return None


def _count(p: _Phrase) -> int:
    """How many units back: "two days ago", "3 weeks ago" (one otherwise)."""
    if "ago" not in p.words:
        return 1
    num = re.search(r"\b(\d+)\b", p.s)
    if num:
        return int(num.group(1))
    return next((_NUMBERS[w] for w in p.words if w in _NUMBERS), 1)


def _start_of(day: Date, unit: str, week: str) -> Resolved:
    """A day as the start of its month or year, or itself (granularity ``week``)."""
    if unit == "month":
        return day.replace(day=1).isoformat(), "month"
    if unit == "year":
        return Date(day.year, 1, 1).isoformat(), "year"
    return day.isoformat(), week


def _unit(p: _Phrase, ref: Date, unit: str, days: int) -> Resolved | None:
    """ "last month", "two weeks ago", "this year", "next week"."""
    if "last" in p.words or "past" in p.words or "ago" in p.words:
        back = ref - timedelta(days=days * _count(p))
        return _start_of(back, unit, "day" if unit == "day" else "week")
    if "this" in p.text.lower() or "current" in p.words:
        return _start_of(ref, unit, "week")
    if "next" in p.words:
        return (ref + timedelta(days=days)).isoformat(), unit
    return None


def _relative(p: _Phrase) -> Resolved | None:
    """A phrase resolved against the article date (which it has)."""
    ref = p.reference
    if ref is None:
        return None
    found = _named_day(p, ref) or _weekday(p, ref)
    if found is not None:
        return found
    for unit, days in _UNITS.items():
        if unit in p.words or unit + "s" in p.words:
            found = _unit(p, ref, unit, days)
            if found is not None:
                return found
    return None


def _year(p: _Phrase) -> Resolved | None:
    """ "in 2022"."""
    return (Date(p.year, 1, 1).isoformat(), "year") if p.year else None


#: The parsers of a date phrase, in order: the first result decides.
_PARSERS = (_iso, _with_month, _without_reference, _relative, _year)


@lru_cache(maxsize=4096)
def resolve_date_phrase(text: str, ref: str | None) -> tuple[str | None, str]:
    """Normalise a date phrase against the article date, leaning to the past.

    Args:
        text: The phrase ("on Tuesday", "11 January", "last month", "yesterday").
        ref: The article date (ISO ``YYYY-MM-DD``) or None.

    Returns:
        ``(iso_date_or_None, granularity)`` with granularity ``day``, ``week``,
        ``month``, ``year`` or ``none``.

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
    phrase = _phrase(text, ref)
    for parse in _PARSERS:
        try:
            found = parse(phrase)
        except (OverflowError, ValueError):  # beyond year 1..9999 ("9999-12-31"
            return _NONE  # and "tomorrow", "0001-01-01" and "last week")
        if found is not None:
            return found
    return _NONE
