"""Permission policies in Wagtail's shape, scoped by commune and role.

Every app's policy is a ``CommuneScopedPolicy``: it answers "may this user do ``action`` on
this kind of object" from the roles the user holds, and "on this object" / "on which objects"
from the commune the object belongs to. Selectors and services both ask it.
"""

from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import Commune, Membership, Role, Unit, User
from .scope import COMMUNE_WIDE_ROLES, ORG_MANAGER_ROLES, Scope, scope_of


class CommuneScopedPolicy(BasePermissionPolicy):
    """``roles_for_action`` maps "view"/"add"/"change"/"delete" to the roles allowed;
    ``commune_lookup`` is the path from the model to its commune id."""

    roles_for_action: dict = {}
    commune_lookup: str = "commune_id"

    def _allowed_roles(self, action) -> frozenset:
        return frozenset(self.roles_for_action.get(action, ()))

    def communes_for(self, user, action) -> frozenset:
        scope: Scope = scope_of(user)
        return scope.communes_with_role(self._allowed_roles(action))

    def user_has_permission(self, user, action):
        if user.is_active and user.is_superuser:
            return True
        return bool(self.communes_for(user, action))

    def commune_id_of(self, instance):
        value = instance
        for part in self.commune_lookup.split("__"):
            value = getattr(value, part)
        return value

    def user_has_permission_for_instance(self, user, action, instance):
        if user.is_active and user.is_superuser:
            return True
        return self.commune_id_of(instance) in self.communes_for(user, action)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if user.is_active and user.is_superuser:
            return queryset
        communes = set()
        for action in actions:
            communes |= self.communes_for(user, action)
        return queryset.filter(**{f"{self.commune_lookup}__in": communes})

    def users_with_any_permission(self, actions):
        roles = set()
        for action in actions:
            roles |= self._allowed_roles(action)
        return User.objects.filter(
            Q(is_superuser=True)
            | Q(memberships__role__in=roles, memberships__is_active=True)
        ).filter(is_active=True).distinct()

    def users_with_any_permission_for_instance(self, actions, instance):
        roles = set()
        for action in actions:
            roles |= self._allowed_roles(action)
        return User.objects.filter(
            Q(is_superuser=True)
            | Q(
                memberships__role__in=roles,
                memberships__is_active=True,
                memberships__unit__commune_id=self.commune_id_of(instance),
            )
        ).filter(is_active=True).distinct()


class CommunePolicy(CommuneScopedPolicy):
    """Every member sees their commune; the upper level sees the communes it oversees;
    leaders edit the commune's profile; creating communes is for platform administrators."""

    roles_for_action = {
        "view": frozenset(Role.values),
        "change": COMMUNE_WIDE_ROLES,
    }
    commune_lookup = "pk"


class UnitPolicy(CommuneScopedPolicy):
    roles_for_action = {
        "view": ORG_MANAGER_ROLES,
        "add": ORG_MANAGER_ROLES,
        "change": ORG_MANAGER_ROLES,
        "delete": ORG_MANAGER_ROLES,
    }
    commune_lookup = "commune_id"


class MembershipPolicy(CommuneScopedPolicy):
    roles_for_action = UnitPolicy.roles_for_action
    commune_lookup = "unit__commune_id"

    def commune_id_of(self, instance):
        return instance.unit.commune_id if instance.unit_id else None


commune_policy = CommunePolicy(Commune)
unit_policy = UnitPolicy(Unit)
membership_policy = MembershipPolicy(Membership)
