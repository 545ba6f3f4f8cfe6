"""Writes of directive documents, plans and tasks. Each checks the policy, saves in one
transaction and leaves an audit entry."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import audit
from ttdn.core.errors import PermissionDeniedError
from ttdn.core.text import fold_key, nfc
from ttdn.core.uploads import inspect_upload
from ttdn.org.models import Commune, Unit, UnitKind
from ttdn.org.services import unit_create

from . import symbols
from .document import PlanDocument, Section, UnitRef
from .errors import PlanError
from .models import (
    Comment,
    DirectiveDocument,
    Evidence,
    Level,
    Plan,
    PlanSection,
    PlanStatus,
    ReportingRequirement,
    Task,
    TaskOccurrence,
    TaskStatus,
)
from .permissions import directive_policy, plan_policy, task_policy
from .signals import plan_issued

EVIDENCE_MAX_BYTES = 20 * 1024 * 1024


def _require(policy, actor, action, instance):
    if not policy.user_has_permission_for_instance(actor, action, instance):
        raise PermissionDeniedError(_("Bạn không có quyền thực hiện thao tác này."))


def _validate(instance, *, exclude=None):
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise PlanError("; ".join(exc.messages), extra={"errors": exc.message_dict}) from exc


def _clean(text: str) -> str:
    return " ".join(nfc(text or "").split())


# Directive documents ---------------------------------------------------------------------

_LEVEL_BY_ISSUER = [
    (re.compile(r"\b(tw|ttg|cp|bct|bbt|qh|ubtvqh)\b"), Level.CENTRAL),
    (re.compile(r"trung uong|bo chinh tri|ban bi thu|thu tuong|chinh phu|quoc hoi|\bbo\b"),
     Level.CENTRAL),
    (re.compile(r"\b(tu)\b|tinh uy|tinh"), Level.PROVINCE),
    (re.compile(r"\b(hu)\b|huyen"), Level.DISTRICT),
]


def guess_level(symbol: symbols.DocumentSymbol | None, issuing_body: str) -> str:
    """The level of a document from its issuer code and the body the text names."""
    haystack = fold_key(f"{symbol.issuer if symbol else ''} {issuing_body}")
    for pattern, level in _LEVEL_BY_ISSUER:
        if pattern.search(haystack):
            return level
    return Level.COMMUNE


def _directive_fields(directive: DirectiveDocument) -> None:
    parsed = symbols.parse(directive.symbol)
    if parsed is None:
        raise PlanError(
            _("“%(symbol)s” không phải số, ký hiệu văn bản (ví dụ: 57-KL/TW, 216/KH-UBND).")
            % {"symbol": directive.symbol}, field="symbol",
        )
    directive.symbol = str(parsed)
    directive.number, directive.kind, directive.issuer_code = (
        parsed.number, parsed.kind, parsed.issuer
    )


def directive_save(*, directive: DirectiveDocument, actor) -> DirectiveDocument:
    """Create or update a directive document; the symbol is parsed into its parts."""
    creating = directive.pk is None
    _require(directive_policy, actor, "add" if creating else "change", directive)
    _directive_fields(directive)
    for field in ("issuing_body", "title"):
        setattr(directive, field, _clean(getattr(directive, field)))
    if directive.carries_out_id and directive.carries_out.commune_id != directive.commune_id:
        raise PlanError(_("Văn bản cấp trên phải thuộc cùng xã."), field="carries_out")
    if directive.carries_out_id and directive.pk and directive.pk in {
        d.pk for d in directive.carries_out.chain()
    }:
        raise PlanError(_("Liên kết “thực hiện văn bản” tạo thành vòng lặp."),
                        field="carries_out")
    _validate(directive)
    with transaction.atomic():
        before = None if creating else audit.snapshot(
            DirectiveDocument.objects.get(pk=directive.pk))
        directive.save()
        audit.record(
            instance=directive, actor=actor, commune_id=directive.commune_id,
            action=f"ttdn.plans.directive.{'created' if creating else 'updated'}",
            before=before, after=audit.snapshot(directive),
        )
    return directive


def directive_delete(*, directive: DirectiveDocument, actor) -> None:
    _require(directive_policy, actor, "delete", directive)
    if directive.plans.exists() or directive.carried_out_by.exists():
        raise PlanError(_("Không thể xóa: có kế hoạch hoặc văn bản khác đang thực hiện văn bản "
                          "này."))
    with transaction.atomic():
        audit.record(instance=directive, action="ttdn.plans.directive.deleted", actor=actor,
                     commune_id=directive.commune_id, before=audit.snapshot(directive),
                     deleted=True)
        directive.delete()


# Import ----------------------------------------------------------------------------------

_KIND_BY_NAME = [
    (re.compile(r"^(thon|ban|bon|to dan pho|khu pho|khu dan cu|xom|ap)\b"), UnitKind.VILLAGE),
    (re.compile(r"mat tran|doan thanh nien|hoi |cong doan|doan the"), UnitKind.MASS_ORGANISATION),
    (re.compile(r"cong an"), UnitKind.POLICE),
    (re.compile(r"quan su"), UnitKind.MILITARY),
    (re.compile(r"truyen thanh|phat thanh"), UnitKind.RADIO_STATION),
    (re.compile(r"van phong"), UnitKind.OFFICE),
    (re.compile(r"cong chuc"), UnitKind.OFFICER_POST),
]


def guess_unit_kind(name: str) -> str:
    """The most likely kind of a unit the plan names but the commune has not registered."""
    key = fold_key(name)
    for pattern, kind in _KIND_BY_NAME:
        if pattern.search(key):
            return kind
    return UnitKind.AGENCY


def unit_refs(commune: Commune) -> list[UnitRef]:
    return [UnitRef(u.name, u.kind) for u in Unit.objects.filter(commune=commune, is_active=True)]


def read_plan_file(*, commune: Commune, data: bytes, filename: str, actor) -> PlanDocument:
    """Parse an uploaded plan against the commune's units: the preview, nothing saved."""
    from .importer import read_plan

    _require(plan_policy, actor, "add", Plan(commune=commune))
    return read_plan(data, filename, unit_refs(commune))


