"""How fast the desk works and what it handled: per-case timers and per-period figures.

Timers run from the moment the first tip arrived (``Case.opened_at``):

* triage — until the case was classified (``triaged_at``);
* first response — until the desk first answered publicly: the verdict (``verdict_at``);
* clarification — until the clarification was published (``responded_at``);
* takedown — until the first takedown request the police recorded as removed.

``period_figures(commune, period)`` gives the counts (by category, verdict, source channel,
platform) and the median times of one reporting period (Decree-09 cut-offs, keys like
"2026-H1" / "2026"): the figures the reporting module reads through its indicator sources.
A case counts for a commune when the commune owns it or received a tip for it; tips count for
the commune that received them.
"""

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass

from django.db.models import Exists, Min, OuterRef, Q
from django.utils import timezone

from ttdn.plans import periods

from .models import (
    Case,
    Category,
    Channel,
    DeskSettings,
    Escalation,
    Platform,
    Takedown,
    TakedownStatus,
    Tip,
)
from .models import Verdict as VerdictChoice

TIMERS = ("triage", "response", "clarification", "takedown")
_TARGET_FIELDS = {
    "triage": "triage_hours",
    "response": "response_hours",
    "clarification": "clarification_hours",
    "takedown": "takedown_hours",
}


@dataclass(frozen=True)
class Timer:
    name: str
    hours: float | None  # elapsed until done; None while not done
    target_hours: int
    running_hours: float | None  # elapsed so far while not done

    @property
    def done(self) -> bool:
        return self.hours is not None

    @property
    def late(self) -> bool:
        elapsed = self.hours if self.done else self.running_hours
        return elapsed is not None and elapsed > self.target_hours


def _hours(start, end) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds() / 3600, 1)


def targets_for(commune_id) -> dict:
    settings = DeskSettings.objects.filter(commune_id=commune_id).first() or DeskSettings()
    return {name: getattr(settings, field) for name, field in _TARGET_FIELDS.items()}


def _takedown_done(case: Case):
    return (
        Takedown.objects.filter(case=case, status=TakedownStatus.REMOVED)
        .aggregate(first=Min("resolved_on"))["first"]
    )


def case_timers(case: Case, *, now: datetime.datetime | None = None,
                targets: dict | None = None) -> list[Timer]:
    """The four timers of one case against the owning commune's targets."""
    now = now or timezone.now()
    targets = targets or targets_for(case.commune_id)
    removed_on = _takedown_done(case)
    removed_at = (
        timezone.make_aware(datetime.datetime.combine(removed_on, datetime.time(12)))
        if removed_on else None
    )
    done = {
        "triage": case.triaged_at,
        "response": case.verdict_at,
        "clarification": case.responded_at,
        "takedown": removed_at,
    }
    # A takedown timer only runs for a case that has takedown requests.
    has_takedowns = case.takedowns.exists()
    closed = case.closed_at
    timers = []
    for name in TIMERS:
        end = done[name]
        running = None
        if end is None and closed is None and (name != "takedown" or has_takedowns):
            running = _hours(case.opened_at, now)
        timers.append(Timer(name, _hours(case.opened_at, end), targets[name], running))
    return timers


def _median(values) -> float | None:
    values = [value for value in values if value is not None]
    return round(statistics.median(values), 1) if values else None


def commune_cases(commune_id):
    received = Tip.objects.filter(case=OuterRef("pk"), commune_id=commune_id)
    return Case.objects.filter(merged_into__isnull=True).filter(
        Q(commune_id=commune_id) | Q(Exists(received))
    )


def period_figures(commune_id, period_key: str) -> dict:
    """Counts and median hours for one reporting period of one commune."""
    period = periods.by_key(period_key)
    start = timezone.make_aware(datetime.datetime.combine(period.starts_on, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(period.ends_on + datetime.timedelta(days=1), datetime.time.min)
    )
    cases = list(
        commune_cases(commune_id).filter(opened_at__gte=start, opened_at__lt=end)
        .annotate(
            first_removed=Min("takedowns__resolved_on",
                              filter=Q(takedowns__status=TakedownStatus.REMOVED)),
            escalated_here=Exists(Escalation.objects.filter(case=OuterRef("pk"),
                                                            commune_id=commune_id)),
        )
    )
    tips = Tip.objects.filter(commune_id=commune_id, created_at__gte=start, created_at__lt=end)
    by_channel = Counter(tips.values_list("channel", flat=True))
    by_platform = Counter(tips.values_list("platform", flat=True))
    takedowns = Takedown.objects.filter(commune_id=commune_id, case__in=[c.pk for c in cases])

    def removal_hours(case):
        if case.first_removed is None:
            return None
        at = timezone.make_aware(datetime.datetime.combine(case.first_removed, datetime.time(12)))
        return _hours(case.opened_at, at)

    return {
        "period": period.key,
        "starts_on": period.starts_on,
        "ends_on": period.ends_on,
        "cases": len(cases),
        "tips": sum(by_channel.values()),
        "handled": sum(1 for case in cases if case.verdict),
        "clarifications_published": sum(1 for case in cases if case.responded_at),
        "escalated": sum(1 for case in cases if case.escalated_here),
        "takedowns_requested": takedowns.count(),
        "takedowns_removed": takedowns.filter(status=TakedownStatus.REMOVED).count(),
        "by_category": {key: sum(1 for c in cases if c.category == key)
                        for key in Category.values},
        "by_verdict": {key: sum(1 for c in cases if c.verdict == key)
                       for key in VerdictChoice.values},
        "by_channel": {key: by_channel.get(key, 0) for key in Channel.values},
        "by_platform": {key: by_platform.get(key, 0) for key in Platform.values},
        "median_hours": {
            "triage": _median(_hours(c.opened_at, c.triaged_at) for c in cases),
            "response": _median(_hours(c.opened_at, c.verdict_at) for c in cases),
            "clarification": _median(_hours(c.opened_at, c.responded_at) for c in cases),
            "takedown": _median(removal_hours(c) for c in cases),
        },
    }
