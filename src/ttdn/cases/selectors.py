"""Reads of the false-information desk, always within what the user may see.

Every listing starts from ``permissions.visible_cases`` / ``visible_tips`` / ``visible_notes``;
rows that belong to one commune (tips, notes, escalations, takedowns) are read for the
communes the user works for on that case (``permissions.working_communes``) and never for
another. The queue's reads take a constant number of queries per page, whatever its length.
"""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from ttdn.core.text import fold_key
from ttdn.org.models import Role
from ttdn.org.scope import scope_of

from . import matching
from . import permissions as perms
from .models import (
    OPEN_STATUSES,
    Case,
    CaseStatus,
    DeskSettings,
    Escalation,
    Suggestion,
    SuggestionStatus,
    Takedown,
    TakedownStatus,
    Tip,
)

# The timers of the desk, in the order a case meets them, and the DeskSettings field that
# holds each target (the same stages as ``figures.case_timers``).
STAGES = (
    ("triage", "triage_hours", "triaged_at"),
    ("response", "response_hours", "verdict_at"),
    ("clarification", "clarification_hours", "responded_at"),
    ("takedown", "takedown_hours", None),
)
_CODE = re.compile(r"^\s*VV-(\d{4})-0*(\d+)\s*$", re.IGNORECASE)
_RECEIPT = re.compile(r"^\s*TT-[A-Z0-9]{5}-[A-Z0-9]{5}\s*$", re.IGNORECASE)


# Targets --------------------------------------------------------------------------------


def default_targets() -> dict:
    defaults = DeskSettings()
    return {stage: getattr(defaults, field) for stage, field, _done in STAGES}


def targets_by_commune() -> dict:
    """Commune id → {stage: hours} for the communes that changed their targets (one query);
    any other commune has ``default_targets()``."""
    fields = [field for _stage, field, _done in STAGES]
    return {
        row["commune_id"]: {stage: row[field] for stage, field, _done in STAGES}
        for row in DeskSettings.objects.values("commune_id", *fields)
    }


def _late_condition(targets: dict, now) -> Q:
    """An open case past one of its running timers, for one set of targets."""
    def before(stage):
        return now - datetime.timedelta(hours=targets[stage])

    return (
        Q(triaged_at__isnull=True, opened_at__lt=before("triage"))
        | Q(verdict_at__isnull=True, opened_at__lt=before("response"))
        | Q(responded_at__isnull=True, opened_at__lt=before("clarification"))
        | Q(has_takedowns=True, has_removed=False, opened_at__lt=before("takedown"))
    )


def late_filter(now, custom: dict | None = None) -> Q:
    """Open cases past a target of the commune that owns them (targets read once)."""
    custom = targets_by_commune() if custom is None else custom
    condition = ~Q(commune_id__in=list(custom)) & _late_condition(default_targets(), now)
    for commune_id, targets in custom.items():
        condition |= Q(commune_id=commune_id) & _late_condition(targets, now)
    return Q(status__in=OPEN_STATUSES) & condition


def late_stages(case: Case, targets: dict, now) -> list[str]:
    """The running timers of ``case`` past their target (needs the queue's annotations)."""
    if case.status == CaseStatus.CLOSED:
        return []
    elapsed = now - case.opened_at
    late = []
    for stage, _field, done in STAGES:
        if done is None:
            running = getattr(case, "has_takedowns", False) and not getattr(
                case, "has_removed", False)
        else:
            running = getattr(case, done) is None
        if running and elapsed > datetime.timedelta(hours=targets[stage]):
            late.append(stage)
    return late


# The queue ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    category: str = ""
    severity: str = ""
    late: bool = False
    q: str = ""
    commune_id: int | None = None
    include_merged: bool = False


def _annotated(queryset):
    takedowns = Takedown.objects.filter(case=OuterRef("pk"))
    return queryset.annotate(
        tip_count=Count("tips", distinct=True),
        commune_count=Count("tips__commune", distinct=True),
        has_takedowns=Exists(takedowns),
        has_removed=Exists(takedowns.filter(status=TakedownStatus.REMOVED)),
    )


def _search(queryset, user, text: str):
    text = (text or "").strip()
    if not text:
        return queryset
    code = _CODE.match(text)
    if code:
        return queryset.filter(pk=int(code.group(2)), opened_at__year=int(code.group(1)))
    if _RECEIPT.match(text):
        tips = perms.visible_tips(user).filter(case=OuterRef("pk"), receipt=text.strip().upper())
        return queryset.filter(Exists(tips))
    # Every word must appear, with or without its marks ("an chan" finds "ăn chặn"): in the
    # claim as the desk keeps it, folded on both sides (one query over the candidates)…
    words = fold_key(text).split()
    by_claim = [pk for pk, claim in queryset.values_list("pk", "claim").iterator()
                if all(word in fold_key(claim) for word in words)]
    condition = Q(pk__in=by_claim)
    # …or in a tip the user may read, through its stored normalised form.
    terms = matching.normalise(text).split()
    if terms:
        tips = perms.visible_tips(user).filter(case=OuterRef("pk"))
        for term in terms:
            tips = tips.filter(normalised__contains=term)
        condition |= Q(Exists(tips))
    return queryset.filter(condition)


