"""Figures as an .xlsx workbook: numbers stay numbers, the header stays in view, LibreOffice
opens it."""

import csv
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ttdn.reports.xlsx import Sheet, cell_value, figures_xlsx, sheet_name

pytestmark = pytest.mark.nodb  # never touches the database: not run again on PostgreSQL

TITLE = "Báo cáo kết quả thông tin đối ngoại quý I năm 2025"
SUBTITLE = "Ủy ban nhân dân xã Cẩm Tân — số liệu đến ngày 31/3/2025"
COLUMNS = ["TT", "Đơn vị", "Số tin, bài", "Kinh phí (triệu đồng)"]


def villages() -> Sheet:
    return Sheet(
        name="Theo thôn: quý I/2025 [bản chính thức]",
        columns=COLUMNS,
        rows=[
            [1, "Thôn Mẫu Một", 12, Decimal("1.50")],
            [2, "Thôn Mẫu Hai có tên rất dài " * 5, Decimal("1250"), Decimal("2")],
            [3, '=HYPERLINK("http://x")', None, 0.25],
            [None, "Tổng cộng", Decimal("1262"), Decimal("3.75")],
        ],
        numeric=[True, False, True, True],
    )


def agencies() -> Sheet:
    return Sheet(name="Cơ quan", columns=["Cơ quan", "Số tin"], rows=[["Công an xã", 4]],
                 numeric=[False, True])  # fmt: skip


@pytest.fixture(scope="module")
def data() -> bytes:
    return figures_xlsx(title=TITLE, subtitle=SUBTITLE, sheets=[villages(), agencies()])


@pytest.fixture(scope="module")
def workbook(data):
    return load_workbook(io.BytesIO(data))


def test_sheets_named_as_excel_allows(workbook):
    assert workbook.sheetnames == ["Theo thôn quý I 2025 bản chính", "Cơ quan"]
    assert all(len(name) <= 31 for name in workbook.sheetnames)
    assert sheet_name("a/b\\c?d*e[f]g:h") == "a b c d e f g h"
    assert sheet_name("Quý I", {"quý i"}) == "Quý I (2)"
    assert sheet_name("x" * 40, {"x" * 31}) == "x" * 27 + " (2)"
    assert sheet_name("  []  ") == "Trang 1"


def test_title_subtitle_and_header(workbook):
    ws = workbook.worksheets[0]
    assert ws["A1"].value == TITLE
    assert ws["A1"].font.bold and ws["A1"].font.size == 14
    assert "A1:D1" in {str(merged) for merged in ws.merged_cells.ranges}
    assert ws["A2"].value == SUBTITLE
    assert ws["A2"].font.italic
    header = [cell.value for cell in ws[4]]
    assert header == COLUMNS
    for cell in ws[4]:
        assert cell.font.bold
        assert cell.fill.fill_type == "solid"
        assert cell.border.top.style == cell.border.bottom.style == "thin"
    assert ws.freeze_panes == "A5"
    assert ws.auto_filter.ref == "A4:D8"
    assert workbook.properties.title == TITLE


def test_numbers_are_numbers(workbook):
    ws = workbook.worksheets[0]
    assert [ws.cell(row=5, column=c).value for c in range(1, 5)] == [1, "Thôn Mẫu Một", 12, 1.5]
    assert ws["C6"].value == 1250 and isinstance(ws["C6"].value, int)
    assert isinstance(ws["D6"].value, int)
    assert ws["D8"].value == pytest.approx(3.75)
    assert ws["C6"].number_format == "#,##0"
    assert ws["D5"].number_format == "#,##0.##"
    assert ws["C5"].alignment.horizontal == "right"
    assert ws["B5"].alignment.horizontal == "left"
    assert ws["C7"].value is None and ws["A8"].value is None


def test_formula_looking_text_stays_text(workbook):
    cell = workbook.worksheets[0]["B7"]
    assert cell.value == '=HYPERLINK("http://x")'
    assert cell.data_type == "s"


def test_column_widths_fit_the_text(workbook):
    ws = workbook.worksheets[0]
    widths = {letter: ws.column_dimensions[letter].width for letter in "ABCD"}
    assert widths["B"] == 60  # the long name, capped
    assert widths["A"] < widths["C"] < widths["B"]
    assert len("Thôn Mẫu Một") < widths["B"]


def test_cell_values():
    assert cell_value(Decimal("5.00")) == 5 and isinstance(cell_value(Decimal("5.00")), int)
    assert cell_value(Decimal("0.5")) == 0.5
    assert cell_value(Decimal("NaN")) is None
    assert cell_value("Tho\u0302n\x07") == "Thôn"  # NFC, control character dropped
    assert cell_value(None) is None


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        figures_xlsx(title=TITLE, subtitle="", sheets=[])
    with pytest.raises(ValueError, match="flags"):
        figures_xlsx(
            title=TITLE,
            subtitle="",
            sheets=[Sheet(name="x", columns=["A", "B"], rows=[], numeric=[True])],
        )
    with pytest.raises(ValueError, match="row 1"):
        figures_xlsx(
            title=TITLE,
            subtitle="",
            sheets=[Sheet(name="x", columns=["A"], rows=[[1, 2]], numeric=[True])],
        )


def test_libreoffice_opens_it(data, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.fail("LibreOffice không có: cài gói Debian libreoffice-writer-nogui.")
    if not (Path(soffice).resolve().parent / "libsclo.so").is_file():
        # Calc opens .xlsx; scripts/system-packages.txt lists it with Writer
        pytest.fail("LibreOffice Calc không có: cài gói Debian libreoffice-calc-nogui.")
    source = tmp_path / "so-lieu.xlsx"
    source.write_bytes(data)
    subprocess.run(
        [soffice, "--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
         f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
         "--outdir", str(tmp_path / "out"), str(source)],
        capture_output=True, check=True, timeout=120, cwd=tmp_path,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "SAL_USE_VCLPLUGIN": "svp"},
    )  # fmt: skip
    output = tmp_path / "out" / "so-lieu.csv"
    rows = list(csv.reader(output.read_text(encoding="utf-8").splitlines()))
    assert rows[0][0] == TITLE
    assert rows[3] == COLUMNS
    assert rows[4][:2] == ["1", "Thôn Mẫu Một"]
    assert rows[5][2].replace(",", "").replace(".", "") == "1250"
    assert Path(output).stat().st_size > 0
