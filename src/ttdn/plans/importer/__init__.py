"""Reading a plan file (.txt or .docx) into a ``PlanDocument``.

``read_plan(data, filename, units)`` is the one entry point: it refuses what it cannot read
safely (too big, unknown type, old .doc, password-protected or corrupt .docx, zip bombs, text in
an encoding it cannot tell) with a ``PlanImportError`` whose message says what to do, and
otherwise returns the plan with a warning for every repair and every doubt. Nothing is saved.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from pathlib import PurePath

from django.utils.translation import gettext as _

from ttdn.plans.document import PlanDocument, UnitRef
from ttdn.plans.errors import PlanImportError
from ttdn.plans.importer import decoding, docx
from ttdn.plans.importer.parser import SourceLine, parse_plan

__all__ = ["MAX_BYTES", "PlanImportError", "read_plan"]

MAX_BYTES = 20 * 1024 * 1024
TEXT_EXTENSIONS = (".txt",)
WORD_EXTENSIONS = (".docx",)
_ZIP_SIGNATURE = b"PK\x03\x04"

logger = logging.getLogger(__name__)


def read_plan(data: bytes, filename: str, units: Sequence[UnitRef]) -> PlanDocument:
    """The plan in ``data``; ``filename`` says which reader to use, ``units`` are the commune's
    units that the plan's group headings and "phối hợp với …" are matched against."""
    _check_size(data)
    extension = PurePath(filename or "").suffix.lower()
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise PlanImportError(_("Tệp rỗng (trống): không có chữ nào để đọc."))
    try:
        return _read(data, extension, units)
    except PlanImportError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise PlanImportError(_("Tệp quá phức tạp để đọc; hãy lưu lại tệp dưới dạng .docx đơn "
                                "giản hoặc .txt.")) from exc
    except Exception as exc:
        # A reader bug must not show a traceback to an officer; the log keeps it for us.
        logger.exception("plan import failed on %r", filename)
        raise PlanImportError(
            _("Không đọc được tệp do một lỗi không lường trước; hãy gửi tệp cho quản trị viên."),
            extra={"unexpected": True},
        ) from exc


def _check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise PlanImportError(_(
            "Tệp quá lớn: %(size)s MB, giới hạn là %(limit)s MB. Hãy bỏ bớt hình ảnh hoặc chỉ "
            "lưu phần văn bản của kế hoạch."
        ) % {"size": _megabytes(len(data)), "limit": _megabytes(MAX_BYTES)})


def _megabytes(size: int) -> str:
    """Megabytes with one decimal (Vietnamese comma), rounded up: a file just over the limit
    never reads as equal to it."""
    value = math.ceil(size * 10 / (1024 * 1024)) / 10
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _read(data: bytes, extension: str, units: Sequence[UnitRef]) -> PlanDocument:
    docx.refuse_ole2(data)
    if extension == ".doc":
        raise PlanImportError(_(
            "Đây là tệp .doc cũ (Word 97–2003) hoặc tệp được đặt mật khẩu, không đọc được. Hãy "
            "mở tệp trong Word và lưu lại dưới dạng .docx (Tài liệu Word), không đặt mật khẩu."
        ))
    if extension in WORD_EXTENSIONS:
        lines = docx.read_docx(data)
        if not any(line.text.strip() for line in lines):
            raise PlanImportError(_("Tệp .docx không có chữ nào để đọc."))
        return parse_plan(lines, units, paragraphs=True)
    if extension in TEXT_EXTENSIONS:
        if data.startswith(_ZIP_SIGNATURE):
            raise PlanImportError(_(
                "Tệp có đuôi .txt nhưng nội dung là tệp nén (có thể là .docx); hãy đổi đuôi tệp "
                "cho đúng rồi tải lên lại."))
        decoded = decoding.decode_text(data)
        lines = [SourceLine(text=text, number=number)
                 for number, text in enumerate(decoded.text.split("\n"), start=1)]
        plan = parse_plan(lines, units)
        if decoded.warning:
            plan.warnings.insert(0, decoded.warning)
        return plan
    raise PlanImportError(
        _("Không đọc được tệp “%(extension)s”: chỉ nhận kế hoạch dạng .docx (Word) hoặc .txt.")
        % {"extension": extension or _("không có đuôi")})
