"""The plans' figures for the periodic reports (``ttdn.core.indicators``): tasks completed and
evidence recorded in a reporting window, by unit or for the whole commune."""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.indicators import Source, SourceValue, register

from .models import Evidence, TaskOccurrence, TaskStatus


def _tasks_done(*, commune_id, unit_id, starts_on, ends_on) -> SourceValue:
    done = TaskOccurrence.objects.filter(
        task__commune_id=commune_id, status=TaskStatus.DONE,
        completed_on__gte=starts_on, completed_on__lte=ends_on,
    )
    if unit_id is not None:
        done = done.filter(task__lead_unit_id=unit_id)
    count = done.values("task").distinct().count()
    return SourceValue(Decimal(count), _("%(count)s nhiệm vụ được ghi nhận hoàn thành trong kỳ "
                                         "(Nhiệm vụ của đơn vị)") % {"count": count},
                       reverse("tasks:mine"))


def _evidence(*, commune_id, unit_id, starts_on, ends_on) -> SourceValue:
    items = Evidence.objects.filter(task__commune_id=commune_id,
                                    created_at__date__gte=starts_on,
                                    created_at__date__lte=ends_on)
    if unit_id is not None:
        items = items.filter(task__lead_unit_id=unit_id)
    count = items.count()
    return SourceValue(Decimal(count), _("%(count)s tệp, đường dẫn minh chứng đã cập nhật trong "
                                         "kỳ") % {"count": count}, reverse("tasks:mine"))


def register_sources() -> None:
    register(Source("plans.tasks_done", gettext_lazy("Nhiệm vụ đã hoàn thành"), _tasks_done))
    register(Source("plans.evidence", gettext_lazy("Minh chứng đã cập nhật"), _evidence))
