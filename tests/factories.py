"""Factories for tests. Areas come from the real official list (loaded once per session)."""

import factory
from django.db.models import Max

from ttdn.org.models import AdministrativeArea, AreaLevel, AreaScheme, Membership, Role, Unit, User
from ttdn.org.services import commune_create

DEFAULT_PASSWORD = "mật-khẩu-thử-nghiệm-dài"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    last_name = "Nguyễn Thị"
    first_name = factory.Sequence(lambda n: f"Thử {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def superuser():
    return UserFactory(is_superuser=True, is_staff=True, username="quantri")


def commune(name="Cẩm Tân", code=15178, actor=None, hostname=None):
    """A commune with its own Wagtail site, created through the service."""
    actor = actor or User.objects.filter(is_superuser=True).first() or superuser()
    area = AdministrativeArea.objects.get(
        scheme=AreaScheme.CURRENT, level=AreaLevel.COMMUNE, code=code
    )
    return commune_create(
        area=area, name=name, actor=actor, hostname=hostname or f"xa{code}.localhost"
    )


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Thôn thử {n}")
    kind = "village"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.UNIT_MEMBER


def member(unit, role=Role.UNIT_MEMBER, **user_fields):
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    from ttdn.org.models import STAFF_GROUP

    user = UserFactory(**user_fields)
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    UserProfile.get_for_user(user)
    MembershipFactory(user=user, unit=unit, role=role)
    return user


def next_code(level=AreaLevel.COMMUNE):
    return (AdministrativeArea.objects.filter(level=level).aggregate(m=Max("code"))["m"] or 0) + 1
