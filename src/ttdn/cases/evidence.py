"""Sealed evidence packages for escalating a false-information case to the commune police.

A pure module: no database, no models. The caller turns a case into :class:`EvidenceData`
(every string already a Vietnamese display label) and gets back either

* :func:`build_zip` — a ZIP with ``README.txt``, ``manifest.json`` (case, links, timeline,
  verification log, takedown requests, and for every file its path, size, media type, capture
  time and SHA-256), ``manifest.sha256`` (``sha256sum -c`` format) and the original files under
  ``files/NN-<ascii name>``; or
* :func:`build_pdf` — a printable A4 report rendered by WeasyPrint from
  ``cases/evidence_package.html``, images shown inline, the original files and ``manifest.json``
  attached inside the PDF.

Both are **sealed** with one ASCII line, ``TTDN-SEAL v1 sha256=<hex> hmac=<hex>``:

* ZIP — the line is the archive comment (end-of-central-directory comment). It covers every byte
  before the comment, including the EOCD's comment-length field;
* PDF — the line, prefixed with ``%`` and ended by ``\\n``, follows the final ``%%EOF``. PDF
  readers ignore bytes after ``%%EOF``; it covers every byte before it.

``sha256`` lets anyone check integrity; ``hmac`` (HMAC-SHA256 through
:func:`django.utils.crypto.salted_hmac`, so keyed by ``SECRET_KEY``) shows that this platform
made the seal. :func:`verify` also accepts seals made with a key in ``SECRET_KEY_FALLBACKS``.
When ``SECRET_KEY`` is rotated without keeping the old key as a fallback, old packages can still
be checked by SHA-256 only: the report then says the signature could not be checked ("không
kiểm tra được chữ ký (khóa đã đổi)") — ``sha256_ok`` stays true, ``hmac_ok`` and ``ok`` are
false, since a forged seal would look exactly the same.

Any single changed, removed or appended byte — in the content or in the seal line itself — makes
:func:`verify` return ``ok=False``. ``ttdn evidence verify FILE…`` is the command-line front.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import mimetypes
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext

from ttdn.core.text import fold

__all__ = [
    "EvidenceData",
    "EvidenceEntry",
    "EvidenceFile",
    "TakedownLine",
    "VerifyResult",
    "build_pdf",
    "build_zip",
    "manifest_json",
    "render_html",
    "safe_name",
    "verify",
]

FORMAT = "TTDN-EVIDENCE v1"
SEAL_PREFIX = b"TTDN-SEAL v1 "
HMAC_SALT = "ttdn.cases.evidence"
INLINE_IMAGE_TYPES = ("image/png", "image/jpeg", "image/webp")
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "cases/evidence_package.html"

_SEAL_RE = re.compile(rb"TTDN-SEAL v1 sha256=([0-9a-f]{64}) hmac=([0-9a-f]{64})")
_SEAL_LENGTH = len(b"TTDN-SEAL v1 sha256= hmac=") + 128
_PDF_SEAL_LENGTH = _SEAL_LENGTH + 2  # "%" before, "\n" after
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_META_FILES = ("README.txt", "manifest.json", "manifest.sha256")
_MANIFEST_LIMIT = 16 * 1024 * 1024
_CHUNK = 1024 * 1024


# ---------------------------------------------------------------------------------------------
# Package content
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceFile:
    """One original file: a screenshot, a saved page, a recording…"""

    name: str
    content: bytes = field(repr=False)
    media_type: str
    captured_at: datetime | None
    note: str = ""


@dataclass(frozen=True)
class EvidenceEntry:
    """One line of the verification log."""

    at: datetime
    author: str
    text: str


@dataclass(frozen=True)
class TakedownLine:
    """One takedown request sent to a platform."""

    platform: str
    url: str
    status: str
    sent_on: date | None
    resolved_on: date | None


@dataclass(frozen=True)
class EvidenceData:
    """Everything a package says about a case. Strings are Vietnamese display labels."""

    case_ref: str
    commune: str
    claim: str
    category: str
    verdict: str
    status: str
    links: tuple[str, ...]
    first_seen: datetime | None
    received_at: datetime
    escalated_at: datetime | None
    escalated_by: str
    generated_at: datetime
    generated_by: str
    files: tuple[EvidenceFile, ...]
    log: tuple[EvidenceEntry, ...]
    takedowns: tuple[TakedownLine, ...]


@dataclass(frozen=True)
class VerifyResult:
    """The verdict on one package. ``problems`` are Vietnamese sentences for people."""

    ok: bool
    kind: Literal["zip", "pdf"] | None
    sha256_ok: bool
    hmac_ok: bool
    problems: tuple[str, ...]


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def _nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


def _aware(value: datetime) -> datetime:
    """Naive datetimes are read in the current time zone, as Django does."""
    if timezone.is_naive(value):
        return timezone.make_aware(value, timezone.get_current_timezone())
    return value


def _iso(value: datetime | date | None) -> str | None:
    """ISO-8601; datetimes in UTC with a ``Z``."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _aware(value).astimezone(UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hmac(prefix: bytes, secret: str | bytes | None = None) -> str:
    from django.utils.crypto import salted_hmac

    return salted_hmac(HMAC_SALT, prefix, secret=secret, algorithm="sha256").hexdigest()


