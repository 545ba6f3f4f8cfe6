"""Periodic reports end to end through the services: rounds from the plan's schedule, unit
reports (pre-filled, saved with conflicts detected, submitted, returned, accepted), the commune
report drafted from accepted reports, its approval and sending, the upper level's overview and
roll-up, and reviews over several periods."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from wagtail.models import ModelLogEntry

from tests import factories
from ttdn.cases import services as case_services
from ttdn.cases.intake import TipInput
from ttdn.cases.models import Case
from ttdn.core.errors import PermissionDeniedError
from ttdn.org.models import (
    AdministrativeArea,
    AreaLevel,
    AreaScheme,
    Commune,
    Membership,
    Role,
    Unit,
    User,
)
from ttdn.org.services import staff_create
from ttdn.plans.models import (
    Plan,
    PlanSection,
    PlanStatus,
    ReportingRequirement,
    Task,
    TaskOccurrence,
    TaskStatus,
)
from ttdn.reports import drafting, rollup, selectors, services
from ttdn.reports.errors import ConflictError, ReportError
from ttdn.reports.models import (
    CommuneReport,
    CommuneReportKind,
    CommuneReportStatus,
    Indicator,
    ReportRound,
    RoundKind,
    UnitReport,
    UnitReportFigure,
    UnitReportStatus,
)
from ttdn.reports.rounds import round_create, rounds_for_plan

pytestmark = pytest.mark.django_db

D = datetime.date
AFTER_H1 = D(2026, 7, 1)  # the H1 window is closed; H2 and the year have begun
MAX_CODE = "nguoi-du-dong-nhat"


# Fixtures (tests/reports/conftest.py gives ``upper_level``; the plan here needs two reporting
# frequencies, a second unit with tasks and task occurrences, so it is built below) ------------


@dataclass
class Setup:
    """One commune's plan with two units that lead tasks, and the people who report."""

    commune: object
    plan: Plan
    village: Unit
    radio: Unit
    member: object  # of the village
    radio_member: object
    officer: object
    chairman: object
    vice_chairman: object
    t1: Task  # village, done in H1 (from its occurrence)
    t2: Task  # village, not started
    t3: Task  # radio


def build(world, key: str, *, requirements=(("half_year", 5), ("year", 7))) -> Setup:
    people = world[key]
    commune = people["commune"]
    radio = Unit.objects.create(commune=commune, name="Đài truyền thanh xã",
                                kind="radio_station")
    radio_member = factories.member(radio, role=Role.RADIO_STAFF, username=f"{key}.dai")
    plan = Plan.objects.create(
        commune=commune, title="Thông tin đối ngoại trên địa bàn xã năm 2026",
        symbol="12/KH-UBND", status=PlanStatus.ISSUED, issued_on=D(2026, 1, 5),
        signer_authority="TM. ỦY BAN NHÂN DÂN", signer_title="CHỦ TỊCH",
        signer_name="Lê Văn Ký")
    section = PlanSection.objects.create(plan=plan, position=1, number="1", path="II.1",
                                         title="Tuyên truyền đối ngoại")
    for frequency, days in requirements:
        ReportingRequirement.objects.create(plan=plan, frequency=frequency,
                                            submit_days_after_cutoff=days)
    t1 = Task.objects.create(plan=plan, commune=commune, lead_unit=people["village"],
                             text="Tổ chức hội nghị tuyên truyền Kết luận 57-KL/TW",
                             position=1, section=section)
    t2 = Task.objects.create(plan=plan, commune=commune, lead_unit=people["village"],
                             text="Cập nhật tin, bài lên bảng tin thôn", position=2)
    t3 = Task.objects.create(plan=plan, commune=commune, lead_unit=radio,
                             text="Phát chuyên mục thông tin đối ngoại", position=3,
                             section=section)
    # t1 was completed inside the H1 window; t2's earlier work was completed before it.
    TaskOccurrence.objects.create(task=t1, period="2026-H1", status=TaskStatus.DONE,
                                  progress=100, completed_on=D(2026, 3, 10))
    TaskOccurrence.objects.create(task=t2, period="2025-H2", status=TaskStatus.DONE,
                                  progress=100, completed_on=D(2025, 12, 1))
    return Setup(commune, plan, people["village"], radio, people[Role.UNIT_MEMBER], radio_member,
                 people[Role.CULTURE_OFFICER], people[Role.CHAIRMAN],
                 people[Role.VICE_CHAIRMAN], t1, t2, t3)


@pytest.fixture
def max_indicator(db):
    """The catalogue has no "largest" indicator; one is added for the rule."""
    return Indicator.objects.create(code=MAX_CODE, name="Số người dự đông nhất một buổi",
                                    measure="người", aggregation="max", position=999)


@pytest.fixture
def tan(world, max_indicator):
    return build(world, "cam-tan")


@pytest.fixture
def thach(world, max_indicator):
    return build(world, "cam-thach")


def rounds_by_period(setup: Setup, today=AFTER_H1) -> dict:
    return {r.period: r for r in rounds_for_plan(setup.plan, today=today)}


@pytest.fixture
def h1(tan):
    return rounds_by_period(tan)["2026-H1"]


def upper(admin_user, username, area):
    return staff_create(username=username, family_name="Cán bộ", given_name="Cấp trên",
                        email="", password="một câu mật khẩu đủ dài", role=Role.UPPER_LEVEL,
                        area=area, actor=admin_user).user


def province():
    return AdministrativeArea.objects.get(scheme=AreaScheme.CURRENT, level=AreaLevel.PROVINCE,
                                          code=38)


def actions(instance) -> list[str]:
    return list(ModelLogEntry.objects.for_instance(instance).order_by("timestamp", "pk")
                .values_list("action", flat=True))


VILLAGE_DONE = "Tổ chức 3 hội nghị tuyên truyền với 240 lượt người tham dự."
RADIO_DONE = "Phát 40 tin, bài về thông tin đối ngoại."
VILLAGE_FIGURES = {"buoi-tuyen-truyen": "3", "cum-loa-hoat-dong": "14", MAX_CODE: "120",
                   "tin-bai-trang-tt": "10", "kinh-phi-chi": "1.500.000"}
RADIO_FIGURES = {"buoi-tuyen-truyen": "2", "cum-loa-hoat-dong": "6", MAX_CODE: "300",
                 "tin-bai-trang-tt": "5", "kinh-phi-chi": "2.500.000,5"}


def village_data(setup: Setup, figures=None, done=VILLAGE_DONE) -> dict:
    return {"tasks": {str(setup.t1.pk): {"done": done}},
            "figures": {code: {"value": v} for code, v in (figures or VILLAGE_FIGURES).items()},
            "difficulties": "Kinh phí cho tuyên truyền còn hạn chế.",
            "proposals": "Đề nghị hỗ trợ thêm cụm loa."}


def radio_data(setup: Setup, figures=None) -> dict:
    return {"tasks": {str(setup.t3.pk): {"done": RADIO_DONE, "status": "in_progress",
                                         "progress": "50%"}},
            "figures": {code: {"value": v} for code, v in (figures or RADIO_FIGURES).items()},
            "proposals": "Đề nghị nâng cấp máy phát."}


