"""The shared per-address counters of the public forms (ttdn.core.throttle)."""

import datetime

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

from ttdn.core import throttle


@pytest.fixture
def local_shared(settings):
    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                   "LOCATION": "ttdn-test-throttle"},
    }
    caches["shared"].clear()
    yield caches["shared"]
    caches["shared"].clear()


@pytest.mark.django_db
def test_with_the_database_cache_a_table_counts_exactly_and_keeps_the_window(settings):
    from django.utils import timezone

    from ttdn.core.models import RateCount

    settings.CACHES = {**settings.CACHES, "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "ttdn_cache_t"}}
    window = 1_000_000
    hits = [throttle.hit("t", "192.0.2.1", 3, window) for _ in range(5)]
    assert hits[:3] == [None, None, None]
    assert all(isinstance(wait, int) and 0 < wait <= window for wait in hits[3:])
    assert throttle.hit("t", "192.0.2.2", 3, window) is None  # another address
    counts = sorted(RateCount.objects.values_list("hits", flat=True))
    assert counts == [1, 5]
    assert not any("192.0.2" in slot for slot in RateCount.objects.values_list("slot", flat=True))
    # the counters live until their window ends
    soonest = RateCount.objects.order_by("expires").first().expires
    assert soonest - timezone.now() > datetime.timedelta(seconds=hits[3] - 5)


@pytest.mark.django_db
def test_ended_windows_are_deleted_by_later_hits(settings, monkeypatch):
    from django.utils import timezone

    from ttdn.core.models import RateCount

    settings.CACHES = {**settings.CACHES, "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "ttdn_cache_t"}}
    RateCount.objects.create(slot="ttdn:throttle:old", hits=9,
                             expires=timezone.now() - datetime.timedelta(seconds=1))
    monkeypatch.setattr(throttle, "PRUNE_EVERY", 1)
    assert throttle.hit("t", "192.0.2.1", 3, 60) is None
    assert list(RateCount.objects.values_list("hits", flat=True)) == [1]


@pytest.mark.nodb
def test_a_native_increment_counts_each_scope_and_address_apart(local_shared):
    window = 1_000_000
    assert [throttle.hit("tip", "192.0.2.1", 2, window) for _ in range(2)] == [None, None]
    assert throttle.hit("tip", "192.0.2.1", 2, window)  # the third: wait
    assert throttle.hit("feedback", "192.0.2.1", 2, window) is None  # another scope
    assert throttle.hit("tip", "2001:db8::1", 2, window) is None  # another address
    # no address (a broken proxy header): one shared "unknown" bucket, still limited
    assert [throttle.hit("tip", None, 1, window) for _ in range(2)][1]
    # the address never appears in a key
    assert not any("192.0.2.1" in key for key in local_shared._cache)


@pytest.mark.nodb
def test_rates_come_from_the_settings(settings):
    settings.TTDN_TEST_RATE = ["5", 60]
    assert throttle.rate("TTDN_TEST_RATE") == (5, 60)
    assert throttle.rate("TTDN_TEST_MISSING_RATE", (7, 3600)) == (7, 3600)
    with pytest.raises(AttributeError):
        throttle.rate("TTDN_TEST_MISSING_RATE")
    assert throttle.retry_after_minutes(1) == 1
    assert throttle.retry_after_minutes(61) == 2


@pytest.mark.nodb
def test_a_per_process_cache_is_refused(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with pytest.raises(ImproperlyConfigured):
        throttle.hit("tip", "192.0.2.1", 2, 60)
