"""Reads of the organisation, always within what the user may see."""

from .models import Commune, Membership, Unit
from .permissions import commune_policy, membership_policy, unit_policy
from .scope import scope_of


def commune_list_visible_to(*, user):
    return commune_policy.instances_user_has_permission_for(user, "view").select_related("area")


def unit_list_visible_to(*, user):
    return unit_policy.instances_user_has_permission_for(user, "view").select_related("commune")


def membership_list_visible_to(*, user):
    return membership_policy.instances_user_has_permission_for(user, "view").select_related(
        "user", "unit", "unit__commune"
    )


def units_of_commune(*, commune: Commune):
    """The active units of one commune (used by other apps' forms once the commune is in scope)."""
    return Unit.objects.filter(commune=commune, is_active=True)


def memberships_of(*, user):
    """The user's own active seats, for the dashboard."""
    return (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("unit", "unit__commune", "unit__commune__area", "area")
        .order_by("role")
    )


def user_commune_ids(*, user) -> frozenset:
    return scope_of(user).commune_ids
