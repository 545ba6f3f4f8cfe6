"""Demo data for the seed commune (Cẩm Tân, Thanh Hóa) and a second commune to show isolation.

Idempotent: running it twice changes nothing. Names of the units come from the seed plan;
villages, agencies and every person except the plan's signatory are sample data, marked so.
"""

from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Locale, Page, Site

from .areas import load_areas
from .models import AdministrativeArea, AreaLevel, AreaScheme, Commune, Membership, Role, Unit, User
from .models import UnitKind as K
from .services import commune_create, staff_create, unit_create

DEMO_PASSWORD = "demo-TTDN-2026"  # noqa: S105 - printed by `ttdn demo`; demo data only
THANH_HOA = 38

SEED_UNITS = [
    ("Lãnh đạo UBND xã", K.LEADERSHIP, False),
    ("Công chức Văn hóa – Xã hội", K.OFFICER_POST, False),
    ("Văn phòng HĐND-UBND", K.OFFICE, False),
    ("Công chức Kế toán", K.OFFICER_POST, False),
    ("Công an xã", K.POLICE, False),
    ("Ban Chỉ huy Quân sự xã", K.MILITARY, False),
    ("Đài truyền thanh xã", K.RADIO_STATION, False),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", K.MASS_ORGANISATION, False),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", K.MASS_ORGANISATION, False),
    ("Hội Liên hiệp Phụ nữ xã", K.MASS_ORGANISATION, False),
    ("Hội Nông dân xã", K.MASS_ORGANISATION, False),
    ("Hội Cựu chiến binh xã", K.MASS_ORGANISATION, False),
    ("Thôn Mẫu Một", K.VILLAGE, True),
    ("Thôn Mẫu Hai", K.VILLAGE, True),
    ("Thôn Mẫu Ba", K.VILLAGE, True),
    ("Trường Tiểu học (mẫu)", K.AGENCY, True),
    ("Trạm Y tế xã (mẫu)", K.AGENCY, True),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    family_name: str
    given_name: str
    role: str
    unit: str | None  # unit name in the commune; None for the upper level


