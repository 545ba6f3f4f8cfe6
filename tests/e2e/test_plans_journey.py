"""The plan journey in a real browser (headless Chromium, demo data).

The culture officer of Cẩm Tân imports the seed plan from its .txt file (upload → preview with
the importer's warnings → confirm) and lands on the plan overview, with tasks under each unit.
The head of "Thôn Mẫu Một", in her own browser context, finds her village's tasks, adds a PDF
as evidence to one of them and marks it done. The officer reloads the overview: the overall
progress went up; the .docx export opens in python-docx. No page error, no CSP violation.
"""

import io
import re

import docx
import pytest
from PIL import Image
from playwright.sync_api import expect

from .conftest import DEMO_PASSWORD, REPO_ROOT, full_page_screenshot, open_page
from .test_journeys import assert_vietnamese_document, path_of, sign_in

pytestmark = pytest.mark.e2e

SEED_FILE = REPO_ROOT / "src/ttdn/plans/seeds/ke-hoach-thuc-hien-57-KL-TW-cam-tan.txt"
OFFICER = "camtan.vanhoa"
VILLAGE_HEAD = "camtan.thon1"
VILLAGE = "Thôn Mẫu Một"
SEED_GROUPS = 7  # "V. TỔ CHỨC THỰC HIỆN" assigns work to seven groups of units
UNITS_WITH_TASKS = [VILLAGE, "Công an xã", "Đài truyền thanh xã"]
# What the preview's warnings must show of the seed's defects: the misspelt unit ("Đòi truyền
# thanh xã" read as "Đài truyền thanh xã") or a word split by a page break joined again
# ("“Cẩm” / “Tân”").
MISSPELT_UNIT = "Đòi truyền thanh"
JOINED_WORD = re.compile(r"“\w+” / “\w+”")
ENGLISH_LEFTOVERS = ("Preview", "Confirm", "Upload", "Progress", "Evidence", "Status", "Choose",
                     "Download", "Save", "Submit", "No file chosen")


# --------------------------------------------------------------------------- helpers


def _clean_page(page, page_log, where: str):
    """Zero CSP violations and zero page errors since the last check."""
    page.wait_for_load_state("networkidle")
    violations = page_log.take_csp()
    assert not violations, f"{where}: CSP violations: {violations}"
    assert not page_log.page_errors, f"{where}: page errors: {page_log.page_errors}"
    assert_vietnamese_document(page)


def _no_english(page, where: str):
    text = page.locator("main").inner_text()
    found = [word for word in ENGLISH_LEFTOVERS if re.search(rf"\b{word}\b", text)]
    assert not found, f"{where}: English text on a Vietnamese screen: {found}"


def _progress(page) -> int:
    value = page.locator("[data-ttdn-plan-progress]").get_attribute("data-ttdn-plan-progress")
    return int(value)


