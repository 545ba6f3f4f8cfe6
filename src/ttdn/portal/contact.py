"""The contact page and its feedback form (``ContactPage.serve``).

GET shows the form (never from the page cache: it holds a CSRF token); a POST that is accepted
is stored through ``services.feedback_submit`` and redirected (303) to the page's thank-you
state, ``?da-gui=1`` — reloading it sends nothing again. Whatever holds a message back (too large
a request, the per-address rate limit, bad input, the honeypot, the time trap) answers with the
form again, what the reader typed still in it, and a message in the page's language (the portal
view has activated the language of the address).
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _

from ttdn.core import throttle
from ttdn.core.context import client_address_of

from . import services
from .forms import FeedbackForm
from .retention import retention_days

TEMPLATE = "portal/contact/page.html"
SENT_PARAMETER = "da-gui"
# The text fields at their limits, URL-encoded (a Vietnamese letter is up to 9 bytes), and then
# some: a long paste past the 5,000-character limit still comes back to the reader whole.
MAX_FORM_BYTES = 256 * 1024
DEFAULT_RATE = (20, 60 * 60)


def feedback_rate() -> tuple[int, int]:
    """(count, seconds) of messages per client address: TTDN_PORTAL_FEEDBACK_RATE."""
    return throttle.rate("TTDN_PORTAL_FEEDBACK_RATE", DEFAULT_RATE)


def contact_page(page, request):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if request.method == "POST":
        response = _receive(page, request)
    elif request.GET.get(SENT_PARAMETER) == "1":
        response = _render(page, request, None, sent=True)
    else:
        response = _render(page, request, FeedbackForm.fresh())
    # The form holds a CSRF token, and a re-shown one the reader's own words: no cache keeps it.
    add_never_cache_headers(response)
    patch_vary_headers(response, ["Cookie"])
    return response


def _render(page, request, form, *, status=200, notice="", sent=False, retry_after=None):
    context = page.get_context(request)
    home = context.get("portal_home")
    commune = getattr(home, "commune", None)
    if form is not None:
        form.annotate()
    context.update(
        form=form, notice=notice, sent=sent, retention_days=retention_days(),
        authority=_authority(commune), form_url=request.path,
    )
    response = TemplateResponse(request, TEMPLATE, context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _authority(commune) -> str:
    if commune is None:
        return _("Ủy ban nhân dân xã")
    from ttdn.cases.claimreview import authority_name

    return authority_name(commune)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _receive(page, request):
    if _content_length(request) > MAX_FORM_BYTES:
        return _render(page, request, FeedbackForm.fresh(), status=413, notice=_(
            "Dữ liệu gửi lên quá lớn nên chưa được nhận. Nội dung ý kiến tối đa 5.000 ký tự: "
            "vui lòng rút gọn rồi gửi lại."))
    form = FeedbackForm(request.POST)
    wait = throttle.hit("feedback", client_address_of(request), *feedback_rate())
    if wait:
        minutes = throttle.retry_after_minutes(wait)
        return _render(
            page, request, form.unbound_copy(), status=429, retry_after=wait,
            notice=translation.ngettext(
                "Từ địa chỉ mạng của bạn đã có quá nhiều ý kiến gửi trong thời gian ngắn nên ý "
                "kiến này chưa được nhận. Vui lòng gửi lại sau khoảng %(minutes)s phút; nội dung "
                "bạn nhập vẫn còn dưới đây.",
                "Từ địa chỉ mạng của bạn đã có quá nhiều ý kiến gửi trong thời gian ngắn nên ý "
                "kiến này chưa được nhận. Vui lòng gửi lại sau khoảng %(minutes)s phút; nội dung "
                "bạn nhập vẫn còn dưới đây.",
                minutes,
            ) % {"minutes": minutes},
        )
    if not form.is_valid():
        form.refresh_tokens()
        return _render(page, request, form, status=400)
    if form.honeypot_filled():
        form.refresh_tokens()
        form.add_error(None, _("Biểu mẫu có một ô ẩn dành cho kiểm tra chống thư rác đã bị "
                               "điền. Vui lòng gửi lại."))
        return _render(page, request, form, status=400)
    trap = form.time_trap()
    if trap:
        form.refresh_tokens()
        return _render(page, request, form, status=400, notice=trap)
    commune = getattr(page.get_site_home(), "commune", None)
    if commune is None:  # a contact page outside any commune's tree has nobody to read it
        raise Http404(_("Trang này không thuộc trang thông tin của xã nào."))
    try:
        services.feedback_submit(
            commune=commune, page=page, language=translation.get_language(),
            data=form.feedback_data(),
        )
    except ValidationError as error:
        form.add_model_errors(error)
        form.refresh_tokens()
        return _render(page, request, form, status=400)
    response = HttpResponseRedirect(f"{request.path}?{SENT_PARAMETER}=1")
    response.status_code = 303
    return response
