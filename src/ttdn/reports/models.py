"""Periodic reporting: rounds, unit reports, the commune report and what goes up the chain.

A ``ReportRound`` is one reporting period of one plan ("6 tháng đầu năm 2026" of the commune's
external-information plan), generated from the plan's reporting schedule (Decree 09/2019
cut-offs) or created by hand for an ad hoc ("đột xuất") or thematic ("chuyên đề") report. Each
unit with tasks in the plan writes a ``UnitReport`` for the round: per task what was done
(``UnitReportTask``), figures of the indicator catalogue (``UnitReportFigure``), difficulties
and proposals. The culture officer accepts or returns them; ``CommuneReport`` is drafted from
the accepted ones, approved by the chairman and sent to the upper level, which rolls the
communes' reports up. Every submitted, returned, accepted or approved state is kept as a
``ReportVersion`` snapshot.
"""

import json

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ttdn.core.models import TimeStampedModel


class Aggregation(models.TextChoices):
    SUM = "sum", _("Cộng dồn")
    MAX = "max", _("Lớn nhất")
    LATEST = "latest", _("Số liệu mới nhất")


class Indicator(models.Model):
    """One figure of the report catalogue: "Số tin, bài đăng trên trang thông tin điện tử"."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=200)
    measure = models.CharField(_("đơn vị tính"), max_length=40)
    aggregation = models.CharField(_("cách tổng hợp"), max_length=8, choices=Aggregation.choices,
                                   default=Aggregation.SUM)
    source = models.CharField(
        _("nguồn số liệu của hệ thống"), max_length=60, blank=True,
        help_text=_("Để trống nếu đơn vị tự nhập số liệu."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chỉ tiêu báo cáo")
        verbose_name_plural = _("danh mục chỉ tiêu báo cáo")
        ordering = ["position", "code"]

    def __str__(self):
        return f"{self.name} ({self.measure})"


class RoundKind(models.TextChoices):
    HALF_YEAR = "half_year", _("6 tháng")
    YEAR = "year", _("Năm")
    QUARTER = "quarter", _("Quý")
    AD_HOC = "ad_hoc", _("Đột xuất")
    THEMATIC = "thematic", _("Chuyên đề")


class ReportRound(TimeStampedModel):
    """One reporting period of one plan, with its data window and deadlines."""

    commune = models.ForeignKey("org.Commune", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("xã"))
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="report_rounds",
                             verbose_name=_("kế hoạch"))
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=RoundKind.choices)
    period = models.CharField(_("kỳ"), max_length=20)  # "2026-H1", "2026", "2026-Q1", "DX-…"
    title = models.CharField(_("tên kỳ báo cáo"), max_length=200)
    starts_on = models.DateField(_("số liệu từ ngày"))
    ends_on = models.DateField(_("số liệu đến ngày"))
    deadline = models.DateField(_("hạn đơn vị nộp báo cáo"))
    commune_deadline = models.DateField(_("hạn xã gửi cấp trên"))

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-ends_on", "plan"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="round_plan_period_unique"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="round_window_ordered"),
            models.CheckConstraint(condition=models.Q(deadline__gte=models.F("ends_on")),
                                   name="round_deadline_after_cutoff"),
        ]
        indexes = [models.Index(fields=["commune", "period"])]

    def __str__(self):
        return self.title


class UnitReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


class UnitReport(TimeStampedModel):
    """What one unit reports for one round: its tasks, its figures, difficulties, proposals."""

    round = models.ForeignKey(ReportRound, on_delete=models.CASCADE, related_name="unit_reports",
                              verbose_name=_("kỳ báo cáo"))
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="reports",
                             verbose_name=_("đơn vị"))
    commune = models.ForeignKey("org.Commune", on_delete=models.PROTECT, related_name="+",
                                editable=False)
    status = models.CharField(_("trạng thái"), max_length=10, choices=UnitReportStatus.choices,
                              default=UnitReportStatus.DRAFT)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True, max_length=8000)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True, max_length=8000)
    # Optimistic concurrency: every save sends the revision it started from; a save from an
    # older revision is refused instead of overwriting somebody else's text.
    revision = models.PositiveIntegerField(default=1, editable=False)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 related_name="+", editable=False)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    decided_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", editable=False)
    return_comment = models.TextField(_("ý kiến khi trả lại"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["round", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="unit_report_unique"),
        ]
        indexes = [models.Index(fields=["commune", "status"])]

    def __str__(self):
        return f"{self.unit} — {self.round}"

    @property
    def is_editable(self) -> bool:
        return self.status in (UnitReportStatus.DRAFT, UnitReportStatus.RETURNED)


class UnitReportTask(models.Model):
    """One task of the unit in the round: what was done, and its state at the cut-off."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="tasks")
    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("nhiệm vụ"))
    done = models.TextField(_("kết quả thực hiện"), blank=True, max_length=8000)
    status = models.CharField(_("trạng thái"), max_length=12, default="not_started",
                              choices=[("not_started", _("Chưa thực hiện")),
                                       ("in_progress", _("Đang thực hiện")),
                                       ("done", _("Hoàn thành"))])
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("kết quả nhiệm vụ trong báo cáo")
        verbose_name_plural = _("kết quả nhiệm vụ trong báo cáo")
        ordering = ["report", "task__position", "task__pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "task"], name="unit_report_task_unique"),
            models.CheckConstraint(condition=models.Q(progress__lte=100),
                                   name="unit_report_task_progress_at_most_100"),
        ]

    def __str__(self):
        return f"{self.report} — {self.task}"


