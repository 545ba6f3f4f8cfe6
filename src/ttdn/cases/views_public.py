"""The public half of the false-information desk, on each commune's own host: the tip form, the
receipt, the status look-up (with erasure of the reporter's contact) and the published
clarification with its ClaimReview.

Plain Django views, never cached (forms carry a CSRF token, receipts are private). The commune
comes from the request's host (Wagtail ``Site``); a host without a commune answers 404. Each
route exists in Vietnamese (no prefix) and English (``/en/``); the view activates the route's
language, so the rest of the site keeps negotiating its language as before (see
``urls_public``).

Once the commune's portal exists in the page's language, these pages wear the portal's frame
(``portal/base.html`` through ``cases/public/portal_layout.html``), and a published clarification
lives on the portal's clarification section: ``/cai-chinh/<case id>/`` then redirects there
(301), and keeps rendering the interim page for a commune without such a section. The portal is
imported inside the functions that need it (the portal imports the desk, not the reverse).
"""

import functools

from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from ttdn.core import throttle
from ttdn.core.context import client_address_of
from ttdn.org.models import Commune

from . import claimreview, intake, services
from .errors import CaseError
from .forms import LookupForm, TipForm, initial_tip_form, new_key, normalise_receipt
from .models import Case, CaseStatus, Channel, Tip, Verdict

LANGUAGES = ("vi", "en")
# Status look-ups (pages and API): many more than submissions, still far too few to guess a
# receipt code (about 50 bits).
DEFAULT_LOOKUP_RATE = (120, 60 * 60)
# Five files of 10 MB, the text fields and the multipart overhead.
MAX_FORM_BYTES = 55 * 1024 * 1024

STAGES = (
    ("received", gettext_lazy("Đã tiếp nhận")),
    ("verifying", gettext_lazy("Đang xác minh")),
    ("concluded", gettext_lazy("Đã có kết luận")),
    ("published", gettext_lazy("Đã công bố cải chính")),
)
_STAGE_OF_STATUS = {
    CaseStatus.NEW: 0,
    CaseStatus.TRIAGED: 0,
    CaseStatus.ASSIGNED: 1,
    CaseStatus.VERIFYING: 1,
    CaseStatus.VERDICT: 2,
    CaseStatus.RESPONDED: 2,
}


def tip_rate() -> tuple[int, int]:
    """(count, seconds) of submissions per address: settings.TTDN_CASES_TIP_RATE."""
    return throttle.rate("TTDN_CASES_TIP_RATE")


def lookup_rate() -> tuple[int, int]:
    return throttle.rate("TTDN_CASES_LOOKUP_RATE", DEFAULT_LOOKUP_RATE)


# Routing helpers ---------------------------------------------------------------------------


def public_url(name: str, language: str, **kwargs) -> str:
    """The path of a public desk page in ``language`` ("vi" without prefix, "en" under /en/)."""
    return reverse(f"cases_public:{name}-{language}", kwargs=kwargs or None)


def commune_for(request) -> Commune | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    return Commune.objects.filter(site=site).select_related("area", "site").first()


def _other_language_urls(request) -> dict[str, str]:
    match = request.resolver_match
    base = match.url_name.rsplit("-", 1)[0]
    urls = {}
    for code in LANGUAGES:
        try:
            urls[code] = public_url(base, code, **match.captured_kwargs)
        except NoReverseMatch:
            continue
    return urls


def public_page(view):
    """Activates the route's language and finds the host's commune (404 without one)."""

    @functools.wraps(view)
    def wrapper(request, *args, language, **kwargs):
        translation.activate(language)
        request.LANGUAGE_CODE = language
        commune = commune_for(request)
        if commune is None:
            raise Http404(_("Trang này không thuộc trang thông tin của xã nào."))
        return view(request, commune, language, *args, **kwargs)

    return wrapper


def _portal_frame(commune, language) -> dict:
    """The portal's frame for a desk page: its layout, and the home page of the commune's portal
    in ``language`` as ``page`` and ``portal_home`` (what ``portal/base.html`` reads)."""
    from ttdn.portal.clarifications import home_for

    home = home_for(commune, language)
    if home is None:
        return {"layout": "cases/public/base.html"}
    return {"layout": "cases/public/portal_layout.html", "page": home, "portal_home": home}