def plan_import(*, commune: Commune, data: bytes, filename: str, actor,
                new_units: dict[str, str] | None = None, supersedes: Plan | None = None) -> Plan:
    """Import a plan file in one transaction: the units chosen for creation, the directive
    documents it cites, the plan with its sections, reporting schedule and tasks."""
    from .importer import read_plan

    _require(plan_policy, actor, "add", Plan(commune=commune))
    if supersedes is not None and supersedes.commune_id != commune.pk:
        raise PlanError(_("Kế hoạch được thay thế phải thuộc cùng xã."))
    if supersedes is not None and Plan.objects.filter(supersedes=supersedes).exists():
        raise PlanError(_("Kế hoạch này đã có phiên bản mới; hãy chọn phiên bản mới nhất."))
    with transaction.atomic():
        for name, kind in (new_units or {}).items():
            unit_create(commune=commune, name=name, kind=kind, actor=actor)
        document = read_plan(data, filename, unit_refs(commune))
        plan = _plan_from_document(commune, document, actor, filename, supersedes)
    return plan


def _plan_from_document(commune, document: PlanDocument, actor, filename, supersedes) -> Plan:
    directives = _directives_from_document(commune, document, actor)
    header, signature = document.header, document.signature
    symbol = symbols.parse(header.symbol) if header.symbol else None
    plan = Plan(
        commune=commune, doc_type=_clean(document.doc_type) or "KẾ HOẠCH",
        title=_clean(document.summary)[:500] or _("(chưa có trích yếu)"),
        symbol=str(symbol) if symbol else _clean(header.symbol),
        parent_body=_clean(header.parent_body), issuing_body=_clean(header.issuing_body),
        place=_clean(header.place), issued_on=header.date,
        preamble=[_clean(p) for p in document.preamble], closing=_clean(document.closing),
        recipients=[_clean(r) for r in document.recipients],
        signer_authority=_clean(signature.authority), signer_title=_clean(signature.title),
        signer_name=_clean(signature.name), source_name=filename[:200],
        import_warnings=list(document.warnings), created_by=actor,
        carries_out=_carried_out(document, directives),
        supersedes=supersedes, version=(supersedes.version + 1) if supersedes else 1,
    )
    _validate(plan, exclude=["created_by"])
    plan.save()
    plan.legal_bases.set(directives.values())
    sections = _save_sections(plan, document.sections)
    units = {u.name: u for u in Unit.objects.filter(commune=commune)}
    for requirement in document.reporting:
        ReportingRequirement.objects.create(
            plan=plan, frequency=requirement.frequency, to_text=_clean(requirement.to)[:300],
            to_unit=units.get(requirement.to_unit) if requirement.to_unit else None,
        )
    task_count = _save_tasks(plan, document, sections, units, directives)
    audit.record(
        instance=plan, action="ttdn.plans.plan.imported", actor=actor, commune_id=commune.pk,
        after=audit.snapshot(plan),
        extra={"source": filename, "tasks": task_count, "warnings": len(document.warnings)},
    )
    return plan


