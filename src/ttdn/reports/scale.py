"""Generated load data: a whole province of sample communes with two reporting periods done.

``generate`` (``ttdn demo-scale``) makes, for load work and benchmarks, N communes on the real
commune areas of a province (Thanh Hóa, 38, by default), each with ``units`` units, one issued
plan with a half-year reporting requirement and ``tasks`` tasks per unit, and for each of the
last ``periods`` *completed* half-years: every unit's report accepted (a result per task, the
unit's figures), the commune report drafted by the real ``drafting.commune_report_draft`` and
then marked approved and sent. It also makes the upper-level account ``tinh.quymo`` over the
province. 166 communes × 25 units × 20 tasks = 83,000 tasks and 166,000 task results.

What is generated is load data, not what people did, and it says so:

* every commune is ``is_sample`` and named "… (mẫu)" (slug ``quymo-<area code>``), every unit
  ``is_sample``; the plan's title ends with "(dữ liệu mẫu quy mô)";
* communes get no Wagtail site (``commune_create`` would make a page tree per commune; the
  site is optional and nothing here needs it); they occupy their official areas, so run this
  on a database for load work, not on one whose communes are real;
* rows are written with ``bulk_create`` in large batches, with no audit entry and no
  ``ReportVersion`` snapshot per row: the unit reports were not written, submitted and accepted
  by anybody. Only the real parts leave their usual trail — the report rounds
  (``rounds_for_plan``), the commune reports (``commune_report_draft``, as a superuser) and the
  upper-level account (``staff_create``);
* the step "approved by the chairman and sent up" is a bulk update of the drafted commune
  reports (status, ``approved_at``/``approved_by``, ``issued_on``, ``sent_at``, a symbol),
  again without versions or audit entries.

The whole generation is one transaction: it either completes or leaves nothing. Running it
again on a database that already has the generated communes is refused with a message.
"""

import datetime
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ttdn.core.errors import ApplicationError
from ttdn.core.text import fold_key
from ttdn.org.areas import load_areas
from ttdn.org.models import AdministrativeArea, AreaLevel, AreaScheme, Commune, Role, Unit, User
from ttdn.org.models import UnitKind as K
from ttdn.org.services import staff_create
from ttdn.plans import periods
from ttdn.plans.models import (
    Plan,
    PlanSection,
    PlanStatus,
    Recurrence,
    ReportingRequirement,
    Task,
    TaskOccurrence,
    TaskStatus,
)

from .drafting import commune_report_draft
from .models import (
    CommuneReport,
    CommuneReportFigure,
    CommuneReportStatus,
    ReportRound,
    RoundKind,
    UnitReport,
    UnitReportFigure,
    UnitReportStatus,
    UnitReportTask,
)
from .rounds import rounds_for_plan
from .services import unit_indicators

SLUG_PREFIX = "quymo-"
UPPER_USERNAME = "tinh.quymo"
ACTOR_USERNAME = "quantri.quymo"
BATCH = 2000  # rows per INSERT (Django lowers it to what the database accepts)
COMMUNES_PER_CHUNK = 10  # communes whose report rows are built in memory at once