def submitted(setup: Setup, round_, *, unit="village", figures=None) -> UnitReport:
    actor = setup.member if unit == "village" else setup.radio_member
    the_unit = setup.village if unit == "village" else setup.radio
    report = services.unit_report_open(round_=round_, unit=the_unit, actor=actor)
    data = (village_data(setup, figures) if unit == "village"
            else radio_data(setup, figures))
    report, errors = services.unit_report_save(report=report, actor=actor, data=data,
                                               revision=report.revision)
    assert errors == {}
    return services.unit_report_submit(report=report, actor=actor, revision=report.revision)


def accepted(setup: Setup, round_, **kwargs) -> UnitReport:
    return services.unit_report_accept(report=submitted(setup, round_, **kwargs),
                                       actor=setup.officer)


def sent(setup: Setup, round_) -> CommuneReport:
    """Both units accepted, the commune report drafted, approved and sent."""
    accepted(setup, round_)
    accepted(setup, round_, unit="radio")
    report = drafting.commune_report_draft(round_=round_, actor=setup.officer)
    report = services.commune_report_request_approval(report=report, actor=setup.officer)
    report = services.commune_report_approve(report=report, actor=setup.chairman)
    return services.commune_report_send(report=report, actor=setup.officer)


def commune_figures(report: CommuneReport) -> dict:
    return {f.indicator.code: f for f in report.figures.select_related("indicator")}


# Rounds ----------------------------------------------------------------------------------------


def test_rounds_follow_the_plans_schedule(tan):
    rounds = rounds_for_plan(tan.plan, today=AFTER_H1)
    found = {r.period: (r.kind, r.starts_on, r.ends_on, r.deadline, r.commune_deadline)
             for r in rounds}
    assert found == {
        # cut-off Sunday 14/6: five working days → Friday 19/6, five more → Friday 26/6
        "2026-H1": (RoundKind.HALF_YEAR, D(2025, 12, 15), D(2026, 6, 14), D(2026, 6, 19),
                    D(2026, 6, 26)),
        # begun on 15/6, so it exists already
        "2026-H2": (RoundKind.HALF_YEAR, D(2026, 6, 15), D(2026, 12, 14), D(2026, 12, 21),
                    D(2026, 12, 28)),
        # seven working days after Monday 14/12 → Wednesday 23/12; seven more → Friday 1/1
        "2026": (RoundKind.YEAR, D(2025, 12, 15), D(2026, 12, 14), D(2026, 12, 23),
                 D(2027, 1, 1)),
    }
    assert [r.ends_on for r in rounds] == sorted((r.ends_on for r in rounds), reverse=True)
    titles = {r.period: r.title for r in rounds}
    assert titles["2026-H1"] == "Báo cáo 6 tháng đầu năm 2026"
    assert titles["2026"] == "Báo cáo năm 2026"
    assert {r.commune_id for r in rounds} == {tan.commune.pk}


def test_rounds_for_plan_is_idempotent(tan):
    first = rounds_for_plan(tan.plan, today=AFTER_H1)
    again = rounds_for_plan(tan.plan, today=AFTER_H1)
    assert sorted(r.pk for r in first) == sorted(r.pk for r in again)
    assert ReportRound.objects.filter(plan=tan.plan).count() == 3
    generated = ModelLogEntry.objects.filter(action="ttdn.reports.round.generated")
    assert generated.count() == 3
    # A later day adds only the new periods.
    later = rounds_for_plan(tan.plan, today=D(2026, 12, 20))
    assert sorted(r.period for r in later) == ["2026", "2026-H1", "2026-H2", "2027", "2027-H1"]
    assert ReportRound.objects.filter(plan=tan.plan).count() == 5
    assert generated.count() == 5


def test_rounds_only_for_periods_that_have_begun(tan):
    rounds = rounds_for_plan(tan.plan, today=D(2026, 3, 1))
    assert sorted(r.period for r in rounds) == ["2026", "2026-H1"]


def test_plan_without_schedule_reports_half_yearly(world):
    setup = build(world, "cam-tan", requirements=())
    rounds = rounds_for_plan(setup.plan, today=AFTER_H1)
    assert sorted(r.period for r in rounds) == ["2026-H1", "2026-H2"]
    assert {r.period: r.deadline for r in rounds}["2026-H1"] == D(2026, 6, 19)


def test_draft_plan_without_schedule_has_no_rounds(world):
    setup = build(world, "cam-tan", requirements=())
    Plan.objects.filter(pk=setup.plan.pk).update(status=PlanStatus.DRAFT)
    setup.plan.refresh_from_db()
    assert rounds_for_plan(setup.plan, today=AFTER_H1) == []
    assert not ReportRound.objects.exists()


def test_a_superseded_plan_keeps_its_rounds_but_gets_no_new_ones(tan):
    rounds_for_plan(tan.plan, today=AFTER_H1)
    Plan.objects.filter(pk=tan.plan.pk).update(status=PlanStatus.SUPERSEDED)
    tan.plan.refresh_from_db()
    later = rounds_for_plan(tan.plan, today=D(2027, 7, 1))
    assert [r.ends_on for r in later] == [D(2026, 12, 14), D(2026, 12, 14), D(2026, 6, 14)]
    assert sorted(r.period for r in later) == ["2026", "2026-H1", "2026-H2"]
    assert ReportRound.objects.filter(plan=tan.plan).count() == 3


def test_a_draft_plan_with_a_schedule_gets_no_rounds(tan):
    Plan.objects.filter(pk=tan.plan.pk).update(status=PlanStatus.DRAFT)
    tan.plan.refresh_from_db()
    assert rounds_for_plan(tan.plan, today=AFTER_H1) == []
    assert not ReportRound.objects.exists()


def test_round_create_refuses_a_deadline_before_the_cutoff(tan):
    with pytest.raises(ReportError) as caught:
        round_create(plan=tan.plan, kind=RoundKind.AD_HOC, title="Báo cáo đột xuất về bão số 3",
                     starts_on=D(2026, 9, 1), ends_on=D(2026, 9, 20),
                     deadline=D(2026, 9, 19), actor=tan.officer)
    assert caught.value.field == "deadline"
    assert "không được trước ngày chốt số liệu" in caught.value.message
    assert "19/09/2026" in caught.value.message and "20/09/2026" in caught.value.message
    assert not ReportRound.objects.exists()


def test_round_create_refuses_a_regular_kind(tan):
    with pytest.raises(ReportError) as caught:
        round_create(plan=tan.plan, kind=RoundKind.HALF_YEAR, title="Báo cáo 6 tháng",
                     starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 14),
                     deadline=D(2026, 6, 20), actor=tan.officer)
    assert caught.value.field == "kind"
    assert "đột xuất hoặc chuyên đề" in caught.value.message
    assert not ReportRound.objects.exists()


def test_round_create_numbers_ad_hoc_and_thematic_rounds(tan):
    def make(kind, title):
        return round_create(plan=tan.plan, kind=kind, title=title, starts_on=D(2026, 9, 1),
                            ends_on=D(2026, 9, 20), deadline=D(2026, 9, 25),
                            actor=tan.officer)

    first = make(RoundKind.AD_HOC, "  Báo cáo   đột xuất về bão số 3 ")
    second = make(RoundKind.AD_HOC, "Báo cáo đột xuất về sạt lở")
    thematic = make(RoundKind.THEMATIC, "Chuyên đề chuyển đổi số")
    assert (first.period, second.period, thematic.period) == ("DX-2026-01", "DX-2026-02",
                                                              "CD-2026-01")
    assert first.title == "Báo cáo đột xuất về bão số 3"
    assert first.commune_deadline == D(2026, 10, 2)  # five working days after Friday 25/9
    assert actions(first) == ["ttdn.reports.round.created"]


