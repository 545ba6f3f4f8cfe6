"""Reads of the reports, always through the permission scope."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, FilteredRelation, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.text import fold_key
from ttdn.org.models import AdministrativeArea, Commune, Unit
from ttdn.org.scope import COMMUNE_WIDE_ROLES, commune_condition, scope_of, seats_of
from ttdn.plans import periods
from ttdn.plans.models import Task, TaskStatus

from .models import (
    CommuneReport,
    CommuneReportKind,
    CommuneReportStatus,
    ReportRound,
    UnitReport,
    UnitReportStatus,
    UnitReportTask,
)
from .permissions import (
    UPPER_VISIBLE,
    managed_communes,
    upper_communes,
    visible_commune_reports,
    visible_rounds,
    visible_unit_reports,
)

SENT_UP = (CommuneReportStatus.SENT, CommuneReportStatus.RECEIVED)


def rounds_visible_to(*, user) -> list[ReportRound]:
    """Every round of the plans the user can see, newest first (rounds are created when a plan
    is issued and by ``ttdn notify-reports`` when a period begins, never by a read)."""
    return list(visible_rounds(user).select_related("plan", "commune").order_by("-ends_on"))


def _unit_ids(user):
    return scope_of(user).unit_ids


@dataclass
class UnitStatus:
    unit: Unit
    report: UnitReport | None
    tasks: int
    done: int
    late: bool

    @property
    def status_label(self) -> str:
        if self.report is None:
            return _("Chưa mở báo cáo")
        return self.report.get_status_display()


def round_units(*, user, round_: ReportRound, today: datetime.date | None = None
                ) -> list[UnitStatus]:
    """The units with tasks in the round's plan, with their report (or none) and whether it
    is late. Only for those who manage the commune's reports (and the upper level)."""
    today = today or timezone.localdate()
    reports = {r.unit_id: r for r in visible_unit_reports(user).filter(round=round_)}
    counts = (Task.objects.filter(plan_id=round_.plan_id)
              .values("lead_unit").annotate(n=Count("pk")))
    done = dict(UnitReportTask.objects.filter(report__round=round_, status=TaskStatus.DONE)
                .values("report__unit").annotate(n=Count("pk")).values_list("report__unit", "n"))
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[c["lead_unit"] for c in counts])}
    rows = []
    for count in counts:
        unit = units[count["lead_unit"]]
        report = reports.get(unit.pk)
        sent = report is not None and report.status in (UnitReportStatus.SUBMITTED,
                                                        UnitReportStatus.ACCEPTED)
        late = (not sent and today > round_.deadline) or bool(
            sent and report.submitted_at
            and timezone.localdate(report.submitted_at) > round_.deadline)
        rows.append(UnitStatus(unit, report, count["n"], done.get(unit.pk, 0), late))
    return sorted(rows, key=lambda r: r.unit.name)


def my_unit_reports(*, user, today: datetime.date | None = None) -> list[dict]:
    """For a unit member: each round of their units' plans that is the latest of its kind, that
    the unit still owes (not sent, or returned) or whose report waits for the commune's
    decision, with the unit's report if started."""
    today = today or timezone.localdate()
    unit_ids = _unit_ids(user)
    pairs = set(Task.objects.filter(lead_unit_id__in=unit_ids, plan__status="issued")
                .values_list("plan_id", "lead_unit_id"))
    if not pairs:
        return []
    rounds = list(ReportRound.objects.filter(plan_id__in={p for p, _u in pairs},
                                             starts_on__lte=today)
                  .select_related("plan").order_by("-ends_on"))
    reports = {(r.round_id, r.unit_id): r for r in
               UnitReport.objects.filter(round__in=rounds, unit_id__in=unit_ids)}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids)}
    latest = {}
    for round_ in rounds:
        latest.setdefault((round_.plan_id, round_.kind), round_.pk)
    rows = []
    for round_ in rounds:
        for plan_id, unit_id in sorted(pairs):
            if plan_id != round_.plan_id:
                continue
            report = reports.get((round_.pk, unit_id))
            owed = report is None or report.status in (UnitReportStatus.DRAFT,
                                                       UnitReportStatus.RETURNED)
            waiting = report is not None and report.status == UnitReportStatus.SUBMITTED
            if not (owed or waiting) and latest[(round_.plan_id, round_.kind)] != round_.pk:
                continue
            rows.append({"round": round_, "unit": units[unit_id], "report": report,
                         "late": owed and today > round_.deadline})
    return rows


def commune_reports_visible_to(*, user):
    return visible_commune_reports(user).select_related("commune", "plan", "round")


# The upper level ----------------------------------------------------------------------------


@dataclass
class CommuneStatus:
    """A commune's row of the upper level's overview (in the roll-up, ``commune`` and
    ``report`` are its ``RollupCommune`` and ``RollupReport`` rows)."""

    commune: Commune
    report: CommuneReport | None
    state: str  # "sent" | "received" | "returned" | "late" | "missing"

    @property
    def label(self) -> str:
        return {"sent": _("Đã gửi"), "received": _("Đã tiếp nhận"),
                "returned": _("Đã trả lại"), "late": _("Quá hạn, chưa gửi"),
                "missing": _("Chưa gửi")}[self.state]


def area_communes(area: AdministrativeArea):
    return Commune.objects.filter(commune_condition([area])).select_related("area")


