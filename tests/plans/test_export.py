"""The official-document exporter: .docx in the Decree-30 layout, and PDF by LibreOffice."""

import io
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from ttdn.plans.document import (
    Assignment,
    Header,
    Item,
    PlanDocument,
    Section,
    SectionRole,
    Signature,
    TaskSpec,
)
from ttdn.plans.errors import PlanError
from ttdn.plans.export import docx_to_pdf, plan_to_docx
from ttdn.plans.export.decree30 import (
    agency_lines,
    place_date_line,
    place_name,
    recipient_lines,
    symbol_line,
)

pytestmark = pytest.mark.nodb  # never touches the database: not run again on PostgreSQL

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "export"
MISSING = "Không tìm thấy LibreOffice (gói libreoffice-writer-nogui)"
GROUPS = [
    ("Công chức Văn Hóa – Xã hội:", 5),
    ("Văn phòng HĐND-UBND", 2),
    ("Công chức kế toán:", 1),
    ("Công an xã:", 2),
    ("Ban chỉ huy Quân Sự xã:", 2),
    ("Các ban, ngành cấp xã, các thôn và các cơ quan đơn vị có liên quan:", 4),
    ("Đòi truyền thanh xã:", 3),
]
LONG = (
    "tuyên truyền sâu rộng về nội dung, quan điểm, mục tiêu, nhiệm vụ, giải pháp, tình hình và "
    "kết quả thực hiện Kết luận số 57-KL/TW của Bộ Chính trị (khóa XIII) trên địa bàn xã; "
    "chỉ đạo Đài truyền thanh biên tập tin bài tuyên truyền, thông tin đối ngoại."
)


def bullets(prefix: str, count: int) -> list[Item]:
    return [Item(text=f"{prefix} {n}: {LONG}", marker="-") for n in range(1, count + 1)]


def seed_plan() -> PlanDocument:
    """A hand-made copy of the seed plan: sections I, II, IV, V (no III), 7 groups."""
    implementation = Section(
        number="V",
        title="TỔ CHỨC THỰC HIỆN",
        role=SectionRole.IMPLEMENTATION,
        children=[
            Section(number=str(n), title=title, items=bullets("Nhiệm vụ", count))
            for n, (title, count) in enumerate(GROUPS, start=1)
        ],
    )
    content = Section(
        number="II",
        title="NỘI DUNG, NHIỆM VỤ CHỦ YẾU",
        role=SectionRole.CONTENT,
        children=[
            Section(number="1", title="Tập trung quán triệt, triển khai thực hiện nghiêm túc.",
                    items=bullets("Nội dung", 3)),
            Section(number="2", title="Công tác thông tin, tuyên truyền",
                    items=[*bullets("Tuyên truyền", 2),
                           Item(text="Chỉ đạo các thôn:", marker="-",
                                children=[Item(text="thôn Một; thôn Hai.", marker="+")])]),
            Section(number="3", title="Nâng cao hiệu lực, hiệu quả quản lý Nhà nước",
                    items=bullets("Quản lý", 2)),
            Section(number="4", title="Tăng cường đấu tranh, phản bác thông tin sai trái",
                    items=bullets("Đấu tranh", 2)),
        ],
    )  # fmt: skip
    return PlanDocument(
        header=Header(issuing_body="UBND xã Cẩm Tân"),
        doc_type="KẾ HOẠCH",
        summary=(
            "Thực hiện Kết luận số 57-KL/TW của Bộ Chính trị (khóa XIII) về tiếp tục nâng cao "
            "chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới"
        ),
        preamble=[
            "Thực hiện kế hoạch 216/KH – UBND, ngày 25/12/2023 của huyện Ủy huyện Cẩm Thủy "
            "về việc thực hiện Kết luận số 57-KL/TW của Bộ Chính trị (khóa XIII).",
            "UBND xã Cẩm Tân ban hành Kế hoạch thực hiện Kết luận số 57- KL/TW, gồm các nội sau:",
        ],
        sections=[
            Section(
                number="I",
                title="MỤC ĐÍCH, YÊU CẦU",
                role=SectionRole.PURPOSES,
                children=[
                    Section(number="1", title="Mục đích", items=bullets("Mục đích", 4)),
                    Section(number="2", title="Yêu cầu", items=bullets("Yêu cầu", 2)),
                ],
            ),
            content,
            Section(
                number="IV",
                title="KINH PHÍ",
                role=SectionRole.BUDGET,
                items=[
                    Item(text="Phân bổ từ nguồn ngân xã theo quy định.", marker="-"),
                    Item(text="Huy động nguồn kinh phí hỗ trợ hợp pháp.", marker="-"),
                ],
            ),
            implementation,
        ],
        assignments=[Assignment(number="1", unit_text="Công chức Văn Hóa – Xã hội", units=[])],
        closing=(
            "UBND xã yêu cầu các ban, ngành; đoàn thể, các thôn và các cơ quan đơn vị có liên "
            "quan tổ chức triển khai thực hiện kế hoạch; định kỳ 6 tháng, hàng năm báo cáo UBND "
            "xã (qua Công chức Văn hóa) để tổng hợp, báo cáo theo quy định./."
        ),
        recipients=[
            "Phòng VH & TT huyện (B/c)",
            "TT Đảng ủy – TT HĐND – TT UBND (B/c)",
            "Các cơ quan, đơn vị (T/h)",
            "Các ban, ngành, đoàn thể xã(T/h)",
            "Các thôn (T/h)",
            "Lưu VP, VH",
        ],
        signature=Signature(authority="KT. CHỦ TỊCH", title="PHÓ CHỦ TỊCH", name="Hoàng Thị Hợp"),
    )


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return plan_to_docx(seed_plan())