def case_queue(*, user, filters: QueueFilters | None = None, now=None):
    """The cases ``user`` may open, newest first, with the counts the queue shows
    (``tip_count``, ``commune_count``) and what ``late_stages`` needs."""
    filters = filters or QueueFilters()
    now = now or timezone.now()
    queryset = perms.visible_cases(user)
    if not filters.include_merged:
        queryset = queryset.filter(merged_into__isnull=True)
    if filters.status == "open":
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    elif filters.status in CaseStatus.values:
        queryset = queryset.filter(status=filters.status)
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.severity:
        queryset = queryset.filter(severity=filters.severity)
    if filters.commune_id:
        involved = Tip.objects.filter(case=OuterRef("pk"), commune_id=filters.commune_id)
        queryset = queryset.filter(Q(commune_id=filters.commune_id) | Q(Exists(involved)))
    queryset = _search(queryset, user, filters.q)
    queryset = _annotated(queryset)
    if filters.late:
        queryset = queryset.filter(late_filter(now))
    return queryset.select_related("commune__area").order_by("-opened_at", "-pk")


@dataclass(frozen=True)
class QueueRow:
    case: Case
    late: list  # names of the running timers past their target
    now: datetime.datetime

    @property
    def age_hours(self) -> int:
        return max(0, int((self.now - self.case.opened_at).total_seconds() // 3600))

    @property
    def age_days(self) -> int:
        return self.age_hours // 24


def queue_rows(cases, *, now=None) -> list[QueueRow]:
    """The rows of one page of ``case_queue``, each with its late timers (one more query)."""
    now = now or timezone.now()
    cases = list(cases)
    custom = targets_by_commune() if cases else {}
    defaults = default_targets()
    return [QueueRow(case, late_stages(case, custom.get(case.commune_id, defaults), now), now)
            for case in cases]


def new_case_count(*, user) -> int:
    """New cases the user may open: the number next to the desk's menu item."""
    return perms.visible_cases(user).filter(
        status=CaseStatus.NEW, merged_into__isnull=True).count()


def waiting_tips(*, user) -> int:
    """Tips of the user's communes stored but not matched yet (the worker is behind or down)."""
    return perms.visible_tips(user).filter(case__isnull=True).count()


def may_open_queue(user) -> bool:
    """The roles that may see cases (the desk, the police, the upper level), and anyone who
    already sees one (an assigned unit, whoever filed a tip)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    scope = scope_of(user)
    if scope.communes_with_role(perms.DESK_ROLES | perms.POLICE_ROLES | {Role.UPPER_LEVEL}):
        return True
    return perms.visible_cases(user).exists()


def late_cases(*, user, limit: int = 10) -> list[QueueRow]:
    """Open cases of the user's desk past a target, oldest first."""
    queryset = case_queue(user=user, filters=QueueFilters(late=True)).order_by("opened_at", "pk")
    return queue_rows(queryset[:limit])


def escalated_cases(*, user):
    """The cases handed to the police of the user's communes."""
    police = perms.police_communes(user)
    escalated = Escalation.objects.filter(case=OuterRef("pk"), commune_id__in=police)
    return _annotated(perms.visible_cases(user).filter(Exists(escalated))).select_related(
        "commune__area").order_by("-opened_at", "-pk")


# One case --------------------------------------------------------------------------------


def case_visible_to(*, user):
    return perms.visible_cases(user).select_related(
        "commune__area", "lead_unit", "merged_into", "province")


def case_tips(*, user, case: Case):
    """The tips of ``case`` the user may read: their own communes' only."""
    return (
        perms.visible_tips(user).filter(case=case)
        .select_related("commune__area", "unit", "submitted_by")
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )


def case_notes(*, user, case: Case):
    return perms.visible_notes(user, case).select_related("author", "commune__area")


def case_escalations(*, user, case: Case, communes=None):
    communes = perms.working_communes(user, case) if communes is None else communes
    return Escalation.objects.filter(case=case, commune_id__in=communes).select_related(
        "commune__area", "by")


def case_takedowns(*, user, case: Case, communes=None):
    communes = perms.working_communes(user, case) if communes is None else communes
    return Takedown.objects.filter(case=case, commune_id__in=communes).select_related(
        "commune__area")


def pending_suggestions(*, user, case: Case | None = None):
    """Pending "same claim?" suggestions whose tip's case the user's desk runs."""
    queryset = Suggestion.objects.filter(
        status=SuggestionStatus.PENDING, tip__case__merged_into__isnull=True,
        tip__case__status__in=OPEN_STATUSES,
    )
    if not user.is_superuser:
        queryset = queryset.filter(tip__case__commune_id__in=perms.desk_communes(user))
    if case is not None:
        queryset = queryset.filter(tip__case=case)
    return queryset.select_related("tip", "tip__case", "candidate").order_by("-score", "pk")


def case_history(*, user, case: Case, communes=None, limit: int = 50):
    """The audit entries of the case written for the communes the user works for."""
    from wagtail.models import ModelLogEntry

    communes = perms.working_communes(user, case) if communes is None else communes
    return (
        ModelLogEntry.objects.for_instance(case)
        .filter(data__commune_id__in=list(communes))
        .select_related("user")
        .order_by("-timestamp")[:limit]
    )