def _hmac_matches(prefix: bytes, expected: str) -> bool:
    from django.conf import settings

    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())]
    return any(hmac.compare_digest(_hmac(prefix, secret), expected) for secret in secrets)


def _seal_line(prefix: bytes) -> bytes:
    line = f"TTDN-SEAL v1 sha256={_sha256(prefix)} hmac={_hmac(prefix)}".encode("ascii")
    assert len(line) == _SEAL_LENGTH
    return line


def safe_name(name: str, media_type: str = "") -> str:
    """An ASCII file name for inside the package: "Ảnh chụp (1).PNG" → "anh-chup-1.png"."""
    folded = fold(_nfc(PurePosixPath(name.replace("\\", "/")).name)).lower()
    stem, dot, suffix = folded.rpartition(".")
    if not dot:
        stem, suffix = folded, ""
    stem = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:60].strip("-") or "tep"
    suffix = re.sub(r"[^a-z0-9]+", "", suffix)[:10]
    if not suffix and media_type:
        guessed = mimetypes.guess_extension(media_type, strict=False) or ""
        suffix = guessed.lstrip(".")
    return f"{stem}.{suffix}" if suffix else stem


def _file_paths(files: tuple[EvidenceFile, ...]) -> list[str]:
    width = max(2, len(str(len(files))))
    return [
        f"files/{index:0{width}d}-{safe_name(item.name, item.media_type)}"
        for index, item in enumerate(files, start=1)
    ]


def _sniffed_image_type(content: bytes) -> str | None:
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    return None


# ---------------------------------------------------------------------------------------------
# Manifest and README
# ---------------------------------------------------------------------------------------------


def _readme(data: EvidenceData) -> bytes:
    lines = [
        gettext("GÓI CHỨNG CỨ THÔNG TIN SAI SỰ THẬT"),
        gettext("Mã hồ sơ: %(ref)s — %(commune)s")
        % {"ref": _nfc(data.case_ref), "commune": _nfc(data.commune)},
        gettext("Lập lúc: %(when)s, người lập: %(who)s")
        % {"when": _display_datetime(data.generated_at), "who": _nfc(data.generated_by)},
        "",
        gettext(
            "Gói này do nền tảng TTĐN lập khi chuyển vụ việc thông tin sai sự thật cho Công an "
            "xã. Gói gồm:"
        ),
        gettext("  - README.txt: hướng dẫn này;"),
        gettext(
            "  - manifest.json: thông tin vụ việc, đường dẫn, mốc thời gian, nhật ký xác minh, "
            "yêu cầu gỡ bỏ và danh mục tệp kèm mã băm SHA-256 của từng tệp;"
        ),
        gettext("  - manifest.sha256: mã băm SHA-256 của manifest.json;"),
        gettext("  - thư mục files/: các tệp chứng cứ gốc, giữ nguyên từng byte."),
        "",
        gettext(
            "Toàn bộ tệp ZIP được niêm phong: phần chú thích (comment) của tệp ZIP là dòng "
            "“TTDN-SEAL v1 sha256=… hmac=…”, gồm mã băm SHA-256 và chữ ký HMAC của mọi byte "
            "đứng trước nó. Chỉ cần một byte bị thay đổi, thêm hoặc bớt là dấu niêm phong "
            "không còn khớp."
        ),
        "",
        gettext("CÁCH KIỂM TRA"),
        gettext("  1. Trên máy chủ TTĐN, giữ nguyên tệp ZIP (không giải nén rồi nén lại), chạy:"),
        "       ttdn evidence verify TÊN_TỆP",
        gettext(
            "     Lệnh kiểm tra dấu niêm phong, chữ ký, manifest.sha256 và mã băm của từng tệp, "
            "rồi báo HỢP LỆ hoặc liệt kê chỗ không khớp."
        ),
        gettext(
            "  2. Không có TTĐN: giải nén, chạy “sha256sum -c manifest.sha256”, rồi so mã băm "
            "SHA-256 của từng tệp trong thư mục files/ với manifest.json (ví dụ “sha256sum "
            "files/*”). Cách này không kiểm tra được chữ ký niêm phong."
        ),
        "",
        gettext(
            "Thời điểm trong manifest.json theo chuẩn ISO-8601, giờ UTC (giờ Việt Nam = UTC + 7)."
        ),
    ]
    text = "\r\n".join(_nfc(line) for line in lines) + "\r\n"
    return b"\xef\xbb\xbf" + text.encode("utf-8")  # BOM + CRLF: opens right in Windows Notepad


