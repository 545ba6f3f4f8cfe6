"""Writes of the false-information desk. Each checks the policy, validates, saves in one
transaction and leaves an audit entry; reporters' contacts never enter the audit trail."""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import audit
from ttdn.core.errors import PermissionDeniedError
from ttdn.org.models import AreaLevel, Commune, Unit

from . import index, intake, matching
from . import permissions as perms
from .errors import CaseError
from .models import (
    TRANSITIONS,
    Case,
    CaseLink,
    CaseNote,
    CaseStatus,
    Category,
    Channel,
    Clarification,
    DeskSettings,
    Escalation,
    MatchDecision,
    NoteKind,
    Platform,
    Republication,
    Sensitivity,
    Severity,
    Suggestion,
    SuggestionStatus,
    Takedown,
    TakedownStatus,
    Tip,
    TipAttachment,
    Verdict,
)

MAX_SUGGESTIONS = 3
MATCHING_LOCK = 0x7474646E  # PostgreSQL advisory lock of the matcher ("ttdn")


def _deny():
    raise PermissionDeniedError(_("Bạn không có quyền thực hiện thao tác này."))


def _snapshot(instance) -> dict:
    values = audit.snapshot(instance)
    for name in Tip.CONTACT_FIELDS:
        if values.get(name):
            values[name] = "[đã ẩn]"
    return values


def _record(instance, action, actor, commune_id, before=None, after=None, **extra):
    audit.record(
        instance=instance, action=f"ttdn.cases.{action}", actor=actor, commune_id=commune_id,
        before=before, after=after, extra=extra or None,
    )


def thresholds() -> tuple[float, float]:
    return settings.TTDN_CASES_JOIN_AT, settings.TTDN_CASES_SUGGEST_AT


# Intake ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submitted:
    tip: Tip
    created: bool  # False when an idempotency key replayed an earlier submission


def province_of(commune: Commune):
    area = commune.area.parent if commune.area_id else None
    return area if area is not None and area.level == AreaLevel.PROVINCE else None


@dataclass(frozen=True)
class Match:
    case: Case | None  # the case to join, if any
    score: float | None
    suggestions: tuple = ()  # (case id, matching.Verdict) between the two thresholds


def _match(text: str, links, candidates) -> Match:
    linked = index.case_for_links(links)
    if linked is not None:
        return Match(linked, 1.0)
    join_at, suggest_at = thresholds()
    results = matching.best_matches(
        matching.Claim(text, tuple(links)), candidates, limit=MAX_SUGGESTIONS,
        join_at=join_at, suggest_at=suggest_at,
    )
    if results and results[0][1].decision == "join":
        return Match(Case.objects.get(pk=results[0][0]), results[0][1].score)
    return Match(None, None, tuple((case_id, verdict) for case_id, verdict in results
                                   if verdict.decision == "suggest"))


def match_text(text: str, links=()) -> Match:
    """What a tip with this text and these links would join or be suggested for (reads only)."""
    return _match(text, links, index.candidates(text))


def _last_match_seq() -> int:
    return Tip.objects.aggregate(last=Max("match_seq"))["last"] or 0


