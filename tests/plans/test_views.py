import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from ttdn.org.models import Unit
from ttdn.plans.models import Evidence, Plan, TaskOccurrence

from .test_services import _pdf_bytes

pytestmark = pytest.mark.django_db


def test_import_upload_preview_confirm(client, officer, seed_commune, seed_bytes):
    Unit.objects.filter(commune=seed_commune, name="Đài truyền thanh xã").delete()
    client.force_login(officer)
    url = reverse("plans:import")
    assert client.get(url).status_code == 200
    response = client.post(url, {"commune": seed_commune.pk,
                                 "file": SimpleUploadedFile("ke-hoach.txt", seed_bytes)})
    page = response.content.decode()
    assert response.status_code == 200 and "data-ttdn-import-preview" in page
    assert "Đòi truyền thanh xã" in page  # offered for creation
    assert not Plan.objects.exists()  # a preview saves nothing
    token = response.context["token"]
    formset = response.context["formset"]
    data = {"token": token, "form-TOTAL_FORMS": len(formset.forms),
            "form-INITIAL_FORMS": len(formset.forms)}
    for n, form in enumerate(formset.forms):
        data |= {f"form-{n}-name": form.initial["name"], f"form-{n}-kind": "radio_station",
                 f"form-{n}-create": "on"}
    response = client.post(url, data)
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == reverse("plans:overview",
                                                                   args=[plan.pk])
    assert plan.tasks.filter(assignment_number="7").count() == 3
    # the staged file is gone; replaying the token is refused politely
    response = client.post(url, data, follow=True)
    assert "hết hạn" in response.content.decode()
    assert Plan.objects.count() == 1


def test_import_refuses_a_corrupt_docx_with_a_message(client, officer, seed_commune):
    client.force_login(officer)
    response = client.post(reverse("plans:import"), {
        "commune": seed_commune.pk, "file": SimpleUploadedFile("hong.docx", b"PK\x03\x04rac")})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Plan.objects.exists()


def test_overview_tasks_and_docx_export(client, officer, seed_plan):
    client.force_login(officer)
    page = client.get(reverse("plans:overview", args=[seed_plan.pk])).content.decode()
    for text in ("216/KH-UBND", "Hoàng Thị Hợp", "data-ttdn-plan-progress", "Thôn Mẫu Một"):
        assert text in page
    listing = client.get(reverse("plans:tasks", args=[seed_plan.pk]),
                         {"unit": Unit.objects.get(name="Công an xã").pk})
    # leads its 2 (V.4) and the departments' 4 (V.6), coordinates 1 (V.1 bullet 4)
    assert listing.content.decode().count("data-ttdn-task=") == 7
    response = client.get(reverse("plans:export_docx", args=[seed_plan.pk]))
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "TỔ CHỨC THỰC HIỆN" in text


