"""With DEBUG off, error pages are Vietnamese (English on request), show no trace, SQL or path,
and every server error is logged with the request id the response carries."""

import logging

import pytest
from django.test import Client

from ttdn.org.models import User

LEAKS = ("Traceback", "File \"", "/site-packages/", "SELECT ", "Exception", "emergency")


@pytest.mark.parametrize("language,heading", [("vi", "Không tìm thấy trang"),
                                               ("en", "Page not found")])
def test_not_found_page_in_each_language(db, language, heading):
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert heading in body
    assert not any(leak in body for leak in LEAKS)


def test_server_error_shows_no_trace_and_is_logged_with_request_id(world, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(is_superuser=True))
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/admin/failwhale/")  # Wagtail's deliberate error page
    assert response.status_code == 500
    body = response.content.decode()
    assert "Hệ thống đang gặp lỗi" in body
    assert not any(leak in body for leak in LEAKS)
    request_id = response["X-Request-ID"]
    assert any(getattr(record, "request_id", None) == request_id for record in caplog.records)