def _matching_lock() -> None:
    """Inside a transaction: one matcher at a time decides. SQLite's IMMEDIATE transactions
    hold the write lock already; PostgreSQL takes a transaction-level advisory lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [MATCHING_LOCK])


def _recent_candidates(seen: int) -> list:
    """Tips matched since the matcher looked (``match_seq`` above ``seen``): compared again
    under the lock, so that two people reporting a new rumour at the same moment still land
    in one case."""
    rows = Tip.objects.filter(match_seq__gt=seen, case__in=index.matchable_cases())
    return [(case_id, matching.Claim(text))
            for case_id, text in rows.values_list("case_id", "text")]


def _settle(first: Match, tip: Tip, seen: int) -> Match:
    """The final match, decided under the lock."""
    linked = index.case_for_links(tip.links)
    if linked is not None:
        return Match(linked, 1.0)
    if first.case is not None:
        return Match(Case.objects.get(pk=first.case.pk).surviving(), first.score)
    recent = _match(tip.text, tip.links, _recent_candidates(seen))
    if recent.case is not None:
        return recent
    suggestions = sorted({**dict(first.suggestions), **dict(recent.suggestions)}.items(),
                         key=lambda item: -item[1].score)
    return Match(None, None, tuple(suggestions[:MAX_SUGGESTIONS]))


def tip_for_key(commune: Commune, key: str) -> Tip | None:
    """The tip ``commune`` received with this idempotency key, if any."""
    # "not empty" repeats the unique index's condition, so the database can use that index
    # (by commune alone it would read every tip of the commune).
    return (Tip.objects.filter(commune=commune, idempotency_key=key)
            .exclude(idempotency_key="").first())


def tip_submit(
    *,
    commune: Commune,
    data: intake.TipInput,
    files=(),
    channel: str = Channel.PORTAL,
    actor=None,
    unit: Unit | None = None,
    idempotency_key: str | None = None,
    received_at: datetime.datetime | None = None,
    ref: str = "",
    defer_matching: bool = False,
) -> Submitted:
    """Accept a tip: store it durably, then join it to its case (or open one) and suggest near
    cases (:func:`tip_match`).

    Anonymous submissions come from the portal and the API; staff and units file tips for
    their own commune. A replay with the same ``idempotency_key`` returns the first tip.

    With ``defer_matching`` (the public doors) the answer does not wait for the matcher: the
    tip and its matching task are stored in one transaction and the worker matches it (at
    once with the immediate backend of the demo and tests). Staff, units and imports get the
    case in the same call."""
    staff_channel = channel in (Channel.STAFF, Channel.UNIT, Channel.IMPORT)
    if staff_channel and (actor is None or not perms.may_file_tip(actor, commune.pk)):
        _deny()
    if unit is not None and unit.commune_id != commune.pk:
        raise CaseError(_("Đơn vị không thuộc xã này."), field="unit")
    key = (idempotency_key or "").strip()[:80]
    if key:
        existing = tip_for_key(commune, key)
        if existing is not None:
            return Submitted(existing, False)
    cleaned = intake.clean(data)
    checked_files = intake.clean_files(files)
    try:
        with transaction.atomic():
            tip = _store_tip(commune, cleaned, checked_files, channel, actor, unit, key,
                             received_at or timezone.now(), ref)
            if defer_matching:
                match_tip_task.enqueue(tip.pk)
    except IntegrityError:
        if key:
            existing = tip_for_key(commune, key)
            if existing is not None:
                return Submitted(existing, False)
        raise
    if not defer_matching:
        tip = tip_match(tip_id=tip.pk)
    return Submitted(tip, True)


def _store_tip(commune, cleaned, checked_files, channel, actor, unit, key, now, ref) -> Tip:
    tip = Tip.objects.create(
        commune=commune, idempotency_key=key, channel=channel,
        submitted_by=actor if getattr(actor, "pk", None) else None, unit=unit,
        text=cleaned.text, normalised=matching.normalise(cleaned.text),
        links=list(cleaned.links), platform=cleaned.platform, seen_on=cleaned.seen_on,
        language=cleaned.language, reporter_name=cleaned.reporter_name,
        reporter_phone=cleaned.reporter_phone, reporter_email=cleaned.reporter_email,
        consent=cleaned.consent, consent_at=now if cleaned.consent else None,
        match_decision=MatchDecision.PENDING, created_at=now, ref=ref,
    )
    for checked in checked_files:
        attachment = TipAttachment(
            tip=tip, media_type=checked.kind.content_type, size=len(checked.data),
            sha256=hashlib.sha256(checked.data).hexdigest(),
        )
        attachment.file.save(checked.storage_name, ContentFile(checked.data), save=False)
        attachment.save()
    _record(tip, "tip.received", actor, commune.pk, after=_snapshot(tip))
    return tip


@task()
def match_tip_task(tip_id: int) -> None:
    """The worker's half of intake from the public: see :func:`tip_match`."""
    if connection.in_atomic_block:
        # The immediate backend (demo, tests) runs this inside the tip's own transaction: in a
        # savepoint, a failure here leaves the tip stored and waiting instead of undoing it.
        with transaction.atomic():
            tip_match(tip_id=tip_id)
    else:  # the worker: the comparison reads outside any transaction (no write lock held)
        tip_match(tip_id=tip_id)


