import datetime
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from tests import factories
from ttdn.core.uploads import UploadError
from ttdn.org.models import Role, Unit
from ttdn.plans import selectors, services
from ttdn.plans.errors import PlanError, PlanImportError
from ttdn.plans.models import (
    DirectiveDocument,
    Evidence,
    Level,
    Plan,
    PlanSection,
    PlanStatus,
    Recurrence,
    Task,
    TaskStatus,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 27)


def test_seed_import_builds_the_plan_its_tasks_and_its_chain(seed_plan, seed_commune):
    plan = seed_plan
    assert plan.status == PlanStatus.DRAFT and plan.version == 1
    assert plan.signer_name == "Hoàng Thị Hợp" and plan.signer_authority == "KT. CHỦ TỊCH"
    assert len(plan.recipients) == 6
    top = PlanSection.objects.filter(plan=plan, parent__isnull=True)
    assert list(top.values_list("number", flat=True)) == ["I", "II", "IV", "V"]
    assert set(top.values_list("role", flat=True)) >= {"purposes", "content", "budget",
                                                       "implementation"}
    symbols = set(plan.legal_bases.values_list("symbol", flat=True))
    assert symbols == {"57-KL/TW", "216/KH-UBND", "34-NQ/TW", "35-NQ/TW", "1191/QĐ-TTg",
                       "348/QĐ-TTg", "162-KH/TU"}
    assert plan.carries_out.symbol == "216/KH-UBND"
    assert plan.carries_out.level == Level.DISTRICT
    assert DirectiveDocument.objects.get(commune=seed_commune, symbol="57-KL/TW").level == (
        Level.CENTRAL)
    # groups 1–5 and 7 name one unit each; group 6 names the departments, mass organisations,
    # villages and agencies: each of them gets its own copy of the four tasks
    per_group = {}
    for task in plan.tasks.all():
        per_group.setdefault(task.assignment_number, set()).add(task.text)
    assert [len(per_group[str(n)]) for n in range(1, 8)] == [5, 2, 1, 2, 2, 4, 3]
    villages = Unit.objects.filter(commune=seed_commune, kind="village")
    for village in villages:
        assert plan.tasks.filter(lead_unit=village, assignment_number="6").count() == 4
    radio = plan.tasks.filter(assignment_number="7").first()
    assert radio.lead_unit.name == "Đài truyền thanh xã"
    fourth = plan.tasks.filter(assignment_number="1").order_by("position")[3]
    assert "Công an xã" in set(fourth.coordinating_units.values_list("name", flat=True))
    assert plan.reporting.filter(frequency="half_year").exists()
    assert plan.reporting.filter(frequency="year").exists()
    assert plan.reporting.first().to_unit.name == "Công chức Văn hóa – Xã hội"
    military = plan.tasks.filter(assignment_number="5").order_by("position").first()
    assert military.legal_basis.symbol == "1191/QĐ-TTg"
    assert plan.import_warnings
    assert ModelLogEntry.objects.filter(action="ttdn.plans.plan.imported").count() == 1


def test_import_is_one_transaction(seed_commune, seed_bytes, officer):
    """A group that matches no unit stops the import: nothing of it is left behind."""
    Unit.objects.filter(commune=seed_commune, name="Công chức Kế toán").delete()
    with pytest.raises(PlanError, match="chưa khớp"):
        services.plan_import(commune=seed_commune, data=seed_bytes, filename="kh.txt",
                             actor=officer)
    assert not Plan.objects.exists()
    assert not DirectiveDocument.objects.exists()
    # offering the missing unit for creation lets the same file in
    plan = services.plan_import(commune=seed_commune, data=seed_bytes, filename="kh.txt",
                                actor=officer, new_units={"Công chức kế toán": "officer_post"})
    # its own group (V.3), and the four tasks of the departments' group (V.6)
    assert plan.tasks.filter(lead_unit__name="Công chức kế toán").count() == 5
    assert plan.tasks.get(assignment_number="3").lead_unit.name == "Công chức kế toán"


def test_only_plan_owners_import(seed_commune, seed_bytes, village_head, police_officer):
    for actor in (village_head, police_officer):
        with pytest.raises(PermissionDenied):
            services.plan_import(commune=seed_commune, data=seed_bytes, filename="kh.txt",
                                 actor=actor)


def test_bad_file_is_a_clear_error_and_saves_nothing(seed_commune, officer):
    with pytest.raises(PlanImportError) as caught:
        services.plan_import(commune=seed_commune, data=b"", filename="trong.txt",
                             actor=officer)
    assert "trống" in caught.value.message
    assert not Plan.objects.exists()


