"""Browser journeys against a real server: the demo data set, gunicorn, headless Chromium.

Session fixtures prepare one demo (``ttdn demo --no-serve``; one per pytest-xdist worker, as
scripts/test runs this stage with ``-n 2 --dist loadfile``) in a temporary data directory,
serve it with ``ttdn serve`` on a free port of 127.0.0.1, and launch Debian's Chromium through
Playwright. Each test gets a fresh browser context and a ``page`` whose console messages, page
errors and Content-Security-Policy violations are recorded in ``page_log``.

Chromium comes from Debian (``apt-get install chromium``), never from ``playwright install``.
"""

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"
LOG_DIR = REPO_ROOT / "test-artifacts" / "e2e-logs"
TTDN = Path(sys.executable).with_name("ttdn")
CHROMIUM = Path("/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
DEMO_PASSWORD = "demo-TTDN-2026"
DEMO_TIMEOUT = 180  # seconds; the demo usually takes 15–35 s
SERVER_START_TIMEOUT = 45

# Runs in every document before its own scripts: keeps the page's CSP violations in
# window.__cspViolations and reports each one to the test at once (survives navigation).
CSP_COLLECTOR_SCRIPT = """
(() => {
  window.__cspViolations = window.__cspViolations || [];
  document.addEventListener("securitypolicyviolation", (event) => {
    const violation = {
      page: document.location.href,
      directive: event.effectiveDirective || event.violatedDirective,
      blocked: event.blockedURI,
      source: event.sourceFile,
      line: event.lineNumber,
      sample: event.sample,
    };
    window.__cspViolations.push(violation);
    if (typeof window.__ttdnReportCspViolation === "function") {
      window.__ttdnReportCspViolation(violation);
    }
  }, true);
})();
"""


# --------------------------------------------------------------------------- server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class DemoSite:
    data_dir: Path
    port: int
    env: dict

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self) -> Path:
        return self.data_dir / "ttdn.sqlite3"

    def rows(self, sql: str) -> list[tuple]:
        """The rows of ``sql`` from the demo's database, opened read-only."""
        connection = sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> DemoSite:
    """A demo installation prepared in a temporary data directory (not yet served)."""
    if not TTDN.exists():
        pytest.fail(f"The `ttdn` command is missing at {TTDN}; run `uv sync` first.")
    data_dir = tmp_path_factory.mktemp("ttdn-e2e-data")
    port = _free_port()
    env = dict(os.environ)
    # pytest-django exports the test settings; the server must run the demo settings, on
    # SQLite in the temporary directory, whatever the developer's shell says.
    for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="ttdn.config.settings.demo",
        TTDN_DATA_DIR=str(data_dir),
        TTDN_BASE_URL=f"http://127.0.0.1:{port}",
        PYTHONUNBUFFERED="1",
    )
    try:
        result = subprocess.run(
            [str(TTDN), "demo", "--no-serve", "--port", str(port)],
            env=env,
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=DEMO_TIMEOUT,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"`ttdn demo --no-serve` took more than {DEMO_TIMEOUT} s: {exc.stdout}")
    if result.returncode != 0:
        pytest.fail(
            f"`ttdn demo --no-serve` failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
        )
    return DemoSite(data_dir=data_dir, port=port, env=env)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback URL
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@pytest.fixture(scope="session")
def server(demo_site) -> DemoSite:
    """``ttdn serve`` (gunicorn) on the demo data, stopped at the end of the session."""
    log_path = demo_site.data_dir / "server.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [str(TTDN), "serve", "--port", str(demo_site.port)],
        env=demo_site.env,
        cwd=REPO_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        login_url = f"{demo_site.base_url}/admin/login/"
        while not _answers(login_url):
            if process.poll() is not None:
                pytest.fail(
                    f"`ttdn serve` exited with {process.returncode}:\n"
                    f"{log_path.read_text()[-5000:]}"
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"`ttdn serve` did not answer {login_url} within "
                    f"{SERVER_START_TIMEOUT} s:\n{log_path.read_text()[-5000:]}"
                )
            time.sleep(0.2)
        yield demo_site
    finally:
        process.send_signal(signal.SIGINT)  # gunicorn: quick shutdown (SIGTERM is graceful)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        log.close()
        # Keep the server's log (tracebacks of any 500) next to the screenshots.
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            # One server per pytest-xdist worker (scripts/test runs this stage with -n 2).
            worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
            (LOG_DIR / f"server-{worker}.log").write_text(log_path.read_text())


@pytest.fixture(scope="session")
def base_url(server) -> str:
    return server.base_url


@pytest.fixture(scope="session")
def demo_units(demo_site) -> dict[str, dict[str, int]]:
    """Unit ids of the demo by commune name: ``{"Cẩm Tân": {unit name: id}, ...}``."""
    rows = demo_site.rows(
        "SELECT c.name, u.name, u.id FROM org_unit u JOIN org_commune c ON c.id = u.commune_id")
    units: dict[str, dict[str, int]] = {}
    for commune, unit, pk in rows:
        units.setdefault(commune, {})[unit] = pk
    assert {"Cẩm Tân", "Cẩm Thạch"} <= units.keys(), f"demo communes missing: {units.keys()}"
    return units


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: install the Debian package `chromium` "
            "(apt-get install -y --no-install-recommends chromium). "
            "Do not use `playwright install`."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class PageLog:
    """What the browser said while a test ran."""

    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[dict] = field(default_factory=list)

    def csp_console_errors(self) -> list[str]:
        return [line for line in self.console if "Content Security Policy" in line]

    def take_csp(self) -> list[str]:
        """CSP violations seen since the last call, one line each, then forgets them.

        Each ``securitypolicyviolation`` event counts; a console report of a violation counts
        too unless an event already named the same blocked resource.
        """
        found = []
        for violation in self.csp_violations:
            line = f"{violation['directive']} blocked {violation['blocked'] or '(inline)'}"
            if violation.get("source"):
                line += f" ({violation['source']}:{violation['line']})"
            if line not in found:
                found.append(line)
        blocked = {violation["blocked"] for violation in self.csp_violations}
        for line in self.csp_console_errors():
            if not any(uri and uri in line for uri in blocked) and line not in found:
                found.append(line)
        self.csp_violations.clear()
        self.console[:] = [line for line in self.console if "Content Security Policy" not in line]
        return found

    def dump(self) -> str:
        return "\n".join(
            [
                "console:",
                *self.console,
                "page errors:",
                *self.page_errors,
                "CSP violations:",
                *map(str, self.csp_violations),
            ]
        )


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


