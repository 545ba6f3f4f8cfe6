"""Figures: reading what a person typed, and combining values by an indicator's rule.

Vietnamese writes thousands with dots and decimals with a comma ("1.500.000", "2,5"); the
English way ("1,500,000.5") is read too when it cannot be mistaken.
"""

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .errors import ReportError
from .models import Aggregation

_THOUSANDS_DOT = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")
# English grouping only where a Vietnamese reading is impossible: "1,500,000" or "1,500.5"
# ("1,500" is one and a half, as Vietnamese writes it).
_THOUSANDS_COMMA = re.compile(r"^[1-9]\d{0,2}((,\d{3}){2,}(\.\d+)?|(,\d{3})+\.\d+)$")
MAX_VALUE = Decimal("1e15")


def parse_figure(text, *, label: str) -> Decimal | None:
    """A non-negative number, or None for an empty field; ReportError (Vietnamese) otherwise."""
    if text is None:
        return None
    raw = str(text) if isinstance(text, int | float | Decimal) else "".join(str(text).split())
    if raw == "":
        return None
    if _THOUSANDS_DOT.match(raw):
        raw = raw.replace(".", "").replace(",", ".")
    elif _THOUSANDS_COMMA.match(raw):
        raw = raw.replace(",", "")
    else:
        raw = raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ReportError(_("“%(label)s”: “%(text)s” không phải là một số. Hãy nhập số, ví dụ "
                            "12 hoặc 1.500.000.") % {"label": label, "text": text})
    if value < 0:
        raise ReportError(_("“%(label)s”: số liệu không được âm.") % {"label": label})
    if value >= MAX_VALUE:
        raise ReportError(_("“%(label)s”: số liệu quá lớn.") % {"label": label})
    if value != value.quantize(Decimal("0.01")):
        raise ReportError(_("“%(label)s”: chỉ ghi tối đa hai chữ số thập phân.")
                          % {"label": label})
    return value


def combine(rule: str, values: Iterable[Decimal | None], *, across_time: bool = False):
    """Values of several units, communes (``across_time`` False) or periods in order (True).

    Sum adds; maximum takes the largest; "latest" is the last period's value across time and
    the total across units or communes at the same moment (each counts its own).
    """
    present = [v for v in values if v is not None]
    if not present:
        return None
    if rule == Aggregation.MAX:
        return max(present)
    if rule == Aggregation.LATEST and across_time:
        return present[-1]
    return sum(present, Decimal(0))


def show(value: Decimal | None) -> str:
    """A figure in Vietnamese writing: 1500000 → "1.500.000", 2.5 → "2,5"; None → "–"."""
    if value is None:
        return "–"
    value = value.normalize() if value == value.to_integral() else value
    whole, _dot, fraction = f"{value:f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    fraction = fraction.rstrip("0")
    return f"{grouped},{fraction}" if fraction else grouped
