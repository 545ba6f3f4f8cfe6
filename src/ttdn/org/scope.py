"""What a user may reach: the communes and units of their memberships, computed once per request."""

from dataclasses import dataclass

from django.db.models import Q

from .models import AreaLevel, AreaScheme, Commune, Membership, Role

# Roles that see the work of every unit of their commune.
COMMUNE_WIDE_ROLES = frozenset({Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.CULTURE_OFFICER})
# Roles that manage the commune's organisation: units and staff accounts (plan section V.2).
ORG_MANAGER_ROLES = frozenset(COMMUNE_WIDE_ROLES | {Role.OFFICE_STAFF})


@dataclass(frozen=True)
class Scope:
    is_superuser: bool
    roles: frozenset
    commune_ids: frozenset  # every commune the user may see (member or upper level)
    unit_ids: frozenset  # units the user belongs to
    roles_by_commune: dict  # commune id → frozenset of roles held there

    def roles_in(self, commune_id) -> frozenset:
        return self.roles_by_commune.get(commune_id, frozenset())

    def communes_with_role(self, roles) -> frozenset:
        return frozenset(cid for cid, held in self.roles_by_commune.items() if held & roles)


ANONYMOUS_SCOPE = Scope(False, frozenset(), frozenset(), frozenset(), {})


def communes_under(areas) -> set:
    """Communes under the areas an upper-level officer oversees (current or legacy scheme)."""
    return set(Commune.objects.filter(commune_condition(areas)).values_list("pk", flat=True))


def commune_condition(areas) -> Q:
    """The condition on ``Commune`` of being under one of the areas."""
    condition = Q(pk__in=[])
    for area in areas:
        if area.level == AreaLevel.PROVINCE and area.scheme == AreaScheme.CURRENT:
            condition |= Q(area__parent=area)
        elif area.level == AreaLevel.PROVINCE:
            condition |= Q(legacy_area__parent__parent=area)
        elif area.level == AreaLevel.DISTRICT:
            condition |= Q(legacy_area__parent=area)
        else:
            condition |= Q(area=area) | Q(legacy_area=area)
    return condition


def scope_of(user) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS_SCOPE
    cached = getattr(user, "_ttdn_scope", None)
    if cached is not None:
        return cached
    memberships = list(
        Membership.objects.filter(user=user, is_active=True).select_related("unit", "area")
    )
    roles_by_commune: dict = {}
    unit_ids, roles, upper_areas = set(), set(), []
    for membership in memberships:
        roles.add(membership.role)
        if membership.role == Role.UPPER_LEVEL:
            upper_areas.append(membership.area)
        elif membership.unit.is_active:
            unit_ids.add(membership.unit_id)
            commune_id = membership.unit.commune_id
            roles_by_commune[commune_id] = roles_by_commune.get(commune_id, frozenset()) | {
                membership.role
            }
    for commune_id in communes_under(upper_areas):
        roles_by_commune[commune_id] = roles_by_commune.get(commune_id, frozenset()) | {
            Role.UPPER_LEVEL
        }
    scope = Scope(
        is_superuser=user.is_superuser,
        roles=frozenset(roles),
        commune_ids=frozenset(roles_by_commune),
        unit_ids=frozenset(unit_ids),
        roles_by_commune=roles_by_commune,
    )
    user._ttdn_scope = scope
    return scope


def forget_scope(user) -> None:
    """Drop the cached scope after the user's memberships changed."""
    if hasattr(user, "_ttdn_scope"):
        del user._ttdn_scope