def overview_communes(*, user, area: AdministrativeArea) -> list[Commune]:
    """The communes under the area that the user oversees (or manages): one query on the
    area's condition, narrowed to the user's scope here (no list of ids sent to the DB)."""
    communes = area_communes(area).only("pk", "name", "area__division_type")
    if user.is_superuser:
        return list(communes)
    allowed = upper_communes(user) | managed_communes(user)
    return [commune for commune in communes if commune.pk in allowed]


def period_reports(*, user, communes, period: str):
    """Every report of the period the user may see for these communes, the latest sent first.

    Without ``body``: a 500-task commune report's body is ~180 kB of JSON, and reading and
    decoding 166 of them was nearly all of a province's roll-up (0.8 s of 0.83 s, SQLite). It is
    loaded on access if anybody needs it."""
    return (visible_commune_reports(user)
            .filter(commune__in=communes, period=period, kind=CommuneReportKind.PERIOD)
            .select_related("round").order_by("-sent_at").defer("body"))


def overview_report_rows(*, user, area: AdministrativeArea, period: str) -> list[tuple]:
    """``overview_communes`` joined to their reports of the period that the user may see
    (``visible_commune_reports``), in one query after the user's seats: rows ``(commune id,
    name, division type, report id, status, sent_at, created_at, narrative)`` by commune name,
    then newest ``sent_at`` first (as ``period_reports``); the report's fields are ``None`` for
    a commune without one, and a commune with several has a row for each. The scope's rule
    (the communes under the areas the user oversees, and those they manage) is a condition on
    the communes of the area, where ``scope_of`` would first look up every commune it allows."""
    where = commune_condition([area])
    seen = Q(commune_report__period=period, commune_report__kind=CommuneReportKind.PERIOD)
    if not user.is_superuser:
        seats = seats_of(user)
        managed = seats.communes_with_role(COMMUNE_WIDE_ROLES)
        if not seats.upper_areas and not managed:
            return []
        if area.pk not in {upper.pk for upper in seats.upper_areas}:  # else: all of the area
            where &= commune_condition(seats.upper_areas) | Q(pk__in=managed)
        # Every report of a commune they manage, the sent-up ones of a commune they oversee.
        visible = Q(commune_report__status__in=UPPER_VISIBLE)
        if managed:
            visible |= Q(commune_report__commune_id__in=managed)
        seen &= visible
    elif not user.is_active:  # ``scope_of`` gives an inactive account nothing
        return [(*row, None, None, None, None, None) for row in
                Commune.objects.filter(where).values_list("pk", "name", "area__division_type")]
    return list(
        Commune.objects.filter(where)
        .annotate(report=FilteredRelation("commune_report", condition=seen))
        .order_by("name", "-report__sent_at")
        .values_list("pk", "name", "area__division_type", "report__pk", "report__status",
                     "report__sent_at", "report__created_at", "report__narrative"))


def commune_statuses(*, communes, reports, period: str, today: datetime.date,
                     sort_keys: dict | None = None) -> list[CommuneStatus]:
    """``upper_overview``'s rows from the communes and their reports (``period_reports``), by
    commune name (``sort_keys``: commune id → ``fold_key`` of its name, if already computed)."""
    latest = {}
    for report in reports:
        latest.setdefault(report.commune_id, report)
    answered = (*SENT_UP, CommuneReportStatus.RETURNED)
    waiting = [c.pk for c in communes
               if c.pk not in latest or latest[c.pk].status not in answered]
    # Deadlines only matter for the communes that have not sent (none, once all have).
    deadlines = dict(ReportRound.objects.filter(commune__in=waiting, period=period)
                     .values_list("commune_id", "commune_deadline")) if waiting else {}
    rows = []
    if sort_keys is None:
        sort_keys = {c.pk: fold_key(c.name) for c in communes}
    for commune in sorted(communes, key=lambda c: sort_keys[c.pk]):
        report = latest.get(commune.pk)
        if report is not None and report.status in answered:
            state = {CommuneReportStatus.SENT: "sent", CommuneReportStatus.RECEIVED: "received",
                     CommuneReportStatus.RETURNED: "returned"}[report.status]
        else:
            deadline = deadlines.get(commune.pk) or _default_commune_deadline(period)
            state = "late" if deadline and today > deadline else "missing"
            report = None
        rows.append(CommuneStatus(commune, report, state))
    return rows


def upper_overview(*, user, area: AdministrativeArea, period: str,
                   today: datetime.date | None = None) -> list[CommuneStatus]:
    """Every commune under the area with its report of the period: sent, received, returned,
    late (past the commune deadline, not sent) or missing."""
    today = today or timezone.localdate()
    communes = overview_communes(user=user, area=area)
    reports = period_reports(user=user, communes=communes, period=period).defer("narrative")
    return commune_statuses(communes=communes, reports=reports, period=period, today=today)


def _default_commune_deadline(period: str) -> datetime.date | None:
    try:
        cutoff = periods.by_key(period).ends_on
    except ValueError:
        return None
    return periods.working_days_after(cutoff, 10)


def sent_reports(*, user, communes, period: str):
    """The reports of the period the upper level has received (sent or received)."""
    return visible_commune_reports(user).filter(
        Q(status__in=SENT_UP), commune__in=communes, period=period,
        kind=CommuneReportKind.PERIOD)
