"""Periodic reporting in a real browser (headless Chromium, demo data, gunicorn).

The village head of Thôn Mẫu Một starts her half-year report — one figure ("Nhiệm vụ đã hoàn
thành") is pre-filled from the task she recorded as done — types and closes the tab before the
autosave fires, comes back and finds her text; types while the server restarts (every save
refused), reloads, finds it restored from the browser and stored once the server answers; and
submits. The culture officer returns
it with a comment; she fixes it and submits again; the officer accepts it, generates the commune
report (the village's paragraph links back to her report), edits a paragraph and asks for
approval; the vice-chairman approves; the officer downloads the .docx and the PDF (rendered to
PNG and looked at) and sends the report up. The upper-level officer of the province sees the
commune's report as sent, opens it, and gets the roll-up with the village's figures.
"""

import datetime
import io
import json
import subprocess
import time
import zipfile

import pytest
from playwright.sync_api import expect

from ttdn.plans import periods

from .conftest import SCREENSHOT_DIR, full_page_screenshot, open_page
from .test_journeys import assert_vietnamese_document, sign_in

pytestmark = pytest.mark.e2e

DONE_TEXT = "Tổ chức 2 buổi tuyên truyền về Kết luận 57-KL/TW tại nhà văn hóa thôn, 160 lượt người"
TYPED_BEFORE_CLOSING = "Loa truyền thanh thôn hỏng 2 cụm, chưa có kinh phí thay."
TYPED_DURING_RESTART = "Đề nghị xã hỗ trợ kinh phí thay 2 cụm loa truyền thanh."
FIXED_TEXT = DONE_TEXT + " (kèm danh sách người tham dự)."
EDITED = "Ủy ban nhân dân xã đánh giá các đơn vị đã chủ động triển khai nhiệm vụ."


def _clean(page, page_log, where):
    page.wait_for_load_state("networkidle")
    violations = page_log.take_csp()
    assert not violations, f"{where}: CSP violations: {violations}"
    assert not page_log.page_errors, f"{where}: page errors: {page_log.page_errors}"
    assert_vietnamese_document(page)


def _no_errors(page, where):
    errors = page.locator(".error-message:not([hidden]), .help-critical, .messages .error")
    assert errors.count() == 0, f"{where}: {errors.all_inner_texts()}"


def _saved(page):
    expect(page.locator("[data-ttdn-save-status]")).to_contain_text("Đã lưu lúc", timeout=15000)


def _post(page, selector):
    with page.expect_navigation():
        page.locator(selector).click()


