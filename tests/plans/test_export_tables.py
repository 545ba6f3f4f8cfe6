"""Tables of figures in the Decree-30 writer (a "BÁO CÁO" with its numbers), .docx and PDF."""

import datetime
import io
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from ttdn.plans.document import Header, Item, PlanDocument, Section, Signature, Table
from ttdn.plans.export import docx_to_pdf, plan_to_docx
from ttdn.plans.export.decree30 import TEXT_WIDTH_MM, symbol_line, table_widths_mm

pytestmark = pytest.mark.nodb  # never touches the database: not run again on PostgreSQL

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "export"
COLUMNS = ["TT", "Đơn vị", "Số tin, bài", "Số buổi phát thanh"]
VILLAGES = [f"Thôn Mẫu {n}" for n in range(1, 41)]


def figures() -> Table:
    rows = [[str(n), name, f"{n * 37:,}".replace(",", "."), str(n % 7)]
            for n, name in enumerate(VILLAGES, start=1)]  # fmt: skip
    rows.append(["", "Tổng cộng", "30.340", "117"])
    return Table(
        columns=COLUMNS,
        rows=rows,
        numeric=[False, False, True, True],
        caption="Bảng 1. Kết quả thông tin, tuyên truyền quý I năm 2025",
    )


def report() -> PlanDocument:
    return PlanDocument(
        header=Header(issuing_body="UBND xã Cẩm Tân", date=datetime.date(2025, 4, 5)),
        doc_type="BÁO CÁO",
        summary="Kết quả công tác thông tin đối ngoại quý I năm 2025",
        sections=[
            Section(
                number="I",
                title="KẾT QUẢ THỰC HIỆN",
                items=[Item(text="Các thôn đã đưa tin đều đặn, số liệu như sau:")],
                table=figures(),
                children=[
                    Section(
                        number="1",
                        title="Đánh giá chung",
                        items=[Item(text="Hoàn thành kế hoạch đề ra.", marker="-")],
                    ),
                ],
            ),
            Section(
                number="II",
                title="PHƯƠNG HƯỚNG QUÝ II",
                table=Table(
                    columns=["Nội dung", "Chỉ tiêu"],
                    rows=[["Tin, bài", "40"]],
                    numeric=[False, True],
                ),
            ),
        ],
        recipients=["Phòng VH & TT huyện (B/c)"],
        signature=Signature(
            authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", name="Hoàng Thị Hợp"
        ),
    )


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return plan_to_docx(report())


@pytest.fixture(scope="module")
def document(docx_bytes):
    return Document(io.BytesIO(docx_bytes))


@pytest.fixture(scope="module")
def figures_table(document):
    return document.tables[1]  # 0: the header block, 1: the figures, 2: plan II, 3: signature


def texts(row) -> list[str]:
    return [cell.text for cell in row.cells]


def text_of(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


# --- .docx ---------------------------------------------------------------------------------------


def test_report_symbol_line_is_bc(document):
    assert symbol_line(Header(issuing_body="UBND xã Cẩm Tân"), "BÁO CÁO").endswith("/BC-UBND")
    left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs if p.text.strip()]
    assert re.fullmatch(r"Số:\s{3,}/BC-UBND", left[2])
    assert "BÁO CÁO" in [p.text for p in document.paragraphs]


def test_the_table_holds_the_callers_cells_and_no_more(document, figures_table):
    assert len(document.tables) == 4
    assert texts(figures_table.rows[0]) == COLUMNS
    assert texts(figures_table.rows[1]) == ["1", "Thôn Mẫu 1", "37", "1"]
    assert texts(figures_table.rows[-1]) == ["", "Tổng cộng", "30.340", "117"]
    assert len(figures_table.rows) == 1 + len(VILLAGES) + 1
    assert texts(document.tables[2].rows[0]) == ["Nội dung", "Chỉ tiêu"]


def test_header_row_repeats_and_is_bold_and_centred(figures_table):
    rows = figures_table.rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
    for cell in rows[0].cells:
        (paragraph,) = cell.paragraphs
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(run.bold for run in paragraph.runs)


def test_body_is_12_pt_with_numbers_right_aligned(figures_table):
    aligns = [cell.paragraphs[0].alignment for cell in figures_table.rows[5].cells]
    assert aligns == [WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT,
                      WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.RIGHT]  # fmt: skip
    for row in figures_table.rows:
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                assert run.font.size.pt == 12
    assert not any(run.bold for cell in figures_table.rows[5].cells
                   for run in cell.paragraphs[0].runs)  # fmt: skip


def test_cells_inherit_times_new_roman(figures_table):
    for cell in figures_table.rows[1].cells:
        fonts = cell.paragraphs[0].runs[0]._r.find(f".//{qn('w:rFonts')}")
        assert fonts is None  # no font of its own: Normal's Times New Roman, vi-VN


def test_every_cell_has_a_single_black_border(figures_table):
    borders = figures_table._tbl.tblPr.find(qn("w:tblBorders"))
    edges = {child.tag.split("}")[1]: child for child in borders}
    assert set(edges) == {"top", "left", "bottom", "right", "insideH", "insideV"}
    for edge in edges.values():
        assert edge.get(qn("w:val")) == "single"
        assert edge.get(qn("w:color")) == "000000"