# Units of a commune: the usual bodies first, then sample villages (or residential groups).
BODIES = [  # name, kind, followed by "xã"/"phường"
    ("Lãnh đạo UBND", K.LEADERSHIP, True),
    ("Công chức Văn hóa – Xã hội", K.OFFICER_POST, False),
    ("Văn phòng HĐND-UBND", K.OFFICE, False),
    ("Công an", K.POLICE, True),
    ("Ban Chỉ huy Quân sự", K.MILITARY, True),
    ("Đài truyền thanh", K.RADIO_STATION, True),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", K.MASS_ORGANISATION, True),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", K.MASS_ORGANISATION, True),
    ("Hội Liên hiệp Phụ nữ", K.MASS_ORGANISATION, True),
    ("Hội Nông dân", K.MASS_ORGANISATION, True),
    ("Hội Cựu chiến binh", K.MASS_ORGANISATION, True),
    ("Trường Trung học cơ sở (mẫu)", K.AGENCY, False),
    ("Trường Tiểu học (mẫu)", K.AGENCY, False),
    ("Trạm Y tế (mẫu)", K.AGENCY, False),
]
SECTIONS = [
    "Tuyên truyền, phổ biến chủ trương, chính sách về công tác thông tin đối ngoại",
    "Quảng bá hình ảnh, tiềm năng văn hóa, du lịch của địa phương",
    "Đấu tranh, phản bác thông tin sai sự thật, xấu độc",
    "Nâng cao năng lực đội ngũ làm công tác thông tin đối ngoại",
]
TASKS = [  # (section index, text)
    (0, "Tuyên truyền Kết luận số 57-KL/TW của Bộ Chính trị về tăng cường công tác thông tin "
        "đối ngoại đến cán bộ, đảng viên và nhân dân"),
    (0, "Lồng ghép nội dung thông tin đối ngoại trong sinh hoạt chi bộ, khu dân cư"),
    (0, "Phổ biến chủ trương, chính sách về chủ quyền biên giới, biển đảo"),
    (0, "Treo băng rôn, khẩu hiệu tuyên truyền nhân các ngày lễ lớn"),
    (0, "Tổ chức hội nghị phổ biến kế hoạch thông tin đối ngoại năm"),
    (1, "Đăng tải tin, bài giới thiệu tiềm năng, thế mạnh của địa phương trên trang thông tin "
        "điện tử"),
    (1, "Xây dựng chuyên mục thông tin đối ngoại trên đài truyền thanh"),
    (1, "Cập nhật hình ảnh, tư liệu về di tích, lễ hội truyền thống"),
    (1, "Giới thiệu sản phẩm OCOP và làng nghề của địa phương"),
    (1, "Phối hợp đón tiếp, cung cấp thông tin cho đoàn khách, phóng viên"),
    (2, "Theo dõi, phát hiện thông tin sai sự thật trên mạng xã hội liên quan đến địa phương"),
    (2, "Phản bác, gỡ bỏ thông tin xấu độc theo hướng dẫn của cấp trên"),
    (2, "Vận động nhân dân không chia sẻ thông tin chưa được kiểm chứng"),
    (2, "Nắm bắt dư luận xã hội, báo cáo kịp thời vụ việc phức tạp"),
    (2, "Phối hợp xử lý tin báo của người dân về thông tin sai lệch"),
    (3, "Cử cán bộ tham gia lớp tập huấn nghiệp vụ thông tin đối ngoại"),
    (3, "Bồi dưỡng kỹ năng viết tin, bài cho cộng tác viên"),
    (3, "Kiện toàn tổ công nghệ số cộng đồng"),
    (3, "Sơ kết, đánh giá kết quả thực hiện nhiệm vụ thông tin đối ngoại"),
    (3, "Rà soát, bổ sung trang thiết bị cho đài truyền thanh"),
]
DONE_TEXTS = [
    "Đã tổ chức {n} buổi tuyên truyền, thu hút {m} lượt người tham dự.",
    "Đã đăng {n} tin, bài trên trang thông tin điện tử.",
    "Đã phát {n} tin trên hệ thống loa truyền thanh.",
    "Đã treo {n} băng rôn, khẩu hiệu tại nơi công cộng.",
    "Đã phổ biến nội dung đến {m} hộ gia đình qua sinh hoạt khu dân cư.",
    "Đã hoàn thành, báo cáo kết quả đúng thời hạn.",
]
GOING_TEXTS = [
    "Đang triển khai, ước đạt {p}% khối lượng công việc.",
    "Đã tổ chức {n} buổi, tiếp tục thực hiện trong kỳ tới.",
    "Đang phối hợp với các đoàn thể tuyên truyền tại khu dân cư.",
]
DIFFICULTIES = [
    "Kinh phí cho hoạt động tuyên truyền còn hạn chế.",
    "Cán bộ kiêm nhiệm nhiều việc, thời gian dành cho công tác thông tin đối ngoại ít.",
    "Một số cụm loa xuống cấp, thường xuyên hỏng.",
    "Người dân ở thôn xa ít tham gia các buổi tuyên truyền.",
]
PROPOSALS = [
    "Đề nghị hỗ trợ tập huấn kỹ năng viết tin, bài.",
    "Đề nghị bổ sung kinh phí sửa chữa hệ thống loa truyền thanh.",
    "Đề nghị cấp trên cung cấp thêm tài liệu tuyên truyền về biên giới, biển đảo.",
]
# A unit's figure for an indicator: (share of units that report it, smallest, largest, step).
FIGURES = {
    "tin-bai-trang-tt": (0.5, 1, 30, 1),
    "tin-bai-truyen-thanh": (0.4, 2, 60, 1),
    "gio-phat-thanh": (0.3, 5, 120, Decimal("0.5")),
    "buoi-tuyen-truyen": (0.9, 1, 12, 1),
    "luot-nguoi-tham-du": (0.85, 30, 1500, 1),
    "lop-tap-huan": (0.2, 1, 3, 1),
    "luot-can-bo-tap-huan": (0.2, 10, 120, 1),
    "kinh-phi-chi": (0.5, 5, 300, 100_000),
    "kinh-phi-huy-dong": (0.15, 10, 200, 100_000),
    "cum-loa-hoat-dong": (0.0, 1, 4, 1),  # villages and the radio station (below)
}
RADIO_FIGURES = {"tin-bai-truyen-thanh": (1.0, 80, 220, 1), "gio-phat-thanh": (1.0, 60, 200, 1),
                 "cum-loa-hoat-dong": (1.0, 10, 30, 1)}
