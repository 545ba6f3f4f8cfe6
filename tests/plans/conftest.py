import pytest

from tests import factories
from ttdn.org.demo import SEED_UNITS
from ttdn.org.models import Role, Unit
from ttdn.plans import services
from ttdn.plans.demo import SEED_FILE


@pytest.fixture
def seed_bytes():
    return SEED_FILE.read_bytes()


@pytest.fixture
def seed_commune(world):
    """Cẩm Tân of the `world` fixture with every unit the seed plan names."""
    commune = world["cam-tan"]["commune"]
    existing = set(commune.units.values_list("name", flat=True))
    for name, kind, is_sample in SEED_UNITS:
        if name not in existing:
            Unit.objects.create(commune=commune, name=name, kind=kind, is_sample=is_sample)
    return commune


@pytest.fixture
def officer(world):
    return world["cam-tan"][Role.CULTURE_OFFICER]


@pytest.fixture
def seed_plan(seed_commune, seed_bytes, officer):
    return services.plan_import(commune=seed_commune, data=seed_bytes,
                                filename="ke-hoach.txt", actor=officer)


@pytest.fixture
def village_head(seed_commune):
    """The head of one village: member of that village only."""
    village = Unit.objects.get(commune=seed_commune, name="Thôn Mẫu Một")
    return factories.member(village, role=Role.UNIT_MEMBER, username="truongthon")


@pytest.fixture
def police_officer(seed_commune):
    police = Unit.objects.get(commune=seed_commune, name="Công an xã")
    return factories.member(police, role=Role.POLICE, username="congan.xa")
