"""Who sees which communes: members see theirs, the upper level sees those of its area."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from ttdn.org import selectors, services
from ttdn.org.models import AdministrativeArea, Role
from ttdn.org.scope import scope_of


def upper(admin_user, username, **area):
    return services.staff_create(
        username=username, family_name="Cán bộ", given_name="Trên", email="",
        password="một câu mật khẩu đủ dài", role=Role.UPPER_LEVEL,
        area=AdministrativeArea.objects.get(**area), actor=admin_user,
    ).user


def test_members_see_only_their_commune(world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    assert list(selectors.commune_list_visible_to(user=officer)) == [world["cam-tan"]["commune"]]
    assert {u.commune_id for u in selectors.unit_list_visible_to(user=officer)} == {
        world["cam-tan"]["commune"].pk}


def test_province_officer_sees_every_commune_of_the_province(world, admin_user):
    officer = upper(admin_user, "tinh.a", scheme="current", level="province", code=38)
    assert set(scope_of(officer).commune_ids) == {world["cam-tan"]["commune"].pk,
                                                   world["cam-thach"]["commune"].pk}


def test_legacy_district_officer_sees_the_communes_carried_over_from_it(world, admin_user):
    cam_tan = world["cam-tan"]["commune"]
    cam_tan.legacy_area = AdministrativeArea.objects.get(scheme="legacy", level="commune",
                                                         code=15178)
    cam_tan.save()
    officer = upper(admin_user, "huyen.camthuy", scheme="legacy", level="district", code=390)
    assert scope_of(officer).commune_ids == frozenset({cam_tan.pk})


def test_current_commune_knows_the_legacy_communes_it_was_merged_from(db):
    cam_tan = AdministrativeArea.objects.get(scheme="current", level="commune", code=15178)
    assert {a.name for a in cam_tan.legacy_sources.all()} == {"Xã Cẩm Long", "Xã Cẩm Tân",
                                                              "Xã Cẩm Phú"}
    assert cam_tan.parent.name == "Tỉnh Thanh Hóa"


def test_inactive_seat_grants_nothing(world):
    from ttdn.org.models import Membership

    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    Membership.objects.filter(user=officer).update(is_active=False)
    assert scope_of(officer).commune_ids == frozenset()


def test_list_selectors_use_a_fixed_number_of_queries(world, django_assert_num_queries):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    with django_assert_num_queries(2):  # the user's seats, then the units
        list(selectors.unit_list_visible_to(user=officer))


@pytest.mark.nodb
def test_password_rules():
    from django.conf import settings

    from ttdn.config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert settings.AUTH_PASSWORD_VALIDATORS == base.AUTH_PASSWORD_VALIDATORS
    validate_password("một câu thật dài " * 4)  # 64+ characters, no composition rules
    for weak in ("ubndcamtan", "camtan2026", "12345678901"):
        with pytest.raises(ValidationError):
            validate_password(weak)


def test_units_are_listed_in_vietnamese_alphabetical_order(world):
    from ttdn.org.models import Unit, UnitKind

    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    commune = world["cam-tan"]["commune"]
    for name in ("Văn phòng HĐND-UBND", "Đài truyền thanh xã", "Ban Chỉ huy Quân sự xã"):
        services.unit_create(commune=commune, name=name, kind=UnitKind.OFFICE, actor=officer)
    names = list(Unit.objects.filter(commune=commune).values_list("name", flat=True))
    assert names.index("Đài truyền thanh xã") < names.index("Thôn Một")
    assert names.index("Ban Chỉ huy Quân sự xã") < names.index("Đài truyền thanh xã")
    assert names.index("Thôn Một") < names.index("Văn phòng HĐND-UBND")
