"""Writes of the organisation: communes, units, staff accounts. Each checks the policy, saves in
one transaction and leaves an audit entry."""

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from ttdn.core import audit
from ttdn.core.errors import PermissionDeniedError
from ttdn.core.text import fold, nfc

from .errors import OrgError
from .models import (
    STAFF_GROUP,
    AdministrativeArea,
    AreaLevel,
    AreaScheme,
    Commune,
    Membership,
    Role,
    Unit,
    User,
)
from .permissions import commune_policy, membership_policy, unit_policy
from .scope import forget_scope
from .signals import commune_created


def _require(policy, actor, action, instance=None):
    allowed = (
        policy.user_has_permission_for_instance(actor, action, instance)
        if instance is not None
        else policy.user_has_permission(actor, action)
    )
    if not allowed:
        raise PermissionDeniedError(_("Bạn không có quyền thực hiện thao tác này."))


def _validate(instance, *, exclude=None):
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise OrgError("; ".join(exc.messages), extra={"errors": exc.message_dict}) from exc


# Communes ---------------------------------------------------------------------------------


def commune_create(
    *,
    area: AdministrativeArea,
    name: str,
    actor,
    hostname: str,
    port: int = 80,
    is_default_site: bool = False,
    legacy_area: AdministrativeArea | None = None,
    upper_level_body: str = "",
    is_sample: bool = False,
) -> Commune:
    """A commune is a tenant: it gets its own Wagtail site (its own host name) and page tree.

    The site starts at the tree's root; the portal, told by ``commune_created``, gives it the
    commune's home page (in each language) within the same transaction."""
    if not (actor.is_active and actor.is_superuser):
        raise PermissionDeniedError(_("Chỉ quản trị hệ thống mới được tạo xã mới."))
    if area.scheme != AreaScheme.CURRENT or area.level != AreaLevel.COMMUNE:
        raise OrgError(_("Hãy chọn một xã, phường theo danh mục hành chính hiện hành."))
    with transaction.atomic():
        slug = slugify(fold(name)) or f"xa-{area.code}"
        site = Site.objects.create(
            hostname=hostname, port=port, root_page=Page.get_first_root_node(),
            site_name=str(area),
            is_default_site=is_default_site,
        )
        commune = Commune(
            name=name, slug=slug, area=area, legacy_area=legacy_area, site=site,
            upper_level_body=upper_level_body, is_sample=is_sample,
        )
        _validate(commune)
        commune.save()
        audit.record(
            instance=commune, action="ttdn.org.commune.created", actor=actor,
            commune_id=commune.pk, after=audit.snapshot(commune),
        )
        commune_created.send(sender=Commune, commune=commune, actor=actor)
    return commune


def commune_update(*, commune: Commune, actor, **fields) -> Commune:
    _require(commune_policy, actor, "change", commune)
    allowed = {"name", "upper_level_body"}
    with transaction.atomic():
        before = audit.snapshot(Commune.objects.get(pk=commune.pk))
        for field, value in fields.items():
            if field not in allowed:
                raise OrgError(_("Không thể sửa trường %(field)s.") % {"field": field})
            setattr(commune, field, value)
        _validate(commune)
        commune.save()
        audit.record(
            instance=commune, action="ttdn.org.commune.updated", actor=actor,
            commune_id=commune.pk, before=before, after=audit.snapshot(commune),
        )
    return commune


# Units ------------------------------------------------------------------------------------


def unit_create(*, commune: Commune, name: str, kind: str, actor, is_sample: bool = False) -> Unit:
    """Unit names are unique within a commune, ignoring case."""
    _require(unit_policy, actor, "add", Unit(commune=commune))
    name = " ".join(nfc(name).split())
    unit = Unit(commune=commune, name=name, kind=kind, is_sample=is_sample)
    _validate(unit)
    with transaction.atomic():
        unit.save()
        audit.record(
            instance=unit, action="ttdn.org.unit.created", actor=actor,
            commune_id=commune.pk, after=audit.snapshot(unit),
        )
    return unit


def unit_update(*, unit: Unit, actor, name=None, kind=None, is_active=None) -> Unit:
    _require(unit_policy, actor, "change", unit)
    before = audit.snapshot(Unit.objects.get(pk=unit.pk))
    if name is not None:
        unit.name = " ".join(nfc(name).split())
    if kind is not None:
        unit.kind = kind
    if is_active is not None:
        unit.is_active = is_active
    _validate(unit)
    with transaction.atomic():
        unit.save()
        audit.record(
            instance=unit, action="ttdn.org.unit.updated", actor=actor,
            commune_id=unit.commune_id, before=before, after=audit.snapshot(unit),
        )
    return unit