VILLAGE_FIGURES = {"cum-loa-hoat-dong": (0.8, 1, 4, 1)}


class ScaleError(ApplicationError):
    """The generation was refused; nothing was written."""


@dataclass
class ScaleResult:
    province: AdministrativeArea
    periods: list[str]
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)  # phase → seconds
    upper_created: bool = False
    actor_username: str = ""
    actor_created: bool = False


def completed_periods(count: int, today: datetime.date) -> list[periods.Period]:
    """The last ``count`` half-years that ended before ``today``'s half-year, oldest first."""
    current = periods.period_of(today, RoundKind.HALF_YEAR)
    found: list[periods.Period] = []
    day = current.starts_on
    while len(found) < count:
        found.append(periods.period_of(day - datetime.timedelta(days=1), RoundKind.HALF_YEAR))
        day = found[-1].starts_on
    return list(reversed(found))


def generated_communes():
    return Commune.objects.filter(slug__startswith=SLUG_PREFIX)


def _bare_name(area: AdministrativeArea) -> str:
    prefix = area.division_type.strip()
    if prefix and area.name.lower().startswith(prefix.lower() + " "):
        return area.name[len(prefix) + 1:]
    return area.name


def _province(code: int) -> AdministrativeArea:
    def find():
        return AdministrativeArea.objects.filter(
            scheme=AreaScheme.CURRENT, level=AreaLevel.PROVINCE, code=code).first()

    province = find()
    if province is None or not province.children.exists():
        load_areas(province_codes=[code])
        province = find()
    if province is None:
        raise ScaleError(f"Không có tỉnh mã {code} trong danh mục hành chính (vietnam-provinces).")
    return province


def _actor() -> tuple[User, bool]:
    """The first active superuser (the drafting runs as them), or a new one with no password."""
    actor = User.objects.filter(is_active=True, is_superuser=True).order_by("pk").first()
    if actor is not None:
        return actor, False
    actor = User(username=ACTOR_USERNAME, first_name="Quản trị (dữ liệu mẫu quy mô)",
                 is_superuser=True, is_staff=True)
    actor.set_unusable_password()
    actor.save()
    return actor, True


def _moment(day: datetime.date, rng: random.Random, now: datetime.datetime) -> datetime.datetime:
    moment = timezone.make_aware(datetime.datetime.combine(
        day, datetime.time(rng.randint(7, 16), rng.randint(0, 59))))
    return min(moment, now - datetime.timedelta(minutes=1))


def _pick(rng: random.Random, spec) -> Decimal | None:
    share, low, high, step = spec
    if rng.random() >= share:
        return None
    if isinstance(step, Decimal):  # fractions: from low to high in steps of ``step``
        return Decimal(rng.randint(int(low / step), int(high / step))) * step
    return Decimal(rng.randint(low, high) * step)  # whole numbers, in units of ``step``


def _unit_figure(rng, indicator, unit_kind, done_count) -> tuple[Decimal | None, dict]:
    if indicator.source == "plans.tasks_done":
        value = Decimal(done_count)
        return value, {"system_value": value,
                       "system_detail": f"{done_count} nhiệm vụ được ghi nhận hoàn thành trong kỳ "
                                        "(Nhiệm vụ của đơn vị)"}
    spec = FIGURES.get(indicator.code, (0.3, 1, 10, 1))
    if unit_kind == K.RADIO_STATION:
        spec = RADIO_FIGURES.get(indicator.code, spec)
    elif unit_kind == K.VILLAGE:
        spec = VILLAGE_FIGURES.get(indicator.code, spec)
    return _pick(rng, spec), {}


