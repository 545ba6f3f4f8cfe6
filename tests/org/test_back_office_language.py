"""The back office is Vietnamese whatever language the browser asks for; an officer who chose
English in her admin profile gets English. The public side still follows the browser (see
tests/core/test_error_pages.py)."""

from django.test import Client
from wagtail.users.models import UserProfile

from ttdn.org.models import Role


def test_sign_in_page_is_vietnamese_for_a_browser_asking_for_english(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/admin/login/")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập" in body
    assert "Sign in" not in body


def test_dashboard_follows_the_profile_not_the_browser(world):
    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    client.force_login(officer)
    body = client.get("/admin/").content.decode()
    assert 'lang="vi"' in body
    assert "Trang tổng quan" in body

    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "en"
    profile.save()
    body = Client(HTTP_ACCEPT_LANGUAGE="vi").get("/admin/login/").content.decode()
    assert "Đăng nhập" in body  # before signing in nobody is known
    body = client.get("/admin/").content.decode()
    assert 'lang="en"' in body
    assert "Dashboard" in body
