"""Who may do what with directive documents, plans and tasks.

Everybody of a commune (and the upper level above it) reads its plans and directive documents;
the plan's owners — the culture officer and the commune's leaders — write them. A task is seen
by the commune-wide roles and the upper level, and otherwise only by the members of its lead and
coordinating units; members of the lead unit record its progress; members of a coordinating unit
add evidence and comments.
"""

from django.db.models import Q

from ttdn.org.models import Role
from ttdn.org.permissions import CommuneScopedPolicy
from ttdn.org.scope import COMMUNE_WIDE_ROLES, scope_of

from .models import DirectiveDocument, Evidence, Plan, Task

PLAN_OWNER_ROLES = COMMUNE_WIDE_ROLES
ALL_TASKS_ROLES = frozenset(COMMUNE_WIDE_ROLES | {Role.UPPER_LEVEL})


class PlanPolicy(CommuneScopedPolicy):
    roles_for_action = {
        "view": frozenset(Role.values),
        "add": PLAN_OWNER_ROLES,
        "change": PLAN_OWNER_ROLES,
        "delete": PLAN_OWNER_ROLES,
    }


class TaskPolicy(CommuneScopedPolicy):
    roles_for_action = {
        "view": frozenset(Role.values),
        "add": PLAN_OWNER_ROLES,
        "change": PLAN_OWNER_ROLES,
        "delete": PLAN_OWNER_ROLES,
    }

    def visibility(self, user) -> Q | None:
        """The condition on tasks the user may see; None for everything."""
        if user.is_active and user.is_superuser:
            return None
        scope = scope_of(user)
        return (
            Q(commune_id__in=scope.communes_with_role(ALL_TASKS_ROLES))
            | Q(lead_unit_id__in=scope.unit_ids)
            | Q(coordinating_units__in=scope.unit_ids)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) != {"view"}:
            return queryset
        condition = self.visibility(user)
        if condition is None:
            return queryset
        visible = Task.objects.filter(condition).values("pk")
        return queryset.filter(pk__in=visible)

    def may_see(self, user, task) -> bool:
        return self.instances_user_has_permission_for(user, "view").filter(pk=task.pk).exists()

    def may_report(self, user, task) -> bool:
        """Record progress and status: the lead unit's members and the plan's owners."""
        if not user.is_active:
            return False
        if user.is_superuser or self.user_has_permission_for_instance(user, "change", task):
            return True
        return task.lead_unit_id in scope_of(user).unit_ids

    def may_contribute(self, user, task) -> bool:
        """Add evidence and comments: whoever reports, and the coordinating units' members."""
        if self.may_report(user, task):
            return True
        units = scope_of(user).unit_ids
        return bool(units) and task.coordinating_units.filter(pk__in=units).exists()


class EvidencePolicy(CommuneScopedPolicy):
    roles_for_action = TaskPolicy.roles_for_action
    commune_lookup = "task__commune_id"


plan_policy = PlanPolicy(Plan)
directive_policy = PlanPolicy(DirectiveDocument)
task_policy = TaskPolicy(Task)
evidence_policy = EvidencePolicy(Evidence)
