"""What a tip must look like before the desk accepts it — pure checks, no database.

Each ``clean_*`` returns the cleaned value or raises ``CaseError`` with a Vietnamese message
and the field it is about; the public form, the admin form, the API and the importer all call
them, so a tip is judged the same way wherever it comes from.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.uploads import (
    JPEG,
    PDF,
    PNG,
    WEBP,
    CheckedUpload,
    UploadError,
    inspect_upload,
    reencode_image,
)

from .errors import CaseError
from .models import Platform

MAX_TEXT = 5000
MAX_LINKS = 10
MAX_LINK_LENGTH = 2000
MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_KINDS = (PNG, JPEG, WEBP, PDF)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_PHONE = re.compile(r"^\+?[0-9][0-9 .\-]{7,18}[0-9]$")


@dataclass(frozen=True)
class TipInput:
    """A tip as received, before it is cleaned."""

    text: str
    links: tuple[str, ...] = ()
    platform: str = Platform.OTHER
    seen_on: datetime.date | None = None
    reporter_name: str = ""
    reporter_phone: str = ""
    reporter_email: str = ""
    consent: bool = False
    language: str = "vi"


def clean_text(value: str, *, field_name: str = "text", max_length: int = MAX_TEXT) -> str:
    text = unicodedata.normalize("NFC", value or "")
    if "\x00" in text or _SURROGATE.search(text):
        raise CaseError(_("Nội dung chứa ký tự không hợp lệ (NUL). Vui lòng gõ lại hoặc dán "
                          "văn bản thường."), field=field_name)
    text = _CONTROL.sub("", text).replace("\r\n", "\n").strip()
    if not text:
        raise CaseError(_("Vui lòng nhập nội dung thông tin đã thấy."), field=field_name)
    if len(text) > max_length:
        raise CaseError(
            _("Nội dung dài %(length)s ký tự, vượt giới hạn %(limit)s ký tự. Vui lòng rút gọn, "
              "phần còn lại có thể gửi kèm dưới dạng ảnh chụp hoặc đường dẫn.")
            % {"length": f"{len(text):,}".replace(",", "."),
               "limit": f"{max_length:,}".replace(",", ".")},
            field=field_name,
        )
    return text


def split_links(value) -> list[str]:
    """Links typed one per line (or separated by spaces) or given as a list."""
    if isinstance(value, str):
        return value.split()
    return [item for part in (value or ()) for item in str(part).split()]


def clean_link(url: str) -> str:
    url = unicodedata.normalize("NFC", url or "").strip()
    if "\x00" in url or _SURROGATE.search(url) or len(url) > MAX_LINK_LENGTH:
        raise CaseError(_("Đường dẫn không hợp lệ hoặc quá dài."), field="links")
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise CaseError(
            _("Đường dẫn “%(url)s” không hợp lệ: chỉ nhận địa chỉ bắt đầu bằng http:// hoặc "
              "https://.") % {"url": url[:80]},
            field="links",
        )
    return url


def clean_links(values) -> tuple[str, ...]:
    from .matching import canonical_link

    links = split_links(values)
    if len(links) > MAX_LINKS:
        raise CaseError(
            _("Chỉ nhận tối đa %(limit)s đường dẫn cho một tin báo (đã nhập %(count)s).")
            % {"limit": MAX_LINKS, "count": len(links)},
            field="links",
        )
    cleaned, seen = [], set()
    for link in links:
        url = clean_link(link)
        key = canonical_link(url)
        if key not in seen:
            seen.add(key)
            cleaned.append(url)
    return tuple(cleaned)


def clean_platform(value: str) -> str:
    value = value or Platform.OTHER
    if value not in Platform.values:
        raise CaseError(_("Nơi phát hiện không hợp lệ."), field="platform")
    return value


def clean_seen_on(value: datetime.date | None) -> datetime.date | None:
    if value is None:
        return None
    today = timezone.localdate()
    if value > today:
        raise CaseError(_("Ngày phát hiện không thể sau hôm nay."), field="seen_on")
    if value < today - datetime.timedelta(days=365 * 5):
        raise CaseError(_("Ngày phát hiện quá xa (hơn 5 năm trước)."), field="seen_on")
    return value


def clean_contact(name: str, phone: str, email: str, consent: bool) -> tuple[str, str, str]:
    name = clean_optional(name, max_length=120, field_name="reporter_name")
    phone = (phone or "").strip()
    email = (email or "").strip()
    if phone and not _PHONE.match(phone):
        raise CaseError(_("Số điện thoại không hợp lệ."), field="reporter_phone")
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            raise CaseError(_("Địa chỉ thư điện tử không hợp lệ."),
                            field="reporter_email") from None
    if (name or phone or email) and not consent:
        raise CaseError(
            _("Bạn đã để lại thông tin liên hệ: hãy đánh dấu ô đồng ý để chúng tôi được lưu và "
              "dùng thông tin đó, hoặc xóa thông tin liên hệ để gửi ẩn danh."),
            field="consent",
        )
    return name, phone, email


def clean_optional(value: str, *, max_length: int, field_name: str) -> str:
    text = unicodedata.normalize("NFC", value or "")
    if "\x00" in text or _SURROGATE.search(text):
        raise CaseError(_("Có ký tự không hợp lệ."), field=field_name)
    text = " ".join(_CONTROL.sub("", text).split())
    if len(text) > max_length:
        raise CaseError(_("Quá dài: tối đa %(limit)s ký tự.") % {"limit": max_length},
                        field=field_name)
    return text


def clean_files(uploads) -> list[CheckedUpload]:
    """Screenshots and PDFs: judged by content; images re-encoded without EXIF."""
    uploads = [upload for upload in uploads or () if upload]
    if len(uploads) > MAX_FILES:
        raise CaseError(
            _("Chỉ nhận tối đa %(limit)s tệp cho một tin báo.") % {"limit": MAX_FILES},
            field="files",
        )
    checked = []
    for upload in uploads:
        try:
            checked.append(reencode_image(
                inspect_upload(upload, kinds=FILE_KINDS, max_bytes=MAX_FILE_BYTES)
            ))
        except UploadError as exc:
            raise CaseError(exc.message, field="files") from exc
    return checked


def clean(data: TipInput) -> TipInput:
    """The whole tip, cleaned; the first problem found is raised."""
    name, phone, email = clean_contact(
        data.reporter_name, data.reporter_phone, data.reporter_email, data.consent
    )
    return TipInput(
        text=clean_text(data.text),
        links=clean_links(data.links),
        platform=clean_platform(data.platform),
        seen_on=clean_seen_on(data.seen_on),
        reporter_name=name,
        reporter_phone=phone,
        reporter_email=email,
        consent=bool(data.consent),
        language=data.language if data.language in ("vi", "en") else "vi",
    )
