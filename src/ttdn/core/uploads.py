"""Uploaded files, judged by their content rather than their name.

``inspect_upload`` reads the bytes: a PDF must start like one, an image must open in Pillow, a
.docx/.xlsx must be an Office Open XML package of the right kind with no path-traversal entry
names and bounded uncompressed size. The file's name only has to agree with what the content
is. Files are stored under a name the server makes up.
"""

import io
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import ApplicationError

MAX_ZIP_ENTRIES = 2000
MAX_ZIP_UNCOMPRESSED = 100 * 1024 * 1024
MAX_ZIP_RATIO = 200  # a zip bomb expands far more than any honest Office file


@dataclass(frozen=True)
class Kind:
    label: str
    extensions: tuple[str, ...]
    content_type: str


PDF = Kind("PDF", (".pdf",), "application/pdf")
PNG = Kind("PNG", (".png",), "image/png")
JPEG = Kind("JPEG", (".jpg", ".jpeg"), "image/jpeg")
WEBP = Kind("WebP", (".webp",), "image/webp")
DOCX = Kind(
    "Word (.docx)", (".docx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
XLSX = Kind(
    "Excel (.xlsx)", (".xlsx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
EVIDENCE_KINDS = (PDF, PNG, JPEG, WEBP, DOCX, XLSX)
_IMAGE_FORMATS = {"PNG": PNG, "JPEG": JPEG, "WEBP": WEBP}
_OOXML_MAIN_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}


class UploadError(ApplicationError):
    pass


@dataclass(frozen=True)
class CheckedUpload:
    kind: Kind
    data: bytes
    original_name: str

    @property
    def storage_name(self) -> str:
        """A name of the server's making: random, with the extension the content deserves."""
        return f"{secrets.token_urlsafe(16)}{self.kind.extensions[0]}"


def _refuse(message, **params):
    raise UploadError(message % params if params else message, field="file")


def _sniff(data: bytes, name: str) -> Kind | None:
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return _ooxml_kind(data, name)
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff" or (
        data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    ):
        return _image_kind(data)
    return None


def _image_kind(data: bytes) -> Kind | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            return _IMAGE_FORMATS.get(image.format)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None


def _ooxml_kind(data: bytes, name: str) -> Kind | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        return None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            _refuse(_("Tệp “%(name)s” chứa quá nhiều thành phần (%(count)s)."), name=name,
                    count=len(entries))
        total = sum(entry.file_size for entry in entries)
        if total > MAX_ZIP_UNCOMPRESSED or total > MAX_ZIP_RATIO * max(len(data), 1):
            _refuse(_("Tệp “%(name)s” giải nén ra quá lớn (%(size)s): có thể là tệp độc hại."),
                    name=name, size=filesizeformat(total))
        names = {entry.filename for entry in entries}
        for entry_name in names:
            path = PurePosixPath(entry_name)
            if path.is_absolute() or ".." in path.parts or "\\" in entry_name:
                _refuse(_("Tệp “%(name)s” chứa đường dẫn không hợp lệ."), name=name)
        if "[Content_Types].xml" not in names:
            return None
        return next((kind for kind, part in _OOXML_MAIN_PART.items() if part in names), None)


def inspect_upload(upload, *, kinds=EVIDENCE_KINDS, max_bytes: int) -> CheckedUpload:
    """Read ``upload`` (a Django ``UploadedFile``) and check it is what it claims to be."""
    name = PurePosixPath((upload.name or "").replace("\\", "/")).name
    allowed = ", ".join(kind.label for kind in kinds)
    if upload.size is not None and upload.size > max_bytes:
        _refuse(_("Tệp “%(name)s” nặng %(size)s, vượt giới hạn %(limit)s."), name=name,
                size=filesizeformat(upload.size), limit=filesizeformat(max_bytes))
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        _refuse(_("Tệp “%(name)s” vượt giới hạn %(limit)s."), name=name,
                limit=filesizeformat(max_bytes))
    if not data:
        _refuse(_("Tệp “%(name)s” rỗng."), name=name)
    claimed = next((k for k in kinds if name.lower().endswith(k.extensions)), None)
    if claimed is None:
        _refuse(_("Chỉ nhận tệp %(allowed)s; “%(name)s” không thuộc các loại này."),
                allowed=allowed, name=name)
    actual = _sniff(data, name)
    if actual is None or actual not in kinds:
        _refuse(_("Nội dung tệp “%(name)s” không phải là %(claimed)s thật (tệp hỏng hoặc bị "
                  "đổi đuôi). Chỉ nhận %(allowed)s."),
                name=name, claimed=claimed.label, allowed=allowed)
    if actual != claimed:
        _refuse(_("Tệp “%(name)s” mang đuôi của %(claimed)s nhưng nội dung là %(actual)s."),
                name=name, claimed=claimed.label, actual=actual.label)
    return CheckedUpload(kind=actual, data=data, original_name=name[:200])


MAX_IMAGE_PIXELS = 40_000_000


def reencode_image(checked: CheckedUpload) -> CheckedUpload:
    """Decode an image and encode it again: what comes from the public loses its EXIF (place,
    device, time) and anything hidden after the pixels. Orientation is applied first."""
    if checked.kind not in _IMAGE_FORMATS.values():
        return checked
    try:
        with Image.open(io.BytesIO(checked.data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                _refuse(_("Ảnh “%(name)s” quá lớn (%(w)s×%(h)s điểm ảnh)."),
                        name=checked.original_name, w=image.width, h=image.height)
            image = ImageOps.exif_transpose(image)
            if checked.kind is JPEG and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            options = {"quality": 88} if checked.kind in (JPEG, WEBP) else {"optimize": True}
            image.save(out, format=checked.kind.label.upper(), **options)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        _refuse(_("Không đọc được ảnh “%(name)s”."), name=checked.original_name)
    return CheckedUpload(
        kind=checked.kind, data=out.getvalue(), original_name=checked.original_name
    )
