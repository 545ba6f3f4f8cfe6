"""The upper level's roll-up of one period: figures combined across the communes' sent reports
(one GROUP BY over their figure rows), narrative listed per commune."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Sum
from django.utils import timezone

from ttdn.core.text import fold_key
from ttdn.org.models import AdministrativeArea

from .figures import show
from .models import Aggregation, CommuneReport, CommuneReportFigure, Indicator
from .selectors import (
    SENT_UP,
    CommuneStatus,
    commune_statuses,
    overview_communes,
    period_reports,
)


@dataclass
class RollupFigure:
    indicator: Indicator
    value: Decimal | None
    communes: int  # how many communes reported it

    @property
    def shown(self) -> str:
        return show(self.value)


@dataclass
class CommuneNarrative:
    report: CommuneReport
    paragraphs: dict = field(default_factory=dict)  # part → [text]


@dataclass
class Rollup:
    area: AdministrativeArea
    period: str
    statuses: list[CommuneStatus]
    figures: list[RollupFigure]
    narratives: list[CommuneNarrative]

    @property
    def counts(self) -> dict:
        counts = {"sent": 0, "received": 0, "returned": 0, "late": 0, "missing": 0}
        for row in self.statuses:
            counts[row.state] += 1
        return counts


def rollup_figures(report_ids) -> list[RollupFigure]:
    """Every active indicator with its sum, maximum and number of communes over the reports:
    one GROUP BY over just those reports' figure rows (the floor's statement), then the
    catalogue; "latest" sums across communes (each its own count)."""
    totals = {
        indicator: (total, largest, communes)
        for indicator, total, largest, communes in
        CommuneReportFigure.objects.filter(report_id__in=report_ids, value__isnull=False)
        .values("indicator").annotate(total=Sum("value"), largest=Max("value"),
                                      communes=Count("report", distinct=True))
        .values_list("indicator", "total", "largest", "communes").order_by()
    }
    figures = []
    for indicator in Indicator.objects.filter(is_active=True):
        total, largest, communes = totals.get(indicator.pk, (None, None, 0))
        value = largest if indicator.aggregation == Aggregation.MAX else total
        figures.append(RollupFigure(indicator, value, communes))
    return figures


# What the roll-up reads of each commune report (``created_at``: the order of the narratives).
REPORT_FIELDS = ("pk", "commune_id", "kind", "period", "title", "status", "sent_at", "narrative",
                 "created_at")


def build_rollup(*, user, area: AdministrativeArea, period: str,
                 today: datetime.date | None = None) -> Rollup:
    """The statuses of ``upper_overview``, the figures summed over the sent reports and their
    narratives. The communes' reports of the period are read once for both the statuses and
    the narratives, with only the fields the roll-up shows (its screen and files); any other
    field of ``statuses[i].report`` or ``narratives[i].report`` is loaded when accessed."""
    today = today or timezone.localdate()
    communes = overview_communes(user=user, area=area)
    reports = list(period_reports(user=user, communes=communes, period=period)
                   .select_related(None).only(*REPORT_FIELDS))
    statuses = commune_statuses(communes=communes, reports=reports, period=period, today=today)
    by_pk = {commune.pk: commune for commune in communes}
    # What ``sent_reports`` returns, in its order (newest first), then by commune name.
    sent = sorted((r for r in reports if r.status in SENT_UP), key=lambda r: r.created_at,
                  reverse=True)
    for report in sent:
        report.commune = by_pk[report.commune_id]
    sent.sort(key=lambda r: fold_key(r.commune.name))
    narratives = [CommuneNarrative(report, report.narrative) for report in sent]
    return Rollup(area, period, statuses, rollup_figures([r.pk for r in sent]), narratives)