def _directives_from_document(commune, document, actor) -> dict[str, DirectiveDocument]:
    """The cited documents, found by symbol or registered; blanks of existing ones filled."""
    found = {}
    for basis in document.legal_bases:
        parsed = symbols.parse(basis.symbol)
        if parsed is None:
            continue
        directive = DirectiveDocument.objects.filter(commune=commune, symbol=str(parsed)).first()
        if directive is None:
            directive = DirectiveDocument(
                commune=commune, symbol=str(parsed), issued_on=basis.date,
                issuing_body=_clean(basis.issuer)[:200], title=_clean(basis.title)[:500],
                level=guess_level(parsed, basis.issuer),
            )
            directive_save(directive=directive, actor=actor)
        found[str(parsed)] = directive
    # "Kế hoạch 162-KH/TU … về thực hiện Kết luận 57-KL/TW": the title names what it carries out.
    for basis in document.legal_bases:
        directive = found.get(str(symbols.parse(basis.symbol) or ""))
        if directive is None or directive.carries_out_id:
            continue
        for cited in symbols.SYMBOL_IN_TEXT_RE.findall(basis.title or ""):
            parent = found.get(str(symbols.parse(cited) or ""))
            if parent is not None and parent.pk != directive.pk:
                directive.carries_out = parent
                directive_save(directive=directive, actor=actor)
                break
    return found


def _carried_out(document: PlanDocument, directives) -> DirectiveDocument | None:
    """What the plan carries out: of the documents its opening cites, the nearest level."""
    opening = " ".join([document.summary, *document.preamble])
    cited = [
        directives[str(parsed)]
        for text in symbols.SYMBOL_IN_TEXT_RE.findall(opening)
        if (parsed := symbols.parse(text)) and str(parsed) in directives
    ]
    order = [Level.COMMUNE, Level.DISTRICT, Level.PROVINCE, Level.CENTRAL]
    return min(cited, key=lambda d: order.index(d.level), default=None)


def _save_sections(plan, sections: list[Section]) -> dict[str, PlanSection]:
    saved, position = {}, 0

    def walk(items, parent, prefix):
        nonlocal position
        for section in items:
            position += 1
            path = f"{prefix}.{section.number}" if prefix and section.number else (
                section.number or prefix)
            row = PlanSection.objects.create(
                plan=plan, parent=parent, position=position, number=section.number[:12],
                path=path[:40], title=_clean(section.title)[:500] or "—",
                role=section.role if parent is None else PlanSection.Role.OTHER,
                items=_items_json(section.items),
            )
            saved.setdefault(path, row)
            walk(section.children, row, path)

    walk(sections, None, "")
    return saved


def _items_json(items) -> list:
    return [
        {"text": _clean(i.text), "marker": i.marker, "children": _items_json(i.children)}
        for i in items
    ]


def _save_tasks(plan, document, sections, units, directives) -> int:
    implementation = next(
        (s for s in document.sections if s.role == "implementation"), None
    )
    prefix = implementation.number if implementation else ""
    count = 0
    for assignment in document.assignments:
        group_section = sections.get(f"{prefix}.{assignment.number}" if prefix else "")
        leads = [units[m.unit] for m in assignment.units if m.unit in units]
        if not leads:
            raise PlanError(
                _("Nhóm %(number)s “%(text)s” chưa khớp với đơn vị nào của xã: hãy chọn tạo "
                  "đơn vị mới hoặc thêm đơn vị trước khi nhập.")
                % {"number": assignment.number, "text": assignment.unit_text}
            )
        for spec in assignment.tasks:
            section = sections.get(spec.section) if spec.section else None
            basis = next(
                (directives[str(p)] for t in symbols.SYMBOL_IN_TEXT_RE.findall(spec.text)
                 if (p := symbols.parse(t)) and str(p) in directives), None,
            )
            for lead in leads:
                count += 1
                task = Task.objects.create(
                    plan=plan, commune=plan.commune, text=_clean(spec.text), lead_unit=lead,
                    assignment_number=assignment.number[:12],
                    assignment_text=_clean(assignment.unit_text)[:300], position=count,
                    section=section or group_section, legal_basis=basis,
                )
                coordinators = {units[n] for n in spec.coordinators if n in units} - {lead}
                task.coordinating_units.set(coordinators)
    return count


# Plans -------------------------------------------------------------------------------------


