"""Timers per case, figures per reporting period, and the evidence package of a case."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from ttdn.cases import evidence, figures, packages, services
from ttdn.cases.models import Case, TakedownStatus, Tip
from ttdn.core.errors import PermissionDeniedError
from ttdn.org.models import Role

pytestmark = pytest.mark.django_db

RUMOUR = "Cầu treo thôn Mẫu Một sập chiều 3/3/2026, 5 người bị thương."


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), "navy").save(buffer, format="PNG")
    return SimpleUploadedFile("anh.png", buffer.getvalue(), "image/png")


def _handled_case(file_tip, world, officer, *, hours):
    """A case walked through the whole workflow, its timestamps set ``hours`` apart."""
    tip = file_tip(RUMOUR, files=[_png()], platform="facebook",
                   links=("https://facebook.com/post/1",))
    case = tip.case
    case = services.case_triage(case=case, actor=officer, category="false", severity="high")
    case = services.case_assign(case=case, actor=officer, lead_unit=world["cam-tan"]["village"])
    case = services.case_start_verifying(case=case, actor=officer)
    case = services.case_verdict(case=case, actor=officer, verdict="false",
                                 summary="Cầu vẫn an toàn.")
    services.clarification_save(case=case, actor=officer, title="Cầu không sập",
                                body="Thông tin cầu treo bị sập là sai sự thật.")
    case = services.case_respond(case=case, actor=officer)
    opened = timezone.make_aware(datetime.datetime(2026, 3, 3, 8, 0))
    Case.objects.filter(pk=case.pk).update(
        opened_at=opened,
        triaged_at=opened + datetime.timedelta(hours=hours[0]),
        verdict_at=opened + datetime.timedelta(hours=hours[1]),
        responded_at=opened + datetime.timedelta(hours=hours[2]),
    )
    Tip.objects.filter(case=case).update(created_at=opened)
    case.refresh_from_db()
    return case


def test_timers_and_period_figures(file_tip, world, officer):
    case = _handled_case(file_tip, world, officer, hours=(2, 30, 50))
    police = world["cam-tan"][Role.POLICE]
    services.case_escalate(case=case, actor=officer, commune=case.commune, reason="Lan truyền")
    services.takedown_save(case=case, actor=police, commune=case.commune, platform="facebook",
                           url="https://facebook.com/post/1", status=TakedownStatus.REMOVED,
                           sent_on=datetime.date(2026, 3, 4), resolved_on=datetime.date(2026, 3, 5))
    timers = {t.name: t for t in figures.case_timers(case)}
    assert timers["triage"].hours == 2 and not timers["triage"].late
    assert timers["response"].hours == 30 and not timers["response"].late  # target 72 h
    assert timers["takedown"].hours == 52  # noon on the day it was removed
    result = figures.period_figures(case.commune_id, "2026-H1")
    assert result["cases"] == 1 and result["tips"] == 1
    assert result["by_category"]["false"] == 1 and result["by_verdict"]["false"] == 1
    assert result["by_platform"]["facebook"] == 1 and result["by_channel"]["portal"] == 1
    assert result["escalated"] == 1 and result["takedowns_removed"] == 1
    assert result["median_hours"] == {"triage": 2.0, "response": 30.0, "clarification": 50.0,
                                      "takedown": 52.0}
    other = figures.period_figures(world["cam-thach"]["commune"].pk, "2026-H1")
    assert other["cases"] == 0


def test_a_late_case_is_flagged(file_tip, officer):
    case = file_tip(RUMOUR).case
    later = case.opened_at + datetime.timedelta(hours=25)
    timers = {t.name: t for t in figures.case_timers(case, now=later)}
    assert timers["triage"].late and timers["triage"].running_hours == 25
    assert not timers["takedown"].late  # no takedown requested: that timer does not run


def test_the_evidence_package_is_sealed_and_holds_only_the_communes_own_tips(
    file_tip, world, officer
):
    case = _handled_case(file_tip, world, officer, hours=(1, 2, 3))
    file_tip("Nghe nói " + RUMOUR, commune="cam-thach")  # joins the shared case
    services.note_add(case=case, actor=officer, kind="check", text="Đã hỏi trưởng thôn.")
    name, content_type, blob = packages.evidence_package(case, officer, "zip")
    assert name.endswith(".zip") and content_type == "application/zip"
    assert evidence.verify(blob).ok
    manifest = zipfile.ZipFile(io.BytesIO(blob)).read("manifest.json").decode()
    assert "Đã hỏi trưởng thôn." in manifest and "Nghe nói" not in manifest
    assert "navy" not in manifest
    _, _, pdf = packages.evidence_package(case, officer, "pdf")
    assert pdf.startswith(b"%PDF") and evidence.verify(pdf).ok
    with pytest.raises(PermissionDeniedError):
        packages.evidence_package(case, world["cam-tan"][Role.OFFICE_STAFF], "zip")