def test_table_fills_the_text_width(figures_table):
    widths = [cell.width.mm for cell in figures_table.rows[0].cells]
    assert sum(widths) == pytest.approx(TEXT_WIDTH_MM, abs=0.5)
    assert [cell.width for cell in figures_table.rows[7].cells] == [
        cell.width for cell in figures_table.rows[0].cells
    ]
    tt, unit, items, broadcasts = widths
    assert tt < 20 and unit > items and unit > broadcasts
    layout = figures_table._tbl.tblPr.find(qn("w:tblLayout"))
    assert layout.get(qn("w:type")) == "fixed"
    grid = [col.w.mm for col in figures_table._tbl.tblGrid.gridCol_lst]
    assert grid == pytest.approx(widths, abs=0.1)


def test_given_widths_are_scaled_to_the_text_width():
    table = Table(columns=["A", "B"], rows=[["x", "y"]], widths_mm=[1, 3])
    assert table_widths_mm(table) == pytest.approx([TEXT_WIDTH_MM / 4, TEXT_WIDTH_MM * 3 / 4])
    long_text = "Công tác thông tin đối ngoại trong tình hình mới " * 6
    fitted = table_widths_mm(Table(columns=["TT", "Nội dung", "Số lượng"],
                                   rows=[["1", long_text, "1.234.567"]],
                                   numeric=[False, False, True]))  # fmt: skip
    assert sum(fitted) == pytest.approx(TEXT_WIDTH_MM)
    assert fitted[2] > 15  # a figure is never broken


def test_caption_items_table_children_in_order(document, figures_table):
    body = list(document.element.body.iterchildren())
    at = body.index(figures_table._tbl)
    caption = body[at - 1]
    assert text_of(caption) == "Bảng 1. Kết quả thông tin, tuyên truyền quý I năm 2025"
    paragraph = next(p for p in document.paragraphs if p._p is caption)
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run.italic for run in paragraph.runs)
    assert text_of(body[at - 2]) == "Các thôn đã đưa tin đều đặn, số liệu như sau:"
    after = [text_of(element) for element in body[at + 1 : at + 3]]
    assert after == ["", "1. Đánh giá chung"]


def test_a_table_last_is_not_joined_to_the_signature_block(document):
    body = list(document.element.body.iterchildren())
    plan_ii, signature = document.tables[2]._tbl, document.tables[3]._tbl
    between = body[body.index(plan_ii) + 1 : body.index(signature)]
    assert [element.tag for element in between] == [qn("w:p")]


def test_bad_tables_are_refused():
    plan = report()
    plan.sections[1].table = Table(columns=["A"], rows=[["1", "2"]])
    with pytest.raises(ValueError, match="row 1"):
        plan_to_docx(plan)
    plan.sections[1].table = Table(columns=["A", "B"], rows=[], numeric=[True])
    with pytest.raises(ValueError, match="numeric"):
        plan_to_docx(plan)


def test_as_json_carries_the_table():
    data = json.loads(json.dumps(report().as_json(), ensure_ascii=False))
    table = data["sections"][0]["table"]
    assert table["columns"] == COLUMNS
    assert table["numeric"] == [False, False, True, True]
    assert table["rows"][-1] == ["", "Tổng cộng", "30.340", "117"]
    assert data["sections"][0]["children"][0]["table"] is None


def test_text_is_nfc():
    plan = report()
    plan.sections[0].table.rows[0][1] = "Tho\u0302n Ma\u0302\u0303u 1"  # decomposed
    data = plan_to_docx(plan)
    table = Document(io.BytesIO(data)).tables[1]
    assert table.rows[1].cells[1].text == "Thôn Mẫu 1"
    assert all(unicodedata.is_normalized("NFC", cell.text) for cell in table.rows[1].cells)


# --- PDF -----------------------------------------------------------------------------------------


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


@pytest.fixture(scope="module")
def pdf_file(docx_bytes, tmp_path_factory) -> Path:
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.fail("LibreOffice không có: cài gói Debian libreoffice-writer-nogui để xuất PDF.")
    path = tmp_path_factory.mktemp("pdf") / "bao-cao.pdf"
    path.write_bytes(docx_to_pdf(docx_bytes))
    return path


def test_pdf_shows_the_table_with_its_header_on_every_page(pdf_file):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext không có; cài gói Debian poppler-utils.")
    text = run("pdftotext", "-layout", str(pdf_file), "-")
    caption = "Bảng 1. Kết quả thông tin, tuyên truyền quý I năm 2025"
    for expected in ("BÁO CÁO", "Số tin, bài", "Số buổi phát thanh", "Thôn Mẫu 40", "Tổng cộng",
                     "30.340", caption):  # fmt: skip
        assert expected in text, expected
    assert re.search(r"/BC-UBND", text)
    pages = [page for page in text.split("\f") if "Thôn Mẫu" in page]
    assert len(pages) >= 2  # 40 villages do not fit on one page …
    assert all("Số tin, bài" in page for page in pages)  # … and the header repeats
    render(pdf_file, page=1)


def render(pdf_file: Path, *, page: int) -> None:
    """The table's first page as PNG in test-artifacts/export/, for people to look at."""
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm không có; cài gói Debian poppler-utils.")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    prefix = ARTIFACTS / "bao-cao-bang"
    run("pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page),
        str(pdf_file), str(prefix))  # fmt: skip
    assert prefix.with_suffix(".png").stat().st_size > 0
