"""Due and overdue notices, meant for cron (``ttdn notify-due``).

Only tasks of issued plans are due (a draft binds nobody yet). A notice goes to the active
members of the task's lead unit — and, once overdue, to the commune's culture officers — in the
app and by e-mail. Each person gets one notice per task, period and threshold: the unique
constraint on ``Notice`` makes a second run send nothing.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ttdn.org.models import Membership, Role

from .models import Notice, PlanStatus, Task
from .selectors import state_of, with_current_state


@dataclass
class NoticeRun:
    due_soon: int = 0
    overdue: int = 0
    emails: int = 0


def notify_due(*, today: datetime.date | None = None, days: int = 7) -> NoticeRun:
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=days)
    tasks = with_current_state(
        Task.objects.filter(plan__status=PlanStatus.ISSUED)  # a draft binds nobody yet
        .select_related("plan", "lead_unit"),
        today,
    )
    pending = []
    for task in tasks:
        state = state_of(task, today)
        if state.status == "done" or state.due_on is None or state.due_on > horizon:
            continue
        pending.append(state)
    run = NoticeRun()
    if not pending:
        return run
    members, officers = _recipients({s.task.lead_unit_id for s in pending},
                                    {s.task.commune_id for s in pending})
    with translation.override("vi"):
        for state in pending:
            kind = Notice.Kind.OVERDUE if state.overdue else Notice.Kind.DUE_SOON
            people = set(members[state.task.lead_unit_id])
            if kind == Notice.Kind.OVERDUE:
                people |= officers[state.task.commune_id]
            for user in sorted(people, key=lambda u: u.pk):
                if _send(user, state, kind):
                    run.overdue += kind == Notice.Kind.OVERDUE
                    run.due_soon += kind == Notice.Kind.DUE_SOON
                    run.emails += bool(user.email)
    return run


def _recipients(unit_ids, commune_ids):
    memberships = Membership.objects.filter(is_active=True, user__is_active=True).filter(
        unit_id__in=unit_ids
    ) | Membership.objects.filter(
        is_active=True, user__is_active=True, role=Role.CULTURE_OFFICER,
        unit__commune_id__in=commune_ids,
    )
    members, officers = defaultdict(set), defaultdict(set)
    for membership in memberships.select_related("user", "unit"):
        if membership.unit_id in unit_ids:
            members[membership.unit_id].add(membership.user)
        if membership.role == Role.CULTURE_OFFICER:
            officers[membership.unit.commune_id].add(membership.user)
    return members, officers


def _message(state, kind) -> str:
    params = {"task": str(state.task), "due": date_filter(state.due_on, "d/m/Y"),
              "unit": state.task.lead_unit.name}
    if kind == Notice.Kind.OVERDUE:
        return _("Quá hạn từ %(due)s: %(task)s (chủ trì: %(unit)s)") % params
    return _("Đến hạn ngày %(due)s: %(task)s (chủ trì: %(unit)s)") % params


def _send(user, state, kind) -> bool:
    """Create the notice and queue its e-mail; False when it was sent before."""
    message = _message(state, kind)
    try:
        with transaction.atomic():
            Notice.objects.create(
                recipient=user, task=state.task, period=state.period, kind=kind,
                message=message[:500], due_on=state.due_on, emailed=bool(user.email),
            )
            if user.email:
                subject = _("[TTĐN] %(kind)s: nhiệm vụ của %(unit)s") % {
                    "kind": Notice.Kind(kind).label, "unit": state.task.lead_unit.name}
                body = message + "\n\n" + _("Xem và cập nhật tiến độ trong TTĐN.")
                transaction.on_commit(partial(
                    send_mail, subject, body, None, [user.email], fail_silently=True
                ))
    except IntegrityError:
        return False
    return True
