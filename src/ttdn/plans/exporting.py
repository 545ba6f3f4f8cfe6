"""A saved plan back into a ``PlanDocument``, and out as .docx (Decree 30) or PDF."""

from django.utils.translation import gettext as _

from ttdn.core.errors import PermissionDeniedError

from .document import (
    Assignment,
    Header,
    Item,
    LegalBasis,
    PlanDocument,
    Reporting,
    Section,
    SectionRole,
    Signature,
    TaskSpec,
    UnitMatch,
)
from .models import Plan, PlanSection
from .permissions import plan_policy


def _items(data) -> list[Item]:
    return [Item(i["text"], i.get("marker", ""), _items(i.get("children", []))) for i in data]


def plan_document(plan: Plan) -> PlanDocument:
    """The plan as the document it is: what the exporter writes."""
    rows = list(PlanSection.objects.filter(plan=plan).order_by("position"))
    sections: dict[int, Section] = {}
    top: list[Section] = []
    for row in rows:
        section = Section(row.number, row.title, SectionRole(row.role), [], _items(row.items))
        sections[row.pk] = section
        (sections[row.parent_id].children if row.parent_id else top).append(section)
    assignments: dict[str, Assignment] = {}
    for task in plan.tasks.select_related("lead_unit").prefetch_related("coordinating_units"):
        group = assignments.setdefault(
            task.assignment_number,
            Assignment(task.assignment_number, task.assignment_text, [], []),
        )
        if task.lead_unit.name not in {m.unit for m in group.units}:
            group.units.append(UnitMatch(task.lead_unit.name, task.lead_unit.name, 1.0))
        if task.text not in {t.text for t in group.tasks}:
            group.tasks.append(TaskSpec(task.text, [], []))
        spec = next(t for t in group.tasks if t.text == task.text)
        spec.lead.append(task.lead_unit.name)
        spec.coordinators = sorted(
            {*spec.coordinators, *(u.name for u in task.coordinating_units.all())})
    return PlanDocument(
        header=Header(plan.parent_body, plan.issuing_body, plan.symbol, plan.place,
                      plan.issued_on),
        doc_type=plan.doc_type, summary=plan.title, preamble=list(plan.preamble),
        legal_bases=[LegalBasis(d.symbol, d.issued_on, d.kind, d.issuing_body, d.title)
                     for d in plan.legal_bases.all()],
        sections=top, assignments=list(assignments.values()), closing=plan.closing,
        reporting=[Reporting(r.frequency, r.to_text, r.to_unit.name if r.to_unit else None)
                   for r in plan.reporting.select_related("to_unit")],
        recipients=list(plan.recipients),
        signature=Signature(plan.signer_authority, plan.signer_title, plan.signer_name),
    )


def export_plan(*, plan: Plan, actor, fmt: str) -> bytes:
    """The plan as .docx ("docx") or PDF ("pdf"); PDF needs LibreOffice."""
    from .export import docx_to_pdf, plan_to_docx

    if not plan_policy.user_has_permission_for_instance(actor, "view", plan):
        raise PermissionDeniedError(_("Bạn không có quyền xem kế hoạch này."))
    data = plan_to_docx(plan_document(plan))
    return docx_to_pdf(data) if fmt == "pdf" else data
