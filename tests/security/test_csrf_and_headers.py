"""CSRF on every internal URL, GETs that change nothing, security headers and cookies."""

import pytest
from django.apps import apps
from django.test import Client

from ttdn.org.models import Role

from .test_screen_access import _internal_urls

# Wagtail's deliberate error page (to test 500 handling) raises by design.
SKIP_PREFIXES = ("/admin/logout/", "/admin/failwhale/")


def row_counts():
    return {
        model._meta.db_table: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy
    }


def test_unsafe_methods_without_token_are_refused_everywhere(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["cam-tan"][Role.CULTURE_OFFICER])
    accepted = []
    for url in _internal_urls():
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(url)
            if response.status_code != 403:
                accepted.append(f"{method.upper()} {url} → {response.status_code}")
    assert not accepted, accepted


def test_get_changes_no_row_anywhere(world, client):
    client.force_login(world["cam-tan"][Role.CULTURE_OFFICER])
    client.get("/admin/")  # first visit creates the user's admin profile
    before = row_counts()
    for url in _internal_urls():
        if not url.startswith(SKIP_PREFIXES):
            client.get(url)
    after = row_counts()
    changed = {table: (before[table], after[table]) for table in before
               if before[table] != after[table] and table != "django_session"}
    assert not changed


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/", "/admin/units/", "/account/2fa/"])
def test_security_headers_on_internal_pages(world, client, path):
    client.force_login(world["cam-tan"][Role.CULTURE_OFFICER])
    response = client.get(path)
    assert response.status_code in (200, 302)
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    # Scripts only from our origin (plus a per-response nonce where a template asks for one).
    script_src = csp.split("script-src")[1].split(";")[0]
    assert script_src.startswith(" 'self'")
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Request-ID"]


def test_session_cookie_is_httponly_and_samesite(world, client):
    from tests.factories import DEFAULT_PASSWORD

    officer = world["cam-tan"][Role.CULTURE_OFFICER]
    response = client.post("/admin/login/", {"username": officer.username,
                                             "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    # the session key changes at sign-in (no fixation)
    assert cookie.value


def test_headers_on_every_internal_url(world, client):
    client.force_login(world["cam-tan"][Role.CULTURE_OFFICER])
    missing = []
    for url in _internal_urls():
        if url.startswith(SKIP_PREFIXES):
            continue
        response = client.get(url)
        checks = {
            "nosniff": response.get("X-Content-Type-Options") == "nosniff",
            "referrer": response.get("Referrer-Policy") == "same-origin",
            "no-store": "no-store" in response.get("Cache-Control", ""),
            "request id": bool(response.get("X-Request-ID")),
        }
        if response.get("Content-Type", "").startswith("text/html"):
            csp = response.get("Content-Security-Policy", "")
            checks["csp"] = "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
            checks["frame"] = response.get("X-Frame-Options") == "DENY"
        missing += [f"{url}: {name}" for name, ok in checks.items() if not ok]
    assert not missing, missing[:30]
