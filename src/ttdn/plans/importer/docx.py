"""A .docx as the paragraphs a reader sees, in reading order.

Read straight from the package with ``zipfile`` and ``lxml`` (not python-docx) so that every
size is bounded before anything is inflated, and so that what Word shows but does not store
as text comes back: list labels generated from ``numbering.xml`` ("I.", "1.", "a)", "-"),
paragraphs inside tables (the two-column header and signature blocks, body tables cell by
cell), content controls, tracked insertions and text boxes. Deleted text, field codes and hidden
runs are left out. A manual line break (Shift+Enter) ends a line but not the paragraph.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO

from django.utils.translation import gettext as _
from lxml import etree

from ttdn.plans.errors import PlanImportError
from ttdn.plans.importer.parser import SourceLine

MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 100 * 1024 * 1024  # the whole package, inflated
MAX_PART = 60 * 1024 * 1024  # one XML part, inflated
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"
_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
    remove_comments=True, remove_pis=True,
)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(element, tag: str) -> str | None:
    """The w:val of child ``tag`` of ``element``."""
    if element is None:
        return None
    child = element.find(_w(tag))
    return None if child is None else child.get(_w("val"))


# ---------------------------------------------------------------------------------------------
# Refusals
# ---------------------------------------------------------------------------------------------

def refuse_ole2(data: bytes) -> None:
    """An OLE2 compound file is a Word 97–2003 .doc or a password-protected .docx (Office
    encrypts the package into an ``EncryptedPackage`` stream of such a file)."""
    if not data.startswith(OLE2_SIGNATURE):
        return
    if b"EncryptedPackage" in data or "EncryptedPackage".encode("utf-16-le") in data:
        raise PlanImportError(_(
            "Tệp Word này được đặt mật khẩu nên không đọc được. Hãy mở tệp trong Word, bỏ mật "
            "khẩu (Tệp › Thông tin › Bảo vệ tài liệu) rồi lưu lại dưới dạng .docx."
        ))
    raise PlanImportError(_(
        "Đây là tệp .doc cũ (Word 97–2003) hoặc tệp được đặt mật khẩu, không đọc được. Hãy mở "
        "tệp trong Word và lưu lại dưới dạng .docx (Tài liệu Word), không đặt mật khẩu."
    ))


def _corrupt(detail: str = "") -> PlanImportError:
    message = _("Tệp .docx bị hỏng hoặc không phải tệp Word; hãy mở tệp trong Word và lưu lại "
                "dưới dạng .docx.")
    if detail:
        message = f"{message} ({detail})"
    return PlanImportError(message)


# ---------------------------------------------------------------------------------------------
# The package
# ---------------------------------------------------------------------------------------------

class _Package:
    """The zip, with every read bounded: the entry count and the declared sizes are checked
    first, and each part is inflated at most to its limit whatever the headers claim."""

    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise _corrupt() from exc
        if len(infos) > MAX_ENTRIES:
            raise PlanImportError(_(
                "Tệp .docx có quá nhiều thành phần (%(count)s, giới hạn %(limit)s); có thể là tệp "
                "nén độc hại, không đọc."
            ) % {"count": len(infos), "limit": MAX_ENTRIES})
        total = sum(info.file_size for info in infos)
        if total > MAX_UNCOMPRESSED:
            raise PlanImportError(_(
                "Tệp .docx khi giải nén quá lớn (%(size)s MB, giới hạn %(limit)s MB); có thể là "
                "tệp nén độc hại, không đọc."
            ) % {"size": total // (1024 * 1024), "limit": MAX_UNCOMPRESSED // (1024 * 1024)})
        self.names = {info.filename for info in infos}
        self.read_total = 0

    def read(self, name: str) -> bytes | None:
        if name not in self.names:
            return None
        try:
            with self.zip.open(name) as stream:
                data = stream.read(MAX_PART + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
                NotImplementedError, ValueError) as exc:
            raise _corrupt() from exc
        self.read_total += len(data)
        if len(data) > MAX_PART or self.read_total > MAX_UNCOMPRESSED:
            raise PlanImportError(_(
                "Tệp .docx khi giải nén quá lớn; có thể là tệp nén độc hại, không đọc."))
        return data

    def xml(self, name: str):
        data = self.read(name)
        if data is None:
            return None
        try:
            return etree.fromstring(data, _XML_PARSER)
        except etree.XMLSyntaxError as exc:
            raise _corrupt() from exc

    def relationships(self, part: str) -> dict[str, str]:
        """Relationship type suffix → target part name, for ``part`` ("" for the package)."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
        root = self.xml(rels_name)
        found: dict[str, str] = {}
        if root is None:
            return found
        for rel in root.iter(f"{{{_REL}}}Relationship"):
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            found.setdefault(kind, path)
        return found


