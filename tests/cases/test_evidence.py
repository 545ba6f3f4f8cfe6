"""Sealed evidence packages (ZIP and PDF) for escalating a case to the commune police."""

import hashlib
import io
import json
import logging
import random
import subprocess
import unicodedata
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from django.core.management import CommandError, call_command
from PIL import Image, ImageDraw

from ttdn.cases.evidence import (
    EvidenceData,
    EvidenceEntry,
    EvidenceFile,
    TakedownLine,
    build_pdf,
    build_zip,
    safe_name,
    verify,
)

pytestmark = pytest.mark.nodb  # never touches the database: not run again on PostgreSQL

CLAIM = ("Xã Cẩm Tân sẽ thu hồi toàn bộ đất ruộng của thôn Đông để giao cho doanh nghiệp, "
         "người dân phải ký giấy đồng ý trước ngày 15 tháng 3.")

# A one-page PDF, written by hand (valid enough for pdftotext and for attaching).
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _image(fmt: str) -> bytes:
    picture = Image.new("RGB", (160, 90), (238, 242, 247))
    pen = ImageDraw.Draw(picture)
    pen.rectangle((8, 8, 151, 81), outline=(180, 30, 30), width=3)
    pen.line((8, 8, 151, 81), fill=(30, 60, 160), width=2)
    out = io.BytesIO()
    picture.save(out, fmt)
    return out.getvalue()


def _when(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def make_data() -> EvidenceData:
    png, jpeg = _image("PNG"), _image("JPEG")
    return EvidenceData(
        case_ref="TTSST-2026-0042",
        commune="Xã Cẩm Tân",
        claim=unicodedata.normalize("NFD", CLAIM),  # the package must store it as NFC
        category="Đất đai",
        verdict="Sai sự thật",
        status="Đã chuyển Công an xã",
        links=("https://www.facebook.com/groups/camtan/posts/123456789",
               "https://zalo.me/g/abcxyz"),
        first_seen=_when(2, 1, 15),
        received_at=_when(2, 2, 30),
        escalated_at=_when(4, 8),
        escalated_by="Lê Thị Hương",
        generated_at=_when(4, 8, 5),
        generated_by="Nguyễn Văn Đức",
        files=(
            EvidenceFile("ảnh chụp bài đăng.png", png, "image/png", _when(2, 1, 20),
                         "Ảnh chụp màn hình bài đăng trong nhóm Facebook"),
            EvidenceFile("Tin nhắn Zalo.JPG", jpeg, "image/jpeg", _when(2, 1, 25)),
            EvidenceFile("Quyết định giao đất.pdf", TINY_PDF, "application/pdf", None,
                         "Văn bản gốc của Ủy ban nhân dân xã"),
        ),
        log=(
            EvidenceEntry(_when(2, 3), "Lê Thị Hương",
                          "Đối chiếu với kế hoạch sử dụng đất năm 2026: không có dự án nào."),
            EvidenceEntry(_when(3, 9, 30), "Trần Quốc Bảo",
                          "Địa chính xã xác nhận không có quyết định thu hồi đất."),
        ),
        takedowns=(
            TakedownLine("Facebook", "https://www.facebook.com/groups/camtan/posts/123456789",
                         "Đã gửi", date(2026, 3, 3), None),
            TakedownLine("Zalo", "https://zalo.me/g/abcxyz", "Đã gỡ", date(2026, 3, 3),
                         date(2026, 3, 4)),
        ),
    )


@pytest.fixture(scope="module")
def data() -> EvidenceData:
    return make_data()


@pytest.fixture(scope="module")
def package(data) -> bytes:
    return build_zip(data)


@pytest.fixture(scope="module")
def report(data) -> bytes:
    return build_pdf(data)


def _flip_positions(size: int, seal_length: int) -> list[int]:
    rng = random.Random(20260304)
    positions = set(range(min(50, size))) | set(range(max(0, size - 50), size))
    positions |= set(range(size - seal_length, size))  # every byte of the seal line
    positions |= set(rng.sample(range(size), min(size, 250)))
    return sorted(positions)


# --- ZIP -------------------------------------------------------------------------------------


def test_zip_opens_and_the_manifest_hashes_are_hashlibs(package, data):
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        names = archive.namelist()
        manifest_bytes = archive.read("manifest.json")
        manifest = json.loads(manifest_bytes)
        assert names == ["README.txt", "manifest.json", "manifest.sha256",
                         "files/01-anh-chup-bai-dang.png", "files/02-tin-nhan-zalo.jpg",
                         "files/03-quyet-dinh-giao-dat.pdf"]
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())
        for item, original in zip(manifest["files"], data.files, strict=True):
            content = archive.read(item["path"])
            assert content == original.content
            assert item["sha256"] == hashlib.sha256(content).hexdigest()
            assert item["size"] == len(content)
            assert item["media_type"] == original.media_type
        assert archive.read("manifest.sha256").split()[0].decode() == (
            hashlib.sha256(manifest_bytes).hexdigest())
        readme = archive.read("README.txt").decode("utf-8-sig")
        assert archive.comment.startswith(b"TTDN-SEAL v1 sha256=")
    assert manifest["claim"] == CLAIM  # NFC
    assert "thu hồi toàn bộ đất ruộng" in manifest_bytes.decode("utf-8")  # ensure_ascii=False
    assert manifest["received_at"] == "2026-03-02T02:30:00Z"
    assert manifest["files"][0]["captured_at"] == "2026-03-02T01:20:00Z"
    assert manifest["files"][2]["captured_at"] is None
    assert manifest["links"] == list(data.links)
    assert manifest["takedowns"][1]["resolved_on"] == "2026-03-04"
    assert "ttdn evidence verify TÊN_TỆP" in readme
    assert "GÓI CHỨNG CỨ THÔNG TIN SAI SỰ THẬT" in readme


