import pytest

from ttdn.cases import services
from ttdn.cases.intake import TipInput
from ttdn.org.models import Role


@pytest.fixture
def officer(world):
    return world["cam-tan"][Role.CULTURE_OFFICER]


@pytest.fixture
def other_officer(world):
    return world["cam-thach"][Role.CULTURE_OFFICER]


@pytest.fixture
def file_tip(world):
    """File a public tip to a commune of the ``world`` ("cam-tan" or "cam-thach")."""

    def file(text, commune="cam-tan", **fields):
        key = fields.pop("idempotency_key", None)
        files = fields.pop("files", ())
        return services.tip_submit(
            commune=world[commune]["commune"], data=TipInput(text=text, **fields),
            files=files, idempotency_key=key,
        ).tip

    return file