@pytest.fixture(scope="module")
def document(docx_bytes):
    return Document(io.BytesIO(docx_bytes))


def cell_paragraphs(table, column: int):
    return [p for p in table.rows[0].cells[column].paragraphs if p.text.strip()]


def body_texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def is_bold(paragraph) -> bool:
    return all(run.bold for run in paragraph.runs if run.text.strip())


def is_italic(paragraph) -> bool:
    return all(run.italic for run in paragraph.runs if run.text.strip())


# --- .docx ---------------------------------------------------------------------------------------


def test_page_is_a4_with_decree_margins(document):
    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin)  # fmt: skip
    assert [round(size.mm, 1) for size in sizes] == [210, 297, 20, 20, 30, 15]


def test_normal_style_is_times_new_roman_14_vietnamese(document):
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        assert fonts.get(qn(f"w:{script}")) == "Times New Roman"
    assert normal.element.rPr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert 0.9 <= normal.paragraph_format.first_line_indent.cm <= 1.1
    assert 1.15 <= normal.paragraph_format.line_spacing <= 1.2


def test_header_table(document):
    header = document.tables[0]
    left, right = cell_paragraphs(header, 0), cell_paragraphs(header, 1)
    assert [p.text for p in left[:2]] == ["ỦY BAN NHÂN DÂN", "XÃ CẨM TÂN"]
    assert re.fullmatch(r"Số:\s{3,}/KH-UBND", left[2].text)
    assert not is_bold(left[0])
    assert is_bold(left[1])
    assert [p.text for p in right[:2]] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert is_bold(right[0]) and is_bold(right[1])
    assert re.fullmatch(r"Cẩm Tân, ngày\s+tháng\s+năm 20…", right[2].text)
    assert is_italic(right[2])
    for paragraph in [*left, *right]:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_header_rules_are_bottom_borders_under_issuer_and_motto(document):
    header = document.tables[0]
    for column in (0, 1):
        ruled = [p for p in header.rows[0].cells[column].paragraphs
                 if p._p.find(f".//{qn('w:pBdr')}") is not None]  # fmt: skip
        assert len(ruled) == 1
        assert not ruled[0].text


def test_title_is_bold_and_centred(document):
    paragraphs = document.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == "KẾ HOẠCH")
    title, summary = paragraphs[index], paragraphs[index + 1]
    assert is_bold(title)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert summary.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert summary.text.startswith("Thực hiện Kết luận số 57-KL/TW")
    assert is_bold(summary)


def test_sections_keep_the_documents_own_numbers(document):
    texts = body_texts(document)
    top = [t for t in texts if re.match(r"^[IVX]+\. ", t)]
    assert top == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG, NHIỆM VỤ CHỦ YẾU",
        "IV. KINH PHÍ",
        "V. TỔ CHỨC THỰC HIỆN",
    ]
    heading = next(p for p in document.paragraphs if p.text == "1. Mục đích")
    assert is_bold(heading)
    assert "- Phân bổ từ nguồn ngân xã theo quy định." in texts
    assert "+ thôn Một; thôn Hai." in texts
    assert not any(p._p.pPr is not None and p._p.pPr.numPr is not None
                   for p in document.paragraphs)  # fmt: skip


