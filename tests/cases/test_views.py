"""The desk's admin screens: who sees what, the workflow through the forms, privacy and files."""

import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from ttdn.cases import services
from ttdn.cases.intake import TipInput
from ttdn.cases.models import (
    Case,
    CaseNote,
    CaseStatus,
    Channel,
    DeskSettings,
    Escalation,
    Suggestion,
    SuggestionStatus,
    Takedown,
    Tip,
)
from ttdn.org.models import Role

from .test_services import NEAR_MISS, REWORDED, RUMOUR

pytestmark = pytest.mark.django_db

OTHER_RUMOUR = "Nhà máy nước Cẩm Thạch xả chất độc ra sông, cá chết hàng loạt ở bến Đò Lau."


def png_upload(name="anh.png", colour="red"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def detail(case):
    return reverse("cases:detail", args=[case.pk])


def act(client, case, action, **data):
    return client.post(detail(case), {"action": action, **data})


@pytest.fixture
def people(world):
    return world["cam-tan"]


@pytest.fixture
def upper_level(world, admin_user):
    from ttdn.org.models import AdministrativeArea
    from ttdn.org.services import staff_create

    province = AdministrativeArea.objects.get(scheme="current", level="province", code=38)
    return staff_create(
        username="tinh.vanhoa", family_name="Cán bộ", given_name="Tỉnh", email="",
        password="một câu mật khẩu đủ dài", role=Role.UPPER_LEVEL, area=province,
        actor=admin_user,
    ).user


def escalate(case, officer, world, commune="cam-tan"):
    return services.case_escalate(case=case, actor=officer, commune=world[commune]["commune"],
                                  reason="Có dấu hiệu vi phạm pháp luật")


# The queue ----------------------------------------------------------------------------------


def test_queue_lists_visible_cases_with_counts(client, officer, file_tip):
    shared = file_tip(RUMOUR)
    file_tip(REWORDED, commune="cam-thach")
    theirs = file_tip(OTHER_RUMOUR, commune="cam-thach")
    client.force_login(officer)
    response = client.get(reverse("cases:index"))
    page = response.content.decode()
    assert response.status_code == 200
    assert shared.case.code in page and theirs.case.code not in page
    row = response.context["rows"][0]
    assert (row.case.tip_count, row.case.commune_count) == (2, 2)
    assert "2 tin báo · 2 xã" in page  # under the claim: the table fits a 1100-px screen
    assert "Mới tiếp nhận" in page


def test_queue_search_folds_diacritics_and_finds_codes_and_receipts(client, officer, file_tip):
    rumour = file_tip(RUMOUR)
    other = file_tip("Xã phát gạo cứu đói cho bà con thôn Bắc vào sáng thứ Hai.")
    client.force_login(officer)

    def codes(**params):
        response = client.get(reverse("cases:index"), params)
        return {row.case.pk for row in response.context["rows"]}

    assert codes(q="AN CHAN tien cuu tro") == {rumour.case_id}
    assert codes(q="gạo cứu đói") == {other.case_id}
    assert codes(q=rumour.case.code) == {rumour.case_id}
    assert codes(q=other.receipt.lower()) == {other.case_id}
    assert codes(q="không có gì như thế") == set()


def test_queue_filters_by_status_category_and_lateness(client, officer, file_tip, world):
    old = services.tip_submit(
        commune=world["cam-tan"]["commune"], data=TipInput(text=RUMOUR),
        received_at=timezone.now() - datetime.timedelta(hours=30),
    ).tip.case
    fresh = file_tip(OTHER_RUMOUR).case
    services.case_triage(case=fresh, actor=officer, category="fraud", severity="high")
    client.force_login(officer)

    def pks(**params):
        response = client.get(reverse("cases:index"), params)
        return [row.case.pk for row in response.context["rows"]]

    assert pks(status="new") == [old.pk]
    assert pks(status="triaged", category="fraud", severity="high") == [fresh.pk]
    assert pks(late="on") == [old.pk]  # past the default 24 h triage target
    page = client.get(reverse("cases:index")).content.decode()
    assert page.count("data-ttdn-late") == 1
    # the owning commune's own targets decide
    DeskSettings.objects.create(commune=world["cam-tan"]["commune"], triage_hours=48,
                                response_hours=72)
    assert pks(late="on") == []


def test_queue_takes_a_constant_number_of_queries(client, officer, world,
                                                  django_assert_max_num_queries):
    commune = world["cam-tan"]["commune"]

    def add(n):
        for i in range(n):
            services.tip_submit(commune=commune, data=TipInput(
                text=f"Tin đồn số {i} {'abcdefghij'[i % 10] * (i + 3)} về chuyện khác hẳn"))

    client.force_login(officer)
    client.get(reverse("cases:index"))  # warm the session and the admin profile
    add(3)
    with django_assert_max_num_queries(22) as small:
        assert client.get(reverse("cases:index")).status_code == 200
    add(27)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("cases:index"), {"status": "new"})
    assert len(response.context["rows"]) == 25


