"""The plan importer: the seed plan as it is (with its defects), the same plan in every encoding
and in Word, a plan of another shape, and every file that must be refused."""

import datetime
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.plans.data.builders import (
    DEMO_UNITS,
    build_seed_docx,
    data_text,
    encode_cp1258,
    minimal_docx,
    ole2_file,
    p,
    seed_bytes,
    seed_text,
    zip_bomb,
    zip_with,
)
from ttdn.plans.document import Frequency, PlanDocument, SectionRole, UnitRef
from ttdn.plans.errors import PlanImportError
from ttdn.plans.importer import MAX_BYTES, read_plan
from ttdn.plans.importer.decoding import encode_tcvn3
from ttdn.plans.importer.units import UnitMatcher, find_collectives

pytestmark = pytest.mark.nodb  # never touches the database: not run again on PostgreSQL

CULTURE = "Công chức Văn hóa – Xã hội"
SEED_LEGAL_BASES = [
    ("57-KL/TW", None),
    ("216/KH-UBND", datetime.date(2023, 12, 25)),
    ("34-NQ/TW", datetime.date(2023, 1, 9)),
    ("35-NQ/TW", None),
    ("1191/QĐ-TTg", datetime.date(2020, 8, 5)),
    ("348/QĐ-TTg", datetime.date(2023, 4, 6)),
    ("162-KH/TU", datetime.date(2023, 9, 11)),
]


@pytest.fixture(scope="module")
def seed() -> PlanDocument:
    return read_plan(seed_bytes(), "ke-hoach.txt", DEMO_UNITS)


def _section_shape(section):
    return (section.number, section.role, [(i.marker, len(i.children)) for i in section.items],
            [_section_shape(child) for child in section.children])


def shape(doc: PlanDocument) -> dict:
    """What must not change whatever the file's encoding or format."""
    return {
        "doc_type": doc.doc_type,
        "sections": [_section_shape(s) for s in doc.sections],
        "legal_bases": [(b.symbol, b.date) for b in doc.legal_bases],
        "tasks": [len(a.tasks) for a in doc.assignments],
        "units": [[m.unit for m in a.units] for a in doc.assignments],
        "coordinators": [[t.coordinators for t in a.tasks] for a in doc.assignments],
        "reporting": {(r.frequency, r.to_unit) for r in doc.reporting},
        "recipients": len(doc.recipients),
        "signature": (doc.signature.authority, doc.signature.title, doc.signature.name),
        "preamble": len(doc.preamble),
    }


def task(doc, group: int, bullet: int):
    return doc.assignments[group - 1].tasks[bullet - 1]


# -- the seed plan, as it is ----------------------------------------------------------------------

def test_the_seed_sections_keep_their_numbers_and_roles(seed):
    assert [s.number for s in seed.sections] == ["I", "II", "IV", "V"]
    assert [s.role for s in seed.sections] == [
        SectionRole.PURPOSES, SectionRole.CONTENT, SectionRole.BUDGET,
        SectionRole.IMPLEMENTATION]
    assert [s.title for s in seed.sections] == [
        "MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG, NHIỆM VỤ CHỦ YẾU", "KINH PHÍ", "TỔ CHỨC THỰC HIỆN"]
    purposes, content, budget, implementation = seed.sections
    assert [(c.number, c.title, len(c.items)) for c in purposes.children] == [
        ("1", "Mục đích", 4), ("2", "Yêu cầu", 2)]
    assert [(c.number, len(c.items)) for c in content.children] == [
        ("1", 3), ("2", 5), ("3", 4), ("4", 2)]
    assert content.children[1].title == "Công tác thông tin, tuyên truyền"
    assert budget.children == [] and [i.marker for i in budget.items] == ["-", "-"]
    assert [c.number for c in implementation.children] == ["1", "2", "3", "4", "5", "6", "7"]
    assert all(i.marker == "-" for c in content.children for i in c.items)


def test_the_seed_cites_exactly_seven_documents_in_order(seed):
    assert [(b.symbol, b.date) for b in seed.legal_bases] == SEED_LEGAL_BASES
    by_symbol = {b.symbol: b for b in seed.legal_bases}
    assert by_symbol["57-KL/TW"].issuer == "Bộ Chính trị"
    assert by_symbol["57-KL/TW"].kind == "KL"
    assert by_symbol["1191/QĐ-TTg"].issuer == "Thủ tướng Chính phủ"
    assert by_symbol["162-KH/TU"].issuer == "Ban Thường vụ Tỉnh ủy"
    assert by_symbol["34-NQ/TW"].title.startswith("Về một số định hướng")
    assert by_symbol["348/QĐ-TTg"].title.startswith("phê duyệt Chiến lược “Chuyển đổi số")


