"""A static copy of one commune's public site (``ttdn portal export DIR``), for any static web
server to serve while the application is down or under attack.

Every file is what the application itself answers: each address is requested through Django's
test client with the site's host name, so the copy holds the same bytes a reader would get.
Nothing is rewritten: the pages' links are root-relative or absolute on the site's own host,
which both work when the copy is served under the site's host name.

What the copy holds, and the file each address becomes:

* every live public page in every language — ``/tin-tuc/`` → ``tin-tuc/index.html``;
* the listings' own sub-pages: each published clarification (``clarifications.published_for``)
  and each directive document (``documents.export_paths(index)``: the paths, relative to the
  index page, of its detail pages and downloads);
* the feeds — ``/tin-tuc/rss/`` → ``tin-tuc/rss/index.xml``, ``…/atom/index.xml`` — and the
  digest (``ban-tin/index.json``): an address ending in "/" becomes ``index.<ext>``, the
  extension named by the answer's type, so a server sends the right type. A plain server
  (``python -m http.server``) serves them at ``/tin-tuc/rss/index.xml``; nginx also at the
  application's own address with ``index index.html index.xml index.json;``;
* ``sitemap.xml``, ``robots.txt``; ``404.html`` (and ``en/404.html``) for ``error_page 404``;
* the files the pages use: style sheets (and what they import: fonts, pictures), scripts,
  images and renditions (``/media/images/`` only: originals are never public), icons, and the
  documents and static files the pages link to;
* ``khong-kha-dung/index.html``: forms (contact, search, tip form) cannot work on a static
  server; they are left pointing at their usual addresses, which work again as soon as the
  application is back, and this page (both languages) explains, for the server to show instead
  (nginx: ``error_page 405 /khong-kha-dung/;``);
* ``.ttdn-export.json``: what was exported, when, and each file's type and size.

Only the first page of a paginated listing exists statically (a static server ignores
``?page=2``). Any page, feed or file the pages use that does not answer 200 stops the export,
and nothing is left behind; files a page merely links to (a document that needs signing in)
are left out with a note.

Safety: DIR must be empty or absent; ``force`` replaces only an earlier export (one holding
``.ttdn-export.json``), never another folder. The copy is written into a hidden folder beside
DIR (``.DIR.export-…``), which is renamed to DIR when complete, so a server never serves half a
copy (where DIR's parent is not writable, an empty DIR is written in place). Every file's path
is checked to stay inside that folder, whatever the address it comes from.
"""

import json
import mimetypes
import posixpath
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from ttdn.core.errors import ApplicationError

from .feeds import FEED_CLASSES, SECTION_KINDS, published_clarifications
from .languages import content_languages, default_language, prefix_of
from .models import ClarificationIndexPage, DocumentIndexPage, HomePage
from .sitemaps import site_pages

MARKER = ".ttdn-export.json"
EXPORT_FORMAT = "ttdn.portal.export/1"
NOTICE_PATH = "/khong-kha-dung/"
MISSING_PATH = "ttdn-trang-khong-ton-tai/"
# The part of MEDIA_ROOT a web server serves (docs/operations.md): renditions, not originals.
PUBLIC_MEDIA = "images/"
# Answers that leave a document's download out of the copy instead of stopping the export.
UNAVAILABLE = frozenset({503})
_EXTENSIONS = {"text/html": "html", "application/json": "json", "text/plain": "txt"}
_ASSET_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload",
               "manifest", "mask-icon", "prefetch"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


class ExportError(ApplicationError):
    pass


@dataclass
class ExportResult:
    directory: Path
    pages: int = 0
    files: int = 0
    bytes: int = 0
    notes: list[str] = field(default_factory=list)


# The target folder -------------------------------------------------------------------------


def check_target(target: Path, *, force: bool) -> None:
    if target.is_symlink():
        raise ExportError(_("“%(path)s” là một liên kết tượng trưng; hãy chỉ thẳng tới thư mục.")
                          % {"path": target})
    if target.exists() and not target.is_dir():
        raise ExportError(_("“%(path)s” đã có và không phải là thư mục.") % {"path": target})
    if target.is_dir() and any(target.iterdir()):
        if not force:
            raise ExportError(_(
                "Thư mục “%(path)s” không trống. Hãy chọn một thư mục trống hoặc chưa có, hoặc "
                "dùng --force để thay bản xuất trước đó."
            ) % {"path": target})
        if not (target / MARKER).is_file():
            raise ExportError(_(
                "Thư mục “%(path)s” không trống và không phải là bản xuất trước đó của trang "
                "thông tin: không ghi đè, kể cả với --force."
            ) % {"path": target})


