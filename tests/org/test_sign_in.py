"""Sign-in: Vietnamese messages, lockout by user and address, two-factor with TOTP."""

import time

import pytest
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from tests.factories import DEFAULT_PASSWORD
from ttdn.org.models import Role


def login(client, username, password, address="203.0.113.7"):
    return client.post("/admin/login/", {"username": username, "password": password},
                       REMOTE_ADDR=address)


def test_wrong_password_and_unknown_user_get_the_same_vietnamese_message(world, client):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    wrong = login(client, officer.username, "sai-mật-khẩu").content.decode()
    unknown = login(client, "khong.ton.tai", "sai-mật-khẩu").content.decode()
    message = "Sai tên đăng nhập hoặc mật khẩu"
    assert message in wrong and message in unknown
    assert wrong.count(message) == unknown.count(message)


def test_five_failures_lock_the_user_from_that_address_with_a_vietnamese_page(world, client):
    officer = world["cam-tan"][Role.ACCOUNTANT]
    for _ in range(4):
        assert login(client, officer.username, "sai").status_code == 200
    locked = login(client, officer.username, "sai")
    assert locked.status_code == 429
    assert "quá nhiều lần" in locked.content.decode()
    # the right password is refused too while locked
    assert login(client, officer.username, DEFAULT_PASSWORD).status_code == 429
    # another address is not locked out of the same account (lockout is user + address)
    other_address = login(client, officer.username, DEFAULT_PASSWORD, address="198.51.100.9")
    assert other_address.status_code == 302


def test_lockout_cools_off(world, client, settings):
    from axes.models import AccessAttempt

    officer = world["cam-tan"][Role.POLICE]
    for _ in range(5):
        login(client, officer.username, "sai")
    assert login(client, officer.username, DEFAULT_PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time.replace(
        year=2020))
    assert login(client, officer.username, DEFAULT_PASSWORD).status_code == 302


def _code(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


@pytest.fixture
def officer_with_device(world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    device = TOTPDevice.objects.create(user=officer, name="TTĐN", confirmed=True)
    return officer, device


def test_enrolment_confirms_a_device_with_a_first_code(world, client):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    login(client, officer.username, DEFAULT_PASSWORD)
    page = client.get("/account/2fa/")
    assert page.status_code == 200 and "Bật xác thực hai lớp" in page.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    key = client.session["ttdn_pending_totp_key"]
    wrong = client.post("/account/2fa/", {"token": "000000"})
    assert "không đúng" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    device = TOTPDevice(key=key)
    assert client.post("/account/2fa/", {"token": _code(device)}).status_code == 302
    assert TOTPDevice.objects.get(user=officer).confirmed
    assert ModelLogEntry.objects.filter(action="ttdn.org.two_factor.enabled").exists()


def test_user_with_device_must_enter_a_code_and_a_code_works_once(officer_with_device, client):
    officer, device = officer_with_device
    login(client, officer.username, DEFAULT_PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/account/2fa/verify/" in response["Location"]
    code = _code(device)
    assert client.post("/account/2fa/verify/", {"token": code}).status_code == 302
    assert client.get("/admin/").status_code == 200
    # a second session cannot reuse the same code
    client.logout()
    login(client, officer.username, DEFAULT_PASSWORD)
    reused = client.post("/account/2fa/verify/", {"token": code})
    assert reused.status_code == 200 and "đã được dùng" in reused.content.decode()
    assert client.get("/admin/").status_code == 302


@override_settings(TTDN_REQUIRE_2FA=True)
@pytest.mark.parametrize("role,required", [(Role.CULTURE_OFFICER, True), (Role.CHAIRMAN, True),
                                           (Role.UNIT_MEMBER, False)])
def test_production_rule_requires_two_factor_for_leaders_and_culture_officer(
        world, client, role, required):
    user = world["cam-tan"][role]
    login(client, user.username, DEFAULT_PASSWORD)
    response = client.get("/admin/")
    if required:
        assert response.status_code == 302 and response["Location"].endswith("/account/2fa/")
    else:
        assert response.status_code == 200


def test_sign_in_is_audited_by_axes_with_address(world, client):
    from axes.models import AccessLog

    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    login(client, officer.username, DEFAULT_PASSWORD, address="192.0.2.55")
    assert AccessLog.objects.filter(username=officer.username, ip_address="192.0.2.55").exists()
