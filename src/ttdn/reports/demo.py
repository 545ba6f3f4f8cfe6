"""Demo reports: the current half-year round of the seed plan, with sample unit reports
("[Nội dung mẫu]") from three units — two accepted, one waiting — so the culture officer can
consolidate at once; the village reports are left for the village heads to write."""

from django.db import transaction
from django.utils import timezone

from ttdn.org.models import Unit, User
from ttdn.plans.models import Plan, PlanStatus
from ttdn.plans.services import task_report

from . import services
from .models import RoundKind, UnitReportStatus
from .rounds import rounds_for_plan

SAMPLE = "[Nội dung mẫu] "
# unit name, member account, figures, accept?
SAMPLE_REPORTS = [
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "camtan.mttq",
     {"buoi-tuyen-truyen": "6", "luot-nguoi-tham-du": "1.250"},
     "tổ chức 6 buổi tuyên truyền về Kết luận 57-KL/TW lồng ghép sinh hoạt khu dân cư.", True),
    ("Đài truyền thanh xã", "camtan.daitt",
     {"tin-bai-truyen-thanh": "148", "gio-phat-thanh": "96,5", "cum-loa-hoat-dong": "14"},
     "phát 148 tin, bài về thông tin đối ngoại và tiềm năng du lịch của xã.", True),
    ("Công an xã", "camtan.congan", {"buoi-tuyen-truyen": "3"},
     "phối hợp gỡ bỏ 2 bài đăng sai sự thật trên mạng xã hội.", False),
]


def _village_task_done(plan) -> None:
    """The village head has recorded one task as done this period: her report's "Nhiệm vụ đã
    hoàn thành" figure comes pre-filled from it."""
    head = User.objects.filter(username="camtan.thon1").first()
    task = plan.tasks.filter(lead_unit__name="Thôn Mẫu Một").order_by("position", "pk").first()
    if head is None or task is None or task.occurrences.filter(status="done").exists():
        return
    task_report(task=task, actor=head, status="done", progress=100)


@transaction.atomic
def load_demo_reports() -> list[str]:
    plan = Plan.objects.filter(commune__area__code=15178, status=PlanStatus.ISSUED).first()
    officer = User.objects.filter(username="camtan.vanhoa").first()
    if plan is None or officer is None:
        return []
    rounds = [r for r in rounds_for_plan(plan) if r.kind == RoundKind.HALF_YEAR]
    if not rounds:
        return []
    current = rounds[0]
    made = 0
    for unit_name, username, figures, done, accept in SAMPLE_REPORTS:
        unit = Unit.objects.filter(commune_id=plan.commune_id, name=unit_name).first()
        member = User.objects.filter(username=username).first()
        if unit is None or member is None or current.unit_reports.filter(unit=unit).exists():
            continue
        report = services.unit_report_open(round_=current, unit=unit, actor=member)
        tasks = {str(row.task_id): {"done": SAMPLE + done, "status": "in_progress",
                                    "progress": 60} for row in report.tasks.all()[:3]}
        report, _errors = services.unit_report_save(
            report=report, actor=member, revision=report.revision,
            data={"tasks": tasks, "figures": {code: {"value": value}
                                              for code, value in figures.items()},
                  "difficulties": SAMPLE + "kinh phí cho hoạt động tuyên truyền còn hạn chế.",
                  "proposals": SAMPLE + "đề nghị hỗ trợ tập huấn kỹ năng viết tin, bài."})
        report = services.unit_report_submit(report=report, actor=member,
                                             revision=report.revision)
        if accept:
            services.unit_report_accept(report=report, actor=officer)
        made += 1
    _village_task_done(plan)
    if not made:
        return []
    accepted = current.unit_reports.filter(status=UnitReportStatus.ACCEPTED).count()
    return [f"{current.title} (mẫu): {made} đơn vị đã gửi, {accepted} đã được tiếp nhận (hạn "
            f"nộp {current.deadline:%d/%m/%Y}; hôm nay {timezone.localdate():%d/%m/%Y})."]
