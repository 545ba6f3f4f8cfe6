"""Quarters, period keys and working days (Decree 09/2019/NĐ-CP cut-offs)."""

import datetime
import itertools

import pytest

from ttdn.plans import periods

pytestmark = pytest.mark.nodb  # never touches the database: not run again on PostgreSQL

D = datetime.date


@pytest.mark.parametrize(("quarter", "start", "end"), [
    (1, D(2025, 12, 15), D(2026, 3, 14)),
    (2, D(2026, 3, 15), D(2026, 6, 14)),
    (3, D(2026, 6, 15), D(2026, 9, 14)),
    (4, D(2026, 9, 15), D(2026, 12, 14)),
])
def test_quarter_windows_follow_the_cutoff(quarter, start, end):
    period = periods.quarter_period(2026, quarter)
    assert (period.key, period.kind, period.starts_on, period.ends_on) == (
        f"2026-Q{quarter}", "quarter", start, end)
    assert periods.by_key(f"2026-Q{quarter}") == period
    assert periods.period_of(start, "quarter") == period
    assert periods.period_of(end, "quarter") == period


@pytest.mark.parametrize(("day", "key"), [
    (D(2025, 12, 14), "2025-Q4"),
    (D(2025, 12, 15), "2026-Q1"),
    (D(2026, 1, 1), "2026-Q1"),
    (D(2026, 3, 14), "2026-Q1"),
    (D(2026, 3, 15), "2026-Q2"),
    (D(2026, 9, 14), "2026-Q3"),
    (D(2026, 12, 14), "2026-Q4"),
    (D(2026, 12, 31), "2027-Q1"),
])
def test_days_fall_into_the_right_quarter(day, key):
    assert periods.period_of(day, "quarter").key == key


def test_quarters_are_contiguous_and_cover_the_year():
    found = periods.periods_between(D(2026, 1, 1), D(2026, 12, 1), "quarter")
    assert [p.key for p in found] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    for before, after in itertools.pairwise(found):
        assert after.starts_on == before.ends_on + datetime.timedelta(days=1)
    year = periods.by_key("2026")
    assert (found[0].starts_on, found[-1].ends_on) == (year.starts_on, year.ends_on)


def test_quarter_labels_use_roman_numerals():
    assert periods.by_key("2026-Q1").label == "Quý I năm 2026"
    assert periods.by_key("2026-Q4").label == "Quý IV năm 2026"
    assert periods.label_of("2026-H2") == "6 tháng cuối năm 2026"
    assert periods.label_of("once") == "Một lần"


@pytest.mark.parametrize(("key", "expected_key", "kind", "start", "end"), [
    ("2026-H1", "2026-H1", "half_year", D(2025, 12, 15), D(2026, 6, 14)),
    ("2026-H2", "2026-H2", "half_year", D(2026, 6, 15), D(2026, 12, 14)),
    ("2026-Y", "2026", "year", D(2025, 12, 15), D(2026, 12, 14)),
    ("2026", "2026", "year", D(2025, 12, 15), D(2026, 12, 14)),
    ("2026-Q4", "2026-Q4", "quarter", D(2026, 9, 15), D(2026, 12, 14)),
    (" 2026-q2 ", "2026-Q2", "quarter", D(2026, 3, 15), D(2026, 6, 14)),
    ("2026-y", "2026", "year", D(2025, 12, 15), D(2026, 12, 14)),
])
def test_by_key(key, expected_key, kind, start, end):
    period = periods.by_key(key)
    assert (period.key, period.kind, period.starts_on, period.ends_on) == (
        expected_key, kind, start, end)


def test_year_key_and_y_key_are_the_same_period():
    assert periods.by_key("2026-Y") == periods.by_key("2026") == periods.year_period(2026)
    assert periods.by_key("2026-Y").label == "Năm 2026"


@pytest.mark.parametrize("key", [
    "", "H1", "2026-H3", "2026-H0", "2026-Q5", "2026-Q0", "2026H1", "26-H1", "20266",
    "2026-", "2026-X", "2026-H1-Q1", "năm 2026", "2026-M1",
])
def test_invalid_keys_raise_value_error(key):
    with pytest.raises(ValueError):
        periods.by_key(key)


@pytest.mark.parametrize(("day", "days", "expected"), [
    (D(2026, 6, 12), 1, D(2026, 6, 15)),  # Friday + 1 → Monday
    (D(2026, 6, 13), 1, D(2026, 6, 15)),  # Saturday + 1 → Monday
    (D(2026, 6, 14), 1, D(2026, 6, 15)),  # Sunday (the H1 cut-off) + 1 → Monday
    (D(2026, 6, 14), 5, D(2026, 6, 19)),  # Sunday + 5 → Friday
    (D(2026, 6, 12), 5, D(2026, 6, 19)),  # Friday + 5 → next Friday
    (D(2026, 6, 15), 5, D(2026, 6, 22)),  # Monday + 5 → next Monday
    (D(2026, 6, 10), 10, D(2026, 6, 24)),  # two weekends skipped
    (D(2026, 12, 14), 7, D(2026, 12, 23)),  # Monday (the year cut-off) + 7 → Wednesday
    (D(2026, 6, 13), 0, D(2026, 6, 13)),  # nothing to add: the same day, even a Saturday
])
def test_working_days_after_skips_weekends(day, days, expected):
    result = periods.working_days_after(day, days)
    assert result == expected
    assert days == 0 or result.weekday() < 5


def test_working_days_after_counts_only_weekdays():
    start = D(2026, 1, 2)  # a Friday
    for days in range(0, 30):
        end = periods.working_days_after(start, days)
        between = [start + datetime.timedelta(days=n) for n in range(1, (end - start).days + 1)]
        assert sum(1 for day in between if day.weekday() < 5) == days