def test_round_create_needs_a_commune_wide_role(tan):
    with pytest.raises(PermissionDeniedError):
        round_create(plan=tan.plan, kind=RoundKind.AD_HOC, title="Báo cáo đột xuất",
                     starts_on=D(2026, 9, 1), ends_on=D(2026, 9, 20),
                     deadline=D(2026, 9, 25), actor=tan.member)
    assert not ReportRound.objects.exists()


# Unit reports: opening -------------------------------------------------------------------------


def test_open_lists_the_units_tasks_and_prefills_sourced_figures(tan, h1):
    report = services.unit_report_open(round_=h1, unit=tan.village, actor=tan.member)
    rows = {row.task_id: row for row in report.tasks.all()}
    assert list(rows) == [tan.t1.pk, tan.t2.pk]  # not the radio's task
    assert (rows[tan.t1.pk].status, rows[tan.t1.pk].progress,
            rows[tan.t1.pk].completed_on) == (TaskStatus.DONE, 100, D(2026, 3, 10))
    assert (rows[tan.t2.pk].status, rows[tan.t2.pk].completed_on) == (
        TaskStatus.NOT_STARTED, None)
    figures = {f.indicator.code: f for f in report.figures.select_related("indicator")}
    done = figures["nhiem-vu-hoan-thanh"]
    # Only t1 was completed in the window (t2's work was completed on 1/12/2025).
    assert (done.value, done.system_value) == (Decimal(1), Decimal(1))
    assert done.is_prefilled
    assert done.system_detail.startswith("1 nhiệm vụ được ghi nhận hoàn thành trong kỳ")
    assert done.system_url
    manual = figures["tin-bai-trang-tt"]
    assert (manual.value, manual.system_value, manual.is_prefilled) == (None, None, False)
    # The commune-wide figures (cases) are not the unit's to fill in.
    assert "vu-viec-phat-hien" not in figures and "vu-viec-xu-ly" not in figures
    assert MAX_CODE in figures
    assert report.status == UnitReportStatus.DRAFT and report.revision == 1
    assert actions(report) == ["ttdn.reports.unit_report.started"]


def test_opening_twice_returns_the_same_report(tan, h1):
    first = services.unit_report_open(round_=h1, unit=tan.village, actor=tan.member)
    again = services.unit_report_open(round_=h1, unit=tan.village, actor=tan.officer)
    assert first.pk == again.pk
    assert UnitReport.objects.count() == 1
    assert actions(first) == ["ttdn.reports.unit_report.started"]


def test_a_changed_system_figure_follows_unless_the_unit_corrected_it(tan, h1):
    report = services.unit_report_open(round_=h1, unit=tan.village, actor=tan.member)
    occurrence = TaskOccurrence.objects.create(task=tan.t2, period="2026-H1",
                                               status=TaskStatus.DONE, progress=100,
                                               completed_on=D(2026, 5, 2))
    services.unit_report_open(round_=h1, unit=tan.village, actor=tan.member)
    figure = UnitReportFigure.objects.get(report=report, indicator__code="nhiem-vu-hoan-thanh")
    assert (figure.value, figure.system_value) == (Decimal(2), Decimal(2))
    services.unit_report_save(report=report, actor=tan.member, revision=None,
                              data={"figures": {"nhiem-vu-hoan-thanh": {"value": "5"}}})
    occurrence.delete()
    services.unit_report_open(round_=h1, unit=tan.village, actor=tan.member)
    figure.refresh_from_db()
    assert (figure.value, figure.system_value) == (Decimal(5), Decimal(1))
    assert not figure.is_prefilled


def test_a_member_of_another_unit_cannot_open_the_report(tan, h1):
    with pytest.raises(PermissionDeniedError):
        services.unit_report_open(round_=h1, unit=tan.village, actor=tan.radio_member)
    assert not UnitReport.objects.exists()


# Unit reports: saving --------------------------------------------------------------------------


def test_save_from_a_stale_revision_is_a_conflict_and_saves_nothing(tan, h1):
    report = services.unit_report_open(round_=h1, unit=tan.village, actor=tan.member)
    opened_at = report.revision
    report, errors = services.unit_report_save(
        report=report, actor=tan.member, revision=opened_at,
        data={"difficulties": "Thiếu kinh phí.", "figures": {"lop-tap-huan": {"value": "2"}}})
    assert errors == {} and report.revision == opened_at + 1
    with pytest.raises(ConflictError) as caught:
        services.unit_report_save(
            report=report, actor=tan.member, revision=opened_at,
            data={"difficulties": "Bản cũ ghi đè.", "proposals": "Không được lưu.",
                  "figures": {"lop-tap-huan": {"value": "9"}}})
    extra = caught.value.extra
    assert extra["current"]["difficulties"] == "Thiếu kinh phí."
    assert extra["current"]["figures"]["lop-tap-huan"]["value"] == "2.00"
    assert extra["revision"] == opened_at + 1
    assert extra["saved_by"] == tan.member.get_full_name()
    stored = UnitReport.objects.get(pk=report.pk)
    assert (stored.difficulties, stored.proposals, stored.revision) == (
        "Thiếu kinh phí.", "", opened_at + 1)
    assert UnitReportFigure.objects.get(report=report,
                                        indicator__code="lop-tap-huan").value == Decimal(2)
    assert actions(report).count("ttdn.reports.unit_report.saved") == 1


def test_bad_figures_are_reported_and_the_rest_is_saved(tan, h1):
    report = services.unit_report_open(round_=h1, unit=tan.village, actor=tan.member)
    report, errors = services.unit_report_save(
        report=report, actor=tan.member, revision=report.revision,
        data={"difficulties": "  Thiếu loa.  \r\nCần thêm kinh phí.  ",
              "figures": {"tin-bai-trang-tt": {"value": "-3"},
                          "buoi-tuyen-truyen": {"value": "ba buổi"},
                          "luot-nguoi-tham-du": {"value": "1.250"},
                          "gio-phat-thanh": {"value": "96,5", "note": "ước tính"},
                          "khong-co": {"value": "1"}},
              "tasks": {str(tan.t2.pk): {"progress": "150"},
                        str(tan.t3.pk): {"done": "không phải của thôn"}}})
    assert set(errors) == {"figure.tin-bai-trang-tt.value", "figure.buoi-tuyen-truyen.value",
                           "figure.khong-co", f"task.{tan.t2.pk}.progress",
                           f"task.{tan.t3.pk}"}
    assert "âm" in errors["figure.tin-bai-trang-tt.value"]
    assert "không phải là một số" in errors["figure.buoi-tuyen-truyen.value"]
    figures = {f.indicator.code: f for f in report.figures.select_related("indicator")}
    assert figures["tin-bai-trang-tt"].value is None
    assert figures["buoi-tuyen-truyen"].value is None
    assert figures["luot-nguoi-tham-du"].value == Decimal(1250)
    assert (figures["gio-phat-thanh"].value, figures["gio-phat-thanh"].note) == (
        Decimal("96.5"), "ước tính")
    stored = UnitReport.objects.get(pk=report.pk)
    assert stored.difficulties == "Thiếu loa.\nCần thêm kinh phí."
    assert stored.revision == 2
    assert report.tasks.get(task=tan.t2).progress == 0