def _manifest(data: EvidenceData, readme: bytes) -> dict:
    paths = _file_paths(data.files)
    return {
        "format": FORMAT,
        "case_ref": _nfc(data.case_ref),
        "commune": _nfc(data.commune),
        "claim": _nfc(data.claim),
        "category": _nfc(data.category),
        "verdict": _nfc(data.verdict),
        "status": _nfc(data.status),
        "links": [_nfc(link) for link in data.links],
        "first_seen": _iso(data.first_seen),
        "received_at": _iso(data.received_at),
        "escalated_at": _iso(data.escalated_at),
        "escalated_by": _nfc(data.escalated_by),
        "generated_at": _iso(data.generated_at),
        "generated_by": _nfc(data.generated_by),
        "readme": {"path": "README.txt", "size": len(readme), "sha256": _sha256(readme)},
        "files": [
            {
                "path": path,
                "name": _nfc(item.name),
                "size": len(item.content),
                "media_type": item.media_type,
                "captured_at": _iso(item.captured_at),
                "sha256": _sha256(item.content),
                "note": _nfc(item.note),
            }
            for path, item in zip(paths, data.files, strict=True)
        ],
        "verification_log": [
            {"at": _iso(entry.at), "author": _nfc(entry.author), "text": _nfc(entry.text)}
            for entry in data.log
        ],
        "takedowns": [
            {
                "platform": _nfc(line.platform),
                "url": _nfc(line.url),
                "status": _nfc(line.status),
                "sent_on": _iso(line.sent_on),
                "resolved_on": _iso(line.resolved_on),
            }
            for line in data.takedowns
        ],
    }


def manifest_json(data: EvidenceData) -> bytes:
    """The ``manifest.json`` bytes of a package (the same in the ZIP and attached to the PDF)."""
    manifest = _manifest(data, _readme(data))
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# ZIP
# ---------------------------------------------------------------------------------------------


def build_zip(data: EvidenceData) -> bytes:
    """The sealed ZIP package: same input, same bytes."""
    readme = _readme(data)
    manifest = (
        json.dumps(_manifest(data, readme), ensure_ascii=False, indent=2) + "\n"
    ).encode("utf-8")
    entries = [
        ("README.txt", readme),
        ("manifest.json", manifest),
        ("manifest.sha256", f"{_sha256(manifest)}  manifest.json\n".encode("ascii")),
        *zip(_file_paths(data.files), (item.content for item in data.files), strict=True),
    ]
    stamp = timezone.localtime(_aware(data.generated_at)).timetuple()[:6]
    stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
    placeholder = b"0" * _SEAL_LENGTH
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, content, compresslevel=9)
        archive.comment = placeholder
    raw = buffer.getvalue()
    if not raw.endswith(placeholder):  # the comment must be the last bytes of the archive
        raise RuntimeError("zipfile did not end the archive with its comment")
    prefix = raw[:-_SEAL_LENGTH]
    return prefix + _seal_line(prefix)


# ---------------------------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------------------------


