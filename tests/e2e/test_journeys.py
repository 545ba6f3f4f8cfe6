"""Key journeys of the back office in a real browser (headless Chromium, demo data).

1. The culture officer of Cẩm Tân signs in, sees her commune and unit, lists her units.
2. A village head cannot open the officer's screens nor any object of another commune.
3. Five wrong passwords lock the account, with a Vietnamese message that reveals nothing.
4. The key pages run without a single Content-Security-Policy violation.
"""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from .conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

CAM_TAN = "Cẩm Tân"
CAM_THACH = "Cẩm Thạch"
CULTURE_UNIT = "Công chức Văn hóa – Xã hội"
# Wagtail's own answer to a screen the role may not use is not a 403 page: it redirects (302) to
# the dashboard with an error message (wagtail.admin.auth.permission_denied; require_admin_access
# turns a PermissionDenied raised by a view into the same). The wording is the translators'; the
# message must speak of "quyền" (permission) in Vietnamese.
PERMISSION_WORD = "quyền"
OFFICER_SCREENS = ["/admin/units/", "/admin/staff/", "/admin/audit/"]
UNIT_ROWS = "main table.listing > tbody > tr"


# --------------------------------------------------------------------------- helpers


def path_of(page) -> str:
    return urlparse(page.url).path


def sign_in(page, username, password=DEMO_PASSWORD):
    """Fills the sign-in form (opening it if needed) and submits it."""
    if path_of(page) != "/admin/login/":
        page.goto("/admin/login/")
    form = page.locator("form.login-form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def login_error(page) -> str:
    errors = page.locator("main .messages li.error")
    expect(errors.first).to_be_visible()
    return " ".join(text.strip() for text in errors.all_inner_texts())


def unit_ids_linked(page) -> set[int]:
    hrefs = page.eval_on_selector_all(
        f"{UNIT_ROWS} a[href*='/admin/units/edit/']", "links => links.map(a => a.pathname)"
    )
    return {int(re.search(r"/edit/(\d+)/", href).group(1)) for href in hrefs}


def assert_vietnamese_document(page):
    lang = page.locator("html").get_attribute("lang") or ""
    assert lang.lower().startswith("vi"), f"{page.url}: html[lang]={lang!r}, expected vi"


def assert_permission_denied(page, base_url, path):
    """Wagtail's refusal: 302 back to the dashboard, which shows the permission message."""
    response = page.goto(path)
    redirect = response.request.redirected_from
    assert redirect is not None, (
        f"{path}: expected a redirect to the dashboard, got {response.status} at {page.url}"
    )
    assert redirect.url == base_url + path
    assert redirect.response().status == 302
    assert path_of(page) == "/admin/", f"{path} redirected to {page.url}, not the dashboard"
    assert response.status == 200
    message = page.locator(".messages li.error")
    expect(message).to_have_count(1)
    text = message.inner_text()
    assert PERMISSION_WORD in text.lower(), f"{path}: permission message is {text!r}"
    assert "permission" not in text.lower(), f"{path}: permission message in English: {text!r}"


# --------------------------------------------------------------------------- journey 1


def test_culture_officer_sees_her_commune_and_only_its_units(
    page, base_url, demo_units, screenshot, page_log
):
    response = page.goto("/admin/login/")
    assert response.status == 200
    assert_vietnamese_document(page)
    expect(page.locator("form.login-form")).to_contain_text("Tên đăng nhập")
    screenshot("01-login")

    sign_in(page, "camtan.vanhoa")
    assert path_of(page) == "/admin/", f"sign-in did not reach the dashboard: {page.url}"
    assert_vietnamese_document(page)
    seat = page.locator("section[data-ttdn-seat]")
    expect(seat).to_be_visible()
    expect(seat).to_contain_text("Vị trí công tác của bạn")
    membership = seat.locator("li[data-ttdn-membership]")
    expect(membership).to_have_count(1)
    expect(membership).to_contain_text(f"Xã {CAM_TAN}")
    expect(membership).to_contain_text(CULTURE_UNIT)
    screenshot("02-dashboard")

    response = page.goto("/admin/units/")
    assert response.status == 200, f"/admin/units/ answered {response.status}"
    assert_vietnamese_document(page)
    expect(page.locator(UNIT_ROWS)).to_have_count(len(demo_units[CAM_TAN]))
    screenshot("03-units")
    linked = unit_ids_linked(page)
    assert linked == set(demo_units[CAM_TAN].values()), "the list is not exactly Cẩm Tân's units"
    assert not linked & set(demo_units[CAM_THACH].values())
    communes_in_rows = set(page.locator(f"{UNIT_ROWS} > td:nth-child(3)").all_inner_texts())
    assert {text.strip() for text in communes_in_rows} == {f"Xã {CAM_TAN}"}
    commune_filter = page.locator("[aria-controls='drilldown-id_commune']")
    if commune_filter.count():  # open the "Xã" filter, so that the shot shows its choices
        page.locator("header button.w-dropdown__toggle").first.click()
        commune_filter.click()
        screenshot("04-units-commune-filter")
    # Nothing of the other commune anywhere on the screen (rows, filters, menus).
    html = page.content()
    where = html.find(CAM_THACH)
    assert where < 0, (
        f"/admin/units/ names the other commune ({CAM_THACH}) to a {CAM_TAN} officer: "
        f"…{html[max(0, where - 100) : where + 40]}…"
    )
    assert not page_log.page_errors, page_log.page_errors


def test_login_and_back_office_show_no_english_leftovers(page, screenshot):
    """The back office is in Vietnamese: none of Wagtail's English strings on the key screens."""
    english = {
        "/admin/login/": ["Sign in", "Password", "Forgotten password?", "Remember me"],
        "/admin/": ["Reports", "Help", "editor guide"],
        "/admin/units/": ["Is active", "Is sample", "Page 1 of"],
    }
    found = {}
    page.goto("/admin/login/")
    screenshot("01-login")
    found["/admin/login/"] = [
        s
        for s in english["/admin/login/"]
        if s in page.locator("body").inner_text() or s in page.title()
    ]
    sign_in(page, "camtan.vanhoa")
    for path, step in (("/admin/", "02-dashboard"), ("/admin/units/", "03-units")):
        if path_of(page) != path:
            page.goto(path)
        screenshot(step)
        text = page.locator("body").inner_text()
        found[path] = [s for s in english[path] if s in text]
    found = {path: strings for path, strings in found.items() if strings}
    assert not found, f"English text on Vietnamese screens: {found}"


# --------------------------------------------------------------------------- journey 2


def test_village_head_cannot_open_officer_screens_nor_other_commune(
    page, base_url, demo_units, screenshot
):
    sign_in(page, "camtan.thon1")
    assert path_of(page) == "/admin/"
    membership = page.locator("section[data-ttdn-seat] li[data-ttdn-membership]")
    expect(membership).to_contain_text("Thôn Mẫu Một")
    expect(membership).to_contain_text("Cán bộ đơn vị, thôn")
    # The officer's screens are not offered to her in the menu.
    for path in OFFICER_SCREENS:
        expect(page.locator(f"#wagtail-sidebar a[href='{path}']")).to_have_count(0)
    screenshot("01-dashboard")

    for number, path in enumerate(OFFICER_SCREENS, start=2):
        assert_permission_denied(page, base_url, path)
        screenshot(f"{number:02d}-refused-{path.strip('/').split('/')[-1]}")

    other_unit = demo_units[CAM_THACH][CULTURE_UNIT]
    response = page.goto(f"/admin/units/edit/{other_unit}/")
    screenshot("05-other-commune-unit")
    assert response.status == 404, (
        f"/admin/units/edit/{other_unit}/ (a unit of {CAM_THACH}) answered {response.status} "
        f"at {page.url} for a village head of {CAM_TAN}; expected 404"
    )


def test_culture_officer_gets_404_for_objects_of_other_commune(page, demo_units, screenshot):
    sign_in(page, "camtan.vanhoa")
    assert path_of(page) == "/admin/"
    own_unit = demo_units[CAM_TAN][CULTURE_UNIT]
    other_unit = demo_units[CAM_THACH][CULTURE_UNIT]

    response = page.goto(f"/admin/units/edit/{own_unit}/")
    assert response.status == 200, f"her own unit's edit page answered {response.status}"

    for path in (f"/admin/units/edit/{other_unit}/", f"/admin/units/delete/{other_unit}/"):
        response = page.goto(path)
        assert response.status == 404, f"{path} answered {response.status}, expected 404"
        assert response.request.redirected_from is None
    assert_vietnamese_document(page)
    screenshot("01-other-commune-unit-404")
    # No difference between "exists elsewhere" and "does not exist".
    missing = max(pk for units in demo_units.values() for pk in units.values()) + 1000
    assert page.goto(f"/admin/units/edit/{missing}/").status == 404


# --------------------------------------------------------------------------- journey 3


def test_five_wrong_passwords_lock_the_account(page, screenshot):
    username = "camtan.ketoan"  # used by no other journey: its lockout affects nobody else

    sign_in(page, username, "sai-mat-khau-1")
    assert path_of(page) == "/admin/login/"
    assert_vietnamese_document(page)
    error_for_existing_user = login_error(page)
    screenshot("01-wrong-password")
    assert "mật khẩu" in error_for_existing_user.lower(), error_for_existing_user
    for english in ("didn't match", "Please", "password"):
        assert english not in error_for_existing_user, error_for_existing_user

    sign_in(page, "khong.ton.tai", "sai-mat-khau-1")
    assert path_of(page) == "/admin/login/"
    error_for_unknown_user = login_error(page)
    screenshot("02-unknown-user")
    assert error_for_unknown_user == error_for_existing_user, (
        "the error tells an unknown user apart from a wrong password: "
        f"{error_for_unknown_user!r} != {error_for_existing_user!r}"
    )

    for attempt in range(2, 5):
        sign_in(page, username, f"sai-mat-khau-{attempt}")
        assert path_of(page) == "/admin/login/"
        expect(page.locator("[data-ttdn-lockout]")).to_have_count(0)
        assert login_error(page) == error_for_existing_user

    with page.expect_response(lambda r: r.request.method == "POST") as post:
        sign_in(page, username, "sai-mat-khau-5")
    assert post.value.status >= 400, f"the fifth failure answered {post.value.status}"
    lockout = page.locator("[data-ttdn-lockout]")
    expect(lockout).to_be_visible()
    expect(lockout).to_contain_text("quá nhiều lần")
    assert_vietnamese_document(page)
    screenshot("03-locked")

    page.goto("/admin/login/")
    with page.expect_response(lambda r: r.request.method == "POST") as post:
        sign_in(page, username, DEMO_PASSWORD)
    assert post.value.status >= 400, "the right password was accepted during the lockout"
    expect(page.locator("[data-ttdn-lockout]")).to_contain_text("quá nhiều lần")
    screenshot("04-right-password-refused")
    page.goto("/admin/")
    assert path_of(page) == "/admin/login/", f"signed in despite the lockout: {page.url}"


# --------------------------------------------------------------------------- journey 4


def test_key_pages_have_no_csp_violations(page, demo_units, page_log, screenshot):
    own_unit = demo_units[CAM_TAN][CULTURE_UNIT]
    violations = {}

    page.goto("/admin/login/", wait_until="networkidle")
    screenshot("01-login")
    violations["/admin/login/"] = page_log.take_csp()

    sign_in(page, "camtan.vanhoa")
    page.wait_for_load_state("networkidle")
    assert path_of(page) == "/admin/"
    screenshot("02-dashboard")
    violations["/admin/"] = page_log.take_csp()

    for path, step in (
        ("/admin/units/", "03-units"),
        (f"/admin/units/edit/{own_unit}/", "04-unit-edit"),
    ):
        response = page.goto(path, wait_until="networkidle")
        assert response.status == 200, f"{path} answered {response.status}"
        screenshot(step)
        violations[path] = page_log.take_csp()

    violations = {path: found for path, found in violations.items() if found}
    assert not violations, f"CSP violations: {violations}"