def test_completed_on_outside_the_period_is_refused(tan, h1):
    report = services.unit_report_open(round_=h1, unit=tan.village, actor=tan.member)
    report, errors = services.unit_report_save(
        report=report, actor=tan.member, revision=report.revision,
        data={"tasks": {str(tan.t1.pk): {"completed_on": "20/06/2026", "done": VILLAGE_DONE},
                        str(tan.t2.pk): {"completed_on": "không rõ"}}})
    assert set(errors) == {f"task.{tan.t1.pk}.completed_on", f"task.{tan.t2.pk}.completed_on"}
    assert "nằm ngoài kỳ báo cáo" in errors[f"task.{tan.t1.pk}.completed_on"]
    assert "15/12/2025" in errors[f"task.{tan.t1.pk}.completed_on"]
    assert "không phải là ngày" in errors[f"task.{tan.t2.pk}.completed_on"]
    row = report.tasks.get(task=tan.t1)
    assert (row.completed_on, row.done) == (D(2026, 3, 10), VILLAGE_DONE)
    report, errors = services.unit_report_save(
        report=report, actor=tan.member, revision=report.revision,
        data={"tasks": {str(tan.t1.pk): {"completed_on": "2026-06-14"}}})
    assert errors == {}
    assert report.tasks.get(task=tan.t1).completed_on == D(2026, 6, 14)


# Unit reports: submitting and deciding ----------------------------------------------------------


def test_a_member_of_another_unit_cannot_submit(tan, h1):
    report = services.unit_report_open(round_=h1, unit=tan.village, actor=tan.member)
    report, _ = services.unit_report_save(report=report, actor=tan.member,
                                          revision=report.revision, data=village_data(tan))
    with pytest.raises(PermissionDeniedError):
        services.unit_report_submit(report=report, actor=tan.radio_member,
                                    revision=report.revision)
    with pytest.raises(PermissionDeniedError):
        services.unit_report_save(report=report, actor=tan.radio_member, revision=None,
                                  data={"difficulties": "Chen ngang."})
    stored = UnitReport.objects.get(pk=report.pk)
    assert (stored.status, stored.revision, stored.submitted_at) == (
        UnitReportStatus.DRAFT, report.revision, None)
    assert stored.difficulties == "Kinh phí cho tuyên truyền còn hạn chế."
    assert not stored.versions.exists()


def test_submit_needs_text_for_done_tasks(tan, h1):
    report = services.unit_report_open(round_=h1, unit=tan.village, actor=tan.member)
    with pytest.raises(ReportError) as caught:
        services.unit_report_submit(report=report, actor=tan.member, revision=report.revision)
    problems = caught.value.extra["errors"]
    assert list(problems) == [f"task.{tan.t1.pk}.done"]  # t2 has not started: nothing to say
    assert tan.t1.text in problems[f"task.{tan.t1.pk}.done"]
    stored = UnitReport.objects.get(pk=report.pk)
    assert stored.status == UnitReportStatus.DRAFT and not stored.versions.exists()


def test_a_refused_submission_keeps_what_was_typed(tan, h1):
    report = services.unit_report_open(round_=h1, unit=tan.village, actor=tan.member)
    with pytest.raises(ReportError) as caught:
        services.unit_report_submit(
            report=report, actor=tan.member, revision=report.revision,
            data={"difficulties": "Lưu dở.", "figures": {"lop-tap-huan": {"value": "-2"}},
                  "tasks": {str(tan.t1.pk): {"done": VILLAGE_DONE}}})
    assert "figure.lop-tap-huan.value" in caught.value.extra["errors"]
    stored = UnitReport.objects.get(pk=report.pk)
    assert (stored.status, stored.difficulties, stored.revision) == (
        UnitReportStatus.DRAFT, "Lưu dở.", 2)  # the valid fields are saved, not submitted
    assert stored.figures.get(indicator__code="lop-tap-huan").value is None


def test_submit_return_resubmit_accept_with_versions_and_audit(tan, h1):
    report = submitted(tan, h1)
    assert report.status == UnitReportStatus.SUBMITTED and report.submitted_at is not None
    with pytest.raises(ReportError):  # waiting for the commune: not editable
        services.unit_report_save(report=report, actor=tan.member, revision=None,
                                  data={"proposals": "Sửa sau khi gửi."})
    with pytest.raises(ReportError) as caught:
        services.unit_report_return(report=report, actor=tan.officer, comment="  \n ")
    assert caught.value.field == "comment"
    assert UnitReport.objects.get(pk=report.pk).status == UnitReportStatus.SUBMITTED
    with pytest.raises(PermissionDeniedError):  # a unit does not decide on reports
        services.unit_report_accept(report=report, actor=tan.radio_member)
    report = services.unit_report_return(report=report, actor=tan.officer,
                                         comment="Bổ sung số lượt người tham dự.")
    assert (report.status, report.return_comment, report.decided_by) == (
        UnitReportStatus.RETURNED, "Bổ sung số lượt người tham dự.", tan.officer)
    report, errors = services.unit_report_save(
        report=report, actor=tan.member, revision=report.revision,
        data={"figures": {"luot-nguoi-tham-du": {"value": "240"}}})
    assert errors == {}
    report = services.unit_report_submit(report=report, actor=tan.member,
                                         revision=report.revision)
    report = services.unit_report_accept(report=report, actor=tan.officer)
    assert report.status == UnitReportStatus.ACCEPTED
    with pytest.raises(ReportError):  # already decided
        services.unit_report_accept(report=report, actor=tan.officer)

    versions = list(report.versions.all())
    assert [(v.number, v.status) for v in versions] == [
        (1, "submitted"), (2, "returned"), (3, "submitted"), (4, "accepted")]
    assert versions[1].comment == "Bổ sung số lượt người tham dự."
    assert versions[0].content["tasks"][str(tan.t1.pk)]["done"] == VILLAGE_DONE
    assert versions[0].content["figures"]["luot-nguoi-tham-du"]["value"] == ""
    assert versions[3].content["figures"]["luot-nguoi-tham-du"]["value"] == "240.00"
    assert [v.created_by for v in versions] == [tan.member, tan.officer, tan.member,
                                                tan.officer]
    assert actions(report) == [
        "ttdn.reports.unit_report.started", "ttdn.reports.unit_report.saved",
        "ttdn.reports.unit_report.submitted", "ttdn.reports.unit_report.returned",
        "ttdn.reports.unit_report.saved", "ttdn.reports.unit_report.submitted",
        "ttdn.reports.unit_report.accepted"]
    accepted_entry = ModelLogEntry.objects.for_instance(report).get(
        action="ttdn.reports.unit_report.accepted")
    assert accepted_entry.user_id == tan.officer.pk
    assert accepted_entry.data["commune_id"] == tan.commune.pk


