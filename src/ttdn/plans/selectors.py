"""Reads of directive documents, plans and tasks, always within what the user may see."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone

from .models import (
    ONE_OFF_KEY,
    DirectiveDocument,
    Plan,
    PlanSection,
    Task,
    TaskOccurrence,
    TaskStatus,
)
from .periods import label_of, period_of
from .permissions import directive_policy, plan_policy, task_policy


def directive_list_visible_to(*, user):
    return directive_policy.instances_user_has_permission_for(user, "view").select_related(
        "commune", "carries_out"
    )


def plan_list_visible_to(*, user):
    return plan_policy.instances_user_has_permission_for(user, "view").select_related("commune")


def task_list_visible_to(*, user):
    return task_policy.instances_user_has_permission_for(user, "view").select_related(
        "plan", "lead_unit", "section"
    )


@dataclass
class TaskState:
    """Where a task stands in the period that contains ``today``."""

    task: Task
    period: str
    status: str
    progress: int
    due_on: datetime.date | None
    overdue: bool

    @property
    def status_label(self):
        return TaskStatus(self.status).label

    @property
    def period_label(self):
        return label_of(self.period)


def current_period_keys(today: datetime.date) -> set[str]:
    return {period_of(today, "half_year").key, period_of(today, "year").key, ONE_OFF_KEY}


def with_current_state(tasks, today: datetime.date):
    """Tasks with their current occurrence prefetched: a fixed number of queries, whatever the
    number of tasks (the "my unit's tasks" screen is pinned by a test)."""
    current = TaskOccurrence.objects.filter(period__in=current_period_keys(today))
    return tasks.prefetch_related(
        Prefetch("occurrences", queryset=current, to_attr="current_occurrences"),
        "coordinating_units",
    )


def state_of(task: Task, today: datetime.date) -> TaskState:
    key = task.period_key(today)
    occurrences = getattr(task, "current_occurrences", None)
    if occurrences is None:
        occurrences = list(task.occurrences.filter(period=key))
    return _state(task, key, next((o for o in occurrences if o.period == key), None), today)


def _state(task, key, occurrence, today) -> TaskState:
    due_on = task.due_in(key)
    status = occurrence.status if occurrence else TaskStatus.NOT_STARTED
    progress = 100 if status == TaskStatus.DONE else (occurrence.progress if occurrence else 0)
    return TaskState(
        task=task, period=key, status=status, progress=progress, due_on=due_on,
        overdue=bool(due_on and status != TaskStatus.DONE and due_on < today),
    )


def my_unit_tasks(*, user, today: datetime.date | None = None) -> list[TaskState]:
    """What a unit member sees first: the tasks their units lead, then those they support."""
    from ttdn.org.scope import scope_of

    today = today or timezone.localdate()
    units = scope_of(user).unit_ids
    tasks = (
        task_list_visible_to(user=user)
        .filter(Q(lead_unit_id__in=units) | Q(coordinating_units__in=units))
        .filter(plan__status__in=["draft", "issued"])
        .distinct()
        .order_by("plan_id", "position", "pk")
    )
    states = [state_of(task, today) for task in with_current_state(tasks, today)]
    states.sort(key=lambda s: (s.task.lead_unit_id not in units, s.status == TaskStatus.DONE,
                               s.due_on or datetime.date.max))
    return states


def plan_task_states(*, user, plan: Plan, today: datetime.date | None = None, unit=None,
                     status=None, section=None, due=None) -> list[TaskState]:
    """All tasks of a plan the user may see, with filters (unit, status, due, section)."""
    today = today or timezone.localdate()
    tasks = task_list_visible_to(user=user).filter(plan=plan)
    if unit:
        tasks = tasks.filter(Q(lead_unit=unit) | Q(coordinating_units=unit)).distinct()
    if section:
        tasks = tasks.filter(Q(section=section) | Q(section__parent=section))
    states = [state_of(task, today) for task in with_current_state(tasks, today)]
    if status == "overdue":
        states = [s for s in states if s.overdue]
    elif status:
        states = [s for s in states if s.status == status]
    if due == "dated":
        states = [s for s in states if s.due_on]
    elif due == "next_30_days":
        horizon = today + datetime.timedelta(days=30)
        states = [s for s in states if s.due_on and today <= s.due_on <= horizon]
    return states


@dataclass
class Progress:
    label: str
    percent: int
    tasks: int
    done: int
    overdue: int


def _weighted(states) -> int:
    weight = sum(s.task.weight for s in states)
    if not weight:
        return 0
    return round(sum(s.progress * s.task.weight for s in states) / weight)


def _progress(label, states) -> Progress:
    return Progress(
        label=label, percent=_weighted(states), tasks=len(states),
        done=sum(s.status == TaskStatus.DONE for s in states),
        overdue=sum(s.overdue for s in states),
    )


def plan_progress(*, user, plan: Plan, today: datetime.date | None = None) -> dict:
    """The plan's progress — weighted average of its tasks' current progress — as a whole, per
    lead unit and per section."""
    states = plan_task_states(user=user, plan=plan, today=today)
    by_unit, by_section = defaultdict(list), defaultdict(list)
    for state in states:
        by_unit[state.task.lead_unit].append(state)
        by_section[state.task.section].append(state)
    units = sorted(by_unit.items(), key=lambda item: item[0].sort_key)
    sections = sorted(
        by_section.items(), key=lambda item: item[0].position if item[0] else 10**9
    )
    return {
        "overall": _progress(str(plan), states),
        "units": [_progress(unit.name, unit_states) for unit, unit_states in units],
        "sections": [
            _progress(str(section) if section else "—", section_states)
            for section, section_states in sections
        ],
    }


def plan_sections(*, plan: Plan):
    return PlanSection.objects.filter(plan=plan).order_by("position")


def directive_chain(*, plan: Plan) -> list[DirectiveDocument]:
    """The documents the plan carries out, from the top (central) down to the plan's parent."""
    return plan.carries_out.chain() if plan.carries_out_id else []


def task_occurrences(*, task: Task, today: datetime.date | None = None) -> list[TaskState]:
    """The task's state in every period since its plan started, newest first."""
    today = today or timezone.localdate()
    recorded = {o.period: o for o in task.occurrences.all()}
    keys = task.period_keys(today)
    return [_state(task, key, recorded.get(key), today) for key in reversed(keys)]
