import datetime
import itertools

import pytest

from ttdn.plans import periods
from ttdn.plans.symbols import parse

pytestmark = pytest.mark.nodb  # never touches the database: not run again on PostgreSQL

D = datetime.date


@pytest.mark.parametrize(("day", "kind", "key", "start", "end"), [
    (D(2026, 1, 10), "half_year", "2026-H1", D(2025, 12, 15), D(2026, 6, 14)),
    (D(2026, 6, 14), "half_year", "2026-H1", D(2025, 12, 15), D(2026, 6, 14)),
    (D(2026, 6, 15), "half_year", "2026-H2", D(2026, 6, 15), D(2026, 12, 14)),
    (D(2026, 12, 14), "half_year", "2026-H2", D(2026, 6, 15), D(2026, 12, 14)),
    (D(2026, 12, 15), "half_year", "2027-H1", D(2026, 12, 15), D(2027, 6, 14)),
    (D(2026, 12, 15), "year", "2027", D(2026, 12, 15), D(2027, 12, 14)),
    (D(2026, 3, 1), "year", "2026", D(2025, 12, 15), D(2026, 12, 14)),
])
def test_periods_follow_the_decree_09_cutoffs(day, kind, key, start, end):
    period = periods.period_of(day, kind)
    assert (period.key, period.starts_on, period.ends_on) == (key, start, end)
    assert periods.by_key(key) == period


def test_periods_between_are_contiguous():
    found = periods.periods_between(D(2025, 3, 1), D(2026, 11, 27), "half_year")
    assert [p.key for p in found] == ["2025-H1", "2025-H2", "2026-H1", "2026-H2"]
    for before, after in itertools.pairwise(found):
        assert after.starts_on == before.ends_on + datetime.timedelta(days=1)


def test_period_labels_are_vietnamese():
    assert periods.by_key("2026-H1").label == "6 tháng đầu năm 2026"
    assert periods.by_key("2026").label == "Năm 2026"


@pytest.mark.parametrize(("text", "number", "kind", "issuer", "normal"), [
    ("57-KL/TW", "57", "KL", "TW", "57-KL/TW"),
    ("57- KL/TW", "57", "KL", "TW", "57-KL/TW"),
    ("216/KH – UBND", "216", "KH", "UBND", "216/KH-UBND"),
    ("1191/QĐ-TTg", "1191", "QĐ", "TTg", "1191/QĐ-TTg"),
    ("162-KH/TU", "162", "KH", "TU", "162-KH/TU"),
    ("09/2019/NĐ-CP", "09", "NĐ", "CP", "09/2019/NĐ-CP"),
])
def test_symbols_parse_into_parts(text, number, kind, issuer, normal):
    symbol = parse(text)
    assert (symbol.number, symbol.kind, symbol.issuer, str(symbol)) == (
        number, kind, issuer, normal)


@pytest.mark.parametrize("text", ["", "Kế hoạch", "57", "KL/TW", "abc-KL/TW"])
def test_non_symbols_are_refused(text):
    assert parse(text) is None