def plan_issue(*, plan: Plan, actor, symbol: str = "", issued_on: datetime.date | None = None):
    """Issue a draft; the plan it replaces, if any, becomes superseded. The date stays empty
    when nobody knows it (an imported plan whose text is undated)."""
    _require(plan_policy, actor, "change", plan)
    if plan.status != PlanStatus.DRAFT:
        raise PlanError(_("Chỉ ban hành được kế hoạch đang ở trạng thái dự thảo."))
    with transaction.atomic():
        before = audit.snapshot(plan)
        if symbol:
            parsed = symbols.parse(symbol)
            if parsed is None:
                raise PlanError(_("Số, ký hiệu không hợp lệ (ví dụ: 216/KH-UBND)."),
                                field="symbol")
            plan.symbol = str(parsed)
        plan.issued_on = issued_on or plan.issued_on  # a signed plan may carry no date
        plan.status = PlanStatus.ISSUED
        plan.save()
        if plan.supersedes_id:
            old = plan.supersedes
            old_before = audit.snapshot(old)
            old.status = PlanStatus.SUPERSEDED
            old.save(update_fields=["status", "updated_at"])
            audit.record(instance=old, action="ttdn.plans.plan.superseded", actor=actor,
                         commune_id=old.commune_id, before=old_before,
                         after=audit.snapshot(old))
        audit.record(instance=plan, action="ttdn.plans.plan.issued", actor=actor,
                     commune_id=plan.commune_id, before=before, after=audit.snapshot(plan))
        plan_issued.send(sender=Plan, plan=plan, actor=actor)
    return plan


def plan_delete(*, plan: Plan, actor) -> None:
    """Only a draft goes away (with its tasks): an issued plan is a record, superseded instead."""
    _require(plan_policy, actor, "delete", plan)
    if plan.status != PlanStatus.DRAFT:
        raise PlanError(_("Chỉ xóa được kế hoạch dự thảo; kế hoạch đã ban hành được thay thế "
                          "bằng phiên bản mới."))
    with transaction.atomic():
        audit.record(instance=plan, action="ttdn.plans.plan.deleted", actor=actor,
                     commune_id=plan.commune_id, before=audit.snapshot(plan), deleted=True,
                     extra={"tasks": plan.tasks.count()})
        plan.delete()


def plan_update(*, plan: Plan, actor, **fields) -> Plan:
    _require(plan_policy, actor, "change", plan)
    allowed = {"title", "symbol", "issued_on", "place", "carries_out", "signer_authority",
               "signer_title", "signer_name", "parent_body", "issuing_body"}
    with transaction.atomic():
        before = audit.snapshot(Plan.objects.get(pk=plan.pk))
        for field, value in fields.items():
            if field not in allowed:
                raise PlanError(_("Không thể sửa trường %(field)s.") % {"field": field})
            setattr(plan, field, _clean(value) if isinstance(value, str) else value)
        if plan.carries_out_id and plan.carries_out.commune_id != plan.commune_id:
            raise PlanError(_("Văn bản cấp trên phải thuộc cùng xã."), field="carries_out")
        _validate(plan, exclude=["created_by", "supersedes"])
        plan.save()
        audit.record(instance=plan, action="ttdn.plans.plan.updated", actor=actor,
                     commune_id=plan.commune_id, before=before, after=audit.snapshot(plan))
    return plan


# Tasks -------------------------------------------------------------------------------------


def task_save(*, task: Task, actor, coordinating_units=None) -> Task:
    """Create or edit a task's definition (plan owners)."""
    creating = task.pk is None
    task.commune_id = task.plan.commune_id
    _require(task_policy, actor, "add" if creating else "change", task)
    if task.lead_unit.commune_id != task.commune_id:
        raise PlanError(_("Đơn vị chủ trì phải thuộc xã của kế hoạch."), field="lead_unit")
    coordinators = set(coordinating_units or [])
    if any(unit.commune_id != task.commune_id for unit in coordinators):
        raise PlanError(_("Đơn vị phối hợp phải thuộc xã của kế hoạch."),
                        field="coordinating_units")
    if task.recurrence == "one_off" and not task.due_on:
        raise PlanError(_("Nhiệm vụ một lần cần có hạn hoàn thành."), field="due_on")
    task.text = nfc(task.text).strip()
    _validate(task, exclude=["commune"])
    with transaction.atomic():
        before = None if creating else {
            **audit.snapshot(Task.objects.get(pk=task.pk)),
            "coordinating_units": sorted(task.coordinating_units.values_list("pk", flat=True)),
        }
        task.save()
        if coordinating_units is not None:
            task.coordinating_units.set(coordinators - {task.lead_unit})
        after = {**audit.snapshot(task),
                 "coordinating_units": sorted(u.pk for u in task.coordinating_units.all())}
        audit.record(instance=task, actor=actor, commune_id=task.commune_id,
                     action=f"ttdn.plans.task.{'created' if creating else 'updated'}",
                     before=before, after=after)
    return task


