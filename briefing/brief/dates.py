"""Dates as briefs write them: a day (``2024-03-11``), a month (``2024-03``) or a year (``2024``).

A full date is a plain ``datetime.date``. A month or a year is a :class:`PartialDate`, a
``date`` subclass standing on the first day of its period, so that every place that
shows, stores, compares or sorts dates keeps working unchanged, and:

- ``isoformat()`` and ``str()`` give it back as written (``2024-03``), for JSON, HTML's
  ``datetime`` attribute and the index; :func:`display_date` gives ``March 2024``;
- it sorts before the full dates of its period (``2024`` < ``2024-01`` < ``2024-01-01``)
  and after everything before it, in any mix with plain dates, and equals only itself;
- its ``day`` (and a year's ``month``) read 1: code that needs to know uses
  :attr:`PartialDate.precision` or :func:`date_key`.

Every date the format allows is parsed by :func:`parse_date`, which rejects impossible
ones (``2024-13``, ``2024-02-30``) as ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

Precision = Literal["year", "month", "day"]

_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
MONTHS = (
    "January February March April May June July August September October November December"
).split()


class PartialDate(dt.date):
    """A year or a month, where a source gives no day (see the module docstring)."""

    __slots__ = ("precision",)
    precision: Precision

    def __new__(cls, year: int, month: int = 0) -> PartialDate:
        self = super().__new__(cls, year, month or 1, 1)
        self.precision = "month" if month else "year"
        return self

    def key(self) -> int:
        """The sort key :func:`date_key` gives: the period's day, and month for a year, as 0."""
        return self.year * 10_000 + (self.month * 100 if self.precision == "month" else 0)

    def isoformat(self) -> str:
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (PartialDate, (self.year, self.month if self.precision == "month" else 0))

    def last_day(self) -> dt.date:
        """The last day of the period: 2024-03 ends on 2024-03-31, 2024 on 2024-12-31."""
        if self.precision == "year":
            return dt.date(self.year, 12, 31)
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, dt.date):
            return isinstance(other, PartialDate) and self.key() == other.key()
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        if isinstance(other, dt.date):
            return not self == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(("partial", self.key()))

    def __lt__(self, other: dt.date) -> bool:
        if isinstance(other, dt.date):
            return self.key() < date_key(other)
        return NotImplemented

    def __le__(self, other: dt.date) -> bool:
        if isinstance(other, dt.date):
            return self.key() <= date_key(other)
        return NotImplemented

    def __gt__(self, other: dt.date) -> bool:
        if isinstance(other, dt.date):
            return self.key() > date_key(other)
        return NotImplemented

    def __ge__(self, other: dt.date) -> bool:
        if isinstance(other, dt.date):
            return self.key() >= date_key(other)
        return NotImplemented


def date_key(date: dt.date) -> int:
    """An int that sorts dates as the format means them: ``20240311``, ``20240300``
    for March 2024, ``20240000`` for 2024."""
    if isinstance(date, PartialDate):
        return date.key()
    return date.year * 10_000 + date.month * 100 + date.day


def parse_date(text: str) -> dt.date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a real one; None for anything else."""
    match = _PATTERN.fullmatch(text)
    if match is None:
        return None
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    try:
        if day_text is not None:
            return dt.date(year, int(month_text), int(day_text))
        month = int(month_text) if month_text is not None else 0
        if month_text is not None and not 1 <= month <= 12:
            return None
        return PartialDate(year, month)
    except ValueError:  # day 30 of February, year 0
        return None


def precision(date: dt.date) -> Precision:
    return date.precision if isinstance(date, PartialDate) else "day"


def period(date: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day a date stands for (the same day for a full date)."""
    if isinstance(date, PartialDate):
        return dt.date(date.year, date.month, 1), date.last_day()
    return date, date


def display_date(date: dt.date) -> str:
    """How a person reads it: ``2024-03-11``, ``March 2024``, ``2024``."""
    if isinstance(date, PartialDate) and date.precision == "month":
        return f"{MONTHS[date.month - 1]} {date.year}"
    return date.isoformat()


def short_date(date: dt.date) -> str:
    """``display_date`` in at most ten columns, for a column of dates: ``Mar 2024``."""
    if isinstance(date, PartialDate) and date.precision == "month":
        return f"{MONTHS[date.month - 1][:3]} {date.year}"
    return date.isoformat()


def month_label(date: dt.date) -> str:
    """The heading of a timeline group: ``March 2024``, or ``2024`` for a year alone."""
    if isinstance(date, PartialDate) and date.precision == "year":
        return f"{date.year}"
    return f"{MONTHS[date.month - 1]} {date.year}"
