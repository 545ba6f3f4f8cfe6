"""Directive documents on the portal: the commune's issued plans, to read and to download.

``DocumentIndexPage`` lists the plans of its commune whose status is *issued*, newest first, each
with the directive documents it carries out; a plan's page shows its number and symbol, date,
signatory and legal bases ("căn cứ"). Of a directive document only its public description is
shown (symbol, kind, title, date, issuing body): never its stored scan or link. Any other plan —
a draft, a superseded one, another commune's — is a 404.

Downloads are the plans app's own Decree-30 writer (.docx) and its LibreOffice conversion (PDF),
as attachments. A conversion takes seconds, so the bytes are kept in the default cache under the
plan's *version* (a digest of the document the writer receives, which changes with any edit of
the plan, its tasks or its legal bases): a crowd gets the same bytes, and at most one conversion
of a version runs at a time (a lock in the shared cache). Conversions that are not cached count
against a per-address limit. Without LibreOffice the PDF answers 503 with a message saying so.
"""

import hashlib
import io
import logging
import re

from django.conf import settings
from django.core.cache import caches
from django.db.models import F
from django.db.models.functions import Coalesce, TruncDate
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from ttdn.core import throttle
from ttdn.core.context import client_address_of
from ttdn.core.text import fold
from ttdn.plans.errors import PlanError
from ttdn.plans.export import docx_to_pdf, plan_to_docx
from ttdn.plans.export.pdf import find_soffice
from ttdn.plans.exporting import plan_document
from ttdn.plans.models import DirectiveDocument, Plan, PlanSection, PlanStatus
from ttdn.plans.symbols import KIND_NAMES

from .clarifications import commune_of

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
FORMATS = tuple(CONTENT_TYPES)
# How long produced files stay in the cache (a new version has a new key anyway).
BYTES_SECONDS = 30 * 24 * 3600
# Longer than the slowest conversion (plans.export.pdf stops soffice after 120 s).
CONVERSION_LOCK_SECONDS = 180
# Seconds a reader is asked to wait while another request converts the same version.
CONVERTING_RETRY_SECONDS = 15
# PDF conversions per address, when the file is not cached: settings.TTDN_PORTAL_PDF_RATE.
DEFAULT_PDF_RATE = (30, 3600)


def pdf_rate() -> tuple[int, int]:
    return throttle.rate("TTDN_PORTAL_PDF_RATE", DEFAULT_PDF_RATE)


def _files():
    return caches["default"]


def _shared():
    return caches["shared"] if "shared" in settings.CACHES else caches["default"]


# Reading --------------------------------------------------------------------------------------


def issued_plans(commune):
    """The commune's issued plans, newest first (an undated one by the day it was recorded)."""
    return (
        Plan.objects.filter(commune=commune, status=PlanStatus.ISSUED)
        .annotate(sort_date=Coalesce("issued_on", TruncDate("created_at")))
        .order_by("-sort_date", "-created_at", "-pk")
    )


def _plan_or_404(index, plan_id):
    commune = commune_of(index)
    plan = issued_plans(commune).filter(pk=plan_id).first() if commune is not None else None
    if plan is None:
        raise Http404(_("Không tìm thấy văn bản."))
    return plan


def directive_facts(document) -> dict:
    """What the portal shows of a directive document: its public description, nothing more."""
    return {
        "symbol": document.symbol,
        "kind": KIND_NAMES.get(document.kind, document.kind),
        "title": document.title,
        "issued_on": document.issued_on,
        "issuing_body": document.issuing_body,
    }


def _base(index, request=None) -> str:
    """The index's address from the site's root ("/van-ban/", "/en/documents/")."""
    parts = index.get_url_parts(request)
    path = parts[2] if parts and parts[2] else "/"
    return path if path.endswith("/") else f"{path}/"


