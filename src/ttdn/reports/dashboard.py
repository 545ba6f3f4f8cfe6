"""Home panels of the reports: "this period's reports" for the units, and the chairman's panel
for the commune-wide roles (units that reported, progress of tasks by unit, the main figures
against the previous period, late and missing units). Server-rendered HTML and CSS only: every
bar carries its numbers as text too."""

import datetime
from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from ttdn.org.scope import scope_of

from . import selectors
from .figures import combine, show
from .models import (
    CommuneReportFigure,
    Indicator,
    ReportRound,
    RoundKind,
    UnitReportFigure,
    UnitReportStatus,
)
from .permissions import managed_communes, visible_commune_reports, visible_unit_reports

SENT = (UnitReportStatus.SUBMITTED, UnitReportStatus.ACCEPTED)
MAIN_FIGURES = 6
MAX_ROUNDS = 3


class UnitReportsPanel(Component):
    name = "ttdn_reports_units"
    order = 24
    template_name = "reports/panel_units.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        if not scope_of(user).unit_ids:
            return {"shown": False}
        today = timezone.localdate()
        rows = [row for row in selectors.my_unit_reports(user=user, today=today)
                if row["round"].starts_on <= today]
        rows.sort(key=lambda row: (not row["late"], row["round"].deadline))
        return {"shown": bool(rows), "title": _("Báo cáo kỳ này"), "rows": rows[:6],
                "more": max(0, len(rows) - 6), "today": today,
                "mine_url": reverse("reports:mine")}


def current_rounds(rounds: list[ReportRound], today: datetime.date,
                   with_reports: set) -> list[ReportRound]:
    """Per plan, the round being reported now: the latest started round that units have
    begun to report on, else the latest started one."""
    by_plan: dict = defaultdict(list)
    for round_ in sorted(rounds, key=lambda r: (r.ends_on, r.starts_on), reverse=True):
        if round_.starts_on <= today:
            by_plan[round_.plan_id].append(round_)
    chosen = []
    for candidates in by_plan.values():
        reported = [r for r in candidates if r.pk in with_reports]
        chosen.append((reported or candidates)[0])
    return sorted(chosen, key=lambda r: r.ends_on, reverse=True)


def _unit_figures(user, round_) -> dict:
    values = defaultdict(list)
    rows = UnitReportFigure.objects.filter(
        report__in=visible_unit_reports(user).filter(round=round_, status__in=SENT)
    ).values_list("indicator_id", "value")
    for indicator_id, value in rows:
        values[indicator_id].append(value)
    return values


def period_figures(user, round_) -> dict:
    """Indicator id → value of the round: the commune report's figures once drafted, else the
    sent unit reports combined by each indicator's rule."""
    report = visible_commune_reports(user).filter(round=round_).first()
    if report is not None:
        return dict(CommuneReportFigure.objects.filter(report=report)
                    .values_list("indicator_id", "value"))
    values = _unit_figures(user, round_)
    rules = dict(Indicator.objects.filter(pk__in=values).values_list("pk", "aggregation"))
    return {pk: combine(rules[pk], found) for pk, found in values.items()}


def previous_round(round_: ReportRound) -> ReportRound | None:
    return (ReportRound.objects.filter(plan_id=round_.plan_id, kind=round_.kind,
                                       ends_on__lt=round_.starts_on)
            .order_by("-ends_on").first())


def figure_pairs(user, round_) -> tuple[list[dict], ReportRound | None]:
    earlier = previous_round(round_)
    now = period_figures(user, round_)
    before = period_figures(user, earlier) if earlier else {}
    pairs = []
    for indicator in Indicator.objects.filter(is_active=True):
        value, previous = now.get(indicator.pk), before.get(indicator.pk)
        if value is None and previous is None:
            continue
        top = max(v for v in (value, previous) if v is not None) or 1
        pairs.append({
            "indicator": indicator, "value": show(value), "previous": show(previous),
            "value_width": round(100 * (value or 0) / top),
            "previous_width": round(100 * (previous or 0) / top),
            "up": value is not None and previous is not None and value > previous,
            "down": value is not None and previous is not None and value < previous,
        })
    return pairs[:MAIN_FIGURES], earlier


def round_summary(user, round_, today) -> dict:
    rows = selectors.round_units(user=user, round_=round_, today=today)
    sent = [r for r in rows if r.report and r.report.status in SENT]
    units = []
    for row in rows:
        units.append({
            "row": row, "percent": round(100 * row.done / row.tasks) if row.tasks else 0,
            "sent": row in sent,
        })
    units.sort(key=lambda u: (-u["percent"], u["row"].unit.name))
    missing = [r for r in rows if r not in sent]
    figures, earlier = figure_pairs(user, round_)
    return {
        "round": round_, "total": len(rows), "sent": len(sent),
        "sent_percent": round(100 * len(sent) / len(rows)) if rows else 0,
        "units": units, "late": [r for r in missing if r.late],
        "missing": [r for r in missing if not r.late], "unsent": len(missing),
        "figures": figures,
        "previous": earlier, "deadline_passed": today > round_.deadline,
    }


class CommunePanel(Component):
    """The chairman's panel: for the commune-wide roles, one block per current round."""

    name = "ttdn_reports_commune"
    order = 22
    template_name = "reports/panel_commune.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        managed = managed_communes(user)
        if not managed:
            return {"shown": False}
        today = timezone.localdate()
        rounds = [r for r in selectors.rounds_visible_to(user=user)
                  if r.commune_id in managed and r.kind not in (RoundKind.AD_HOC,
                                                                  RoundKind.THEMATIC)]
        with_reports = set(visible_unit_reports(user).filter(round__in=rounds)
                           .values_list("round_id", flat=True))
        chosen = current_rounds(rounds, today, with_reports)[:MAX_ROUNDS]
        return {"shown": True, "title": _("Tình hình báo cáo định kỳ"),
                "summaries": [round_summary(user, r, today) for r in chosen],
                "index_url": reverse("reports:index"), "today": today}
