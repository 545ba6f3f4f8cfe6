"""A plan as a .docx in the layout of Decree 30/2020/NĐ-CP, Appendix I.

Numbers are written as literal text ("I.", "1.", "- "), exactly as the document has them, never
as Word auto-numbering, so the importer reads back what was written. All text is NFC.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable
from functools import lru_cache

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from ttdn.core.text import fold_key, nfc
from ttdn.plans.document import (
    Assignment,
    Header,
    Item,
    PlanDocument,
    Section,
    SectionRole,
    Signature,
    Table,
)
from ttdn.plans.symbols import KIND_NAMES

FONT = "Times New Roman"
LANG = "vi-VN"
BODY_PT = 14
LINE_SPACING = 1.15
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165
CELL_PADDING_MM = 1.9  # Word's default left/right cell margin (108 twips)
HEADER_COLUMNS_MM = (66.0, 99.0)  # 40 % / 60 % of the text width
BOTTOM_COLUMNS_MM = (82.5, 82.5)
SIGNATURE_BLANK_LINES = 4

PARENT_PT = 13
ISSUER_PT = 13
SYMBOL_PT = 13
NATION_PT = 12  # 13 pt does not fit in 60 % of the text width
MOTTO_PT = 13
PLACE_DATE_PT = 14
RECIPIENTS_TITLE_PT = 12
RECIPIENTS_PT = 11
TABLE_PT = 12
TABLE_BORDER = {"val": "single", "sz": "4", "space": "0", "color": "000000"}  # ½ pt, black
TABLE_MIN_COLUMN_MM = 10.0

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"
IMPLEMENTATION_TITLE = "TỔ CHỨC THỰC HIỆN"
ARCHIVE_LINE = "Lưu: VT."
BLANK = "\u00a0" * 6  # a gap the officer fills in by hand; no-break spaces survive every reader

_COMMITTEE_RE = re.compile(r"^(?:ubnd|uy ban nhan dan)\s+", re.IGNORECASE)
_LEVEL_RE = re.compile(
    r"^(?:xa|phuong|thi tran|thi xa|thanh pho|huyen|quan|tinh|dac khu)\s+", re.IGNORECASE
)
_AUTHORITY_RE = re.compile(r"^(KT|TM|TL|TUQ|Q)\.\s*", re.IGNORECASE)
# What may follow <w:pBdr> inside <w:pPr> (ECMA-376 order).
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def plan_to_docx(doc: PlanDocument) -> bytes:
    """The plan as the bytes of a .docx file in the Decree-30 layout."""
    document = Document()
    _set_up_page(document)
    _set_up_styles(document)
    _set_properties(document, doc)
    _write_header(document, doc.header, doc.doc_type)
    _write_title(document, doc.doc_type, doc.summary)
    for text in doc.preamble:
        _body(document, text)
    for section in sections_to_write(doc):
        _write_section(document, section, depth=0)
    if doc.closing:
        _body(document, doc.closing).paragraph_format.keep_with_next = True
    _write_bottom(document, doc.recipients, doc.signature)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- What to write: pure text derivations -------------------------------------------------------


def agency_lines(header: Header) -> tuple[str, str]:
    """(parent body, issuing body) in capitals: "UBND xã Cẩm Tân" → ("ỦY BAN NHÂN DÂN", "XÃ CẨM
    TÂN") when the header names no parent body."""
    parent, issuing = nfc(header.parent_body.strip()), nfc(header.issuing_body.strip())
    if not parent:
        rest = _without_prefix(issuing, _COMMITTEE_RE)
        if rest != issuing:
            parent, issuing = PEOPLES_COMMITTEE, rest
    return parent.upper(), issuing.upper()


def place_name(header: Header) -> str:
    """Header.place, or the place the issuing (else the parent) body names: "UBND xã Cẩm Tân" →
    "Cẩm Tân"; "" when neither names one ("Phòng Văn hóa và Thông tin")."""
    if header.place.strip():
        return nfc(header.place.strip())
    for body in (header.issuing_body, header.parent_body):
        body = nfc(body.strip())
        rest = _without_prefix(_without_prefix(body, _COMMITTEE_RE), _LEVEL_RE)
        if rest and rest != body:
            return rest.title() if rest.isupper() else rest
    return ""


def _without_prefix(text: str, pattern: re.Pattern) -> str:
    """text without the leading words pattern matches in its folded form ("UBND xã Cẩm Tân",
    _COMMITTEE_RE → "xã Cẩm Tân")."""
    match = pattern.match(fold_key(text))
    return " ".join(text.split()[len(match.group(0).split()) :]) if match else text


def symbol_line(header: Header, doc_type: str) -> str:
    """The number line: "Số: 216/KH-UBND", or "Số:      /KH-UBND" while not numbered yet."""
    if header.symbol.strip():
        return f"Số: {nfc(header.symbol.strip())}"
    kind = _kind_abbreviation(doc_type)
    issuer = _issuer_abbreviation(header)
    suffix = "-".join(part for part in (kind, issuer) if part)
    return f"Số:{BLANK}/{suffix}" if suffix else f"Số:{BLANK}"


def place_date_line(place: str, date: datetime.date | None) -> str:
    """The place and date line: "Cẩm Tân, ngày 05 tháng 02 năm 2024" (Decree 30 pads days
    below 10 and the months 1 and 2 with a zero)."""
    prefix = f"{place}, " if place else ""
    if date is None:
        return f"{prefix}ngày{BLANK}tháng{BLANK}năm 20…"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"{prefix}ngày {date.day:02d} tháng {month} năm {date.year}"


def heading_text(section: Section) -> str:
    number, title = section.number.strip(), section.title.strip()
    if not number:
        return title
    if number[-1] in ".)":
        label = number
    elif re.fullmatch(r"[a-zđ]", number):
        label = f"{number})"
    else:
        label = f"{number}."
    return f"{label} {title}".strip()


def item_text(item: Item) -> str:
    marker = item.marker.strip()
    return f"{marker} {item.text.strip()}" if marker else item.text.strip()


def recipient_lines(recipients: Iterable[str]) -> list[str]:
    """Each recipient as written, as a "- " line; "- Lưu: VT." added when no line files a copy."""
    lines = [_as_dash_line(text) for text in recipients if text.strip()]
    if not any(fold_key(line.lstrip("-–• ")).startswith("luu") for line in lines):
        lines.append(f"- {ARCHIVE_LINE}")
    return lines


def authority_text(authority: str) -> str:
    """The signing authority in capitals: "KT.CHỦ TỊCH" → "KT. CHỦ TỊCH"."""
    text = nfc(authority.strip()).upper()
    return _AUTHORITY_RE.sub(lambda m: f"{m.group(1).upper()}. ", text)


def sections_to_write(doc: PlanDocument) -> list[Section]:
    """The document's sections; when it has no implementation section but has assignments (a
    plan made in the app), one built from them. Assignments are never written twice."""
    sections = list(doc.sections)
    if doc.section(SectionRole.IMPLEMENTATION) is None and doc.assignments:
        sections.append(implementation_section(doc.assignments, _next_number(sections)))
    return sections


def implementation_section(assignments: list[Assignment], number: str) -> Section:
    groups = [
        Section(
            number=assignment.number or str(index),
            title=f"{assignment.unit_text.strip().rstrip(':').strip()}:",
            items=[Item(text=task.text, marker="-") for task in assignment.tasks],
        )
        for index, assignment in enumerate(assignments, start=1)
    ]
    return Section(
        number=number,
        title=IMPLEMENTATION_TITLE,
        role=SectionRole.IMPLEMENTATION,
        children=groups,
    )


def _next_number(sections: list[Section]) -> str:
    """The number after the last top-level one, in the document's own style (V → VI, 3 → 4)."""
    numbers = [s.number.strip() for s in sections]
    if numbers and all(n.isdigit() for n in numbers):
        return str(max(int(n) for n in numbers) + 1)
    values = [v for v in map(_roman_value, numbers) if v]
    return _roman(max(values, default=len(sections)) + 1)


def _roman(value: int) -> str:
    out = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


def _roman_value(text: str) -> int | None:
    text = text.strip().upper()
    for value in range(1, 40):
        if _roman(value) == text:
            return value
    return None


def _kind_abbreviation(doc_type: str) -> str:
    wanted = fold_key(doc_type)
    return next((kind for kind, name in KIND_NAMES.items() if fold_key(name) == wanted), "")


def _issuer_abbreviation(header: Header) -> str:
    key = fold_key(f"{header.parent_body} {header.issuing_body}")
    if "ubnd" in key.split() or "uy ban nhan dan" in key:
        return "UBND"
    if "hdnd" in key.split() or "hoi dong nhan dan" in key:
        return "HĐND"
    return ""


def _as_dash_line(text: str) -> str:
    text = nfc(text.strip())
    return text if text[:1] in "-–+•" else f"- {text}"


# --- Page, styles, properties -------------------------------------------------------------------


def _set_up_page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    _page_numbers(section)


def _page_numbers(section) -> None:
    """Decree 30: page numbers centred in the top margin, not shown on the first page."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    _compact(paragraph, WD_ALIGN_PARAGRAPH.CENTER)
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2")):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _set_up_styles(document) -> None:
    _set_fonts(document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")))
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _set_fonts(normal.element)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1)
    fmt.space_before = Pt(6)
    fmt.space_after = Pt(0)
    fmt.line_spacing = LINE_SPACING
    fmt.widow_control = True


def _set_fonts(parent) -> None:
    """Times New Roman for every script and vi-VN as the language, replacing theme fonts (which
    would win over a named font in Word)."""
    r_pr = parent.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        parent.append(r_pr)
    fonts = _child(r_pr, "w:rFonts", first=True)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), FONT)
    lang = _child(r_pr, "w:lang")
    for script in ("val", "eastAsia"):
        lang.set(qn(f"w:{script}"), LANG)


def _child(parent, tag: str, *, first: bool = False):
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        if first:
            parent.insert(0, element)
        else:
            parent.append(element)
    return element


def _set_properties(document, doc: PlanDocument) -> None:
    props = document.core_properties
    props.title = nfc(f"{doc.doc_type.strip()} {doc.summary.strip()}".strip())
    props.subject = nfc(doc.doc_type.strip())
    props.author = nfc(doc.header.issuing_body.strip())
    props.last_modified_by = props.author
    props.comments = ""
    props.keywords = ""
    props.language = LANG
    now = datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0)
    props.created = props.modified = now
    props.revision = 1


# --- Paragraphs ---------------------------------------------------------------------------------


def _run(paragraph: Paragraph, text: str, *, size=None, bold=False, italic=False):
    run = paragraph.add_run(nfc(text))
    if size:
        run.font.size = Pt(size)
    run.bold = bold or None
    run.italic = italic or None
    return run


def _body(container, text: str, *, bold=False, italic=False, indent_cm: float = 1.0) -> Paragraph:
    paragraph = container.add_paragraph()
    if indent_cm != 1.0:
        paragraph.paragraph_format.first_line_indent = Cm(indent_cm)
    _run(paragraph, text, bold=bold, italic=italic)
    return paragraph


def _compact(paragraph: Paragraph, align, *, before: float = 0) -> Paragraph:
    """Single-spaced, no indent: header, title, recipients and signature lines."""
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    return paragraph


def _line(container, text: str, *, size, bold=False, italic=False, before: float = 0,
          align=WD_ALIGN_PARAGRAPH.CENTER) -> Paragraph:  # fmt: skip
    paragraph = _compact(_paragraph_in(container), align, before=before)
    _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _paragraph_in(container) -> Paragraph:
    """A new paragraph; a new table cell already holds an empty one, used first."""
    paragraphs = getattr(container, "paragraphs", [])
    if hasattr(container, "_tc") and len(paragraphs) == 1 and not paragraphs[0]._p.r_lst:
        return paragraphs[0]
    return container.add_paragraph()


def _rule(container, *, width_mm: float, box_mm: float) -> Paragraph:
    """A solid horizontal rule width_mm long, centred in a box box_mm wide: an empty, very low
    paragraph with a bottom border and indents (renders alike in Word and LibreOffice)."""
    paragraph = _compact(_paragraph_in(container), WD_ALIGN_PARAGRAPH.CENTER)
    side = max((box_mm - width_mm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(side)
    fmt.line_spacing = Pt(2)
    _mark_size(paragraph, 2)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.insert_element_before(border, *_AFTER_PBDR)
    return paragraph


def _mark_size(paragraph: Paragraph, size: float) -> None:
    """The font size of the paragraph mark, which sets the height of an empty paragraph."""
    p_pr = paragraph._p.get_or_add_pPr()
    r_pr = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(round(size * 2)))
        r_pr.append(element)
    p_pr.insert_element_before(r_pr, "w:sectPr", "w:pPrChange")


def _short_rule_mm(text_width_mm: float) -> float:
    """Decree 30: from a third to a half of the line above."""
    return max(text_width_mm / 3, min(text_width_mm / 2, 15.0))


@lru_cache(maxsize=8)
def _font(bold: bool, size: float):
    try:
        from PIL import ImageFont

        name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
        return ImageFont.truetype(name, size=int(size * 10))
    except (ImportError, OSError):
        return None


def _text_width_mm(text: str, size: float, *, bold: bool = False) -> float:
    """The printed width of one line, measured with Liberation Serif (metric-compatible with
    Times New Roman), or estimated when the font is not installed."""
    font = _font(bold, size)
    points = font.getlength(nfc(text)) / 10 if font else len(text) * size * 0.55
    return points * 25.4 / 72


# --- Blocks -------------------------------------------------------------------------------------


def _borderless_table(document, widths_mm: tuple[float, float]):
    table = document.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(sum(widths_mm) / 25.4 * 1440)))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths_mm, strict=True):
        column.width = Mm(width)
        cell.width = Mm(width)
    cant_split = OxmlElement("w:cantSplit")
    table.rows[0]._tr.get_or_add_trPr().append(cant_split)
    return table


def _write_header(document, header: Header, doc_type: str) -> None:
    left, right = _borderless_table(document, HEADER_COLUMNS_MM).rows[0].cells
    parent, issuing = agency_lines(header)
    if parent:
        _line(left, parent, size=PARENT_PT)
    if issuing:
        _line(left, issuing, size=ISSUER_PT, bold=True)
        width = _text_width_mm(issuing, ISSUER_PT, bold=True)
        _rule(left, width_mm=_short_rule_mm(width), box_mm=_box(HEADER_COLUMNS_MM[0]))
    _line(left, symbol_line(header, doc_type), size=SYMBOL_PT, before=6)

    _line(right, NATION, size=NATION_PT, bold=True)
    _line(right, MOTTO, size=MOTTO_PT, bold=True)
    width = _text_width_mm(MOTTO, MOTTO_PT, bold=True)
    _rule(right, width_mm=width, box_mm=_box(HEADER_COLUMNS_MM[1]))
    date_line = place_date_line(place_name(header), header.date)
    _line(right, date_line, size=PLACE_DATE_PT, italic=True, before=6)


def _box(column_mm: float) -> float:
    return column_mm - 2 * CELL_PADDING_MM


def _write_title(document, doc_type: str, summary: str) -> None:
    title = _line(document, doc_type.strip().upper(), size=BODY_PT, bold=True, before=18)
    title.paragraph_format.keep_with_next = True
    last = title
    if summary.strip():
        line = _line(document, summary.strip(), size=BODY_PT, bold=True)
        line.paragraph_format.keep_with_next = True
        width = min(_text_width_mm(summary.strip(), BODY_PT, bold=True), TEXT_WIDTH_MM)
        last = _rule(document, width_mm=_short_rule_mm(width), box_mm=TEXT_WIDTH_MM)
    last.paragraph_format.space_after = Pt(12)


def _write_section(document, section: Section, *, depth: int) -> None:
    text = heading_text(section)
    if text:
        paragraph = _body(document, text, bold=depth < 2, italic=depth >= 2)
        paragraph.paragraph_format.keep_with_next = True
    _write_items(document, section.items, depth=0)
    if section.table is not None:
        _write_table(document, section.table)
    for child in section.children:
        _write_section(document, child, depth=depth + 1)


def _write_items(document, items: list[Item], *, depth: int) -> None:
    for item in items:
        _body(document, item_text(item), indent_cm=1.0 + 0.75 * depth)
        _write_items(document, item.children, depth=depth + 1)


def _write_table(document, spec: Table) -> None:
    """A table of figures: full text width, ½ pt black borders on every cell, the header row
    bold, centred and repeated on each page, the body in 12 pt, numeric columns right-aligned;
    the caption, if any, an italic centred line above it. An empty low paragraph follows, so a
    table never touches the next one (Word would join them)."""
    columns = [nfc(text.strip()) for text in spec.columns]
    rows = table_rows(spec)
    numeric = _column_flags(spec.numeric, len(columns), "numeric")
    widths = table_widths_mm(spec)
    if spec.caption.strip():
        caption = _line(document, spec.caption.strip(), size=BODY_PT, italic=True, before=6)
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.space_after = Pt(3)
    table = document.add_table(rows=1 + len(rows), cols=len(columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(sum(widths) / 25.4 * 1440)))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in TABLE_BORDER.items():
            element.set(qn(f"w:{key}"), value)
        borders.append(element)
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for index, (row, texts) in enumerate(zip(table.rows, [columns, *rows], strict=True)):
        header = index == 0
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if header:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for position, (cell, text, width) in enumerate(zip(row.cells, texts, widths, strict=True)):
            cell.width = Mm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if header:
                align = WD_ALIGN_PARAGRAPH.CENTER
            elif numeric[position]:
                align = WD_ALIGN_PARAGRAPH.RIGHT
            elif position == 0 and is_number_column(columns[0]):
                align = WD_ALIGN_PARAGRAPH.CENTER
            else:
                align = WD_ALIGN_PARAGRAPH.LEFT
            paragraph = _compact(_paragraph_in(cell), align, before=2)
            paragraph.paragraph_format.space_after = Pt(2)
            _run(paragraph, text, size=TABLE_PT, bold=header)
    spacer = _compact(document.add_paragraph(), WD_ALIGN_PARAGRAPH.LEFT)
    spacer.paragraph_format.line_spacing = Pt(6)
    _mark_size(spacer, 6)


def table_rows(spec: Table) -> list[list[str]]:
    """The body cells, NFC and stripped, each row padded to the number of columns."""
    count = len(spec.columns)
    if count == 0:
        raise ValueError("a table needs at least one column")
    rows = []
    for number, row in enumerate(spec.rows, start=1):
        if len(row) > count:
            raise ValueError(f"row {number} has {len(row)} cells for {count} columns")
        rows.append([nfc(str(cell).strip()) for cell in row] + [""] * (count - len(row)))
    return rows


def is_number_column(title: str) -> bool:
    """A "TT" / "STT" (thứ tự) column, centred as official tables have it."""
    return fold_key(title).strip(" .") in {"tt", "stt"}


def table_widths_mm(spec: Table) -> list[float]:
    """Column widths that fill the text width: the caller's, scaled; else fitted to the text.

    Fitted: each column asks for its longest line and needs at least its longest word (a
    numeric column: its longest figure, never broken). When everything fits on one line, the
    room left goes to the text columns; otherwise each column gets its minimum plus a share of
    the rest in proportion to what it lacks."""
    count = len(spec.columns)
    if spec.widths_mm is not None:
        given = _column_flags(spec.widths_mm, count, "widths_mm")
        if any(width <= 0 for width in given):
            raise ValueError("widths_mm must be positive")
        return _scaled(given, TEXT_WIDTH_MM)
    numeric = _column_flags(spec.numeric, count, "numeric")
    rows = table_rows(spec)
    pad = 2 * CELL_PADDING_MM + 1.0
    wanted, needed = [], []
    for index, title in enumerate(spec.columns):
        body = [row[index] for row in rows]
        lines = [(line, True) for line in nfc(title.strip()).splitlines()]
        lines += [(line, False) for text in body for line in text.splitlines()]
        full = max((_text_width_mm(line, TABLE_PT, bold=bold) for line, bold in lines), default=0)
        words = [
            _text_width_mm(word, TABLE_PT, bold=bold)
            for line, bold in lines
            for word in (line.split() if bold or not numeric[index] else [line])
        ]
        least = max(max(words, default=0) + pad, TABLE_MIN_COLUMN_MM)
        needed.append(least)
        wanted.append(max(full + pad, least))
    if sum(wanted) <= TEXT_WIDTH_MM:
        growing = [
            i for i in range(count)
            if not numeric[i] and not (i == 0 and is_number_column(spec.columns[0]))
        ] or list(range(count))  # fmt: skip
        extra = TEXT_WIDTH_MM - sum(wanted)
        share = sum(wanted[i] for i in growing)
        return [w + (extra * w / share if i in growing else 0) for i, w in enumerate(wanted)]
    if sum(needed) >= TEXT_WIDTH_MM:
        return _scaled(needed, TEXT_WIDTH_MM)
    room = TEXT_WIDTH_MM - sum(needed)
    lacking = sum(wanted) - sum(needed)
    return [n + room * (w - n) / lacking for n, w in zip(needed, wanted, strict=True)]


def _column_flags(values, count: int, name: str) -> list:
    if values is None:
        return [False] * count
    if len(values) != count:
        raise ValueError(f"{name} has {len(values)} values for {count} columns")
    return list(values)


def _scaled(widths: list[float], total: float) -> list[float]:
    scale = total / sum(widths)
    return [width * scale for width in widths]


def _write_bottom(document, recipients: list[str], signature: Signature) -> None:
    left, right = _borderless_table(document, BOTTOM_COLUMNS_MM).rows[0].cells
    left_align = WD_ALIGN_PARAGRAPH.LEFT
    _line(left, "Nơi nhận:", size=RECIPIENTS_TITLE_PT, bold=True, italic=True, before=12,
          align=left_align)  # fmt: skip
    for line in recipient_lines(recipients):
        _line(left, line, size=RECIPIENTS_PT, align=left_align)
    _write_signature(right, signature)


def _write_signature(cell, signature: Signature) -> None:
    lines = [authority_text(signature.authority), nfc(signature.title.strip()).upper()]
    lines = [line for line in lines if line] or [""]
    for index, line in enumerate(lines):
        _line(cell, line, size=BODY_PT, bold=True, before=12 if index == 0 else 0)
    for _ in range(SIGNATURE_BLANK_LINES):
        _line(cell, "", size=BODY_PT)
    _line(cell, nfc(signature.name.strip()), size=BODY_PT, bold=True)
