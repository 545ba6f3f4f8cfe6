"""The false-information desk: tips, the shared cases they join, and what is done about them.

A ``Tip`` is one report of a claim, received by one commune (from its portal, its staff, one of
its units, the API or an import). Tips that say the same thing join one ``Case``. A case is
shared by the province of the deployment: a rumour that reaches twenty communes is one case,
answered once by the commune that opened it (``Case.commune``). Each commune sees the shared
claim, its status, verdict and clarification, and only its own tips, notes, escalations and
takedown requests: those rows carry a ``commune``.

Reporters' contacts live on the tip, are shown only to the culture officer and the police (each
view audited) and are erased a configured time after the case closes (``ttdn cases
erase-contacts``) or when the reporter asks with the receipt code.
"""

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ttdn.core.models import TimeStampedModel


def private_storage():
    """Screenshots and evidence never have a public URL: views that check scope serve them."""
    return storages["private"]


class CaseStatus(models.TextChoices):
    NEW = "new", _("Mới tiếp nhận")
    TRIAGED = "triaged", _("Đã phân loại")
    ASSIGNED = "assigned", _("Đã giao xử lý")
    VERIFYING = "verifying", _("Đang xác minh")
    VERDICT = "verdict", _("Đã có kết luận")
    RESPONDED = "responded", _("Đã phản hồi")
    CLOSED = "closed", _("Đã đóng")


# The only moves the desk allows (services refuse any other).
TRANSITIONS = {
    CaseStatus.NEW: {CaseStatus.TRIAGED, CaseStatus.CLOSED},
    CaseStatus.TRIAGED: {CaseStatus.ASSIGNED, CaseStatus.CLOSED},
    CaseStatus.ASSIGNED: {CaseStatus.VERIFYING},
    CaseStatus.VERIFYING: {CaseStatus.VERDICT},
    CaseStatus.VERDICT: {CaseStatus.RESPONDED, CaseStatus.CLOSED},
    CaseStatus.RESPONDED: {CaseStatus.CLOSED},
    CaseStatus.CLOSED: set(),
}
OPEN_STATUSES = frozenset(set(CaseStatus) - {CaseStatus.CLOSED})


class Category(models.TextChoices):
    FALSE = "false", _("Sai sự thật")
    DISTORTING = "distorting", _("Xuyên tạc")
    INCITING = "inciting", _("Kích động")
    HARMFUL = "harmful", _("Xấu độc")
    FRAUD = "fraud", _("Lừa đảo")
    OTHER = "other", _("Khác")


class Severity(models.TextChoices):
    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")
    CRITICAL = "critical", _("Khẩn cấp")


class Sensitivity(models.TextChoices):
    NORMAL = "normal", _("Thông thường")
    SENSITIVE = "sensitive", _("Nhạy cảm")


class Verdict(models.TextChoices):
    FALSE = "false", _("Sai sự thật")
    PARTLY_FALSE = "partly_false", _("Sai một phần")
    TRUE = "true", _("Đúng sự thật")
    UNVERIFIABLE = "unverifiable", _("Chưa thể kiểm chứng")


class Platform(models.TextChoices):
    FACEBOOK = "facebook", _("Facebook")
    TIKTOK = "tiktok", _("TikTok")
    YOUTUBE = "youtube", _("YouTube")
    ZALO = "zalo", _("Zalo")
    WEBSITE = "website", _("Trang web")
    WORD_OF_MOUTH = "word_of_mouth", _("Truyền miệng")
    OTHER = "other", _("Khác")


class Channel(models.TextChoices):
    PORTAL = "portal", _("Cổng thông tin (người dân)")
    STAFF = "staff", _("Cán bộ theo dõi")
    UNIT = "unit", _("Đơn vị, thôn")
    API = "api", _("API")
    IMPORT = "import", _("Nhập từ hồ sơ cũ")


class MatchDecision(models.TextChoices):
    PENDING = "pending", _("Đang đối chiếu")
    AUTO = "auto", _("Tự động nhập vào vụ việc đã có")
    SUGGEST = "suggest", _("Gợi ý trùng, chờ xác nhận")
    NONE = "none", _("Vụ việc mới")