def test_menu_item_counts_new_cases_and_home_panel(client, officer, file_tip, world):
    file_tip(RUMOUR)
    file_tip(OTHER_RUMOUR, commune="cam-thach")
    client.force_login(officer)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps("Thông tin sai lệch (1)") in page  # the sidebar's menu is JSON
    assert "data-ttdn-cases-panel" in page and "1 vụ việc mới tiếp nhận" in page
    client.force_login(world["cam-tan"][Role.ACCOUNTANT])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps("Thông tin sai lệch") not in page
    assert client.get(reverse("cases:index")).status_code == 403


# Who sees what -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.CULTURE_OFFICER])
def test_the_desk_sees_the_case_and_its_tips(client, people, file_tip, role):
    tip = file_tip(RUMOUR)
    client.force_login(people[role])
    page = client.get(detail(tip.case)).content.decode()
    assert tip.receipt in page and "data-ttdn-notes" in page


def test_police_see_a_case_only_after_escalation(client, people, officer, file_tip, world):
    tip = file_tip(RUMOUR)
    police = people[Role.POLICE]
    client.force_login(police)
    assert client.get(detail(tip.case)).status_code == 404
    assert tip.case.code not in client.get(reverse("cases:index")).content.decode()
    escalate(tip.case, officer, world)
    page = client.get(detail(tip.case)).content.decode()
    assert tip.receipt in page and "data-ttdn-takedowns" in page
    assert tip.case.code in client.get(reverse("cases:index")).content.decode()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-ttdn-panel-escalated" in home


def test_a_village_member_sees_assigned_cases_and_own_tips_only(client, people, officer,
                                                                file_tip):
    member = people[Role.UNIT_MEMBER]
    assigned = file_tip(RUMOUR).case
    other = file_tip(OTHER_RUMOUR).case
    client.force_login(member)
    assert client.get(reverse("cases:index")).status_code == 403
    services.case_triage(case=assigned, actor=officer, category="false", severity="low")
    services.case_assign(case=assigned, actor=officer, lead_unit=people["village"])
    page = client.get(reverse("cases:index")).content.decode()
    assert assigned.code in page and other.code not in page
    page = client.get(detail(assigned)).content.decode()
    assert "data-ttdn-notes" in page  # the assigned unit writes the verification log
    assert assigned.tips.get().receipt not in page  # but reads no citizen's tip
    assert client.get(detail(other)).status_code == 404
    # a tip the member files makes its case visible to them
    response = client.post(reverse("cases:intake"), {
        "commune": people["commune"].pk, "channel": "unit",
        "text": "Thôn Một có người tung tin sắp cắt điện cả tháng để sửa đường dây.",
        "platform": "zalo"})
    own = Tip.objects.get(submitted_by=member)
    assert response.status_code == 302 and own.channel == Channel.UNIT
    assert own.unit == people["village"]
    assert own.receipt in client.get(detail(own.case)).content.decode()


def test_the_upper_level_sees_cases_but_no_tips_or_notes(client, upper_level, officer,
                                                         file_tip):
    tip = file_tip(RUMOUR, reporter_name="Lê Văn A", consent=True)
    services.note_add(case=tip.case, actor=officer, kind="check", text="Gọi điện cho trưởng thôn")
    client.force_login(upper_level)
    assert tip.case.code in client.get(reverse("cases:index")).content.decode()
    page = client.get(detail(tip.case)).content.decode()
    assert tip.receipt not in page and "Gọi điện cho trưởng thôn" not in page
    assert "Lê Văn A" not in page and "data-ttdn-workflow" not in page
    assert act(client, tip.case, "triage", category="false", severity="low").status_code == 403
    assert client.get(reverse("cases:intake")).status_code == 403


