"""The portal's editorial journey in a real browser (headless Chromium, demo data, gunicorn).

The office staff of Cẩm Tân writes a news item in Vietnamese under the news index and submits
it to the commune's workflow; she is offered no way to publish it herself. The culture officer
approves the review step from her dashboard, the vice-chairman approves the last step from his,
and the article is on the public home page. An English translation is requested
(wagtail-localize), the office staff translates its segments in the translation editor, and the
vice-chairman publishes the translation there. A reader's search for the title without its
diacritics finds the article; on it, the header's language switcher takes him to the English
article. Screenshots of the home page in both languages on a phone and on a desktop:
test-artifacts/screenshots/portal-home-{vi,en}-{phone,desktop}.png.

Public pages must be free of CSP violations and page errors at once. Admin screens must be free
of page errors at once; their CSP violations (Wagtail's widgets start from data, not from inline
scripts: ttdn.core.admin_scripts) are collected and reported at the end, with the other problems
the journey met on its way, so that one run shows them all. The article gets its picture through
Wagtail's image chooser.
"""

import re
import time
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import expect

from .conftest import PageLog, full_page_screenshot, open_page
from .test_journeys import sign_in

pytestmark = pytest.mark.e2e

WRITER = "camtan.vanphong"
REVIEWER = "camtan.vanhoa"
APPROVER = "camtan.phochutich"
# The only demo account that holds wagtail-localize's "submit_translation" right today; used to
# request the translation when the writer is not offered "Dịch trang này" (reported as a
# problem at the end).
SYSTEM_ADMIN = "admin"

TITLE = "Đoàn công tác kiều bào thăm xã Cẩm Tân – bài thử nghiệm"
SUMMARY = "Bài thử nghiệm của hành trình kiểm thử: đoàn kiều bào về thăm quê hương Cẩm Tân."
PARAGRAPH = ("Sáng nay, đoàn công tác kiều bào đã đến thăm nhà văn hóa xã, nghe giới thiệu về "
             "lịch sử, văn hóa và tiềm năng đầu tư của địa phương.")
EN_TITLE = "Overseas Vietnamese delegation visits Cẩm Tân commune – test article"
EN_SUMMARY = "A test article of the browser journey: overseas Vietnamese visit Cẩm Tân."
EN_PARAGRAPH = ("This morning the delegation of overseas Vietnamese visited the commune's "
                "cultural house and heard about its history, culture and investment potential.")
EN_SLUG = "overseas-vietnamese-delegation-visits-cam-tan-test-article"
QUERY = "doan cong tac kieu bao"
PUBLISH_WITHIN = 10  # seconds for a published page to show on the (cached) public site
CHOOSER_TIMEOUT = 5_000  # ms for the image chooser's modal to show its pictures

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


# --------------------------------------------------------------------------- helpers


class Journey:
    """Each person's browser with its own log; what the journey met that does not stop it,
    reported all at once at the end."""

    def __init__(self, browser, base_url):
        self.browser, self.base_url = browser, base_url
        self.logs: dict = {}  # page → its PageLog
        self.problems: list[str] = []
        self.admin_csp: dict[str, set[str]] = {}  # document → the violations it caused

    def watch(self, page, page_log):
        self.logs[page] = page_log

    def open(self):
        """A fresh browser context (another person); returns (context, page)."""
        page_log = PageLog()
        context, page = open_page(self.browser, self.base_url, page_log)
        self.watch(page, page_log)
        return context, page

    def public(self, page, where: str, language: str = "vi"):
        """A public page: no CSP violation, no page error, the right <html lang>, now."""
        log = self.logs[page]
        page.wait_for_load_state("networkidle")
        violations = log.take_csp()
        assert not violations, f"{where}: CSP violations: {violations}"
        assert not log.page_errors, f"{where}: page errors: {log.page_errors}"
        lang = page.locator("html").get_attribute("lang")
        assert lang == language, f"{where}: <html lang={lang!r}>, expected {language!r}"

    def admin(self, page, where: str):
        """An admin screen: page errors stop the journey; CSP violations are collected."""
        log = self.logs[page]
        page.wait_for_load_state("networkidle")
        assert not log.page_errors, f"{where}: page errors: {log.page_errors}"
        self._keep_csp(log.take_csp())

    def close(self, context, page):
        """Closes a person's browser, keeping what its last screen reported."""
        self._keep_csp(self.logs[page].take_csp())
        context.close()

    def _keep_csp(self, violations):
        for violation in violations:
            # "script-src-elem blocked inline (http://127.0.0.1:8000/admin/pages/7/:803)"
            where = re.search(r"\((?:https?://[^/]+)?(/[^ ]*?)(?::\d+)?\)$", violation)
            document = where.group(1) if where else "?"
            self.admin_csp.setdefault(document, set()).add(violation)

    def report(self):
        for document, violations in sorted(self.admin_csp.items()):
            self.problems.append(f"CSP violations on {document}: {sorted(violations)}")
        assert not self.problems, (
            f"the journey went through, but met {len(self.problems)} problem(s):\n"
            + "\n".join(f"  - {problem}" for problem in self.problems))




