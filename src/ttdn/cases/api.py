"""The desk's public API (django-ninja), mounted at /api/v1/ by ``ttdn.config.api``.

* ``POST /api/v1/tips`` — file a tip for a commune (anonymous). Send ``Idempotency-Key`` (8–76
  visible ASCII characters, e.g. a UUID): the same key with the same text returns the first
  receipt (200) instead of filing twice (201); the same key with another text is refused (422).
* ``GET /api/v1/tips/{receipt}`` — the tip's public status, as on the status page.
* ``GET /api/v1/clarifications?commune=…`` — published clarifications a commune shows, each with
  its schema.org ClaimReview.

No authentication and no cookie: nothing here reads or sets a session, so cross-site request
forgery has nothing to ride on, and ninja leaves CSRF to cookie-based auth (there is none).
Writes must be ``Content-Type: application/json``: a browser on another site can then only send
one after a CORS preflight, which this API does not grant, so web pages elsewhere cannot make
their visitors file tips; servers of other sites can. Every message is Vietnamese. Submissions
and status look-ups share the per-address limits of the public pages (``ttdn.core.throttle``).
"""

import datetime
import functools
import re
from typing import Literal

from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from pydantic import field_validator

from ttdn.core import throttle
from ttdn.core.context import client_address_of
from ttdn.org.models import AreaLevel, AreaScheme, Commune

from . import claimreview, intake, services
from .errors import CaseError
from .forms import normalise_receipt
from .models import Channel, Tip
from .views_public import (
    clarification_url,
    lookup_rate,
    public_status,
    public_url,
    same_text,
    tip_rate,
)

MAX_BODY_BYTES = 512 * 1024
_KEY = re.compile(r"^[\x21-\x7e]{8,76}$")

router = Router(tags=["Tin báo sai sự thật"])


class ErrorOut(Schema):
    field: str | None = Field(None, description="Trường dữ liệu có lỗi (nếu có)")
    message: str = Field(..., description="Thông báo lỗi bằng tiếng Việt")


class TipIn(Schema):
    commune: str = Field(..., description="Mã đơn vị hành chính của xã (ví dụ 15178) hoặc "
                                          "mã định danh (slug, ví dụ cam-tan)")
    text: str = Field(..., description="Nội dung thông tin đã thấy (tối đa 5.000 ký tự)")
    links: list[str] = Field(default_factory=list,
                             description="Đường dẫn http(s) nơi thấy thông tin (tối đa 10)")
    platform: str = Field("", description="facebook, tiktok, youtube, zalo, website, "
                                          "word_of_mouth hoặc other")
    seen_on: datetime.date | None = Field(None, description="Ngày thấy (YYYY-MM-DD)")
    reporter_name: str = ""
    reporter_phone: str = ""
    reporter_email: str = ""
    consent: bool = Field(False, description="Bắt buộc là true khi có thông tin liên hệ: "
                                             "đồng ý để xã lưu và dùng để liên hệ về tin báo")
    language: Literal["vi", "en"] = "vi"

    @field_validator("commune", "text", "platform", "reporter_name", "reporter_phone",
                     "reporter_email", "links")
    @classmethod
    def no_lone_surrogates(cls, value):
        """JSON may escape half of a UTF-16 pair ("\\ud800"): no database can store that."""
        for text in value if isinstance(value, list) else [value]:
            if any("\ud800" <= char <= "\udfff" for char in text):
                raise ValueError("lone surrogate")
        return value


class ReceiptOut(Schema):
    receipt: str
    status_url: str


class StageOut(Schema):
    code: str
    label: str
    state: Literal["done", "current", "todo"]
    current: bool = Field(..., description="Bước hiện tại của tin báo")


class PublishedOut(Schema):
    title: str
    body: str
    language: str
    verdict: str
    verdict_label: str
    published_on: datetime.date
    url: str


class TipStatusOut(Schema):
    receipt: str
    received_on: datetime.date
    stage: str
    stages: list[StageOut]
    closed: bool
    matching: bool = Field(False, description="Đang đối chiếu với các tin đã nhận (vài giây)")
    clarification: PublishedOut | None


class ClarificationOut(Schema):
    case_id: int
    url: str
    title: str
    verdict: str
    verdict_label: str
    published_on: datetime.date
    claim_review: dict