def _make_org(areas, province, *, units, tasks, first, actor, rng):
    """Communes, units, plans (sections, reporting requirement, tasks). Returns the plans."""
    upper_body = f"Sở Văn hóa, Thể thao và Du lịch {province.name[:1].lower()}{province.name[1:]}"
    communes = Commune.objects.bulk_create([
        Commune(name=f"{_bare_name(area)} (mẫu)", slug=f"{SLUG_PREFIX}{area.code}", area=area,
                upper_level_body=upper_body, is_sample=True)
        for area in areas], batch_size=BATCH)
    unit_rows = []
    for commune, area in zip(communes, areas, strict=True):
        village = "Tổ dân phố" if area.division_type.lower() == "phường" else "Thôn"
        place = area.division_type.lower() or "xã"
        for index in range(units):
            if index < len(BODIES):
                name, kind, add_place = BODIES[index]
                name = f"{name} {place}" if add_place else name
            else:
                name, kind = f"{village} Mẫu {index - len(BODIES) + 1}", K.VILLAGE
            unit_rows.append(Unit(commune=commune, name=name, name_key=Unit.key_for(name),
                                  sort_key=fold_key(name), kind=kind, is_sample=True))
    Unit.objects.bulk_create(unit_rows, batch_size=BATCH)
    issued_on = first.starts_on + datetime.timedelta(days=10)
    plans = Plan.objects.bulk_create([
        Plan(commune=commune, status=PlanStatus.ISSUED, issued_on=issued_on,
             symbol=f"{rng.randint(20, 180)}/KH-UBND",
             title=("Thực hiện công tác thông tin đối ngoại trên địa bàn "
                    f"{commune.area.division_type.lower()} giai đoạn {first.ends_on.year}–"
                    f"{first.ends_on.year + 1} (dữ liệu mẫu quy mô)"),
             parent_body="ỦY BAN NHÂN DÂN",
             issuing_body=f"{commune.area.division_type.upper()} {commune.name.upper()}",
             place=commune.name, signer_authority="TM. ỦY BAN NHÂN DÂN",
             signer_title="CHỦ TỊCH", signer_name="(mẫu)", created_by=actor)
        for commune in communes], batch_size=BATCH)
    ReportingRequirement.objects.bulk_create([
        ReportingRequirement(plan=plan, frequency=ReportingRequirement.Frequency.HALF_YEAR,
                             to_text="Ủy ban nhân dân xã (qua công chức Văn hóa – Xã hội)")
        for plan in plans], batch_size=BATCH)
    sections = PlanSection.objects.bulk_create([
        PlanSection(plan=plan, position=index + 1, number=str(index + 1),
                    path=f"II.{index + 1}", title=title, role=PlanSection.Role.CONTENT)
        for plan in plans for index, title in enumerate(SECTIONS)], batch_size=BATCH)
    section_of = {(s.plan_id, s.position - 1): s for s in sections}
    units_of: dict = {}
    for unit in unit_rows:
        units_of.setdefault(unit.commune_id, []).append(unit)
    task_rows = []
    for plan in plans:
        position = 0
        for unit_index, unit in enumerate(units_of[plan.commune_id]):
            for task_index in range(tasks):
                section_index, text = TASKS[(unit_index * 7 + task_index) % len(TASKS)]
                position += 1
                task_rows.append(Task(
                    plan=plan, commune_id=plan.commune_id, text=text, lead_unit=unit,
                    position=position, section=section_of[(plan.pk, section_index)],
                    recurrence=Recurrence.ONGOING, assignment_text=unit.name))
        if len(task_rows) >= 5 * BATCH:
            Task.objects.bulk_create(task_rows, batch_size=BATCH)
            task_rows = []
    Task.objects.bulk_create(task_rows, batch_size=BATCH)
    return communes, plans


