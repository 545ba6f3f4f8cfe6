"""Request-wide defaults: request context, session lifetime, no caching of internal pages."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from . import context


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = context.begin(request)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id
            return response
        finally:
            context.end(token)


class SessionLifetimeMiddleware:
    """Ends a signed-in session after its absolute lifetime, whatever the activity."""

    key = "ttdn_signed_in_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(self.key)
            now = int(time.time())
            if started is None:
                request.session[self.key] = now
            elif now - started > settings.TTDN_SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."))
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


BACK_OFFICE_PREFIXES = ("/admin/", "/account/")


class BackOfficeLanguageMiddleware:
    """The back office speaks Vietnamese unless its user chose another language in the admin's
    profile (which Wagtail's views apply themselves): a browser that asks for English, as many
    phones and computers bought abroad do, is not the officer's choice. After LocaleMiddleware,
    which still serves the public pages, the API and the error pages in the language asked for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(BACK_OFFICE_PREFIXES):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Internal pages and anything shown to a signed-in user must never be stored by caches."""

    private_prefixes = BACK_OFFICE_PREFIXES

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith(self.private_prefixes) or (
            user is not None and user.is_authenticated
        ):
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
        return response
