"""The report screens: a unit fills in and autosaves its report, conflicts and field errors,
submission; the culture officer returns and accepts; the commune report is drafted, edited,
approved and sent; the upper level sees, rolls up and returns it; nobody outside reaches any of
it."""

import datetime
import json

import pytest
from django.urls import reverse

from tests import factories
from ttdn.org.models import Role
from ttdn.reports import exporting, services
from ttdn.reports.forms import digest
from ttdn.reports.models import (
    CommuneReport,
    CommuneReportStatus,
    ReportVersion,
    UnitReport,
    UnitReportStatus,
)

from .conftest import make_plan

pytestmark = pytest.mark.django_db

IN_WINDOW = "2026-05-20"  # inside 2026-H1 (15/12/2025 – 14/06/2026)


def page(report):
    return reverse("reports:unit_report", args=[report.pk])


def autosave_url(report):
    return reverse("reports:unit_report_autosave", args=[report.pk])


def autosave(client, report, revision, data):
    return client.post(autosave_url(report), json.dumps({"revision": revision, "data": data}),
                       content_type="application/json")


def open_report(client, round_, unit) -> UnitReport:
    response = client.post(reverse("reports:unit_report_open", args=[round_.pk, unit.pk]))
    assert response.status_code == 302
    report = UnitReport.objects.get(round=round_, unit=unit)
    assert response["Location"] == page(report)
    return report


def form_values(report) -> dict:
    """What the page renders in its form: every field, and the digests of the stored values."""
    from ttdn.reports.forms import digests, unit_fields

    values = unit_fields(services.unit_report_content(report))
    return {**values, "revision": report.revision, "base": digests(values)}


def fill(report, member, *, text="Đã tổ chức 3 buổi tuyên truyền tại nhà văn hóa thôn."):
    """Every task of the report done in the window, through the service."""
    data = {"tasks": {str(row.task_id): {"done": text, "status": "done",
                                         "completed_on": IN_WINDOW}
                      for row in report.tasks.all()},
            "figures": {"buoi-tuyen-truyen": {"value": "3"}},
            "difficulties": "Kinh phí tuyên truyền còn hạn chế.",
            "proposals": "Đề nghị hỗ trợ tập huấn viết tin, bài."}
    report, errors = services.unit_report_save(report=report, actor=member, data=data,
                                               revision=report.revision)
    assert not errors
    return report


def submitted_report(round_, people, *, accept=False):
    member = people[Role.UNIT_MEMBER]
    report = services.unit_report_open(round_=round_, unit=people["village"], actor=member)
    report = fill(report, member)
    report = services.unit_report_submit(report=report, actor=member, revision=report.revision)
    if accept:
        report = services.unit_report_accept(report=report, actor=people[Role.CULTURE_OFFICER])
    return report


def sent_commune_report(round_, people):
    submitted_report(round_, people, accept=True)
    from ttdn.reports.drafting import commune_report_draft

    officer = people[Role.CULTURE_OFFICER]
    report = commune_report_draft(round_=round_, actor=officer)
    report = services.commune_report_request_approval(report=report, actor=officer)
    report = services.commune_report_approve(report=report, actor=people[Role.CHAIRMAN])
    return services.commune_report_send(report=report, actor=officer)


# The unit's side -----------------------------------------------------------------------------