def test_the_seed_assignments(seed):
    assert [a.number for a in seed.assignments] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [len(a.tasks) for a in seed.assignments] == [5, 2, 1, 2, 2, 4, 3]
    units = [[m.unit for m in a.units] for a in seed.assignments]
    assert units[:5] == [[CULTURE], ["Văn phòng HĐND-UBND"], ["Công chức Kế toán"],
                         ["Công an xã"], ["Ban Chỉ huy Quân sự xã"]]
    assert units[6] == ["Đài truyền thanh xã"]
    assert seed.assignments[0].unit_text == "Công chức Văn Hóa – Xã hội"
    assert seed.assignments[6].units[0].text == "Đòi truyền thanh xã"
    assert 0.75 <= seed.assignments[6].units[0].confidence < 1.0
    assert seed.assignments[0].units[0].confidence == 1.0
    # "Các ban, ngành cấp xã, các thôn và các cơ quan đơn vị có liên quan": every unit of the
    # departments, villages and agencies (never the leadership).
    expected = [u.name for u in DEMO_UNITS if u.kind != "leadership"]
    assert units[5] == expected
    assert all(t.lead == units[i] for i, a in enumerate(seed.assignments) for t in a.tasks)


def test_the_seed_coordinators(seed):
    assert task(seed, 1, 4).coordinators == ["Công an xã"]
    assert task(seed, 2, 2).coordinators == [CULTURE]
    assert task(seed, 3, 1).coordinators == [CULTURE]
    assert task(seed, 5, 1).coordinators == [CULTURE]
    assert task(seed, 1, 3).coordinators == []
    assert task(seed, 1, 3).coordinator_texts == ["cơ quan cấp trên"]
    assert task(seed, 1, 1).coordinator_texts == ["các ban, ngành, đoàn thể"]
    assert task(seed, 5, 1).coordinator_texts == [
        "Công chức Văn hóa – xã hội", "các ban, ngành, cơ quan, đơn vị liên quan"]
    for assignment in seed.assignments:
        for spec in assignment.tasks:
            assert not set(spec.coordinators) & set(spec.lead)


def test_words_split_by_a_page_break_are_joined(seed):
    assert "đề xuất thi đua, khen thưởng cho các tập thể" in task(seed, 1, 5).text
    bullet = seed.sections[1].children[2].items[2]
    assert "của huyện Cẩm Thủy, của xã Cẩm Tân và của đất nước Việt Nam" in bullet.text
    assert len(seed.sections[1].children[2].items) == 4
    for assignment in seed.assignments:
        for spec in assignment.tasks:
            assert spec.text.rstrip()[-1] in ".;:”)" or spec.text.endswith("nước")


def test_the_closing_and_reporting(seed):
    assert seed.closing.startswith("UBND xã yêu cầu các ban, ngành; đoàn thể")
    assert seed.closing.endswith("báo cáo theo quy định./.")
    assert all(seed.closing != t.text for a in seed.assignments for t in a.tasks)
    assert {r.frequency for r in seed.reporting} == {Frequency.HALF_YEAR, Frequency.YEAR}
    assert {r.to for r in seed.reporting} == {"UBND xã (qua Công chức Văn hóa)"}
    assert {r.to_unit for r in seed.reporting} == {CULTURE}


def test_the_recipients_and_signature(seed):
    assert seed.recipients == [
        "Phòng VH & TT huyện (B/c)", "TT Đảng ủy – TT HĐND – TT UBND (B/c)",
        "Các cơ quan, đơn vị (T/h)", "Các ban, ngành, đoàn thể xã(T/h)", "Các thôn (T/h)",
        "Lưu VP, VH"]
    assert seed.signature.authority == "KT. CHỦ TỊCH"
    assert seed.signature.title == "PHÓ CHỦ TỊCH"
    assert seed.signature.name == "Hoàng Thị Hợp"


def test_the_header_type_summary_and_preamble(seed):
    assert seed.doc_type == "KẾ HOẠCH"
    assert seed.summary.startswith("Thực hiện Kết luận số 57-KL/TW của Bộ Chính trị")
    assert len(seed.preamble) == 2
    assert seed.preamble[1].startswith("UBND xã Cẩm Tân ban hành Kế hoạch")
    assert seed.header.issuing_body == "UBND xã Cẩm Tân"
    assert seed.header.symbol == ""
    assert seed.header.date is None


def test_every_repair_is_a_vietnamese_warning(seed):
    text = "\n".join(seed.warnings)
    assert "Dòng 57–59: đã nối từ bị ngắt trang “Cẩm” / “Tân”." in seed.warnings
    assert ("Dòng 87–89: đã nối từ bị ngắt trang “thi” / “đưa” và sửa thành “thi đua”."
            in seed.warnings)
    assert "“Đòi truyền thanh xã” được hiểu là đơn vị “Đài truyền thanh xã”" in text
    assert "Dòng 7: đã chuẩn hóa số, ký hiệu “216/KH – UBND” thành “216/KH-UBND”." in (
        seed.warnings)
    assert "“57- KL/TW” thành “57-KL/TW”" in text
    assert "không có mục III" in text
    assert "đã sửa “Chăm Tân” thành “Cẩm Tân”" in text
    assert "Markdown" in text
    assert "Chăm Tân" not in " ".join(i.text for s in seed.sections[1].children
                                      for i in s.items)