# The workflow ------------------------------------------------------------------------------


def test_the_whole_workflow_through_the_screens(client, officer, people, file_tip):
    case = file_tip(RUMOUR).case
    client.force_login(officer)
    assert "data-ttdn-action=\"triage\"" in client.get(detail(case)).content.decode()
    edited = "Tin đồn cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ lũ lụt."
    response = act(client, case, "triage", category="false", severity="high",
                   sensitivity="normal", claim=edited)
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.category, case.claim) == (CaseStatus.TRIAGED, "false", edited)
    office, village = people["office"], people["village"]
    act(client, case, "assign", lead_unit=village.pk, coordinating_units=[office.pk])
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSIGNED and case.lead_unit == village
    assert list(case.coordinating_units.all()) == [office]
    act(client, case, "verify")
    act(client, case, "note", kind="source", text="Đối chiếu danh sách nhận cứu trợ",
        url="https://camtan.example.vn/danh-sach", commune=people["commune"].pk,
        file=png_upload())
    note = CaseNote.objects.get(case=case)
    response = client.get(reverse("cases:note_file", args=[case.pk, note.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    act(client, case, "verdict", verdict="false", summary="Không có khoản tiền nào bị ăn chặn.")
    response = act(client, case, "clarification", title="Cải chính tin đồn",
                   body="Thông tin trên là sai sự thật.", title_en="Correction",
                   body_en="The claim is false.", sources="https://camtan.example.vn/tb")
    assert response.status_code == 302
    act(client, case, "respond", radio="on", press="on")
    case.refresh_from_db()
    assert case.status == CaseStatus.RESPONDED and case.press_informed_at
    assert case.clarification.is_published and case.clarification.radio_requested_at
    page = client.get(detail(case)).content.decode()
    assert "Cải chính tin đồn" in page and "Đối chiếu danh sách nhận cứu trợ" in page
    assert "Đã phản hồi" in page and "data-ttdn-timers" in page
    act(client, case, "close", reason="Đã cải chính, không còn lan truyền")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    actions = set(ModelLogEntry.objects.filter(action__startswith="ttdn.cases.case.")
                  .values_list("action", flat=True))
    assert {"ttdn.cases.case.triaged", "ttdn.cases.case.assigned", "ttdn.cases.case.verifying",
            "ttdn.cases.case.verdict", "ttdn.cases.case.responded",
            "ttdn.cases.case.closed"} <= actions
    history = client.get(detail(case)).content.decode()
    assert "data-ttdn-history" in history


def test_an_illegal_move_is_refused_with_a_message(client, officer, file_tip):
    case = file_tip(RUMOUR).case
    client.force_login(officer)
    response = act(client, case, "verdict", verdict="false", summary="Sai.")
    assert response.status_code == 200
    assert "Không thể chuyển vụ việc từ “Mới tiếp nhận” sang “Đã có kết luận”" in (
        response.content.decode())
    case.refresh_from_db()
    assert case.status == CaseStatus.NEW


def test_field_errors_come_back_on_the_form(client, officer, file_tip):
    case = file_tip(RUMOUR).case
    client.force_login(officer)
    response = act(client, case, "triage", category="", severity="high", sensitivity="normal")
    assert response.status_code == 200 and response.context["forms"]["triage"].errors["category"]
    response = act(client, case, "note", kind="check", text="x", url="javascript:alert(1)",
                   commune=case.commune_id)
    assert "http:// hoặc https://" in str(response.context["forms"]["note"].errors["url"])
    assert not CaseNote.objects.exists()


def test_a_commune_with_tips_on_a_shared_case_cannot_run_its_workflow(client, file_tip,
                                                                       other_officer):
    case = file_tip(RUMOUR).case
    file_tip(REWORDED, commune="cam-thach")
    client.force_login(other_officer)
    assert client.get(detail(case)).status_code == 200
    assert act(client, case, "triage", category="false", severity="low").status_code == 403
    assert act(client, case, "close").status_code == 403
    case.refresh_from_db()
    assert case.status == CaseStatus.NEW


def test_an_unknown_action_is_a_404(client, officer, file_tip):
    case = file_tip(RUMOUR).case
    client.force_login(officer)
    assert act(client, case, "delete_everything").status_code == 404


def test_a_suggestion_confirmed_on_screen_merges_the_cases(client, officer, file_tip):
    first = file_tip(RUMOUR)
    near = file_tip(NEAR_MISS)
    source = near.case
    client.force_login(officer)
    suggestion = Suggestion.objects.get(tip=near)
    response = act(client, source, "merge", suggestion=suggestion.pk)
    assert response.status_code == 302 and response.url == detail(first.case)
    near.refresh_from_db()
    source.refresh_from_db()
    assert near.case_id == first.case_id and source.merged_into_id == first.case_id
    page = client.get(detail(source)).content.decode()
    assert first.case.code in page  # "đã được gộp vào …"


def test_suggestions_are_shown_with_reasons_and_rejected(client, officer, people, file_tip):
    file_tip(RUMOUR)
    near = file_tip(NEAR_MISS)
    client.force_login(officer)
    page = client.get(detail(near.case)).content.decode()
    assert "Đúng là trùng — gộp" in page and "Không trùng" in page and "2 tỷ" in page
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-ttdn-panel-suggestions" in home
    suggestion = Suggestion.objects.get(tip=near)
    # the chairman may decide too; the police may not
    client.force_login(people[Role.POLICE])
    assert act(client, near.case, "not_duplicate", suggestion=suggestion.pk).status_code == 404
    client.force_login(people[Role.CHAIRMAN])
    response = act(client, near.case, "not_duplicate", suggestion=suggestion.pk)
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.REJECTED
    assert "Đúng là trùng — gộp" not in client.get(detail(near.case)).content.decode()
    # deciding twice is refused with the service's message
    response = act(client, near.case, "not_duplicate", suggestion=suggestion.pk)
    assert response.status_code == 302
    assert "đã được xử lý" in client.get(detail(near.case)).content.decode()


def test_escalation_and_takedowns_by_the_police(client, officer, people, file_tip):
    case = file_tip(RUMOUR, links=("https://www.facebook.com/p/123",)).case
    client.force_login(officer)
    act(client, case, "escalate", commune=people["commune"].pk, reason="Xúc phạm cán bộ")
    assert Escalation.objects.filter(case=case, commune=people["commune"]).exists()
    # the desk records no takedown: that is the police's
    assert act(client, case, "takedown", platform="facebook",
               url="https://www.facebook.com/p/123").status_code == 403
    client.force_login(people[Role.POLICE])
    response = act(client, case, "takedown", platform="facebook",
                   url="https://www.facebook.com/p/123", status="sent",
                   commune=people["commune"].pk)
    assert response.status_code == 302
    takedown = Takedown.objects.get()
    assert takedown.status == "sent" and takedown.sent_on == timezone.localdate()
    client.post(detail(case), {
        "action": "takedown", "takedown": takedown.pk, f"td{takedown.pk}-platform": "facebook",
        f"td{takedown.pk}-url": takedown.url, f"td{takedown.pk}-status": "removed",
        f"td{takedown.pk}-commune": people["commune"].pk})
    takedown.refresh_from_db()
    assert takedown.status == "removed"
    page = client.get(detail(case)).content.decode()
    assert "Đã gỡ" in page


def test_desk_settings(client, officer, people):
    client.force_login(officer)
    url = reverse("cases:settings")
    assert client.get(url).status_code == 200
    response = client.post(url, {"commune": people["commune"].pk, "triage_hours": 12,
                                 "response_hours": 48, "clarification_hours": 96,
                                 "takedown_hours": 120, "contact_retention_days": 30})
    assert response.status_code == 302
    assert DeskSettings.objects.get(commune=people["commune"]).triage_hours == 12
    response = client.post(url, {"commune": people["commune"].pk, "triage_hours": 0,
                                 "response_hours": 48, "clarification_hours": 96,
                                 "takedown_hours": 120, "contact_retention_days": 30})
    assert response.status_code == 200 and response.context["form"].errors["triage_hours"]
    client.force_login(people[Role.POLICE])
    assert client.get(url).status_code == 403


def test_desk_settings_of_another_commune_do_not_exist(client, officer, world):
    client.force_login(officer)
    other = world["cam-thach"]["commune"]
    assert client.get(reverse("cases:settings"), {"commune": other.pk}).status_code == 404
    assert client.post(reverse("cases:settings"), {"commune": other.pk,
                                                   "triage_hours": 1}).status_code == 404


# Privacy and files ---------------------------------------------------------------------------


def test_contacts_reveal_is_audited_and_hidden_from_others(client, officer, people, file_tip):
    tip = file_tip(RUMOUR, reporter_name="Lê Văn A", reporter_phone="0912 345 678",
                   consent=True)
    client.force_login(officer)
    page = client.get(detail(tip.case)).content.decode()
    assert "Lê Văn A" not in page and "data-ttdn-reveal" in page
    assert not ModelLogEntry.objects.filter(action="ttdn.cases.tip.contacts_viewed").exists()
    response = act(client, tip.case, "contacts", tip=tip.pk)
    page = response.content.decode()
    assert response.status_code == 200 and "Lê Văn A" in page and "0912 345 678" in page
    assert "no-store" in response["Cache-Control"]
    entry = ModelLogEntry.objects.get(action="ttdn.cases.tip.contacts_viewed")
    assert entry.user == officer and "Lê Văn A" not in str(entry.data)
    # the chairman runs the desk but does not see contacts
    client.force_login(people[Role.CHAIRMAN])
    page = client.get(detail(tip.case)).content.decode()
    assert "data-ttdn-reveal" not in page
    assert act(client, tip.case, "contacts", tip=tip.pk).status_code == 403
    # the police see them once the case is theirs
    client.force_login(people[Role.POLICE])
    assert act(client, tip.case, "contacts", tip=tip.pk).status_code == 404
    escalate(tip.case, officer, {"cam-tan": people})
    assert "Lê Văn A" in act(client, tip.case, "contacts", tip=tip.pk).content.decode()
    assert ModelLogEntry.objects.filter(action="ttdn.cases.tip.contacts_viewed").count() == 2


def test_attachment_download_is_an_attachment_with_nosniff(client, officer, file_tip):
    tip = file_tip(RUMOUR, files=[png_upload()])
    attachment = tip.attachments.get()
    client.force_login(officer)
    page = client.get(detail(tip.case)).content.decode()
    url = reverse("cases:attachment", args=[tip.case_id, attachment.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client.post(url).status_code == 405


def test_evidence_package_links_and_download(client, officer, people, file_tip):
    tip = file_tip(RUMOUR, files=[png_upload()])
    client.force_login(officer)
    page = client.get(detail(tip.case)).content.decode()
    zip_url = reverse("cases:evidence_zip", args=[tip.case_id])
    assert zip_url in page and reverse("cases:evidence_pdf", args=[tip.case_id]) in page
    response = client.get(zip_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert ModelLogEntry.objects.filter(action="ttdn.cases.evidence.exported").count() == 1
    # the chairman's desk may export too; an assigned unit may not
    services.case_triage(case=tip.case, actor=officer, category="false", severity="low")
    services.case_assign(case=tip.case, actor=officer, lead_unit=people["village"])
    client.force_login(people[Role.UNIT_MEMBER])
    assert "data-ttdn-evidence" not in client.get(detail(tip.case)).content.decode()
    assert client.get(zip_url).status_code == 403


def test_staff_intake_joins_an_existing_case(client, officer, file_tip):
    first = file_tip(RUMOUR, commune="cam-thach")
    client.force_login(officer)
    url = reverse("cases:intake")
    page = client.get(url).content.decode()
    assert "data-ttdn-intake-form" in page and "hp_" not in page
    response = client.post(url, {
        "commune": officer_commune(officer),
        "channel": "staff", "text": REWORDED, "links": "", "platform": "facebook",
        "files": [png_upload()]}, follow=True)
    page = response.content.decode()
    tip = Tip.objects.get(submitted_by=officer)
    assert tip.case_id == first.case_id and tip.channel == Channel.STAFF
    assert "trùng với vụ việc đã có" in page and first.case.code in page
    assert response.redirect_chain[-1][0] == detail(first.case)
    assert tip.attachments.count() == 1
    # the officer now sees the shared case and her own tip, not Cẩm Thạch's
    assert tip.receipt in page and first.receipt not in page


def test_staff_intake_tells_about_a_suggestion_and_shows_errors(client, officer, file_tip):
    file_tip(RUMOUR)
    client.force_login(officer)
    url = reverse("cases:intake")
    commune = officer_commune(officer)
    response = client.post(url, {"commune": commune, "channel": "staff", "text": NEAR_MISS,
                                 "platform": "facebook"}, follow=True)
    assert "có thể trùng" in response.content.decode()
    response = client.post(url, {"commune": commune, "channel": "staff", "text": "tin",
                                 "platform": "facebook", "reporter_phone": "0912345678"})
    assert response.status_code == 200
    assert "đánh dấu ô đồng ý" in str(response.context["form"].errors["consent"])
    response = client.post(url, {"commune": commune, "channel": "staff", "text": "tin",
                                 "platform": "facebook",
                                 "files": [SimpleUploadedFile("a.png", b"MZ" + b"\0" * 99)]})
    assert response.context["form"].errors["files"]
    assert Tip.objects.count() == 2


def officer_commune(user):
    from ttdn.org.scope import scope_of

    return next(iter(scope_of(user).commune_ids))


# Isolation on a shared case ------------------------------------------------------------------


def test_a_shared_case_shows_each_commune_only_its_own_rows(client, officer, other_officer,
                                                            file_tip, world):
    ours = file_tip(RUMOUR, files=[png_upload()], reporter_name="Lê Văn A", consent=True)
    theirs = file_tip(REWORDED, commune="cam-thach")
    case = ours.case
    assert theirs.case_id == case.pk
    note = services.note_add(case=case, actor=officer, kind="evidence",
                             text="Ghi chép nội bộ của Cẩm Tân", upload=png_upload("b.png"))
    escalate(case, officer, world)
    client.force_login(other_officer)
    response = client.get(detail(case))
    page = response.content.decode()
    assert response.status_code == 200
    assert theirs.receipt in page and ours.receipt not in page
    assert "Ghi chép nội bộ của Cẩm Tân" not in page and "Lê Văn A" not in page
    assert "Công an Cẩm Tân" not in page and "data-ttdn-escalations" not in page
    assert "2 tin báo" in page  # the shared count, not the rows
    attachment = ours.attachments.get()
    for url in (reverse("cases:attachment", args=[case.pk, attachment.pk]),
                reverse("cases:note_file", args=[case.pk, note.pk])):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert act(client, case, "contacts", tip=ours.pk).status_code == 404
    # Cẩm Tân's police, whose commune the case was escalated to, see nothing of Cẩm Thạch's
    client.force_login(world["cam-tan"][Role.POLICE])
    page = client.get(detail(case)).content.decode()
    assert ours.receipt in page and theirs.receipt not in page
    # Cẩm Thạch escalates to its own police, and only its own
    client.force_login(other_officer)
    page = client.get(detail(case)).content.decode()
    assert "data-ttdn-action=\"escalate\"" in page
    response = act(client, case, "escalate", commune=world["cam-tan"]["commune"].pk)
    assert response.status_code == 200 and response.context["forms"]["escalate"].errors
    act(client, case, "escalate", commune=world["cam-thach"]["commune"].pk)
    assert Escalation.objects.filter(case=case).count() == 2


def test_a_case_of_another_commune_is_a_404_for_every_method(client, officer, file_tip):
    theirs = file_tip(OTHER_RUMOUR, commune="cam-thach", files=[png_upload()])
    case = theirs.case
    client.force_login(officer)
    urls = [detail(case), reverse("cases:evidence_zip", args=[case.pk]),
            reverse("cases:attachment", args=[case.pk, theirs.attachments.get().pk])]
    for url in urls:
        for method in ("get", "post", "put", "delete"):
            assert getattr(client, method)(url).status_code == 404, (method, url)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.NEW
