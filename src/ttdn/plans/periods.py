"""Reporting periods with the data cut-off of Decree 09/2019/NĐ-CP, Art. 12.

A half-year runs from 15 December of the previous year to 14 June; the second half from 15 June
to 14 December; a year from 15 December of the previous year to 14 December. Periods have a key
("2026-H1", "2026-H2", "2026") that tasks, reports and notices share.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

CUTOFF_DAY = 14  # data to the 14th; the next period starts on the 15th


@dataclass(frozen=True)
class Period:
    key: str
    kind: str  # "half_year" | "year"
    starts_on: datetime.date
    ends_on: datetime.date  # the data cut-off

    @property
    def label(self) -> str:
        if self.kind == "year":
            return _("Năm %(year)s") % {"year": self.key}
        year, half = self.key.split("-")
        if half == "H1":
            return _("6 tháng đầu năm %(year)s") % {"year": year}
        return _("6 tháng cuối năm %(year)s") % {"year": year}

    def contains(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


def _report_year(day: datetime.date) -> int:
    """Data from 15 December onwards belongs to the next year's periods."""
    if day.month == 12 and day.day > CUTOFF_DAY:
        return day.year + 1
    return day.year


def year_period(year: int) -> Period:
    return Period(
        str(year), "year",
        datetime.date(year - 1, 12, CUTOFF_DAY + 1), datetime.date(year, 12, CUTOFF_DAY),
    )


def half_year_period(year: int, half: int) -> Period:
    if half == 1:
        return Period(
            f"{year}-H1", "half_year",
            datetime.date(year - 1, 12, CUTOFF_DAY + 1), datetime.date(year, 6, CUTOFF_DAY),
        )
    return Period(
        f"{year}-H2", "half_year",
        datetime.date(year, 6, CUTOFF_DAY + 1), datetime.date(year, 12, CUTOFF_DAY),
    )


def period_of(day: datetime.date, kind: str) -> Period:
    year = _report_year(day)
    if kind == "year":
        return year_period(year)
    first = half_year_period(year, 1)
    return first if first.contains(day) else half_year_period(year, 2)


def periods_between(start: datetime.date, end: datetime.date, kind: str) -> list[Period]:
    """Every period of ``kind`` that overlaps [start, end], in order."""
    periods, current = [], period_of(start, kind)
    while current.starts_on <= end:
        periods.append(current)
        current = period_of(current.ends_on + datetime.timedelta(days=1), kind)
    return periods


def by_key(key: str) -> Period:
    if "-H" in key:
        year, half = key.split("-H")
        return half_year_period(int(year), int(half))
    return year_period(int(key))


def label_of(key: str) -> str:
    """A period key in words: "2026-H1" → "6 tháng đầu năm 2026"; "once" → "Một lần"."""
    if key == "once":
        return _("Một lần")
    return by_key(key).label