class Case(TimeStampedModel):
    """One claim, however many tips and communes it reached."""

    commune = models.ForeignKey(
        "org.Commune", verbose_name=_("xã chủ trì"), on_delete=models.PROTECT,
        related_name="cases",
    )
    province = models.ForeignKey(
        "org.AdministrativeArea", verbose_name=_("tỉnh"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    ref = models.CharField(_("số hiệu ngoài"), max_length=100, blank=True, db_index=True)
    claim = models.TextField(_("nội dung thông tin"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.NEW,
        db_index=True,
    )
    category = models.CharField(
        _("loại thông tin"), max_length=12, choices=Category.choices, blank=True
    )
    severity = models.CharField(_("mức độ"), max_length=10, choices=Severity.choices, blank=True)
    sensitivity = models.CharField(
        _("độ nhạy cảm"), max_length=10, choices=Sensitivity.choices,
        default=Sensitivity.NORMAL,
    )
    lead_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị chủ trì xác minh"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="led_cases",
    )
    coordinating_units = models.ManyToManyField(
        "org.Unit", verbose_name=_("đơn vị phối hợp"), blank=True, related_name="coordinated_cases"
    )
    verdict = models.CharField(_("kết luận"), max_length=14, choices=Verdict.choices, blank=True)
    verdict_summary = models.TextField(_("tóm tắt kết luận"), blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("đã gộp vào"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="merged_cases",
    )
    opened_at = models.DateTimeField(_("tiếp nhận lúc"), db_index=True)
    triaged_at = models.DateTimeField(_("phân loại lúc"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("giao xử lý lúc"), null=True, blank=True)
    verdict_at = models.DateTimeField(_("kết luận lúc"), null=True, blank=True)
    responded_at = models.DateTimeField(_("phản hồi lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    press_informed_at = models.DateTimeField(_("đã thông tin báo chí lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("vụ việc thông tin sai lệch")
        verbose_name_plural = _("vụ việc thông tin sai lệch")
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["commune", "status"])]

    def __str__(self):
        return f"{self.code} — {self.claim[:60]}"

    @property
    def code(self) -> str:
        return f"VV-{self.opened_at:%Y}-{self.pk:05d}" if self.pk and self.opened_at else "VV-…"

    def allowed_moves(self) -> set:
        return TRANSITIONS[CaseStatus(self.status)]

    def surviving(self) -> "Case":
        """The case this one lives on in once merged (itself if it was not merged)."""
        case, seen = self, set()
        while case.merged_into_id and case.pk not in seen:
            seen.add(case.pk)
            case = case.merged_into
        return case


class CaseLink(models.Model):
    """A link the claim was seen at. The canonical form is unique: one link, one case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links")
    url = models.CharField(_("đường dẫn"), max_length=2000)
    canonical = models.CharField(max_length=2000)
    canonical_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("đường dẫn")
        verbose_name_plural = _("đường dẫn")

    def __str__(self):
        return self.url


def new_receipt_code() -> str:
    """"TT-" and 10 characters from an alphabet without look-alikes (about 50 bits)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    body = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"TT-{body[:5]}-{body[5:]}"


class Tip(models.Model):
    """One report of a claim to one commune.

    A tip from the public (portal form, API) is stored first and matched by the background
    worker: until then it has no case (``match_decision`` "pending"). ``match_seq`` numbers
    tips in the order they were matched; the matcher uses it to see which tips were matched
    while it was comparing."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="tips", null=True, blank=True
    )
    commune = models.ForeignKey(
        "org.Commune", verbose_name=_("xã tiếp nhận"), on_delete=models.PROTECT,
        related_name="tips",
    )
    receipt = models.CharField(
        _("mã tiếp nhận"), max_length=20, unique=True, default=new_receipt_code
    )
    idempotency_key = models.CharField(max_length=80, blank=True)
    ref = models.CharField(_("số hiệu ngoài"), max_length=100, blank=True)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=10, choices=Channel.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cán bộ ghi nhận"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị báo tin"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="tips",
    )
    text = models.TextField(_("nội dung thông tin"))
    normalised = models.TextField(editable=False)
    links = models.JSONField(_("đường dẫn"), default=list, blank=True)
    platform = models.CharField(
        _("nơi phát hiện"), max_length=14, choices=Platform.choices, default=Platform.OTHER
    )
    seen_on = models.DateField(_("ngày phát hiện"), null=True, blank=True)
    language = models.CharField(max_length=8, default="vi")
    reporter_name = models.CharField(_("họ tên người báo tin"), max_length=120, blank=True)
    reporter_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    reporter_email = models.EmailField(_("thư điện tử"), blank=True)
    consent = models.BooleanField(_("đồng ý cho liên hệ"), default=False)
    consent_at = models.DateTimeField(null=True, blank=True)
    contact_erased_at = models.DateTimeField(_("xóa thông tin liên hệ lúc"), null=True, blank=True)
    match_decision = models.CharField(
        _("kết quả đối chiếu"), max_length=8, choices=MatchDecision.choices,
        default=MatchDecision.NONE,
    )
    match_score = models.FloatField(_("độ tương đồng"), null=True, blank=True)
    match_seq = models.PositiveBigIntegerField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("tiếp nhận lúc"), db_index=True)

    CONTACT_FIELDS = ("reporter_name", "reporter_phone", "reporter_email")

    class Meta:
        verbose_name = _("tin báo")
        verbose_name_plural = _("tin báo")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "idempotency_key"], condition=~models.Q(idempotency_key=""),
                name="cases_tip_unique_idempotency_key",
            )
        ]
        indexes = [
            models.Index(fields=["id"], condition=models.Q(case__isnull=True),
                         name="cases_tip_unmatched"),
        ]

    def __str__(self):
        return self.receipt

    @property
    def has_contact(self) -> bool:
        return any(getattr(self, name) for name in self.CONTACT_FIELDS)


class TipAttachment(models.Model):
    """A screenshot (re-encoded, without EXIF) or a PDF sent with a tip."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="cases/%Y/%m/", storage=private_storage)
    media_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ảnh chụp, tệp đính kèm")
        verbose_name_plural = _("ảnh chụp, tệp đính kèm")

    def __str__(self):
        return self.file.name


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("Chờ xác nhận")
    CONFIRMED = "confirmed", _("Đã xác nhận trùng")
    REJECTED = "rejected", _("Không trùng")


class Suggestion(models.Model):
    """The matcher thinks the tip's case may be ``candidate``; staff confirm or reject."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="suggestions")
    candidate = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("độ tương đồng"))
    reasons = models.JSONField(_("lý do"), default=list)
    status = models.CharField(
        max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("gợi ý trùng lặp")
        verbose_name_plural = _("gợi ý trùng lặp")
        constraints = [
            models.UniqueConstraint(fields=["tip", "candidate"], name="cases_suggestion_unique")
        ]

    def __str__(self):
        return f"{self.tip} → {self.candidate_id} ({self.score:.2f})"


class NoteKind(models.TextChoices):
    CHECK = "check", _("Kiểm tra, xác minh")
    SOURCE = "source", _("Nguồn đối chiếu")
    EVIDENCE = "evidence", _("Chứng cứ")
    NOTE = "note", _("Ghi chú nội bộ")


class CaseNote(models.Model):
    """A line of one commune's verification log: internal, never shown to another commune."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    commune = models.ForeignKey("org.Commune", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=NoteKind.choices)
    text = models.TextField(_("nội dung"))
    url = models.URLField(_("đường dẫn nguồn"), max_length=2000, blank=True)
    file = models.FileField(
        _("tệp"), upload_to="cases/notes/%Y/%m/", storage=private_storage, blank=True
    )
    sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("nhật ký xác minh")
        verbose_name_plural = _("nhật ký xác minh")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class Clarification(TimeStampedModel):
    """The answer: published on the portal with schema.org ClaimReview, in both languages."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="clarification")
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung cải chính"))
    title_en = models.CharField(_("tiêu đề (tiếng Anh)"), max_length=200, blank=True)
    body_en = models.TextField(_("nội dung cải chính (tiếng Anh)"), blank=True)
    sources = models.JSONField(_("nguồn chính thức"), default=list, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    radio_requested_at = models.DateTimeField(
        _("đề nghị phát thanh lúc"), null=True, blank=True,
        help_text=_("Mục phát thanh chờ phân hệ Đài truyền thanh."),
    )
    republished_by = models.ManyToManyField(
        "org.Commune", through="Republication", blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bài cải chính")
        verbose_name_plural = _("bài cải chính")

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Republication(models.Model):
    """Another commune's portal carries the clarification too."""

    clarification = models.ForeignKey(Clarification, on_delete=models.CASCADE)
    commune = models.ForeignKey("org.Commune", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["clarification", "commune"], name="cases_republication_unique"
            )
        ]

    def __str__(self):
        return f"{self.clarification_id} @ {self.commune_id}"


class Escalation(models.Model):
    """The case handed to one commune's police."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    commune = models.ForeignKey("org.Commune", on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = models.TextField(_("lý do chuyển"), blank=True)

    class Meta:
        verbose_name = _("chuyển công an")
        verbose_name_plural = _("chuyển công an")
        constraints = [
            models.UniqueConstraint(fields=["case", "commune"], name="cases_escalation_unique")
        ]

    def __str__(self):
        return f"{self.case_id} → {self.commune}"


class TakedownStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi yêu cầu")
    REMOVED = "removed", _("Đã gỡ")
    REFUSED = "refused", _("Nền tảng từ chối")


class Takedown(models.Model):
    """A request to a platform to take one link down, recorded by the police."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="takedowns")
    commune = models.ForeignKey("org.Commune", on_delete=models.PROTECT, related_name="+")
    platform = models.CharField(_("nền tảng"), max_length=14, choices=Platform.choices)
    url = models.CharField(_("đường dẫn"), max_length=2000)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=TakedownStatus.choices,
        default=TakedownStatus.PENDING,
    )
    sent_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    resolved_on = models.DateField(_("ngày có kết quả"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("yêu cầu gỡ bỏ")
        verbose_name_plural = _("yêu cầu gỡ bỏ")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.url


def _hours(label, default):
    return models.PositiveIntegerField(
        label, default=default, validators=[MinValueValidator(1), MaxValueValidator(24 * 90)]
    )


class DeskSettings(models.Model):
    """A commune's targets for the timers and how long reporters' contacts are kept."""

    commune = models.OneToOneField(
        "org.Commune", on_delete=models.CASCADE, related_name="desk_settings"
    )
    triage_hours = _hours(_("mục tiêu phân loại (giờ)"), 24)
    response_hours = _hours(_("mục tiêu phản hồi đầu tiên (giờ)"), 72)
    clarification_hours = _hours(_("mục tiêu công bố cải chính (giờ)"), 120)
    takedown_hours = _hours(_("mục tiêu gỡ bỏ (giờ)"), 168)
    contact_retention_days = models.PositiveIntegerField(
        _("giữ thông tin liên hệ (ngày sau khi đóng)"), default=90,
        validators=[MinValueValidator(0), MaxValueValidator(3650)],
    )

    class Meta:
        verbose_name = _("cấu hình bộ phận xử lý tin sai")
        verbose_name_plural = _("cấu hình bộ phận xử lý tin sai")

    def __str__(self):
        return str(self.commune)


# The candidate index of the matcher (see index.py) ------------------------------------


class MatchTerm(models.Model):
    """One term of one tip's text: the posting lists of the candidate index."""

    pk = models.CompositePrimaryKey("term", "tip")
    term = models.BigIntegerField()
    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("từ khóa đối chiếu")
        verbose_name_plural = _("từ khóa đối chiếu")

    def __str__(self):
        return f"{self.term} @ {self.tip_id}"


class MatchTermStat(models.Model):
    """How many tips a term occurs in (term 0: how many tips are indexed)."""

    term = models.BigIntegerField(primary_key=True)
    tips = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tần suất từ khóa đối chiếu")
        verbose_name_plural = _("tần suất từ khóa đối chiếu")

    def __str__(self):
        return f"{self.term}: {self.tips}"