def _error(status: int, message: str, field: str | None = None, **headers) -> JsonResponse:
    response = JsonResponse({"field": field, "message": message}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    add_never_cache_headers(response)
    return response


def guarded(scope: str, *, body: bool = False):
    """Before ninja reads anything: Vietnamese messages, the body cap and media type (writes),
    and the per-address limit of ``scope``."""

    def decorator(run):
        @functools.wraps(run)
        def wrapper(request, *args, **kwargs):
            with translation.override("vi"):
                if body:
                    try:
                        length = int(request.META.get("CONTENT_LENGTH") or 0)
                    except ValueError:
                        length = 0
                    if length > MAX_BODY_BYTES:
                        return _error(413, _("Dữ liệu gửi lên quá lớn (tối đa 512 KB)."))
                    media_type = request.content_type or ""
                    if media_type != "application/json":
                        return _error(415, _("Chỉ nhận dữ liệu JSON (Content-Type: "
                                             "application/json)."))
                limit, window = tip_rate() if scope == "tip" else lookup_rate()
                wait = throttle.hit(scope, client_address_of(request), limit, window)
                if wait:
                    return _error(429, _("Quá nhiều yêu cầu từ địa chỉ mạng này. Vui lòng thử "
                                         "lại sau %(seconds)s giây.") % {"seconds": wait},
                                  Retry_After=str(wait))
                response = run(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response

        return wrapper

    return decorator


def _commune(value: str) -> Commune | None:
    value = (value or "").strip()
    communes = Commune.objects.select_related("area", "site")
    if value.isdigit():
        # scheme and level name the unique index: a code alone would scan the area table
        return communes.filter(area__scheme=AreaScheme.CURRENT, area__level=AreaLevel.COMMUNE,
                               area__code=int(value)).first()
    return communes.filter(slug=value.lower()).first() if value else None


def _site_url(commune, path: str) -> str:
    site = getattr(commune, "site", None)
    return f"{site.root_url}{path}" if site is not None else path


@router.post(
    "/tips",
    response={200: ReceiptOut, 201: ReceiptOut, 400: ErrorOut, 413: ErrorOut, 415: ErrorOut,
              422: ErrorOut, 429: ErrorOut},
    summary="Gửi tin báo thông tin sai sự thật",
    operation_id="tip_create",
)
@decorate_view(guarded("tip", body=True))
def tip_create(request, payload: TipIn):
    key = (request.headers.get("Idempotency-Key") or "").strip()
    if key and not _KEY.match(key):
        return Status(400, {"field": "Idempotency-Key", "message": _(
            "Idempotency-Key phải gồm 8–76 ký tự ASCII nhìn thấy được (ví dụ một UUID).")})
    commune = _commune(payload.commune)
    if commune is None:
        return Status(400, {"field": "commune", "message": _("Không tìm thấy xã “%(value)s”.")
                            % {"value": payload.commune[:80]}})
    data = intake.TipInput(
        text=payload.text, links=tuple(payload.links), platform=payload.platform,
        seen_on=payload.seen_on, reporter_name=payload.reporter_name,
        reporter_phone=payload.reporter_phone, reporter_email=payload.reporter_email,
        consent=payload.consent, language=payload.language,
    )
    try:
        result = services.tip_submit(commune=commune, data=data, channel=Channel.API,
                                     idempotency_key=f"api:{key}" if key else None,
                                     defer_matching=True)
    except CaseError as error:
        return Status(400, {"field": error.field, "message": error.message})
    if not result.created and not same_text(result.tip, payload.text):
        return Status(422, {"field": "Idempotency-Key", "message": _(
            "Idempotency-Key này đã được dùng cho một tin báo có nội dung khác.")})
    tip = result.tip
    body = {"receipt": tip.receipt,
            "status_url": _site_url(commune, public_url("status", "vi", receipt=tip.receipt))}
    return Status(201 if result.created else 200, body)


@router.get(
    "/tips/{receipt}",
    response={200: TipStatusOut, 404: ErrorOut, 429: ErrorOut},
    summary="Tình trạng công khai của một tin báo",
    operation_id="tip_status",
)
@decorate_view(guarded("lookup"))
def tip_status(request, receipt: str, lang: Literal["vi", "en"] = "vi"):
    code = normalise_receipt(receipt)
    tip = (Tip.objects.filter(receipt=code).select_related("case", "commune__site").first()
           if code else None)
    if tip is None:
        return Status(404, {"field": "receipt", "message": _(
            "Không tìm thấy tin báo với mã này. Vui lòng kiểm tra lại mã tiếp nhận.")})
    data = public_status(tip, lang)
    published = data["clarification"]
    if published is not None:
        published = {**published, "url": _site_url(tip.commune, published.pop("path"))}
    return Status(200, {**data, "clarification": published})


class ClarificationQuery(Schema):
    commune: str = Field(..., description="Mã đơn vị hành chính của xã hoặc mã định danh")
    lang: Literal["vi", "en"] = "vi"
    limit: int = Field(50, ge=1, le=200)


@router.get(
    "/clarifications",
    response={200: list[ClarificationOut], 404: ErrorOut, 429: ErrorOut},
    summary="Các bài cải chính đã công bố trên trang của một xã",
    operation_id="clarification_list",
)
@decorate_view(guarded("lookup"))
def clarification_list(request, query: Query[ClarificationQuery]):
    commune = _commune(query.commune)
    if commune is None:
        return Status(404, {"field": "commune", "message": _("Không tìm thấy xã “%(value)s”.")
                            % {"value": query.commune[:80]}})
    items = []
    for case in claimreview.published_for(commune)[: query.limit]:
        url = clarification_url(case.clarification, commune, query.lang)
        review = claimreview.claim_review(case, url, query.lang)
        items.append({
            "case_id": case.pk, "url": url, "title": review["name"],
            "verdict": case.verdict,
            "verdict_label": review["reviewRating"].get("alternateName", ""),
            "published_on": review["datePublished"], "claim_review": review,
        })
    return Status(200, items)

