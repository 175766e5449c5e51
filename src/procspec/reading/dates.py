"""Calendar arithmetic for follow-up frequencies and review periods."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

MONTHS_PER_FREQUENCY = {
    "månadsvis": 1,
    "kvartalsvis": 3,
    "tertialvis": 4,
    "halvårsvis": 6,
    "årligen": 12,
    # Delårsbokslut (per 31 August) and årsbokslut (per 31 December): the longest gap is the
    # eight months from the annual report to the interim one.
    "delår och helår": 8,
}


def add_months(day: date, months: int) -> date:
    """`day` moved `months` calendar months, clamped to the month's last day, and to the last
    (first) day Python's calendar has: a review period of 100,000 months or a result dated
    9999-12-31 makes a date that is never reached, not an error."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_days(day: date, days: int) -> date:
    """`day` moved `days` days, clamped to the calendar's first and last day."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def next_year_end(day: date) -> date:
    """31 December of the year after `day` (of `day`'s year in the calendar's last year)."""
    return date(min(day.year + 1, date.max.year), 12, 31)