def test_an_accepted_report_cannot_be_edited(tan, h1):
    report = accepted(tan, h1)
    with pytest.raises(ReportError) as caught:
        services.unit_report_save(report=report, actor=tan.member, revision=report.revision,
                                  data={"difficulties": "Sửa sau khi tiếp nhận."})
    assert "đã được tiếp nhận" in caught.value.message
    with pytest.raises(ReportError):
        services.unit_report_submit(report=report, actor=tan.member)
    stored = UnitReport.objects.get(pk=report.pk)
    assert stored.difficulties == "Kinh phí cho tuyên truyền còn hạn chế."
    assert stored.status == UnitReportStatus.ACCEPTED


# The commune report ----------------------------------------------------------------------------


def test_no_accepted_report_no_draft(tan, h1):
    submitted(tan, h1)  # sent but not yet accepted
    with pytest.raises(ReportError) as caught:
        drafting.commune_report_draft(round_=h1, actor=tan.officer)
    assert "chưa có báo cáo nào của đơn vị được tiếp nhận" in caught.value.message
    assert not CommuneReport.objects.exists()


def test_only_commune_wide_roles_draft(tan, h1):
    accepted(tan, h1)
    with pytest.raises(PermissionDeniedError):
        drafting.commune_report_draft(round_=h1, actor=tan.member)
    assert not CommuneReport.objects.exists()


def _file_case(commune, text, opened, verdict=None):
    tip = case_services.tip_submit(commune=commune, data=TipInput(text=text),
                                   received_at=opened).tip
    Case.objects.filter(pk=tip.case_id).update(opened_at=opened, verdict_at=verdict)
    return tip.case_id


def test_draft_uses_only_accepted_reports_and_links_every_paragraph(tan, h1):
    village = accepted(tan, h1)
    radio = submitted(tan, h1, unit="radio")  # not accepted: not used
    report = drafting.commune_report_draft(round_=h1, actor=tan.officer)
    assert (report.round_id, report.period, report.kind, report.status) == (
        h1.pk, "2026-H1", CommuneReportKind.PERIOD, CommuneReportStatus.DRAFT)
    body = report.body
    sourced = [b for b in body if b.get("source")]
    assert sourced, "paragraphs taken from unit reports carry their source"
    assert {b["source"]["unit_report"] for b in sourced} == {village.pk}
    assert all(b["kind"] == "paragraph" for b in sourced)
    by_id = {b["id"]: b for b in body}
    task_block = by_id[f"task-{village.pk}-{tan.t1.pk}"]
    assert task_block["text"] == f"- Thôn Một: {VILLAGE_DONE}"
    assert task_block["source"] == {"unit_report": village.pk, "unit": "Thôn Một",
                                    "task": tan.t1.pk}
    assert by_id[f"difficulties-{village.pk}"]["source"]["unit_report"] == village.pk
    assert by_id[f"proposals-{village.pk}"]["text"] == "- Thôn Một: Đề nghị hỗ trợ thêm cụm loa."
    # The unfinished task goes on into the next period (grouped by task, not sourced).
    assert by_id["next-1"]["text"] == (
        "- Tiếp tục thực hiện nhiệm vụ “Cập nhật tin, bài lên bảng tin thôn” (Thôn Một).")
    assert "next-2" not in by_id
    everything = "\n".join(b["text"] for b in body)
    assert RADIO_DONE not in everything and "máy phát" not in everything
    assert all(radio.pk != b["source"]["unit_report"] for b in sourced)
    assert "có 1/2 đơn vị gửi báo cáo" in by_id["summary"]["text"]
    assert ("Trong 2 nhiệm vụ của các đơn vị đã báo cáo, 1 nhiệm vụ đã hoàn thành, 0 nhiệm vụ "
            "đang thực hiện, 1 nhiệm vụ chưa thực hiện.") in by_id["summary"]["text"]
    assert report.narrative["proposals"] == ["- Thôn Một: Đề nghị hỗ trợ thêm cụm loa."]
    assert by_id["opening"]["text"].startswith("Thực hiện Kế hoạch số 12/KH-UBND")
    assert "6 tháng cuối năm 2026" in by_id["direction"]["text"]  # the next period
    assert report.signer_name == "Lê Văn Ký"
    assert actions(report) == ["ttdn.reports.commune_report.drafted"]
    assert ModelLogEntry.objects.for_instance(report).get().data["unit_reports"] == [village.pk]


def test_figures_are_combined_by_rule_and_commune_wide_sources_used(tan, h1):
    in_window = datetime.datetime(2026, 3, 3, 8, 0, tzinfo=datetime.UTC)
    _file_case(tan.commune, "Cầu treo thôn Một bị sập chiều nay, nhiều người bị thương.",
               in_window, verdict=in_window + datetime.timedelta(days=2))
    _file_case(tan.commune, "Tin đồn trường tiểu học cho học sinh nghỉ học cả tuần sau.",
               in_window + datetime.timedelta(days=30))
    _file_case(tan.commune, "Có người phát tờ rơi kêu gọi góp tiền làm đường liên thôn.",
               datetime.datetime(2025, 11, 1, 8, 0, tzinfo=datetime.UTC))  # before the window
    accepted(tan, h1)
    accepted(tan, h1, unit="radio")
    report = drafting.commune_report_draft(round_=h1, actor=tan.officer)
    figures = commune_figures(report)
    values = {code: f.value for code, f in figures.items()}
    assert values["buoi-tuyen-truyen"] == Decimal(5)  # sum: 3 + 2
    assert values["tin-bai-trang-tt"] == Decimal(15)
    assert values["kinh-phi-chi"] == Decimal("4000000.5")
    assert values[MAX_CODE] == Decimal(300)  # max: 120, 300
    assert values["cum-loa-hoat-dong"] == Decimal(20)  # latest, across units: each its own
    assert values["nhiem-vu-hoan-thanh"] == Decimal(1)  # the village's pre-filled 1, radio 0
    assert values["lop-tap-huan"] is None  # nobody reported it
    assert figures["buoi-tuyen-truyen"].origin == "Tổng hợp từ báo cáo của 2 đơn vị"
    # Commune-wide: the desk's cases in the window, not a sum of unit reports.
    assert values["vu-viec-phat-hien"] == Decimal(2)
    assert values["vu-viec-xu-ly"] == Decimal(1)
    assert figures["vu-viec-phat-hien"].origin.startswith("2 vụ việc mở từ tin báo trong kỳ")
    rows = drafting.figure_rows(report)
    assert (rows[0]["indicator"].code, rows[-1]["indicator"].code) == ("tin-bai-trang-tt",
                                                                       MAX_CODE)
    assert {r["indicator"].code: r["shown"] for r in rows}["kinh-phi-chi"] == "4.000.000,5"