def _no_admin_errors(page, where):
    errors = page.locator(".messages .error, .help-critical, .error-message:not([hidden])")
    assert errors.count() == 0, f"{where}: {errors.all_inner_texts()}"


def _message(page) -> str:
    return " ".join(page.locator(".messages").all_inner_texts())


def _approve_from_dashboard(page, journey, who: str):
    """Approves the article's current workflow step from the dashboard's review panel."""
    page.goto("/admin/")
    journey.admin(page, f"dashboard of {who}")
    panel = page.locator("#awaiting-review-content")
    row = panel.locator("tr", has=page.get_by_role("link", name=TITLE, exact=True))
    expect(row).to_have_count(1)
    full_page_screenshot(page, f"portal-journey-{who}-dashboard")
    row.get_by_role("button", name="Thao tác").click()
    with page.expect_navigation():
        row.get_by_role("button", name="Phê duyệt", exact=True).click()
    journey.admin(page, f"dashboard of {who} after approving")
    _no_admin_errors(page, f"approval by {who}")
    page.reload()
    expect(page.locator("#awaiting-review-content").get_by_role("link", name=TITLE, exact=True)
           ).to_have_count(0)


def _wait_for_text(page, path: str, text: str, where: str):
    """Reloads ``path`` until it shows ``text`` (the page cache is purged on publish)."""
    deadline = time.monotonic() + PUBLISH_WITHIN
    while True:
        page.goto(path)
        if text in page.locator("main").inner_text():
            return
        assert time.monotonic() < deadline, (
            f"{where}: {text!r} not on {path} {PUBLISH_WITHIN} s after publication")
        page.wait_for_timeout(500)


def _translate_segment(page, source: str, translation: str):
    """Fills one segment of wagtail-localize's editor: "Dịch", the text, "Lưu"."""
    exactly = re.compile(rf"^\s*{re.escape(source)}\s*$")
    segment = page.locator("li", has=page.locator("p", has_text=exactly)).last
    segment.get_by_role("button", name="Dịch").click()
    segment.locator("textarea").fill(translation)
    with page.expect_response(lambda r: "/strings/" in r.url and r.request.method == "PUT"
                              ) as saved:
        segment.get_by_role("button", name="Lưu").click()
    assert saved.value.ok, f"saving the translation of {source!r} answered {saved.value.status}"
    expect(segment.get_by_role("button", name="Sửa")).to_be_visible()


def _choose_main_image(page):
    """Picks the article's main picture ("Ảnh chính") with Wagtail's image chooser."""
    field = page.locator("#id_image").locator("xpath=..")
    field.get_by_role("button", name="Chọn hình ảnh").click()
    choices = page.locator(".modal a.image-choice, .modal [data-chooser-modal-choice]")
    expect(choices.first).to_be_visible(timeout=CHOOSER_TIMEOUT)
    choices.first.click()
    expect(page.locator("#id_image")).not_to_have_value("")


def _path(page) -> str:
    return unquote(urlparse(page.url).path)


# --------------------------------------------------------------------------- the journey