def _paths(index, plan, request=None) -> dict:
    base = _base(index, request)
    return {
        "url": base + index.reverse_subpage("document", kwargs={"plan_id": plan.pk}),
        "downloads": [
            {"format": fmt, "url": base + _download_subpath(index, plan.pk, fmt)}
            for fmt in FORMATS
        ],
    }


def _download_subpath(index, plan_id: int, fmt: str) -> str:
    return index.reverse_subpage("download", kwargs={"plan_id": str(plan_id),
                                                     "file_format": fmt})


def _chain(plan, directives: dict) -> list:
    """The documents the plan carries out, top (central) first, read from ``directives`` (the
    commune's, by id) instead of one query per step."""
    chain, seen, current = [], set(), directives.get(plan.carries_out_id)
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        chain.append(current)
        current = directives.get(current.carries_out_id)
    return list(reversed(chain))


def _directives_of(commune) -> dict:
    return {document.pk: document
            for document in DirectiveDocument.objects.filter(commune=commune)}


def plan_facts(index, plan, request=None, directives=None) -> dict:
    if directives is None:
        directives = _directives_of(plan.commune_id)
    chain = _chain(plan, directives)
    return {
        "id": plan.pk,
        "kind": plan.doc_type.strip().capitalize(),
        "symbol": plan.symbol,
        "title": plan.title,
        "issued_on": plan.issued_on,
        "issuing_body": plan.issuing_body,
        "place": plan.place,
        "signer_authority": plan.signer_authority,
        "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
        "carries_out": [directive_facts(document) for document in chain],
        **_paths(index, plan, request),
    }


def export_paths(index) -> list[str]:
    """The index's sub-paths a static copy fetches, relative to the index's own address: the
    listing (""), each plan's page and each of its downloads ("12/", "12/docx/", "12/pdf/").
    The PDF answers 503 where LibreOffice is missing: a copy keeps only what answered 200."""
    commune = commune_of(index)
    if commune is None:
        return []
    paths = [index.reverse_subpage("listing")]
    for plan_id in issued_plans(commune).values_list("pk", flat=True):
        paths.append(index.reverse_subpage("document", kwargs={"plan_id": plan_id}))
        paths.extend(_download_subpath(index, plan_id, fmt) for fmt in FORMATS)
    return paths


# Views ----------------------------------------------------------------------------------------


def _context(request, index, **extra) -> dict:
    context = index.get_context(request)
    context.update(extra)
    return context


def listing_view(request, index):
    commune = commune_of(index)
    if commune is None:
        raise Http404(_("Không tìm thấy trang."))
    directives = _directives_of(commune)
    plans = [plan_facts(index, plan, request, directives) for plan in issued_plans(commune)]
    return TemplateResponse(request, "portal/documents/index.html",
                            _context(request, index, plans=plans))


def detail_view(request, index, plan_id):
    plan = _plan_or_404(index, plan_id)
    facts = plan_facts(index, plan, request)
    sections = PlanSection.objects.filter(plan=plan, parent__isnull=True).order_by("position")
    return TemplateResponse(
        request, "portal/documents/detail.html",
        _context(
            request, index, plan=facts,
            legal_bases=[directive_facts(document)
                         for document in plan.legal_bases.order_by(
                             F("issued_on").asc(nulls_last=True), "symbol")],
            sections=[{"number": section.number, "title": section.title}
                      for section in sections],
            meta_title=" ".join(part for part in (facts["kind"], facts["symbol"]) if part),
            meta_description=plan.title[:300],
        ),
    )


# Downloads ------------------------------------------------------------------------------------


