"""Reporting rounds: generated from each plan's reporting schedule, or created by hand.

``rounds_for_plan`` is idempotent: it creates the rounds of the plan's schedule (half-year,
year, quarter) that have begun by ``today`` and returns every round of the plan. Deadlines
default to ``submit_days_after_cutoff`` working days after the data cut-off for units, and as
many again for the commune to send its report up.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import audit
from ttdn.core.errors import PermissionDeniedError
from ttdn.core.text import nfc
from ttdn.plans import periods
from ttdn.plans.models import Plan, PlanStatus, ReportingRequirement

from .errors import ReportError
from .models import ReportRound, RoundKind
from .permissions import may_manage_rounds

FREQUENCY_KIND = {
    ReportingRequirement.Frequency.HALF_YEAR: RoundKind.HALF_YEAR,
    ReportingRequirement.Frequency.YEAR: RoundKind.YEAR,
    ReportingRequirement.Frequency.QUARTER: RoundKind.QUARTER,
}
DEFAULT_SUBMIT_DAYS = 5


def _round_title(period: periods.Period) -> str:
    return _("Báo cáo %(period)s") % {"period": period.label[0].lower() + period.label[1:]}


def rounds_for_plan(plan: Plan, *, today: datetime.date | None = None) -> list[ReportRound]:
    """The plan's rounds up to the current period, newest first, creating the missing ones
    (only an issued plan has new rounds)."""
    today = today or timezone.localdate()
    if plan.status != PlanStatus.ISSUED:  # a draft binds nobody; a superseded plan is over
        return sorted(plan.report_rounds.all(), key=lambda r: r.ends_on, reverse=True)
    existing = {r.period: r for r in plan.report_rounds.all()}
    requirements = list(plan.reporting.all()) or [None]
    for requirement in requirements:
        frequency = requirement.frequency if requirement else "half_year"
        kind = FREQUENCY_KIND.get(frequency)
        if kind is None:  # monthly reporting has no report round (yet)
            continue
        days = requirement.submit_days_after_cutoff if requirement else DEFAULT_SUBMIT_DAYS
        start = plan.started_on()
        for period in periods.periods_between(start, max(start, today), kind):
            if period.key in existing:
                continue
            deadline = periods.working_days_after(period.ends_on, days)
            try:
                with transaction.atomic():
                    round_ = existing[period.key] = ReportRound.objects.create(
                        commune_id=plan.commune_id, plan=plan, kind=kind, period=period.key,
                        title=_round_title(period), starts_on=period.starts_on,
                        ends_on=period.ends_on, deadline=deadline,
                        commune_deadline=periods.working_days_after(deadline, days),
                    )
                    audit.record(instance=round_, action="ttdn.reports.round.generated",
                                 actor=None, commune_id=plan.commune_id,
                                 after=audit.snapshot(round_))
            except IntegrityError:  # made by a concurrent request
                existing[period.key] = ReportRound.objects.get(plan=plan, period=period.key)
    return sorted(existing.values(), key=lambda r: r.ends_on, reverse=True)


def on_plan_issued(sender, *, plan: Plan, **kwargs) -> None:
    """An issued plan gets its rounds at once (``ttdn notify-reports`` adds the later ones)."""
    rounds_for_plan(plan)


def rounds_for_issued_plans(*, today: datetime.date | None = None) -> int:
    """Create the rounds that have begun for every issued plan; returns how many plans."""
    plans = list(Plan.objects.filter(status=PlanStatus.ISSUED).prefetch_related("reporting"))
    for plan in plans:
        rounds_for_plan(plan, today=today)
    return len(plans)


def _check_dates(starts_on, ends_on, deadline, commune_deadline) -> None:
    if ends_on < starts_on:
        raise ReportError(_("Ngày kết thúc số liệu phải sau ngày bắt đầu."), field="ends_on")
    if deadline < ends_on:
        raise ReportError(
            _("Hạn nộp báo cáo (%(deadline)s) không được trước ngày chốt số liệu (%(cutoff)s).")
            % {"deadline": deadline.strftime("%d/%m/%Y"), "cutoff": ends_on.strftime("%d/%m/%Y")},
            field="deadline",
        )
    if commune_deadline < deadline:
        raise ReportError(_("Hạn xã gửi cấp trên không được trước hạn các đơn vị nộp báo cáo."),
                          field="commune_deadline")


def round_create(*, plan: Plan, kind: str, title: str, starts_on: datetime.date,
                 ends_on: datetime.date, deadline: datetime.date,
                 commune_deadline: datetime.date | None = None, actor) -> ReportRound:
    """An ad hoc ("đột xuất") or thematic ("chuyên đề") report round, asked for by a document."""
    if not may_manage_rounds(actor, plan.commune_id):
        raise PermissionDeniedError(_("Bạn không có quyền tạo kỳ báo cáo."))
    if kind not in (RoundKind.AD_HOC, RoundKind.THEMATIC):
        raise ReportError(_("Chỉ tạo thêm được báo cáo đột xuất hoặc chuyên đề; báo cáo định kỳ "
                            "được tạo theo chế độ báo cáo của kế hoạch."), field="kind")
    title = " ".join(nfc(title or "").split())
    if not title:
        raise ReportError(_("Hãy nhập tên kỳ báo cáo."), field="title")
    commune_deadline = commune_deadline or periods.working_days_after(deadline, DEFAULT_SUBMIT_DAYS)
    _check_dates(starts_on, ends_on, deadline, commune_deadline)
    prefix = "DX" if kind == RoundKind.AD_HOC else "CD"
    with transaction.atomic():
        number = ReportRound.objects.filter(plan=plan, kind=kind).count() + 1
        round_ = ReportRound.objects.create(
            commune_id=plan.commune_id, plan=plan, kind=kind,
            period=f"{prefix}-{ends_on:%Y}-{number:02d}", title=title, starts_on=starts_on,
            ends_on=ends_on, deadline=deadline, commune_deadline=commune_deadline,
        )
        audit.record(instance=round_, action="ttdn.reports.round.created", actor=actor,
                     commune_id=plan.commune_id, after=audit.snapshot(round_))
    return round_


def round_set_deadlines(*, round_: ReportRound, deadline: datetime.date,
                        commune_deadline: datetime.date, actor) -> ReportRound:
    if not may_manage_rounds(actor, round_.commune_id):
        raise PermissionDeniedError(_("Bạn không có quyền sửa hạn báo cáo."))
    _check_dates(round_.starts_on, round_.ends_on, deadline, commune_deadline)
    with transaction.atomic():
        before = audit.snapshot(round_)
        round_.deadline, round_.commune_deadline = deadline, commune_deadline
        round_.save(update_fields=["deadline", "commune_deadline", "updated_at"])
        audit.record(instance=round_, action="ttdn.reports.round.deadlines", actor=actor,
                     commune_id=round_.commune_id, before=before, after=audit.snapshot(round_))
    return round_
