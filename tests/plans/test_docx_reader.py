"""Reading a .docx as the paragraphs a reader sees: list labels, tables, breaks, text boxes."""

import io
import zipfile

import docx
import pytest

from tests.plans.data.builders import (
    abstract_num,
    build_seed_docx,
    docx_bytes,
    fill_cell,
    minimal_docx,
    num,
    ole2_file,
    p,
    zip_bomb,
    zip_with,
)
from ttdn.plans.errors import PlanImportError
from ttdn.plans.importer.docx import (
    MAX_ENTRIES,
    format_number,
    read_docx,
    read_docx_paragraphs,
)

pytestmark = pytest.mark.nodb  # never touches the database: not run again on PostgreSQL

PLAN_LEVELS = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"),
               ("bullet", "-"), ("bullet", "+")]


def test_word_numbering_gives_back_the_visible_labels():
    body = "".join([
        p("MỤC ĐÍCH, YÊU CẦU", num=1, ilvl=0),
        p("Mục đích", num=1, ilvl=1),
        p("Nâng cao nhận thức", num=1, ilvl=3),
        p("trong cán bộ", num=1, ilvl=4),
        p("Yêu cầu", num=1, ilvl=1),
        p("Nghiêm túc", num=1, ilvl=2),
        p("Kịp thời", num=1, ilvl=2),
        p("NỘI DUNG", num=1, ilvl=0),
        p("Tuyên truyền", num=1, ilvl=1),
        p("Một đoạn không đánh số"),
    ])
    data = minimal_docx(body, numbering=abstract_num(7, PLAN_LEVELS) + num(1, 7))
    assert read_docx_paragraphs(data) == [
        "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "- Nâng cao nhận thức", "+ trong cán bộ",
        "2. Yêu cầu", "a) Nghiêm túc", "b) Kịp thời", "II. NỘI DUNG", "1. Tuyên truyền",
        "Một đoạn không đánh số",
    ]


def test_a_start_override_restarts_the_list_and_skips_numbers_as_written():
    body = "".join([p("MỘT", num=1), p("HAI", num=1), p("BỐN", num=2), p("Con", num=2, ilvl=1),
                    p("NĂM", num=2)])
    numbering = abstract_num(3, PLAN_LEVELS) + num(1, 3) + num(2, 3, {0: 4})
    assert read_docx_paragraphs(minimal_docx(body, numbering=numbering)) == [
        "I. MỘT", "II. HAI", "IV. BỐN", "1. Con", "V. NĂM"]


def test_legal_multilevel_numbering_and_other_formats():
    levels = [("decimal", "Phần %1."), ("decimal", "%1.%2."), ("upperLetter", "%3/")]
    numbering = abstract_num(4, levels, legal=(1,), starts={0: 1}) + num(9, 4)
    body = p("Mở đầu", num=9) + p("Căn cứ", num=9, ilvl=1) + p("Điểm", num=9, ilvl=2) + p(
        "Tiếp", num=9, ilvl=1)
    assert read_docx_paragraphs(minimal_docx(body, numbering=numbering)) == [
        "Phần 1. Mở đầu", "1.1. Căn cứ", "A/ Điểm", "1.2. Tiếp"]
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert format_number(14, "upperRoman") == "XIV"
    assert format_number(3, "decimalZero") == "03"


def test_numbering_carried_by_a_paragraph_style():
    styles = (
        '<w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Muc"/>'
        '<w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="MucCon"><w:name w:val="MucCon"/>'
        '<w:basedOn w:val="Muc"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    numbering = abstract_num(2, PLAN_LEVELS) + num(5, 2)
    body = p("KINH PHÍ", style="Muc") + p("Ngân sách xã", style="Muc") + p(
        "Nguồn xã hội hóa", style="MucCon")
    assert read_docx_paragraphs(minimal_docx(body, numbering=numbering, styles=styles)) == [
        "I. KINH PHÍ", "II. Ngân sách xã", "1. Nguồn xã hội hóa"]


def test_numbering_id_zero_removes_numbering():
    numbering = abstract_num(2, PLAN_LEVELS) + num(5, 2)
    assert read_docx_paragraphs(minimal_docx(p("Không số", num=0), numbering=numbering)) == [
        "Không số"]


def test_tables_are_read_cell_by_cell_and_cells_are_never_joined_back():
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    fill_cell(table.rows[0].cells[0], ["ỦY BAN NHÂN DÂN", "XÃ CẨM TÂN", "Số: 12/KH-UBND"])
    fill_cell(table.rows[0].cells[1], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                       "Độc lập - Tự do - Hạnh phúc",
                                       "Cẩm Tân, ngày 05 tháng 01 năm 2024"])
    document.add_paragraph("KẾ HOẠCH")
    body = document.add_table(rows=2, cols=2)
    fill_cell(body.rows[0].cells[0], ["Nội dung"])
    fill_cell(body.rows[0].cells[1], ["đơn vị chủ trì"])
    fill_cell(body.rows[1].cells[0], ["Tuyên truyền"])
    fill_cell(body.rows[1].cells[1], ["Đài truyền thanh xã"])
    document.add_paragraph("sau bảng")
    lines = read_docx(docx_bytes(document))
    assert [line.text for line in lines] == [
        "ỦY BAN NHÂN DÂN", "XÃ CẨM TÂN", "Số: 12/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Cẩm Tân, ngày 05 tháng 01 năm 2024", "KẾ HOẠCH",
        "Nội dung", "đơn vị chủ trì", "Tuyên truyền", "Đài truyền thanh xã", "sau bảng",
    ]
    barriers = [line.text for line in lines if line.barrier]
    assert barriers == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KẾ HOẠCH",
                        "Nội dung", "đơn vị chủ trì", "Tuyên truyền", "Đài truyền thanh xã",
                        "sau bảng"]


