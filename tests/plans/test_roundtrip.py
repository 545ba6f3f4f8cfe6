"""Export → import gives the same structure: what the .docx says is what the plan holds."""

import pytest

from ttdn.plans.export import plan_to_docx
from ttdn.plans.exporting import plan_document
from ttdn.plans.importer import read_plan
from ttdn.plans.services import unit_refs

pytestmark = pytest.mark.django_db


def _shape(section):
    return (section.number, section.title, section.role,
            [item.text for item in section.items], [_shape(c) for c in section.children])


def test_export_then_import_gives_the_same_structure(seed_plan, seed_commune, seed_bytes):
    original = read_plan(seed_bytes, "seed.txt", unit_refs(seed_commune))
    saved = plan_document(seed_plan)
    again = read_plan(plan_to_docx(saved), "export.docx", unit_refs(seed_commune))
    assert [_shape(s) for s in again.sections] == [_shape(s) for s in original.sections]
    assert [s.symbol for s in again.legal_bases] == [s.symbol for s in original.legal_bases]
    assert [(a.number, [m.unit for m in a.units], [t.text for t in a.tasks])
            for a in again.assignments] == [
        (a.number, [m.unit for m in a.units], [t.text for t in a.tasks])
        for a in original.assignments]
    assert [sorted(t.coordinators) for a in again.assignments for t in a.tasks] == [
        sorted(t.coordinators) for a in original.assignments for t in a.tasks]
    assert again.recipients == original.recipients
    assert again.signature == original.signature
    assert again.summary == original.summary
    assert {r.frequency for r in again.reporting} == {r.frequency for r in original.reporting}
    assert again.closing == original.closing