def _display_datetime(value: datetime | None) -> str:
    if value is None:
        return "—"
    local = timezone.localtime(_aware(value))
    offset = local.strftime("%z")
    return gettext("%(time)s ngày %(date)s (UTC%(offset)s)") % {
        "time": local.strftime("%H:%M:%S"),
        "date": local.strftime("%d/%m/%Y"),
        "offset": f"{offset[:3]}:{offset[3:]}",
    }


def _display_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _display_size(size: int) -> str:
    return gettext("%(size)s byte") % {"size": f"{size:,}".replace(",", ".")}


def _css_string(text: str) -> str:
    """The inside of a CSS string literal, with nothing HTML-special in it: only ASCII letters,
    digits and ``\\hhhhhh `` escapes (the space after one is part of it), so autoescaping leaves
    it alone inside <style>."""
    return "".join(
        ch if ch.isascii() and ch.isalnum() else f"\\{ord(ch):06x} " for ch in _nfc(text)
    )


def _pdf_context(data: EvidenceData) -> dict:
    files = []
    for index, (path, item) in enumerate(
        zip(_file_paths(data.files), data.files, strict=True), start=1
    ):
        image = None
        sniffed = _sniffed_image_type(item.content)
        if item.media_type in INLINE_IMAGE_TYPES and sniffed == item.media_type:
            image = f"data:{sniffed};base64," + base64.b64encode(item.content).decode("ascii")
        files.append({
            "number": index,
            "path": path,
            "attachment": PurePosixPath(path).name,
            "name": _nfc(item.name),
            "note": _nfc(item.note),
            "media_type": item.media_type,
            "is_pdf": item.media_type == "application/pdf",
            "size": _display_size(len(item.content)),
            "captured_at": _display_datetime(item.captured_at),
            "sha256": _sha256(item.content),
            "image": image,
        })
    return {
        "case_ref": _nfc(data.case_ref),
        "commune": _nfc(data.commune),
        "claim": _nfc(data.claim),
        "category": _nfc(data.category),
        "verdict": _nfc(data.verdict),
        "status": _nfc(data.status),
        "links": [
            {"url": _nfc(link), "clickable": link.lower().startswith(("http://", "https://"))}
            for link in data.links
        ],
        "first_seen": _display_datetime(data.first_seen),
        "received_at": _display_datetime(data.received_at),
        "escalated_at": _display_datetime(data.escalated_at),
        "escalated_by": _nfc(data.escalated_by),
        "generated_at": _display_datetime(data.generated_at),
        "generated_by": _nfc(data.generated_by),
        "generated_iso": _iso(data.generated_at),
        "log": [
            {"at": _display_datetime(e.at), "author": _nfc(e.author), "text": _nfc(e.text)}
            for e in data.log
        ],
        "takedowns": [
            {
                "platform": _nfc(t.platform),
                "url": _nfc(t.url),
                "clickable": t.url.lower().startswith(("http://", "https://")),
                "status": _nfc(t.status),
                "sent_on": _display_date(t.sent_on),
                "resolved_on": _display_date(t.resolved_on),
            }
            for t in data.takedowns
        ],
        "files": files,
        "images": [f for f in files if f["image"]],
        "attached": [f for f in files if not f["image"]],
        "manifest_sha256": _sha256(manifest_json(data)),
        "css_footer_left": _css_string(
            gettext("Gói chứng cứ %(ref)s") % {"ref": _nfc(data.case_ref)}
        ),
        "css_page": _css_string(gettext("Trang")),
    }


@cache
def _engine():
    from django.template import Engine

    return Engine(
        dirs=[str(TEMPLATE_DIR)],
        libraries={"i18n": "django.templatetags.i18n"},
        autoescape=True,
    )


def render_html(data: EvidenceData) -> str:
    """The HTML of the PDF report (own template engine: works whatever INSTALLED_APPS says)."""
    from django.template import Context

    template = _engine().get_template(TEMPLATE_NAME)
    return template.render(Context(_pdf_context(data), autoescape=True))


def _fetcher():
    """A WeasyPrint URL fetcher that refuses everything but ``data:`` URIs: no network, no
    local files."""
    from weasyprint.urls import URLFetcher

    class DataOnlyFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"data"}, allow_redirects=False)

        def fetch(self, url, headers=None):
            if not url.lower().startswith("data:"):
                raise ValueError(f"TTĐN evidence PDF refuses to fetch {url[:80]!r}")
            return super().fetch(url, headers)

    return DataOnlyFetcher()


