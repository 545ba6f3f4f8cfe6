"""Sends a signed-in user through two-factor verification (or enrolment, where it is required)
before any admin screen."""

from django.shortcuts import redirect
from django.urls import reverse

from .two_factor import has_confirmed_device, two_factor_required


class TwoFactorRequiredMiddleware:
    exempt_url_names = ("wagtailadmin_login", "wagtailadmin_logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.path.startswith("/admin/")
            and request.path not in {reverse(name) for name in self.exempt_url_names}
            and not user.is_verified()
        ):
            if has_confirmed_device(user):
                return redirect(f"{reverse('org:two_factor_verify')}?next={request.path}")
            if two_factor_required(user):
                return redirect("org:two_factor_setup")
        return self.get_response(request)