class UnitReportFigure(models.Model):
    """A figure of the catalogue in a unit report. ``system_value`` is what the system
    computed when the report was drafted; ``value`` what the unit reports (pre-filled with the
    system's value, which the unit may correct)."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("số liệu"), max_digits=18, decimal_places=2, null=True,
                                blank=True, validators=[MinValueValidator(0)])
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    system_value = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    system_detail = models.CharField(max_length=300, blank=True)
    system_url = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("số liệu trong báo cáo")
        verbose_name_plural = _("số liệu trong báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"],
                                    name="unit_report_figure_unique"),
            models.CheckConstraint(condition=models.Q(value__gte=0) | models.Q(value=None),
                                   name="unit_report_figure_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value}"

    @property
    def is_prefilled(self) -> bool:
        return self.system_value is not None and self.value == self.system_value


NARRATIVE_PARTS = ("summary", "shortcomings", "proposals")


class JSONTextField(models.TextField):
    """A JSON value kept as its text (``ensure_ascii=False``), for a value that is only ever
    read and written whole, never queried inside: PostgreSQL returns a ``text`` column as
    stored, where a ``jsonb`` one is rendered back to text for every row read (the roll-up
    reads the narratives of a whole province at once)."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else json.loads(value)

    def to_python(self, value):
        return json.loads(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))


class CommuneReportKind(models.TextChoices):
    PERIOD = "period", _("Báo cáo định kỳ")
    INTERIM_REVIEW = "interim", _("Báo cáo sơ kết")
    FINAL_REVIEW = "final", _("Báo cáo tổng kết")


class CommuneReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    PENDING = "pending", _("Chờ lãnh đạo duyệt")
    APPROVED = "approved", _("Đã duyệt")
    SENT = "sent", _("Đã gửi cấp trên")
    RETURNED = "returned", _("Cấp trên trả lại")
    RECEIVED = "received", _("Cấp trên đã tiếp nhận")