def build_pdf(data: EvidenceData) -> bytes:
    """The sealed PDF report, with the original files and manifest.json attached."""
    import weasyprint

    fetcher = _fetcher()
    stamp = _aware(data.generated_at).astimezone(UTC).replace(tzinfo=None)
    paths = _file_paths(data.files)
    attachments = [
        weasyprint.Attachment(
            file_obj=io.BytesIO(item.content),
            name=PurePosixPath(path).name,
            description=_nfc(" — ".join(filter(None, [item.name, item.note]))),
            created=stamp,
            modified=stamp,
            url_fetcher=fetcher,
            relationship="Source",
        )
        for path, item in zip(paths, data.files, strict=True)
    ]
    attachments.append(
        weasyprint.Attachment(
            file_obj=io.BytesIO(manifest_json(data)),
            name="manifest.json",
            description=gettext("Danh mục tệp và mã băm SHA-256 (manifest.json)"),
            created=stamp,
            modified=stamp,
            url_fetcher=fetcher,
            relationship="Data",
        )
    )
    document = weasyprint.HTML(string=render_html(data), base_url=None, url_fetcher=fetcher)
    pdf = document.write_pdf(attachments=attachments)
    eof = pdf.rstrip(b"\r\n")
    if not eof.endswith(b"%%EOF"):
        raise ValueError("WeasyPrint output does not end with %%EOF")
    prefix = pdf if pdf.endswith(b"\n") else pdf + b"\n"
    return prefix + b"%" + _seal_line(prefix) + b"\n"


# ---------------------------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------------------------


def _kind(blob: bytes) -> Literal["zip", "pdf"] | None:
    if blob.startswith(b"PK\x03\x04"):
        return "zip"
    if blob.startswith(b"%PDF-"):
        return "pdf"
    # A damaged header: guess from the seal at the end, for a more useful report.
    if blob.endswith(b"\n") and blob[-_PDF_SEAL_LENGTH:].startswith(b"%TTDN-SEAL"):
        return "pdf"
    if blob[-_SEAL_LENGTH:].startswith(SEAL_PREFIX):
        return "zip"
    return None


def _split_seal(blob: bytes, kind: str) -> tuple[bytes, bytes, bytes] | None:
    """(prefix, sha256 hex, hmac hex) when the blob ends with a well-formed seal line."""
    if kind == "pdf":
        if not blob.endswith(b"\n") or len(blob) < _PDF_SEAL_LENGTH:
            return None
        line = blob[-_PDF_SEAL_LENGTH:]
        if line[:1] != b"%":
            return None
        match = _SEAL_RE.fullmatch(line[1:-1])
    else:
        line = blob[-_SEAL_LENGTH:]
        match = _SEAL_RE.fullmatch(line) if len(blob) >= _SEAL_LENGTH else None
    if match is None:
        return None
    return blob[: -len(line)], match[1], match[2]


def _structure_problem(prefix: bytes, kind: str) -> str | None:
    if kind == "pdf":
        if not (prefix.endswith((b"%%EOF\n", b"%%EOF\r\n"))):
            return gettext("Dấu niêm phong không nằm ngay sau dấu kết thúc của tệp PDF.")
        return None
    eocd = prefix[-_EOCD_SIZE:]
    if (len(eocd) != _EOCD_SIZE or not eocd.startswith(_EOCD)
            or int.from_bytes(eocd[20:22], "little") != _SEAL_LENGTH):
        return gettext("Dấu niêm phong không phải phần chú thích (comment) của tệp ZIP.")
    return None