CAM_TAN_ACCOUNTS = [
    DemoAccount("camtan.chutich", "Nguyễn Văn", "Mẫu", Role.CHAIRMAN, "Lãnh đạo UBND xã"),
    DemoAccount("camtan.phochutich", "Hoàng Thị", "Hợp", Role.VICE_CHAIRMAN, "Lãnh đạo UBND xã"),
    DemoAccount("camtan.vanhoa", "Lê Thị", "Vân", Role.CULTURE_OFFICER,
                "Công chức Văn hóa – Xã hội"),
    DemoAccount("camtan.vanphong", "Phạm Văn", "Phòng", Role.OFFICE_STAFF, "Văn phòng HĐND-UBND"),
    DemoAccount("camtan.ketoan", "Trần Thị", "Toán", Role.ACCOUNTANT, "Công chức Kế toán"),
    DemoAccount("camtan.congan", "Vũ Văn", "An", Role.POLICE, "Công an xã"),
    DemoAccount("camtan.quansu", "Đỗ Văn", "Quân", Role.MILITARY, "Ban Chỉ huy Quân sự xã"),
    DemoAccount("camtan.thon1", "Bùi Thị", "Thôn", Role.UNIT_MEMBER, "Thôn Mẫu Một"),
    DemoAccount("camtan.mttq", "Ngô Văn", "Mặt", Role.UNIT_MEMBER,
                "Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
    DemoAccount("camtan.daitt", "Đinh Thị", "Thanh", Role.RADIO_STAFF, "Đài truyền thanh xã"),
]
CAM_THACH_ACCOUNTS = [
    DemoAccount("camthach.vanhoa", "Mai Thị", "Thạch", Role.CULTURE_OFFICER,
                "Công chức Văn hóa – Xã hội"),
]
UPPER_LEVEL_ACCOUNT = DemoAccount("tinh.vanhoa", "Lương Văn", "Tỉnh", Role.UPPER_LEVEL, None)
# The three-level chain of the seed: Cẩm Tân reports to the district (Cẩm Thủy, pre-2025).
DISTRICT_ACCOUNT = DemoAccount("huyen.vanhoa", "Trịnh Thị", "Huyền", Role.UPPER_LEVEL, None)


def _area(scheme, level, code):
    return AdministrativeArea.objects.get(scheme=scheme, level=level, code=code)


def _ensure_admin() -> User:
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User.objects.create_superuser(
            "admin", email="admin@localhost", password=DEMO_PASSWORD,
            last_name="", first_name="Quản trị viên",
        )
    return admin


def _remove_wagtail_welcome_site():
    for site in Site.objects.filter(hostname="localhost", port=80, commune__isnull=True):
        root = site.root_page
        site.delete()
        if root.depth == 2 and not root.get_children().exists():
            Page.objects.filter(pk=root.pk).delete()


def _ensure_commune(actor, *, code, legacy_code, name, hostname, port, default, sample, units,
                    upper_level_body):
    area = _area(AreaScheme.CURRENT, AreaLevel.COMMUNE, code)
    commune = Commune.objects.filter(area=area).first()
    if commune is None:
        commune = commune_create(
            area=area, name=name, actor=actor, hostname=hostname, port=port,
            is_default_site=default, is_sample=sample, upper_level_body=upper_level_body,
            legacy_area=_area(AreaScheme.LEGACY, AreaLevel.COMMUNE, legacy_code),
        )
    existing = set(commune.units.values_list("name", flat=True))
    for unit_name, kind, is_sample in units:
        if unit_name not in existing:
            unit_create(commune=commune, name=unit_name, kind=kind, actor=actor,
                        is_sample=is_sample)
    return commune


def _ensure_account(actor, account: DemoAccount, commune: Commune | None, area=None):
    if User.objects.filter(username=account.username).exists():
        return
    unit = Unit.objects.get(commune=commune, name=account.unit) if account.unit else None
    staff_create(
        username=account.username, family_name=account.family_name,
        given_name=account.given_name, email=f"{account.username}@example.invalid",
        password=DEMO_PASSWORD, role=account.role, unit=unit, area=area, actor=actor,
    )


@transaction.atomic
def load_demo(port: int = 8000) -> list[tuple[str, str, str]]:
    """Loads the demo organisation; returns (username, role, where) for the printed logins."""
    load_areas(province_codes=[THANH_HOA])
    admin = _ensure_admin()
    _remove_wagtail_welcome_site()
    # The portal is Vietnamese and English: the English locale lets pages be translated.
    Locale.objects.get_or_create(language_code="en")
    cam_tan = _ensure_commune(
        admin, code=15178, legacy_code=15178, name="Cẩm Tân", hostname="camtan.localhost",
        port=port, default=True, sample=False, units=SEED_UNITS,
        upper_level_body="Phòng Văn hóa và Thông tin huyện Cẩm Thủy",
    )
    cam_thach = _ensure_commune(
        admin, code=15142, legacy_code=15142, name="Cẩm Thạch", hostname="camthach.localhost",
        port=port, default=False, sample=True, units=SEED_UNITS[:7],
        upper_level_body="Sở Văn hóa, Thể thao và Du lịch tỉnh Thanh Hóa",
    )
    for account in CAM_TAN_ACCOUNTS:
        _ensure_account(admin, account, cam_tan)
    for account in CAM_THACH_ACCOUNTS:
        _ensure_account(admin, account, cam_thach)
    _ensure_account(admin, UPPER_LEVEL_ACCOUNT, None,
                    area=_area(AreaScheme.CURRENT, AreaLevel.PROVINCE, THANH_HOA))
    _ensure_account(admin, DISTRICT_ACCOUNT, None, area=cam_tan.legacy_area.parent)

    logins = [("admin", "Quản trị hệ thống", "toàn hệ thống")]
    for membership in Membership.objects.select_related("user", "unit__commune", "area").filter(
        user__username__in=[a.username for a in
                            (*CAM_TAN_ACCOUNTS, *CAM_THACH_ACCOUNTS, UPPER_LEVEL_ACCOUNT,
                                                 DISTRICT_ACCOUNT)]
    ).order_by("unit__commune__name", "pk"):
        where = f"{membership.unit}, {membership.unit.commune}" if membership.unit else str(
            membership.area)
        logins.append((membership.user.username, membership.get_role_display(), where))
    return logins
