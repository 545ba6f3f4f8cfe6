import pytest

from tests import factories
from ttdn.org.areas import load_areas
from ttdn.org.models import Role


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The official areas of Thanh Hóa, loaded once for the whole session."""
    with django_db_blocker.unblock():
        load_areas(province_codes=[38])


@pytest.fixture
def admin_user(db):
    return factories.superuser()


@pytest.fixture
def cam_tan(admin_user):
    return factories.commune("Cẩm Tân", 15178, actor=admin_user)


@pytest.fixture
def cam_thach(admin_user):
    return factories.commune("Cẩm Thạch", 15142, actor=admin_user)


@pytest.fixture
def world(cam_tan, cam_thach):
    """Two communes, each with an officer post, a village and a person in every role."""
    people = {}
    for commune in (cam_tan, cam_thach):
        office = factories.UnitFactory(commune=commune, name="Công chức Văn hóa – Xã hội",
                                       kind="officer_post")
        village = factories.UnitFactory(commune=commune, name="Thôn Một", kind="village")
        key = commune.slug
        people[key] = {"office": office, "village": village, "commune": commune}
        for role in Role.values:
            if role == Role.UPPER_LEVEL:
                continue
            unit = village if role == Role.UNIT_MEMBER else office
            people[key][role] = factories.member(unit, role=role,
                                                 username=f"{key}.{role}")
    return people