def test_news_item_from_writing_to_approval_translation_search_and_language_switch(
    browser, base_url, page, page_log, portal_pages
):
    journey = Journey(browser, base_url)
    journey.watch(page, page_log)
    news_index = portal_pages["vi"]["newsindexpage"][0]
    english_news = portal_pages["en"]["newsindexpage"][0].path
    home, english_home = portal_pages["vi"]["homepage"][0].path, "/en/"

    # 1. The office staff writes the news item and submits it. ----------------------------
    writer = page
    sign_in(writer, WRITER)
    writer.goto(f"/admin/pages/{news_index.id}/")
    journey.admin(writer, "news index in the explorer")
    with writer.expect_navigation():
        writer.get_by_role("link", name="Thêm trang con").first.click()
    assert _path(writer) == f"/admin/pages/add/portal/newspage/{news_index.id}/", writer.url
    journey.admin(writer, "new news item form")
    writer.locator("#id_title").fill(TITLE)
    writer.locator("#id_summary").fill(SUMMARY)
    writer.locator("button.c-sf-add-button").first.click()
    writer.locator(".w-combobox__option", has_text="đoạn văn").click()
    writer.locator(".Draftail-Editor [contenteditable=true]").first.click()
    writer.keyboard.type(PARAGRAPH)
    _choose_main_image(writer)
    # She is offered no way to publish: no "Xuất bản" in the action menu, only the workflow.
    # (A forged POST with action-publish is refused on the server: tests/portal/test_editorial.)
    writer.get_by_role("button", name="Thao tác khác").click()
    submit = writer.locator("button[name=action-submit]")
    expect(submit).to_be_visible()
    expect(submit).to_contain_text("Gửi")
    expect(writer.locator("[name=action-publish]")).to_have_count(0)
    footer_actions = " ".join(writer.locator("footer").all_inner_texts())
    assert "Xuất bản" not in footer_actions, f"a publish action is offered: {footer_actions}"
    full_page_screenshot(writer, "portal-journey-01-writer-submits")
    # Wait for the explorer: the editor's autosave may turn the URL into the new draft's edit
    # address (history.replaceState, which Playwright counts as a navigation) meanwhile.
    with writer.expect_navigation(url=re.compile(rf"/admin/pages/{news_index.id}/(\?.*)?$")):
        submit.click()
    _no_admin_errors(writer, "submission")
    assert "gửi kiểm duyệt" in _message(writer), _message(writer)
    edit_link = writer.locator(".messages a[href$='/edit/']").first.get_attribute("href")
    page_id = int(re.search(r"/pages/(\d+)/edit/", edit_link).group(1))
    journey.admin(writer, "explorer after the submission")

    # Still hers to edit, still not hers to publish.
    writer.goto(f"/admin/pages/{page_id}/edit/")
    journey.admin(writer, "the submitted item's editor")
    expect(writer.locator("[name=action-publish]")).to_have_count(0)

    reader_context, reader = journey.open()
    try:
        reader.goto(home)
        journey.public(reader, "home before approval")
        assert TITLE not in reader.locator("main").inner_text(), "published before approval"

        # 2. The culture officer approves the review step. ---------------------------------
        reviewer_context, reviewer = journey.open()
        try:
            sign_in(reviewer, REVIEWER)
            _approve_from_dashboard(reviewer, journey, "reviewer")
        finally:
            journey.close(reviewer_context, reviewer)
        reader.goto(home)
        assert TITLE not in reader.locator("main").inner_text(), "published after one step"

        # 3. The vice-chairman approves the last step: the article is published. -----------
        approver_context, approver = journey.open()
        try:
            sign_in(approver, APPROVER)
            _approve_from_dashboard(approver, journey, "approver")

            # 4. It is on the home page, among the latest news. -------------------------------
            _wait_for_text(reader, home, TITLE, "home after approval")
            journey.public(reader, "home after approval")
            latest = reader.locator("#tin-moi").locator("xpath=ancestor::section[1]")
            expect(latest.get_by_role("link", name=TITLE)).to_be_visible()
            with reader.expect_navigation():
                latest.get_by_role("link", name=TITLE).click()
            article = _path(reader)
            journey.public(reader, "the article")
            expect(reader.locator("h1")).to_have_text(TITLE)
            expect(reader.locator("main")).to_contain_text(PARAGRAPH)
            reader.goto(english_news)
            assert TITLE not in reader.locator("main").inner_text()

            # 5. An English translation is requested. ----------------------------------------
            writer.goto(f"/admin/pages/{page_id}/edit/")
            writer.locator("header").get_by_role("button", name="Thao tác").click()
            translate = writer.get_by_role("link", name="Dịch trang này")
            if translate.count():
                requester, requester_context = writer, None
            else:
                journey.problems.append(
                    f"{WRITER} (office staff) is not offered “Dịch trang này” on her own article: "
                    "the commune's editorial groups lack wagtail_localize.submit_translation, so "
                    f"only a superuser can start a translation; requested as {SYSTEM_ADMIN!r}.")
                requester_context, requester = journey.open()
                sign_in(requester, SYSTEM_ADMIN)
                requester.goto(f"/admin/pages/{page_id}/edit/")
                requester.locator("header").get_by_role("button", name="Thao tác").click()
                translate = requester.get_by_role("link", name="Dịch trang này")
            try:
                with requester.expect_navigation():
                    translate.click()
                journey.admin(requester, "translation request form")
                requester.get_by_label("English").check()
                with requester.expect_navigation():
                    requester.locator("main form [type=submit]").click()
                _no_admin_errors(requester, "translation request")
                match = re.fullmatch(r"/admin/pages/(\d+)/edit/", _path(requester))
                assert match, f"the request did not open the translation: {requester.url}"
                english_id = int(match.group(1))
                journey.admin(requester, "translation editor after the request")
            finally:
                if requester_context is not None:
                    journey.close(requester_context, requester)

            reader.goto(english_news)
            journey.public(reader, "English news before the translation is approved", "en")
            if TITLE in reader.locator("main").inner_text():
                journey.problems.append(
                    "requesting the translation published the English page at once, still in "
                    "Vietnamese, before any approval (wagtail-localize copies the source's live "
                    "status: WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE defaults to True).")

            # 6. The office staff translates the segments and saves each one. -----------------
            writer.goto(f"/admin/pages/{english_id}/edit/")
            journey.admin(writer, "translation editor (office staff)")
            for source, translation in ((TITLE, EN_TITLE), (SUMMARY, EN_SUMMARY),
                                        (PARAGRAPH, EN_PARAGRAPH)):
                _translate_segment(writer, source, translation)
            writer.get_by_role("tab", name="Quảng bá").click()
            vietnamese_slug = unquote(article.rstrip("/").rsplit("/", 1)[-1])
            _translate_segment(writer, vietnamese_slug, EN_SLUG)
            # The translator saves; publishing is the approver's.
            expect(writer.locator("button[name=action][value=publish]")).to_have_count(0)
            full_page_screenshot(writer, "portal-journey-02-translator-saved")
            journey.admin(writer, "translation editor after saving")

            # 7. The vice-chairman publishes the translation in the translation editor. -------
            approver.goto(f"/admin/pages/{english_id}/edit/")
            journey.admin(approver, "translation editor (vice-chairman)")
            publish = approver.locator("button[name=action][value=publish]")
            expect(publish).to_contain_text("Xuất bản")
            with approver.expect_navigation():
                publish.click()
            _no_admin_errors(approver, "publishing the translation")
            assert "Đã xuất bản" in _message(approver), _message(approver)
            full_page_screenshot(approver, "portal-journey-03-translation-published")
        finally:
            journey.close(approver_context, approver)

        english_article = f"{english_news}{EN_SLUG}/"
        _wait_for_text(reader, english_home, EN_TITLE, "English home after publication")
        journey.public(reader, "English home", "en")

        # 8. A search without diacritics finds the article. ----------------------------------
        reader.set_viewport_size(DESKTOP)
        reader.goto(home)
        search = reader.locator("form.search-form")
        search.locator("input[name=q]").fill(QUERY)
        with reader.expect_navigation():
            search.locator("button[type=submit]").click()
        journey.public(reader, "search results")
        first_hit = reader.locator(".search-results a").first
        expect(first_hit).to_have_text(TITLE)
        full_page_screenshot(reader, "portal-journey-04-search")

        # 9. On the article, the reader switches to English with the header's switcher. -------
        with reader.expect_navigation():
            first_hit.click()
        assert _path(reader) == article, reader.url
        switch = reader.locator("nav.lang-switch a[hreflang=en]")
        expect(switch).to_have_text("English")
        with reader.expect_navigation():
            switch.click()
        assert _path(reader) == english_article, (
            f"the language switcher led to {reader.url}, not {english_article}")
        journey.public(reader, "the English article", "en")
        expect(reader.locator("h1")).to_have_text(EN_TITLE)
        expect(reader.locator("main")).to_contain_text(EN_PARAGRAPH)
        back = reader.locator("nav.lang-switch a[hreflang=vi]").get_attribute("href")
        assert unquote(urlparse(back).path) == article, f"the switcher leads back to {back}"

        # 10. The home page in both languages, on a phone and on a desktop. -------------------
        for language, path in (("vi", home), ("en", english_home)):
            for device, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
                reader.set_viewport_size(viewport)
                reader.goto(path)
                journey.public(reader, f"home ({language}, {device})", language)
                reader.evaluate("document.fonts.ready")
                expect(reader.locator("main")).to_contain_text(
                    TITLE if language == "vi" else EN_TITLE)
                full_page_screenshot(reader, f"portal-home-{language}-{device}")
    finally:
        reader_context.close()

    journey.admin(writer, "the writer's last screen")
    journey.report()
