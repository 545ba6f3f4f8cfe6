"""How long the portal keeps what readers say about themselves (Personal Data Protection Law
91/2025/QH15, Decree 356/2025/NĐ-CP): a feedback's name, e-mail and phone are erased once it has
been handled and was received more than ``TTDN_PORTAL_FEEDBACK_RETENTION_DAYS`` ago (365 unless
set). The message itself, its subject and dates stay. The contact form tells the reader this
period before they consent; ``ttdn portal erase-feedback`` runs the erasure.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import audit
from ttdn.core.errors import ApplicationError

from .models import Feedback

DEFAULT_RETENTION_DAYS = 365
CONTACT_FIELDS = ("name", "email", "phone")
_BATCH = 500


def retention_days() -> int:
    return int(getattr(settings, "TTDN_PORTAL_FEEDBACK_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def feedback_erase_contacts(older_than_days: int | None = None, *, actor=None,
                            now: datetime | None = None) -> int:
    """Blank the name, e-mail and phone of handled feedback received more than
    ``older_than_days`` days ago (default: the setting). Returns how many were erased; each
    leaves an audit entry that names the erased fields, never their values."""
    days = retention_days() if older_than_days is None else older_than_days
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ApplicationError(_("Số ngày lưu giữ phải là số nguyên không âm."))
    cutoff = (now or timezone.now()) - timedelta(days=days)
    due = (
        Feedback.objects.filter(handled_at__isnull=False, received_at__lt=cutoff)
        .exclude(name="", email="", phone="")
        .order_by("pk")
    )
    erased = 0
    while True:
        with transaction.atomic():
            batch = list(due.select_for_update().only("pk", "commune_id", "subject")[:_BATCH])
            if not batch:
                return erased
            Feedback.objects.filter(pk__in=[item.pk for item in batch]).update(
                name="", email="", phone="")
            for item in batch:
                audit.record(
                    instance=item, action="ttdn.portal.feedback.contacts_erased", actor=actor,
                    commune_id=item.commune_id,
                    extra={"erased": list(CONTACT_FIELDS), "older_than_days": days},
                )
        erased += len(batch)