def test_all_text_is_nfc_and_single_spaced(seed):
    import unicodedata

    data = json.dumps(seed.as_json(), ensure_ascii=False)
    assert unicodedata.is_normalized("NFC", data)
    for assignment in seed.assignments:
        for spec in assignment.tasks:
            assert "  " not in spec.text and spec.text == spec.text.strip()
    assert "**" not in json.dumps(seed.signature.__dict__, ensure_ascii=False)


def test_the_json_output(seed):
    data = json.loads(json.dumps(seed.as_json(), ensure_ascii=False))
    assert [s["number"] for s in data["sections"]] == ["I", "II", "IV", "V"]
    assert [len(a["tasks"]) for a in data["assignments"]] == [5, 2, 1, 2, 2, 4, 3]
    assert data["assignments"][6]["units"] == ["Đài truyền thanh xã"]
    assert {r["frequency"] for r in data["reporting"]} == {"half_year", "year"}
    assert data["legal_bases"][1] == {
        "symbol": "216/KH-UBND", "date": "2023-12-25", "kind": "KH",
        "issuer": "huyện Ủy huyện Cẩm Thủy",
        "title": "việc thực hiện Kết luận số 57-KL/TW của Bộ Chính trị (khóa XIII) về tiếp tục "
                 "nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới"}


def test_tasks_point_at_a_content_section_only_when_sure(seed):
    paths = {f"II.{c.number}" for c in seed.sections[1].children}
    linked = [t.section for a in seed.assignments for t in a.tasks if t.section]
    assert set(linked) <= paths
    assert task(seed, 1, 4).section == "II.3"  # Internet, mạng xã hội, gỡ bỏ, triệt phá


def test_with_no_units_every_group_is_left_for_creation():
    doc = read_plan(seed_bytes(), "ke-hoach.txt", [])
    assert [len(a.tasks) for a in doc.assignments] == [5, 2, 1, 2, 2, 4, 3]
    assert all(m.unit is None for a in doc.assignments for m in a.units)
    assert [m.text for m in doc.assignments[0].units] == ["Công chức Văn Hóa – Xã hội"]
    assert [m.text for m in doc.assignments[5].units] == [
        "Các ban, ngành cấp xã, các thôn và các cơ quan đơn vị có liên quan"]
    assert task(doc, 1, 4).coordinators == []
    assert task(doc, 1, 4).coordinator_texts == ["Công an xã"]
    assert task(doc, 1, 1).lead == ["Công chức Văn Hóa – Xã hội"]
    assert any("chưa có danh sách đơn vị" in w for w in doc.warnings)
    assert {r.to_unit for r in doc.reporting} == {None}


def test_the_seed_parses_well_under_100_ms():
    data = seed_bytes()
    read_plan(data, "ke-hoach.txt", DEMO_UNITS)
    best = min(_timed(lambda: read_plan(data, "ke-hoach.txt", DEMO_UNITS)) for _ in range(5))
    assert best < 0.1


def _timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _big_plan(groups: int) -> bytes:
    """A long plan (8 paragraphs per group) made of the seed's own sentences."""
    seed_lines = [line for line in seed_text().splitlines() if line.startswith("- ")]
    unit_names = [u.name for u in DEMO_UNITS] + ["Hội Người cao tuổi xã"]
    lines = ["KẾ HOẠCH", "Thực hiện Kết luận số 57-KL/TW của Bộ Chính trị", "I. NỘI DUNG"]
    for group in range(groups):
        lines.append(f"{group + 1}. Nội dung số {group + 1}")
        lines.extend(seed_lines[(group + k) % len(seed_lines)] for k in range(3))
    lines.append("II. TỔ CHỨC THỰC HIỆN")
    for group in range(groups):
        lines.append(f"{group + 1}. {unit_names[group % len(unit_names)]}:")
        lines.append(f"- Chủ trì, phối hợp với Công an xã và Thôn Mẫu Hai thực hiện việc "
                     f"số {group}.")
        lines.append(seed_lines[group % len(seed_lines)])
    lines.append("Định kỳ 6 tháng báo cáo UBND xã (qua Công chức Văn hóa)./.")
    return "\n".join(lines).encode("utf-8")


def test_a_long_plan_parses_in_linear_time():
    small, large = _big_plan(145), _big_plan(580)
    assert large.count(b"\n") > 4000
    read_plan(small, "a.txt", DEMO_UNITS)
    small_time = min(_timed(lambda: read_plan(small, "a.txt", DEMO_UNITS)) for _ in range(2))
    large_time = min(_timed(lambda: read_plan(large, "a.txt", DEMO_UNITS)) for _ in range(2))
    doc = read_plan(large, "a.txt", DEMO_UNITS)
    assert len(doc.assignments) == 580
    assert large_time < 8 * small_time + 0.2
    assert large_time < 10


# -- the same plan in other encodings and in Word -------------------------------------------------

@pytest.mark.parametrize("encoding", [
    "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-16-le-nobom", "cp1258", "tcvn3", "crlf", "cr",
    "nfd"])
