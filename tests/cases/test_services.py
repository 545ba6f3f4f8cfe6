"""Intake, matching into shared cases, the workflow and privacy, through the services."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import ModelLogEntry

from ttdn.cases import permissions as perms
from ttdn.cases import services
from ttdn.cases.errors import CaseError
from ttdn.cases.models import (
    Case,
    CaseStatus,
    MatchDecision,
    Suggestion,
    Tip,
)
from ttdn.core.errors import PermissionDeniedError
from ttdn.org.models import Role

pytestmark = pytest.mark.django_db

RUMOUR = "Cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa."
REWORDED = ("Nghe nói cán bộ xã Cẩm Tân đã ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn "
            "Đông Hòa, mọi người chia sẻ gấp!")
NEAR_MISS = "Cán bộ xã Cẩm Tân ăn chặn 3 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa."


def test_a_rewording_from_another_commune_joins_the_same_case(file_tip):
    first = file_tip(RUMOUR)
    second = file_tip(REWORDED, commune="cam-thach")
    assert second.case_id == first.case_id
    assert second.match_decision == MatchDecision.AUTO
    assert Case.objects.count() == 1


def test_a_near_miss_is_only_suggested(file_tip):
    first = file_tip(RUMOUR)
    other = file_tip(NEAR_MISS)
    assert other.case_id != first.case_id
    assert other.match_decision == MatchDecision.SUGGEST
    suggestion = Suggestion.objects.get(tip=other)
    assert suggestion.candidate_id == first.case_id
    assert any("2 tỷ" in reason for reason in suggestion.reasons)


def test_the_same_link_is_always_the_same_case(file_tip):
    first = file_tip("Một bài viết lạ", links=("https://www.facebook.com/p/1?fbclid=abc",))
    second = file_tip("Nội dung hoàn toàn khác", links=("https://m.facebook.com/p/1",),
                      commune="cam-thach")
    assert second.case_id == first.case_id


def test_an_idempotency_key_lands_once(file_tip):
    first = file_tip(RUMOUR, idempotency_key="k-1")
    again = file_tip(RUMOUR, idempotency_key="k-1")
    assert first.pk == again.pk
    assert Tip.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "   "}, "Vui lòng nhập nội dung"),
        ({"text": "x" * 100_000}, "vượt giới hạn 5.000 ký tự"),
        ({"text": "a\x00b"}, "NUL"),
        ({"text": "tin", "links": tuple(f"https://a.vn/{i}" for i in range(50))}, "tối đa 10"),
        ({"text": "tin", "links": ("javascript:alert(1)",)}, "http:// hoặc https://"),
        ({"text": "tin", "reporter_phone": "0912345678"}, "đánh dấu ô đồng ý"),
        ({"text": "tin", "seen_on": datetime.date(2999, 1, 1)}, "sau hôm nay"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(file_tip, fields, message):
    text = fields.pop("text")
    with pytest.raises(CaseError, match=message):
        file_tip(text, **fields)
    assert not Tip.objects.exists() and not Case.objects.exists()


def test_an_executable_posing_as_a_screenshot_is_refused(file_tip):
    fake = SimpleUploadedFile("anh.png", b"MZ\x90\x00" + b"\x00" * 200, "image/png")
    with pytest.raises(CaseError, match="không phải là PNG thật"):
        file_tip("tin", files=[fake])
    assert not Tip.objects.exists()


def test_nfd_text_is_stored_as_nfc(file_tip):
    import unicodedata

    tip = file_tip(unicodedata.normalize("NFD", RUMOUR))
    assert tip.text == RUMOUR


def test_screenshots_are_reencoded_without_exif(file_tip):
    import io

    from PIL import Image

    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "Máy chụp bí mật"  # Make
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("anh.jpg", buffer.getvalue(), "image/jpeg")
    tip = file_tip("tin có ảnh", files=[upload])
    stored = tip.attachments.get()
    with stored.file.open("rb") as handle, Image.open(handle) as reopened:
        assert not reopened.getexif()


def test_the_workflow_refuses_illegal_moves(file_tip, world, officer):
    case = file_tip(RUMOUR).case
    with pytest.raises(CaseError, match="Không thể chuyển"):
        services.case_verdict(case=case, actor=officer, verdict="false", summary="Sai.")
    case = services.case_triage(case=case, actor=officer, category="false", severity="high")
    village = world["cam-tan"]["village"]
    case = services.case_assign(case=case, actor=officer, lead_unit=village)
    case = services.case_start_verifying(case=case, actor=officer)
    case = services.case_verdict(case=case, actor=officer, verdict="false",
                                 summary="Không có khoản tiền nào bị ăn chặn.")
    services.clarification_save(case=case, actor=officer, title="Cải chính",
                                body="Thông tin trên là sai sự thật.")
    case = services.case_respond(case=case, actor=officer, radio=True)
    assert case.status == CaseStatus.RESPONDED and case.clarification.is_published
    assert case.triaged_at <= case.assigned_at <= case.verdict_at <= case.responded_at
    actions = set(ModelLogEntry.objects.filter(action__startswith="ttdn.cases.")
                  .values_list("action", flat=True))
    assert {"ttdn.cases.case.triaged", "ttdn.cases.case.responded",
            "ttdn.cases.clarification.published"} <= actions


def test_another_commune_cannot_run_the_workflow_but_sees_the_shared_case(
    file_tip, other_officer
):
    case = file_tip(RUMOUR).case
    own = file_tip(REWORDED, commune="cam-thach")
    with pytest.raises(PermissionDeniedError):
        services.case_triage(case=case, actor=other_officer, category="false", severity="low")
    assert perms.may_view(other_officer, case)
    assert list(perms.visible_tips(other_officer)) == [own]


def test_contacts_are_audited_and_erased_after_retention(file_tip, world, officer):
    tip = file_tip(RUMOUR, reporter_name="Lê Văn A", reporter_phone="0912 345 678",
                   consent=True)
    police = world["cam-tan"][Role.POLICE]
    with pytest.raises(PermissionDeniedError):
        services.tip_contacts(tip=tip, actor=world["cam-tan"][Role.OFFICE_STAFF])
    assert services.tip_contacts(tip=tip, actor=officer)["reporter_name"] == "Lê Văn A"
    assert ModelLogEntry.objects.filter(action="ttdn.cases.tip.contacts_viewed").exists()
    assert not perms.may_see_contacts(police, tip)  # not escalated yet
    case = services.case_close(case=tip.case, actor=officer, reason="Trùng lặp")
    assert services.erase_expired_contacts(now=timezone.now()) == 0
    later = case.closed_at + datetime.timedelta(days=91)
    assert services.erase_expired_contacts(now=later) == 1
    tip.refresh_from_db()
    assert (tip.reporter_name, tip.reporter_phone, tip.contact_erased_at) == ("", "", later)
    logged = ModelLogEntry.objects.filter(action="ttdn.cases.tip.received").get()
    assert "Lê Văn A" not in str(logged.data)


def test_a_reporter_erases_her_contact_by_receipt(file_tip):
    tip = file_tip(RUMOUR, reporter_email="a@example.vn", consent=True)
    assert services.erase_contacts_by_receipt(receipt=tip.receipt.lower())
    tip.refresh_from_db()
    assert tip.reporter_email == "" and tip.contact_erased_at
    assert not services.erase_contacts_by_receipt(receipt="TT-KHONG-COMA")


def test_a_suggestion_against_another_communes_case_can_be_confirmed(file_tip, other_officer):
    first = file_tip(RUMOUR)  # Cẩm Tân's case
    near = file_tip(NEAR_MISS, commune="cam-thach")  # suggested against it
    suggestion = Suggestion.objects.get(tip=near)
    assert perms.may_view(other_officer, first.case)  # opened to compare
    target = services.suggestion_confirm(suggestion=suggestion, actor=other_officer)
    near.refresh_from_db()
    suggestion.refresh_from_db()
    assert target == first.case and near.case_id == first.case_id
    assert suggestion.status == "confirmed" and near.match_decision == MatchDecision.AUTO
    assert list(perms.visible_tips(other_officer)) == [near]