def tip_match(*, tip_id: int) -> Tip | None:
    """Join a stored tip to its case, or open one, and record near cases as suggestions.

    The comparison only reads and runs first; the decision is taken under the matching lock
    against the tips matched meanwhile, in a short transaction. A tip matched already (a task
    run twice, a sweep) is left as it is."""
    tip = Tip.objects.filter(pk=tip_id).first()
    if tip is None or tip.case_id is not None:
        return tip
    seen = _last_match_seq()
    first = match_text(tip.text, tip.links)
    with transaction.atomic():
        _matching_lock()
        tip = Tip.objects.select_for_update().get(pk=tip_id)
        if tip.case_id is None:
            _join(tip, _settle(first, tip, seen))
    return tip


def match_pending(*, min_age: datetime.timedelta = datetime.timedelta(0)) -> int:
    """Match the tips still waiting, stored at least ``min_age`` ago (a task lost with a
    crashed worker, a restored backup): the sweep of ``ttdn cases match-pending``. Returns how
    many it matched."""
    pending = (Tip.objects.filter(case__isnull=True, created_at__lte=timezone.now() - min_age)
               .order_by("pk").values_list("pk", flat=True))
    done = 0
    for tip_id in list(pending):
        tip = tip_match(tip_id=tip_id)
        done += tip is not None and tip.case_id is not None
    return done


def _join(tip: Tip, found: Match) -> None:
    case, score, suggestions = found.case, found.score, found.suggestions
    decision = MatchDecision.AUTO if case is not None else MatchDecision.NONE
    actor = tip.submitted_by
    if case is None:
        case = Case.objects.create(
            commune=tip.commune, province=province_of(tip.commune), claim=tip.text,
            opened_at=tip.created_at, ref=tip.ref,
        )
        _record(case, "case.opened", actor, tip.commune_id, after=_snapshot(case))
        if suggestions:
            decision = MatchDecision.SUGGEST
            score = suggestions[0][1].score
    tip.case, tip.match_decision, tip.match_score = case, decision, score
    tip.match_seq = _last_match_seq() + 1
    tip.save(update_fields=["case", "match_decision", "match_score", "match_seq"])
    index.add_tip(tip)
    _attach_links(case, tip.links)
    for case_id, verdict in suggestions:
        Suggestion.objects.create(tip=tip, candidate_id=case_id, score=verdict.score,
                                  reasons=list(verdict.reasons))
    _record(tip, "tip.matched", actor, tip.commune_id, case_id=case.pk, decision=decision,
            score=score)


def _attach_links(case: Case, links) -> None:
    for url in links:
        digest = index.link_hash(url)
        if CaseLink.objects.filter(canonical_hash=digest).exists():
            continue
        CaseLink.objects.create(
            case=case, url=url[:2000], canonical=matching.canonical_link(url)[:2000],
            canonical_hash=digest,
        )


# Suggestions -------------------------------------------------------------------------------