def test_zip_is_deterministic_and_the_seal_covers_the_comment_length(package, data):
    assert build_zip(data) == package
    comment = package[-154:]
    eocd = package[-154 - 22:-154]
    assert eocd.startswith(b"PK\x05\x06") and int.from_bytes(eocd[20:22], "little") == 154
    digest = comment.split(b"sha256=")[1].split(b" ")[0].decode()
    assert digest == hashlib.sha256(package[:-154]).hexdigest()


def test_zip_verifies(package):
    result = verify(package)
    assert (result.ok, result.kind, result.sha256_ok, result.hmac_ok, result.problems) == (
        True, "zip", True, True, ())


def test_every_byte_flip_breaks_the_zip(package):
    """Every position of the small package (seal line included), plus a sample with another
    mask: a flipped byte anywhere gives ok=False and says why."""
    assert len(package) < 20_000
    flips = [(position, 0x01) for position in range(len(package))]
    flips += [(position, 0xA0) for position in _flip_positions(len(package), 154)]
    for position, mask in flips:
        damaged = bytearray(package)
        damaged[position] ^= mask
        result = verify(bytes(damaged))
        assert not result.ok, (position, mask)
        assert result.problems, (position, mask)


def test_truncated_or_extended_zip_fails(package):
    for cut in (1, 2, 100, 154, 155, len(package) // 2, len(package) - 1):
        assert not verify(package[:-cut]).ok, cut
    appended = verify(package + b"\n")
    assert not appended.ok
    assert "Có 1 byte bị thêm vào sau dấu niêm phong." in appended.problems
    assert not verify(package + package).ok
    assert not verify(b"").ok


def test_a_changed_file_is_named(package):
    source = zipfile.ZipFile(io.BytesIO(package))
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "files/01-anh-chup-bai-dang.png":
                content = content[:-1] + b"\x00"
            archive.writestr(info.filename, content)
        archive.writestr("files/04-them.txt", b"them")
        archive.comment = source.comment
    result = verify(rebuilt.getvalue())
    assert not result.ok and not result.sha256_ok
    assert "Tệp đã bị thay đổi sau khi niêm phong (mã băm SHA-256 không khớp)." in result.problems
    assert ("Tệp files/01-anh-chup-bai-dang.png không khớp mã băm trong manifest.json."
            in result.problems)
    assert "Tệp files/04-them.txt không được liệt kê trong manifest.json." in result.problems


def test_rotated_secret_key_verifies_by_sha256_only(package, report, settings):
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-brand-new-secret-key-" + "x" * 40
    for blob in (package, report):
        result = verify(blob)
        assert result.sha256_ok and not result.hmac_ok and not result.ok
        assert any("không kiểm tra được chữ ký (khóa đã đổi)" in p for p in result.problems)
        assert not any("bị thay đổi" in p for p in result.problems)
    settings.SECRET_KEY_FALLBACKS = [old]
    assert verify(package).ok and verify(report).ok


def test_safe_names_are_ascii():
    assert safe_name("Ảnh chụp (1).PNG") == "anh-chup-1.png"
    assert safe_name("../../etc/Đơn thư") == "don-thu"
    assert safe_name("...", "image/jpeg") == "tep.jpg"
    assert safe_name("ghi âm", "audio/mpeg") == "ghi-am.mp3"


# --- PDF -------------------------------------------------------------------------------------


def test_pdf_verifies_and_is_sealed_after_eof(report):
    assert report.startswith(b"%PDF-")
    body, _, seal = report.rstrip(b"\n").rpartition(b"\n")
    assert body.endswith(b"%%EOF")
    assert seal.startswith(b"%TTDN-SEAL v1 sha256=")
    result = verify(report)
    assert (result.ok, result.kind, result.sha256_ok, result.hmac_ok, result.problems) == (
        True, "pdf", True, True, ())


def test_every_sampled_byte_flip_breaks_the_pdf(report):
    positions = _flip_positions(len(report), 156)
    for position in positions:
        damaged = bytearray(report)
        damaged[position] ^= 0x01 if position % 2 else 0x20
        assert not verify(bytes(damaged)).ok, position


def test_truncated_or_extended_pdf_fails(report):
    for cut in (1, 2, 156, 157, len(report) // 2):
        assert not verify(report[:-cut]).ok, cut
    assert not verify(report + b"%%EOF\n").ok
    assert not verify(report + b"\n").ok


def test_pdf_text_and_rendering(report, tmp_path):
    path = tmp_path / "goi.pdf"
    path.write_bytes(report)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    flat = " ".join(unicodedata.normalize("NFC", text).split())
    assert "GÓI CHỨNG CỨ THÔNG TIN SAI SỰ THẬT" in flat
    assert " ".join(CLAIM.split()[:8]) in flat
    assert "TTSST-2026-0042" in flat
    assert "Trang 1/" in flat
    digest = hashlib.sha256(_image("PNG")).hexdigest()
    assert digest in flat.replace(" ", "")
    rendered = subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(path),
                               str(tmp_path / "trang")], capture_output=True, check=True)
    assert not rendered.stderr
    page = next(tmp_path.glob("trang*.png"))
    assert Image.open(page).size[0] > 400