def test_my_reports_lists_the_rounds_of_my_unit(client, member, round_h1, people):
    client.force_login(member)
    response = client.get(reverse("reports:mine"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Báo cáo 6 tháng đầu năm 2026" in text and "Thôn Một" in text
    assert "Lập báo cáo" in text and "Quá hạn" in text  # the H1 deadline has passed
    assert reverse("reports:unit_report_open", args=[round_h1.pk, people["village"].pk]) in text


def test_opening_is_a_page_on_get_and_starts_the_report_on_post(client, member, round_h1,
                                                                 people):
    client.force_login(member)
    url = reverse("reports:unit_report_open", args=[round_h1.pk, people["village"].pk])
    response = client.get(url)
    assert response.status_code == 200 and not UnitReport.objects.exists()
    report = open_report(client, round_h1, people["village"])
    assert report.tasks.count() == 2  # the village's two tasks
    assert client.get(url)["Location"] == page(report)  # opened once, then a redirect
    text = client.get(page(report)).content.decode()
    assert "Tuyên truyền về thông tin đối ngoại tại nhà văn hóa thôn." in text
    assert "Kết quả thực hiện" in text and "Khó khăn, vướng mắc" in text
    assert "Số liệu hệ thống" in text and "Nguồn" in text  # tasks done, computed by the plans
    assert 'name="revision" value="1"' in text and "autosave.js" in text


def test_autosave_saves_returns_the_new_revision_and_refuses_an_old_one(
        client, member, round_h1, people):
    client.force_login(member)
    report = open_report(client, round_h1, people["village"])
    task_id = str(report.tasks.first().task_id)
    response = autosave(client, report, 1, {"tasks": {task_id: {"done": "Đã treo 5 băng rôn."}}})
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] and body["revision"] == 2 and body["errors"] == {}
    assert body["saved_at"] and body["fields"] == {f"task.{task_id}.done": "Đã treo 5 băng rôn."}
    report.refresh_from_db()
    assert report.revision == 2 and report.tasks.get(task_id=task_id).done == "Đã treo 5 băng rôn."

    # A second tab still at revision 1: refused, with the stored content to merge.
    stale = autosave(client, report, 1, {"tasks": {task_id: {"done": "Bản cũ"}}})
    assert stale.status_code == 409
    conflict = stale.json()
    assert conflict["conflict"] and conflict["revision"] == 2
    assert conflict["current"]["tasks"][task_id]["done"] == "Đã treo 5 băng rôn."
    assert conflict["fields"][f"task.{task_id}.done"] == "Đã treo 5 băng rôn."
    assert conflict["saved_by"] and conflict["saved_at"] and "đã lưu báo cáo này" in conflict[
        "message"]
    assert report.tasks.get(task_id=task_id).done == "Đã treo 5 băng rôn."

    # GET tells the script what is stored now.
    state = client.get(autosave_url(report)).json()
    assert state["revision"] == 2 and state["editable"]


def test_autosave_keeps_the_valid_fields_and_returns_errors_in_vietnamese(
        client, member, round_h1, people):
    client.force_login(member)
    report = open_report(client, round_h1, people["village"])
    task_id = str(report.tasks.first().task_id)
    response = autosave(client, report, 1, {
        "difficulties": "Thiếu kinh phí in tài liệu.",
        "figures": {"buoi-tuyen-truyen": {"value": "ba buổi"},
                    "kinh-phi-chi": {"value": "1.500.000"}},
        "tasks": {task_id: {"progress": "150", "completed_on": "2025-01-01"}},
    })
    body = response.json()
    assert response.status_code == 200 and body["ok"]
    assert "không phải là một số" in body["errors"]["figure.buoi-tuyen-truyen.value"]
    assert "0 đến 100" in body["errors"][f"task.{task_id}.progress"]
    assert "nằm ngoài kỳ báo cáo" in body["errors"][f"task.{task_id}.completed_on"]
    report.refresh_from_db()
    assert report.difficulties == "Thiếu kinh phí in tài liệu."
    assert str(report.figures.get(indicator__code="kinh-phi-chi").value) == "1500000.00"
    assert body["fields"]["figure.kinh-phi-chi.value"] == "1.500.000"


def test_autosave_refuses_garbage_without_a_server_error(client, member, round_h1, people):
    client.force_login(member)
    report = open_report(client, round_h1, people["village"])
    assert client.post(autosave_url(report), "not json",
                       content_type="application/json").status_code == 400
    response = autosave(client, report, 1, {"tasks": ["x"], "figures": {"a": 3},
                                            "difficulties": {"nested": True}})
    assert response.status_code == 200 and response.json()["revision"] == 1


def test_the_form_saves_without_script_and_shows_field_errors(client, member, round_h1, people):
    client.force_login(member)
    report = open_report(client, round_h1, people["village"])
    task_id = report.tasks.first().task_id
    values = form_values(report)
    values.update({"action": "save", f"task.{task_id}.done": "Đã phát 12 tin trên loa.",
                   "figure.tin-bai-truyen-thanh.value": "12",
                   "figure.gio-phat-thanh.value": "-3"})
    response = client.post(page(report), values)
    assert response.status_code == 200  # re-rendered with the error
    text = response.content.decode()
    assert "số liệu không được âm" in text and 'aria-invalid="true"' in text
    report.refresh_from_db()
    assert report.tasks.get(task_id=task_id).done == "Đã phát 12 tin trên loa."
    assert report.figures.get(indicator__code="tin-bai-truyen-thanh").value == 12
    assert f'name="revision" value="{report.revision}"' in text


def test_a_stale_form_shows_the_merge_panel_and_saves_the_choice(client, member, round_h1,
                                                                  people):
    client.force_login(member)
    report = open_report(client, round_h1, people["village"])
    first, second = [row.task_id for row in report.tasks.all()]
    stale = form_values(report)  # the page as a second tab rendered it
    colleague = factories.member(people["village"], role=Role.UNIT_MEMBER,
                                 username="cam-tan.thonmot2")
    services.unit_report_save(report=report, actor=colleague, revision=1, data={
        "tasks": {str(first): {"done": "Bản của đồng nghiệp"},
                  str(second): {"done": "Đồng nghiệp ghi nhiệm vụ 2"}}})
    stale.update({"action": "save", f"task.{first}.done": "Bản của tôi",
                  "proposals": "Đề xuất của tôi"})
    response = client.post(page(report), stale)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Bản của bạn" in text and "Bản đã lưu của" in text and "Lưu bản đã gộp" in text
    assert "Bản của đồng nghiệp" in text and "Bản của tôi" in text
    report.refresh_from_db()
    assert report.tasks.get(task_id=first).done == "Bản của đồng nghiệp"  # nothing overwritten
    assert report.proposals == ""
    # Only the field both changed is a choice; the colleague's task 2 stays theirs.
    assert f'name="clash" value="task.{first}.done"' in text
    assert f'name="clash" value="task.{second}.done"' not in text

    merged = form_values(report)
    merged.update({"action": "merge", "clash": f"task.{first}.done",
                   f"pick.task.{first}.done": "theirs", f"task.{first}.done": "Bản của tôi",
                   "proposals": "Đề xuất của tôi"})
    merged["base"] = json.dumps({k: digest(v) for k, v in form_values(report).items()
                                 if k not in ("revision", "base")})
    response = client.post(page(report), merged)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.tasks.get(task_id=first).done == "Bản của đồng nghiệp"
    assert report.tasks.get(task_id=second).done == "Đồng nghiệp ghi nhiệm vụ 2"
    assert report.proposals == "Đề xuất của tôi"


def test_a_stale_form_that_touched_other_fields_is_merged_without_asking(client, member,
                                                                          round_h1, people):
    client.force_login(member)
    report = open_report(client, round_h1, people["village"])
    first = report.tasks.first().task_id
    stale = form_values(report)
    services.unit_report_save(report=report, actor=member, revision=1,
                              data={"tasks": {str(first): {"done": "Đã lưu từ tab khác"}}})
    stale.update({"action": "save", "difficulties": "Khó khăn mới"})
    assert client.post(page(report), stale).status_code == 302
    report.refresh_from_db()
    assert report.difficulties == "Khó khăn mới"
    assert report.tasks.get(task_id=first).done == "Đã lưu từ tab khác"


def test_submit_checks_then_sends_and_the_page_becomes_read_only(client, member, round_h1,
                                                                 people):
    client.force_login(member)
    report = open_report(client, round_h1, people["village"])
    task_id = report.tasks.first().task_id
    values = form_values(report)
    values.update({"action": "submit", f"task.{task_id}.status": "done",
                   f"task.{task_id}.done": "Hoàn thành tuyên truyền."})
    response = client.post(page(report), values)  # no completion date: not sent
    assert response.status_code == 200
    assert "Hãy ghi ngày hoàn thành" in response.content.decode()
    report.refresh_from_db()
    assert report.status == UnitReportStatus.DRAFT
    assert report.tasks.get(task_id=task_id).done == "Hoàn thành tuyên truyền."  # but saved

    values = form_values(report)
    values.update({"action": "submit", f"task.{task_id}.completed_on": "20/05/2026"})
    response = client.post(page(report), values)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == UnitReportStatus.SUBMITTED and report.versions.count() == 1
    text = client.get(page(report)).content.decode()
    assert "data-ttdn-unit-form" not in text and "Hoàn thành tuyên truyền." in text
    assert "Các phiên bản" in text and "Đã gửi" in text
    assert autosave(client, report, report.revision, {"proposals": "x"}).status_code == 400


def test_a_member_of_another_unit_reaches_nothing(client, other_unit_member, round_h1, people):
    report = submitted_report(round_h1, people)
    client.force_login(other_unit_member)
    assert client.get(page(report)).status_code == 404
    assert client.post(page(report), {"action": "save"}).status_code == 404
    assert autosave(client, report, report.revision, {"proposals": "x"}).status_code == 404
    opening = reverse("reports:unit_report_open", args=[round_h1.pk, people["village"].pk])
    assert client.get(opening).status_code == 403
    assert client.post(opening).status_code == 403
    assert client.get(reverse("reports:round", args=[round_h1.pk])).status_code == 403
    assert client.get(reverse("reports:index")).status_code == 403
    # The police officer of the commune (another unit) does not see it either.
    client.force_login(people[Role.POLICE])
    assert client.get(page(report)).status_code == 404


# The culture officer ----------------------------------------------------------------------------


def test_officer_returns_with_a_comment_then_accepts(client, officer, member, round_h1, people):
    report = submitted_report(round_h1, people)
    client.force_login(officer)
    round_page = reverse("reports:round", args=[round_h1.pk])
    text = client.get(round_page).content.decode()
    assert "Thôn Một" in text and "Tiếp nhận" in text and "Trả lại" in text
    assert "Gửi muộn" in text  # submitted after the H1 deadline

    response = client.post(round_page, {"action": "return", "report": report.pk,
                                        f"r{report.pk}-comment": ""})
    assert response.status_code == 200 and "Hãy ghi ý kiến" in response.content.decode()
    report.refresh_from_db()
    assert report.status == UnitReportStatus.SUBMITTED

    response = client.post(page(report), {"action": "return",
                                          "comment": "Bổ sung số lượt người tham dự."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == UnitReportStatus.RETURNED

    client.force_login(member)
    text = client.get(page(report)).content.decode()
    assert "Báo cáo bị trả lại" in text and "Bổ sung số lượt người tham dự." in text
    assert "data-ttdn-unit-form" in text  # editable again
    values = form_values(report)
    values.update({"action": "submit", "figure.luot-nguoi-tham-du.value": "250"})
    assert client.post(page(report), values).status_code == 302

    client.force_login(officer)
    assert client.post(round_page, {"action": "accept", "report": report.pk}).status_code == 302
    report.refresh_from_db()
    assert report.status == UnitReportStatus.ACCEPTED
    assert [v.status for v in report.versions.all()] == ["submitted", "returned", "submitted",
                                                          "accepted"]
    # The member may not accept their own report.
    client.force_login(member)
    assert client.post(page(report), {"action": "accept"}).status_code in (302, 403)
    report.refresh_from_db()
    assert report.status == UnitReportStatus.ACCEPTED


def test_deadlines_and_ad_hoc_rounds_with_errors_in_vietnamese(client, officer, plan, round_h1):
    client.force_login(officer)
    round_page = reverse("reports:round", args=[round_h1.pk])
    response = client.post(round_page, {"action": "deadlines", "deadline": "2026-06-01",
                                        "commune_deadline": "2026-06-30"})
    assert response.status_code == 200
    assert "không được trước ngày chốt số liệu" in response.content.decode()
    response = client.post(round_page, {"action": "deadlines", "deadline": "2026-06-30",
                                        "commune_deadline": "2026-07-10"})
    assert response.status_code == 302
    round_h1.refresh_from_db()
    assert round_h1.deadline == datetime.date(2026, 6, 30)

    add = reverse("reports:round_add")
    response = client.post(add, {"plan": plan.pk, "kind": "thematic",
                                 "title": "Báo cáo chuyên đề dịp Tết", "starts_on": "2026-01-01",
                                 "ends_on": "2026-02-15", "deadline": "2026-02-01"})
    assert response.status_code == 200 and "không được trước ngày chốt số liệu" in (
        response.content.decode())
    response = client.post(add, {"plan": plan.pk, "kind": "thematic",
                                 "title": "Báo cáo chuyên đề dịp Tết", "starts_on": "2026-01-01",
                                 "ends_on": "2026-02-15", "deadline": "2026-02-20"})
    assert response.status_code == 302
    text = client.get(reverse("reports:index")).content.decode()
    assert "Báo cáo chuyên đề dịp Tết" in text and "Báo cáo 6 tháng đầu năm 2026" in text


def test_drafting_creates_the_commune_report_with_links_to_the_units(client, officer, round_h1,
                                                                      people):
    unit_report = submitted_report(round_h1, people, accept=True)
    client.force_login(officer)
    response = client.post(reverse("reports:round", args=[round_h1.pk]), {"action": "draft"})
    report = CommuneReport.objects.get(round=round_h1)
    assert response["Location"] == reverse("reports:commune_report", args=[report.pk])
    text = client.get(response["Location"]).content.decode()
    assert "KẾT QUẢ THỰC HIỆN" in text and "Nguồn: báo cáo của Thôn Một" in text
    assert reverse("reports:unit_report", args=[unit_report.pk]) in text
    assert "Buổi tuyên truyền, hội nghị phổ biến" in text  # the figures table
    assert "Trình duyệt" in text and "Tệp trao đổi (.json)" in text


def test_commune_report_save_conflict_approval_and_sending(client, officer, round_h1, people):
    from ttdn.reports.drafting import commune_report_draft, figure_rows
    from ttdn.reports.forms import commune_fields, digests

    submitted_report(round_h1, people, accept=True)
    report = commune_report_draft(round_=round_h1, actor=officer)
    url = reverse("reports:commune_report", args=[report.pk])
    values = commune_fields(report, figure_rows(report))
    posted = {**values, "base": digests(values), "revision": report.revision, "action": "save",
              "block.summary": "Sáu tháng đầu năm, xã đã triển khai đầy đủ kế hoạch.",
              "figure.tin-bai-trang-tt": "24", "recipients": "Sở VHTTDL (b/c);\nLưu: VT."}
    client.force_login(officer)
    assert client.post(url, posted).status_code == 302
    report.refresh_from_db()
    summary = next(b for b in report.body if b["id"] == "summary")
    assert summary["text"] == "Sáu tháng đầu năm, xã đã triển khai đầy đủ kế hoạch."
    assert summary["edited"] and report.recipients == ["Sở VHTTDL (b/c);", "Lưu: VT."]
    assert report.figures.get(indicator__code="tin-bai-trang-tt").value == 24

    # The same page posted again (old revision, the same paragraph changed otherwise).
    posted["block.summary"] = "Một bản khác của đoạn tổng quan."
    response = client.post(url, posted)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Báo cáo vừa được người khác lưu" in text
    assert "Sáu tháng đầu năm, xã đã triển khai đầy đủ kế hoạch." in text  # the stored one
    report.refresh_from_db()
    assert next(b for b in report.body if b["id"] == "summary")["text"].startswith("Sáu tháng")

    # Ask for approval; the vice chairman approves, the officer sends it up.
    values = commune_fields(report, figure_rows(report))
    response = client.post(url, {**values, "base": digests(values), "revision": report.revision,
                                 "action": "request_approval"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == CommuneReportStatus.PENDING
    assert "Duyệt" not in client.get(url).content.decode().split("data-ttdn-approve")[0][-50:]
    assert client.post(url, {"action": "approve"}).status_code == 403  # the officer may not

    client.force_login(people[Role.VICE_CHAIRMAN])
    text = client.get(url).content.decode()
    assert "data-ttdn-approve" in text
    assert client.post(url, {"action": "approve"}).status_code == 302
    report.refresh_from_db()
    assert report.status == CommuneReportStatus.APPROVED and report.approved_by_id

    client.force_login(officer)
    assert "data-ttdn-send" in client.get(url).content.decode()
    assert client.post(url, {"action": "send"}).status_code == 302
    report.refresh_from_db()
    assert report.status == CommuneReportStatus.SENT and report.sent_at
    assert [v.status for v in ReportVersion.objects.filter(commune_report=report)] == [
        "pending", "approved", "sent"]


def test_chairman_rejects_with_a_comment_shown_to_the_officer(client, officer, round_h1, people):
    from ttdn.reports.drafting import commune_report_draft

    submitted_report(round_h1, people, accept=True)
    report = commune_report_draft(round_=round_h1, actor=officer)
    report = services.commune_report_request_approval(report=report, actor=officer)
    url = reverse("reports:commune_report", args=[report.pk])
    client.force_login(people[Role.CHAIRMAN])
    response = client.post(url, {"action": "reject", "reject-comment": ""})
    assert response.status_code == 200 and "Hãy ghi ý kiến" in response.content.decode()
    assert client.post(url, {"action": "reject",
                             "reject-comment": "Bổ sung số liệu kinh phí."}).status_code == 302
    client.force_login(officer)
    text = client.get(url).content.decode()
    assert "Lãnh đạo trả lại bản dự thảo" in text and "Bổ sung số liệu kinh phí." in text


def test_files_come_from_the_exporter(client, officer, round_h1, people, monkeypatch):
    report = sent_commune_report(round_h1, people)
    calls = []

    def commune_report_file(*, report, actor, fmt):
        calls.append((report.pk, actor.pk, fmt))
        return b"PK\x03\x04", f"bao-cao-{report.pk}.{fmt}", "application/octet-stream"

    monkeypatch.setattr(exporting, "commune_report_file", commune_report_file)
    client.force_login(officer)
    url = reverse("reports:commune_report", args=[report.pk])
    response = client.get(url, {"format": "docx"})
    assert response.status_code == 200 and response.content == b"PK\x03\x04"
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert calls == [(report.pk, officer.pk, "docx")]
    assert client.get(url, {"format": "exe"}).status_code == 404


# The upper level ---------------------------------------------------------------------------------


def test_upper_level_sees_rolls_up_and_returns(client, upper_level, round_h1, people, world,
                                               monkeypatch):
    report = sent_commune_report(round_h1, people)
    make_plan(world["cam-thach"])  # another commune of the province, which has not sent
    client.force_login(upper_level)
    response = client.get(reverse("reports:upper"), {"period": "2026-H1"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Cẩm Tân" in text and "Cẩm Thạch" in text
    assert 'data-ttdn-state="sent"' in text and 'data-ttdn-state="late"' in text
    assert reverse("reports:commune_report", args=[report.pk]) in text

    response = client.get(reverse("reports:rollup"), {"period": "2026-H1"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Buổi tuyên truyền, hội nghị phổ biến" in text and 'data-ttdn-narrative' in text
    assert 'data-ttdn-rollup-count="1/2"' in text

    monkeypatch.setattr(exporting, "rollup_file",
                        lambda *, rollup, actor, fmt: (b"%PDF", f"tong-hop.{fmt}",
                                                       "application/pdf"))
    download = client.get(reverse("reports:rollup"), {"period": "2026-H1", "format": "pdf"})
    assert download.status_code == 200 and download.content == b"%PDF"

    url = reverse("reports:commune_report", args=[report.pk])
    text = client.get(url).content.decode()
    assert "data-ttdn-upper-decide" in text and "data-ttdn-commune-form" not in text
    response = client.post(url, {"action": "upper_return", "upper-comment": ""})
    assert response.status_code == 200 and "Hãy ghi ý kiến" in response.content.decode()
    assert client.post(url, {"action": "upper_return",
                             "upper-comment": "Bổ sung kết quả tháng 6."}).status_code == 302
    report.refresh_from_db()
    assert report.status == CommuneReportStatus.RETURNED
    assert report.upper_comment == "Bổ sung kết quả tháng 6."
    # An area the user does not oversee is a 404.
    assert client.get(reverse("reports:upper"), {"area": "999999"}).status_code == 404


def test_upper_level_receives(client, upper_level, round_h1, people):
    report = sent_commune_report(round_h1, people)
    client.force_login(upper_level)
    url = reverse("reports:commune_report", args=[report.pk])
    assert client.post(url, {"action": "upper_receive"}).status_code == 302
    report.refresh_from_db()
    assert report.status == CommuneReportStatus.RECEIVED


def test_upper_level_does_not_see_a_report_before_it_is_sent(client, upper_level, officer,
                                                            round_h1, people):
    from ttdn.reports.drafting import commune_report_draft

    submitted_report(round_h1, people, accept=True)
    report = commune_report_draft(round_=round_h1, actor=officer)
    client.force_login(upper_level)
    assert client.get(reverse("reports:commune_report", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:index")).status_code == 403


# Isolation --------------------------------------------------------------------------------------


def test_an_officer_of_another_commune_gets_404_everywhere(client, world, round_h1, people):
    report = sent_commune_report(round_h1, people)
    unit_report = UnitReport.objects.get(round=round_h1)
    outsider = world["cam-thach"][Role.CULTURE_OFFICER]
    client.force_login(outsider)
    urls = [
        reverse("reports:round", args=[round_h1.pk]),
        reverse("reports:unit_report_open", args=[round_h1.pk, people["village"].pk]),
        reverse("reports:unit_report", args=[unit_report.pk]),
        reverse("reports:unit_report_autosave", args=[unit_report.pk]),
        reverse("reports:commune_report", args=[report.pk]),
        reverse("reports:commune_report", args=[report.pk]) + "?format=docx",
    ]
    for url in urls:
        for method in ("get", "post"):
            assert getattr(client, method)(url).status_code == 404, (method, url)
    text = client.get(reverse("reports:index")).content.decode()
    assert "Báo cáo 6 tháng đầu năm 2026" not in text
    assert client.get(reverse("reports:upper")).status_code == 403


# Home panels -------------------------------------------------------------------------------------


def test_home_panels(client, member, round_h1, people):
    report = submitted_report(round_h1, people)
    client.force_login(member)
    text = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Báo cáo kỳ này" in text and page(report) in text
    assert '"ttdn-reports"' in text  # the menu item (in the sidebar's JSON)

    client.force_login(people[Role.CHAIRMAN])
    text = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Tình hình báo cáo định kỳ" in text
    assert 'data-ttdn-panel-sent="1/2"' in text  # the village sent; the officer post did not
    assert "Nhiệm vụ hoàn thành theo đơn vị" in text and "2/2 nhiệm vụ (100%)" in text
    assert "1 đơn vị chưa gửi báo cáo" in text and "Quá hạn:" in text
    assert "Công chức Văn hóa – Xã hội" in text.split("data-ttdn-panel-missing")[1]
    assert "Buổi tuyên truyền, hội nghị phổ biến" in text and "Kỳ này: 3" in text


# Reviews (sơ kết, tổng kết) ------------------------------------------------------------------


def test_review_is_drafted_from_the_period_reports(client, officer, plan, round_h1, people):
    url = reverse("reports:review_add")
    client.force_login(officer)
    response = client.post(url, {"plan": plan.pk, "kind": "interim", "first": "2026-H3",
                                 "last": "2026-H1"})
    assert response.status_code == 200 and "không phải là một kỳ" in response.content.decode()
    response = client.post(url, {"plan": plan.pk, "kind": "interim", "first": "2026-H1",
                                 "last": "2026-H1"})
    assert response.status_code == 200
    assert "chưa có báo cáo kỳ nào của xã được duyệt" in response.content.decode()

    period_report = sent_commune_report(round_h1, people)
    response = client.post(url, {"plan": plan.pk, "kind": "interim", "first": "2026-h1",
                                 "last": "2026-H1"})
    review = CommuneReport.objects.get(kind="interim")
    assert response["Location"] == reverse("reports:commune_report", args=[review.pk])
    text = client.get(response["Location"]).content.decode()
    assert "Báo cáo sơ kết" in text
    assert reverse("reports:commune_report", args=[period_report.pk]) in text  # "Nguồn: …"
    assert "Sơ kết" in client.get(reverse("reports:index")).content.decode()
    # Redrafting a review keeps working through the same page.
    from ttdn.reports.drafting import figure_rows
    from ttdn.reports.forms import commune_fields, digests

    values = commune_fields(review, figure_rows(review))
    response = client.post(response["Location"], {**values, "base": digests(values),
                                                  "revision": review.revision,
                                                  "action": "redraft"})
    assert response.status_code == 302


def test_upper_level_reads_the_round_without_acting(client, upper_level, round_h1, people):
    submitted_report(round_h1, people)
    client.force_login(upper_level)
    url = reverse("reports:round", args=[round_h1.pk])
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Thôn Một" in text and 'value="accept"' not in text and "data-ttdn-draft" not in text
    report = UnitReport.objects.get()
    assert client.post(url, {"action": "accept", "report": report.pk}).status_code == 403
    report.refresh_from_db()
    assert report.status == UnitReportStatus.SUBMITTED
