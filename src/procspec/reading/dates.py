"""Calendar arithmetic for follow-up frequencies and review periods."""

from __future__ import annotations

import calendar
from datetime import date

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
    """`day` moved `months` calendar months, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
