"""``ttdn demo-scale``: a small generated province, and the roll-up over it."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max, Sum

from ttdn.org.models import AdministrativeArea, AreaLevel, AreaScheme, Membership, Role, User
from ttdn.plans.models import Plan, PlanStatus, Task
from ttdn.reports.models import (
    Aggregation,
    CommuneReport,
    CommuneReportFigure,
    CommuneReportStatus,
    Indicator,
    ReportRound,
    UnitReport,
    UnitReportFigure,
    UnitReportStatus,
    UnitReportTask,
)
from ttdn.reports.rollup import build_rollup
from ttdn.reports.scale import UPPER_USERNAME, generated_communes
from ttdn.reports.services import unit_indicators

pytestmark = pytest.mark.django_db
ARGS = ("--communes", "2", "--units", "3", "--tasks", "2", "--today", "2026-11-27")


def test_demo_scale_makes_a_small_province_whose_rollup_adds_up():
    out = io.StringIO()
    call_command("demo_scale", *ARGS, stdout=out)
    assert "12 nhiệm vụ" in " ".join(out.getvalue().split())  # what it made, printed

    communes = list(generated_communes().select_related("area"))
    assert len(communes) == 2
    assert all(c.is_sample and c.name.endswith("(mẫu)") and c.area.parent.code == 38
               for c in communes)
    assert Plan.objects.filter(commune__in=communes, status=PlanStatus.ISSUED).count() == 2
    assert Task.objects.filter(commune__in=communes).count() == 2 * 3 * 2
    rounds = ReportRound.objects.filter(commune__in=communes)
    assert sorted(set(rounds.values_list("period", flat=True))) == ["2025-H2", "2026-H1"]
    assert rounds.count() == 4
    reports = UnitReport.objects.filter(commune__in=communes)
    assert reports.count() == 2 * 3 * 2
    assert set(reports.values_list("status", flat=True)) == {UnitReportStatus.ACCEPTED}
    assert UnitReportTask.objects.filter(report__in=reports).count() == 2 * 3 * 2 * 2
    assert UnitReportFigure.objects.filter(report__in=reports).count() == (
        2 * 3 * 2 * len(unit_indicators()))
    commune_reports = CommuneReport.objects.filter(commune__in=communes)
    assert commune_reports.count() == 4
    assert all(r.status == CommuneReportStatus.SENT and r.sent_at and r.approved_at and r.body
               for r in commune_reports)
    active = Indicator.objects.filter(is_active=True).count()
    assert CommuneReportFigure.objects.filter(report__in=commune_reports).count() == 4 * active

    province = AdministrativeArea.objects.get(scheme=AreaScheme.CURRENT,
                                              level=AreaLevel.PROVINCE, code=38)
    upper = User.objects.get(username=UPPER_USERNAME)
    assert Membership.objects.filter(user=upper, role=Role.UPPER_LEVEL, area=province).exists()

    rollup = build_rollup(user=upper, area=province, period="2026-H1")
    assert rollup.counts["sent"] == 2 and len(rollup.narratives) == 2
    direct = {
        row["indicator"]: row for row in CommuneReportFigure.objects.filter(
            report__commune__in=communes, report__period="2026-H1", value__isnull=False,
        ).values("indicator").annotate(total=Sum("value"), largest=Max("value"))
    }
    assert direct  # the generated reports have figures
    for figure in rollup.figures:
        row = direct.get(figure.indicator.pk)
        expected = None if row is None else (
            row["largest"] if figure.indicator.aggregation == Aggregation.MAX else row["total"])
        assert figure.value == expected, figure.indicator.code


def test_demo_scale_refuses_to_run_twice():
    call_command("demo_scale", *ARGS, stdout=io.StringIO())
    with pytest.raises(CommandError, match="đã có 2 xã sinh sẵn"):
        call_command("demo_scale", *ARGS, stdout=io.StringIO())
    assert generated_communes().count() == 2
