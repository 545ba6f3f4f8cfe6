"""Every admin screen each demo role can open is Vietnamese: a crawl that flags English UI words.

For each demo account the crawl signs in, reads its dashboard and follows every admin link it
can see (menus included), one page per URL shape (ids folded) — a shape that an earlier account
has read already is not read again, so each role adds the screens only it can open — and looks
for common English interface words in the visible text, the title, placeholders and accessible
labels. The findings are written to
test-artifacts/i18n-crawl.txt; the test wants none.

What editors wrote is not interface: the portal's English pages (their titles, wherever the
admin lists them, and the text in the rich-text editors) and the English names of news
categories are taken out of the text before it is searched.
"""

import re
from collections import deque
from urllib.parse import urlparse

import pytest

from .conftest import SCREENSHOT_DIR
from .test_journeys import sign_in

pytestmark = pytest.mark.e2e

ACCOUNTS = [
    "admin", "tinh.vanhoa", "huyen.vanhoa", "camtan.chutich", "camtan.phochutich", "camtan.vanhoa",
    "camtan.vanphong", "camtan.ketoan", "camtan.congan", "camtan.quansu", "camtan.thon1",
    "camtan.mttq", "camtan.daitt", "camthach.vanhoa",
]

# Common English interface words (whole words, case-sensitive as they appear in a UI).
ENGLISH = [
    "Add", "Edit", "Delete", "Save", "Cancel", "Search", "Filter", "Filters", "Settings",
    "Reports", "Help", "Dashboard", "Account", "History", "Workflow", "Workflows", "Snippets",
    "Images", "Documents", "Users", "Groups", "Sites", "Collections", "Redirects", "Locked",
    "Draft", "Publish", "Unpublish", "Preview", "Status", "Actions", "More", "Sort",
    "Choose", "Select", "Upload", "Title", "Created", "Updated", "Owner", "Yes", "Previous",
    "Next", "Showing", "Apply", "Clear", "Close", "Back", "Name", "Type", "Date", "User",
    "Action", "Page", "Pages", "Log out", "Sign out", "Explorer", "Translations", "Locales",
    "Tasks", "Task", "Comments", "Revisions", "Usage", "Inspect", "Copy", "Move", "Create",
    "Submit", "Approve", "Reject", "Unlock", "Lock", "Privacy", "Content", "Promote",
    "Enabled", "Disabled", "Active", "Inactive", "Sorry", "You", "Your", "the", "and",
    "with", "for", "this", "Please", "No results", "Download", "Export", "Results",
]
ENGLISH_RE = re.compile(r"(?<![\w'’-])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w'’-])")

SKIP = re.compile(
    r"^/admin/(logout|failwhale|login|password_reset|jsi18n|sprite)/|export=|/preview/|"
    r"/download/|/export/|\.(csv|xlsx|pdf|zip)$"
)
MAX_PAGES_PER_ACCOUNT = 90

TEXT_SCRIPT = """
() => {
  // what editors typed into rich-text fields is content, not interface
  const typed = new Set();
  for (const el of document.querySelectorAll("[contenteditable='true']")) {
    for (const line of el.innerText.split("\\n")) typed.add(line.trim());
  }
  const body = document.body.innerText.split("\\n").filter((line) => !typed.has(line.trim()));
  const texts = [document.title, body.join("\\n")];
  for (const el of document.querySelectorAll("[placeholder], [aria-label], [title]")) {
    if (el.closest("[hidden]") || el.getClientRects().length === 0) continue;
    for (const name of ["placeholder", "aria-label", "title"]) {
      if (el.hasAttribute(name)) texts.push(el.getAttribute(name));
    }
  }
  return texts.join("\\n");
}
"""
LINKS_SCRIPT = """
() => Array.from(document.querySelectorAll("a[href]:not([download])"))
  .map((a) => a.href).filter((href) => href.startsWith(location.origin + "/admin/"))
"""


def shape(path: str) -> str:
    return re.sub(r"/\d+(?=/)", "/N", path)


def english_content(demo_site) -> re.Pattern:
    """The English that editors wrote in the demo: titles of English pages, names of English
    news categories. Longest first, so that a title containing another goes whole."""
    rows = demo_site.rows(
        "SELECT p.title FROM wagtailcore_page p"
        " JOIN wagtailcore_locale l ON l.id = p.locale_id WHERE l.language_code = 'en'"
        " UNION SELECT c.name FROM portal_newscategory c"
        " JOIN wagtailcore_locale l ON l.id = c.locale_id WHERE l.language_code = 'en'")
    strings = sorted({title for (title,) in rows if title}, key=len, reverse=True)
    assert strings, "the demo has no English pages: is the portal set up?"
    return re.compile("|".join(map(re.escape, strings)))