def test_redraft_keeps_edited_paragraphs_and_figures(tan, h1):
    village = accepted(tan, h1)
    radio = submitted(tan, h1, unit="radio")
    report = drafting.commune_report_draft(round_=h1, actor=tan.officer)
    revision = report.revision
    report, errors = services.commune_report_save(
        report=report, actor=tan.officer, revision=revision,
        blocks={"summary": "Tóm tắt do công chức viết lại.",
                f"proposals-{village.pk}": "- Thôn Một: đề nghị hỗ trợ 2 cụm loa."},
        figures={"tin-bai-trang-tt": "99", "lop-tap-huan": "-1"})
    assert list(errors) == ["figure.lop-tap-huan"]
    assert report.revision == revision + 1
    with pytest.raises(ConflictError):
        services.commune_report_save(report=report, actor=tan.officer, revision=revision,
                                     figures={"tin-bai-trang-tt": "1"})

    services.unit_report_accept(report=radio, actor=tan.officer)
    report = drafting.commune_report_draft(round_=ReportRound.objects.get(pk=h1.pk),
                                           actor=tan.officer)
    by_id = {b["id"]: b for b in report.body}
    assert by_id["summary"]["text"] == "Tóm tắt do công chức viết lại."
    assert by_id["summary"]["edited"] is True
    assert by_id[f"proposals-{village.pk}"]["text"] == "- Thôn Một: đề nghị hỗ trợ 2 cụm loa."
    # Not edited: redrafted from both reports now.
    assert by_id[f"task-{radio.pk}-{tan.t3.pk}"]["text"] == f"- Đài truyền thanh xã: {RADIO_DONE}"
    assert by_id[f"task-{radio.pk}-{tan.t3.pk}"]["source"]["unit_report"] == radio.pk
    figures = commune_figures(report)
    assert (figures["tin-bai-trang-tt"].value, figures["tin-bai-trang-tt"].edited) == (
        Decimal(99), True)
    assert figures["tin-bai-trang-tt"].origin == "Sửa tay khi tổng hợp"
    assert figures["buoi-tuyen-truyen"].value == Decimal(5)
    assert figures[MAX_CODE].value == Decimal(300)
    assert CommuneReport.objects.count() == 1
    assert actions(report).count("ttdn.reports.commune_report.drafted") == 2


def test_approval_by_the_chairman_or_vice_chairman_only(tan, h1):
    accepted(tan, h1)
    report = drafting.commune_report_draft(round_=h1, actor=tan.officer)
    report = services.commune_report_request_approval(report=report, actor=tan.officer)
    assert report.status == CommuneReportStatus.PENDING
    with pytest.raises(PermissionDeniedError):
        services.commune_report_approve(report=report, actor=tan.officer)
    with pytest.raises(PermissionDeniedError):
        services.commune_report_approve(report=report, actor=tan.member)
    assert CommuneReport.objects.get(pk=report.pk).status == CommuneReportStatus.PENDING
    with pytest.raises(ReportError):  # not editable while waiting for the leaders
        services.commune_report_save(report=report, actor=tan.officer, revision=None,
                                     figures={"lop-tap-huan": "1"})
    report = services.commune_report_reject(report=report, actor=tan.vice_chairman,
                                            comment="Bổ sung số liệu kinh phí.")
    assert report.status == CommuneReportStatus.DRAFT
    report = services.commune_report_request_approval(report=report, actor=tan.officer)
    report = services.commune_report_approve(report=report, actor=tan.vice_chairman,
                                             today=D(2026, 6, 25))
    assert (report.status, report.approved_by, report.issued_on) == (
        CommuneReportStatus.APPROVED, tan.vice_chairman, D(2026, 6, 25))
    with pytest.raises(ReportError):  # approved: no more redrafting
        drafting.commune_report_draft(round_=ReportRound.objects.get(pk=h1.pk),
                                      actor=tan.officer)
    assert [(v.number, v.status) for v in report.versions.all()] == [
        (1, "pending"), (2, "draft"), (3, "pending"), (4, "approved")]


def test_send_and_the_upper_level_returns_or_receives(tan, thach, h1, admin_user):
    own_upper = upper(admin_user, "tren.camtan", tan.commune.area)
    other_upper = upper(admin_user, "tren.camthach", thach.commune.area)
    accepted(tan, h1)
    report = drafting.commune_report_draft(round_=h1, actor=tan.officer)
    report = services.commune_report_request_approval(report=report, actor=tan.officer)
    report = services.commune_report_approve(report=report, actor=tan.chairman)
    with pytest.raises(PermissionDeniedError):
        services.commune_report_send(report=report, actor=tan.member)
    with pytest.raises(ReportError):  # not sent yet
        services.commune_report_upper_receive(report=report, actor=own_upper)
    report = services.commune_report_send(report=report, actor=tan.officer)
    assert report.status == CommuneReportStatus.SENT and report.sent_at is not None

    for outsider in (other_upper, tan.officer, tan.chairman):
        with pytest.raises(PermissionDeniedError):
            services.commune_report_upper_return(report=report, actor=outsider,
                                                 comment="Không đúng mẫu.")
        with pytest.raises(PermissionDeniedError):
            services.commune_report_upper_receive(report=report, actor=outsider)
    assert CommuneReport.objects.get(pk=report.pk).status == CommuneReportStatus.SENT
    with pytest.raises(ReportError) as caught:
        services.commune_report_upper_return(report=report, actor=own_upper, comment=" ")
    assert caught.value.field == "comment"

    report = services.commune_report_upper_return(report=report, actor=own_upper,
                                                  comment="Bổ sung số liệu kinh phí.")
    assert (report.status, report.upper_comment) == (CommuneReportStatus.RETURNED,
                                                     "Bổ sung số liệu kinh phí.")

    def overview_state():
        rows = selectors.upper_overview(user=own_upper, area=province(), period="2026-H1",
                                        today=AFTER_H1)
        return [(row.commune.name, row.state) for row in rows]

    assert overview_state() == [("Cẩm Tân", "returned")]  # this officer sees only Cẩm Tân
    # Returned: the commune edits, has it approved again, sends again.
    report, errors = services.commune_report_save(report=report, actor=tan.officer,
                                                  revision=report.revision,
                                                  figures={"kinh-phi-chi": "1.600.000"})
    assert errors == {}
    report = services.commune_report_request_approval(report=report, actor=tan.officer)
    report = services.commune_report_approve(report=report, actor=tan.chairman)
    report = services.commune_report_send(report=report, actor=tan.chairman)
    assert report.upper_comment == ""
    report = services.commune_report_upper_receive(report=report, actor=own_upper)
    assert report.status == CommuneReportStatus.RECEIVED
    assert overview_state() == [("Cẩm Tân", "received")]
    assert [v.status for v in report.versions.all()] == [
        "pending", "approved", "sent", "returned", "pending", "approved", "sent", "received"]
    assert actions(report)[-3:] == ["ttdn.reports.commune_report.approved",
                                    "ttdn.reports.commune_report.sent",
                                    "ttdn.reports.commune_report.received_by_upper"]
    returned = ModelLogEntry.objects.for_instance(report).get(
        action="ttdn.reports.commune_report.returned_by_upper")
    assert returned.user_id == own_upper.pk
    assert returned.data["comment"] == "Bổ sung số liệu kinh phí."


# The upper level -------------------------------------------------------------------------------