def unit_delete(*, unit: Unit, actor) -> None:
    """A unit with staff cannot be deleted: deactivate it instead, so history stays readable."""
    _require(unit_policy, actor, "delete", unit)
    if unit.memberships.exists():
        raise OrgError(
            _("Đơn vị còn cán bộ nên không thể xóa. Hãy chuyển cán bộ sang đơn vị khác "
              "hoặc đánh dấu đơn vị ngừng hoạt động.")
        )
    with transaction.atomic():
        before = audit.snapshot(unit)
        audit.record(
            instance=unit, action="ttdn.org.unit.deleted", actor=actor,
            commune_id=unit.commune_id, before=before, deleted=True,
        )
        unit.delete()


# Staff ------------------------------------------------------------------------------------


def _check_seat(*, role: str, unit: Unit | None, area: AdministrativeArea | None, actor):
    if role == Role.UPPER_LEVEL:
        if not (actor.is_active and actor.is_superuser):
            raise PermissionDeniedError(_("Chỉ quản trị hệ thống mới được tạo tài khoản cấp trên."))
        if area is None:
            raise OrgError(_("Cán bộ cấp trên phải gắn với một địa bàn (tỉnh hoặc huyện)."))
    else:
        if unit is None:
            raise OrgError(_("Hãy chọn đơn vị của cán bộ."))
        _require(membership_policy, actor, "add", Membership(unit=unit))


def staff_create(
    *,
    username: str,
    family_name: str,
    given_name: str,
    email: str,
    password: str,
    role: str,
    actor,
    unit: Unit | None = None,
    area: AdministrativeArea | None = None,
) -> Membership:
    """Creates a staff account and its first seat. The password must pass the project's rules."""
    _check_seat(role=role, unit=unit, area=area, actor=actor)
    user = User(
        username=username.strip(), last_name=family_name.strip(),
        first_name=given_name.strip(), email=email.strip(),
    )
    _validate(user, exclude=["password"])
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise OrgError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    with transaction.atomic():
        user.save()
        user.groups.add(Group.objects.get(name=STAFF_GROUP))
        UserProfile.get_for_user(user)  # Wagtail would otherwise create it on a later GET
        membership = Membership(user=user, role=role, unit=unit, area=area)
        _validate(membership)
        membership.save()
        commune_id = unit.commune_id if unit else None
        audit.record(
            instance=user, action="ttdn.org.staff.created", actor=actor, commune_id=commune_id,
            after={k: v for k, v in audit.snapshot(user).items() if k != "password"},
        )
        audit.record(
            instance=membership, action="ttdn.org.membership.created", actor=actor,
            commune_id=commune_id, after=audit.snapshot(membership),
        )
    return membership


def membership_update(*, membership: Membership, actor, role=None, unit=None, is_active=None):
    """Moves a seat to another role or unit of the same commune, or ends it."""
    _require(membership_policy, actor, "change", membership)
    before = audit.snapshot(Membership.objects.get(pk=membership.pk))
    if unit is not None and unit.commune_id != membership.unit.commune_id:
        raise OrgError(_("Chỉ có thể chuyển cán bộ sang đơn vị trong cùng xã."))
    if role is not None:
        if role == Role.UPPER_LEVEL:
            raise OrgError(_("Không thể chuyển cán bộ xã thành cán bộ cấp trên."))
        membership.role = role
    if unit is not None:
        membership.unit = unit
    if is_active is not None:
        membership.is_active = is_active
    _validate(membership)
    with transaction.atomic():
        try:
            membership.save()
        except IntegrityError as exc:
            raise OrgError(_("Người này đã có vai trò này trong đơn vị.")) from exc
        audit.record(
            instance=membership, action="ttdn.org.membership.updated", actor=actor,
            commune_id=membership.unit.commune_id, before=before,
            after=audit.snapshot(membership),
        )
    forget_scope(membership.user)
    return membership


def staff_set_active(*, membership: Membership, active: bool, actor) -> User:
    """Locks or unlocks the account behind a seat; a locked account's sessions end at once."""
    _require(membership_policy, actor, "change", membership)
    user = membership.user
    if user.pk == actor.pk and not active:
        raise OrgError(_("Không thể tự khóa tài khoản của chính mình."))
    with transaction.atomic():
        before = {"is_active": user.is_active}
        user.is_active = active
        user.save(update_fields=["is_active"])
        if not active:
            _end_sessions_of(user)
        audit.record(
            instance=user, action="ttdn.org.staff.activated" if active else "ttdn.org.staff.locked",
            actor=actor, commune_id=membership.unit.commune_id, before=before,
            after={"is_active": user.is_active},
        )
    return user


def _end_sessions_of(user) -> None:
    from django.contrib.sessions.models import Session

    for session in Session.objects.all().iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