def test_every_encoding_of_the_seed_gives_the_same_structure(seed, encoding):
    import unicodedata

    text = seed_text()
    data = {
        "utf-8-sig": lambda: text.encode("utf-8-sig"),
        "utf-16": lambda: text.encode("utf-16"),
        "utf-16-be-bom": lambda: b"\xfe\xff" + text.encode("utf-16-be"),
        "utf-16-le-nobom": lambda: text.encode("utf-16-le"),
        "cp1258": lambda: encode_cp1258(text),
        "tcvn3": lambda: encode_tcvn3(text),
        "crlf": lambda: text.replace("\n", "\r\n").encode("utf-8"),
        "cr": lambda: text.replace("\n", "\r").encode("utf-8"),
        "nfd": lambda: unicodedata.normalize("NFD", text).encode("utf-8"),
    }[encoding]()
    doc = read_plan(data, "ke-hoach.txt", DEMO_UNITS)
    assert shape(doc) == shape(seed)
    if encoding in ("cp1258", "tcvn3"):
        assert "hãy kiểm tra lại dấu tiếng Việt" in doc.warnings[0]
    if encoding == "tcvn3":
        assert doc.warnings[0].startswith("Tệp được đọc theo bảng mã TCVN3 (ABC)")
        assert doc.sections[3].title == "TỔ CHỨC THỰC HIỆN"
    else:
        assert task(doc, 1, 5).text == task(seed, 1, 5).text


def test_the_seed_typed_in_word_gives_the_same_structure(seed):
    doc = read_plan(build_seed_docx(), "ke-hoach.docx", DEMO_UNITS)
    assert shape(doc) == shape(seed)
    assert [len(a.tasks) for a in doc.assignments] == [5, 2, 1, 2, 2, 4, 3]
    assert doc.header.parent_body == "ỦY BAN NHÂN DÂN"
    assert doc.header.issuing_body == "XÃ CẨM TÂN"
    assert doc.header.symbol == "12/KH-UBND"
    assert doc.header.place == "Cẩm Tân"
    assert doc.header.date == datetime.date(2024, 1, 5)
    assert "12/KH-UBND" not in [b.symbol for b in doc.legal_bases]
    assert task(doc, 1, 5).text == task(seed, 1, 5).text
    assert doc.closing == seed.closing
    assert doc.recipients == seed.recipients
    assert any(w.startswith("Đoạn ") and "“thi” / “đưa”" in w for w in doc.warnings)


# -- a plan of another shape ---------------------------------------------------------------------

THACH_LAP_UNITS = [
    UnitRef("Công an xã", "police"), UnitRef("Ban Chỉ huy Quân sự xã", "military"),
    UnitRef("Trạm Y tế xã", "agency"), UnitRef("Đài truyền thanh xã", "radio_station"),
    UnitRef("Văn phòng HĐND-UBND", "office"), UnitRef("Thôn Làng Cốc", "village"),
    UnitRef("Thôn Bàn Lai", "village"), UnitRef("Thôn Quyết Thắng", "village"),
]