def test_progress_rolls_up_as_a_weighted_average(seed_plan, officer, village_head):
    tasks = list(seed_plan.tasks.filter(lead_unit__name="Thôn Mẫu Một"))
    assert len(tasks) == 4
    services.task_report(task=tasks[0], actor=village_head, status=TaskStatus.DONE,
                         progress=0, today=TODAY)
    services.task_report(task=tasks[1], actor=village_head, status=TaskStatus.IN_PROGRESS,
                         progress=50, today=TODAY)
    progress = selectors.plan_progress(user=officer, plan=seed_plan, today=TODAY)
    total = seed_plan.tasks.count()
    assert progress["overall"].percent == round(150 / total)
    village_row = next(r for r in progress["units"] if r.label == "Thôn Mẫu Một")
    assert (village_row.percent, village_row.done, village_row.tasks) == (38, 1, 4)
    # weight counts: the done task weighs 3 now
    tasks[0].weight = 3
    tasks[0].save()
    progress = selectors.plan_progress(user=officer, plan=seed_plan, today=TODAY)
    village_row = next(r for r in progress["units"] if r.label == "Thôn Mẫu Một")
    assert village_row.percent == round((300 + 50) / 6)
    assert sum(r.tasks for r in progress["sections"]) == total


def test_reporting_belongs_to_the_lead_unit(seed_plan, village_head, police_officer):
    police_task = seed_plan.tasks.filter(lead_unit__name="Công an xã").first()
    with pytest.raises(PermissionDenied):
        services.task_report(task=police_task, actor=village_head, status="done", progress=100)
    occurrence = services.task_report(task=police_task, actor=police_officer,
                                      status="not_started", progress=30, today=TODAY)
    assert (occurrence.status, occurrence.period) == (TaskStatus.IN_PROGRESS, "2026-H2")
    with pytest.raises(PlanError):
        services.task_report(task=police_task, actor=police_officer, status="done",
                             progress=130)


def test_coordinators_contribute_but_do_not_report(seed_plan, police_officer):
    """V.1 bullet 4 is led by the culture officer with the police coordinating."""
    task = seed_plan.tasks.filter(assignment_number="1").order_by("position")[3]
    assert selectors.task_list_visible_to(user=police_officer).filter(pk=task.pk).exists()
    services.comment_add(task=task, actor=police_officer, text="Công an xã đã phối hợp.")
    services.evidence_add(task=task, actor=police_officer, link="https://example.invalid/a")
    with pytest.raises(PermissionDenied):
        services.task_report(task=task, actor=police_officer, status="done", progress=100)


def test_unit_members_see_only_their_units_tasks(seed_plan, village_head, officer):
    visible = selectors.task_list_visible_to(user=village_head)
    assert visible.count() == 4
    assert set(visible.values_list("lead_unit__name", flat=True)) == {"Thôn Mẫu Một"}
    assert selectors.task_list_visible_to(user=officer).count() == seed_plan.tasks.count()
    mine = selectors.my_unit_tasks(user=village_head, today=TODAY)
    assert [s.task.lead_unit.name for s in mine] == ["Thôn Mẫu Một"] * 4


def _pdf_bytes():
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages"
            b"/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _docx_bytes(extra=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_evidence_is_checked_by_content(seed_plan, village_head):
    task = seed_plan.tasks.filter(lead_unit__name="Thôn Mẫu Một").first()
    ok = services.evidence_add(
        task=task, actor=village_head, upload=SimpleUploadedFile("bien-ban.pdf", _pdf_bytes()))
    assert ok.original_name == "bien-ban.pdf" and ok.content_type == "application/pdf"
    assert not ok.file.name.endswith("bien-ban.pdf")  # the server names stored files
    services.evidence_add(task=task, actor=village_head,
                          upload=SimpleUploadedFile("anh.docx", _docx_bytes()))
    refused = {
        "gia.pdf": b"MZ\x90\x00 this is an executable",
        "anh.png": _pdf_bytes(),  # a PDF dressed as an image
        "bom.docx": _docx_bytes({"word/media/big.bin": b"\0" * (120 * 1024 * 1024)}),
        "thoat.docx": _docx_bytes({"../../etc/passwd": "x"}),
        "tranh.svg": b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        "rong.pdf": b"",
    }
    for name, data in refused.items():
        with pytest.raises(UploadError) as caught:
            services.evidence_add(task=task, actor=village_head,
                                  upload=SimpleUploadedFile(name, data))
        assert name in caught.value.message or "giới hạn" in caught.value.message
    assert Evidence.objects.filter(task=task).count() == 2


def test_evidence_size_limit(seed_plan, village_head, settings):
    task = seed_plan.tasks.filter(lead_unit__name="Thôn Mẫu Một").first()
    big = SimpleUploadedFile("lon.pdf", _pdf_bytes() + b"0" * (services.EVIDENCE_MAX_BYTES + 1))
    with pytest.raises(UploadError, match="vượt giới hạn"):
        services.evidence_add(task=task, actor=village_head, upload=big)