def _render(request, commune, language, template, context=None, *, status=200, title="",
            private=False):
    urls = _other_language_urls(request)
    authority = claimreview.authority_name(commune)
    context = {
        **_portal_frame(commune, language),
        "commune": commune,
        "authority": authority,
        "language": language,
        "page_title": title,
        "meta_title": title,
        "switch_language": "en" if language == "vi" else "vi",
        "switch_url": urls.get("en" if language == "vi" else "vi"),
        "alternates": urls,
        "noindex": private,
        "tip_url": public_url("tip", language),
        "lookup_url": public_url("lookup", language),
        **(context or {}),
    }
    response = render(request, template, context, status=status)
    if private:
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


# The tip form ------------------------------------------------------------------------------


def _consent_days(commune) -> int:
    return services.desk_settings_for(commune).contact_retention_days


def _render_form(request, commune, language, form, *, status=200, notice=None,
                 files_dropped=False, retry_after=None):
    form.annotate()
    response = _render(
        request, commune, language, "cases/public/tip_form.html",
        {"form": form, "notice": notice, "files_dropped": files_dropped,
         "retention_days": _consent_days(commune)},
        status=status, title=_("Báo tin sai sự thật"), private=True,
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _tip_input(form, language) -> intake.TipInput:
    data = form.cleaned_data
    return intake.TipInput(
        text=data.get("text") or "",
        links=tuple(intake.split_links(data.get("links") or "")),
        platform=data.get("platform") or "",
        seen_on=data.get("seen_on"),
        reporter_name=data.get("reporter_name") or "",
        reporter_phone=data.get("reporter_phone") or "",
        reporter_email=data.get("reporter_email") or "",
        consent=bool(data.get("consent")),
        language=language,
    )


def same_text(tip: Tip, text: str) -> bool:
    """Is ``text`` (as sent again with an idempotency key) the text ``tip`` was stored with?"""
    try:
        return intake.clean_text(text) == tip.text
    except CaseError:
        return False


def submit(*, commune, data, files, channel, key: str) -> services.Submitted:
    """``tip_submit`` with an idempotency key. A key replayed with another text is not a
    replay (a reporter who went back and changed the form): that text is filed on its own."""
    result = services.tip_submit(commune=commune, data=data, files=files, channel=channel,
                                 idempotency_key=key, defer_matching=True)
    if not result.created and not same_text(result.tip, data.text):
        result = services.tip_submit(commune=commune, data=data, files=files, channel=channel,
                                     idempotency_key=f"{key.split(':', 1)[0]}:{new_key()}",
                                     defer_matching=True)
    return result


@require_http_methods(["GET", "HEAD", "POST"])
@public_page
def tip_form(request, commune, language):
    if request.method != "POST":
        return _render_form(request, commune, language, initial_tip_form())
    if _content_length(request) > MAX_FORM_BYTES:
        form = initial_tip_form()
        return _render_form(
            request, commune, language, form, status=413,
            notice=_("Dữ liệu gửi lên quá lớn (trên 55 MB) nên chưa được nhận. Mỗi tin báo nhận "
                     "tối đa 5 tệp, mỗi tệp không quá 10 MB: vui lòng bớt hoặc thu nhỏ tệp rồi "
                     "gửi lại."),
        )
    form = TipForm(request.POST)
    files = request.FILES.getlist("files")
    files_dropped = bool(files)
    wait = throttle.hit("tip", client_address_of(request), *tip_rate())
    if wait:
        minutes = throttle.retry_after_minutes(wait)
        return _render_form(
            request, commune, language, form.unbound_copy(), status=429, retry_after=wait,
            files_dropped=files_dropped,
            notice=translation.ngettext(
                "Từ địa chỉ mạng của bạn đã có quá nhiều tin báo gửi trong thời gian ngắn. "
                "Vui lòng gửi lại sau khoảng %(minutes)s phút; nội dung bạn nhập vẫn còn "
                "dưới đây.",
                "Từ địa chỉ mạng của bạn đã có quá nhiều tin báo gửi trong thời gian ngắn. "
                "Vui lòng gửi lại sau khoảng %(minutes)s phút; nội dung bạn nhập vẫn còn "
                "dưới đây.",
                minutes,
            ) % {"minutes": minutes},
        )
    key = form.submitted_key()
    earlier = services.tip_for_key(commune, f"web:{key}") if key else None
    if earlier is not None and same_text(earlier, form.data.get("text", "")):
        # A double click or a retried POST (even one the time trap would now hold back):
        # it landed already, show its receipt.
        return _see_other(public_url("receipt", language, receipt=earlier.receipt))
    if not form.is_valid():
        form.refresh_tokens()
        return _render_form(request, commune, language, form, status=400,
                            files_dropped=files_dropped)
    if form.honeypot_filled():
        form.refresh_tokens()
        form.add_error(None, _("Biểu mẫu có một ô ẩn dành cho kiểm tra chống thư rác đã bị "
                               "điền. Vui lòng gửi lại."))
        return _render_form(request, commune, language, form, status=400,
                            files_dropped=files_dropped)
    trap = form.time_trap()
    if trap:
        form.refresh_tokens()
        return _render_form(request, commune, language, form, status=400, notice=trap,
                            files_dropped=files_dropped)
    try:
        result = submit(commune=commune, data=_tip_input(form, language), files=files,
                        channel=Channel.PORTAL, key=f"web:{key}")
    except CaseError as error:
        form.add_case_error(error)
        form.refresh_tokens()
        return _render_form(request, commune, language, form, status=400,
                            files_dropped=files_dropped)
    return _see_other(public_url("receipt", language, receipt=result.tip.receipt))


# Receipt and status ------------------------------------------------------------------------


def _lookup_throttled(request, commune, language, form=None):
    wait = throttle.hit("lookup", client_address_of(request), *lookup_rate())
    if not wait:
        return None
    minutes = throttle.retry_after_minutes(wait)
    response = _render(
        request, commune, language, "cases/public/status_lookup.html",
        {"form": form or LookupForm(),
         "notice": translation.ngettext(
             "Có quá nhiều lượt tra cứu từ địa chỉ mạng của bạn. Vui lòng thử lại sau khoảng "
             "%(minutes)s phút.",
             "Có quá nhiều lượt tra cứu từ địa chỉ mạng của bạn. Vui lòng thử lại sau khoảng "
             "%(minutes)s phút.",
             minutes,
         ) % {"minutes": minutes}},
        status=429, title=_("Tra cứu tin báo"), private=True,
    )
    response["Retry-After"] = str(wait)
    return response


def _not_found(request, commune, language, form=None):
    form = form or LookupForm()
    return _render(
        request, commune, language, "cases/public/status_lookup.html",
        {"form": form, "not_found": True},
        status=404, title=_("Tra cứu tin báo"), private=True,
    )


def _tip_of(commune, receipt: str) -> Tip | None:
    return (Tip.objects.filter(receipt=receipt, commune=commune)
            .select_related("case").first())


@require_http_methods(["GET", "HEAD"])
@public_page
def tip_receipt(request, commune, language, receipt):
    code = normalise_receipt(receipt)
    if code and code != receipt:
        return HttpResponseRedirect(public_url("receipt", language, receipt=code))
    throttled = _lookup_throttled(request, commune, language)
    if throttled:
        return throttled
    tip = _tip_of(commune, code) if code else None
    if tip is None:
        return _not_found(request, commune, language)
    return _render(
        request, commune, language, "cases/public/receipt.html",
        {"receipt": tip.receipt,
         "status_url": public_url("status", language, receipt=tip.receipt)},
        title=_("Đã tiếp nhận tin báo"), private=True,
    )


@require_http_methods(["GET", "HEAD"])
@public_page
def status_lookup(request, commune, language):
    if "receipt" not in request.GET:
        return _render(request, commune, language, "cases/public/status_lookup.html",
                       {"form": LookupForm()}, title=_("Tra cứu tin báo"), private=True)
    form = LookupForm(request.GET)
    code = normalise_receipt(request.GET.get("receipt", ""))
    if code is None:
        throttled = _lookup_throttled(request, commune, language, form)
        return throttled or _not_found(request, commune, language, form)
    return HttpResponseRedirect(public_url("status", language, receipt=code))


def public_status(tip: Tip, language: str) -> dict:
    """What the holder of a receipt may know about the tip's case: its public stage and, once
    published, the clarification — never anyone's contact, other tips, notes, units or staff."""
    case = tip.case.surviving() if tip.case is not None else None  # None: being matched
    clarification = claimreview.published_clarification(case) if case is not None else None
    if clarification is not None:
        stage = 3
    elif case is None:
        stage = 0
    elif case.status == CaseStatus.CLOSED:
        stage = 2 if case.verdict else 0
    else:
        stage = _STAGE_OF_STATUS.get(case.status, 0)
    closed = case is not None and case.status == CaseStatus.CLOSED and clarification is None
    with translation.override(language):
        last = len(STAGES) - 1
        stages = [
            {"code": code, "label": str(label), "current": index == stage,
             # the last stage, once reached, is done: nothing more will happen
             "state": "done" if index < stage or index == stage == last
             else "current" if index == stage else "todo"}
            for index, (code, label) in enumerate(STAGES)
        ]
        published = None
        if clarification is not None:
            title, body, text_language = claimreview.texts(clarification, language)
            published = {
                "title": title,
                "body": body,
                "language": text_language,
                "verdict": case.verdict,
                "verdict_label": str(Verdict(case.verdict).label) if case.verdict else "",
                "published_on": timezone.localtime(clarification.published_at).date(),
                "path": clarification_path(clarification, tip.commune, language),
            }
    return {
        "receipt": tip.receipt,
        "received_on": timezone.localtime(tip.created_at).date(),
        "stage": STAGES[stage][0],
        "stages": stages,
        "closed": closed,
        "matching": case is None,
        "clarification": published,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@public_page
def status(request, commune, language, receipt):
    code = normalise_receipt(receipt)
    if code and code != receipt and request.method != "POST":
        return HttpResponseRedirect(public_url("status", language, receipt=code))
    throttled = _lookup_throttled(request, commune, language)
    if throttled:
        return throttled
    tip = _tip_of(commune, code) if code else None
    if tip is None:
        return _not_found(request, commune, language, LookupForm(initial={"receipt": receipt}))
    url = public_url("status", language, receipt=tip.receipt)
    if request.method == "POST":
        services.erase_contacts_by_receipt(receipt=tip.receipt)
        return _see_other(f"{url}?xoa=1")
    return _render(
        request, commune, language, "cases/public/status.html",
        {"status": public_status(tip, language), "erased": request.GET.get("xoa") == "1",
         "status_url": url},
        title=_("Tình trạng tin báo"), private=True,
    )


# Published clarification -------------------------------------------------------------------


def clarification_path(clarification, commune, language: str) -> str:
    """Where ``commune``'s site shows the clarification, from the site's root: the portal page
    when the commune's portal has a clarification section in ``language``, else the interim
    page below."""
    from ttdn.portal.clarifications import clarification_path as portal_path

    return portal_path(clarification, commune, language)


def clarification_url(clarification, commune, language: str) -> str:
    """The absolute address a reader of ``commune``'s site in ``language`` is sent to (staff
    screens, the API): see ``ttdn.portal.clarifications.clarification_url``."""
    from ttdn.portal.clarifications import clarification_url as portal_url

    return portal_url(clarification, commune, language)


def _served_case(commune, case_id):
    """(case, its published clarification) for a case whose clarification ``commune``'s site may
    show, following a merged case to the one it lives on in; (None, None) otherwise."""
    case = (Case.objects.select_related("commune__area", "commune__site", "merged_into")
            .filter(pk=case_id).first())
    if case is None:
        return None, None
    survivor = case.surviving()
    clarification = claimreview.published_clarification(survivor)
    if clarification is None or not claimreview.is_served_on(survivor, commune):
        return None, None
    return survivor, clarification


@require_http_methods(["GET", "HEAD"])
@public_page
def clarification(request, commune, language, case_id):
    from ttdn.portal import clarifications as portal

    index = portal.index_for(commune, language)
    if index is not None:
        # A clarification section whose address is this one ("cai-chinh"): the portal answers
        # for its own pages first; what it does not know is an interim address (a case id).
        answered = portal.serve_under_index(request, index, language)
        if answered is not None:
            return answered
        case, published = _served_case(commune, case_id)
        target = portal.detail_path(index, published.pk, request) if case else None
        if target is None or target == request.path:
            raise Http404(_("Không tìm thấy bài cải chính."))
        return HttpResponsePermanentRedirect(target)
    case, published = _served_case(commune, case_id)
    if case is None:
        raise Http404(_("Không tìm thấy bài cải chính."))
    if case.pk != case_id:
        return HttpResponseRedirect(public_url("clarification", language, case_id=case.pk))
    path = public_url("clarification", language, case_id=case.pk)
    data = claimreview.claim_review(case, request.build_absolute_uri(path), language)
    title, body, text_language = claimreview.texts(published, language)
    return _render(
        request, commune, language, "cases/public/clarification.html",
        {"case": case, "clarification": published, "title": title, "body": body,
         "text_language": text_language, "review": data,
         "json_ld": claimreview.json_ld_script(data),
         "verdict_label": data["reviewRating"].get("alternateName", ""),
         "sources": published.sources or [],
         "published_on": timezone.localtime(published.published_at).date()},
        title=title,
    )