def _make_reports(communes, *, actor, rng, now):
    """Every unit's report of every round, accepted, with its task results and figures."""
    indicators = unit_indicators()
    commune_ids = [c.pk for c in communes]
    for start in range(0, len(commune_ids), COMMUNES_PER_CHUNK):
        chunk = commune_ids[start:start + COMMUNES_PER_CHUNK]
        rounds = list(ReportRound.objects.filter(commune_id__in=chunk).order_by("commune_id",
                                                                                "ends_on"))
        tasks_of: dict = {}
        for task in Task.objects.filter(commune_id__in=chunk).order_by("lead_unit_id",
                                                                       "position"):
            tasks_of.setdefault(task.lead_unit_id, []).append(task)
        units = list(Unit.objects.filter(commune_id__in=chunk).order_by("pk"))
        reports, owners = [], []
        for round_ in rounds:
            for unit in units:
                if unit.commune_id != round_.commune_id or unit.pk not in tasks_of:
                    continue
                span = (round_.deadline - round_.ends_on).days  # most units are on time
                late = rng.random() >= 0.85
                submitted = _moment(round_.ends_on + datetime.timedelta(
                    days=span + rng.randint(1, 5) if late else rng.randint(1, span)), rng, now)
                decided = min(submitted + datetime.timedelta(hours=rng.randint(2, 72)),
                              now - datetime.timedelta(minutes=1))
                reports.append(UnitReport(
                    round=round_, unit=unit, commune_id=unit.commune_id,
                    status=UnitReportStatus.ACCEPTED, revision=4, submitted_at=submitted,
                    decided_at=decided, decided_by=actor,
                    difficulties=rng.choice(DIFFICULTIES) if rng.random() < 0.3 else "",
                    proposals=rng.choice(PROPOSALS) if rng.random() < 0.25 else ""))
                owners.append((round_, unit))
        UnitReport.objects.bulk_create(reports, batch_size=BATCH)
        task_rows, occurrences, figures = [], [], []
        for report, (round_, unit) in zip(reports, owners, strict=True):
            done_count = 0
            window = (round_.ends_on - round_.starts_on).days
            for task in tasks_of[unit.pk]:
                roll = rng.random()
                n, m, p = rng.randint(1, 12), rng.randint(30, 900), rng.randint(20, 90)
                if roll < 0.55:
                    status, progress, done_count = TaskStatus.DONE, 100, done_count + 1
                    completed = round_.starts_on + datetime.timedelta(days=rng.randint(0, window))
                    text = rng.choice(DONE_TEXTS).format(n=n, m=m, p=p)
                elif roll < 0.9:
                    status, progress, completed = TaskStatus.IN_PROGRESS, p, None
                    text = rng.choice(GOING_TEXTS).format(n=n, m=m, p=p)
                else:
                    status, progress, completed, text = TaskStatus.NOT_STARTED, 0, None, ""
                task_rows.append(UnitReportTask(report=report, task=task, done=text,
                                                status=status, progress=progress,
                                                completed_on=completed))
                occurrences.append(TaskOccurrence(task=task, period=round_.period,
                                                  status=status, progress=progress,
                                                  completed_on=completed))
            for indicator in indicators:
                value, extra = _unit_figure(rng, indicator, unit.kind, done_count)
                figures.append(UnitReportFigure(report=report, indicator=indicator, value=value,
                                                **extra))
        UnitReportTask.objects.bulk_create(task_rows, batch_size=BATCH)
        TaskOccurrence.objects.bulk_create(occurrences, batch_size=BATCH)
        UnitReportFigure.objects.bulk_create(figures, batch_size=BATCH)


def _send_all(communes, *, actor, rng, now):
    """Approved by the chairman and sent up: a bulk update (no versions, no audit entries)."""
    reports = list(CommuneReport.objects.filter(commune__in=communes).select_related("round"))
    for report in reports:
        round_ = report.round
        sent = _moment(round_.commune_deadline - datetime.timedelta(days=rng.randint(0, 4)),
                       rng, now)
        report.status = CommuneReportStatus.SENT
        report.approved_at = sent - datetime.timedelta(hours=rng.randint(3, 30))
        report.approved_by = actor
        report.issued_on = timezone.localdate(report.approved_at)
        report.sent_at = sent
        report.symbol = f"{rng.randint(10, 250)}/BC-UBND"
        report.revision += 2
        report.updated_at = now
    CommuneReport.objects.bulk_update(
        reports, ["status", "approved_at", "approved_by", "issued_on", "sent_at", "symbol",
                  "revision", "updated_at"], batch_size=500)
    return len(reports)


def _upper_user(province, actor) -> bool:
    if User.objects.filter(username=UPPER_USERNAME).exists():
        return False
    staff_create(username=UPPER_USERNAME, family_name="Cán bộ tỉnh", given_name="(mẫu quy mô)",
                 email=f"{UPPER_USERNAME}@example.invalid",
                 password=secrets.token_urlsafe(24),  # unknown to anybody: set one to sign in
                 role=Role.UPPER_LEVEL, area=province, actor=actor)
    return True