def test_upper_overview_states(tan, thach, h1, upper_level):
    overseer = upper_level  # tests/reports/conftest.py: over the province
    before_deadline, after_deadline = D(2026, 6, 20), D(2026, 7, 1)

    def states(today):
        rows = selectors.upper_overview(user=overseer, area=province(), period="2026-H1",
                                        today=today)
        return {row.commune.name: row.state for row in rows}

    assert states(before_deadline) == {"Cẩm Tân": "missing", "Cẩm Thạch": "missing"}
    assert states(after_deadline) == {"Cẩm Tân": "late", "Cẩm Thạch": "late"}
    report = sent(tan, h1)
    rows = selectors.upper_overview(user=overseer, area=province(), period="2026-H1",
                                    today=after_deadline)
    by_name = {row.commune.name: row for row in rows}
    assert {name: row.state for name, row in by_name.items()} == {"Cẩm Tân": "sent",
                                                                  "Cẩm Thạch": "late"}
    assert by_name["Cẩm Tân"].report.pk == report.pk and by_name["Cẩm Thạch"].report is None
    assert by_name["Cẩm Tân"].label == "Đã gửi"
    # Cẩm Thạch's own round gives its commune deadline (26/6): on 26/6 it is not late yet.
    rounds_by_period(thach)
    assert states(D(2026, 6, 26))["Cẩm Thạch"] == "missing"
    ReportRound.objects.filter(plan=thach.plan, period="2026-H1").update(
        commune_deadline=D(2026, 7, 3))
    assert states(after_deadline)["Cẩm Thạch"] == "missing"
    # An approved but unsent report does not count as sent.
    thach_h1 = ReportRound.objects.get(plan=thach.plan, period="2026-H1")
    accepted(thach, thach_h1)
    draft = drafting.commune_report_draft(round_=thach_h1, actor=thach.officer)
    draft = services.commune_report_request_approval(report=draft, actor=thach.officer)
    services.commune_report_approve(report=draft, actor=thach.chairman)
    assert states(D(2026, 7, 6))["Cẩm Thạch"] == "late"


def test_upper_level_of_one_commune_does_not_see_the_other(tan, thach, h1, admin_user):
    overseer = upper(admin_user, "tren.camthach", thach.commune.area)
    sent(tan, h1)
    rows = selectors.upper_overview(user=overseer, area=province(), period="2026-H1",
                                    today=AFTER_H1)
    assert [row.commune.name for row in rows] == ["Cẩm Thạch"]


def test_rollup_sums_across_communes_and_lists_narratives(tan, thach, h1, upper_level,
                                                         django_assert_num_queries):
    overseer = upper_level  # tests/reports/conftest.py: over the province
    thach_h1 = rounds_by_period(thach)["2026-H1"]
    sent(tan, h1)
    # Cẩm Thạch's village reports other figures.
    accepted(thach, thach_h1, figures={"buoi-tuyen-truyen": "4", "cum-loa-hoat-dong": "9",
                                       MAX_CODE: "450", "kinh-phi-chi": "0,5"})
    report = drafting.commune_report_draft(round_=thach_h1, actor=thach.officer)
    village = UnitReport.objects.get(round=thach_h1, unit=thach.village)
    report, _ = services.commune_report_save(
        report=report, actor=thach.officer, revision=report.revision,
        blocks={f"difficulties-{village.pk}": "- Thôn Một: thiếu người viết tin, bài."})
    report = services.commune_report_request_approval(report=report, actor=thach.officer)
    report = services.commune_report_approve(report=report, actor=thach.vice_chairman)
    services.commune_report_send(report=report, actor=thach.officer)

    area, overseer = province(), User.objects.get(pk=overseer.pk)  # its seats not read yet
    # The seats, the communes with their reports, the figures, the catalogue (no deadlines:
    # every commune has sent).
    with django_assert_num_queries(4):
        result = rollup.build_rollup(user=overseer, area=area, period="2026-H1",
                                     today=AFTER_H1)
    assert result.counts == {"sent": 2, "received": 0, "returned": 0, "late": 0, "missing": 0}
    figures = {f.indicator.code: f for f in result.figures}
    assert figures["buoi-tuyen-truyen"].value == Decimal(9)  # 5 + 4
    assert figures["buoi-tuyen-truyen"].communes == 2
    assert figures["cum-loa-hoat-dong"].value == Decimal(29)  # latest: 20 + 9
    assert figures[MAX_CODE].value == Decimal(450)  # max(300, 450)
    assert figures["kinh-phi-chi"].shown == "4.000.001"  # 4.000.000,5 + 0,5
    assert figures["tin-bai-trang-tt"].value == Decimal(15)  # Cẩm Tân only
    assert figures["tin-bai-trang-tt"].communes == 1
    assert figures["lop-tap-huan"].value is None and figures["lop-tap-huan"].communes == 0
    narratives = {n.report.commune.name: n.paragraphs for n in result.narratives}
    assert len(result.narratives) == 2 and set(narratives) == {"Cẩm Tân", "Cẩm Thạch"}
    assert narratives["Cẩm Tân"]["shortcomings"][0] == (
        "- Thôn Một: Kinh phí cho tuyên truyền còn hạn chế.")
    assert len(narratives["Cẩm Tân"]["summary"]) == 1
    assert "có 2/2 đơn vị gửi báo cáo" in narratives["Cẩm Tân"]["summary"][0]
    assert "có 1/2 đơn vị gửi báo cáo" in narratives["Cẩm Thạch"]["summary"][0]
    # The officer's edit is what the upper level reads.
    assert narratives["Cẩm Thạch"]["shortcomings"][0] == "- Thôn Một: thiếu người viết tin, bài."
    assert "- Đài truyền thanh xã: Đề nghị nâng cấp máy phát." in narratives["Cẩm Tân"][
        "proposals"]
    assert "- Đài truyền thanh xã: Đề nghị nâng cấp máy phát." not in narratives["Cẩm Thạch"][
        "proposals"]


def test_rollup_leaves_out_unsent_reports(tan, h1, upper_level):
    overseer = upper_level  # tests/reports/conftest.py: over the province
    accepted(tan, h1)
    report = drafting.commune_report_draft(round_=h1, actor=tan.officer)
    report = services.commune_report_request_approval(report=report, actor=tan.officer)
    services.commune_report_approve(report=report, actor=tan.chairman)
    result = rollup.build_rollup(user=overseer, area=province(), period="2026-H1",
                                 today=AFTER_H1)
    assert result.narratives == []
    assert all(f.value is None for f in result.figures)
    assert result.counts["late"] == 2


def test_rollup_reads_as_upper_overview_and_the_models_show_it(tan, thach, h1, upper_level,
                                                              admin_user):
    """The roll-up reads rows, not model instances, and narrows the reports by the area's
    condition where it can: the same communes, states and reports as ``upper_overview`` for an
    overseer of the province, of one commune, one who also manages a commune (and so sees its
    draft), and the platform administrator; the communes named as ``Commune.__str__`` does."""
    sent(tan, h1)
    thach_h1 = rounds_by_period(thach)["2026-H1"]
    accepted(thach, thach_h1)
    drafting.commune_report_draft(round_=thach_h1, actor=thach.officer)  # a draft, not sent
    part = upper(admin_user, "tren.camthach", thach.commune.area)
    both = upper(admin_user, "tren.quanly", province())
    Membership.objects.create(user=both, unit=thach.village, role=Role.CULTURE_OFFICER)
    # An overseer of a legacy district sees Cẩm Tân through the commune it was merged from.
    tan.commune.legacy_area = AdministrativeArea.objects.get(
        scheme=AreaScheme.LEGACY, level=AreaLevel.COMMUNE, code=15178)
    tan.commune.save()
    district = upper(admin_user, "huyen.camthuy", AdministrativeArea.objects.get(
        scheme=AreaScheme.LEGACY, level=AreaLevel.DISTRICT, code=390))

    def rows(statuses):
        return [(row.commune.pk, row.commune.name, str(row.commune), row.state, row.label,
                 row.report and (row.report.pk, row.report.commune_id, row.report.status,
                                 row.report.get_status_display(), row.report.sent_at))
                for row in statuses]

    for user in (upper_level, part, User.objects.get(pk=both.pk), district, admin_user):
        expected = selectors.upper_overview(user=user, area=province(), period="2026-H1",
                                            today=AFTER_H1)
        result = rollup.build_rollup(user=user, area=province(), period="2026-H1",
                                     today=AFTER_H1)
        assert rows(result.statuses) == rows(expected), user.username
        assert [(n.report.pk, str(n.report.commune)) for n in result.narratives] == [
            (row.report.pk, str(Commune.objects.get(pk=row.commune.pk)))
            for row in expected if row.state == "sent"], user.username
    for user, names in ((part, ["Cẩm Thạch"]), (district, ["Cẩm Tân"])):
        assert [row.commune.name for row in rollup.build_rollup(
            user=user, area=province(), period="2026-H1", today=AFTER_H1).statuses] == names


