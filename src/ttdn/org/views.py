"""Account screens outside the Wagtail admin shell: two-factor enrolment and verification."""

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from .errors import OrgError
from .two_factor import pending_device, two_factor_enable, two_factor_verify


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Mã xác thực (6 chữ số)"), regex=r"^\s*\d{6}\s*$", max_length=12,
        error_messages={"invalid": _("Mã gồm đúng 6 chữ số.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _safe_next(request, fallback="wagtailadmin_home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return redirect(fallback).url


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    device = pending_device(request.user, request.session)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor_enable(user=request.user, token=form.cleaned_data["token"], request=request)
        except OrgError as exc:
            form.add_error("token", exc.message)
        else:
            return redirect("wagtailadmin_home")
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return render(request, "org/two_factor_setup.html", {
        "form": form,
        "qr_data_uri": "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode(),
        "secret": base64.b32encode(device.bin_key).decode(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify_view(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor_verify(user=request.user, token=form.cleaned_data["token"], request=request)
        except OrgError as exc:
            form.add_error("token", exc.message)
        else:
            return redirect(_safe_next(request))
    return render(request, "org/two_factor_verify.html", {
        "form": form, "next": _safe_next(request),
    })