def test_breaks_tabs_tracked_changes_hidden_text_fields_and_text_boxes():
    body = (
        '<w:p><w:r><w:t>KT. CHỦ TỊCH</w:t><w:br/><w:t>PHÓ CHỦ TỊCH</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>Nơi nhận:</w:t><w:tab/><w:t>KT. CHỦ TỊCH</w:t></w:r></w:p>'
        '<w:p><w:r><w:t xml:space="preserve">Giữ </w:t></w:r>'
        '<w:del><w:r><w:delText>xóa </w:delText></w:r></w:del>'
        '<w:ins><w:r><w:t xml:space="preserve">thêm </w:t></w:r></w:ins>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
        '<w:txbxContent><w:p><w:r><w:t>Trong hộp</w:t></w:r></w:p></w:txbxContent>'
        '</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r>'
        '<w:t>Trong hộp</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r><w:r><w:t>Neo</w:t></w:r></w:p>'
        '<w:sdt><w:sdtContent><w:p><w:r><w:t>Trong điều khiển</w:t></w:r></w:p>'
        '</w:sdtContent></w:sdt>'
    )
    assert read_docx_paragraphs(minimal_docx(body)) == [
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Nơi nhận:\tKT. CHỦ TỊCH", "Giữ thêm 3", "Trong hộp", "Neo",
        "Trong điều khiển",
    ]


def test_the_main_part_is_found_through_the_package_relationships():
    data = minimal_docx(p("Kế hoạch"), document_name="document2.xml")
    assert read_docx_paragraphs(data) == ["Kế hoạch"]


def test_entities_are_never_expanded():
    evil = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    data = minimal_docx(p("&b;"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    xml = entries["word/document.xml"].decode().split("?>", 1)[1]
    entries["word/document.xml"] = (evil + xml).encode()
    try:
        texts = read_docx_paragraphs(zip_with(entries))
    except PlanImportError:
        return  # refusing is fine too
    assert all("aaaaaaaaaa" not in text for text in texts)


def test_the_seed_built_in_word_reads_with_its_labels():
    texts = read_docx_paragraphs(build_seed_docx())
    assert texts[:6] == ["ỦY BAN NHÂN DÂN", "XÃ CẨM TÂN", "Số: 12/KH-UBND",
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Cẩm Tân, ngày 05 tháng 01 năm 2024"]
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts
    assert "IV. KINH PHÍ" in texts and "V. TỔ CHỨC THỰC HIỆN" in texts
    assert "III." not in " ".join(texts)
    assert "7. Đòi truyền thanh xã:" in texts
    assert texts[-1] == "Hoàng Thị Hợp"


# -- what is refused -----------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    b"random bytes that are not a zip" * 20,
    bytes(range(256)) * 8,
    b"PK\x03\x04" + bytes(100),
], ids=["text", "binary", "zip-header-only"])
def test_corrupt_files_are_refused(data):
    with pytest.raises(PlanImportError) as caught:
        read_docx(data)
    assert "bị hỏng" in caught.value.message
    assert "lưu lại dưới dạng .docx" in caught.value.message


def test_a_truncated_docx_is_refused():
    whole = build_seed_docx()
    with pytest.raises(PlanImportError) as caught:
        read_docx(whole[: len(whole) // 2])
    assert "bị hỏng" in caught.value.message


def test_a_zip_without_a_document_is_refused():
    with pytest.raises(PlanImportError) as caught:
        read_docx(zip_with({"hello.txt": b"xin chao"}))
    assert "word/document.xml" in caught.value.message


def test_malformed_xml_is_refused():
    data = zip_with({"word/document.xml": b"<w:document><w:body><w:p>"})
    with pytest.raises(PlanImportError) as caught:
        read_docx(data)
    assert "bị hỏng" in caught.value.message


@pytest.mark.parametrize("stream, words", [
    ("EncryptedPackage", "đặt mật khẩu"),
    ("WordDocument", ".doc cũ"),
])
def test_ole2_files_are_old_doc_or_password_protected(stream, words):
    with pytest.raises(PlanImportError) as caught:
        read_docx(ole2_file(stream))
    assert words in caught.value.message
    assert ".docx" in caught.value.message


def test_a_zip_bomb_is_refused_before_it_inflates():
    data = zip_bomb(101 * 1024 * 1024)
    assert len(data) < 1024 * 1024
    with pytest.raises(PlanImportError) as caught:
        read_docx(data)
    assert "quá lớn" in caught.value.message and "độc hại" in caught.value.message


def test_too_many_entries_are_refused():
    data = zip_with({f"word/media/{i}.xml": b"" for i in range(MAX_ENTRIES + 1)})
    with pytest.raises(PlanImportError) as caught:
        read_docx(data)
    assert "quá nhiều thành phần" in caught.value.message
