"""Plans and broken files built in the tests, so no binary fixture has to be committed."""

import io
import random
import unicodedata
import zipfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

import ttdn.plans
from ttdn.plans.document import UnitRef

DATA = Path(__file__).parent
SEED_FILE = Path(ttdn.plans.__file__).parent / "seeds" / "ke-hoach-thuc-hien-57-KL-TW-cam-tan.txt"

# The units of the seed commune, as the demo data names them.
DEMO_UNITS = [
    UnitRef("Lãnh đạo UBND xã", "leadership"),
    UnitRef("Công chức Văn hóa – Xã hội", "officer_post"),
    UnitRef("Văn phòng HĐND-UBND", "office"),
    UnitRef("Công chức Kế toán", "officer_post"),
    UnitRef("Công an xã", "police"),
    UnitRef("Ban Chỉ huy Quân sự xã", "military"),
    UnitRef("Đài truyền thanh xã", "radio_station"),
    UnitRef("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "mass_organisation"),
    UnitRef("Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", "mass_organisation"),
    UnitRef("Hội Liên hiệp Phụ nữ xã", "mass_organisation"),
    UnitRef("Hội Nông dân xã", "mass_organisation"),
    UnitRef("Hội Cựu chiến binh xã", "mass_organisation"),
    UnitRef("Thôn Mẫu Một", "village"),
    UnitRef("Thôn Mẫu Hai", "village"),
    UnitRef("Thôn Mẫu Ba", "village"),
    UnitRef("Trường Tiểu học (mẫu)", "agency"),
    UnitRef("Trạm Y tế xã (mẫu)", "agency"),
]


def seed_bytes() -> bytes:
    return SEED_FILE.read_bytes()


def seed_text() -> str:
    return seed_bytes().decode("utf-8")


def data_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------------------------

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def encode_cp1258(text: str) -> bytes:
    """What Windows writes in code page 1258: a precomposed letter when the code page has it,
    else the letter without its tone followed by the combining tone mark. (Python's encoder
    only takes the first kind.)"""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        tones = "".join(c for c in decomposed if c in _TONES)
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# Word documents
# ---------------------------------------------------------------------------------------------

def add_abstract_numbering(document, abstract_id: int, levels: list[tuple[str, str]]) -> None:
    """An abstract list definition: ``levels`` are (numFmt, lvlText) from level 0 down."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    for ilvl, (fmt, text) in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            lvl.append(element)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)


def add_num(document, num_id: int, abstract_id: int, start_overrides: dict | None = None):
    numbering = document.part.numbering_part.element
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    abstract = OxmlElement("w:abstractNumId")
    abstract.set(qn("w:val"), str(abstract_id))
    num.append(abstract)
    for ilvl, start in (start_overrides or {}).items():
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), str(ilvl))
        start_override = OxmlElement("w:startOverride")
        start_override.set(qn("w:val"), str(start))
        override.append(start_override)
        num.append(override)
    numbering.append(num)


def number_paragraph(paragraph, num_id: int, ilvl: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    level = OxmlElement("w:ilvl")
    level.set(qn("w:val"), str(ilvl))
    number = OxmlElement("w:numId")
    number.set(qn("w:val"), str(num_id))
    num_pr.append(level)
    num_pr.append(number)
    p_pr.append(num_pr)


def fill_cell(cell, lines: list[str], bold_first: bool = False) -> None:
    cell.paragraphs[0].text = lines[0]
    if bold_first:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for line in lines[1:]:
        cell.add_paragraph(line)


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_seed_docx() -> bytes:
    """The seed plan as an officer would have typed it in Word: the Decree-30 header in a
    two-column table, parts, points and dashes numbered by Word (nothing typed), and the
    recipients and signature side by side in a table at the bottom."""
    import re

    text = seed_text()
    body, _sep, _footer = text.partition("Nơi nhận:")
    document = docx.Document()
    add_abstract_numbering(document, 90, [("upperRoman", "%1."), ("decimal", "%2."),
                                          ("bullet", "-")])
    add_num(document, 901, 90)
    add_num(document, 902, 90, {0: 4})  # the seed skips III: IV and V restart the list at 4

    header = document.add_table(rows=1, cols=2)
    fill_cell(header.rows[0].cells[0], ["ỦY BAN NHÂN DÂN", "XÃ CẨM TÂN", "Số: 12/KH-UBND"])
    fill_cell(header.rows[0].cells[1], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                        "Độc lập - Tự do - Hạnh phúc",
                                        "Cẩm Tân, ngày 05 tháng 01 năm 2024"])
    num_id = 901
    for line in body.splitlines():
        line = line.strip()
        if not line:
            continue
        if match := re.match(r"^([IVX]+)\.\s+(.*)$", line):
            if match[1] == "IV":
                num_id = 902
            number_paragraph(document.add_paragraph(match[2]), num_id, 0)
        elif match := re.match(r"^\d+\.\s+(.*)$", line):
            number_paragraph(document.add_paragraph(match[1]), num_id, 1)
        elif line.startswith("- "):
            number_paragraph(document.add_paragraph(line[2:]), num_id, 2)
        else:
            document.add_paragraph(line)
    footer = document.add_table(rows=1, cols=2)
    recipients = [line for line in _footer.splitlines() if line.startswith("- ")]
    fill_cell(footer.rows[0].cells[0], ["Nơi nhận:", *recipients], bold_first=True)
    fill_cell(footer.rows[0].cells[1], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "",
                                        "Hoàng Thị Hợp"], bold_first=True)
    return docx_bytes(document)


# ---------------------------------------------------------------------------------------------
# Broken files
# ---------------------------------------------------------------------------------------------

def ole2_file(stream_name: str) -> bytes:
    """The start of a compound file (Word 97–2003, or an encrypted .docx) with one directory
    entry named ``stream_name``: enough for a reader that sniffs, not for Word."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    entry = stream_name.encode("utf-16-le") + b"\x00\x00"
    return header + entry.ljust(128, b"\x00") + bytes(random.Random(7).randbytes(1024))


def zip_with(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(size: int) -> bytes:
    """A .docx-shaped zip whose document.xml inflates to ``size`` bytes of spaces."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                stream.write(chunk)
    return buffer.getvalue()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def minimal_docx(body: str, *, numbering: str = "", styles: str = "",
                 document_name: str = "document.xml") -> bytes:
    """A hand-made .docx: ``body`` is the inside of w:body, ``numbering`` and ``styles`` the
    inside of numbering.xml and styles.xml (namespace prefix ``w``)."""
    rels = ['<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    entries = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS.replace("word/document.xml", f"word/{document_name}"),
        f"word/{document_name}": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f"<w:body>{body}</w:body></w:document>"),
    }
    kinds = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    if numbering:
        entries["word/numbering.xml"] = f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'
        rels.append(f'<Relationship Id="rId2" Type="{kinds}/numbering" Target="numbering.xml"/>')
    if styles:
        entries["word/styles.xml"] = f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>'
        rels.append(f'<Relationship Id="rId3" Type="{kinds}/styles" Target="styles.xml"/>')
    rels.append("</Relationships>")
    entries[f"word/_rels/{document_name}.rels"] = "".join(rels)
    return zip_with({name: text.encode("utf-8") for name, text in entries.items()})


def p(text: str, *, num: int | None = None, ilvl: int = 0, style: str = "") -> str:
    """A w:p with one run."""
    props = ""
    if num is not None or style:
        inner = f'<w:pStyle w:val="{style}"/>' if style else ""
        if num is not None:
            inner += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'
        props = f"<w:pPr>{inner}</w:pPr>"
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def abstract_num(abstract_id: int, levels: list[tuple[str, str]], **extra) -> str:
    """``levels``: (numFmt, lvlText); ``extra`` may give ``starts`` and ``legal`` (ilvl list)."""
    starts = extra.get("starts", {})
    legal = extra.get("legal", ())
    out = [f'<w:abstractNum w:abstractNumId="{abstract_id}">']
    for ilvl, (fmt, text) in enumerate(levels):
        out.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{starts.get(ilvl, 1)}"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'{"<w:isLgl/>" if ilvl in legal else ""}</w:lvl>')
    out.append("</w:abstractNum>")
    return "".join(out)


def num(num_id: int, abstract_id: int, start_overrides: dict | None = None) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for ilvl, start in (start_overrides or {}).items())
    return (f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f"{overrides}</w:num>")