def _swap_in(staging: Path, target: Path) -> None:
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
    if not target.exists():
        staging.rename(target)
        return
    previous = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
    previous.rmdir()
    target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous)


class _Folder:
    """Writes files under ``root`` only, whatever the address they come from."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.files: dict[str, tuple[str, int]] = {}

    def path_for(self, url_path: str, content_type: str) -> str:
        if url_path.endswith("/"):
            url_path += "index." + extension_of(content_type)
        parts = unquote(url_path).strip("/").split("/")
        if any(part in ("", ".", "..") or "\\" in part or "\x00" in part for part in parts):
            raise ExportError(_("Địa chỉ không hợp lệ để ghi ra tệp: %(path)s")
                              % {"path": url_path})
        return "/".join(parts)

    def write(self, relative: str, content: bytes, content_type: str) -> None:
        destination = (self.root / relative).resolve()
        if not destination.is_relative_to(self.root):
            raise ExportError(_("Địa chỉ không hợp lệ để ghi ra tệp: %(path)s")
                              % {"path": relative})
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(content)
        self.files[relative] = (content_type, len(content))


def extension_of(content_type: str) -> str:
    kind = content_type.split(";")[0].strip().lower()
    if kind in _EXTENSIONS:
        return _EXTENSIONS[kind]
    if kind.endswith("xml"):
        return "xml"
    return (mimetypes.guess_extension(kind) or ".bin").lstrip(".")


# Reading the pages for the files they use --------------------------------------------------


class _References(HTMLParser):
    """The addresses a page uses: ``assets`` (loaded with it) and ``links`` (followed)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.assets: list[str] = []
        self.links: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "link":
            rels = set(attrs.get("rel", "").lower().split())
            (self.assets if rels & _ASSET_RELS else self.links).append(attrs.get("href", ""))
        elif tag == "a":
            self.links.append(attrs.get("href", ""))
        elif tag == "meta" and attrs.get("content", "").startswith(("/", "http")) and (
            attrs.get("property", attrs.get("name", "")).endswith(":image")
        ):
            self.assets.append(attrs["content"])
        for name in ("src", "poster", "data-src"):
            if attrs.get(name) and tag != "a":
                self.assets.append(attrs[name])
        for name in ("srcset", "imagesrcset"):
            for candidate in attrs.get(name, "").split(","):
                if candidate.strip():
                    self.assets.append(candidate.split()[0])
        if attrs.get("style"):
            self.assets.extend(css_references(attrs["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.assets.extend(css_references(data))


def css_references(text: str) -> list[str]:
    return [match.group(2) or match.group(4) for match in _CSS_URL.finditer(text)]


# The export --------------------------------------------------------------------------------


class _Exporter:
    def __init__(self, site, folder: _Folder):
        self.site = site
        self.folder = folder
        self.host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
        self.secure = site.port == 443 or settings.SECURE_SSL_REDIRECT
        extra = {"HTTP_X_FORWARDED_PROTO": "https"} if self.secure else {}
        # A view's exception becomes its 500 answer (logged as usual), listed with the others.
        self.client = Client(raise_request_exception=False, HTTP_HOST=self.host, **extra)
        self.base = f"{'https' if self.secure else 'http'}://{self.host}"
        self.done: set[str] = set()
        self.failures: list[str] = []
        self.result = ExportResult(directory=folder.root)
        self.file_prefixes = (settings.STATIC_URL, settings.MEDIA_URL, "/documents/")

    def run(self) -> None:
        for page in site_pages(self.site):
            path = self.path_of(page)
            if path is None:
                continue
            self.fetch(path)
            self.routes_of(page, path)
        for path in ("/sitemap.xml", "/robots.txt"):
            self.fetch(path)
        self.not_found_pages()
        self.notice_page()
        if self.failures:
            listed = "\n".join(f"  - {failure}" for failure in self.failures[:20])
            raise ExportError(_(
                "Không xuất được bản tĩnh: %(count)s địa chỉ không trả về đúng nội dung "
                "(cần mã 200):\n%(list)s"
            ) % {"count": len(self.failures), "list": listed})

    def path_of(self, page) -> str | None:
        parts = page.get_url_parts()
        return parts[2] if parts and parts[2] else None

    def routes_of(self, page, path: str) -> None:
        if isinstance(page, HomePage):
            self.fetch(path + page.reverse_subpage("digest"))
        if type(page) in SECTION_KINDS:
            for kind in FEED_CLASSES:
                self.fetch(path + page.reverse_subpage(kind))
        if isinstance(page, ClarificationIndexPage):
            for item in published_clarifications(page):
                self.fetch(urljoin(self.base + path, item.url))
        if isinstance(page, DocumentIndexPage):
            sub_paths = document_paths(page)
            if sub_paths is None:
                self.result.notes.append(_(
                    "Chưa xuất được các văn bản của mục “%(title)s” (mục văn bản chưa cho biết "
                    "danh sách)."
                ) % {"title": page.title})
            # A download the server cannot make now (a PDF without LibreOffice: 503) is left
            # out with a note; the page saying so stays on the live site only.
            for sub_path in sub_paths or []:
                self.fetch(path + sub_path.lstrip("/"), tolerated=UNAVAILABLE)

    def local_path(self, address: str, base: str = "/") -> str | None:
        """The path of an address on this site, or None for another site or scheme."""
        address = address.strip()
        if not address or address.startswith(("#", "data:", "mailto:", "tel:", "javascript:")):
            return None
        parts = urlsplit(urljoin(self.base + base, address))
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != self.host.lower():
            return None
        path = posixpath.normpath(parts.path or "/")  # still %-encoded, as requested
        return path + "/" if parts.path.endswith("/") and path != "/" else path

    def get(self, path: str):
        # A page activates its own language; the export's messages keep the command's.
        with translation.override(translation.get_language()):
            return self.client.get(path, secure=self.secure)

    def fetch(self, address: str, *, required: bool = True, tolerated=frozenset()):
        path = self.local_path(address)
        if path is None or path in self.done:
            return None
        self.done.add(path)
        if path.startswith(settings.MEDIA_URL):
            return self.media_file(path, required=required)
        response = self.get(path)
        # Reading a streamed answer to its end closes it, as a WSGI server would.
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code != 200:
            if path.startswith(settings.STATIC_URL) and self.static_file(path):
                return None
            if required and response.status_code not in tolerated:
                self.failures.append(f"{path} → {response.status_code}")
            else:
                self.result.notes.append(_("Bỏ qua %(path)s (mã %(status)s).")
                                         % {"path": path, "status": response.status_code})
            return None
        content_type = response.get("Content-Type", "application/octet-stream")
        self.store(path, content, content_type)
        return content

    def store(self, path: str, content: bytes, content_type: str, *, name: str | None = None,
              is_page: bool = True) -> None:
        """Writes one answer, then fetches what it uses (a page's assets, a style sheet's)."""
        relative = name or self.folder.path_for(path, content_type)
        self.folder.write(relative, content, content_type)
        self.result.files += 1
        self.result.bytes += len(content)
        kind = content_type.split(";")[0].strip()
        if kind == "text/html":
            self.result.pages += is_page
            self.follow_html(path, content)
        elif kind == "text/css":
            for reference in css_references(content.decode("utf-8", "replace")):
                self.asset(reference, base=path)

    def follow_html(self, path: str, content: bytes) -> None:
        references = _References()
        references.feed(content.decode("utf-8", "replace"))
        for address in references.assets:
            self.asset(address, base=path)
        for address in references.links:
            target = self.local_path(address, base=path)
            if target and target.startswith(self.file_prefixes):
                self.fetch(target, required=False)

    def asset(self, address: str, base: str) -> None:
        target = self.local_path(address, base=base)
        if target is not None:
            self.fetch(target)

    def media_file(self, path: str, *, required: bool) -> None:
        name = unquote(path.removeprefix(settings.MEDIA_URL))
        if not name.startswith(PUBLIC_MEDIA) or not default_storage.exists(name):
            if required:
                self.failures.append(f"{path} → 404")
            else:
                self.result.notes.append(_("Bỏ qua %(path)s (tệp không công khai hoặc không "
                                           "có).") % {"path": path})
            return
        with default_storage.open(name) as handle:
            content = handle.read()
        self.store(path, content, mimetypes.guess_type(name)[0] or "application/octet-stream")

    def static_file(self, path: str) -> bool:
        """A static file from the apps when no server of static files answers (no
        collectstatic yet)."""
        found = finders.find(unquote(path.removeprefix(settings.STATIC_URL)))
        if not found:
            return False
        content = Path(found).read_bytes()
        self.store(path, content, mimetypes.guess_type(found)[0] or "application/octet-stream")
        return True

    def not_found_pages(self) -> None:
        for language in content_languages():
            path = f"/{prefix_of(language)}{MISSING_PATH}"
            response = self.get(path)
            if response.status_code != 404:
                self.failures.append(f"{path} → {response.status_code} (404)")
                continue
            name = f"{prefix_of(language)}404.html"
            self.store(path, response.content, response["Content-Type"], name=name,
                       is_page=False)

    def notice_page(self) -> None:
        self.store(NOTICE_PATH, notice_html().encode(), "text/html; charset=utf-8",
                   is_page=False)
        self.done.add(NOTICE_PATH)


def document_paths(index) -> list[str] | None:
    """The document section's sub-paths to copy (``documents.export_paths``), or None while
    that module does not offer them."""
    from . import documents

    export_paths = getattr(documents, "export_paths", None)
    return None if export_paths is None else export_paths(index)


def notice_html() -> str:
    """The page a static server shows for what only the application can do (forms)."""
    sections = []
    for language in [default_language(), *content_languages()]:
        with translation.override(language):
            sections.append((
                language,
                _("Chức năng này tạm thời không dùng được"),
                _("Đây là bản sao tĩnh của trang thông tin điện tử, dùng khi hệ thống đang bảo "
                  "trì hoặc gặp sự cố. Các biểu mẫu (liên hệ, tìm kiếm, báo tin sai sự thật) "
                  "tạm thời không hoạt động; xin vui lòng quay lại sau."),
                f"/{prefix_of(language)}",
                _("Về trang chủ"),
            ))
    # Each language once, and only where its text is translated.
    sections = [section for number, section in enumerate(sections)
                if number == 0 or (section[0] != sections[0][0] and section[2] != sections[0][2])]
    body = format_html_join(
        "\n", '<section lang="{}"><h1>{}</h1><p>{}</p><p><a href="{}">{}</a></p></section>',
        sections,
    )
    return format_html(
        '<!DOCTYPE html>\n<html lang="{}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{}</title></head><body><main>{}</main></body></html>\n",
        default_language(), sections[0][1], body,
    )


def export_site(site, directory, *, force: bool = False) -> ExportResult:
    """Writes the static copy of ``site`` into ``directory`` (see the module's docstring)."""
    target = Path(directory).absolute()
    check_target(target, force=force)
    staging, in_place = _staging_for(target)
    try:
        folder = _Folder(staging)
        exporter = _Exporter(site, folder)
        # The per-address limit on PDF conversions protects the live site from readers; the
        # export is the operator's own run and needs every document once.
        with override_settings(TTDN_PORTAL_PDF_RATE=(1_000_000, 1)):
            exporter.run()
        manifest = {
            "format": EXPORT_FORMAT,
            "site": site.root_url,
            "exported_at": timezone.localtime().replace(microsecond=0).isoformat(),
            "pages": exporter.result.pages,
            "files": {path: {"content_type": kind, "bytes": size}
                      for path, (kind, size) in sorted(folder.files.items())},
        }
        (staging / MARKER).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        if not in_place:
            _swap_in(staging, target)
    except BaseException:
        if in_place:
            for child in staging.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        else:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    exporter.result.directory = target
    return exporter.result


def _staging_for(target: Path) -> tuple[Path, bool]:
    """A new folder beside ``target`` to write into (moved into place when complete); or,
    where the parent folder is not writable, ``target`` itself when it is empty."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.export-"))
    except PermissionError as exc:
        if target.is_dir() and not any(target.iterdir()):
            return target, True
        raise ExportError(_(
            "Không ghi được vào thư mục chứa “%(path)s”; hãy chọn nơi khác, hoặc tạo sẵn thư "
            "mục đích (trống) với quyền ghi."
        ) % {"path": target}) from exc
    staging.chmod(0o755)  # a web server running as another user reads it
    return staging, False