def suggestion_confirm(*, suggestion: Suggestion, actor) -> Case:
    """The tip's case is the same claim as the candidate: merge it into the candidate."""
    source = suggestion.tip.case
    target = suggestion.candidate
    while target.merged_into_id:
        target = target.merged_into
    if not perms.may_manage(actor, source):
        _deny()
    if not index.matchable_cases().filter(pk=target.pk).exists():
        raise CaseError(_("Vụ việc được gợi ý đã đóng, không thể gộp vào."))
    if suggestion.status != SuggestionStatus.PENDING:
        raise CaseError(_("Gợi ý này đã được xử lý."))
    if source.pk == target.pk:
        raise CaseError(_("Tin báo đã thuộc vụ việc này."))
    with transaction.atomic():
        before = _snapshot(source)
        Tip.objects.filter(case=source).update(case=target)
        CaseLink.objects.filter(case=source).update(case=target)
        CaseNote.objects.filter(case=source).update(case=target)
        Escalation.objects.filter(case=source).exclude(
            commune_id__in=target.escalations.values("commune_id")
        ).update(case=target)
        Takedown.objects.filter(case=source).update(case=target)
        Suggestion.objects.filter(tip__case=target, candidate=target).exclude(
            pk=suggestion.pk
        ).delete()
        source.status = CaseStatus.CLOSED
        source.merged_into = target
        source.closed_at = timezone.now()
        source.save()
        suggestion.refresh_from_db()
        suggestion.status = SuggestionStatus.CONFIRMED
        suggestion.decided_by, suggestion.decided_at = actor, timezone.now()
        suggestion.save()
        Tip.objects.filter(pk=suggestion.tip_id).update(match_decision=MatchDecision.AUTO)
        _record(source, "case.merged", actor, source.commune_id, before=before,
                after=_snapshot(source), into=target.pk)
    return target


def suggestion_reject(*, suggestion: Suggestion, actor) -> None:
    if not perms.may_manage(actor, suggestion.tip.case):
        _deny()
    if suggestion.status != SuggestionStatus.PENDING:
        raise CaseError(_("Gợi ý này đã được xử lý."))
    with transaction.atomic():
        suggestion.status = SuggestionStatus.REJECTED
        suggestion.decided_by, suggestion.decided_at = actor, timezone.now()
        suggestion.save()
        _record(suggestion.tip.case, "suggestion.rejected", actor,
                suggestion.tip.case.commune_id, candidate=suggestion.candidate_id)


# Workflow ----------------------------------------------------------------------------------

_STAMP = {
    CaseStatus.TRIAGED: "triaged_at",
    CaseStatus.ASSIGNED: "assigned_at",
    CaseStatus.VERDICT: "verdict_at",
    CaseStatus.RESPONDED: "responded_at",
    CaseStatus.CLOSED: "closed_at",
}


def _move(case: Case, actor, to: str, changes: dict, action: str) -> Case:
    if not perms.may_manage(actor, case):
        _deny()
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if to not in TRANSITIONS[CaseStatus(case.status)]:
            raise CaseError(
                _("Không thể chuyển vụ việc từ “%(from)s” sang “%(to)s”.")
                % {"from": CaseStatus(case.status).label, "to": CaseStatus(to).label}
            )
        before = _snapshot(case)
        for name, value in changes.items():
            setattr(case, name, value)
        case.status = to
        if to in _STAMP:
            setattr(case, _STAMP[to], timezone.now())
        case.save()
        _record(case, action, actor, case.commune_id, before=before, after=_snapshot(case))
    return case


def _choice(value, choices, message, field):
    if value not in choices.values:
        raise CaseError(message, field=field)
    return value


def case_triage(*, case: Case, actor, category: str, severity: str,
                sensitivity: str = Sensitivity.NORMAL, claim: str | None = None) -> Case:
    changes = {
        "category": _choice(category, Category, _("Vui lòng chọn loại thông tin."), "category"),
        "severity": _choice(severity, Severity, _("Vui lòng chọn mức độ."), "severity"),
        "sensitivity": _choice(sensitivity, Sensitivity, _("Độ nhạy cảm không hợp lệ."),
                               "sensitivity"),
    }
    if claim is not None:
        changes["claim"] = intake.clean_text(claim, field_name="claim")
    return _move(case, actor, CaseStatus.TRIAGED, changes, "case.triaged")


