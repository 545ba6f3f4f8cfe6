"""``ttdn cases import | match | erase-contacts | reindex`` on the command line."""

import datetime
import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.cases.data.claims import CLAIMS
from ttdn.cases import index, services
from ttdn.cases.models import (
    Case,
    CaseStatus,
    Channel,
    DeskSettings,
    MatchDecision,
    Suggestion,
    Tip,
    Verdict,
)

pytestmark = pytest.mark.django_db

RUMOUR = CLAIMS[0]["claim"]
REWORDED = CLAIMS[0]["rewordings"][0]
NEAR_MISS = CLAIMS[0]["near_misses"][0]  # 3 tỷ instead of 2 tỷ
OTHER = CLAIMS[9]["claim"]

RECORDS = [
    json.dumps({"text": RUMOUR, "ref": "HS-001", "verdict": "sai sự thật", "date": "2026-03-15",
                "links": "https://www.facebook.com/post/1"}, ensure_ascii=False),
    json.dumps({"text": REWORDED, "ref": "HS-002", "links": ["https://facebook.com/post/2"]},
               ensure_ascii=False),
    '{"text": "thiếu ngoặc"',
    json.dumps({"ref": "HS-004"}),
    json.dumps({"text": OTHER, "verdict": "bịa đặt"}, ensure_ascii=False),
    "",
    json.dumps({"text": NEAR_MISS, "ref": "HS-006", "verdict": "partly_false",
                "date": "2026-04-01T08:30:00+07:00"}, ensure_ascii=False),
    json.dumps({"text": OTHER, "ref": "HS-007", "verdict": "Chưa thể kiểm chứng"},
               ensure_ascii=False),
]