def test_pdf_carries_the_files_and_manifest_as_attachments(report, tmp_path):
    path = tmp_path / "goi.pdf"
    path.write_bytes(report)
    listing = subprocess.run(["pdfdetach", "-list", str(path)], capture_output=True,
                             check=True).stdout.decode("utf-8")
    for name in ("01-anh-chup-bai-dang.png", "02-tin-nhan-zalo.jpg",
                 "03-quyet-dinh-giao-dat.pdf", "manifest.json"):
        assert name in listing


def test_pdf_attaches_the_same_manifest_as_the_zip(report, package, tmp_path):
    path = tmp_path / "goi.pdf"
    path.write_bytes(report)
    target = tmp_path / "manifest.json"
    subprocess.run(["pdfdetach", "-savefile", "manifest.json", "-o", str(target), str(path)],
                   capture_output=True, check=True)
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assert target.read_bytes() == archive.read("manifest.json")


def test_an_empty_case_renders_without_weasyprint_warnings(data, caplog):
    bare = replace(data, links=(), first_seen=None, escalated_at=None, escalated_by="",
                   files=(), log=(), takedowns=())
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        blob = build_pdf(bare)
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]
    assert verify(blob).ok
    assert verify(build_zip(bare)).ok


def test_pdf_never_fetches_urls(data):
    from ttdn.cases.evidence import _fetcher

    fetcher = _fetcher()
    for url in ("https://example.com/a.png", "file:///etc/passwd", "ftp://example.com/x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain;base64,eGluIGNow6Bv").read() == "xin chào".encode()


# --- Command ---------------------------------------------------------------------------------


def test_command_verifies_each_file_and_fails_on_any_bad_one(package, report, tmp_path, capsys):
    good_zip, good_pdf = tmp_path / "goi.zip", tmp_path / "goi.pdf"
    good_zip.write_bytes(package)
    good_pdf.write_bytes(report)
    call_command("evidence", "verify", str(good_zip), str(good_pdf))
    out = capsys.readouterr().out
    assert out.count("HỢP LỆ") == 2
    bad = tmp_path / "hong.zip"
    bad.write_bytes(package[:100] + bytes([package[100] ^ 1]) + package[101:])
    with pytest.raises(CommandError) as caught:
        call_command("evidence", "verify", str(good_zip), str(bad), str(tmp_path / "khong-co.zip"))
    out = capsys.readouterr().out
    assert "KHÔNG HỢP LỆ" in out
    assert "Tệp đã bị thay đổi sau khi niêm phong" in out
    assert "2/3" in str(caught.value)
    assert caught.value.returncode == 1
