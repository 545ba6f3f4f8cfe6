import pytest
from wagtail.models import ModelLogEntry

from tests import factories
from ttdn.core.errors import PermissionDeniedError
from ttdn.org import services
from ttdn.org.errors import OrgError
from ttdn.org.models import Membership, Role, Unit, UnitKind


def entries(action):
    return ModelLogEntry.objects.filter(action=action)


@pytest.mark.portal
def test_commune_gets_its_own_site_and_page_tree(cam_tan, cam_thach):
    assert cam_tan.site.root_page.title == "Xã Cẩm Tân"
    assert cam_tan.site.pk != cam_thach.site.pk
    assert entries("ttdn.org.commune.created").count() == 2


def test_only_platform_admin_creates_communes(world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    with pytest.raises(PermissionDeniedError):
        factories.commune("Cẩm Tú", 15148, actor=officer)


def test_unit_create_is_audited_with_actor_and_after_state(world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    unit = services.unit_create(commune=world["cam-tan"]["commune"], name="Thôn  Mới ",
                                kind=UnitKind.VILLAGE, actor=officer)
    assert unit.name == "Thôn Mới"
    entry = entries("ttdn.org.unit.created").get(object_id=str(unit.pk))
    assert entry.user_id == officer.pk
    assert entry.data["after"]["name"] == "Thôn Mới"
    assert entry.data["commune_id"] == unit.commune_id
    assert entry.data["changes"]["kind"] == [None, "village"]


def test_duplicate_unit_name_in_one_commune_is_refused_in_vietnamese(world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    with pytest.raises(OrgError, match="đã có một đơn vị cùng tên"):
        services.unit_create(commune=world["cam-tan"]["commune"], name="thôn một",
                             kind=UnitKind.VILLAGE, actor=officer)


def test_same_unit_name_in_another_commune_is_fine(world):
    officer = world["cam-thach"][Role.CULTURE_OFFICER]
    services.unit_create(commune=world["cam-thach"]["commune"], name="Thôn Hai",
                         kind=UnitKind.VILLAGE, actor=officer)
    services.unit_create(commune=world["cam-tan"]["commune"], name="Thôn Hai",
                         kind=UnitKind.VILLAGE, actor=world["cam-tan"][Role.CHAIRMAN])


@pytest.mark.parametrize("role", [Role.UNIT_MEMBER, Role.ACCOUNTANT, Role.POLICE,
                                  Role.RADIO_STAFF, Role.MILITARY])
def test_non_managers_cannot_create_units(world, role):
    with pytest.raises(PermissionDeniedError):
        services.unit_create(commune=world["cam-tan"]["commune"], name="Thôn Lạ",
                             kind=UnitKind.VILLAGE, actor=world["cam-tan"][role])
    assert not Unit.objects.filter(name="Thôn Lạ").exists()


def test_manager_of_one_commune_cannot_touch_another(world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    other_village = world["cam-thach"]["village"]
    with pytest.raises(PermissionDeniedError):
        services.unit_update(unit=other_village, actor=officer, name="Đổi tên")
    with pytest.raises(PermissionDeniedError):
        services.unit_create(commune=world["cam-thach"]["commune"], name="Thôn X",
                             kind=UnitKind.VILLAGE, actor=officer)


def test_unit_update_records_before_and_after(world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    village = world["cam-tan"]["village"]
    services.unit_update(unit=village, actor=officer, name="Thôn Đồng Tâm")
    entry = entries("ttdn.org.unit.updated").get(object_id=str(village.pk))
    assert entry.data["changes"]["name"] == ["Thôn Một", "Thôn Đồng Tâm"]


def test_unit_with_staff_cannot_be_deleted(world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    with pytest.raises(OrgError, match="còn cán bộ"):
        services.unit_delete(unit=world["cam-tan"]["village"], actor=officer)


def test_empty_unit_delete_is_audited(world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    unit = services.unit_create(commune=world["cam-tan"]["commune"], name="Tổ tạm",
                                kind=UnitKind.VILLAGE, actor=officer)
    pk = unit.pk
    services.unit_delete(unit=unit, actor=officer)
    assert not Unit.objects.filter(pk=pk).exists()
    deleted = entries("ttdn.org.unit.deleted").get(object_id=str(pk))
    assert deleted.data["before"]["name"] == "Tổ tạm"


def test_staff_create_makes_account_seat_and_two_audit_rows(world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    membership = services.staff_create(
        username="camtan.thon9", family_name="Lò Thị", given_name="Mai", email="",
        password="một câu mật khẩu đủ dài", role=Role.UNIT_MEMBER,
        unit=world["cam-tan"]["village"], actor=officer,
    )
    assert membership.user.get_full_name() == "Lò Thị Mai"
    assert membership.user.check_password("một câu mật khẩu đủ dài")
    assert membership.user.has_perm("wagtailadmin.access_admin")
    assert entries("ttdn.org.staff.created").filter(object_id=str(membership.user_id)).exists()
    created = entries("ttdn.org.staff.created").get(object_id=str(membership.user_id))
    assert "password" not in created.data["after"]


def test_weak_password_is_refused_and_nothing_saved(world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    with pytest.raises(OrgError):
        services.staff_create(
            username="camtan.yeu", family_name="A", given_name="B", email="",
            password="ubndcamtan", role=Role.UNIT_MEMBER, unit=world["cam-tan"]["village"],
            actor=officer,
        )
    assert not Membership.objects.filter(user__username="camtan.yeu").exists()


def test_only_platform_admin_creates_upper_level_accounts(world, admin_user):
    from ttdn.org.models import AdministrativeArea

    province = AdministrativeArea.objects.get(scheme="current", level="province", code=38)
    with pytest.raises(PermissionDeniedError):
        services.staff_create(
            username="tinh.x", family_name="A", given_name="B", email="",
            password="một câu mật khẩu đủ dài", role=Role.UPPER_LEVEL, area=province,
            actor=world["cam-tan"][Role.CHAIRMAN],
        )
    services.staff_create(
        username="tinh.y", family_name="A", given_name="B", email="",
        password="một câu mật khẩu đủ dài", role=Role.UPPER_LEVEL, area=province,
        actor=admin_user,
    )


def test_membership_cannot_move_to_another_commune(world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    membership = Membership.objects.get(user=world["cam-tan"][Role.UNIT_MEMBER])
    with pytest.raises(OrgError, match="cùng xã"):
        services.membership_update(membership=membership, actor=officer,
                                   unit=world["cam-thach"]["village"])


def test_locking_an_account_ends_its_sessions(world, client):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    village_head = world["cam-tan"][Role.UNIT_MEMBER]
    client.force_login(village_head)
    assert client.get("/admin/").status_code == 200
    membership = Membership.objects.get(user=village_head)
    services.staff_set_active(membership=membership, active=False, actor=officer)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert entries("ttdn.org.staff.locked").filter(object_id=str(village_head.pk)).exists()
