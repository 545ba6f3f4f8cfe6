"""Directive documents, plans and their tasks.

A plan (``Plan``) carries out a directive document; directive documents carry out one another
("carries out" link), which gives the chain KL 57-KL/TW → KH 162-KH/TU → KH 216/KH-UBND → the
commune plan. A plan's text is kept as structured data: sections (a tree), recipients,
signature; its implementation part becomes ``Task`` rows, one per lead unit. What a task
achieved in a reporting period is a ``TaskOccurrence``, written the first time somebody records
progress (a period with no row is "not started").
"""

import datetime

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.core.models import TimeStampedModel

from . import periods


def private_storage():
    """Files that must never be served by URL: they go out through a view that checks scope."""
    return storages["private"]


class Level(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Tỉnh")
    DISTRICT = "district", _("Huyện")
    COMMUNE = "commune", _("Xã")


class DirectiveDocument(TimeStampedModel):
    """A document a plan rests on ("căn cứ"): a conclusion, resolution, decision, plan …"""

    commune = models.ForeignKey(
        "org.Commune", on_delete=models.PROTECT, related_name="directives",
        verbose_name=_("xã"),
    )
    symbol = models.CharField(
        _("số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 57-KL/TW, 216/KH-UBND")
    )
    number = models.CharField(_("số"), max_length=12, editable=False)
    kind = models.CharField(_("loại văn bản"), max_length=8, editable=False)
    issuer_code = models.CharField(_("mã cơ quan ban hành"), max_length=30, editable=False)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    carries_out = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_out_by",
        verbose_name=_("thực hiện văn bản"),
        help_text=_("Văn bản cấp trên mà văn bản này triển khai thực hiện."),
    )
    attachment = models.FileField(
        _("tệp văn bản"), upload_to="directives/%Y/", storage=private_storage, blank=True
    )
    link = models.URLField(_("đường dẫn"), blank=True)

    class Meta:
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("văn bản chỉ đạo")
        ordering = ["issued_on", "symbol"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "symbol"], name="directive_symbol_unique")
        ]

    def __str__(self):
        return f"{self.symbol} — {self.title}" if self.title else self.symbol

    def chain(self) -> list["DirectiveDocument"]:
        """This document and the ones it carries out, top (central) first."""
        chain, seen, current = [], set(), self
        while current is not None and current.pk not in seen:
            seen.add(current.pk)
            chain.append(current)
            current = current.carries_out
        return list(reversed(chain))

    chain.short_description = _("chuỗi văn bản thực hiện")

    def get_chain_display(self) -> str:
        """The chain in one line, for the inspect screen: "57-KL/TW → 162-KH/TU → …"."""
        return " → ".join(document.symbol for document in self.chain())


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    SUPERSEDED = "superseded", _("Đã được thay thế")


