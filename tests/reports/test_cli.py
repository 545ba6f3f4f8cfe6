"""``ttdn report consolidate|rollup`` and ``ttdn notify-reports`` on the demo commune."""

import datetime
import io
import json
import zipfile

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from ttdn.core.demo import run_steps
from ttdn.org.demo import load_demo
from ttdn.org.models import User
from ttdn.reports import services
from ttdn.reports.models import CommuneReportStatus, ReportReminder, UnitReport
from ttdn.reports.reminders import notify_reports


@pytest.fixture
def demo(db):
    load_demo()
    run_steps()
    report = UnitReport.objects.filter(status="accepted").select_related("round").first()
    return report.round


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode()


@pytest.mark.portal  # the demo's steps include the portal's
def test_consolidate_writes_each_format(demo, tmp_path):
    out = tmp_path / "bao-cao.docx"
    call_command("report", "consolidate", "--commune", "15178", "--period", demo.period,
                 "--out", str(out), stdout=io.StringIO())
    text = _docx_text(out.read_bytes())
    assert "BÁO CÁO" in text and "KẾT QUẢ THỰC HIỆN" in text
    assert "Đài truyền thanh xã" in text  # a paragraph taken from an accepted unit report
    call_command("report", "consolidate", "--commune", "15178", "--period", demo.period,
                 "--out", str(tmp_path / "so-lieu.xlsx"), stdout=io.StringIO())
    sheet = load_workbook(tmp_path / "so-lieu.xlsx").active
    values = {row[1]: row[3] for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert values["Tin, bài phát trên đài truyền thanh"] == 148
    call_command("report", "consolidate", "--commune", "15178", "--period", demo.period,
                 "--out", str(tmp_path / "trao-doi.json"), stdout=io.StringIO())
    exchange = json.loads((tmp_path / "trao-doi.json").read_text())
    assert exchange["format"] == "ttdn.report/1"
    assert exchange["commune"]["code"] == 15178
    assert any(f["code"] == "luot-nguoi-tham-du" and f["value"] == "1250.00"
               for f in exchange["figures"])


@pytest.mark.parametrize(("period", "out", "message"), [
    ("2019-H1", "x.docx", "không có kỳ báo cáo 2019-H1"),
    ("2026-H3", "x.docx", "không hợp lệ"),
    ("2026-H1", "x.odt", "định dạng"),
])
def test_consolidate_refuses_bad_requests(cam_tan, admin_user, tmp_path, period, out, message):
    out = tmp_path / out
    with pytest.raises(CommandError, match=message):
        call_command("report", "consolidate", "--commune", "15178", "--period", period,
                     "--out", str(out))
    assert not out.exists()


@pytest.mark.portal  # the demo's steps include the portal's
def test_rollup_needs_a_sent_report_then_sums_it(demo, tmp_path):
    out = tmp_path / "tong-hop.xlsx"
    with pytest.raises(CommandError, match="chưa có xã nào"):
        call_command("report", "rollup", "--area", "38", "--period", demo.period,
                     "--out", str(out))
    officer = User.objects.get(username="camtan.vanhoa")
    from ttdn.reports.drafting import commune_report_draft

    report = commune_report_draft(round_=demo, actor=officer)
    report = services.commune_report_request_approval(report=report, actor=officer)
    report = services.commune_report_approve(
        report=report, actor=User.objects.get(username="camtan.phochutich"))
    report = services.commune_report_send(report=report, actor=officer)
    assert report.status == CommuneReportStatus.SENT
    call_command("report", "rollup", "--area", "38", "--period", demo.period, "--out", str(out),
                 stdout=io.StringIO())
    book = load_workbook(out)
    totals = {row[1]: row[3] for row in book.worksheets[0].iter_rows(min_row=5,
                                                                       values_only=True)}
    assert totals["Tin, bài phát trên đài truyền thanh"] == 148
    statuses = [row[2] for row in book.worksheets[2].iter_rows(min_row=5, values_only=True)]
    assert "Đã gửi" in statuses
    call_command("report", "rollup", "--area", "38", "--period", demo.period,
                 "--out", str(tmp_path / "tong-hop.docx"), stdout=io.StringIO())
    assert "TỔNG HỢP" in _docx_text((tmp_path / "tong-hop.docx").read_bytes()).upper()


@pytest.mark.portal  # the demo's steps include the portal's
def test_reminders_once_per_unit_and_threshold(demo, django_capture_on_commit_callbacks):
    before = demo.deadline - datetime.timedelta(days=1)
    first = notify_reports(today=before)
    assert first.due_soon > 0 and first.overdue == 0
    sent_units = set(demo.unit_reports.filter(status__in=["submitted", "accepted"])
                     .values_list("unit_id", flat=True))
    reminded = set(ReportReminder.objects.filter(round=demo).values_list("unit_id", flat=True))
    assert reminded and not reminded & sent_units
    assert notify_reports(today=before).due_soon == 0  # never twice
    with django_capture_on_commit_callbacks(execute=True):
        late = notify_reports(today=demo.deadline + datetime.timedelta(days=1))
    assert late.overdue == first.due_soon  # the same units (of every round due) once more
    assert any("Quá hạn nộp báo cáo" in message.subject for message in mail.outbox)
