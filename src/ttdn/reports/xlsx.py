"""Figures as an .xlsx workbook: one sheet per table, ready to print and to filter.

Pure: plain values in, bytes out; no models, no database. Text is NFC; numbers are stored as
numbers (a ``Decimal`` as an ``int`` when integral, else a ``float``) so the sheet can sum them;
text that looks like a formula is stored as text, never evaluated.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ttdn.core.text import nfc

Value = str | int | float | Decimal | None

TITLE_ROW, SUBTITLE_ROW, HEADER_ROW = 1, 2, 4
FONT = "Times New Roman"
TITLE_PT = 14
BODY_PT = 12
LINE_PT = 16  # the height of one line of 12 pt text
CHAR_FACTOR = 0.9  # a Times New Roman 12 pt character in width units (a Calibri 11 pt digit)
MAX_WIDTH = 60  # characters
MIN_WIDTH = 6
SHEET_NAME_MAX = 31
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.##"
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFD9E1F2", end_color="FFD9E1F2")
THIN = Side(style="thin", color="FF000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
LANGUAGE = "vi-VN"
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Sheet:
    name: str  # the tab's name; shortened to 31 characters, without []:*?/\
    columns: list[str]  # header cells
    rows: list[list[Value]]
    numeric: list[bool]  # right-aligned, number-formatted columns; one flag per column


def figures_xlsx(*, title: str, subtitle: str, sheets: list[Sheet]) -> bytes:
    """The workbook's bytes: on each sheet the title (A1, bold 14 pt, merged across the columns),
    the subtitle (A2, italic), then the table with a bold, filled, bordered header row that
    stays in view and carries an autofilter."""
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for index, sheet in enumerate(sheets, start=1):
        name = sheet_name(sheet.name, used, fallback=f"Trang {index}")
        used.add(name.casefold())
        _write_sheet(workbook.create_sheet(title=name), nfc(title.strip()),
                     nfc(subtitle.strip()), sheet)  # fmt: skip
    props = workbook.properties
    props.title = nfc(title.strip())
    props.subject = nfc(subtitle.strip())
    props.language = LANGUAGE
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_name(name: str, used: Collection[str] = (), *, fallback: str = "Trang 1") -> str:
    """A name Excel accepts: without []:*?/\\, no leading or trailing apostrophe, at most 31
    characters, not one of ``used`` (casefolded); " (2)", " (3)", … added to tell apart."""
    base = _FORBIDDEN.sub(" ", nfc(name))
    base = " ".join(base.split()).strip("'").strip() or fallback
    base = base[:SHEET_NAME_MAX].rstrip()
    candidate, number = base, 1
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = f"{base[: SHEET_NAME_MAX - len(suffix)].rstrip()}{suffix}"
    return candidate


def cell_value(value: Value) -> str | int | float | None:
    """What goes in a cell: numbers as numbers (an integral Decimal as int), text NFC without
    the control characters a workbook cannot hold, None as an empty cell."""
    if value is None or isinstance(value, bool):
        return None if value is None else str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, int):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", nfc(str(value)))


def _write_sheet(ws, title: str, subtitle: str, sheet: Sheet) -> None:
    count = len(sheet.columns)
    if count == 0:
        raise ValueError(f"sheet {sheet.name!r} has no columns")
    if len(sheet.numeric) != count:
        raise ValueError(f"sheet {sheet.name!r}: {len(sheet.numeric)} flags for {count} columns")
    last = get_column_letter(count)

    _text(ws.cell(row=TITLE_ROW, column=1), title)
    ws.cell(row=TITLE_ROW, column=1).font = Font(name=FONT, bold=True, size=TITLE_PT)
    ws.cell(row=TITLE_ROW, column=1).alignment = Alignment(
        horizontal="center", vertical="center", wrap_text=True
    )
    if count > 1:
        ws.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    if subtitle:
        _text(ws.cell(row=SUBTITLE_ROW, column=1), subtitle)
        ws.cell(row=SUBTITLE_ROW, column=1).font = Font(name=FONT, italic=True, size=BODY_PT)

    for column, heading in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=HEADER_ROW, column=column)
        _text(cell, cell_value(heading.strip()) or "")
        cell.font = Font(name=FONT, bold=True, size=BODY_PT)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    for offset, row in enumerate(sheet.rows, start=1):
        if len(row) > count:
            raise ValueError(f"sheet {sheet.name!r}: row {offset} has {len(row)} cells")
        padded = [*row, *([None] * (count - len(row)))]
        for column, raw in enumerate(padded, start=1):
            cell = ws.cell(row=HEADER_ROW + offset, column=column)
            value = cell_value(raw)
            if isinstance(value, str):
                _text(cell, value)
            else:
                cell.value = value
            cell.border = BORDER
            cell.font = Font(name=FONT, size=BODY_PT)
            numeric = sheet.numeric[column - 1]
            if isinstance(value, int | float):
                integral = isinstance(value, int) or value.is_integer()
                cell.number_format = INTEGER_FORMAT if integral else DECIMAL_FORMAT
            cell.alignment = Alignment(
                horizontal="right" if numeric else "left", vertical="top", wrap_text=True
            )

    widths = _column_widths(ws, sheet, count)
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    _fit_title_height(ws, title, sum(widths))
    for row in range(HEADER_ROW, HEADER_ROW + len(sheet.rows) + 1):
        _fit_row_height(ws, row, widths)

    bottom = HEADER_ROW + max(len(sheet.rows), 1)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1).coordinate
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{bottom}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sum(widths) > 100 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _text(cell, text: str) -> None:
    """Text stored as text, even when it starts with "=" (never a formula)."""
    cell.value = text
    cell.data_type = "s"


def _column_widths(ws, sheet: Sheet, count: int) -> list[float]:
    """Characters wide: the longest value (the header's longest word, as the header wraps),
    plus a margin, between MIN_WIDTH and MAX_WIDTH."""
    widths = []
    for column in range(1, count + 1):
        heading = str(ws.cell(row=HEADER_ROW, column=column).value or "")
        longest = max((len(word) for word in heading.split()), default=0)
        longest = max(longest, min(len(heading), 24))
        for offset in range(1, len(sheet.rows) + 1):
            cell = ws.cell(row=HEADER_ROW + offset, column=column)
            longest = max(longest, _shown_length(cell.value))
        widths.append(float(min(max(round(longest * CHAR_FACTOR) + 2, MIN_WIDTH), MAX_WIDTH)))
    return widths


def _shown_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, int):
        return len(f"{value:,}")
    if isinstance(value, float):
        return len(f"{value:,.2f}".rstrip("0").rstrip("."))
    return max((len(line) for line in str(value).splitlines()), default=0)


def _fit_row_height(ws, row: int, widths: list[float]) -> None:
    """Room for the wrapped lines of the row's longest cell: not every reader grows a row by
    itself (LibreOffice keeps the stored height)."""
    lines = 1
    for column, width in enumerate(widths, start=1):
        value = ws.cell(row=row, column=column).value
        if isinstance(value, str):
            room = max(width - 2, 1)
            needed = sum(
                max(1, math.ceil(len(line) * CHAR_FACTOR / room)) for line in value.splitlines()
            )
            lines = max(lines, needed)
    ws.row_dimensions[row].height = LINE_PT * lines


def _fit_title_height(ws, title: str, total_width: float) -> None:
    """A merged cell does not grow by itself: room for as many lines as the title needs."""
    lines = max(1, math.ceil(len(title) * CHAR_FACTOR * TITLE_PT / BODY_PT / max(total_width, 1)))
    ws.row_dimensions[TITLE_ROW].height = 20 * lines
