"""Reading typed figures (Vietnamese and English number writing), combining them by an
indicator's rule, and showing them back the Vietnamese way."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ttdn.reports.errors import ReportError
from ttdn.reports.figures import MAX_VALUE, combine, parse_figure, show
from ttdn.reports.models import Aggregation

pytestmark = pytest.mark.nodb  # never touches the database: not run again on PostgreSQL

LABEL = "Tin, bài đăng trên trang thông tin điện tử"


def parse(text):
    return parse_figure(text, label=LABEL)


@pytest.mark.parametrize(("text", "expected"), [
    ("12", Decimal("12")),
    ("0", Decimal("0")),
    ("1.500.000", Decimal("1500000")),
    ("1.500", Decimal("1500")),
    ("2,5", Decimal("2.5")),
    ("2,50", Decimal("2.5")),
    ("0,05", Decimal("0.05")),
    ("1.500.000,75", Decimal("1500000.75")),
    ("1,500,000.5", Decimal("1500000.5")),
    ("1,500,000", Decimal("1500000")),
    ("12.5", Decimal("12.5")),
    ("  3 ", Decimal("3")),
    ("1 500 000", Decimal("1500000")),
    ("\t96,5\n", Decimal("96.5")),
    (12, Decimal("12")),
    (Decimal("7.25"), Decimal("7.25")),
])
def test_parse_figure_reads_vietnamese_and_english_writing(text, expected):
    value = parse(text)
    assert isinstance(value, Decimal)
    assert value == expected


@pytest.mark.parametrize("text", ["", "   ", "\t", None])
def test_empty_field_is_none(text):
    assert parse(text) is None


@pytest.mark.parametrize("text", ["-1", "-0,5", "-1.500"])
def test_negative_figures_are_refused_in_vietnamese(text):
    with pytest.raises(ReportError) as caught:
        parse(text)
    assert "âm" in caught.value.message
    assert LABEL in caught.value.message


@pytest.mark.parametrize("text", ["abc", "12a", "1.5.0", "mười hai", "NaN", "Infinity", "1,2,3",
                                  "--1", "1..5"])
def test_non_numbers_are_refused_in_vietnamese(text):
    with pytest.raises(ReportError) as caught:
        parse(text)
    assert "không phải là một số" in caught.value.message
    assert LABEL in caught.value.message


@pytest.mark.parametrize("text", ["2,5555", "0,125", "0.125", "1.500,125", "0,001"])
def test_more_than_two_decimals_are_refused(text):
    # "0,125" and "0.125" start with a zero, so they cannot be thousands groups.
    with pytest.raises(ReportError) as caught:
        parse(text)
    assert "hai chữ số thập phân" in caught.value.message


def test_too_large_figures_are_refused():
    with pytest.raises(ReportError) as caught:
        parse("1.000.000.000.000.000")
    assert "quá lớn" in caught.value.message
    assert parse("999.999.999.999.999") == MAX_VALUE - 1


# Combining ------------------------------------------------------------------------------------

VALUES = [Decimal("4"), None, Decimal("10"), Decimal("2.5")]


@pytest.mark.parametrize(("rule", "across_time", "expected"), [
    (Aggregation.SUM, False, Decimal("16.5")),
    (Aggregation.SUM, True, Decimal("16.5")),
    (Aggregation.MAX, False, Decimal("10")),
    (Aggregation.MAX, True, Decimal("10")),
    # Across units (or communes) at one moment each counts its own: the total.
    (Aggregation.LATEST, False, Decimal("16.5")),
    # Across periods in order: the last period's value.
    (Aggregation.LATEST, True, Decimal("2.5")),
])
def test_combine_by_rule(rule, across_time, expected):
    assert combine(rule, VALUES, across_time=across_time) == expected


def test_latest_across_time_skips_a_missing_last_value():
    assert combine(Aggregation.LATEST, [Decimal("14"), Decimal("12"), None],
                   across_time=True) == Decimal("12")


@pytest.mark.parametrize("rule", list(Aggregation))
def test_combine_nothing_is_none(rule):
    assert combine(rule, []) is None
    assert combine(rule, [None, None], across_time=True) is None


def test_sum_of_zeros_is_zero_not_none():
    assert combine(Aggregation.SUM, [Decimal(0), None, Decimal(0)]) == Decimal(0)


def test_combine_accepts_a_generator():
    assert combine(Aggregation.SUM, (Decimal(n) for n in range(5))) == Decimal(10)


# Showing --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "text"), [
    (None, "–"),
    (Decimal("0"), "0"),
    (Decimal("12"), "12"),
    (Decimal("5.00"), "5"),
    (Decimal("1500000"), "1.500.000"),
    (Decimal("1500000.00"), "1.500.000"),
    (Decimal("1E+3"), "1.000"),
    (Decimal("2.5"), "2,5"),
    (Decimal("2.50"), "2,5"),
    (Decimal("0.05"), "0,05"),
    (Decimal("96.5"), "96,5"),
    (Decimal("1234567.89"), "1.234.567,89"),
    (Decimal("999"), "999"),
])
def test_show_writes_figures_the_vietnamese_way(value, text):
    assert show(value) == text


@given(st.decimals(min_value=0, max_value=MAX_VALUE - Decimal("0.01"), places=2,
                   allow_nan=False, allow_infinity=False))
def test_show_then_parse_round_trips(value):
    assert parse(show(value)) == value


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_show_then_parse_round_trips_whole_numbers(value):
    assert parse(show(Decimal(value))) == value