def test_unit_report_to_commune_report_to_upper_level(browser, base_url, page, page_log,
                                                      tmp_path):
    period = periods.period_of(datetime.date.today(), "half_year").key

    # 1. The village head starts her report from "Báo cáo của đơn vị tôi".
    sign_in(page, "camtan.thon1")
    page.goto("/admin/reports/mine/")
    _clean(page, page_log, "my reports")
    row = page.locator("tr", has=page.locator("td", has_text="Thôn Mẫu Một")).first
    with page.expect_navigation():
        row.get_by_role("button", name="Lập báo cáo").click()
    report_url = page.url
    _clean(page, page_log, "unit report")
    prefilled = page.locator("tr[data-ttdn-figure=nhiem-vu-hoan-thanh]")
    expect(prefilled.locator("[data-ttdn-system-figure]")).to_be_visible()
    # The tasks of Thôn Mẫu Một recorded as done this period (the demo's one, and any another
    # journey of this session marked done before this one ran).
    assert int(prefilled.locator("input").first.input_value()) >= 1
    done_task = page.locator("[data-ttdn-task]").first
    done_task.locator("textarea").fill(DONE_TEXT)
    _saved(page)

    # 2. She types a difficulty and closes the tab before the autosave fires; back, it is there.
    context = page.context
    page.locator("textarea[name=difficulties]").fill(TYPED_BEFORE_CLOSING)
    page.close()
    page = context.new_page()
    page.goto(report_url)
    assert page.locator("textarea[name=difficulties]").input_value() == TYPED_BEFORE_CLOSING

    # 3. The server restarts (every save is refused) while she types a proposal: the text
    # waits in the browser, survives a reload, and is stored once the server answers again.
    context.route("**/autosave/", lambda route: route.abort("connectionrefused"))
    page.locator("textarea[name=proposals]").fill(TYPED_DURING_RESTART)
    expect(page.locator("[data-ttdn-save-status]")).to_contain_text("Chưa lưu được",
                                                                      timeout=15000)
    assert TYPED_DURING_RESTART not in _stored(page, report_url)
    page.reload()
    expect(page.locator("[data-ttdn-restored]")).to_contain_text("Đã khôi phục")
    assert page.locator("textarea[name=proposals]").input_value() == TYPED_DURING_RESTART
    context.unroute("**/autosave/")
    page.reload()
    deadline = time.monotonic() + 20
    while TYPED_DURING_RESTART not in _stored(page, report_url):
        assert time.monotonic() < deadline, "the restored text never reached the server"
        page.wait_for_timeout(500)
    full_page_screenshot(page, "reports-1-unit-report")
    _post(page, "button[data-ttdn-submit] >> nth=0")
    _no_errors(page, "submit")
    assert "Đã gửi" in page.locator("main").inner_text()
    _clean(page, page_log, "submitted")

    # 4. The culture officer returns it with a comment.
    officer_context, officer = open_page(browser, base_url, page_log)
    try:
        sign_in(officer, "camtan.vanhoa")
        officer.goto("/admin/reports/")
        officer.locator(f"a[href^='/admin/reports/rounds/']:has-text('{_round_words(period)}')"
                        ).first.click()
        officer.wait_for_load_state("networkidle")
        round_url = officer.url
        _clean(officer, page_log, "round")
        village = officer.locator("tr", has=officer.locator("td", has_text="Thôn Mẫu Một"))
        village.locator("details.ttdn-rp-return summary").click()
        village.locator("textarea[name$=comment]").fill("Đề nghị ghi rõ có danh sách người dự.")
        with officer.expect_navigation():
            village.get_by_role("button", name="Trả lại báo cáo").click()
        _no_errors(officer, "return")

        # 5. The village head sees the comment, fixes the text and submits again.
        page.goto(report_url)
        expect(page.locator("[data-ttdn-return-comment]")).to_contain_text("danh sách người dự")
        page.locator("[data-ttdn-task]").first.locator("textarea").fill(FIXED_TEXT)
        _saved(page)
        _post(page, "button[data-ttdn-submit] >> nth=0")
        _no_errors(page, "second submit")

        # 6. The officer accepts it and generates the commune report.
        officer.goto(round_url)
        village = officer.locator("tr", has=officer.locator("td", has_text="Thôn Mẫu Một"))
        with officer.expect_navigation():
            village.get_by_role("button", name="Tiếp nhận").click()
        _no_errors(officer, "accept")
        with officer.expect_navigation():
            officer.get_by_role("button", name="Tổng hợp").first.click()
        _no_errors(officer, "draft")
        commune_url = officer.url
        _clean(officer, page_log, "commune report")
        source = officer.locator("a[data-ttdn-source=unit]", has_text="Thôn Mẫu Một").first
        assert source.get_attribute("href") in report_url
        assert officer.locator("textarea", has_text="kèm danh sách người tham dự").count() == 1
        officer.locator("textarea[name='block.summary']").fill(EDITED)
        _post(officer, "button[name=action][value=save]")
        _no_errors(officer, "save")
        _post(officer, "button[name=action][value=request_approval]")
        _no_errors(officer, "request approval")
        full_page_screenshot(officer, "reports-2-commune-report")

        # 7. The vice-chairman approves.
        chair_context, chair = open_page(browser, base_url, page_log)
        try:
            sign_in(chair, "camtan.phochutich")
            chair.goto(commune_url)
            _clean(chair, page_log, "approval")
            _post(chair, "[data-ttdn-approve] button:has-text('Duyệt') >> nth=0")
            _no_errors(chair, "approve")
        finally:
            chair_context.close()

        # 8. The officer downloads the .docx and the PDF, then sends the report up.
        officer.goto(commune_url)
        docx = _download(officer, "docx", tmp_path)
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            xml = archive.read("word/document.xml").decode()
        assert "BÁO CÁO" in xml and EDITED in xml and "kèm danh sách người tham dự" in xml
        pdf = _download(officer, "pdf", tmp_path)
        assert pdf.startswith(b"%PDF")
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf,
                              capture_output=True, check=True).stdout.decode()
        assert "BÁO CÁO" in text and "KT. CHỦ TỊCH" in text and "Hoàng Thị Hợp" in text
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        (tmp_path / "bao-cao.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                        str(tmp_path / "bao-cao.pdf"), str(SCREENSHOT_DIR / "reports-3-pdf")],
                       check=True)
        _post(officer, "button:has-text('Gửi cấp trên')")
        _no_errors(officer, "send")
        assert "Đã gửi cấp trên" in officer.locator("main").inner_text()
    finally:
        officer_context.close()

    # 9. The province's officer sees the report as sent, opens it, and gets the roll-up.
    upper_context, upper = open_page(browser, base_url, page_log)
    try:
        sign_in(upper, "tinh.vanhoa")
        upper.goto(f"/admin/reports/upper/?period={period}")
        _clean(upper, page_log, "upper overview")
        row = upper.locator("tr", has=upper.locator("td", has_text="Cẩm Tân"))
        expect(row).to_contain_text("Đã gửi")
        with upper.expect_navigation():
            row.locator("a[href^='/admin/reports/commune-reports/']").click()
        expect(upper.locator("main")).to_contain_text("kèm danh sách người tham dự")
        upper.goto(f"/admin/reports/upper/rollup/?period={period}")
        _clean(upper, page_log, "roll-up")
        body = upper.locator("main").inner_text()
        assert "Cẩm Tân" in body and "Nhiệm vụ đã hoàn thành" in body
        full_page_screenshot(upper, "reports-4-rollup")
    finally:
        upper_context.close()


def _stored(page, report_url: str) -> str:
    """What the server has stored of the report (the autosave endpoint's GET), as text."""
    response = page.request.get(report_url.rstrip("/") + "/autosave/")
    assert response.ok, response.status
    return json.dumps(response.json(), ensure_ascii=False)


def _round_words(period: str) -> str:
    """The start of the round's title as the index shows it ("Báo cáo 6 tháng cuối năm")."""
    label = periods.by_key(period).label
    return "Báo cáo " + label[0].lower() + label[1:]


def _download(page, fmt: str, tmp_path) -> bytes:
    with page.expect_download() as info:
        page.locator(f"a[data-ttdn-file={fmt}]").click()
    path = tmp_path / f"download.{fmt}"
    info.value.save_as(path)
    return path.read_bytes()