def test_implementation_groups_are_written_once(document):
    texts = body_texts(document)
    groups = [t for t in texts if re.match(r"^\d\. ", t) and texts.index(t) > texts.index(
        "V. TỔ CHỨC THỰC HIỆN")]  # fmt: skip
    assert groups == [f"{n}. {title}" for n, (title, _) in enumerate(GROUPS, start=1)]
    assert texts.count("1. Công chức Văn Hóa – Xã hội:") == 1
    assert texts[-1].endswith("theo quy định./.")


def test_implementation_section_made_from_assignments_when_missing():
    plan = seed_plan()
    plan.sections = plan.sections[:3]
    plan.assignments = [
        Assignment(number="1", unit_text="Công an xã:", units=[],
                   tasks=[TaskSpec(text="Bảo đảm an ninh.", lead=[], coordinators=[])]),
        Assignment(number="2", unit_text="Đài truyền thanh xã", units=[],
                   tasks=[TaskSpec(text="Đưa tin.", lead=[], coordinators=[])]),
    ]  # fmt: skip
    texts = body_texts(Document(io.BytesIO(plan_to_docx(plan))))
    start = texts.index("V. TỔ CHỨC THỰC HIỆN")
    assert texts[start + 1 : start + 5] == [
        "1. Công an xã:",
        "- Bảo đảm an ninh.",
        "2. Đài truyền thanh xã:",
        "- Đưa tin.",
    ]


def test_recipients_and_signature(document):
    bottom = document.tables[-1]
    left, right = cell_paragraphs(bottom, 0), cell_paragraphs(bottom, 1)
    assert left[0].text == "Nơi nhận:"
    assert is_bold(left[0]) and is_italic(left[0])
    assert left[0].runs[0].font.size.pt == 12
    assert [p.text for p in left[1:]] == [
        "- Phòng VH & TT huyện (B/c)",
        "- TT Đảng ủy – TT HĐND – TT UBND (B/c)",
        "- Các cơ quan, đơn vị (T/h)",
        "- Các ban, ngành, đoàn thể xã(T/h)",
        "- Các thôn (T/h)",
        "- Lưu VP, VH",
    ]
    assert all(p.runs[0].font.size.pt == 11 for p in left[1:])
    assert [p.text for p in right] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Thị Hợp"]
    assert all(is_bold(p) and p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in right)
    all_right = bottom.rows[0].cells[1].paragraphs
    assert sum(1 for p in all_right if not p.text) >= 3  # room for signature and seal


def test_core_properties(document):
    assert document.core_properties.title.startswith("KẾ HOẠCH Thực hiện Kết luận số 57-KL/TW")
    assert document.core_properties.language == "vi-VN"


def test_text_is_nfc():
    plan = seed_plan()
    plan.signature.name = "Hoa\u0300ng Thi\u0323 Ho\u031b\u0323p"  # decomposed
    texts = [p.text for p in Document(io.BytesIO(plan_to_docx(plan))).tables[-1]
             .rows[0].cells[1].paragraphs]  # fmt: skip
    assert "Hoàng Thị Hợp" in texts


def test_header_derivations():
    assert agency_lines(Header(issuing_body="Ủy ban nhân dân xã Cẩm Tân")) == (
        "ỦY BAN NHÂN DÂN",
        "XÃ CẨM TÂN",
    )
    assert agency_lines(Header(parent_body="UBND huyện Cẩm Thủy", issuing_body="Phòng VH")) == (
        "UBND HUYỆN CẨM THỦY",
        "PHÒNG VH",
    )
    assert place_name(Header(issuing_body="UBND xã Cẩm Tân")) == "Cẩm Tân"
    assert place_name(Header(issuing_body="XÃ CẨM TÂN", parent_body="ỦY BAN NHÂN DÂN")) == (
        "Cẩm Tân"
    )
    assert place_name(Header(issuing_body="UBND xã Cẩm Tân", place="Cẩm Thủy")) == "Cẩm Thủy"
    assert place_name(Header(parent_body="UBND huyện Cẩm Thủy", issuing_body="Phòng VH")) == (
        "Cẩm Thủy"
    )
    assert place_name(Header(issuing_body="Ban Chỉ đạo")) == ""
    assert symbol_line(Header(symbol="216/KH-UBND"), "KẾ HOẠCH") == "Số: 216/KH-UBND"
    assert symbol_line(Header(issuing_body="UBND xã Cẩm Tân"), "BÁO CÁO").endswith("/BC-UBND")