def test_one_off_tasks_are_overdue_after_their_due_date(seed_plan, officer):
    village = Unit.objects.get(commune=seed_plan.commune, name="Thôn Mẫu Hai")
    task = services.task_save(
        task=Task(plan=seed_plan, text="Tổ chức hội nghị quán triệt Kết luận 57 ở thôn.",
                  lead_unit=village, recurrence=Recurrence.ONE_OFF,
                  due_on=datetime.date(2026, 11, 20)),
        actor=officer, coordinating_units=[],
    )
    state = selectors.state_of(task, TODAY)
    assert state.overdue and state.period == "once"
    with pytest.raises(PlanError, match="hạn"):
        services.task_save(task=Task(plan=seed_plan, text="x", lead_unit=village,
                                     recurrence=Recurrence.ONE_OFF), actor=officer)


def test_tasks_cannot_be_given_to_another_communes_unit(seed_plan, officer, world):
    foreign = world["cam-thach"]["village"]
    with pytest.raises(PlanError):
        services.task_save(task=Task(plan=seed_plan, text="x", lead_unit=foreign),
                           actor=officer)


def test_issuing_supersedes_the_previous_version(seed_plan, seed_commune, seed_bytes, officer):
    services.plan_issue(plan=seed_plan, actor=officer)
    second = services.plan_import(commune=seed_commune, data=seed_bytes, filename="v2.txt",
                                  actor=officer, supersedes=seed_plan)
    assert second.version == 2
    services.plan_issue(plan=second, actor=officer, symbol="12/KH – UBND",
                        issued_on=TODAY)
    seed_plan.refresh_from_db()
    second.refresh_from_db()
    assert seed_plan.status == PlanStatus.SUPERSEDED
    assert (second.status, second.symbol) == (PlanStatus.ISSUED, "12/KH-UBND")
    with pytest.raises(PlanError):
        services.plan_issue(plan=second, actor=officer)


def test_directive_chain_and_loops(seed_commune, officer):
    top = services.directive_save(directive=DirectiveDocument(
        commune=seed_commune, symbol="57- KL/TW", level=Level.CENTRAL), actor=officer)
    assert (top.symbol, top.kind, top.number, top.issuer_code) == ("57-KL/TW", "KL", "57", "TW")
    child = services.directive_save(directive=DirectiveDocument(
        commune=seed_commune, symbol="162-KH/TU", level=Level.PROVINCE, carries_out=top),
        actor=officer)
    assert [d.symbol for d in child.chain()] == ["57-KL/TW", "162-KH/TU"]
    top.carries_out = child
    with pytest.raises(PlanError, match="vòng lặp"):
        services.directive_save(directive=top, actor=officer)
    with pytest.raises(PlanError, match="không phải số"):
        services.directive_save(directive=DirectiveDocument(
            commune=seed_commune, symbol="Kết luận", level=Level.CENTRAL), actor=officer)


def test_every_write_is_audited(seed_plan, village_head):
    task = seed_plan.tasks.filter(lead_unit__name="Thôn Mẫu Một").first()
    services.task_report(task=task, actor=village_head, status="in_progress", progress=20)
    services.comment_add(task=task, actor=village_head, text="Đã họp thôn.")
    actions = set(ModelLogEntry.objects.filter(user=village_head).values_list("action",
                                                                                flat=True))
    assert actions == {"ttdn.plans.task.reported", "ttdn.plans.task.commented"}
    entry = ModelLogEntry.objects.get(action="ttdn.plans.task.reported")
    assert entry.data["commune_id"] == seed_plan.commune_id
    assert entry.data["changes"]["progress"] == [0, 20]


def test_a_member_of_another_commune_sees_nothing(seed_plan, world):
    outsider = factories.member(world["cam-thach"]["office"], role=Role.CULTURE_OFFICER,
                                username="ngoai")
    assert not selectors.task_list_visible_to(user=outsider).exists()
    assert not selectors.plan_list_visible_to(user=outsider).exists()
    assert not selectors.directive_list_visible_to(user=outsider).exists()


def test_only_drafts_are_deleted_and_tasks_with_results_stay(seed_plan, officer, village_head):
    task = seed_plan.tasks.filter(lead_unit__name="Thôn Mẫu Một").first()
    services.task_report(task=task, actor=village_head, status="in_progress", progress=10)
    with pytest.raises(PlanError, match="không xóa được"):
        services.task_delete(task=task, actor=officer)
    untouched = seed_plan.tasks.filter(lead_unit__name="Thôn Mẫu Hai").first()
    with pytest.raises(PermissionDenied):
        services.task_delete(task=untouched, actor=village_head)
    services.task_delete(task=untouched, actor=officer)
    services.plan_issue(plan=seed_plan, actor=officer)
    with pytest.raises(PlanError, match="dự thảo"):
        services.plan_delete(plan=seed_plan, actor=officer)
    seed_plan.status = PlanStatus.DRAFT
    seed_plan.save()
    services.plan_delete(plan=seed_plan, actor=officer)
    assert not Plan.objects.exists() and not Task.objects.exists()
    assert ModelLogEntry.objects.filter(action="ttdn.plans.plan.deleted").count() == 1
