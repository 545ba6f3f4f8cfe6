"""Reading the bytes of a .txt plan: UTF-8, UTF-16, Windows-1258 and TCVN3 (ABC)."""

import unicodedata

import pytest

from tests.plans.data.builders import encode_cp1258, seed_text
from ttdn.plans.errors import PlanImportError
from ttdn.plans.importer.decoding import (
    TCVN3_DECODE,
    decode_tcvn3,
    decode_text,
    encode_tcvn3,
    is_vietnamese_syllable,
    restore_tcvn3_capitals,
    vietnamese_share,
)

pytestmark = pytest.mark.nodb  # never touches the database: not run again on PostgreSQL

VIETNAMESE_LOWER = (
    "aáàảãạăắằẳẵặâấầẩẫậbcdđeéèẻẽẹêếềểễệghiíìỉĩịklmnoóòỏõọôốồổỗộơớờởỡợpqrstuúùủũụưứừửữựvxyýỳỷỹỵ"
)
SAMPLE = "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nKẾ HOẠCH\n"


# -- the TCVN3 table ---------------------------------------------------------------------------

def test_every_vietnamese_lower_case_letter_round_trips_through_tcvn3():
    assert decode_tcvn3(encode_tcvn3(VIETNAMESE_LOWER)) == VIETNAMESE_LOWER
    assert len(set(encode_tcvn3(VIETNAMESE_LOWER))) == len(VIETNAMESE_LOWER)


def test_the_seven_upper_case_letters_tcvn3_has_round_trip():
    assert decode_tcvn3(encode_tcvn3("ĂÂÊÔƠƯĐ")) == "ĂÂÊÔƠƯĐ"


def test_tcvn3_codes_match_the_abc_table():
    known = {0xB8: "á", 0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB9: "ạ", 0xA8: "ă", 0xA9: "â",
             0xAE: "đ", 0xA7: "Đ", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xA1: "Ă",
             0xA2: "Â", 0xD5: "ế", 0xE9: "ộ", 0xF9: "ự", 0xF3: "ú"}
    for byte, letter in known.items():
        assert TCVN3_DECODE[byte] == letter
    # What a .VnTime document looks like when opened as Latin-1:
    assert decode_tcvn3("Céng hoµ x· héi chñ nghÜa ViÖt Nam".encode("latin-1")) == (
        "Cộng hoà xã hội chủ nghĩa Việt Nam")
    assert decode_tcvn3("§éc lËp - Tù do - H¹nh phóc".encode("latin-1")) == (
        "Độc lập - Tự do - Hạnh phúc")


def test_upper_case_letters_with_a_tone_are_written_with_lower_case_codes():
    assert encode_tcvn3("Ế") == encode_tcvn3("ế")
    assert decode_tcvn3(encode_tcvn3("KẾ HOẠCH")) == "Kế HOạCH"


def test_lines_typed_in_vntimeh_get_their_capitals_back():
    assert restore_tcvn3_capitals("Kế HOạCH\nV. Tổ CHứC THựC HIệN\nkế hoạch") == (
        "KẾ HOẠCH\nV. TỔ CHỨC THỰC HIỆN\nkế hoạch")
    assert restore_tcvn3_capitals("ủy ban nhân dân xã\n- ứng dụng công nghệ") == (
        "Ủy ban nhân dân xã\n- Ứng dụng công nghệ")


# -- syllables ----------------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["kế", "hoạch", "nghiêng", "quốc", "khuya", "giữa", "thuở",
                                  "Đường", "NGHĨA", "ương", "yêu", "gì", "huyện", "khuỷu"])
def test_vietnamese_syllables_are_recognised(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["hoc", "ä", "ho¹ch", "KÕ", "façade", "ñy", "àá", "mêt",
                                  "ki\u0303m\u0301", "xyz", "straße", "ghô", "ngi"])
def test_other_words_are_not(word):
    assert not is_vietnamese_syllable(word)


def test_nearly_every_word_of_the_seed_is_a_syllable():
    share, count = vietnamese_share(seed_text())
    assert count > 1000
    assert share > 0.98


# -- decoding ----------------------------------------------------------------------------------

def test_utf8_is_read_without_a_warning():
    decoded = decode_text(SAMPLE.encode("utf-8"))
    assert decoded.text == SAMPLE
    assert decoded.encoding == "utf-8"
    assert decoded.warning == ""


def test_utf8_with_a_bom():
    decoded = decode_text(SAMPLE.encode("utf-8-sig"))
    assert decoded.text == SAMPLE
    assert decoded.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec, label", [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16 BE")])
def test_notepad_unicode_with_a_bom(codec, label):
    data = SAMPLE.encode(codec) if codec == "utf-16" else b"\xfe\xff" + SAMPLE.encode(codec)
    decoded = decode_text(data)
    assert decoded.text == SAMPLE
    assert label in decoded.warning


def test_utf16_without_a_bom():
    decoded = decode_text(SAMPLE.encode("utf-16-le"))
    assert decoded.text == SAMPLE
    assert "UTF-16 LE" in decoded.warning


def test_windows_1258_is_recognised_and_composed():
    data = encode_cp1258(SAMPLE)
    assert b"\xcc" in data or b"\xec" in data  # combining tone marks were written
    decoded = decode_text(data)
    assert decoded.text == SAMPLE
    assert unicodedata.is_normalized("NFC", decoded.text)
    assert decoded.encoding == "cp1258"
    assert decoded.warning == (
        "Tệp được đọc theo bảng mã Windows-1258; hãy kiểm tra lại dấu tiếng Việt.")


def test_tcvn3_is_recognised_and_said_so():
    decoded = decode_text(encode_tcvn3(SAMPLE))
    assert decoded.encoding == "tcvn3"
    assert decoded.text == SAMPLE
    assert decoded.warning.startswith(
        "Tệp được đọc theo bảng mã TCVN3 (ABC); hãy kiểm tra lại dấu tiếng Việt.")
    assert ".VnTimeH" in decoded.warning


def test_crlf_and_cr_line_endings_and_nfd_text():
    nfd = unicodedata.normalize("NFD", SAMPLE)
    assert decode_text(nfd.replace("\n", "\r\n").encode("utf-8")).text == SAMPLE
    assert decode_text(SAMPLE.replace("\n", "\r").encode("utf-8")).text == SAMPLE


def test_an_encoding_that_cannot_be_told_is_refused():
    french = "Le conseil municipal s'est réuni à Besançon; l'ordre du jour a été approuvé."
    with pytest.raises(PlanImportError) as caught:
        decode_text(french.encode("cp1252"))
    message = caught.value.message
    assert "Windows-1258" in message and "TCVN3" in message
    assert "hãy mở tệp và lưu lại dưới dạng utf-8 (unicode)" in message.lower()
    assert caught.value.line == 1


def test_binary_content_is_refused():
    with pytest.raises(PlanImportError) as caught:
        decode_text(b"abc\x00\x01\x02" * 100)
    assert "nhị phân" in caught.value.message


def test_a_broken_utf16_file_says_where():
    with pytest.raises(PlanImportError) as caught:
        decode_text(b"\xff\xfe" + "Kế hoạch\n".encode("utf-16-le") + b"\x00\xd8")
    assert "UTF-16" in caught.value.message


def test_utf8_with_a_few_stray_bytes_is_read_and_the_place_is_said():
    data = (SAMPLE * 5).encode("utf-8") + b"Ph\xf2ng ch\xe9ng\n"
    decoded = decode_text(data)
    assert decoded.encoding == "utf-8"
    assert "\ufffd" in decoded.text
    assert "dòng 16" in decoded.warning and "2 chỗ" in decoded.warning