def count_rows(communes) -> dict:
    ids = list(communes.values_list("pk", flat=True)) if hasattr(communes, "values_list") \
        else [c.pk for c in communes]
    return {
        "communes": len(ids),
        "units": Unit.objects.filter(commune_id__in=ids).count(),
        "plans": Plan.objects.filter(commune_id__in=ids).count(),
        "tasks": Task.objects.filter(commune_id__in=ids).count(),
        "rounds": ReportRound.objects.filter(commune_id__in=ids).count(),
        "unit_reports": UnitReport.objects.filter(commune_id__in=ids).count(),
        "unit_report_tasks": UnitReportTask.objects.filter(report__commune_id__in=ids).count(),
        "task_occurrences": TaskOccurrence.objects.filter(task__commune_id__in=ids).count(),
        "unit_figures": UnitReportFigure.objects.filter(report__commune_id__in=ids).count(),
        "commune_reports": CommuneReport.objects.filter(commune_id__in=ids).count(),
        "commune_reports_sent": CommuneReport.objects.filter(
            commune_id__in=ids, status=CommuneReportStatus.SENT).count(),
        "commune_figures": CommuneReportFigure.objects.filter(report__commune_id__in=ids).count(),
    }


def generate(*, communes: int, units: int = 25, tasks: int = 20, periods_count: int = 2,
             province: int = 38, seed: int = 1, today: datetime.date | None = None,
             log: Callable[[str], None] | None = None) -> ScaleResult:
    """Generate the province (see the module's docstring). ScaleError if refused."""
    log = log or (lambda _message: None)
    if communes < 1 or units < 1 or tasks < 1 or periods_count < 1:
        raise ScaleError("--communes, --units, --tasks và --periods phải từ 1 trở lên.")
    existing = generated_communes().count()
    if existing:
        raise ScaleError(
            f"Cơ sở dữ liệu đã có {existing} xã sinh sẵn (mã định danh {SLUG_PREFIX}…): không sinh "
            "lại. Hãy dùng một cơ sở dữ liệu mới (TTDN_DATA_DIR hoặc DATABASE_URL khác).")
    today = today or timezone.localdate()
    wanted = completed_periods(periods_count, today)
    rng = random.Random(seed)  # noqa: S311 — reproducible load data, not secrets
    now = timezone.now()
    seconds: dict = {}
    started = clock = time.perf_counter()

    def lap(name):
        nonlocal clock
        seconds[name] = time.perf_counter() - clock
        clock = time.perf_counter()
        log(f"  {name}: {seconds[name]:.1f} s")

    area = _province(province)
    free = list(AdministrativeArea.objects.filter(
        parent=area, scheme=AreaScheme.CURRENT, level=AreaLevel.COMMUNE, commune__isnull=True,
    ).order_by("code"))
    if len(free) < communes:
        raise ScaleError(f"{area.name} chỉ còn {len(free)} xã, phường chưa có xã trong hệ thống; "
                         f"không sinh được {communes} xã.")
    lap("danh mục hành chính")
    result = ScaleResult(province=area, periods=[p.key for p in wanted])
    with transaction.atomic():
        actor, result.actor_created = _actor()
        result.actor_username = actor.username
        made, plans = _make_org(free[:communes], area, units=units, tasks=tasks,
                                first=wanted[0], actor=actor, rng=rng)
        lap("xã, đơn vị, kế hoạch, nhiệm vụ")
        for plan in plans:  # the real schedule (with its audit entries)
            made_rounds = [r.period for r in rounds_for_plan(plan, today=wanted[-1].ends_on)]
            if sorted(made_rounds) != sorted(result.periods):
                raise ScaleError(f"Kỳ báo cáo sinh ra {made_rounds} khác kỳ mong đợi "
                                 f"{result.periods}.")
        lap("kỳ báo cáo (rounds_for_plan)")
        _make_reports(made, actor=actor, rng=rng, now=now)
        lap("báo cáo đơn vị đã tiếp nhận")
        for round_ in ReportRound.objects.filter(commune__in=made).select_related(
                "plan", "commune__area").order_by("commune_id", "ends_on"):
            commune_report_draft(round_=round_, actor=actor,
                                 now=_moment(round_.deadline, rng, now))
        lap("tổng hợp báo cáo xã (commune_report_draft)")
        _send_all(made, actor=actor, rng=rng, now=now)
        result.upper_created = _upper_user(area, actor)
        lap("duyệt, gửi cấp trên; tài khoản cấp trên")
    result.counts = count_rows(made)
    seconds["tổng"] = time.perf_counter() - started
    result.seconds = seconds
    return result
