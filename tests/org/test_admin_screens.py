"""The organisation screens: form errors in Vietnamese, mass assignment, dashboard panel."""

from django.urls import reverse

from ttdn.org.models import Membership, Role, Unit


def test_duplicate_unit_name_is_a_clear_form_error_and_keeps_input(world, client):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    client.force_login(officer)
    response = client.post(reverse("units:add"), {
        "commune": world["cam-tan"]["commune"].pk, "name": "THÔN MỘT", "kind": "village",
        "is_active": "on",
    })
    body = response.content.decode()
    assert response.status_code == 200
    assert "Xã này đã có một đơn vị cùng tên." in body
    assert 'value="THÔN MỘT"' in body
    assert Unit.objects.filter(commune=world["cam-tan"]["commune"]).count() == 2


def test_unit_cannot_be_created_in_another_commune_by_posting_its_id(world, client):
    client.force_login(world["cam-tan"][Role.CULTURE_OFFICER])
    response = client.post(reverse("units:add"), {
        "commune": world["cam-thach"]["commune"].pk, "name": "Thôn Xâm Nhập", "kind": "village",
    })
    assert response.status_code == 200
    assert not Unit.objects.filter(name="Thôn Xâm Nhập").exists()


def test_extra_post_fields_change_nothing(world, client):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    village = world["cam-tan"]["village"]
    client.force_login(officer)
    client.post(reverse("units:edit", args=[village.pk]), {
        "commune": world["cam-thach"]["commune"].pk, "name": "Thôn Một", "kind": "village",
        "is_active": "on", "is_sample": "on", "created_at": "2000-01-01", "id": 999,
    })
    village.refresh_from_db()
    assert village.commune == world["cam-tan"]["commune"]
    assert not village.is_sample and village.pk != 999
    seat = Membership.objects.get(user=world["cam-tan"][Role.UNIT_MEMBER])
    client.post(reverse("staff:edit", args=[seat.pk]), {
        "unit": village.pk, "role": "unit_member", "is_active": "on",
        "is_staff": "on", "is_superuser": "on", "user": officer.pk,
    })
    seat.refresh_from_db()
    assert seat.user == world["cam-tan"][Role.UNIT_MEMBER]
    assert not seat.user.is_superuser and not seat.user.is_staff


def test_staff_create_screen_makes_an_account(world, client):
    client.force_login(world["cam-tan"][Role.OFFICE_STAFF])
    response = client.post(reverse("staff:add"), {
        "family_name": "Hà Văn", "given_name": "Nam", "username": "camtan.thon2",
        "email": "", "password": "một câu mật khẩu đủ dài",
        "unit": world["cam-tan"]["village"].pk, "role": "unit_member",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Membership.objects.get(user__username="camtan.thon2").unit == world["cam-tan"]["village"]


def test_staff_create_weak_password_is_a_form_error(world, client):
    client.force_login(world["cam-tan"][Role.OFFICE_STAFF])
    response = client.post(reverse("staff:add"), {
        "family_name": "Hà Văn", "given_name": "Nam", "username": "camtan.thon3",
        "email": "", "password": "123", "unit": world["cam-tan"]["village"].pk,
        "role": "unit_member",
    })
    assert response.status_code == 200
    assert "camtan.thon3" in response.content.decode()  # what was typed is kept
    assert not Membership.objects.filter(user__username="camtan.thon3").exists()


def test_dashboard_shows_commune_unit_and_role(world, client):
    client.force_login(world["cam-tan"][Role.CULTURE_OFFICER])
    body = client.get("/admin/").content.decode()
    assert "Xã Cẩm Tân" in body
    assert "Công chức Văn hóa – Xã hội" in body
    assert "Quản lý các đơn vị của xã" in body


def test_village_head_dashboard_offers_no_management(world, client):
    client.force_login(world["cam-tan"][Role.UNIT_MEMBER])
    body = client.get("/admin/").content.decode()
    assert "Thôn Một" in body and "Cán bộ đơn vị, thôn" in body
    assert "Quản lý các đơn vị của xã" not in body


def test_listing_filters_name_no_other_commune(world, client):
    client.force_login(world["cam-tan"][Role.CULTURE_OFFICER])
    for url in (reverse("units:index"), reverse("staff:index")):
        body = client.get(url).content.decode()
        assert "Cẩm Tân" in body and "Cẩm Thạch" not in body, url


def test_screen_without_a_service_refuses_like_any_denial_not_a_server_error(
        world, admin_user, client):
    client.force_login(admin_user)
    commune = world["cam-thach"]["commune"]
    response = client.post(reverse("communes:delete", args=[commune.pk]), follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "không có quyền" in response.content.decode()
    assert type(commune).objects.filter(pk=commune.pk).exists()
    assert type(commune).objects.filter(pk=commune.pk).exists()