def verify(blob: bytes) -> VerifyResult:
    """Check a sealed ZIP or PDF package. Never raises on bad input: it says what is wrong."""
    problems: list[str] = []
    if not blob:
        return VerifyResult(False, None, False, False, (gettext("Tệp rỗng."),))
    kind = _kind(blob)
    if kind is None:
        return VerifyResult(False, None, False, False, (
            gettext("Không nhận ra định dạng: gói chứng cứ phải là tệp ZIP hoặc PDF."),
            gettext("Không tìm thấy dấu niêm phong."),
        ))
    sha256_ok = hmac_ok = False
    sealed = _split_seal(blob, kind)
    if sealed is None:
        position = blob.rfind(b"TTDN-SEAL v1 ")
        if position >= 0 and _SEAL_RE.match(blob, position):
            extra = len(blob) - position - _SEAL_LENGTH - (1 if kind == "pdf" else 0)
            problems.append(
                gettext("Có %(count)s byte bị thêm vào sau dấu niêm phong.") % {"count": extra}
                if extra > 0 else gettext("Dấu niêm phong không đúng định dạng.")
            )
        else:
            problems.append(gettext("Không tìm thấy dấu niêm phong."))
    else:
        prefix, sha_hex, hmac_hex = sealed
        sha256_ok = hmac.compare_digest(_sha256(prefix).encode("ascii"), sha_hex)
        hmac_ok = _hmac_matches(prefix, hmac_hex.decode("ascii"))
        if not sha256_ok and hmac_ok:
            problems.append(gettext(
                "Dấu niêm phong đã bị sửa: mã băm SHA-256 ghi trong dấu không khớp nội dung."
            ))
        elif not sha256_ok:
            problems.append(gettext(
                "Tệp đã bị thay đổi sau khi niêm phong (mã băm SHA-256 không khớp)."
            ))
        elif not hmac_ok:
            problems.append(gettext(
                "Mã băm SHA-256 khớp nhưng không kiểm tra được chữ ký (khóa đã đổi): "
                "không xác nhận được gói do hệ thống này niêm phong."
            ))
        structure = _structure_problem(prefix, kind)
        if structure:
            problems.append(structure)
    if kind == "zip":
        problems.extend(_zip_problems(blob))
    ok = sha256_ok and hmac_ok and not problems
    return VerifyResult(ok, kind, sha256_ok, hmac_ok, tuple(problems))


def _hash_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> tuple[str, int]:
    """SHA-256 and size of an entry, reading at most ``limit + 1`` bytes (no zip bombs)."""
    digest, size = hashlib.sha256(), 0
    with archive.open(info) as stream:
        while size <= limit:
            chunk = stream.read(min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _zip_problems(blob: bytes) -> list[str]:
    """Content checks of a ZIP package: manifest.sha256, every file's hash, no stray entry."""
    try:
        return _zip_content_problems(blob)
    except Exception:  # a damaged archive can fail in many ways; the seal already says so
        return [gettext("Không đọc được nội dung tệp ZIP (cấu trúc ZIP bị hỏng).")]


def _zip_content_problems(blob: bytes) -> list[str]:
    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        for name in sorted({n for n in names if names.count(n) > 1}):
            problems.append(gettext("Tên tệp %(path)s xuất hiện nhiều lần.") % {"path": name})
        by_name = {info.filename: info for info in infos}
        if "manifest.json" not in by_name:
            return [*problems, gettext("Thiếu manifest.json.")]
        manifest_info = by_name["manifest.json"]
        if manifest_info.file_size > _MANIFEST_LIMIT:
            return [*problems, gettext("manifest.json quá lớn.")]
        manifest_bytes = archive.read(manifest_info)
        try:
            manifest = json.loads(manifest_bytes.decode("utf-8"))
            listed = {"README.txt": manifest["readme"]}
            for item in manifest["files"]:
                listed[item["path"]] = item
            expected = {path: (str(item["sha256"]), int(item["size"]))
                        for path, item in listed.items()}
        except (ValueError, KeyError, TypeError):
            return [*problems, gettext("manifest.json không hợp lệ.")]
        if "manifest.sha256" not in by_name:
            problems.append(gettext("Thiếu manifest.sha256."))
        else:
            recorded = archive.read(by_name["manifest.sha256"])[:1024].split()
            if not recorded or recorded[0].decode("ascii", "replace") != _sha256(manifest_bytes):
                problems.append(gettext("manifest.sha256 không khớp với manifest.json."))
        for path, (sha, size) in expected.items():
            info = by_name.get(path)
            if info is None:
                problems.append(gettext("Thiếu tệp %(path)s được liệt kê trong manifest.json.")
                                % {"path": path})
                continue
            actual_sha, actual_size = _hash_entry(archive, info, size)
            if actual_size != size or actual_sha != sha:
                problems.append(gettext("Tệp %(path)s không khớp mã băm trong manifest.json.")
                                % {"path": path})
        for name in dict.fromkeys(names):
            if name not in expected and name not in _META_FILES:
                problems.append(gettext("Tệp %(path)s không được liệt kê trong manifest.json.")
                                % {"path": name})
    return problems