class Plan(TimeStampedModel):
    commune = models.ForeignKey(
        "org.Commune", on_delete=models.PROTECT, related_name="plans", verbose_name=_("xã")
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=40, default="KẾ HOẠCH")
    title = models.CharField(_("trích yếu"), max_length=500)
    symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    parent_body = models.CharField(_("cơ quan chủ quản"), max_length=120, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=120, blank=True)
    place = models.CharField(_("địa danh"), max_length=80, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    supersedes = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="superseded_by",
        verbose_name=_("thay thế kế hoạch"),
    )
    carries_out = models.ForeignKey(
        DirectiveDocument, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="plans", verbose_name=_("thực hiện văn bản"),
    )
    legal_bases = models.ManyToManyField(
        DirectiveDocument, blank=True, related_name="cited_by", verbose_name=_("căn cứ")
    )
    preamble = models.JSONField(_("phần mở đầu"), default=list, blank=True)
    closing = models.TextField(_("đoạn kết"), blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=60, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=80, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    source_name = models.CharField(_("tệp nguồn"), max_length=200, blank=True, editable=False)
    import_warnings = models.JSONField(default=list, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-issued_on", "-created_at"]

    def __str__(self):
        return f"{self.doc_type.capitalize()} {self.symbol} — {self.title}".replace("  ", " ")

    def started_on(self) -> datetime.date:
        return self.issued_on or timezone.localdate(self.created_at)


class PlanSection(models.Model):
    """A numbered part of the plan: "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích" … with its items."""

    class Role(models.TextChoices):
        PURPOSES = "purposes", _("Mục đích, yêu cầu")
        CONTENT = "content", _("Nội dung, nhiệm vụ")
        BUDGET = "budget", _("Kinh phí")
        IMPLEMENTATION = "implementation", _("Tổ chức thực hiện")
        OTHER = "other", _("Khác")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    position = models.PositiveIntegerField()
    number = models.CharField(_("số thứ tự"), max_length=12, blank=True)
    path = models.CharField(_("mục"), max_length=40, blank=True)  # "II.2"
    title = models.CharField(_("tiêu đề"), max_length=500)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.OTHER)
    items = models.JSONField(default=list, blank=True)  # [{"text", "marker", "children"}]

    class Meta:
        verbose_name = _("mục của kế hoạch")
        verbose_name_plural = _("mục của kế hoạch")
        ordering = ["plan", "position"]

    def __str__(self):
        return f"{self.path}. {self.title}" if self.path else self.title


class ReportingRequirement(models.Model):
    """The plan's reporting schedule: "định kỳ 6 tháng, hàng năm … báo cáo UBND xã"."""

    class Frequency(models.TextChoices):
        MONTH = "month", _("Hằng tháng")
        QUARTER = "quarter", _("Hằng quý")
        HALF_YEAR = "half_year", _("6 tháng")
        YEAR = "year", _("Hằng năm")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting")
    frequency = models.CharField(_("định kỳ"), max_length=10, choices=Frequency.choices)
    to_text = models.CharField(_("báo cáo về"), max_length=300, blank=True)
    to_unit = models.ForeignKey(
        "org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("đơn vị tổng hợp"),
    )
    submit_days_after_cutoff = models.PositiveSmallIntegerField(
        _("hạn nộp (số ngày sau ngày chốt số liệu)"), default=5
    )

    class Meta:
        verbose_name = _("chế độ báo cáo")
        verbose_name_plural = _("chế độ báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["plan", "frequency"], name="plan_reporting_unique")
        ]

    def __str__(self):
        return f"{self.get_frequency_display()} → {self.to_text}"


class Recurrence(models.TextChoices):
    ONGOING = "ongoing", _("Thường xuyên")
    HALF_YEARLY = "half_yearly", _("6 tháng một lần")
    YEARLY = "yearly", _("Hằng năm")
    ONE_OFF = "one_off", _("Một lần, có hạn")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")


ONE_OFF_KEY = "once"


class Task(TimeStampedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    commune = models.ForeignKey(
        "org.Commune", on_delete=models.PROTECT, related_name="+", editable=False
    )
    text = models.TextField(_("nội dung nhiệm vụ"))
    lead_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="led_tasks",
        verbose_name=_("đơn vị chủ trì"),
    )
    coordinating_units = models.ManyToManyField(
        "org.Unit", blank=True, related_name="coordinated_tasks",
        verbose_name=_("đơn vị phối hợp"),
    )
    assignment_number = models.CharField(_("nhóm phân công"), max_length=12, blank=True)
    assignment_text = models.CharField(_("đơn vị được giao (như văn bản)"), max_length=300,
                                       blank=True)
    position = models.PositiveIntegerField(default=0)
    section = models.ForeignKey(
        PlanSection, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks",
        verbose_name=_("mục của kế hoạch"),
    )
    legal_basis = models.ForeignKey(
        DirectiveDocument, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="tasks", verbose_name=_("căn cứ"),
    )
    recurrence = models.CharField(
        _("tính chất"), max_length=12, choices=Recurrence.choices, default=Recurrence.ONGOING
    )
    due_on = models.DateField(
        _("hạn hoàn thành"), null=True, blank=True, help_text=_("Với nhiệm vụ một lần.")
    )
    weight = models.PositiveSmallIntegerField(
        _("trọng số"), default=1, validators=[MaxValueValidator(100)],
        help_text=_("Mức đóng góp vào tiến độ chung của kế hoạch."),
    )

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "position", "pk"]
        indexes = [models.Index(fields=["commune", "lead_unit"])]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    # Periods ---------------------------------------------------------------------------

    def period_kind(self) -> str | None:
        return {
            Recurrence.YEARLY: "year",
            Recurrence.HALF_YEARLY: "half_year",
            Recurrence.ONGOING: "half_year",
        }.get(self.recurrence)

    def period_key(self, day: datetime.date) -> str:
        kind = self.period_kind()
        return periods.period_of(day, kind).key if kind else ONE_OFF_KEY

    def due_in(self, key: str) -> datetime.date | None:
        """When the work of that period is due: the cut-off; ongoing work has no due date."""
        if self.recurrence == Recurrence.ONE_OFF:
            return self.due_on
        if self.recurrence == Recurrence.ONGOING:
            return None
        return periods.by_key(key).ends_on

    def period_keys(self, until: datetime.date) -> list[str]:
        """The periods the task has had since its plan started (the occurrences it generates)."""
        kind = self.period_kind()
        if kind is None:
            return [ONE_OFF_KEY]
        start = self.plan.started_on()
        return [p.key for p in periods.periods_between(start, max(start, until), kind)]


class TaskOccurrence(TimeStampedModel):
    """What a task achieved in one reporting period (or once, for a one-off task)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="occurrences")
    period = models.CharField(_("kỳ"), max_length=10)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=TaskStatus.choices,
        default=TaskStatus.NOT_STARTED,
    )
    progress = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    completed_on = models.DateField(_("hoàn thành ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("kết quả theo kỳ")
        verbose_name_plural = _("kết quả theo kỳ")
        constraints = [
            models.UniqueConstraint(fields=["task", "period"], name="task_period_unique"),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="task_progress_at_most_100"
            ),
        ]

    def is_overdue(self, today: datetime.date) -> bool:
        return bool(self.due_on and self.status != TaskStatus.DONE and self.due_on < today)


class Evidence(TimeStampedModel):
    """A file or a link that shows a task was carried out."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="evidence")
    period = models.CharField(_("kỳ"), max_length=10)
    file = models.FileField(
        _("tệp"), upload_to="evidence/%Y/%m/", storage=private_storage, blank=True
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    link = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(link=""), name="evidence_file_or_link"
            )
        ]

    def __str__(self):
        return self.original_name or self.link

    @property
    def period_label(self):
        return periods.label_of(self.period)


class Comment(TimeStampedModel):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("ý kiến"), max_length=4000)

    class Meta:
        verbose_name = _("ý kiến trao đổi")
        verbose_name_plural = _("ý kiến trao đổi")
        ordering = ["created_at"]


class Notice(TimeStampedModel):
    """An in-app notice: a task is due soon or overdue. Sent once per task, period, threshold
    and person — the unique constraint is what makes re-running ``notify-due`` send nothing."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Sắp đến hạn")
        OVERDUE = "overdue", _("Quá hạn")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="notices")
    period = models.CharField(max_length=10)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    message = models.CharField(max_length=500)
    due_on = models.DateField(null=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "task", "period", "kind"], name="notice_once"
            )
        ]
