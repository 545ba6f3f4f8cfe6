"""Administrative areas, communes (the tenants), their units, staff accounts and memberships."""

import unicodedata

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ttdn.core.models import TimeStampedModel
from ttdn.core.text import fold_key

# The group every staff account joins (created by migration 0003): it opens the admin only.
STAFF_GROUP = "Cán bộ TTĐN"


class User(AbstractUser):
    """A person who signs in. Vietnamese names read family name first: "Hoàng Thị" + "Hợp"."""

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def get_full_name(self):
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()

    def get_short_name(self):
        return self.first_name or self.username


class AreaScheme(models.TextChoices):
    CURRENT = "current", _("Hai cấp (từ 01/7/2025)")
    LEGACY = "legacy", _("Ba cấp (trước 01/7/2025)")


class AreaLevel(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    DISTRICT = "district", _("Huyện, quận, thị xã")
    COMMUNE = "commune", _("Xã, phường, thị trấn")


class AdministrativeArea(models.Model):
    """An official administrative unit. Both schemes are kept: directive chains issued before
    July 2025 run through districts, and a current commune is made of legacy communes."""

    scheme = models.CharField(_("hệ thống"), max_length=10, choices=AreaScheme.choices)
    level = models.CharField(_("cấp"), max_length=10, choices=AreaLevel.choices)
    code = models.PositiveIntegerField(_("mã"))
    name = models.CharField(_("tên"), max_length=120)
    division_type = models.CharField(_("loại"), max_length=40)
    parent = models.ForeignKey(
        "self", verbose_name=_("thuộc"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    legacy_sources = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="successors",
        verbose_name=_("đơn vị cũ hợp thành"),
    )

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "level", "code"], name="org_area_unique_code"
            ),
        ]
        ordering = ["scheme", "level", "code"]

    def __str__(self):
        return self.name


class Commune(TimeStampedModel):
    """A tenant: one commune's data, staff and public site. ``area`` is its current official
    unit; ``legacy_area`` the pre-2025 commune whose directive chain it may still carry out."""

    name = models.CharField(_("tên xã"), max_length=120, help_text=_("Ví dụ: Cẩm Tân"))
    slug = models.SlugField(_("mã định danh"), max_length=80, unique=True)
    area = models.OneToOneField(
        AdministrativeArea, verbose_name=_("đơn vị hành chính"), on_delete=models.PROTECT,
        related_name="commune", limit_choices_to={"scheme": AreaScheme.CURRENT,
                                                   "level": AreaLevel.COMMUNE},
    )
    legacy_area = models.ForeignKey(
        AdministrativeArea, verbose_name=_("xã cũ (trước sáp nhập)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        limit_choices_to={"scheme": AreaScheme.LEGACY, "level": AreaLevel.COMMUNE},
    )
    upper_level_body = models.CharField(
        _("cơ quan cấp trên nhận báo cáo"), max_length=200, blank=True,
        help_text=_("Ví dụ: Phòng Văn hóa và Thông tin huyện Cẩm Thủy"),
    )
    site = models.OneToOneField(
        "wagtailcore.Site", verbose_name=_("trang thông tin điện tử"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="commune",
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        verbose_name = _("xã")
        verbose_name_plural = _("xã")
        ordering = ["name"]

    def __str__(self):
        return f"{self.area.division_type.capitalize()} {self.name}" if self.area_id else self.name


class UnitKind(models.TextChoices):
    LEADERSHIP = "leadership", _("Lãnh đạo UBND")
    OFFICER_POST = "officer_post", _("Công chức chuyên môn")
    OFFICE = "office", _("Văn phòng HĐND-UBND")
    POLICE = "police", _("Công an xã")
    MILITARY = "military", _("Ban Chỉ huy Quân sự")
    MASS_ORGANISATION = "mass_organisation", _("Mặt trận Tổ quốc, đoàn thể")
    VILLAGE = "village", _("Thôn, bản, tổ dân phố")
    AGENCY = "agency", _("Cơ quan, đơn vị trên địa bàn")
    RADIO_STATION = "radio_station", _("Đài truyền thanh")


class Unit(TimeStampedModel):
    """A body of the commune that receives tasks and reports on them."""

    commune = models.ForeignKey(
        Commune, verbose_name=_("xã"), on_delete=models.CASCADE, related_name="units"
    )
    name = models.CharField(_("tên đơn vị"), max_length=200)
    # NFC, case-folded, single-spaced: SQLite's LOWER() folds ASCII only ("THÔN" ≠ "thôn").
    name_key = models.CharField(max_length=200, editable=False)
    # Folded (đ→d, no marks): lists sort as Vietnamese readers expect ("Đài …" among the D's).
    sort_key = models.CharField(max_length=200, editable=False, default="")
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    is_sample = models.BooleanField(
        _("dữ liệu mẫu"), default=False, help_text=_("Đơn vị tạo để minh họa, không có thật.")
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["commune", "sort_key", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name_key"], name="org_unit_unique_name_per_commune",
                violation_error_message=_("Xã này đã có một đơn vị cùng tên."),
            ),
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def key_for(name: str) -> str:
        return " ".join(unicodedata.normalize("NFC", name).casefold().split())

    def clean(self):
        self._derive_keys()

    def save(self, *args, **kwargs):
        self._derive_keys()  # derived columns must never go stale
        super().save(*args, **kwargs)

    def _derive_keys(self):
        self.name_key = self.key_for(self.name)
        self.sort_key = fold_key(self.name)


class Role(models.TextChoices):
    CHAIRMAN = "chairman", _("Chủ tịch UBND xã")
    VICE_CHAIRMAN = "vice_chairman", _("Phó Chủ tịch UBND xã")
    CULTURE_OFFICER = "culture_officer", _("Công chức Văn hóa – Xã hội")
    OFFICE_STAFF = "office_staff", _("Văn phòng HĐND-UBND")
    ACCOUNTANT = "accountant", _("Công chức Kế toán")
    POLICE = "police", _("Công an xã")
    MILITARY = "military", _("Ban Chỉ huy Quân sự xã")
    UNIT_MEMBER = "unit_member", _("Cán bộ đơn vị, thôn")
    RADIO_STAFF = "radio_staff", _("Đài truyền thanh xã")
    UPPER_LEVEL = "upper_level", _("Cán bộ cấp trên")


class Membership(TimeStampedModel):
    """A user's seat: a role in one unit of a commune, or, for the upper level, a role over an
    area (a province, or a legacy district) whose communes' reports that person receives."""

    user = models.ForeignKey(
        User, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="memberships",
    )
    area = models.ForeignKey(
        AdministrativeArea, verbose_name=_("địa bàn phụ trách"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="upper_level_memberships",
    )
    is_active = models.BooleanField(_("đang hiệu lực"), default=True)

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["unit__commune", "unit", "role"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(role="upper_level", area__isnull=False, unit__isnull=True)
                           | (~Q(role="upper_level") & Q(unit__isnull=False, area__isnull=True))),
                name="org_membership_seat_matches_role",
                violation_error_message=_(
                    "Cán bộ cấp trên gắn với địa bàn; các vai trò khác gắn với một đơn vị của xã."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "unit", "role"], name="org_membership_unique_seat",
                violation_error_message=_("Người này đã có vai trò này trong đơn vị."),
            ),
        ]

    def __str__(self):
        where = self.unit or self.area
        person = self.user.get_full_name() or self.user.username
        return f"{person} — {self.get_role_display()}, {where}"
