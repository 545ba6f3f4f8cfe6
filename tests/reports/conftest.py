import datetime

import pytest

from tests import factories
from ttdn.org.models import AdministrativeArea, Role
from ttdn.plans.models import Plan, PlanStatus, ReportingRequirement, Task
from ttdn.reports.models import ReportRound
from ttdn.reports.rounds import rounds_for_plan

ISSUED_ON = datetime.date(2026, 1, 5)


def make_plan(commune_world, title="Kế hoạch thông tin đối ngoại năm 2026"):
    """An issued plan with a half-year reporting schedule: two tasks for the village, one for
    the officer post."""
    commune = commune_world["commune"]
    plan = Plan.objects.create(
        commune=commune, title=title, symbol="12/KH-UBND", status=PlanStatus.ISSUED,
        issued_on=ISSUED_ON, signer_authority="TM. ỦY BAN NHÂN DÂN", signer_title="CHỦ TỊCH",
        signer_name="Lê Văn Thử")
    ReportingRequirement.objects.create(plan=plan, frequency="half_year",
                                        to_text="Sở Văn hóa, Thể thao và Du lịch")
    village, office = commune_world["village"], commune_world["office"]
    for position, (unit, text) in enumerate([
        (village, "Tuyên truyền về thông tin đối ngoại tại nhà văn hóa thôn."),
        (village, "Cập nhật tin, bài về tiềm năng du lịch của thôn."),
        (office, "Tổng hợp, báo cáo kết quả thông tin đối ngoại của xã."),
    ], start=1):
        Task.objects.create(plan=plan, commune=commune, lead_unit=unit, text=text,
                            position=position)
    rounds_for_plan(plan, today=datetime.date(2026, 7, 1))
    return plan


@pytest.fixture
def people(world):
    return world["cam-tan"]


@pytest.fixture
def plan(world):
    return make_plan(world["cam-tan"])


@pytest.fixture
def round_h1(plan):
    return ReportRound.objects.get(plan=plan, period="2026-H1")


@pytest.fixture
def member(people):
    return people[Role.UNIT_MEMBER]


@pytest.fixture
def officer(people):
    return people[Role.CULTURE_OFFICER]


@pytest.fixture
def other_unit_member(people):
    """A member of another unit (a second village) of the same commune."""
    unit = factories.UnitFactory(commune=people["commune"], name="Thôn Hai", kind="village")
    return factories.member(unit, role=Role.UNIT_MEMBER, username="cam-tan.thonhai")


@pytest.fixture
def upper_level(world, admin_user):
    from ttdn.org.services import staff_create

    province = AdministrativeArea.objects.get(scheme="current", level="province", code=38)
    return staff_create(
        username="tinh.baocao", family_name="Cán bộ", given_name="Sở", email="",
        password="một câu mật khẩu đủ dài", role=Role.UPPER_LEVEL, area=province,
        actor=admin_user,
    ).user
