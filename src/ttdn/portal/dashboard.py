"""Home panel of the portal's editors: translations whose Vietnamese source changed since they
were published, with a link to update each."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from ttdn.org.models import Commune
from ttdn.org.scope import scope_of

from .editorial import ROLE_DUTY
from .translations import out_of_date

SHOWN = 8


def editorial_communes(user):
    if user.is_active and user.is_superuser:
        return Commune.objects.filter(site__isnull=False)
    ids = scope_of(user).communes_with_role(frozenset(ROLE_DUTY))
    return Commune.objects.filter(pk__in=ids, site__isnull=False)


class StaleTranslationsPanel(Component):
    name = "ttdn_portal_stale_translations"
    order = 30
    template_name = "portal/admin/panel_stale_translations.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        rows = out_of_date(editorial_communes(user))
        return {"shown": bool(rows), "title": _("Bản dịch cần cập nhật"), "rows": rows[:SHOWN],
                "more": max(0, len(rows) - SHOWN)}
