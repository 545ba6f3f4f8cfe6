"""The admin home panel: who you are here (commune, unit, role) and what you may do."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from ttdn.core.capabilities import capabilities_for

from . import selectors
from .scope import scope_of
from .two_factor import has_confirmed_device


class SeatPanel(Component):
    name = "ttdn_seat"
    order = 10
    template_name = "org/dashboard_panel.html"

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        memberships = list(selectors.memberships_of(user=user))
        scope = scope_of(user)
        return {
            "request": request,
            "memberships": memberships,
            "overseen_count": len(scope.commune_ids) if any(
                m.area_id for m in memberships) else None,
            "capabilities": capabilities_for(user),
            "two_factor_url": reverse("org:two_factor_setup"),
            "has_two_factor": has_confirmed_device(user),
            "is_superuser": user.is_superuser,
            "title": _("Vị trí công tác của bạn"),
        }

