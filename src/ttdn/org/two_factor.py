"""Two-factor sign-in with TOTP (django-otp): enrolment, verification, and the rule that makes it
mandatory for leaders and the culture officer where the deployment requires it."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from ttdn.core import audit

from .errors import OrgError
from .scope import scope_of


def two_factor_required(user) -> bool:
    if not settings.TTDN_REQUIRE_2FA or not user.is_authenticated:
        return False
    return user.is_superuser or bool(scope_of(user).roles & set(settings.TTDN_2FA_ROLES))


PENDING_KEY = "ttdn_pending_totp_key"


def pending_device(user, session) -> TOTPDevice:
    """The device being enrolled. Its key lives in the session until a first code confirms it,
    so opening the enrolment page writes nothing."""
    if not session.get(PENDING_KEY):
        session[PENDING_KEY] = default_key()
    return TOTPDevice(user=user, name="TTĐN", key=session[PENDING_KEY], confirmed=False)


def two_factor_enable(*, user, token: str, request) -> TOTPDevice:
    """Confirms the pending device with a first valid code; the session counts as verified."""
    device = pending_device(user, request.session)
    with transaction.atomic():
        device.confirmed = True
        if not device.verify_token(token.strip()):  # saves the device only when the code is valid
            raise OrgError(
                _("Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã mới trên ứng dụng.")
            )
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        audit.record(instance=user, action="ttdn.org.two_factor.enabled", actor=user,
                     commune_id=_any_commune(user))
    del request.session[PENDING_KEY]
    otp_login(request, device)
    return device


def two_factor_verify(*, user, token: str, request) -> None:
    """Checks a code at sign-in. django-otp refuses a code already used (``last_t``)."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token.strip()):
            otp_login(request, device)
            return
    raise OrgError(_("Mã xác thực không đúng, đã hết hạn hoặc đã được dùng. Hãy nhập mã mới."))


def has_confirmed_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def _any_commune(user):
    communes = sorted(scope_of(user).commune_ids)
    return communes[0] if communes else None