def open_page(browser, base_url, page_log):
    """A fresh context (no cookies), Vietnamese browser, with the CSP collector installed;
    returns (context, page). Console messages, page errors and CSP violations go to
    ``page_log``."""
    context = browser.new_context(
        base_url=base_url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    context.add_init_script(CSP_COLLECTOR_SCRIPT)

    def record_csp_violation(violation):
        page_log.csp_violations.append(violation)

    context.expose_function("__ttdnReportCspViolation", record_csp_violation)
    page = context.new_page()
    page.on(
        "console",
        lambda message: page_log.console.append(f"[{message.type}] {page.url}: {message.text}"),
    )
    page.on("pageerror", lambda error: page_log.page_errors.append(f"{page.url}: {error}"))
    return context, page


@pytest.fixture
def page(browser, base_url, page_log, request):
    context, page = open_page(browser, base_url, page_log)
    yield page
    context.close()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        (LOG_DIR / f"{request.node.name}.log").write_text(page_log.dump())


# The Wagtail admin scrolls inside its own containers, so Playwright's full_page alone stops at
# the viewport: measure the tallest scrolling box and grow the viewport for the shot.
CONTENT_HEIGHT_SCRIPT = """
() => Math.max(
  document.documentElement.scrollHeight,
  ...Array.from(document.querySelectorAll("body *"))
    .filter((el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowY))
    .map((el) => el.scrollHeight + el.getBoundingClientRect().top),
)
"""
MAX_SCREENSHOT_HEIGHT = 8000


def full_page_screenshot(page, name: str) -> Path:
    """Save test-artifacts/screenshots/<name>.png of the whole page."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    viewport = page.viewport_size
    height = min(int(page.evaluate(CONTENT_HEIGHT_SCRIPT)), MAX_SCREENSHOT_HEIGHT)
    if height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": height})
    try:
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        if height > viewport["height"]:
            page.set_viewport_size(viewport)
    return path


@pytest.fixture
def screenshot(page, request):
    """``screenshot("step")`` saves test-artifacts/screenshots/<test>-<step>.png (full page)."""
    return lambda step: full_page_screenshot(page, f"{request.node.name}-{step}")


# --------------------------------------------------------------------------- portal

# The address prefix of each content language (ttdn/portal/languages.py: the default language
# unprefixed, every other one under its code).
PORTAL_PREFIXES = {"vi": "", "en": "/en"}


@dataclass(frozen=True)
class PortalAddress:
    """One live page of the demo's default portal (Cẩm Tân): its id and public path."""

    id: int
    path: str
    has_gallery: bool = False


@pytest.fixture(scope="session")
def portal_pages(demo_site) -> dict[str, dict[str, list[PortalAddress]]]:
    """The live pages of the default site's portal (Cẩm Tân, served on 127.0.0.1) by language
    and page type, in tree order: ``{"vi": {"newspage": [PortalAddress(…)], …}, "en": …}``.

    Read from the demo's database: each page's public path is its ``url_path`` below its
    language's home page, behind the language's prefix.
    """
    homes = demo_site.rows(
        "SELECT l.language_code, p.url_path FROM wagtailcore_site s"
        " JOIN wagtailcore_page root ON root.id = s.root_page_id"
        " JOIN wagtailcore_page p ON p.translation_key = root.translation_key"
        "  AND p.depth = root.depth"
        " JOIN wagtailcore_locale l ON l.id = p.locale_id"
        " WHERE s.is_default_site = 1")
    rows = demo_site.rows(
        "SELECT p.id, p.url_path, ct.model, l.language_code,"
        " EXISTS (SELECT 1 FROM portal_galleryimage g WHERE g.page_id = p.id)"
        " FROM wagtailcore_page p"
        " JOIN django_content_type ct ON ct.id = p.content_type_id"
        " JOIN wagtailcore_locale l ON l.id = p.locale_id"
        " WHERE p.live = 1 AND ct.app_label = 'portal' ORDER BY p.path")
    home_paths = dict(homes)
    assert set(PORTAL_PREFIXES) <= home_paths.keys(), f"portal home pages: {home_paths}"
    pages: dict[str, dict[str, list[PortalAddress]]] = {code: {} for code in PORTAL_PREFIXES}
    for pk, url_path, model, language, gallery in rows:
        home = home_paths.get(language)
        if language not in PORTAL_PREFIXES or not url_path.startswith(home):
            continue  # another commune's tree
        path = f"{PORTAL_PREFIXES[language]}/{url_path.removeprefix(home)}"
        pages[language].setdefault(model, []).append(PortalAddress(pk, path, bool(gallery)))
    return pages
