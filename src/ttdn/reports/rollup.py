"""The upper level's roll-up of one period: figures combined across the communes' sent reports
(one GROUP BY over their figure rows), narrative listed per commune."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.db.models import Count, Max, Sum
from django.utils import timezone

from ttdn.core.text import fold_key
from ttdn.org.models import AdministrativeArea

from .figures import show
from .models import (
    Aggregation,
    CommuneReportFigure,
    CommuneReportStatus,
    Indicator,
)
from .selectors import SENT_UP, CommuneStatus, commune_statuses, overview_report_rows


@dataclass(frozen=True, slots=True)
class RollupCommune:
    """A commune as the roll-up shows it: read as a row, not as a model instance."""

    pk: int
    name: str
    division_type: str

    def __str__(self):  # as ``Commune.__str__`` (a commune always has its area)
        return f"{self.division_type.capitalize()} {self.name}"


STATUS_LABELS = dict(CommuneReportStatus.choices)

# The sort key of a commune's name, kept per process: a province's names are the same from one
# roll-up to the next, and folding 166 of them was a tenth of the roll-up's time (PostgreSQL).
_name_key = lru_cache(maxsize=4096)(fold_key)


@dataclass(slots=True)
class RollupReport:
    """The fields of a commune report that the roll-up's screen and files show."""

    pk: int
    commune: RollupCommune
    status: str
    sent_at: datetime.datetime | None
    created_at: datetime.datetime

    @property
    def commune_id(self) -> int:
        return self.commune.pk

    def get_status_display(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))


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
    report: RollupReport
    paragraphs: dict = field(default_factory=dict)  # part → [text]


@dataclass
class Rollup:
    """``statuses`` and ``narratives`` hold ``RollupCommune`` and ``RollupReport`` rows."""

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
    catalogue; "latest" sums across communes (each its own count). A report has at most one
    row per indicator (``commune_report_figure_unique``), so its rows are counted without
    DISTINCT (which would sort them)."""
    totals = {
        indicator: (total, largest, communes)
        for indicator, total, largest, communes in
        CommuneReportFigure.objects.filter(report__id__in=report_ids, value__isnull=False)
        .values("indicator").annotate(total=Sum("value"), largest=Max("value"),
                                      communes=Count("report"))
        .values_list("indicator", "total", "largest", "communes").order_by()
    } if report_ids else {}
    figures = []
    for indicator in Indicator.objects.filter(is_active=True):
        total, largest, communes = totals.get(indicator.pk, (None, None, 0))
        value = largest if indicator.aggregation == Aggregation.MAX else total
        figures.append(RollupFigure(indicator, value, communes))
    return figures


def build_rollup(*, user, area: AdministrativeArea, period: str,
                 today: datetime.date | None = None) -> Rollup:
    """The statuses of ``upper_overview``, the figures summed over the sent reports and their
    narratives, in four queries: the user's seats, the communes with their reports of the
    period (read once for both the statuses and the narratives), the figures and the
    catalogue. The communes and reports are read as rows, not model instances."""
    today = today or timezone.localdate()
    by_pk, reports, narratives = {}, [], {}
    for (commune_id, name, division_type, pk, status, sent_at, created_at,
         narrative) in overview_report_rows(user=user, area=area, period=period):
        commune = by_pk.get(commune_id)
        if commune is None:
            commune = by_pk[commune_id] = RollupCommune(commune_id, name, division_type)
        if pk is not None:
            reports.append(RollupReport(pk, commune, status, sent_at, created_at))
            narratives[pk] = narrative
    names = {pk: _name_key(commune.name) for pk, commune in by_pk.items()}
    statuses = commune_statuses(communes=list(by_pk.values()), reports=reports, period=period,
                                today=today, sort_keys=names)
    # What ``sent_reports`` returns, in its order (newest first), then by commune name.
    sent = sorted((r for r in reports if r.status in SENT_UP), key=lambda r: r.created_at,
                  reverse=True)
    sent.sort(key=lambda r: names[r.commune.pk])
    return Rollup(area, period, statuses, rollup_figures([r.pk for r in sent]),
                  [CommuneNarrative(report, narratives[report.pk]) for report in sent])