def _pdf_bytes() -> bytes:
    """A real one-page PDF (A4 at 72 dpi), made by Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", (595, 842), "white").save(buffer, "PDF", resolution=72.0)
    return buffer.getvalue()


def _docx_text(path) -> str:
    document = docx.Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


# --------------------------------------------------------------------------- the journey


def test_plan_import_report_and_export(browser, base_url, page, page_log, screenshot, tmp_path):
    # 1. The culture officer imports the seed plan: upload, preview, confirm. -------------
    sign_in(page, OFFICER, DEMO_PASSWORD)
    assert path_of(page) == "/admin/", f"sign-in did not reach the dashboard: {page.url}"
    response = page.goto("/admin/plans/import/")
    assert response.status == 200, f"/admin/plans/import/ answered {response.status}"
    _clean_page(page, page_log, "import form")
    upload = page.locator("form[data-ttdn-import-upload]")
    upload.locator("input[type=file][name=file]").set_input_files(str(SEED_FILE))
    with page.expect_navigation():
        upload.locator("button[type=submit]").click()

    preview = page.locator("[data-ttdn-import-preview]")
    expect(preview).to_be_visible()
    _clean_page(page, page_log, "import preview")
    screenshot("01-preview")
    _no_english(page, "import preview")
    warnings = page.locator("[data-ttdn-import-warnings]")
    expect(warnings).to_be_visible()
    warnings_text = warnings.inner_text()
    assert MISSPELT_UNIT in warnings_text or JOINED_WORD.search(warnings_text), (
        f"the warnings name neither {MISSPELT_UNIT!r} nor a joined word: {warnings_text!r}"
    )
    preview_text = preview.inner_text()
    expect(page.locator("[data-ttdn-assignments] > tbody > tr")).to_have_count(SEED_GROUPS)
    assert f"{SEED_GROUPS} nhóm phân công" in preview_text, preview_text[:2000]

    with page.expect_navigation():
        page.locator("form[data-ttdn-import-confirm] button[type=submit]").click()
    match = re.fullmatch(r"/admin/plans/overview/(\d+)/", path_of(page))
    assert match, f"confirming did not land on a plan overview: {page.url}"
    plan_id = int(match.group(1))
    _clean_page(page, page_log, "plan overview")
    expect(page.locator(".messages")).to_contain_text("Đã nhập kế hoạch")
    screenshot("02-overview")
    _no_english(page, "plan overview")
    unit_rows = page.locator("[data-ttdn-progress-units] > tbody > tr > td:first-child")
    listed = {text.strip() for text in unit_rows.all_inner_texts()}
    missing = [unit for unit in UNITS_WITH_TASKS if unit not in listed]
    assert not missing, f"no tasks under {missing}; the per-unit table lists {sorted(listed)}"
    progress_before = _progress(page)

    # 2. The village head, in her own browser, reports on one of her village's tasks. -----
    context, head = open_page(browser, base_url, page_log)
    try:
        sign_in(head, VILLAGE_HEAD, DEMO_PASSWORD)
        assert path_of(head) == "/admin/", f"sign-in did not reach the dashboard: {head.url}"
        response = head.goto("/admin/tasks/mine/")
        assert response.status == 200, f"/admin/tasks/mine/ answered {response.status}"
        _clean_page(head, page_log, "my tasks")
        expect(head.locator("h1")).to_contain_text("Nhiệm vụ của đơn vị tôi")
        full_page_screenshot(head, "test_plan_import_report_and_export-03-my-tasks")
        _no_english(head, "my tasks")
        lead_table = head.locator("table[data-ttdn-task-list]").first
        leading = lead_table.locator("tbody > tr[data-ttdn-task]")
        assert leading.count() >= 4, f"{leading.count()} tasks led by {VILLAGE}, expected ≥ 4"
        leads = {text.strip() for text in leading.locator("td:nth-child(2)").all_inner_texts()}
        assert leads == {VILLAGE}, f"the lead table lists tasks led by {leads - {VILLAGE}}"
        # The newest tasks are the ones of the plan just imported.
        task_id = max(int(row.get_attribute("data-ttdn-task")) for row in leading.all())

        response = head.goto(f"/admin/tasks/detail/{task_id}/")
        assert response.status == 200, f"task {task_id} answered {response.status}"
        _clean_page(head, page_log, "task detail")
        overview = f"/admin/plans/overview/{plan_id}/"
        plan_link = head.locator(f"[data-ttdn-task-detail] a[href='{overview}']")
        expect(plan_link.first).to_be_visible()

        evidence_form = head.locator("form[data-ttdn-evidence-form]")
        evidence_form.locator("input[type=file][name=file]").set_input_files(
            files=[{"name": "bien-ban-hop-thon.pdf", "mimeType": "application/pdf",
                    "buffer": _pdf_bytes()}])
        with head.expect_navigation():
            evidence_form.locator("button[type=submit]").click()
        assert path_of(head) == f"/admin/tasks/detail/{task_id}/", head.url
        _clean_page(head, page_log, "task detail after evidence")
        expect(head.locator(".messages")).to_contain_text("Đã thêm minh chứng")
        expect(head.locator("[data-ttdn-evidence]")).to_contain_text("bien-ban-hop-thon.pdf")
        full_page_screenshot(head, "test_plan_import_report_and_export-04-task-evidence")
        _no_english(head, "task detail")

        report = head.locator("form[data-ttdn-report-form]")
        report.locator("select[name=status]").select_option("done")
        report.locator("input[name=progress]").fill("100")
        with head.expect_navigation():
            report.locator("button[type=submit]").click()
        _clean_page(head, page_log, "task detail after report")
        expect(head.locator(".messages")).to_contain_text("Đã cập nhật tiến độ")
        status = head.locator("[data-ttdn-task-detail] dd[data-ttdn-status]")
        expect(status).to_have_attribute("data-ttdn-status", "done")
        expect(status).to_contain_text("Hoàn thành")
        expect(head.locator("[data-ttdn-progress]")).to_have_text("100%")
        full_page_screenshot(head, "test_plan_import_report_and_export-05-task-done")
    finally:
        context.close()

    # 3. The officer sees the progress go up and downloads the Decree-30 .docx. -----------
    response = page.goto(f"/admin/plans/overview/{plan_id}/")
    assert response.status == 200
    _clean_page(page, page_log, "plan overview after the report")
    progress_after = _progress(page)
    assert progress_after > progress_before, (
        f"overall progress {progress_before}% → {progress_after}% after a task was done"
    )
    screenshot("06-overview-after-report")
    with page.expect_download() as download_info:
        page.locator("[data-ttdn-export-docx]").click()
    download = download_info.value
    assert download.failure() is None, download.failure()
    assert download.suggested_filename.endswith(".docx"), download.suggested_filename
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = _docx_text(saved)
    for expected in ("KẾ HOẠCH", "TỔ CHỨC THỰC HIỆN"):
        assert expected in text, f"the exported .docx lacks {expected!r}"
    _clean_page(page, page_log, "after the download")
    print(f"\nplan {plan_id}: overall progress {progress_before}% → {progress_after}%")
