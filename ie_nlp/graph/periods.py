"""Calendar periods (month, quarter, year) that the signals are counted in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = ["PERIOD_UNITS", "Period", "PeriodUnit", "period_of", "periods_covering"]

PeriodUnit = Literal["month", "quarter", "year"]
PERIOD_UNITS: tuple[PeriodUnit, ...] = ("month", "quarter", "year")
MONTHS_PER_UNIT: dict[str, int] = {"month": 1, "quarter": 3, "year": 12}


@dataclass(frozen=True, order=True)
class Period:
    """One calendar period, ``start`` and ``end`` both inclusive."""

    start: date
    end: date
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_of(day: date, unit: PeriodUnit) -> Period:
    """The period of ``unit`` that holds ``day``; labels 2024-03, 2024-Q1, 2024."""
    size = MONTHS_PER_UNIT[unit]
    first_month = (day.month - 1) // size * size + 1
    start = date(day.year, first_month, 1)
    end = add_months(start, size) - timedelta(days=1)
    if unit == "month":
        label = f"{day.year}-{day.month:02d}"
    elif unit == "quarter":
        label = f"{day.year}-Q{(first_month - 1) // 3 + 1}"
    else:
        label = str(day.year)
    return Period(start, end, label)


def periods_covering(days: Iterable[date | None], unit: PeriodUnit) -> list[Period]:
    """Every period from the one of the earliest day to the one of the latest, empty ones
    included, so trends have an even time axis. Undated (None) days are ignored."""
    dated = [day for day in days if day is not None]
    if not dated:
        return []
    current = period_of(min(dated), unit)
    last = period_of(max(dated), unit)
    periods = [current]
    while current != last:
        current = period_of(current.end + timedelta(days=1), unit)
        periods.append(current)
    return periods
