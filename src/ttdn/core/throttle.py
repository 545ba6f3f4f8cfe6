"""Per-address rate limits of the public doors (the desk's tip form, status look-ups and API,
the portal's feedback form): each caller names its scope and gives its (count, seconds).

Counts live in ``caches["shared"]`` — the database cache table or Redis — so that every worker
and every server agrees on them; a per-process memory would multiply each limit by the number
of processes. A fixed window per (scope, address), whose counter expires with the window.

Redis, Memcached and the local-memory cache increment atomically and keep the key's expiry
(``incr``; the window's first hit creates the counter with ``add``, atomic everywhere). Django's
database cache has no ``incr`` of its own (the generic one reads, then writes with the *default*
timeout, which could end a window early): there, the read and the write run in one transaction
that keeps the window's expiry. On SQLite (``transaction_mode: IMMEDIATE``) that transaction
holds the write lock from its first statement, so concurrent hits queue and none is lost; on
PostgreSQL two concurrent hits of one address may count once (lenient, never stricter).

Limits are generous per address: many subscribers of a mobile carrier share one public address
(carrier-grade NAT).
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.exceptions import ImproperlyConfigured
from django.db import router, transaction

CACHE_ALIAS = "shared"


def rate(setting: str, default: tuple[int, int] | None = None) -> tuple[int, int]:
    """(count, seconds) per address from ``settings.<setting>``; ``default`` when it is not set
    (without a default, the setting is required)."""
    count, seconds = getattr(settings, setting) if default is None else getattr(
        settings, setting, default)
    return int(count), int(seconds)


_PER_PROCESS = ("django.core.cache.backends.locmem.LocMemCache",
                "django.core.cache.backends.dummy.DummyCache")


def _cache():
    """``caches["shared"]``; where a settings module defines only a cross-process "default"
    (production without Redis: the database cache), that one."""
    if CACHE_ALIAS in settings.CACHES:
        return caches[CACHE_ALIAS]
    if settings.CACHES.get("default", {}).get("BACKEND") not in _PER_PROCESS:
        return caches["default"]
    raise ImproperlyConfigured(
        'Thiếu bộ đệm dùng chung CACHES["shared"] (bảng ttdn_cache hoặc Redis) cho giới hạn '
        'tần suất. CACHES["shared"] is required by the public rate limits.'
    )


def _key(scope: str, address: str, window: int, bucket: int) -> str:
    # The address is hashed: cache keys show up in logs and in the cache table.
    digest = hashlib.sha256(f"{scope}|{address}".encode()).hexdigest()[:32]
    return f"ttdn:throttle:{scope}:{window}:{bucket}:{digest}"


def _increment(cache, key: str, timeout: int) -> int:
    if type(cache).incr is not BaseCache.incr:  # a native, atomic increment (Redis, locmem…)
        try:
            return cache.incr(key)
        except ValueError:  # the window's first hit
            if cache.add(key, 1, timeout=timeout):
                return 1
            return cache.incr(key)  # another process opened the window meanwhile
    # The database cache: read and write in one transaction, keeping the window's expiry.
    model = getattr(cache, "cache_model_class", None)
    using = router.db_for_write(model) if model is not None else None
    with transaction.atomic(using=using):
        count = (cache.get(key) or 0) + 1
        cache.set(key, count, timeout=timeout)
    return count


def hit(scope: str, address: str | None, limit: int, window: int) -> int | None:
    """Count one request of ``address`` in ``scope``. Returns None when it is allowed, else the
    seconds to wait before the window ends (for ``Retry-After``)."""
    limit, window = int(limit), max(1, int(window))
    now = time.time()
    bucket = int(now // window)
    remaining = max(1, math.ceil((bucket + 1) * window - now))
    count = _increment(_cache(), _key(scope, address or "unknown", window, bucket), remaining + 1)
    return remaining if count > limit else None


def retry_after_minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))