def test_a_plan_with_parts_lettered_points_and_a_column_layout():
    doc = read_plan(data_text("other_plan.txt").encode("utf-8"), "phong-chong.txt",
                    THACH_LAP_UNITS)
    assert doc.header.parent_body == "ỦY BAN NHÂN DÂN"
    assert doc.header.issuing_body == "XÃ THẠCH LẬP"
    assert doc.header.symbol == "45/KH-UBND"
    assert (doc.header.place, doc.header.date) == ("Thạch Lập", datetime.date(2025, 3, 12))
    assert doc.summary.startswith("Phòng, chống thiên tai và tìm kiếm cứu nạn")
    assert len(doc.preamble) == 3
    assert [(s.number, s.role) for s in doc.sections] == [
        ("I", SectionRole.PURPOSES), ("II", SectionRole.CONTENT), ("III", SectionRole.BUDGET),
        ("IV", SectionRole.IMPLEMENTATION)]
    preparation = doc.sections[1].children[0]
    assert [(c.number, len(c.items)) for c in preparation.children] == [("a", 2), ("b", 2)]
    assert [(b.symbol, b.date, b.issuer) for b in doc.legal_bases] == [
        ("66/2021/NĐ-CP", datetime.date(2021, 7, 6), "Chính phủ"),
        ("05/CT-UBND", datetime.date(2025, 1, 10), "Chủ tịch UBND tỉnh Thanh Hóa"),
        ("28/KH-UBND", datetime.date(2025, 2, 20), "UBND huyện Ngọc Lặc"),
    ]
    assert [len(a.tasks) for a in doc.assignments] == [2, 2, 1, 1, 2]
    assert [[m.unit for m in a.units] for a in doc.assignments] == [
        ["Công an xã"], ["Ban Chỉ huy Quân sự xã"], ["Trạm Y tế xã"], ["Đài truyền thanh xã"],
        ["Thôn Làng Cốc", "Thôn Bàn Lai", "Thôn Quyết Thắng"]]
    assert task(doc, 1, 1).coordinators == ["Ban Chỉ huy Quân sự xã"]
    assert task(doc, 1, 2).coordinator_texts == ["các thôn"]
    assert task(doc, 2, 2).coordinators == ["Trạm Y tế xã"]
    assert task(doc, 3, 1).text.startswith("Chuẩn bị đầy đủ cơ số thuốc")
    assert task(doc, 3, 1).coordinator_texts == ["Hội Chữ thập đỏ xã"]
    assert task(doc, 5, 1).coordinators == ["Công an xã"]
    assert [(r.frequency, r.to, r.to_unit) for r in doc.reporting] == [
        (Frequency.QUARTER, "UBND xã (qua Văn phòng HĐND và UBND xã)", "Văn phòng HĐND-UBND")]
    assert doc.closing.startswith("Các đơn vị được giao nhiệm vụ định kỳ hằng quý")
    assert doc.recipients == ["UBND huyện Ngọc Lặc (b/c)", "Thường trực Đảng ủy, HĐND xã (b/c)",
                              "Các ban, ngành, đoàn thể xã", "Các thôn", "Lưu: VT"]
    assert (doc.signature.authority, doc.signature.title, doc.signature.name) == (
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Bình")


def test_a_plan_numbered_in_arabic_only_with_unnumbered_capital_headings():
    text = "\n".join([
        "KẾ HOẠCH",
        "Tuyên truyền kỷ niệm Ngày thành lập xã năm 2025",
        "1. MỤC ĐÍCH, YÊU CẦU",
        "1.1. Mục đích",
        "- Giáo dục truyền thống quê hương cho thế hệ trẻ.",
        "1.2. Yêu cầu",
        "- Tổ chức trang trọng, tiết kiệm.",
        "2. NỘI DUNG TUYÊN TRUYỀN",
        "- Lịch sử hình thành và phát triển của xã.",
        "+ Các mốc lịch sử quan trọng;",
        "+ Các danh nhân của xã.",
        "3. TỔ CHỨC THỰC HIỆN",
        "3.1. Đài truyền thanh xã:",
        "- Xây dựng chuyên mục, phối hợp với Đoàn Thanh niên xã thực hiện phóng sự.",
        "3.2. Các thôn:",
        "- Treo cờ, băng rôn tại nhà văn hóa thôn.",
        "Các đơn vị báo cáo kết quả hằng tháng về UBND xã (qua Công chức Văn hóa – Xã hội)./.",
        "KINH PHÍ",
        "Từ nguồn ngân sách xã.",
    ])
    doc = read_plan(text.encode("utf-8"), "a.txt", DEMO_UNITS)
    assert [(s.number, s.role) for s in doc.sections] == [
        ("1", SectionRole.PURPOSES), ("2", SectionRole.CONTENT),
        ("3", SectionRole.IMPLEMENTATION), ("", SectionRole.BUDGET)]
    assert [c.number for c in doc.sections[0].children] == ["1.1", "1.2"]
    assert [len(i.children) for i in doc.sections[1].items] == [2]
    assert [a.number for a in doc.assignments] == ["3.1", "3.2"]
    assert task(doc, 1, 1).coordinators == ["Đoàn Thanh niên Cộng sản Hồ Chí Minh xã"]
    assert [m.unit for m in doc.assignments[1].units] == [
        "Thôn Mẫu Một", "Thôn Mẫu Hai", "Thôn Mẫu Ba"]
    assert [r.frequency for r in doc.reporting] == [Frequency.MONTH]
    assert doc.reporting[0].to_unit == CULTURE


def test_a_decision_numbered_by_articles():
    text = "\n".join([
        "QUYẾT ĐỊNH",
        "Về việc ban hành Kế hoạch tuyên truyền năm 2025",
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tuyên truyền năm 2025.",
        "Điều 2. Nội dung tuyên truyền",
        "1. Tuyên truyền chủ trương của Đảng.",
        "2. Tuyên truyền pháp luật của Nhà nước.",
        "Điều 3. Tổ chức thực hiện",
        "1. Công an xã: chủ trì, phối hợp với Ban CHQS xã giữ gìn an ninh.",
        "2. Văn phòng HĐND-UBND: đăng tải kế hoạch lên trang thông tin điện tử.",
    ])
    doc = read_plan(text.encode("utf-8"), "qd.txt", DEMO_UNITS)
    assert doc.doc_type == "QUYẾT ĐỊNH"
    assert [(s.number, s.role) for s in doc.sections] == [
        ("1", SectionRole.OTHER), ("2", SectionRole.CONTENT), ("3", SectionRole.IMPLEMENTATION)]
    assert [[m.unit for m in a.units] for a in doc.assignments] == [
        ["Công an xã"], ["Văn phòng HĐND-UBND"]]
    assert task(doc, 1, 1).coordinators == ["Ban Chỉ huy Quân sự xã"]


# -- unit matching -------------------------------------------------------------------------------

@pytest.mark.parametrize("written, unit, exact", [
    ("Công chức Văn Hóa – Xã hội", CULTURE, True),
    ("Công chức Văn hóa - xã hội", CULTURE, True),
    ("CÔNG CHỨC VĂN HÓA—XÃ HỘI", CULTURE, True),
    ("Ban chỉ huy Quân Sự xã", "Ban Chỉ huy Quân sự xã", True),
    ("Công chức kế toán", "Công chức Kế toán", True),
    ("Uỷ ban Mặt trận Tổ quốc Việt Nam xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã", True),
    ("Công chức VH-XH", CULTURE, False),
    ("Công chức Văn hóa", CULTURE, False),
    ("Ban CHQS xã", "Ban Chỉ huy Quân sự xã", False),
    ("Đòi truyền thanh xã", "Đài truyền thanh xã", False),
    ("Đài truyền thanh", "Đài truyền thanh xã", False),
    ("Uỷ ban MTTQ Việt Nam xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã", False),
    ("Đoàn Thanh niên", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", False),
    ("Hội LHPN xã", "Hội Liên hiệp Phụ nữ xã", False),
    ("Thôn Mẫu 2", "Thôn Mẫu Hai", False),
    ("Trạm Y tế xã", "Trạm Y tế xã (mẫu)", False),
    ("Công chức", None, False),  # two officer posts: ambiguous
    ("cơ quan cấp trên", None, False),
    ("Thôn Mẫu Bốn", None, False),  # another village, however alike
    ("Hội Người cao tuổi xã", None, False),
    ("xã", None, False),
])
def test_unit_names_as_written_are_matched(written, unit, exact):
    match = UnitMatcher(DEMO_UNITS).match(written)
    assert match.unit == unit
    assert match.text == written
    if unit is not None:
        assert (match.confidence == 1.0) == exact
        assert match.confidence >= 0.75


def test_collective_phrases_and_their_kinds():
    found = find_collectives("Các ban, ngành cấp xã, các thôn và các cơ quan đơn vị có liên quan")
    assert [c.text for c in found] == [
        "Các ban, ngành cấp xã, các thôn và các cơ quan đơn vị có liên quan"]
    assert set(found[0].kinds) == {"officer_post", "office", "police", "military",
                                   "radio_station", "mass_organisation", "village", "agency"}
    assert find_collectives("Mặt trận Tổ quốc và các đoàn thể")[0].kinds == (
        "mass_organisation",)
    assert find_collectives("các thôn, bản")[0].kinds == ("village",)
    assert find_collectives("Ban Chỉ huy Quân sự xã") == []
    assert find_collectives("Thôn Mẫu Một") == []
    matcher = UnitMatcher(DEMO_UNITS)
    assert [m.unit for m in matcher.group("Mặt trận Tổ quốc và các đoàn thể xã")] == [
        u.name for u in DEMO_UNITS if u.kind == "mass_organisation"]


# -- what must be refused ------------------------------------------------------------------------

def _refused(data: bytes, filename: str) -> PlanImportError:
    with pytest.raises(PlanImportError) as caught:
        read_plan(data, filename, DEMO_UNITS)
    assert not caught.value.extra.get("unexpected")
    return caught.value


@pytest.mark.parametrize("data", [b"", b"  \r\n\t\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n\n"])
def test_an_empty_file(data):
    assert "trống" in _refused(data, "ke-hoach.txt").message


def test_an_empty_word_document():
    assert "không có chữ" in _refused(minimal_docx(p(" ")), "ke-hoach.docx").message


def test_a_news_article_is_not_a_plan():
    error = _refused(data_text("news_article.txt").encode("utf-8"), "bai-bao.txt")
    assert "không phải là một kế hoạch" in error.message
    assert "KẾ HOẠCH" in error.message


def test_a_short_text_is_not_a_plan():
    error = _refused("Sáng nay, xã Cẩm Tân tổ chức hội nghị.\nNhiều đại biểu tham dự.\n".encode(),
                     "bai-bao.txt")
    assert "kế hoạch" in error.message.lower()


@pytest.mark.parametrize("data", [b"not a zip at all" * 30, bytes(range(256)) * 4],
                         ids=["text", "binary"])
def test_a_corrupt_docx(data):
    error = _refused(data, "ke-hoach.docx")
    assert "bị hỏng" in error.message and ".docx" in error.message


def test_a_truncated_docx():
    data = build_seed_docx()
    assert "bị hỏng" in _refused(data[: len(data) * 2 // 3], "ke-hoach.docx").message


def test_a_password_protected_docx():
    error = _refused(ole2_file("EncryptedPackage"), "ke-hoach.docx")
    assert "mật khẩu" in error.message and "lưu lại dưới dạng .docx" in error.message


@pytest.mark.parametrize("filename", ["ke-hoach.doc", "ke-hoach.docx"])
def test_an_old_binary_doc(filename):
    error = _refused(ole2_file("WordDocument"), filename)
    assert "tệp .doc cũ" in error.message and "được đặt mật khẩu" in error.message
    assert "hãy mở tệp trong word và lưu lại dưới dạng .docx" in error.message.lower()


def test_a_zip_bomb():
    error = _refused(zip_bomb(101 * 1024 * 1024), "ke-hoach.docx")
    assert "quá lớn" in error.message


def test_a_file_over_the_size_limit_is_refused_before_parsing(monkeypatch):
    from ttdn.plans.importer import parser

    def must_not_parse(*args, **kwargs):
        raise AssertionError("parsed a file that is too big")

    monkeypatch.setattr(parser, "parse_plan", must_not_parse)
    error = _refused(b"a" * (MAX_BYTES + 1), "ke-hoach.txt")
    assert "Tệp quá lớn: 20,1 MB, giới hạn là 20 MB" in error.message
    error = _refused(b"a" * (25 * 1024 * 1024), "ke-hoach.docx")
    assert "25 MB" in error.message and "20 MB" in error.message


@pytest.mark.parametrize("filename", ["ke-hoach.pdf", "ke-hoach", "ke-hoach.odt", "anh.png"])
def test_an_unsupported_extension(filename):
    error = _refused(seed_bytes(), filename)
    assert ".docx" in error.message and ".txt" in error.message


def test_a_txt_that_is_a_zip():
    assert "tệp nén" in _refused(zip_with({"a": b"b"}), "ke-hoach.txt").message


def test_a_txt_in_an_encoding_that_cannot_be_told():
    error = _refused("Réunion du conseil à Besançon, été 2024".encode("cp1252") * 5, "a.txt")
    assert "lưu lại dưới dạng UTF-8 (Unicode)" in error.message


# -- nothing but a plan or a PlanImportError comes out ---------------------------------------------

def _must_be_plan_or_refusal(data: bytes, filename: str) -> None:
    try:
        doc = read_plan(data, filename, DEMO_UNITS)
    except PlanImportError as error:
        assert error.message
        assert not error.extra.get("unexpected"), error.__cause__
        return
    assert isinstance(doc, PlanDocument)
    json.dumps(doc.as_json(), ensure_ascii=False)


FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(data=st.binary(max_size=3000), filename=st.sampled_from(["a.txt", "a.docx", "a.doc"]))
def test_random_bytes(data, filename):
    _must_be_plan_or_refusal(data, filename)


@FUZZ
@given(text=st.text(max_size=3000))
def test_random_text(text):
    _must_be_plan_or_refusal(text.encode("utf-8"), "a.txt")


SEED_LINES = seed_text().splitlines()


@FUZZ
@given(picks=st.lists(st.integers(0, len(SEED_LINES) - 1), max_size=160),
       noise=st.lists(st.sampled_from(["", "I.", "1.", "- ", "KẾ HOẠCH", "Nơi nhận:", "a)",
                                       "phối hợp với", "KT.", "**", "Phần I", "Điều 1."]),
                      max_size=10))
def test_shuffled_pieces_of_the_seed(picks, noise):
    lines = [SEED_LINES[i] for i in picks] + noise
    _must_be_plan_or_refusal("\n".join(lines).encode("utf-8"), "a.txt")


@FUZZ
@given(cut=st.integers(0, 4000), flips=st.lists(st.integers(0, 20000), max_size=20))
def test_damaged_word_documents(cut, flips):
    data = bytearray(build_seed_docx_cached())
    for position in flips:
        data[position % len(data)] ^= 0x5A
    _must_be_plan_or_refusal(bytes(data[: len(data) - cut]), "a.docx")


_DOCX_CACHE: list[bytes] = []


def build_seed_docx_cached() -> bytes:
    if not _DOCX_CACHE:
        _DOCX_CACHE.append(build_seed_docx())
    return _DOCX_CACHE[0]


# -- layouts -------------------------------------------------------------------------------------

SHORT_PLAN = [
    "I. MỤC ĐÍCH",
    "- Nâng cao nhận thức của Nhân dân.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Công an xã:",
    "- Chủ trì, phối hợp với Đài truyền thanh xã tuyên truyền.",
    "Định kỳ hằng năm báo cáo UBND xã (qua Công chức Văn hóa – Xã hội)./.",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT.",
]


def test_a_header_without_a_type_line():
    text = "\n".join([
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 07/KH-UBND", "Cẩm Tân, ngày 10 tháng 02 năm 2024", *SHORT_PLAN,
        "CHỦ TỊCH", "Nguyễn Văn Mẫu"])
    doc = read_plan(text.encode("utf-8"), "a.txt", DEMO_UNITS)
    assert doc.header.symbol == "07/KH-UBND"
    assert doc.header.date == datetime.date(2024, 2, 10)
    assert doc.preamble == []
    assert any("Không thấy dòng tên loại văn bản" in w for w in doc.warnings)
    assert [s.number for s in doc.sections] == ["I", "II"]
    assert (doc.signature.authority, doc.signature.title, doc.signature.name) == (
        "", "CHỦ TỊCH", "Nguyễn Văn Mẫu")
    assert doc.recipients == ["Như trên", "Lưu: VT"]


@pytest.mark.parametrize("written, authority", [
    ("KT.CHỦ TỊCH", "KT. CHỦ TỊCH"),
    ("**KT. CHỦ TỊCH**", "KT. CHỦ TỊCH"),
    ("TM. ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN"),
    ("T/M BAN CHỈ ĐẠO", "TM. BAN CHỈ ĐẠO"),
    ("Q.CHỦ TỊCH", "Q. CHỦ TỊCH"),
    ("TL. CHỦ TỊCH", "TL. CHỦ TỊCH"),
    ("TUQ. CHỦ TỊCH", "TUQ. CHỦ TỊCH"),
])
def test_signing_authorities_are_normalised(written, authority):
    text = "\n".join(["KẾ HOẠCH", "Tuyên truyền năm 2024", *SHORT_PLAN, written,
                      "PHÓ CHỦ TỊCH", "(Đã ký)", "Hoàng Thị Hợp"])
    doc = read_plan(text.encode("utf-8"), "a.txt", DEMO_UNITS)
    assert doc.signature.authority == authority
    assert doc.signature.title == "PHÓ CHỦ TỊCH"
    assert doc.signature.name == "Hoàng Thị Hợp"
    assert [len(a.tasks) for a in doc.assignments] == [1]
    assert [r.frequency for r in doc.reporting] == [Frequency.YEAR]


def test_word_line_breaks_and_tabs_in_the_signature_block():
    body = "".join([
        p("KẾ HOẠCH"), p("Tuyên truyền năm 2024"),
        *(p(line) for line in SHORT_PLAN[:5]),
        '<w:p><w:r><w:t xml:space="preserve">- Tăng cường công tác quản lý nhà nước đối với'
        '</w:t><w:br/><w:t>việc sử dụng mạng xã hội.</w:t></w:r></w:p>',
        p(SHORT_PLAN[5]),
        '<w:p><w:r><w:t>Nơi nhận:</w:t><w:tab/><w:tab/><w:t>KT. CHỦ TỊCH</w:t></w:r></w:p>',
        '<w:p><w:r><w:t>- Như trên;</w:t><w:tab/><w:t>PHÓ CHỦ TỊCH</w:t></w:r></w:p>',
        '<w:p><w:r><w:t>- Lưu: VT.</w:t><w:tab/><w:t>Hoàng Thị Hợp</w:t></w:r></w:p>',
    ])
    doc = read_plan(minimal_docx(body), "a.docx", DEMO_UNITS)
    assert [t.text for t in doc.assignments[0].tasks] == [
        "Chủ trì, phối hợp với Đài truyền thanh xã tuyên truyền.",
        "Tăng cường công tác quản lý nhà nước đối với việc sử dụng mạng xã hội."]
    assert not any("ngắt trang" in w for w in doc.warnings)  # a line break is not a page break
    assert doc.recipients == ["Như trên", "Lưu: VT"]
    assert (doc.signature.authority, doc.signature.title, doc.signature.name) == (
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Thị Hợp")


def test_groups_written_as_lettered_points_under_a_level():
    text = "\n".join([
        "KẾ HOẠCH", "Tuyên truyền năm 2024",
        "I. NỘI DUNG",
        "- Tuyên truyền Kết luận số 57-KL/TW.",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Cấp xã",
        "a) Công an xã: chủ trì, phối hợp với Ban CHQS xã bảo đảm an ninh mạng.",
        "b) Đài truyền thanh xã: tăng thời lượng phát sóng.",
        "2- Các thôn:",
        "- Tuyên truyền đến từng hộ gia đình.",
    ])
    doc = read_plan(text.encode("utf-8"), "a.txt", DEMO_UNITS)
    assert [(a.number, [m.unit for m in a.units]) for a in doc.assignments] == [
        ("1.a", ["Công an xã"]), ("1.b", ["Đài truyền thanh xã"]),
        ("2", ["Thôn Mẫu Một", "Thôn Mẫu Hai", "Thôn Mẫu Ba"])]
    assert task(doc, 1, 1).text == "chủ trì, phối hợp với Ban CHQS xã bảo đảm an ninh mạng."
    assert task(doc, 1, 1).coordinators == ["Ban Chỉ huy Quân sự xã"]


def test_the_fast_fold_key_is_the_core_one():
    from ttdn.core.text import fold_key as core_fold_key
    from ttdn.plans.importer.units import fold_key

    letters = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệ"
    letters += "ỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
    for text in (letters, seed_text(), data_text("other_plan.txt")):
        assert fold_key(text) == core_fold_key(text)


@pytest.mark.parametrize("heading", [
    "Công an xã và Ban Chỉ huy Quân sự xã:",
    "Công an xã, Ban Chỉ huy Quân sự xã:",
])
def test_a_group_naming_two_units_gives_both(heading):
    """The whole heading resembles one unit more than either part does; both must lead."""
    from ttdn.plans.importer.units import UnitMatcher

    matches = UnitMatcher(DEMO_UNITS).group(heading)
    assert {m.unit for m in matches} == {"Công an xã", "Ban Chỉ huy Quân sự xã"}
