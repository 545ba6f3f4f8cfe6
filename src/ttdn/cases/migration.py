"""Bringing a commune's earlier records of false information into the desk (``ttdn cases
import``).

One record is one claim as the commune logged it before: its text, optionally an external
reference (kept on the tip, and on the case the record opens), the links it was seen at, the
verdict reached then and the date. Each record goes through the same intake as any tip
(:func:`services.tip_submit`, channel "import"), so it is checked the same way and joins the
case of an earlier record that says the same thing — one claim, one case. A record that opens a
case and carries a verdict puts that case straight into the "verdict" state with it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import audit
from ttdn.core.text import fold_key

from . import intake, services
from .errors import CaseError
from .models import Case, CaseStatus, Channel, MatchDecision, Tip, Verdict

IMPORTED_ACTION = "ttdn.cases.case.imported"  # registered in wagtail_hooks.LOG_ACTIONS
MAX_REF = 100

# Verdicts as written in old records: the codes, the labels, and a few usual short forms.
_VERDICTS = {
    **{fold_key(choice.value): choice.value for choice in Verdict},
    **{fold_key(str(choice.label)): choice.value for choice in Verdict},
    "sai su that": Verdict.FALSE,
    "sai mot phan": Verdict.PARTLY_FALSE,
    "dung su that": Verdict.TRUE,
    "chua the kiem chung": Verdict.UNVERIFIABLE,
    "partly false": Verdict.PARTLY_FALSE,
    "partly-false": Verdict.PARTLY_FALSE,
    "sai": Verdict.FALSE,
    "dung": Verdict.TRUE,
    "tin gia": Verdict.FALSE,
}


@dataclass(frozen=True)
class Record:
    """One earlier record, checked."""

    text: str
    ref: str = ""
    links: tuple[str, ...] = ()
    verdict: str = ""
    received_at: datetime.datetime | None = None


@dataclass(frozen=True)
class Imported:
    tip: Tip
    created: bool  # False: the same reference was imported before; nothing changed
    joined: bool  # the record joined an existing case
    suggestions: int  # possible duplicates left for staff to confirm
    verdict_set: bool


def _text(value, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise CaseError(_("Trường “%(name)s” phải là chuỗi ký tự.") % {"name": name}, field=name)
    return str(value).strip()


def parse_verdict(value) -> str:
    """A verdict code from a code or a Vietnamese label ("sai sự thật", …); "" if empty."""
    text = _text(value, "verdict")
    if not text:
        return ""
    found = _VERDICTS.get(fold_key(text.replace("_", " ")), _VERDICTS.get(fold_key(text)))
    if found is None:
        raise CaseError(
            _("Kết luận “%(value)s” không hợp lệ: dùng false, partly_false, true, unverifiable "
              "hoặc “sai sự thật”, “sai một phần”, “đúng sự thật”, “chưa thể kiểm chứng”.")
            % {"value": text[:60]},
            field="verdict",
        )
    return str(found)


def parse_date(value) -> datetime.datetime | None:
    """``YYYY-MM-DD`` (noon, local time) or an ISO date and time; never in the future."""
    text = _text(value, "date")
    if not text:
        return None
    try:
        if len(text) == 10:
            day = datetime.date.fromisoformat(text)
            moment = datetime.datetime.combine(day, datetime.time(12, 0))
        else:
            moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise CaseError(
            _("Ngày “%(value)s” không hợp lệ: dùng dạng NĂM-THÁNG-NGÀY, ví dụ 2026-03-15, hoặc "
              "ngày giờ ISO, ví dụ 2026-03-15T08:30:00+07:00.") % {"value": text[:40]},
            field="date",
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > timezone.now():
        raise CaseError(_("Ngày “%(value)s” ở tương lai.") % {"value": text[:40]}, field="date")
    return moment


def parse_record(data) -> Record:
    """A record from one decoded JSON line; ``CaseError`` names what is wrong."""
    if not isinstance(data, dict):
        raise CaseError(_("Mỗi dòng phải là một đối tượng JSON, ví dụ {\"text\": \"…\"}."))
    text = _text(data.get("text"), "text")
    if not text:
        raise CaseError(_("Thiếu nội dung: trường “text” là bắt buộc."), field="text")
    ref = _text(data.get("ref"), "ref")
    if len(ref) > MAX_REF:
        raise CaseError(_("Số hiệu “ref” dài quá %(limit)s ký tự.") % {"limit": MAX_REF},
                        field="ref")
    links = data.get("links") or ()
    if not isinstance(links, (str, list, tuple)) or (
        not isinstance(links, str) and not all(isinstance(link, str) for link in links)
    ):
        raise CaseError(_("Trường “links” phải là một đường dẫn hoặc danh sách đường dẫn."),
                        field="links")
    return Record(
        text=text,
        ref=ref,
        links=tuple(intake.split_links(links)),
        verdict=parse_verdict(data.get("verdict")),
        received_at=parse_date(data.get("date")),
    )


def import_record(*, commune, record: Record, actor) -> Imported:
    """Store one earlier record as a tip of ``commune`` (one transaction). A record with a
    reference that was imported before is not stored again."""
    key = f"import:{record.ref}"[:80] if record.ref else None
    with transaction.atomic():
        submitted = services.tip_submit(
            commune=commune, data=intake.TipInput(text=record.text, links=record.links),
            channel=Channel.IMPORT, actor=actor, idempotency_key=key,
            received_at=record.received_at, ref=record.ref,
        )
        tip = submitted.tip
        joined = tip.match_decision == MatchDecision.AUTO
        if not submitted.created:
            return Imported(tip, False, joined, 0, False)
        verdict_set = bool(record.verdict) and not joined
        if verdict_set:
            _set_verdict(tip.case, record, actor, commune.pk)
        return Imported(tip, True, joined, tip.suggestions.count(), verdict_set)


def _set_verdict(case: Case, record: Record, actor, commune_id) -> None:
    case = Case.objects.select_for_update().get(pk=case.pk)
    before = audit.snapshot(case)
    case.status = CaseStatus.VERDICT
    case.verdict = record.verdict
    case.verdict_at = record.received_at or timezone.now()
    case.save(update_fields=["status", "verdict", "verdict_at", "updated_at"])
    audit.record(instance=case, action=IMPORTED_ACTION, actor=actor, commune_id=commune_id,
                 before=before, after=audit.snapshot(case),
                 extra={"ref": record.ref} if record.ref else None)