# ---------------------------------------------------------------------------------------------
# Numbering
# ---------------------------------------------------------------------------------------------

@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart; None: after any higher level
    legal: bool = False  # w:isLgl: every %n in decimal
    style: str = ""  # w:pStyle linking a paragraph style to this level


def _read_level(element) -> _Level:
    level = _Level()
    level.fmt = _val(element, "numFmt") or level.fmt
    text = _val(element, "lvlText")
    level.text = text if text is not None else level.text
    level.start = _int(_val(element, "start"), 1)
    restart = _val(element, "lvlRestart")
    level.restart = _int(restart, 0) if restart is not None else None
    level.legal = element.find(_w("isLgl")) is not None
    level.style = _val(element, "pStyle") or ""
    return level


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass
class _Num:
    abstract: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, _Level] = field(default_factory=dict)


class Numbering:
    """List definitions and the counters Word keeps while it lays the document out."""

    def __init__(self, root):
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[tuple[str, int]] = set()
        if root is None:
            return
        for abstract in root.iter(_w("abstractNum")):
            levels = {}
            for lvl in abstract.iter(_w("lvl")):
                levels[_int(lvl.get(_w("ilvl")), 0)] = _read_level(lvl)
            self.abstracts[abstract.get(_w("abstractNumId")) or ""] = levels
        for num in root.iter(_w("num")):
            entry = _Num(abstract=_val(num, "abstractNumId") or "")
            for override in num.iter(_w("lvlOverride")):
                ilvl = _int(override.get(_w("ilvl")), 0)
                start = _val(override, "startOverride")
                if start is not None:
                    entry.start_overrides[ilvl] = _int(start, 1)
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    entry.level_overrides[ilvl] = _read_level(lvl)
            self.nums[num.get(_w("numId")) or ""] = entry

    def level_of_style(self, num_id: str, style: str) -> int | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        for ilvl, level in self.abstracts.get(num.abstract, {}).items():
            if level.style == style:
                return ilvl
        return None

    def _level(self, num: _Num, ilvl: int) -> _Level | None:
        return num.level_overrides.get(ilvl) or self.abstracts.get(num.abstract, {}).get(ilvl)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list ``num_id`` at level ``ilvl`` and return the label Word shows."""
        num = self.nums.get(num_id)
        if num is None or not 0 <= ilvl <= 8:
            return ""
        level = self._level(num, ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(num.abstract, [None] * 9)
        if ilvl in num.start_overrides and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = num.start_overrides[ilvl] - 1
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            deeper_level = self._level(num, deeper)
            restart = deeper_level.restart if deeper_level is not None else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if level.fmt == "bullet":
            return _bullet(level.text)
        if level.fmt == "none":
            return ""
        return self._substitute(num, level, counters, ilvl)

    def _substitute(self, num: _Num, level: _Level, counters, ilvl: int) -> str:
        out = []
        text = level.text
        index = 0
        while index < len(text):
            char = text[index]
            if char == "%" and index + 1 < len(text) and text[index + 1] in "123456789":
                referenced = int(text[index + 1]) - 1
                ref_level = self._level(num, referenced) or _Level()
                value = counters[referenced]
                value = ref_level.start if value is None else value
                fmt = "decimal" if level.legal and referenced != ilvl else ref_level.fmt
                out.append(format_number(value, fmt))
                index += 2
                continue
            out.append(char)
            index += 1
        return "".join(out).strip()


def _bullet(text: str) -> str:
    """The bullet a level draws, as the plan text would type it."""
    char = text.strip()[:1]
    if char in "-–—−‐":
        return "-"
    if char == "+":
        return "+"
    return "•"


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"


def _roman(value: int) -> str:
    if not 0 < value < 4000:
        return str(value)
    out = []
    for number, letters in _ROMAN:
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def _letters(value: int) -> str:
    """Word's letter numbering: a … z, then aa, bb, …"""
    if value <= 0:
        return str(value)
    letter = chr(ord("a") + (value - 1) % 26)
    return letter * ((value - 1) // 26 + 1)


def format_number(value: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(value)
    if fmt == "lowerRoman":
        return _roman(value).lower()
    if fmt == "upperLetter":
        return _letters(value).upper()
    if fmt == "lowerLetter":
        return _letters(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


# ---------------------------------------------------------------------------------------------
# Styles: numbering carried by a paragraph style ("List Number", a numbered heading)
# ---------------------------------------------------------------------------------------------

class _Styles:
    def __init__(self, root):
        self.numbering: dict[str, tuple[str | None, int | None]] = {}
        self.based_on: dict[str, str] = {}
        self.default_paragraph = ""
        if root is None:
            return
        for style in root.iter(_w("style")):
            style_id = style.get(_w("styleId")) or ""
            if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true"):
                self.default_paragraph = style_id
            based = _val(style, "basedOn")
            if based:
                self.based_on[style_id] = based
            num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None:
                ilvl = _val(num_pr, "ilvl")
                self.numbering[style_id] = (_val(num_pr, "numId"),
                                            _int(ilvl, 0) if ilvl is not None else None)

    def numbering_of(self, style_id: str) -> tuple[str, int | None, str] | None:
        """(numId, ilvl or None, the style that names the list), inherited through basedOn:
        a style may set only the level and take the list from the style it is based on."""
        seen = set()
        current = style_id
        num_id: str | None = None
        ilvl: int | None = None
        while current and current not in seen:
            seen.add(current)
            own_num, own_level = self.numbering.get(current, (None, None))
            if ilvl is None:
                ilvl = own_level
            if own_num is not None:
                num_id = own_num
                return num_id, ilvl, current
            current = self.based_on.get(current, "")
        return None


# ---------------------------------------------------------------------------------------------
# The body
# ---------------------------------------------------------------------------------------------

_SKIP_TAGS = {_w(tag) for tag in ("delText", "instrText", "pPr", "rPr", "del", "moveFrom",
                                  "footnoteReference", "endnoteReference", "commentReference")}
_FALLBACK = f"{{{_MC}}}Fallback"


class _Reader:
    def __init__(self, numbering: Numbering, styles: _Styles):
        self.numbering = numbering
        self.styles = styles
        self.lines: list[SourceLine] = []
        self.paragraphs = 0
        self.barrier = False

    def block(self, container) -> None:
        """Paragraphs and tables of a body, a cell, a content control or a text box."""
        for child in container:
            tag = child.tag
            if tag == _w("p"):
                self.paragraph(child)
            elif tag == _w("tbl"):
                self.table(child)
            elif tag in (_w("sdt"), _w("customXml")):
                content = child.find(_w("sdtContent"))
                self.block(content if content is not None else child)
            elif tag == _w("sdtContent"):
                self.block(child)

    def table(self, table) -> None:
        for row in table.iter(_w("tr")):
            if _nearest_table(row) is not table:
                continue
            for cell in row:
                if cell.tag == _w("tc"):
                    self.barrier = True
                    self.block(cell)
                elif cell.tag == _w("sdt"):
                    for inner in cell.iter(_w("tc")):
                        self.barrier = True
                        self.block(inner)
        self.barrier = True  # what follows a table does not continue its last cell

    def paragraph(self, paragraph) -> None:
        self.paragraphs += 1
        number = self.paragraphs
        label = self._label(paragraph)
        boxes: list = []
        pieces: list[str] = []
        self._text(paragraph, pieces, boxes)
        for box in boxes:  # a text box is read where it is anchored, before its paragraph
            self.block(box)
        text = "".join(pieces)
        if label and text.strip():
            text = f"{label} {text.lstrip()}"
        if not text.strip():
            return
        self.lines.append(SourceLine(text=text, number=number, barrier=self.barrier))
        self.barrier = False

    def _label(self, paragraph) -> str:
        props = paragraph.find(_w("pPr"))
        num_pr = props.find(_w("numPr")) if props is not None else None
        style = _val(props, "pStyle") or self.styles.default_paragraph
        num_id = _val(num_pr, "numId") if num_pr is not None else None
        ilvl_text = _val(num_pr, "ilvl") if num_pr is not None else None
        ilvl = _int(ilvl_text, 0) if ilvl_text is not None else None
        if num_id is None:
            by_style = self.styles.numbering_of(style) if style else None
            if by_style is None:
                return ""
            num_id, style_ilvl, owner = by_style
            ilvl = ilvl if ilvl is not None else style_ilvl
            if ilvl is None:
                ilvl = self.numbering.level_of_style(num_id, style)
            if ilvl is None:
                ilvl = self.numbering.level_of_style(num_id, owner) or 0
        if num_id in ("0", ""):
            return ""
        return self.numbering.label(num_id, ilvl or 0)

    def _text(self, element, pieces: list[str], boxes: list) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP_TAGS or tag == _FALLBACK:
                continue
            if tag == _w("t"):
                pieces.append(child.text or "")
            elif tag == _w("tab") or tag == _w("ptab"):
                pieces.append("\t")
            elif tag in (_w("br"), _w("cr")):
                pieces.append("\n")
            elif tag == _w("noBreakHyphen"):
                pieces.append("-")
            elif tag == _w("txbxContent"):
                boxes.append(child)
            elif tag == _w("r") and _hidden(child):
                continue
            else:
                self._text(child, pieces, boxes)


def _hidden(run) -> bool:
    props = run.find(_w("rPr"))
    if props is None:
        return False
    vanish = props.find(_w("vanish"))
    return vanish is not None and vanish.get(_w("val")) not in ("0", "false")


def _nearest_table(element):
    parent = element.getparent()
    while parent is not None and parent.tag != _w("tbl"):
        parent = parent.getparent()
    return parent


def read_docx(data: bytes) -> list[SourceLine]:
    """The paragraphs of a .docx in reading order, list labels included. ``number`` is the
    paragraph's position in the document; ``barrier`` marks the first paragraph of a table
    cell and the first after a table (never joined to what precedes it)."""
    refuse_ole2(data)
    package = _Package(data)
    main = package.relationships("").get(_OFFICE_DOCUMENT.lstrip("/")) or "word/document.xml"
    root = package.xml(main)
    if root is None:
        raise _corrupt(_("không có phần nội dung word/document.xml"))
    related = package.relationships(main)
    numbering = Numbering(package.xml(related["numbering"])) if "numbering" in related \
        else Numbering(None)
    styles = _Styles(package.xml(related["styles"])) if "styles" in related else _Styles(None)
    body = root.find(_w("body"))
    if body is None:
        raise _corrupt(_("không có thân văn bản"))
    reader = _Reader(numbering, styles)
    reader.block(body)
    return reader.lines


def read_docx_paragraphs(data: bytes) -> list[str]:
    """Only the texts of ``read_docx``."""
    return [line.text for line in read_docx(data)]