def cases(*args):
    """Run ``ttdn cases …``; returns (stdout, stderr, error message or None)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("cases", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), str(exc)
    return out.getvalue(), err.getvalue(), None


@pytest.fixture
def records(tmp_path):
    path = tmp_path / "ho-so-cu.jsonl"
    path.write_text("\n".join(RECORDS) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def imported(world, records):
    out, err, error = cases("import", str(records), "--commune", "15178")
    assert error is not None  # three bad lines: exit status 1
    return out, err, error


def row_counts():
    return {model._meta.label: model._default_manager.count()
            for model in apps.get_models() if not model._meta.proxy}


# --- import ---------------------------------------------------------------------------------


def test_import_reports_bad_lines_and_imports_the_rest(imported):
    out, err, error = imported
    assert "3 dòng không nhập được" in error
    assert "Dòng 3: không phải JSON hợp lệ" in err
    assert "Dòng 4: Thiếu nội dung: trường “text” là bắt buộc." in err
    assert "Dòng 5: Kết luận “bịa đặt” không hợp lệ" in err
    assert "Dòng 6" not in err  # a blank line is no record
    assert ("Đã nhập 4 bản ghi vào xã Cẩm Tân: 3 vụ việc mới, 1 nhập vào vụ việc đã có, "
            "1 có gợi ý trùng chờ xác nhận, 3 có kết luận; 0 đã nhập từ trước (bỏ qua); 3 dòng "
            "lỗi.") in out


def test_imported_records_keep_refs_dates_links_and_verdicts(imported):
    first = Case.objects.get(ref="HS-001")
    assert first.status == CaseStatus.VERDICT and first.verdict == Verdict.FALSE
    received = timezone.make_aware(datetime.datetime(2026, 3, 15, 12, 0))
    assert first.opened_at == received and first.verdict_at == received
    tips = first.tips.order_by("created_at", "pk")
    assert [t.ref for t in tips] == ["HS-001", "HS-002"]
    assert {t.channel for t in tips} == {Channel.IMPORT}
    assert tips[1].match_decision == MatchDecision.AUTO
    assert first.links.count() == 2
    near = Case.objects.get(ref="HS-006")
    assert near.verdict == Verdict.PARTLY_FALSE
    assert near.opened_at == datetime.datetime(2026, 4, 1, 1, 30, tzinfo=datetime.UTC)
    assert Suggestion.objects.get(tip__ref="HS-006").candidate_id == first.pk
    assert Case.objects.get(tips__ref="HS-007").verdict == Verdict.UNVERIFIABLE
    logged = ModelLogEntry.objects.filter(action="ttdn.cases.case.imported")
    assert logged.count() == 3
    assert Case.objects.count() == 3


def test_importing_the_same_file_again_changes_nothing(imported, records):
    before = row_counts()
    out, _err, error = cases("import", str(records), "--commune", "cam-tan")
    assert "Đã nhập 0 bản ghi" in out and "4 đã nhập từ trước (bỏ qua)" in out
    assert "3 dòng" in error
    assert row_counts() == before


def test_a_dry_run_stores_nothing(world, records):
    before = row_counts()
    out, _err, error = cases("import", str(records), "--commune", "15178", "--dry-run")
    assert out.startswith("Chạy thử, không lưu gì. Đã nhập 4 bản ghi")
    assert "3 dòng" in error
    assert row_counts() == before


def test_the_commune_must_be_named_when_there_are_several(world, records):
    _out, _err, error = cases("import", str(records))
    assert "nhiều xã" in error
    _out, _err, error = cases("import", str(records), "--commune", "99999")
    assert error == "Không có xã “99999”."
    _out, _err, error = cases("import", str(records.with_name("khong-co.jsonl")),
                              "--commune", "15178")
    assert "Không tìm thấy tệp" in error
    _out, _err, error = cases("import", str(records), "--commune", "15178", "--as", "ai-do")
    assert "Không tìm thấy tài khoản" in error
    assert not Tip.objects.exists()


def test_import_as_the_culture_officer(world, tmp_path):
    path = tmp_path / "mot-dong.jsonl"
    path.write_text(json.dumps({"text": OTHER, "ref": "X-1"}, ensure_ascii=False))
    out, _err, error = cases("import", str(path), "--commune", "cam-thach",
                             "--as", "cam-thach.culture_officer")
    assert error is None and "Đã nhập 1 bản ghi vào xã Cẩm Thạch" in out
    assert Tip.objects.get().submitted_by.username == "cam-thach.culture_officer"


# --- match ----------------------------------------------------------------------------------


def test_match_prints_the_case_its_refs_and_the_decision_creating_nothing(imported, tmp_path):
    before = row_counts()
    out, _err, error = cases("match", CLAIMS[0]["unaccented"][0], "--format", "json")
    assert error is None
    (line,) = out.splitlines()
    result = json.loads(line)
    assert result["query"] == CLAIMS[0]["unaccented"][0]
    best = result["matches"][0]
    assert (best["ref"], best["refs"], best["decision"]) == ("HS-001", ["HS-001", "HS-002"],
                                                            "auto")
    assert best["case"] == Case.objects.get(ref="HS-001").pk and best["score"] >= 0.85

    queries = tmp_path / "tin-don.txt"
    queries.write_text("\n".join([
        "Cán bộ xã Cẩm Tân ăn chặn 5 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa.",
        "",
        "Xem ở đây: https://m.facebook.com/post/1/?fbclid=abc",
        "Hội thi nấu cơm niêu ở thôn Bến Đò vào rằm tháng Tám.",
    ]), encoding="utf-8")
    out, _err, error = cases("match", "--file", str(queries), "--format", "json", "--limit", "2")
    assert error is None
    near, linked, unrelated = (json.loads(line) for line in out.splitlines())
    assert {m["ref"]: m["decision"] for m in near["matches"]} == {"HS-001": "suggest",
                                                                  "HS-006": "suggest"}
    assert any("khác số tiền" in reason for reason in near["matches"][0]["reasons"])
    assert linked["matches"][0]["ref"] == "HS-001"
    assert (linked["matches"][0]["decision"], linked["matches"][0]["score"]) == ("auto", 1.0)
    assert all(m["decision"] == "none" for m in unrelated["matches"])
    assert len(near["matches"]) <= 2
    assert row_counts() == before


def test_match_as_text(imported):
    out, _err, error = cases("match", REWORDED)
    assert error is None
    assert out.startswith(f"Nội dung: {REWORDED}\n  1. VV-2026-")
    assert "(số hiệu ngoài: HS-001) — tự động nhập vào vụ việc, độ tương đồng" in out
    out, _err, _error = cases("match", "Hội thi nấu cơm niêu ở thôn Bến Đò.")
    assert "Không có vụ việc nào gần giống." in out or "không trùng" in out


def test_match_needs_one_text_or_a_file(world):
    assert "Cho một nội dung" in cases("match")[2]
    assert "Cho một nội dung" in cases("match", "a", "--file", "b")[2]
    assert "--limit" in cases("match", "a", "--limit", "0")[2]


# --- erase-contacts, reindex ----------------------------------------------------------------


def test_erase_contacts_and_its_dry_run(world, file_tip, officer):
    tip = file_tip(RUMOUR, reporter_phone="0912 345 678", consent=True)
    services.case_close(case=tip.case, actor=officer, reason="Trùng lặp")
    out, _err, _error = cases("erase-contacts")
    assert out.strip() == "Đã xóa thông tin liên hệ của 0 tin báo quá thời hạn lưu giữ."
    DeskSettings.objects.create(commune=world["cam-tan"]["commune"], contact_retention_days=0)
    out, _err, _error = cases("erase-contacts", "--dry-run")
    assert "Chạy thử: 1 tin báo" in out
    tip.refresh_from_db()
    assert tip.reporter_phone and tip.contact_erased_at is None
    out, _err, _error = cases("erase-contacts")
    assert "của 1 tin báo" in out
    tip.refresh_from_db()
    assert tip.reporter_phone == "" and tip.contact_erased_at is not None


def test_reindex(world, file_tip):
    file_tip(RUMOUR)
    file_tip(OTHER)
    rows = set(index.MatchTerm.objects.values_list("term", "tip_id"))
    out, _err, error = cases("reindex")
    assert error is None and "cho 2 tin báo" in out
    assert set(index.MatchTerm.objects.values_list("term", "tip_id")) == rows