def crawl(page, content: re.Pattern, seen_shapes: set):
    """Read the dashboard, then the screens whose shape is not in ``seen_shapes`` (updated)."""
    visited, flags, dashboard = [], [], True
    queue = deque(["/admin/"])
    while queue and len(visited) < MAX_PAGES_PER_ACCOUNT:
        path = queue.popleft()
        key = shape(urlparse(path).path) + ("?" + urlparse(path).query if "?" in path else "")
        if not dashboard and (key in seen_shapes or SKIP.search(path)):
            continue
        dashboard = False
        seen_shapes.add(key)
        # "load" is enough: admin screens render on the server; waiting for the network to
        # fall idle would add half a second to each of some 300 screens.
        response = page.goto(path, wait_until="load")
        if response is None or response.status >= 400:
            continue
        visited.append(path)
        text = page.evaluate(TEXT_SCRIPT)
        for line in text.splitlines():
            for match in ENGLISH_RE.finditer(content.sub("…", line)):
                flags.append(f"{path}: {match.group(0)!r} in {line.strip()[:120]!r}")
        for href in page.evaluate(LINKS_SCRIPT):
            parsed = urlparse(href)
            target = parsed.path + (f"?{parsed.query}" if parsed.query and "p=" not in
                                    parsed.query and "ordering" not in parsed.query else "")
            queue.append(target)
    return visited, flags


def test_every_screen_each_role_can_open_is_vietnamese(browser, base_url, demo_site):
    content = english_content(demo_site)
    report, all_flags, seen_shapes = [], [], set()
    for account in ACCOUNTS:
        context = browser.new_context(base_url=base_url, locale="vi-VN",
                                      viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        try:
            sign_in(page, account)
            visited, flags = crawl(page, content, seen_shapes)
        finally:
            context.close()
        report.append(f"== {account}: {len(visited)} screens, {len(flags)} flags")
        report += [f"   visited {path}" for path in visited]
        report += [f"   FLAG {flag}" for flag in flags]
        all_flags += [f"{account} {flag}" for flag in flags]
        assert visited, f"{account} could not open the dashboard"
    out = SCREENSHOT_DIR.parent / "i18n-crawl.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(report) + "\n")
    unique = sorted(set(all_flags))
    assert not unique, f"{len(unique)} English words on Vietnamese screens (see {out}):\n" + \
        "\n".join(unique[:80])


def _cam_tan_root_page_id(demo_site) -> int:
    [(page_id,)] = demo_site.rows(
        "SELECT s.root_page_id FROM org_commune c JOIN wagtailcore_site s ON s.id = c.site_id"
        " WHERE c.name = 'Cẩm Tân'")
    return page_id


def test_key_screens_in_vietnamese(page, demo_site, screenshot):
    """Dashboard, a listing, the page editor, the workflow dialog and the translation screen."""
    page_id = _cam_tan_root_page_id(demo_site)
    sign_in(page, "admin")
    steps = [
        ("01-dashboard", "/admin/"),
        ("02-listing", "/admin/units/"),
        ("03-page-editor", f"/admin/pages/{page_id}/edit/"),
    ]
    for step, path in steps:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        screenshot(step)
        text = page.evaluate(TEXT_SCRIPT)
        assert not ENGLISH_RE.search(text), (path, ENGLISH_RE.findall(text)[:10])

    # the workflow dialog: submit the page to the commune's editorial workflow (review, then the
    # leaders' approval), then open the workflow status dialog from the status side panel
    page.goto(f"/admin/pages/{page_id}/edit/")
    page.locator("footer .w-dropdown__toggle").click()
    with page.expect_navigation():
        page.locator("button[name=action-submit]").click()
    page.goto(f"/admin/pages/{page_id}/edit/")
    page.get_by_role("button", name="Ẩn/hiện trạng thái").click()
    status_panel = page.locator("[data-side-panel='status']")
    status_panel.locator("[data-a11y-dialog-show='workflow-status-dialog']").click()
    dialog = page.locator("#workflow-status-dialog")
    dialog.get_by_text("Lãnh đạo phê duyệt – Cẩm Tân").first.wait_for()
    screenshot("04-workflow-dialog")
    dialog_text = dialog.inner_text()
    assert "Đã gửi tới Kiểm duyệt nội dung – Cẩm Tân" in dialog_text
    assert not ENGLISH_RE.search(dialog_text), ENGLISH_RE.findall(dialog_text)[:10]

    # the translation screen of wagtail-localize (the demo's home page is already in English,
    # so the screen offers no language: its words are what is checked)
    page.goto(f"/admin/localize/submit/page/{page_id}/")
    page.wait_for_load_state("networkidle")
    screenshot("05-translation")
    text = page.evaluate(TEXT_SCRIPT)
    assert "Dịch trang" in text
    assert not ENGLISH_RE.search(text), ENGLISH_RE.findall(text)[:10]