def task_delete(*, task: Task, actor) -> None:
    _require(task_policy, actor, "delete", task)
    if task.occurrences.exclude(status=TaskStatus.NOT_STARTED).exists() or task.evidence.exists():
        raise PlanError(_("Nhiệm vụ đã có kết quả hoặc minh chứng nên không xóa được."))
    with transaction.atomic():
        audit.record(instance=task, action="ttdn.plans.task.deleted", actor=actor,
                     commune_id=task.commune_id, before=audit.snapshot(task), deleted=True)
        task.delete()


def task_report(*, task: Task, actor, status: str, progress: int,
                today: datetime.date | None = None) -> TaskOccurrence:
    """Record where the task stands in the current period."""
    if not task_policy.may_report(actor, task):
        raise PermissionDeniedError(_("Chỉ đơn vị chủ trì mới cập nhật tiến độ nhiệm vụ này."))
    if status not in TaskStatus.values:
        raise PlanError(_("Trạng thái không hợp lệ."), field="status")
    if not 0 <= progress <= 100:
        raise PlanError(_("Tiến độ phải từ 0 đến 100%."), field="progress")
    today = today or timezone.localdate()
    if status == TaskStatus.DONE:
        progress = 100
    elif progress == 100:
        status = TaskStatus.DONE
    elif progress > 0 and status == TaskStatus.NOT_STARTED:
        status = TaskStatus.IN_PROGRESS
    key = task.period_key(today)
    with transaction.atomic():
        occurrence, _created = TaskOccurrence.objects.select_for_update().get_or_create(
            task=task, period=key, defaults={"due_on": task.due_in(key)}
        )
        before = audit.snapshot(occurrence)
        occurrence.status, occurrence.progress = status, progress
        occurrence.completed_on = today if status == TaskStatus.DONE else None
        occurrence.save()
        audit.record(instance=task, action="ttdn.plans.task.reported", actor=actor,
                     commune_id=task.commune_id, before=before,
                     after=audit.snapshot(occurrence), extra={"period": key})
    return occurrence


def evidence_add(*, task: Task, actor, upload=None, link: str = "", note: str = "",
                 today: datetime.date | None = None) -> Evidence:
    """A file (checked by content: PDF, image, .docx, .xlsx) or a link, for this period."""
    if not task_policy.may_contribute(actor, task):
        raise PermissionDeniedError(_("Bạn không có quyền thêm minh chứng cho nhiệm vụ này."))
    if upload is None and not link:
        raise PlanError(_("Hãy chọn một tệp hoặc nhập một đường dẫn."), field="file")
    evidence = Evidence(
        task=task, period=task.period_key(today or timezone.localdate()), link=link.strip(),
        note=_clean(note)[:300], added_by=actor,
    )
    checked = inspect_upload(upload, max_bytes=EVIDENCE_MAX_BYTES) if upload else None
    if checked:
        evidence.original_name, evidence.size = checked.original_name, len(checked.data)
        evidence.content_type = checked.kind.content_type
    _validate(evidence, exclude=["file", "added_by"])
    if checked:
        evidence.file.save(checked.storage_name, ContentFile(checked.data), save=False)
    try:
        with transaction.atomic():
            evidence.save()
            audit.record(instance=task, action="ttdn.plans.task.evidence_added", actor=actor,
                         commune_id=task.commune_id, after=audit.snapshot(evidence))
    except BaseException:
        if checked:  # the row was not kept: neither is the file
            evidence.file.delete(save=False)
        raise
    return evidence


def comment_add(*, task: Task, actor, text: str) -> Comment:
    if not task_policy.may_contribute(actor, task):
        raise PermissionDeniedError(_("Bạn không có quyền trao đổi về nhiệm vụ này."))
    text = nfc(text or "").strip()
    if not text:
        raise PlanError(_("Hãy nhập nội dung ý kiến."), field="text")
    comment = Comment(task=task, author=actor, text=text)
    _validate(comment, exclude=["author"])
    with transaction.atomic():
        comment.save()
        audit.record(instance=task, action="ttdn.plans.task.commented", actor=actor,
                     commune_id=task.commune_id, after=audit.snapshot(comment))
    return comment
