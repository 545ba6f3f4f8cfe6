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
    return set(Commune.objects.filter(commune_condition(areas)).order_by()
               .values_list("pk", flat=True))


def commune_condition(areas, *, prefix: str = "") -> Q:
    """The condition on ``Commune`` of being under one of the areas; with ``prefix`` (such as
    ``"commune__"``), the same condition on a model with a foreign key to ``Commune``."""
    condition = None
    for area in areas:
        if area.level == AreaLevel.PROVINCE and area.scheme == AreaScheme.CURRENT:
            under = Q(**{f"{prefix}area__parent": area})
        elif area.level == AreaLevel.PROVINCE:
            under = Q(**{f"{prefix}legacy_area__parent__parent": area})
        elif area.level == AreaLevel.DISTRICT:
            under = Q(**{f"{prefix}legacy_area__parent": area})
        else:
            under = Q(**{f"{prefix}area": area}) | Q(**{f"{prefix}legacy_area": area})
        condition = under if condition is None else condition | under
    return Q(pk__in=[]) if condition is None else condition


@dataclass(frozen=True)
class Seats:
    """A user's active memberships, read in one query: what ``scope_of`` builds on before it
    looks up the communes under the areas overseen (``upper_areas``)."""

    roles: frozenset
    unit_ids: frozenset
    roles_by_commune: dict  # commune id → roles held there through a unit (not the upper level)
    upper_areas: tuple  # the areas of the upper-level seats

    def communes_with_role(self, roles) -> frozenset:
        return frozenset(cid for cid, held in self.roles_by_commune.items() if held & roles)


NO_SEATS = Seats(frozenset(), frozenset(), {}, ())


def seats_of(user) -> Seats:
    """The user's seats (cached on the user until ``forget_scope``)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_SEATS
    cached = getattr(user, "_ttdn_seats", None)
    if cached is not None:
        return cached
    # No ORDER BY: nothing here depends on the memberships' order (the model's ordering would
    # join the communes only to sort).
    memberships = list(
        Membership.objects.filter(user=user, is_active=True).select_related("unit", "area")
        .order_by()
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
    seats = Seats(frozenset(roles), frozenset(unit_ids), roles_by_commune, tuple(upper_areas))
    user._ttdn_seats = seats
    return seats


def scope_of(user) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS_SCOPE
    cached = getattr(user, "_ttdn_scope", None)
    if cached is not None:
        return cached
    seats = seats_of(user)
    roles_by_commune = dict(seats.roles_by_commune)
    for commune_id in communes_under(seats.upper_areas):
        roles_by_commune[commune_id] = roles_by_commune.get(commune_id, frozenset()) | {
            Role.UPPER_LEVEL
        }
    scope = Scope(
        is_superuser=user.is_superuser,
        roles=seats.roles,
        commune_ids=frozenset(roles_by_commune),
        unit_ids=seats.unit_ids,
        roles_by_commune=roles_by_commune,
    )
    user._ttdn_scope = scope
    return scope


def forget_scope(user) -> None:
    """Drop the cached scope (and seats) after the user's memberships changed."""
    for name in ("_ttdn_scope", "_ttdn_seats"):
        if hasattr(user, name):
            delattr(user, name)