class CommuneReport(TimeStampedModel):
    """The commune's "BÁO CÁO Kết quả thực hiện Kế hoạch …" for one round, or a review over
    several rounds (``rounds``). ``body`` holds the editable text as blocks
    ``{"id", "part", "text", "source": {"unit_report": id, "task": id} | None, "edited"}``;
    the figures are rows of ``CommuneReportFigure``."""

    # ``commune_report``: the roll-up joins each commune to its reports of a period.
    commune = models.ForeignKey("org.Commune", on_delete=models.PROTECT, related_name="+",
                                related_query_name="commune_report", verbose_name=_("xã"))
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("kế hoạch"))
    kind = models.CharField(_("loại báo cáo"), max_length=8, choices=CommuneReportKind.choices,
                            default=CommuneReportKind.PERIOD)
    round = models.OneToOneField(ReportRound, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="commune_report", verbose_name=_("kỳ báo cáo"))
    rounds = models.ManyToManyField(ReportRound, related_name="reviews", blank=True,
                                    verbose_name=_("các kỳ được tổng hợp"))
    period = models.CharField(_("kỳ"), max_length=40)  # "2026-H1" or "2024-H1…2026-H1"
    title = models.CharField(_("trích yếu"), max_length=300)
    symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10,
                              choices=CommuneReportStatus.choices,
                              default=CommuneReportStatus.DRAFT)
    # The paragraphs the upper level's roll-up lists, by part; kept in step with ``body`` by
    # ``set_body`` so the roll-up never reads whole bodies.
    narrative = JSONTextField(default=dict, blank=True, editable=False)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=60, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=80, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 related_name="+", editable=False)
    drafted_at = models.DateTimeField(_("soạn tự động lúc"), null=True, blank=True)
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+", editable=False)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi cấp trên lúc"), null=True, blank=True)
    upper_comment = models.TextField(_("ý kiến của cấp trên"), blank=True, max_length=4000)
    upper_decided_at = models.DateTimeField(null=True, blank=True)
    # Last: a long body stored after every short column keeps SQLite from walking its overflow
    # pages to reach them (the roll-up reads the short ones of a whole province).
    body = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("báo cáo của xã")
        verbose_name_plural = _("báo cáo của xã")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "period"],
                                    name="commune_report_unique"),
        ]
        indexes = [
            models.Index(fields=["period", "status"]),
            # The roll-up: each commune's reports of a period (on SQLite, without reading the
            # commune id from the row, which comes after the body's overflow pages).
            models.Index(fields=["commune", "period"], name="commune_report_commune_period"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in (CommuneReportStatus.DRAFT, CommuneReportStatus.RETURNED)

    def set_body(self, body: list) -> None:
        self.body = body
        parts: dict = {part: [] for part in NARRATIVE_PARTS}
        for block in body:
            if block.get("kind") == "paragraph" and block.get("part") in parts:
                parts[block["part"]].append(block["text"])
        self.narrative = parts


class CommuneReportFigure(models.Model):
    """A figure of the commune report: aggregated from the accepted unit reports (or the
    commune-wide system source), editable by the culture officer until approval."""

    report = models.ForeignKey(CommuneReport, on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT,
                                  related_name="commune_figures")
    value = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True,
                                validators=[MinValueValidator(0)])
    previous = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    origin = models.CharField(max_length=300, blank=True)  # "Tổng hợp từ 12 đơn vị" / source
    edited = models.BooleanField(default=False)  # changed by hand: redrafting keeps it

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"],
                                    name="commune_report_figure_unique"),
            models.CheckConstraint(condition=models.Q(value__gte=0) | models.Q(value=None),
                                   name="commune_report_figure_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value}"


class ReportVersion(models.Model):
    """A snapshot of a unit or commune report at a step of its workflow (never changed)."""

    unit_report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, null=True,
                                    related_name="versions")
    commune_report = models.ForeignKey(CommuneReport, on_delete=models.CASCADE, null=True,
                                       related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10)
    content = models.JSONField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit_report__isnull=False, commune_report__isnull=True)
                | models.Q(unit_report__isnull=True, commune_report__isnull=False),
                name="report_version_one_owner",
            ),
        ]

    def __str__(self):
        return f"#{self.number} {self.status}"


class ReportReminder(models.Model):
    """A reminder sent by ``ttdn notify-reports``: once per round, unit and threshold."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Sắp đến hạn nộp báo cáo")
        OVERDUE = "overdue", _("Quá hạn nộp báo cáo")

    round = models.ForeignKey(ReportRound, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    recipients = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "unit", "kind"],
                                    name="report_reminder_once"),
        ]

    def __str__(self):
        return f"{self.unit} — {self.round} ({self.kind})"