def case_assign(*, case: Case, actor, lead_unit: Unit, coordinating_units=()) -> Case:
    units = [lead_unit, *coordinating_units]
    if lead_unit is None:
        raise CaseError(_("Vui lòng chọn đơn vị chủ trì xác minh."), field="lead_unit")
    if any(unit.commune_id != case.commune_id or not unit.is_active for unit in units):
        raise CaseError(_("Chỉ giao cho đơn vị đang hoạt động của xã chủ trì."), field="lead_unit")
    with transaction.atomic():
        case = _move(case, actor, CaseStatus.ASSIGNED, {"lead_unit": lead_unit}, "case.assigned")
        case.coordinating_units.set([u for u in coordinating_units if u.pk != lead_unit.pk])
    return case


def case_start_verifying(*, case: Case, actor) -> Case:
    return _move(case, actor, CaseStatus.VERIFYING, {}, "case.verifying")


def case_verdict(*, case: Case, actor, verdict: str, summary: str) -> Case:
    changes = {
        "verdict": _choice(verdict, Verdict, _("Vui lòng chọn kết luận."), "verdict"),
        "verdict_summary": intake.clean_text(summary, field_name="verdict_summary"),
    }
    return _move(case, actor, CaseStatus.VERDICT, changes, "case.verdict")


def case_close(*, case: Case, actor, reason: str = "") -> Case:
    case = _move(case, actor, CaseStatus.CLOSED, {}, "case.closed")
    if reason.strip():
        note_add(case=case, actor=actor, kind=NoteKind.NOTE,
                 text=_("Đóng vụ việc: %(reason)s") % {"reason": reason.strip()})
    return case


def clarification_save(*, case: Case, actor, title: str, body: str, title_en: str = "",
                       body_en: str = "", sources=()) -> Clarification:
    if not perms.may_manage(actor, case):
        _deny()
    if case.status not in (CaseStatus.VERIFYING, CaseStatus.VERDICT, CaseStatus.RESPONDED):
        raise CaseError(_("Chỉ soạn bài cải chính khi vụ việc đang xác minh hoặc đã có kết "
                          "luận."))
    values = {
        "title": intake.clean_optional(title, max_length=200, field_name="title"),
        "body": intake.clean_text(body, field_name="body", max_length=20000),
        "title_en": intake.clean_optional(title_en, max_length=200, field_name="title_en"),
        "body_en": (intake.clean_text(body_en, field_name="body_en", max_length=20000)
                    if (body_en or "").strip() else ""),
        "sources": [intake.clean_link(url) for url in intake.split_links(sources)][:20],
    }
    if not values["title"]:
        raise CaseError(_("Vui lòng nhập tiêu đề bài cải chính."), field="title")
    with transaction.atomic():
        clarification = Clarification.objects.filter(case=case).first()
        before = _snapshot(clarification) if clarification else None
        if clarification is None:
            clarification = Clarification(case=case)
        for name, value in values.items():
            setattr(clarification, name, value)
        clarification.save()
        _record(clarification, "clarification.saved", actor, case.commune_id, before=before,
                after=_snapshot(clarification))
    return clarification


def case_respond(*, case: Case, actor, radio: bool = False, press: bool = False) -> Case:
    """Publish the clarification (verdict → responded); queue a radio item, note the press."""
    clarification = Clarification.objects.filter(case=case).first()
    if clarification is None or not clarification.body:
        raise CaseError(_("Chưa có bài cải chính để công bố."))
    now = timezone.now()
    with transaction.atomic():
        case = _move(case, actor, CaseStatus.RESPONDED,
                     {"press_informed_at": now if press else case.press_informed_at},
                     "case.responded")
        before = _snapshot(clarification)
        clarification.published_at = now
        clarification.published_by = actor
        if radio:
            clarification.radio_requested_at = now
        clarification.save()
        _record(clarification, "clarification.published", actor, case.commune_id,
                before=before, after=_snapshot(clarification))
    return case


