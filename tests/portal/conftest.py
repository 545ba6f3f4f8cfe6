import pytest
from django.core.cache import caches


@pytest.fixture
def clean_caches():
    """Pages are cached per host and path in the process: no test may see another's."""
    caches["default"].clear()
    caches["shared"].clear()
    yield
    caches["default"].clear()
    caches["shared"].clear()