def test_narrative_is_kept_as_json_text(tan, h1):
    """``narrative`` is stored as its JSON text, Vietnamese as it is (not ``\\u`` escapes), and
    read back as the paragraphs by part."""
    from django.db import connection

    report = sent(tan, h1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative FROM reports_communereport WHERE id = %s", [report.pk])
        (stored,) = cursor.fetchone()
    assert isinstance(stored, str) and "Thôn Một" in stored
    fresh = CommuneReport.objects.get(pk=report.pk)
    assert fresh.narrative == report.narrative and fresh.narrative["summary"]
    assert CommuneReport.objects.filter(pk=report.pk).values_list(
        "narrative", flat=True).get() == report.narrative


# Reviews ---------------------------------------------------------------------------------------


def test_review_combines_two_half_years_across_time(tan):
    rounds = rounds_by_period(tan, today=D(2026, 12, 1))
    h1, h2 = rounds["2026-H1"], rounds["2026-H2"]
    first = sent(tan, h1)
    accepted(tan, h2, figures={"buoi-tuyen-truyen": "7", "cum-loa-hoat-dong": "16",
                               MAX_CODE: "200", "kinh-phi-chi": "500.000"})
    # The village's H2 report has no completed task: its H1 occurrence is not in this window.
    second = drafting.commune_report_draft(round_=h2, actor=tan.officer)
    assert commune_figures(second)["buoi-tuyen-truyen"].previous == Decimal(5)
    second = services.commune_report_request_approval(report=second, actor=tan.officer)
    second = services.commune_report_approve(report=second, actor=tan.chairman)
    with pytest.raises(PermissionDeniedError):
        drafting.review_draft(plan=tan.plan, kind=CommuneReportKind.INTERIM_REVIEW,
                              first="2026-H1", last="2026-H2", actor=tan.member)
    with pytest.raises(ReportError):
        drafting.review_draft(plan=tan.plan, kind=CommuneReportKind.INTERIM_REVIEW,
                              first="2026-H3", last="2026-H2", actor=tan.officer)

    review = drafting.review_draft(plan=tan.plan, kind=CommuneReportKind.INTERIM_REVIEW,
                                   first="2026-H1", last="2026-H2", actor=tan.officer)
    assert (review.kind, review.period, review.round_id) == (
        CommuneReportKind.INTERIM_REVIEW, "2026-H1…2026-H2", None)
    assert {r.pk for r in review.rounds.all()} == {h1.pk, h2.pk}
    values = {code: f.value for code, f in commune_figures(review).items()}
    assert values["buoi-tuyen-truyen"] == Decimal(12)  # sum across time: 5 + 7
    assert values[MAX_CODE] == Decimal(300)  # max(300, 200)
    assert values["cum-loa-hoat-dong"] == Decimal(16)  # latest: H2's 16, not 20 + 16
    assert values["kinh-phi-chi"] == Decimal("4500000.5")
    assert values["tin-bai-trang-tt"] == Decimal(15)  # only H1 had it
    sourced = [b for b in review.body if b.get("source")]
    assert {b["source"]["commune_report"] for b in sourced} <= {first.pk, second.pk}
    assert any(b["source"]["commune_report"] == first.pk and b["source"].get("unit_report")
               for b in sourced)
    headings = [b["text"] for b in review.body if b["kind"] == "heading" and b["level"] == 2]
    assert headings[:2] == ["Báo cáo 6 tháng đầu năm 2026", "Báo cáo 6 tháng cuối năm 2026"]
    assert review.body[0]["text"].startswith("Ủy ban nhân dân xã Cẩm Tân báo cáo sơ kết")
    assert actions(review) == ["ttdn.reports.review.drafted"]


def test_review_without_approved_reports_is_refused(tan, h1):
    accepted(tan, h1)
    drafting.commune_report_draft(round_=h1, actor=tan.officer)  # a draft, not approved
    with pytest.raises(ReportError) as caught:
        drafting.review_draft(plan=tan.plan, kind=CommuneReportKind.FINAL_REVIEW,
                              first="2026-H1", last="2026-Y", actor=tan.officer)
    assert "chưa có báo cáo kỳ nào của xã được duyệt" in caught.value.message
    assert not CommuneReport.objects.exclude(kind=CommuneReportKind.PERIOD).exists()



# Defects found by these tests, fixed ------------------------------------------------------------


def test_year_round_lists_tasks_completed_in_the_year(tan):
    year = rounds_by_period(tan)["2026"]
    report = services.unit_report_open(round_=year, unit=tan.village, actor=tan.member)
    figure = report.figures.get(indicator__code="nhiem-vu-hoan-thanh")
    assert figure.value == Decimal(1)  # the source counts t1, and so does the task list
    row = report.tasks.get(task=tan.t1)
    assert (row.status, row.completed_on) == (TaskStatus.DONE, D(2026, 3, 10))


def test_one_off_task_completed_earlier_does_not_block_submitting(tan, h1):
    Task.objects.filter(pk=tan.t2.pk).update(recurrence="one_off")
    TaskOccurrence.objects.create(task=tan.t2, period="once", status=TaskStatus.DONE,
                                  progress=100, completed_on=D(2025, 11, 1))
    report = services.unit_report_open(round_=h1, unit=tan.village, actor=tan.member)
    assert not report.tasks.filter(task=tan.t2).exists()  # reported in its own period
    report, _ = services.unit_report_save(
        report=report, actor=tan.member, revision=report.revision,
        data={"tasks": {str(tan.t1.pk): {"done": VILLAGE_DONE}}})
    report = services.unit_report_submit(report=report, actor=tan.member,
                                         revision=report.revision)
    assert report.status == UnitReportStatus.SUBMITTED


def test_an_approved_report_is_not_redrafted_even_from_a_stale_round(tan, h1):
    accepted(tan, h1)
    report = drafting.commune_report_draft(round_=h1, actor=tan.officer)
    report = services.commune_report_request_approval(report=report, actor=tan.officer)
    services.commune_report_approve(report=report, actor=tan.chairman)
    with pytest.raises(ReportError):
        drafting.commune_report_draft(round_=h1, actor=tan.officer)  # h1 still caches "draft"