def test_village_head_reports_and_uploads_evidence(client, village_head, seed_plan):
    task = seed_plan.tasks.filter(lead_unit__name="Thôn Mẫu Một").first()
    client.force_login(village_head)
    url = reverse("tasks:detail", args=[task.pk])
    assert client.post(url, {"action": "report", "status": "in_progress",
                             "progress": "60"}).status_code == 302
    assert TaskOccurrence.objects.get(task=task).progress == 60
    response = client.post(url, {"action": "evidence", "note": "Biên bản họp thôn",
                                 "file": SimpleUploadedFile("bien-ban.pdf", _pdf_bytes())})
    assert response.status_code == 302
    response = client.post(url, {"action": "evidence",
                                 "file": SimpleUploadedFile("gia.pdf", b"not a pdf at all")})
    assert response.status_code == 200 and "không phải là PDF" in response.content.decode()
    evidence = Evidence.objects.get(task=task)
    download = client.get(reverse("tasks:evidence", args=[task.pk, evidence.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith(
        "attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_other_units_cannot_reach_a_task_or_its_evidence(client, village_head, police_officer,
                                                        seed_plan):
    task = seed_plan.tasks.filter(lead_unit__name="Thôn Mẫu Một").first()
    client.force_login(village_head)
    client.post(reverse("tasks:detail", args=[task.pk]), {
        "action": "evidence", "file": SimpleUploadedFile("a.pdf", _pdf_bytes())})
    evidence = Evidence.objects.get(task=task)
    client.force_login(police_officer)
    assert client.get(reverse("tasks:detail", args=[task.pk])).status_code == 404
    assert client.get(reverse("tasks:evidence", args=[task.pk, evidence.pk])).status_code == 404
    own = seed_plan.tasks.filter(lead_unit__name="Công an xã").first()
    # an evidence id under a task the user may see, but belonging to another task: 404
    assert client.get(reverse("tasks:evidence", args=[own.pk, evidence.pk])).status_code == 404


def _confirm_data(response):
    formset = response.context["formset"]
    return {"token": response.context["token"], "form-TOTAL_FORMS": len(formset.forms),
            "form-INITIAL_FORMS": len(formset.forms)}


def test_import_as_a_new_version(client, officer, seed_plan, seed_bytes):
    client.force_login(officer)
    url = reverse("plans:import")
    response = client.post(url, {"commune": seed_plan.commune_id, "supersedes": seed_plan.pk,
                                 "file": SimpleUploadedFile("v2.txt", seed_bytes)})
    client.post(url, _confirm_data(response))
    second = Plan.objects.exclude(pk=seed_plan.pk).get()
    assert (second.supersedes, second.version) == (seed_plan, 2)
    # a plan that already has a successor cannot be superseded twice
    response = client.post(url, {"commune": seed_plan.commune_id, "supersedes": seed_plan.pk,
                                 "file": SimpleUploadedFile("v3.txt", seed_bytes)})
    assert response.context["form"].errors["supersedes"]


def test_a_50_mb_file_is_refused_with_its_size(client, officer, seed_commune):
    client.force_login(officer)
    big = SimpleUploadedFile("ke-hoach.txt", b"a" * (50 * 1024 * 1024))
    response = client.post(reverse("plans:import"), {"commune": seed_commune.pk, "file": big})
    assert response.status_code == 200
    assert "50" in " ".join(response.context["form"].errors["file"])
    assert not Plan.objects.exists()


def test_extra_fields_change_nothing(client, village_head, seed_plan, world):
    """Mass assignment: a report carrying lead unit, plan or weight changes only progress."""
    task = seed_plan.tasks.filter(lead_unit__name="Thôn Mẫu Một").first()
    before = (task.lead_unit_id, task.plan_id, task.weight, task.text)
    client.force_login(village_head)
    client.post(reverse("tasks:detail", args=[task.pk]), {
        "action": "report", "status": "in_progress", "progress": "20",
        "lead_unit": world["cam-thach"]["village"].pk, "plan": 999, "weight": 50,
        "text": "đã bị sửa", "commune": world["cam-thach"]["commune"].pk})
    task.refresh_from_db()
    assert (task.lead_unit_id, task.plan_id, task.weight, task.text) == before
    assert TaskOccurrence.objects.get(task=task).progress == 20


def test_directive_attachment_is_checked_and_scoped(client, officer, seed_plan, world):
    from ttdn.plans.models import DirectiveDocument

    directive = DirectiveDocument.objects.get(commune=seed_plan.commune, symbol="57-KL/TW")
    client.force_login(officer)
    edit = reverse("directives:edit", args=[directive.pk])
    data = {"symbol": directive.symbol, "level": directive.level, "title": "Kết luận 57",
            "issuing_body": "Bộ Chính trị", "issued_on": "2023-06-15", "link": ""}
    response = client.post(edit, {**data, "attachment": SimpleUploadedFile(
        "kl57.pdf", b"<html>not a pdf</html>")})
    assert response.status_code == 200 and "không phải là PDF" in response.content.decode()
    response = client.post(edit, {**data, "attachment": SimpleUploadedFile(
        "kl57.pdf", _pdf_bytes())})
    assert response.status_code == 302
    directive.refresh_from_db()
    assert directive.attachment.name.startswith("directives/")
    assert "kl57" not in directive.attachment.name
    download = client.get(reverse("directives:attachment", args=[directive.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    client.force_login(world["cam-thach"]["culture_officer"])
    assert client.get(reverse("directives:attachment", args=[directive.pk])).status_code == 404


def test_unconfirmed_uploads_are_purged_after_a_day(client, officer, seed_commune, seed_bytes):
    import os
    import time

    from ttdn.plans.models import private_storage

    client.force_login(officer)
    url = reverse("plans:import")
    storage = private_storage()

    def staged():
        return set(storage.listdir("imports")[1]) if storage.exists("imports") else set()

    before = staged()
    client.post(url, {"commune": seed_commune.pk, "file": SimpleUploadedFile("a.txt", seed_bytes)})
    (first,) = staged() - before
    old = time.time() - 2 * 86400
    os.utime(storage.path(f"imports/{first}"), (old, old))
    client.post(url, {"commune": seed_commune.pk, "file": SimpleUploadedFile("b.txt", seed_bytes)})
    assert first not in staged() and len(staged() - before) == 1


def test_the_directive_screen_shows_its_chain(client, officer, seed_plan):
    from ttdn.plans.models import DirectiveDocument

    # the import read "Kế hoạch 162-KH/TU … về thực hiện Kết luận số 57-KL/TW" from the text
    directive = DirectiveDocument.objects.get(commune=seed_plan.commune, symbol="162-KH/TU")
    client.force_login(officer)
    page = client.get(reverse("directives:inspect", args=[directive.pk])).content.decode()
    assert "57-KL/TW → 162-KH/TU" in page and "Chuỗi văn bản thực hiện" in page