def clarification_republish(*, case: Case, actor, commune: Commune) -> Republication:
    if not perms.may_republish(actor, case, commune.pk):
        _deny()
    clarification = Clarification.objects.filter(case=case, published_at__isnull=False).first()
    if clarification is None:
        raise CaseError(_("Bài cải chính chưa được công bố."))
    with transaction.atomic():
        item, created = Republication.objects.get_or_create(
            clarification=clarification, commune=commune
        )
        if created:
            _record(case, "clarification.republished", actor, commune.pk)
    return item


# Verification log, escalation, takedowns ----------------------------------------------------

NOTE_MAX_BYTES = 10 * 1024 * 1024


def note_add(*, case: Case, actor, kind: str, text: str, url: str = "", upload=None,
             commune: Commune | None = None) -> CaseNote:
    communes = perms.working_communes(actor, case)
    if not communes:
        _deny()
    commune_id = commune.pk if commune is not None else (
        case.commune_id if case.commune_id in communes else min(communes)
    )
    if commune_id not in communes:
        _deny()
    note = CaseNote(
        case=case, commune_id=commune_id, author=actor,
        kind=_choice(kind, NoteKind, _("Loại ghi chép không hợp lệ."), "kind"),
        text=intake.clean_text(text, field_name="text", max_length=20000),
        url=intake.clean_link(url) if (url or "").strip() else "",
    )
    checked = None
    if upload is not None:
        checked = intake.clean_files([upload])[0]
        note.sha256 = hashlib.sha256(checked.data).hexdigest()
    with transaction.atomic():
        if checked is not None:
            note.file.save(checked.storage_name, ContentFile(checked.data), save=False)
        note.save()
        _record(note, "note.added", actor, commune_id, after=_snapshot(note), case_id=case.pk)
    return note


def case_escalate(*, case: Case, actor, commune: Commune, reason: str = "") -> Escalation:
    if not perms.may_escalate(actor, case, commune.pk):
        _deny()
    if case.merged_into_id:
        raise CaseError(_("Vụ việc đã được gộp vào vụ việc khác."))
    with transaction.atomic():
        escalation, created = Escalation.objects.get_or_create(
            case=case, commune=commune,
            defaults={"by": actor, "at": timezone.now(),
                      "reason": intake.clean_optional(reason, max_length=2000,
                                                      field_name="reason")},
        )
        if not created:
            raise CaseError(_("Vụ việc đã được chuyển Công an xã."))
        _record(escalation, "case.escalated", actor, commune.pk, after=_snapshot(escalation),
                case_id=case.pk)
    return escalation


def takedown_save(*, case: Case, actor, commune: Commune, platform: str, url: str,
                  status: str = TakedownStatus.PENDING, sent_on=None, resolved_on=None,
                  note: str = "", takedown: Takedown | None = None) -> Takedown:
    if not perms.may_record_takedown(actor, case, commune.pk):
        _deny()
    status = _choice(status, TakedownStatus, _("Trạng thái không hợp lệ."), "status")
    today = timezone.localdate()
    if status in (TakedownStatus.SENT, TakedownStatus.REMOVED, TakedownStatus.REFUSED):
        sent_on = sent_on or today
    if status in (TakedownStatus.REMOVED, TakedownStatus.REFUSED):
        resolved_on = resolved_on or today
    for value in (sent_on, resolved_on):
        if value is not None and value > today:
            raise CaseError(_("Ngày không thể sau hôm nay."), field="sent_on")
    if sent_on and resolved_on and resolved_on < sent_on:
        raise CaseError(_("Ngày có kết quả không thể trước ngày gửi."), field="resolved_on")
    if sent_on and sent_on < timezone.localtime(case.opened_at).date():
        raise CaseError(_("Ngày gửi không thể trước ngày tiếp nhận vụ việc."), field="sent_on")
    values = {
        "platform": _choice(platform, Platform, _("Vui lòng chọn nền tảng."), "platform"),
        "url": intake.clean_link(url),
        "status": status,
        "sent_on": sent_on,
        "resolved_on": resolved_on,
        "note": intake.clean_optional(note, max_length=2000, field_name="note"),
    }
    with transaction.atomic():
        if takedown is None:
            takedown = Takedown(case=case, commune=commune, created_by=actor)
            before = None
        else:
            if takedown.case_id != case.pk or takedown.commune_id != commune.pk:
                _deny()
            before = _snapshot(takedown)
        for name, value in values.items():
            setattr(takedown, name, value)
        takedown.save()
        _record(takedown, "takedown.saved", actor, commune.pk, before=before,
                after=_snapshot(takedown), case_id=case.pk)
    return takedown


