"""Reminders to submit unit reports, meant for cron (``ttdn notify-reports``).

First the rounds of a period that has begun are created for every issued plan. Then for every
round of an issued plan whose deadline is within ``days`` days (or has passed, up to
the commune's own deadline to send up), every unit with tasks in the plan that has not sent its
report gets one reminder per threshold (due soon, overdue): an e-mail to its active members
(and, when overdue, to the commune's culture officers), recorded in ``ReportReminder``, whose
unique constraint makes a second run send nothing.
"""

import datetime
from dataclasses import dataclass
from functools import partial

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ttdn.core import audit
from ttdn.org.models import Membership, Role
from ttdn.plans.models import PlanStatus, Task

from .models import ReportReminder, ReportRound, UnitReport, UnitReportStatus
from .rounds import rounds_for_issued_plans

SENT = (UnitReportStatus.SUBMITTED, UnitReportStatus.ACCEPTED)


@dataclass
class ReminderRun:
    due_soon: int = 0
    overdue: int = 0
    emails: int = 0


def _message(round_: ReportRound, unit, kind: str) -> tuple[str, str]:
    params = {"round": round_.title, "unit": unit.name,
              "deadline": round_.deadline.strftime("%d/%m/%Y")}
    if kind == ReportReminder.Kind.OVERDUE:
        return (_("[TTĐN] Quá hạn nộp báo cáo: %(unit)s") % params,
                _("%(unit)s chưa gửi %(round)s; hạn nộp là %(deadline)s. Hãy hoàn thành và gửi "
                  "báo cáo trong TTĐN (mục “Báo cáo định kỳ”).") % params)
    return (_("[TTĐN] Sắp đến hạn nộp báo cáo: %(unit)s") % params,
            _("%(round)s của %(unit)s cần gửi trước hết ngày %(deadline)s. Nội dung đã soạn được "
              "lưu tự động trong TTĐN (mục “Báo cáo định kỳ”).") % params)


def notify_reports(*, today: datetime.date | None = None, days: int = 3) -> ReminderRun:
    today = today or timezone.localdate()
    rounds_for_issued_plans(today=today)  # a new period has its round from its first day
    run = ReminderRun()
    rounds = ReportRound.objects.filter(
        plan__status=PlanStatus.ISSUED, deadline__lte=today + datetime.timedelta(days=days),
        commune_deadline__gte=today, starts_on__lte=today,
    ).select_related("plan")
    with translation.override("vi"):
        for round_ in rounds:
            kind = (ReportReminder.Kind.OVERDUE if today > round_.deadline
                    else ReportReminder.Kind.DUE_SOON)
            sent = set(UnitReport.objects.filter(round=round_, status__in=SENT)
                       .values_list("unit_id", flat=True))
            units = {t.lead_unit_id: t.lead_unit for t in
                     Task.objects.filter(plan_id=round_.plan_id).select_related("lead_unit")}
            for unit_id, unit in sorted(units.items()):
                if unit_id in sent or not unit.is_active:
                    continue
                emails = _remind(round_, unit, kind)
                if emails is None:
                    continue
                run.overdue += kind == ReportReminder.Kind.OVERDUE
                run.due_soon += kind == ReportReminder.Kind.DUE_SOON
                run.emails += emails
    return run


def _remind(round_: ReportRound, unit, kind: str) -> int | None:
    """Record and send one reminder; None when it was sent before."""
    roles = Membership.objects.filter(is_active=True, user__is_active=True)
    people = {m.user for m in roles.filter(unit=unit).select_related("user")}
    if kind == ReportReminder.Kind.OVERDUE:
        people |= {m.user for m in roles.filter(role=Role.CULTURE_OFFICER,
                                                unit__commune_id=round_.commune_id)
                   .select_related("user")}
    addresses = sorted({u.email for u in people if u.email})
    subject, body = _message(round_, unit, kind)
    try:
        with transaction.atomic():
            reminder = ReportReminder.objects.create(round=round_, unit=unit, kind=kind,
                                                     recipients=len(addresses))
            audit.record(instance=reminder, action="ttdn.reports.reminder.sent", actor=None,
                         commune_id=round_.commune_id, after=audit.snapshot(reminder))
            for address in addresses:
                transaction.on_commit(partial(send_mail, subject, body, None, [address],
                                              fail_silently=True))
    except IntegrityError:
        return None
    return len(addresses)
