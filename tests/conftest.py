from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from tests import factories
from ttdn.org.areas import load_areas
from ttdn.org.models import Membership, Role
from ttdn.org.signals import commune_created
from ttdn.portal import cache as portal_cache
from ttdn.portal import signals as portal_signals

# The tests that need each commune's public site and editorial groups (see ``_portal_site``).
PORTAL_TEST_DIRS = {"portal", "security", "e2e"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The official areas of Thanh Hóa, loaded once for the whole session."""
    with django_db_blocker.unblock():
        load_areas(province_codes=[38])


@pytest.fixture(autouse=True)
def _vietnamese():
    """Each test starts in Vietnamese, whatever language an earlier test's request left active
    in the thread (a request to /en/ activates English and nothing deactivates it)."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _portal_site(request):
    """A new commune gets its public site (pages, editorial groups, workflow: most of the cost
    of creating one) and each membership puts its person in the site's editorial groups. The
    tests under tests/portal, tests/security and tests/e2e, and those marked ``portal``, have
    both; the others, which never look at the site, run without (the two receivers are
    disconnected for the test, then connected again)."""
    directory = Path(str(request.node.path)).relative_to(Path(__file__).parent).parts[0]
    if directory in PORTAL_TEST_DIRS or request.node.get_closest_marker("portal"):
        # A new generation: what the process keeps per generation (the frame's sections, the
        # search's tree) must not be what an earlier test published and rolled back.
        portal_cache.purge()
        yield
        return
    receivers = [(commune_created, portal_signals._set_up_portal, None),
                 (post_save, portal_signals._sync_groups, Membership),
                 (post_delete, portal_signals._sync_groups, Membership)]
    for signal, receiver, sender in receivers:
        assert signal.disconnect(receiver, sender=sender), f"{receiver.__name__} not connected"
    try:
        yield
    finally:
        for signal, receiver, sender in receivers:
            signal.connect(receiver, sender=sender)


@pytest.fixture
def clean_caches():
    """Empty process caches around the test: pages cached per host and path, and the public
    rate limits' counts (the test settings' shared cache is local memory), so that no test sees
    another's."""
    caches["default"].clear()
    caches["shared"].clear()
    yield
    caches["default"].clear()
    caches["shared"].clear()


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
