"""The false-information desk in a real browser (headless Chromium, demo data, gunicorn).

A resident of Cẩm Tân reports a rumour with a screenshot on her commune's site and gets a
receipt; a resident of Cẩm Thạch reports a reworded version on his commune's site and it joins
the same case. The culture officer of Cẩm Tân triages, assigns, records the verdict and
publishes the clarification (Vietnamese and English); the first resident's status page shows
it. The officer escalates the case to the commune police; the police officer downloads the
sealed evidence package as PDF (rendered to PNG for a look); `ttdn evidence verify` passes on
it and fails once one byte is changed. No page error, no CSP violation.
"""

import io
import re
import subprocess
import time

import pytest
from PIL import Image
from playwright.sync_api import expect

from .conftest import SCREENSHOT_DIR, TTDN, full_page_screenshot, open_page
from .test_journeys import assert_vietnamese_document, sign_in

pytestmark = pytest.mark.e2e

RUMOUR = ("Nghe nói trạm bơm thôn Mẫu Hai bị vỡ đường ống, nước sinh hoạt nhiễm bẩn, cả thôn "
          "phải mua nước đóng chai từ ngày 12/11/2026.")
REWORDED = ("Tram bom thon Mau Hai vo duong ong, nuoc sinh hoat nhiem ban, ca thon phai mua "
            "nuoc dong chai tu ngay 12/11/2026!!! 😱 #chiase")
RECEIPT = re.compile(r"TT-[A-Z0-9]{5}-[A-Z0-9]{5}")
TIME_TRAP_SECONDS = 3.5  # the form refuses a submission faster than a person types


def _clean(page, page_log, where):
    page.wait_for_load_state("networkidle")
    violations = page_log.take_csp()
    assert not violations, f"{where}: CSP violations: {violations}"
    assert not page_log.page_errors, f"{where}: page errors: {page_log.page_errors}"
    assert_vietnamese_document(page)


def _screenshot_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (360, 640), (240, 240, 255)).save(buffer, format="PNG")
    return buffer.getvalue()


def _file_tip(page, url, text, *, link=None, screenshot=False) -> str:
    page.goto(url)
    form = page.locator("form.tip-form")
    form.locator("textarea[name=text]").fill(text)
    if link:
        form.locator("[name=links]").fill(link)
    if screenshot:
        form.locator("input[name=files]").set_input_files(
            {"name": "anh-chup.png", "mimeType": "image/png", "buffer": _screenshot_png()}
        )
    form.locator("select[name=platform]").select_option("facebook")
    time.sleep(TIME_TRAP_SECONDS)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    code = page.locator(".receipt-code").inner_text().strip()
    assert RECEIPT.fullmatch(code), code
    return code


def _act(page, action, **fields):
    """Fill and submit one action form of the case page."""
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    form = page.locator(f"form[data-ttdn-action={action}]")
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        tag = field.evaluate("(el) => el.tagName.toLowerCase()")
        if tag == "select" and isinstance(value, dict):
            field.select_option(**value)
        elif tag == "select":
            field.select_option(value)
        elif field.get_attribute("type") == "checkbox":
            field.set_checked(bool(value))
        else:
            field.fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    errors = page.locator(".error-message, .help-critical, .messages .error")
    assert errors.count() == 0, f"{action}: {errors.all_inner_texts()}"


def test_tip_to_clarification_and_evidence_package(
    browser, base_url, server, page, page_log, tmp_path
):
    port = server.port
    # 1. A resident of Cẩm Tân reports the rumour, with a screenshot.
    first = _file_tip(page, "/bao-tin-sai-su-that/", RUMOUR, screenshot=True,
                      link="https://www.facebook.com/mau.nhom/posts/77?fbclid=abc")
    _clean(page, page_log, "receipt")
    full_page_screenshot(page, "cases-1-receipt")

    # 2. A resident of Cẩm Thạch reports a reworded version on his commune's site.
    other_context, other = open_page(browser, base_url, page_log)
    try:
        second = _file_tip(other, f"http://camthach.localhost:{port}/bao-tin-sai-su-that/",
                           REWORDED)
        _clean(other, page_log, "receipt in Cẩm Thạch")
    finally:
        other_context.close()
    assert second != first

    # 3. The culture officer finds one case with both tips, and runs it to a clarification.
    officer_context, officer = open_page(browser, base_url, page_log)
    try:
        sign_in(officer, "camtan.vanhoa")
        officer.goto(f"/admin/cases/?q={first}")
        officer.locator("table a[href^='/admin/cases/']").first.click()
        officer.wait_for_load_state("networkidle")
        case_url = officer.url
        body = officer.locator("main").inner_text()
        assert "2 tin báo, 2 xã" in body, body[:2000]
        _clean(officer, page_log, "case page")
        _act(officer, "triage", category="false", severity="high")
        _act(officer, "assign", lead_unit={"label": "Thôn Mẫu Hai"})
        _act(officer, "verify")
        _act(officer, "note", kind="check", text="Đã kiểm tra trạm bơm cùng trưởng thôn.")
        _act(officer, "verdict", verdict="false",
             summary="Trạm bơm hoạt động bình thường, nước đạt chuẩn.")
        _act(officer, "clarification",
             title="Thông tin trạm bơm thôn Mẫu Hai bị vỡ là sai sự thật",
             body="UBND xã đã kiểm tra: trạm bơm hoạt động bình thường, nước đạt chuẩn.",
             title_en="The claim that the Mẫu Hai pumping station burst is false",
             body_en="The commune checked: the station works normally; the water is safe.")
        _act(officer, "respond", radio=True)
        expect(officer.locator("main")).to_contain_text("Đã phản hồi")
        _clean(officer, page_log, "case responded")
        full_page_screenshot(officer, "cases-2-officer-responded")

        # 4. The first resident's status page shows the clarification.
        page.goto(f"/bao-tin-sai-su-that/tra-cuu/{first}/")
        expect(page.locator("#clarification-title")).to_contain_text("sai sự thật")
        _clean(page, page_log, "status page")
        full_page_screenshot(page, "cases-3-status")

        # 5. The officer hands the case to the commune police.
        officer.goto(case_url)
        _act(officer, "escalate", reason="Bài đăng lan truyền, cần đề nghị gỡ bỏ.")
    finally:
        officer_context.close()

    # 6. The police officer downloads the sealed evidence package as PDF.
    police_context, police = open_page(browser, base_url, page_log)
    try:
        sign_in(police, "camtan.congan")
        police.goto(case_url)
        _clean(police, page_log, "police case page")
        with police.expect_download() as download_info:
            police.locator("a[href$='/evidence/pdf/']").click()
        package = tmp_path / download_info.value.suggested_filename
        download_info.value.save_as(package)
    finally:
        police_context.close()
    assert package.suffix == ".pdf" and package.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(package), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "GÓI CHỨNG CỨ" in text and "trạm bơm" in text and first in text
    png = tmp_path / "goi"
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(package),
                    str(png)], check=True)
    rendered = next(tmp_path.glob("goi*.png"))
    with Image.open(rendered) as image:
        assert image.width > 300
        image.save(SCREENSHOT_DIR / "cases-4-package.png")

    # 7. `ttdn evidence verify` passes on it, and fails after one byte is changed.
    verify = [str(TTDN), "evidence", "verify", str(package)]
    ok = subprocess.run(verify, env=server.env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "HỢP LỆ" in ok.stdout
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0x01
    package.write_bytes(bytes(data))
    broken = subprocess.run(verify, env=server.env, capture_output=True, text=True)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "KHÔNG HỢP LỆ" in broken.stdout + broken.stderr
