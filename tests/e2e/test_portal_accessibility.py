"""Accessibility of the public portal (WCAG 2.1 AA) in a real browser (headless Chromium, demo).

Every page type of Cẩm Tân's portal, in Vietnamese and in English, on a phone (390×844) and on
a desktop (1366×900): home, news index and article, a content page with a gallery, investment
index and project, statements index and statement, clarifications index and detail, documents
index and detail, organisation, contact (with its form, also showing its errors), search
results, the 404 page, and the false-information desk's tip form that the portal frames.

- axe-core (the copy shipped by the PyPI package ``axe-playwright-python``) with the tags
  wcag2a, wcag2aa, wcag21a and wcag21aa reports no "serious" or "critical" violation; what
  axe cannot decide itself (text on the header's gradient) is measured here against each
  colour of the gradient.
- ``<html lang>`` is "vi" on Vietnamese pages and "en" on English ones; no CSP violation, no
  page error.
- Keyboard: the first Tab reaches the skip link, which moves focus to <main>; on a phone the
  menu (a <details>) opens with the keyboard; every element that Tab reaches shows a visible
  focus indicator (its outline, box-shadow, background or border changes on focus).

One browser context per viewport, reused by every test of this module.
"""

import re
import urllib.request
from importlib import resources

import pytest

from .conftest import PageLog, open_page

pytestmark = pytest.mark.e2e

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1366, "height": 900},
}
LANGUAGES = ("vi", "en")
SEARCH_WORDS = {"vi": "cam tan", "en": "commune"}
MISSING_PAGE = {"vi": "/trang-khong-ton-tai/", "en": "/en/no-such-page/"}
MAX_TABS = 150


def _axe_source() -> str:
    """axe.min.js (MPL-2.0, licence header kept) from the axe-playwright-python package."""
    try:
        return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")
    except ModuleNotFoundError:
        pytest.fail("axe-core is missing: the dev group needs `axe-playwright-python` "
                    "(uv add --dev axe-playwright-python), which ships axe.min.js.")


# Runs axe on the whole document; returns its violations and the colour-contrast checks it
# left "incomplete", slimmed to what the report needs.
AXE_RUN = """
async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations", "incomplete"],
  });
  const slim = (items) => items.map((item) => ({
    id: item.id, impact: item.impact, help: item.help,
    nodes: item.nodes.map((node) => ({
      target: node.target.map(String), html: node.html.slice(0, 160),
      summary: node.failureSummary || "",
      data: [...node.any, ...node.all, ...node.none].map((check) => check.data)
        .find((data) => data && data.messageKey) || null,
    })),
  }));
  return {violations: slim(results.violations), incomplete: slim(results.incomplete)};
}
"""

# Text on a gradient (the site header): axe cannot tell its background, so measure the text
# colour against every colour stop of the nearest gradient behind it.
GRADIENT_CONTRAST = """
(checks) => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  return checks.map(({selector, expected}) => {
    const element = document.querySelector(selector);
    if (!element) return {selector, error: "not found"};
    let holder = element;
    while (holder && !getComputedStyle(holder).backgroundImage.includes("gradient")) {
      holder = holder.parentElement;
    }
    if (!holder) return {selector, error: "no gradient behind it"};
    const stops = getComputedStyle(holder).backgroundImage.match(/rgba?\\([^)]*\\)/g) || [];
    const colour = rgb(getComputedStyle(element).color);
    const lowest = Math.min(...stops.map((stop) => ratio(colour, rgb(stop))));
    return {selector, lowest: Math.round(lowest * 100) / 100, expected};
  });
}
"""

