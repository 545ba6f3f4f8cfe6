"""The desk's figures for the periodic reports (``ttdn.core.indicators``): cases detected and
handled in a reporting window, for the whole commune."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.indicators import Source, SourceValue, register

from .figures import commune_cases


def _window(starts_on: datetime.date, ends_on: datetime.date):
    start = timezone.make_aware(datetime.datetime.combine(starts_on, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(ends_on + datetime.timedelta(days=1),
                                                        datetime.time.min))
    return start, end


def _detected(*, commune_id, unit_id, starts_on, ends_on) -> SourceValue:
    start, end = _window(starts_on, ends_on)
    count = commune_cases(commune_id).filter(opened_at__gte=start, opened_at__lt=end).count()
    return SourceValue(Decimal(count), _("%(count)s vụ việc mở từ tin báo trong kỳ (Bàn xử lý "
                                         "thông tin sai lệch)") % {"count": count},
                       reverse("cases:index"))


def _handled(*, commune_id, unit_id, starts_on, ends_on) -> SourceValue:
    start, end = _window(starts_on, ends_on)
    count = commune_cases(commune_id).filter(verdict_at__gte=start, verdict_at__lt=end).count()
    return SourceValue(Decimal(count), _("%(count)s vụ việc đã có kết luận trong kỳ (Bàn xử lý "
                                         "thông tin sai lệch)") % {"count": count},
                       reverse("cases:index"))


def register_sources() -> None:
    register(Source("cases.detected", gettext_lazy("Vụ việc thông tin sai lệch phát hiện"),
                    _detected, per_unit=False))
    register(Source("cases.handled", gettext_lazy("Vụ việc thông tin sai lệch đã xử lý"),
                    _handled, per_unit=False))
