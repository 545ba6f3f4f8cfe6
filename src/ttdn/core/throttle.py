"""Per-address rate limits of the public doors (the desk's tip form, status look-ups and API,
the portal's feedback form): each caller names its scope and gives its (count, seconds).

Counts live where every worker and every server sees them — Redis (``caches["shared"]``) or,
when that cache is the database, a table of the database; a per-process memory would multiply
each limit by the number of processes. A fixed window per (scope, address), whose counter
expires with the window.

Redis, Memcached and the local-memory cache increment atomically and keep the key's expiry
(``incr``; the window's first hit creates the counter with ``add``, atomic everywhere). Django's
database cache has no increment of its own, and each of its writes counts the whole table:
there, the counters live in their own table (``core.RateCount``) and one statement —
``INSERT … ON CONFLICT DO UPDATE SET hits = hits + 1 RETURNING hits`` — counts a hit, atomic on
SQLite and PostgreSQL alike and holding SQLite's write lock for that statement only. Ended
windows are deleted now and then, by the hits themselves.

Limits are generous per address: many subscribers of a mobile carrier share one public address
(carrier-grade NAT).
"""

import datetime
import hashlib
import math
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router
from django.utils import timezone

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
    return _count_in_table(key, timeout)


PRUNE_EVERY = 500  # hits, on average, between two deletions of ended windows


def _count_in_table(key: str, timeout: int) -> int:
    from .models import RateCount

    now = timezone.now()
    connection = connections[router.db_for_write(RateCount)]
    quote = connection.ops.quote_name
    table = quote(RateCount._meta.db_table)
    expires = connection.ops.adapt_datetimefield_value(now + datetime.timedelta(seconds=timeout))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({quote('slot')}, {quote('hits')}, {quote('expires')}) "  # noqa: S608  # nosec B608 - identifiers from model metadata, values are parameters
            f"VALUES (%s, 1, %s) ON CONFLICT ({quote('slot')}) "
            f"DO UPDATE SET {quote('hits')} = {table}.{quote('hits')} + 1 "
            f"RETURNING {quote('hits')}",
            [key, expires],
        )
        count = cursor.fetchone()[0]
    if secrets.randbelow(PRUNE_EVERY) == 0:
        RateCount.objects.filter(expires__lt=now).delete()
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