def file_name(plan, fmt: str) -> str:
    """"ke-hoach-216-kh-ubnd.pdf": ASCII letters, digits and dashes only."""
    def ascii_words(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")

    kind = ascii_words(plan.doc_type)[:40].strip("-") or "van-ban"
    symbol = ascii_words(plan.symbol)[:40].strip("-")
    return f"{kind}-{symbol or plan.pk}.{fmt}"


def version_of(plan, document) -> str:
    """A digest of what the writer would write: any change to the plan gives a new one."""
    digest = hashlib.sha256(repr(document).encode())
    digest.update(plan.updated_at.isoformat().encode() if plan.updated_at else b"")
    return digest.hexdigest()[:32]


def _key(plan, version: str, fmt: str) -> str:
    return f"ttdn:portal:plan-file:{plan.pk}:{version}:{fmt}"


def _docx(plan, document, version: str) -> bytes:
    key = _key(plan, version, "docx")
    data = _files().get(key)
    if data is None:
        data = plan_to_docx(document)
        _files().set(key, data, timeout=BYTES_SECONDS)
    return data


def _attachment(data: bytes, plan, fmt: str) -> FileResponse:
    response = FileResponse(io.BytesIO(data), as_attachment=True, filename=file_name(plan, fmt),
                            content_type=CONTENT_TYPES[fmt])
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _unavailable(request, index, plan, message: str, *, status: int, retry_after=None):
    response = TemplateResponse(
        request, "portal/documents/unavailable.html",
        _context(request, index, plan=plan_facts(index, plan, request), message=message),
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _pdf(request, index, plan, document, version: str):
    """The PDF bytes, converting once per version; or the page saying why not now."""
    key = _key(plan, version, "pdf")
    data = _files().get(key)
    if data is not None:
        return data
    try:
        find_soffice()
    except PlanError:
        return _unavailable(request, index, plan, _(
            "Máy chủ chưa cài LibreOffice nên hiện chưa tạo được bản PDF của văn bản này. "
            "Vui lòng tải bản Word (.docx)."), status=503)
    wait = throttle.hit("portal-pdf", client_address_of(request), *pdf_rate())
    if wait:
        minutes = throttle.retry_after_minutes(wait)
        return _unavailable(request, index, plan, translation.ngettext(
            "Từ địa chỉ mạng của bạn đã có quá nhiều yêu cầu tạo tệp PDF trong thời gian ngắn. "
            "Vui lòng thử lại sau khoảng %(minutes)s phút, hoặc tải bản Word (.docx).",
            "Từ địa chỉ mạng của bạn đã có quá nhiều yêu cầu tạo tệp PDF trong thời gian ngắn. "
            "Vui lòng thử lại sau khoảng %(minutes)s phút, hoặc tải bản Word (.docx).",
            minutes) % {"minutes": minutes}, status=429, retry_after=wait)
    lock = f"{key}:converting"
    if not _shared().add(lock, 1, timeout=CONVERSION_LOCK_SECONDS):
        return _unavailable(request, index, plan, _(
            "Bản PDF của văn bản này đang được tạo. Vui lòng thử lại sau ít giây, hoặc tải bản "
            "Word (.docx)."), status=503, retry_after=CONVERTING_RETRY_SECONDS)
    try:
        data = docx_to_pdf(_docx(plan, document, version))
    except PlanError as error:
        logger.warning("PDF of plan %s not produced: %s", plan.pk, error.message)
        return _unavailable(request, index, plan, _(
            "Chưa tạo được bản PDF của văn bản này. Vui lòng thử lại sau, hoặc tải bản Word "
            "(.docx)."), status=503, retry_after=60)
    finally:
        _shared().delete(lock)
    _files().set(key, data, timeout=BYTES_SECONDS)
    return data


def download_view(request, index, plan_id, file_format):
    if file_format not in CONTENT_TYPES:
        raise Http404(_("Không tìm thấy văn bản."))
    plan = _plan_or_404(index, plan_id)
    document = plan_document(plan)
    version = version_of(plan, document)
    if file_format == "docx":
        return _attachment(_docx(plan, document, version), plan, "docx")
    result = _pdf(request, index, plan, document, version)
    if not isinstance(result, bytes):
        return result
    return _attachment(result, plan, "pdf")