# Privacy -----------------------------------------------------------------------------------


def tip_contacts(*, tip: Tip, actor) -> dict:
    """The reporter's contact, for those allowed; every look is audited."""
    if not perms.may_see_contacts(actor, tip):
        _deny()
    with transaction.atomic():
        _record(tip, "tip.contacts_viewed", actor, tip.commune_id)
    return {name: getattr(tip, name) for name in Tip.CONTACT_FIELDS}


def _erase(tip: Tip, now, actor, reason: str) -> None:
    Tip.objects.filter(pk=tip.pk).update(
        reporter_name="", reporter_phone="", reporter_email="", contact_erased_at=now
    )
    _record(tip, "tip.contacts_erased", actor, tip.commune_id, reason=reason)


def erase_expired_contacts(*, now: datetime.datetime | None = None) -> int:
    """Erase the contacts of tips whose case closed longer ago than the commune keeps them."""
    now = now or timezone.now()
    erased = 0
    default_days = DeskSettings._meta.get_field("contact_retention_days").default
    days_by_commune = dict(DeskSettings.objects.values_list("commune_id",
                                                            "contact_retention_days"))
    tips = Tip.objects.filter(
        contact_erased_at__isnull=True, case__closed_at__isnull=False
    ).exclude(reporter_name="", reporter_phone="", reporter_email="").select_related("case")
    for tip in tips.iterator():
        case = tip.case
        while case.merged_into_id:
            case = case.merged_into
        if case.closed_at is None:
            continue
        keep = datetime.timedelta(days=days_by_commune.get(tip.commune_id, default_days))
        if case.closed_at + keep <= now:
            with transaction.atomic():
                _erase(tip, now, None, "retention")
            erased += 1
    return erased


def erase_contacts_by_receipt(*, receipt: str) -> bool:
    """The reporter's own request. Always answers the same way, whether the code exists."""
    tip = Tip.objects.filter(receipt=(receipt or "").strip().upper()).first()
    if tip is None or tip.contact_erased_at or not tip.has_contact:
        return False
    with transaction.atomic():
        _erase(tip, timezone.now(), None, "reporter_request")
    return True


def desk_settings_for(commune: Commune) -> DeskSettings:
    return DeskSettings.objects.filter(commune=commune).first() or DeskSettings(commune=commune)


def desk_settings_save(*, commune: Commune, actor, **values) -> DeskSettings:
    if not (actor.is_superuser or commune.pk in perms.desk_communes(actor)):
        _deny()
    with transaction.atomic():
        item = desk_settings_for(commune)
        before = _snapshot(item) if item.pk else None
        for name, value in values.items():
            setattr(item, name, value)
        try:
            item.full_clean()
        except ValidationError as exc:
            raise CaseError("; ".join(exc.messages)) from exc
        item.save()
        _record(item, "settings.saved", actor, commune.pk, before=before, after=_snapshot(item))
    return item