# The focused element, and whether focus changes how it looks: its own and its ::before and
# ::after outline, box-shadow, background and border, compared with the same element blurred
# (and focused again, which keeps Tab's place).
FOCUS_STATE = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) {
    return null;
  }
  const props = ["outlineStyle", "outlineWidth", "outlineColor", "boxShadow",
                 "backgroundColor", "borderTopColor", "borderBottomColor"];
  const snapshot = () => {
    const out = {};
    for (const pseudo of ["", "::before", "::after"]) {
      const style = getComputedStyle(element, pseudo || null);
      for (const prop of props) out[pseudo + prop] = style[prop];
    }
    return out;
  };
  const transparent = (colour) => /rgba\\([^)]*,\\s*0\\)$/.test(colour) || colour === "transparent";
  const focused = snapshot();
  let plain;
  const dateLike = element.matches(
    "input[type=date], input[type=time], input[type=datetime-local]");
  // The calendar button inside a date field: Chromium draws its own ring around it (in the
  // field's closed shadow tree); the field itself is then :focus but not :focus-visible.
  const nativeRing = dateLike && !element.matches(":focus-visible");
  if (dateLike) {
    // Tab walks the parts of a date; blurring and focusing again would restart it at the
    // first part (and the walk would never leave it): judge it by its focused state alone.
    plain = {...focused, outlineStyle: "none", boxShadow: "none"};
  } else {
    element.blur();
    plain = snapshot();
    element.focus({preventScroll: true});
  }
  const changed = Object.keys(focused).filter((key) => focused[key] !== plain[key]);
  const shows = (key) => {
    const [, pseudo = "", prop] = key.match(/^(::before|::after)?(.*)$/);
    if (prop.startsWith("outline")) {
      return focused[pseudo + "outlineStyle"] !== "none"
        && parseFloat(focused[pseudo + "outlineWidth"]) > 0
        && !transparent(focused[pseudo + "outlineColor"]);
    }
    if (prop === "boxShadow") return focused[key] !== "none";
    return !transparent(focused[key]);
  };
  const box = element.getBoundingClientRect();
  const landmark = element.closest("header, nav, main, footer, .nav-band, .breadcrumbs");
  return {
    tag: element.tagName.toLowerCase() + (element.name ? `[name=${element.name}]` : "")
      + (element.type && element.tagName === "INPUT" ? `[type=${element.type}]` : ""),
    text: (element.innerText || element.value || element.getAttribute("aria-label") || "")
      .trim().replace(/\\s+/g, " ").slice(0, 50),
    href: element.getAttribute("href"),
    region: landmark ? (landmark.className || landmark.tagName.toLowerCase()) : "",
    inFooter: Boolean(element.closest("footer")),
    inMain: Boolean(element.closest("main")),
    isSkipLink: element.classList.contains("skip-link"),
    isMenuToggle: element.matches("summary.menu__toggle"),
    menuOpen: Boolean(document.querySelector("details.menu")?.open),
    sized: box.width > 0 && box.height > 0,
    changed,
    visible: nativeRing || changed.some(shows),
  };
}
"""

# Vietnamese words left in the interface of an English page without lang="vi" around them:
# a screen reader reads them with English rules (WCAG 3.1.2, language of parts). The page's
# own strings only (header, menu, banners, footer, section heads, badges, form labels and
# buttons, and their placeholder, aria-label and title attributes), where the content's proper
# names (PROPER_NAMES) are taken out first.
PROPER_NAMES = ["Cẩm Tân", "Cẩm Thạch", "Cẩm Thủy", "Thanh Hóa", "Mẫu Một", "Mẫu Hai", "TTĐN",
                "NĐ-CP"]
INTERFACE_LANGUAGE = r"""
(names) => {
  const letters = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
  const vietnamese = (text) => {
    for (const name of names) text = text.split(name).join(" ");
    const words = text.split(/\s+/).filter((word) => /\p{L}/u.test(word));
    const marked = words.filter((word) => letters.test(word));
    return marked.length >= 2 || (marked.length >= 1 && marked.length * 2 >= words.length);
  };
  const unmarked = (element) => element.closest("[lang]") === document.documentElement;
  const scopes = document.querySelectorAll([
    "body > header", ".nav-band", ".sample-banner", "body > footer", "main .section__head",
    "main .badge", "main button", "main label", "main legend", "main .hint", "main a.more",
    ".breadcrumbs li:first-child", ".pagination",
  ].join(", "));
  const found = new Set();
  for (const scope of scopes) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.data.trim().replace(/\s+/g, " ");
      if (text && unmarked(node.parentElement) && vietnamese(text)) found.add(text);
    }
    for (const element of [scope, ...scope.querySelectorAll("*")]) {
      for (const attribute of ["placeholder", "aria-label", "title", "alt"]) {
        const value = element.getAttribute(attribute);
        if (value && unmarked(element) && vietnamese(value)) {
          found.add(`${attribute}="${value}"`);
        }
      }
    }
  }
  return [...found];
}
"""


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def axe_source() -> str:
    return _axe_source()


class Viewer:
    """One browser context at one viewport, reused by every test of the module."""

    def __init__(self, browser, base_url, viewport):
        self.log = PageLog()
        self.context, self.page = open_page(browser, base_url, self.log)
        self.page.set_viewport_size(viewport)

    def goto(self, path, expected_status=200):
        response = self.page.goto(path, wait_until="load")
        assert response is not None, f"{path}: no response"
        assert response.status == expected_status, (
            f"{path} answered {response.status}, expected {expected_status}"
        )
        return response


@pytest.fixture(scope="module")
def viewers(browser, base_url):
    made = {}

    def viewer(name) -> Viewer:
        if name not in made:
            made[name] = Viewer(browser, base_url, VIEWPORTS[name])
        return made[name]

    yield viewer
    for one in made.values():
        one.context.close()


def _fetch(base_url, path) -> str:
    with urllib.request.urlopen(base_url + path, timeout=15) as response:  # noqa: S310 - loopback
        return response.read().decode()


def _first_link(html: str, prefix: str, pattern: str) -> str:
    """The first link of the page to ``prefix`` + something matching ``pattern``."""
    for href in re.findall(r'href="([^"#?]+)"', html):
        if href.startswith(prefix) and re.fullmatch(pattern, href[len(prefix):]):
            return href
    raise AssertionError(f"no link {prefix}{pattern} found")


@pytest.fixture(scope="module")
def targets(portal_pages, base_url) -> dict[str, list[tuple[str, str, int]]]:
    """Per language: (page type, path, expected status) of every page type to audit, taken
    from the demo's pages; the routable sub-pages and the desk's form from the links the
    portal shows."""
    found = {}
    for language in LANGUAGES:
        pages = portal_pages[language]

        def first(model, pages=pages, language=language):
            assert pages.get(model), f"{language}: the demo has no live {model}"
            return pages[model][0].path

        home = first("homepage")
        home_html = _fetch(base_url, home)
        search = re.search(r'<form class="search-form"[^>]*action="([^"]+)"', home_html)
        assert search, "the header has no search form"
        clarifications = first("clarificationindexpage")
        documents = first("documentindexpage")
        gallery = next(page.path for page in pages["contentpage"] if page.has_gallery)
        tip_form = _first_link(home_html, home, r"bao-tin-sai-su-that/")
        query = SEARCH_WORDS[language].replace(" ", "+")
        found[language] = [
            ("home", home, 200),
            ("news index", first("newsindexpage"), 200),
            ("news article", first("newspage"), 200),
            ("content page with gallery", gallery, 200),
            ("investment index", first("investmentindexpage"), 200),
            ("investment project", first("investmentprojectpage"), 200),
            ("statements index", first("statementindexpage"), 200),
            ("statement", first("statementpage"), 200),
            ("clarifications index", clarifications, 200),
            ("clarification", _first_link(_fetch(base_url, clarifications), clarifications,
                                          r"\d+/"), 200),
            ("documents index", documents, 200),
            ("document", _first_link(_fetch(base_url, documents), documents, r"\d+/"), 200),
            ("organisation", first("organisationpage"), 200),
            ("contact", first("contactpage"), 200),
            ("search results", f"{search.group(1)}?q={query}", 200),
            ("404", MISSING_PAGE[language], 404),
            ("tip form", tip_form, 200),
        ]
    return found


# --------------------------------------------------------------------------- helpers


def _run_axe(page, axe_source) -> dict:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Page.evaluate goes through the DevTools protocol, which the page's CSP does not
        # govern (script-src 'self' + nonce stays in force; no bypass_csp needed): the CSP
        # collector still proves the page's own markup clean.
        page.evaluate(axe_source)
    return page.evaluate(AXE_RUN, AXE_TAGS)


def _describe(violation) -> str:
    def node_line(node):
        why = node["summary"].strip().splitlines()[-1].strip() if node["summary"] else ""
        return f"{' '.join(node['target'])} [{why}]"

    nodes = "; ".join(node_line(node) for node in violation["nodes"][:8])
    more = f" (+{len(violation['nodes']) - 8} more)" if len(violation["nodes"]) > 8 else ""
    return f"{violation['id']} ({violation['impact']}): {violation['help']} — {nodes}{more}"


def _audit(viewer: Viewer, axe_source, where: str, language: str) -> tuple[list, list]:
    """axe on the current page: (blocking problems, other findings), one line each."""
    page = viewer.page
    problems, notes = [], []
    lang = page.locator("html").get_attribute("lang")
    if lang != language:
        problems.append(f"{where}: <html lang={lang!r}>, expected {language!r}")
    csp = viewer.log.take_csp()
    if csp:
        problems.append(f"{where}: CSP violations {csp}")
    if viewer.log.page_errors:
        problems.append(f"{where}: page errors {viewer.log.page_errors}")
        viewer.log.page_errors.clear()
    results = _run_axe(page, axe_source)
    for violation in results["violations"]:
        line = f"{where}: {_describe(violation)}"
        (problems if violation["impact"] in BLOCKING else notes).append(line)
    gradient_checks = []
    for item in results["incomplete"]:
        for node in item["nodes"]:
            data = node["data"] or {}
            if item["id"] == "color-contrast" and data.get("messageKey") == "bgGradient":
                gradient_checks.append({
                    "selector": node["target"][-1],
                    "expected": float(data["expectedContrastRatio"].split(":")[0]),
                })
            else:
                notes.append(f"{where}: needs review: {item['id']} {' '.join(node['target'])} "
                             f"({data.get('messageKey', '')})")
    if gradient_checks:
        for check in page.evaluate(GRADIENT_CONTRAST, gradient_checks):
            if "error" in check:
                problems.append(f"{where}: color-contrast on {check['selector']}: "
                                f"{check['error']}")
            elif check["lowest"] < check["expected"]:
                problems.append(
                    f"{where}: color-contrast (serious): {check['selector']} has "
                    f"{check['lowest']}:1 against the header's gradient, needs "
                    f"{check['expected']}:1")
    return problems, notes


def _report(problems, notes, title):
    if notes:
        print(f"\n{title}: findings below 'serious' or for review ({len(notes)}):")
        print("\n".join(f"  {line}" for line in notes))
    assert not problems, f"{title}: {len(problems)} problem(s):\n" + "\n".join(
        f"  {line}" for line in problems)


# --------------------------------------------------------------------------- axe


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_axe_reports_no_serious_violation(viewers, targets, axe_source, viewport, language):
    viewer = viewers(viewport)
    page = viewer.page
    problems, notes = [], []
    for kind, path, status in targets[language]:
        viewer.goto(path, status)
        where = f"[{viewport} {language}] {kind} {path}"
        found, other = _audit(viewer, axe_source, where, language)
        problems += found
        notes += other
        if kind == "home" and viewport == "phone":
            # The menu's content, hidden until the reader opens it.
            page.locator("summary.menu__toggle").click()
            found, other = _audit(viewer, axe_source, f"{where} (menu open)", language)
            problems += found
            notes += other
        if kind == "contact" and viewport == "desktop":
            # The form as it comes back with its errors (the form says `novalidate`).
            with page.expect_navigation():
                page.locator("form.feedback-form button[type=submit]").click()
            summary = page.locator(".error-summary")
            if summary.count() != 1:
                problems.append(f"{where}: an empty form came back without its error summary")
            found, other = _audit(viewer, axe_source, f"{where} (errors shown)", language)
            problems += found
            notes += other
    _report(problems, notes, f"axe [{viewport} {language}]")


# --------------------------------------------------------------------------- language


def test_english_pages_have_no_unmarked_vietnamese_interface(viewers, targets):
    """<html lang="en"> must hold English: an interface string left in Vietnamese (an
    untranslated msgid) needs its English translation (or lang="vi", for a proper name)."""
    viewer = viewers("desktop")
    found: dict[str, list[str]] = {}
    for kind, path, status in targets["en"]:
        viewer.goto(path, status)
        for text in viewer.page.evaluate(INTERFACE_LANGUAGE, PROPER_NAMES):
            found.setdefault(text, []).append(kind)
    assert not found, (
        f"{len(found)} Vietnamese interface string(s) on English pages, without lang=\"vi\" "
        "(WCAG 3.1.2; most are msgids missing from the English catalogue):\n" + "\n".join(
            f"  {text!r} on {', '.join(kinds[:4])}{' …' if len(kinds) > 4 else ''}"
            for text, kinds in sorted(found.items())))


# --------------------------------------------------------------------------- keyboard


def _focus(page) -> dict | None:
    return page.evaluate(FOCUS_STATE)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_skip_link_comes_first_and_moves_focus_to_main(viewers, targets, viewport, language):
    viewer = viewers(viewport)
    page = viewer.page
    for kind, path, status in (targets[language][0], targets[language][2]):
        viewer.goto(path, status)
        page.keyboard.press("Tab")
        focused = _focus(page)
        assert focused and focused["isSkipLink"], (
            f"[{viewport}] {kind} {path}: the first Tab reached {focused}, not the skip link")
        box = page.locator("a.skip-link").bounding_box()
        assert box and box["y"] >= 0 and box["x"] >= 0 and box["width"] > 0, (
            f"[{viewport}] {path}: the focused skip link is off screen: {box}")
        page.keyboard.press("Enter")
        active = page.evaluate("() => document.activeElement.id")
        assert active == "noi-dung", (
            f"[{viewport}] {path}: the skip link left focus on #{active or '(body)'}, not <main>")
        page.keyboard.press("Tab")
        focused = _focus(page)
        assert focused and focused["inMain"], (
            f"[{viewport}] {path}: Tab after the skip link went to {focused}, outside <main>")


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_menu_opens_with_the_keyboard(viewers, targets, language):
    viewer = viewers("phone")
    page = viewer.page
    viewer.goto(targets[language][0][1])
    menu = page.locator("details.menu")
    assert not menu.evaluate("(details) => details.open"), "the phone menu starts open"
    assert not page.locator("nav.main-nav a").first.is_visible(), (
        "the menu's links show while it is closed")
    reached = []
    for _ in range(15):
        page.keyboard.press("Tab")
        focused = _focus(page)
        reached.append(focused and focused["text"])
        if focused and focused["isMenuToggle"]:
            break
    else:
        pytest.fail(f"Tab never reached the menu button; it went through {reached}")
    page.keyboard.press("Enter")
    assert menu.evaluate("(details) => details.open"), "Enter on the menu button did not open it"
    page.keyboard.press("Tab")
    focused = _focus(page)
    assert page.evaluate("() => Boolean(document.activeElement.closest('nav.main-nav'))"), (
        f"Tab after opening the menu went to {focused}, not to its first link")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert not menu.evaluate("(details) => details.open"), (
        "Space on the menu button did not close it")


def _walk(page, where, *, full: bool, open_menu: bool) -> tuple[list[str], int]:
    """Tabs through the page (from the top when ``full``, else from the breadcrumbs or <main>
    down to the footer) and returns the elements without a visible focus indicator."""
    if not full:  # (a full walk starts from a page just loaded: the top of the document)
        # Start just before the page's own content: the header and footer are the same
        # template on every page and were walked on the first one.
        page.evaluate("""() => {
          const start = document.querySelector('.breadcrumbs') || document.querySelector('main');
          if (!start.hasAttribute('tabindex')) start.setAttribute('tabindex', '-1');
          start.focus();
        }""")
    missing, seen = [], 0
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = _focus(page)
        if focused is None or (not full and focused["inFooter"]):
            break
        seen += 1
        if not focused["sized"] or not focused["visible"]:
            missing.append(
                f"{where}: <{focused['tag']}> {focused['text']!r} {focused['href'] or ''} in "
                f"{focused['region'] or 'body'}: "
                + ("has no size" if not focused["sized"] else
                   f"no visible focus indicator (changed: {focused['changed'] or 'nothing'})"))
        if open_menu and focused["isMenuToggle"] and not focused["menuOpen"]:
            page.keyboard.press("Enter")
    else:
        missing.append(f"{where}: more than {MAX_TABS} Tab stops, stopped there")
    return missing, seen


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_tab_stop_shows_focus(viewers, targets, viewport):
    viewer = viewers(viewport)
    page = viewer.page
    missing, stops = [], 0
    plan = [(target, "vi", index == 0) for index, target in enumerate(targets["vi"])]
    english = dict((kind, (kind, path, status)) for kind, path, status in targets["en"])
    plan += [(english["home"], "en", True), (english["contact"], "en", False)]
    for (kind, path, status), language, full in plan:
        viewer.goto(path, status)
        found, seen = _walk(page, f"[{viewport} {language}] {kind} {path}", full=full,
                            open_menu=viewport == "phone")
        missing += found
        stops += seen
    print(f"\n[{viewport}] {stops} Tab stops checked on {len(plan)} pages")
    assert stops > len(plan), f"[{viewport}] hardly any Tab stop was reached ({stops})"
    assert not missing, f"[{viewport}] {len(missing)} Tab stop(s) without a visible focus:\n" + \
        "\n".join(f"  {line}" for line in missing)
