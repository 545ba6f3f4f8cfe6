"""Reporting periods with the data cut-off of Decree 09/2019/NĐ-CP, Art. 12.

A half-year runs from 15 December of the previous year to 14 June; the second half from 15 June
to 14 December; a year from 15 December of the previous year to 14 December; a quarter from the
15th of the month before it to the 14th of its last month. Periods have a key ("2026-H1",
"2026-H2", "2026", "2026-Q1") that tasks, reports and notices share; "2026-Y" is read as "2026"
(the command line writes years that way).
"""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

CUTOFF_DAY = 14  # data to the 14th; the next period starts on the 15th
_ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}
_KEY_RE = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|Y))?$")


@dataclass(frozen=True)
class Period:
    key: str
    kind: str  # "half_year" | "year" | "quarter"
    starts_on: datetime.date
    ends_on: datetime.date  # the data cut-off

    @property
    def label(self) -> str:
        if self.kind == "year":
            return _("Năm %(year)s") % {"year": self.key}
        if self.kind == "quarter":
            year, quarter = self.key.split("-Q")
            return _("Quý %(quarter)s năm %(year)s") % {"quarter": _ROMAN_QUARTERS[int(quarter)],
                                                        "year": year}
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


def quarter_period(year: int, quarter: int) -> Period:
    last_month = quarter * 3
    first_month = last_month - 2
    starts_on = (datetime.date(year - 1, 12, CUTOFF_DAY + 1) if first_month == 1
                 else datetime.date(year, first_month - 1, CUTOFF_DAY + 1))
    return Period(f"{year}-Q{quarter}", "quarter", starts_on,
                  datetime.date(year, last_month, CUTOFF_DAY))


def period_of(day: datetime.date, kind: str) -> Period:
    year = _report_year(day)
    if kind == "year":
        return year_period(year)
    if kind == "quarter":
        return next(p for q in range(1, 5) if (p := quarter_period(year, q)).contains(day))
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
    """The period of a key; ValueError for anything that is not one ("2026-H3", "H1")."""
    match = _KEY_RE.match(key.strip().upper())
    if match is None:
        raise ValueError(key)
    year, part = int(match.group(1)), match.group(2) or "Y"
    if part == "Y":
        return year_period(year)
    if part.startswith("H"):
        return half_year_period(year, int(part[1]))
    return quarter_period(year, int(part[1]))


def working_days_after(day: datetime.date, days: int) -> datetime.date:
    """The day ``days`` working days (Monday to Friday) after ``day``."""
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def label_of(key: str) -> str:
    """A period key in words: "2026-H1" → "6 tháng đầu năm 2026"; "once" → "Một lần"."""
    if key == "once":
        return _("Một lần")
    return by_key(key).label