def test_date_line_pads_as_decree_30_says():
    import datetime

    assert place_date_line("Cẩm Tân", datetime.date(2023, 12, 25)) == (
        "Cẩm Tân, ngày 25 tháng 12 năm 2023"
    )
    assert place_date_line("Cẩm Tân", datetime.date(2024, 2, 5)) == (
        "Cẩm Tân, ngày 05 tháng 02 năm 2024"
    )


def test_archive_line_added_only_when_missing():
    assert recipient_lines(["Như trên;"]) == ["- Như trên;", "- Lưu: VT."]
    assert recipient_lines(["- Như trên;", "- Lưu: VT, VH."]) == ["- Như trên;", "- Lưu: VT, VH."]


# --- PDF -----------------------------------------------------------------------------------------


def require_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.fail(f"{name} không có; cài gói Debian {package}.")
    return path


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


@pytest.fixture(scope="module")
def pdf_file(docx_bytes, tmp_path_factory) -> Path:
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.fail("LibreOffice không có: cài gói Debian libreoffice-writer-nogui để xuất PDF.")
    started = time.monotonic()
    pdf = docx_to_pdf(docx_bytes)
    print(f"soffice conversion: {time.monotonic() - started:.1f} s")
    path = tmp_path_factory.mktemp("pdf") / "ke-hoach.pdf"
    path.write_bytes(pdf)
    return path


def test_pdf_is_a4_with_times_and_vietnamese_text(pdf_file):
    assert pdf_file.read_bytes().startswith(b"%PDF")
    require_tool("pdfinfo", "poppler-utils")
    info = run("pdfinfo", str(pdf_file))
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == (595, 842), info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 2
    fonts = run("pdffonts", str(pdf_file))
    assert "LiberationSerif" in fonts or "Times" in fonts, fonts
    text = run("pdftotext", "-layout", str(pdf_file), "-")
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KẾ HOẠCH", "Hoàng Thị Hợp",
                     "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN", "Nơi nhận:"):  # fmt: skip
        assert expected in text, expected
    render_pages(pdf_file, pages)


def render_pages(pdf_file: Path, pages: int) -> None:
    """Page 1 and the last page as PNG in test-artifacts/export/, for people to look at."""
    require_tool("pdftoppm", "poppler-utils")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for page, name in ((1, "first"), (pages, "last")):
        prefix = ARTIFACTS / f"ke-hoach-{name}"
        run("pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page),
            str(pdf_file), str(prefix))  # fmt: skip
        assert prefix.with_suffix(".png").stat().st_size > 0


def test_missing_libreoffice_is_a_vietnamese_plan_error(monkeypatch, docx_bytes):
    monkeypatch.setenv("TTDN_SOFFICE", "/khong/co/soffice")
    with pytest.raises(PlanError) as caught:
        docx_to_pdf(docx_bytes)
    assert MISSING in caught.value.message
    assert "hãy tải bản .docx" in caught.value.message


def test_conversion_timeout_is_a_plan_error(monkeypatch, docx_bytes, tmp_path):
    slow = tmp_path / "slow-soffice"
    slow.write_text("#!/bin/sh\nsleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setenv("TTDN_SOFFICE", str(slow))
    started = time.monotonic()
    with pytest.raises(PlanError) as caught:
        docx_to_pdf(docx_bytes, timeout=1)
    assert time.monotonic() - started < 10
    assert "quá 1 giây" in caught.value.message


def test_failed_conversion_is_a_plan_error(monkeypatch, docx_bytes, tmp_path):
    broken = tmp_path / "broken-soffice"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("TTDN_SOFFICE", str(broken))
    with pytest.raises(PlanError, match="không tạo được tệp PDF"):
        docx_to_pdf(docx_bytes)


def test_two_conversions_at_once_both_give_a_pdf(pdf_file, docx_bytes):
    results: list[bytes | Exception] = []

    def convert():
        try:
            results.append(docx_to_pdf(docx_bytes))
        except Exception as error:  # reported by the assertion below
            results.append(error)

    threads = [threading.Thread(target=convert) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert len(results) == 2
    assert all(isinstance(r, bytes) and r.startswith(b"%PDF") for r in results), results
