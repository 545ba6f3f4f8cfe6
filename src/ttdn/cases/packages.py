"""A case, as one commune's desk or police may hand it on: the sealed evidence package.

The package holds what the asking commune may see — the shared claim, links and status, and
that commune's own tips (their text, time and screenshots), verification log and takedown
requests. It never holds reporters' contacts: those are looked at one by one, audited.
"""

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import audit
from ttdn.core.errors import PermissionDeniedError
from ttdn.org.models import Commune

from . import evidence
from . import permissions as perms
from .models import Case, CaseNote, Channel, Escalation, Takedown, Tip, TipAttachment

FORMATS = {
    "zip": ("application/zip", evidence.build_zip),
    "pdf": ("application/pdf", evidence.build_pdf),
}


def _name(user) -> str:
    if user is None:
        return _("Hệ thống")
    return user.get_full_name() or user.get_username()


def _commune_for(actor, case: Case) -> int:
    communes = perms.working_communes(actor, case)
    allowed = communes & (perms.desk_communes(actor) | perms.police_communes(actor))
    if actor.is_superuser and not allowed:
        allowed = communes
    if not allowed:
        raise PermissionDeniedError(_("Bạn không có quyền xuất gói chứng cứ của vụ việc này."))
    return case.commune_id if case.commune_id in allowed else min(allowed)


def _read(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def evidence_data(case: Case, actor) -> evidence.EvidenceData:
    commune_id = _commune_for(actor, case)
    commune = Commune.objects.get(pk=commune_id)
    tips = list(Tip.objects.filter(case=case, commune_id=commune_id).order_by("created_at", "pk"))
    attachments = TipAttachment.objects.filter(tip__in=tips).select_related("tip").order_by("pk")
    notes = list(
        CaseNote.objects.filter(case=case, commune_id=commune_id).select_related("author")
    )
    files = [
        evidence.EvidenceFile(
            name=f"{item.tip.receipt}-{index}{_suffix(item.media_type)}",
            content=_read(item.file), media_type=item.media_type,
            captured_at=item.tip.created_at,
            note=_("Ảnh chụp/tệp kèm tin báo %(receipt)s") % {"receipt": item.tip.receipt},
        )
        for index, item in enumerate(attachments, start=1)
    ]
    files += [
        evidence.EvidenceFile(
            name=f"nhat-ky-{note.pk}{_suffix_of(note.file.name)}", content=_read(note.file),
            media_type=_media_of(note.file.name), captured_at=note.created_at,
            note=note.text[:200],
        )
        for note in notes if note.file
    ]
    log = [
        evidence.EvidenceEntry(
            at=tip.created_at,
            author=str(Channel(tip.channel).label),
            text=_("Tin báo %(receipt)s: %(text)s") % {"receipt": tip.receipt, "text": tip.text},
        )
        for tip in tips
    ]
    log += [
        evidence.EvidenceEntry(
            at=note.created_at, author=_name(note.author),
            text=" — ".join(str(part) for part in (note.get_kind_display(), note.text, note.url)
                            if part),
        )
        for note in notes
    ]
    log.sort(key=lambda entry: entry.at)
    escalation = Escalation.objects.filter(case=case, commune_id=commune_id).select_related(
        "by").first()
    takedowns = Takedown.objects.filter(case=case, commune_id=commune_id)
    first_seen = min((tip.created_at for tip in tips), default=None)
    return evidence.EvidenceData(
        case_ref=case.code + (f" ({case.ref})" if case.ref else ""),
        commune=str(commune),
        claim=case.claim,
        category=str(case.get_category_display() or _("Chưa phân loại")),
        verdict=str(case.get_verdict_display() or _("Chưa có kết luận")),
        status=str(case.get_status_display()),
        links=tuple(case.links.order_by("pk").values_list("url", flat=True)),
        first_seen=first_seen,
        received_at=case.opened_at,
        escalated_at=escalation.at if escalation else None,
        escalated_by=_name(escalation.by) if escalation else "",
        generated_at=timezone.now(),
        generated_by=_name(actor),
        files=tuple(files),
        log=tuple(log),
        takedowns=tuple(
            evidence.TakedownLine(
                platform=str(item.get_platform_display()), url=item.url,
                status=str(item.get_status_display()), sent_on=item.sent_on,
                resolved_on=item.resolved_on,
            )
            for item in takedowns
        ),
    )


def evidence_package(case: Case, actor, fmt: str) -> tuple[str, str, bytes]:
    """(file name, content type, bytes) of the sealed package; the export is audited."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    if not perms.may_export_evidence(actor, case):
        raise PermissionDeniedError(_("Bạn không có quyền xuất gói chứng cứ của vụ việc này."))
    content_type, build = FORMATS[fmt]
    data = evidence_data(case, actor)
    blob = build(data)
    with transaction.atomic():
        audit.record(
            instance=case, action="ttdn.cases.evidence.exported", actor=actor,
            commune_id=_commune_for(actor, case),
            extra={"format": fmt, "sha256": hashlib.sha256(blob).hexdigest()},
        )
    stamp = timezone.localtime(data.generated_at).strftime("%Y%m%d-%H%M")
    return f"goi-chung-cu-{case.code}-{stamp}.{fmt}", content_type, blob


_SUFFIXES = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp",
             "application/pdf": ".pdf"}


def _suffix(media_type: str) -> str:
    return _SUFFIXES.get(media_type, "")


def _suffix_of(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _media_of(name: str) -> str:
    return {suffix: media for media, suffix in _SUFFIXES.items()}.get(_suffix_of(name),
                                                                     "application/octet-stream")
