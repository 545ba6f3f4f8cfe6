"""Settings of the portal load benchmark (``portal_load.py``): the production settings, with the
environment the benchmark gives them (SECRET_KEY, ALLOWED_HOSTS, TTDN_BASE_URL, DATABASE_URL =
an SQLite file in a throw-away data directory; no REDIS_URL unless ``--cache redis``).

What differs from production, and only this:

- ``SECURE_SSL_REDIRECT = False``: the benchmark speaks plain HTTP to gunicorn on 127.0.0.1; in
  production TLS ends at nginx and every request arrives as HTTPS. (HSTS is only sent on secure
  requests, so its settings change nothing here and are left as they are.)
- Static files are collected with Django's ``ManifestStaticFilesStorage``: the same hashed names
  as production's ``CompressedManifestStaticFilesStorage``, without its ``.gz``/``.br`` copies
  (compressing Wagtail's admin files costs ~40 s of CPU, most of the time budget); the load
  generator sends no ``Accept-Encoding``, so WhiteNoise would not serve them anyway.
- ``--cache locmem`` (not the default): the page entries in each worker's memory, as the demo
  settings have them, the generation still in the shared database table. The default, ``db``,
  is production without Redis: both caches in the ``ttdn_cache`` table.
"""

import os

from ttdn.config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False

if os.environ.get("TTDN_BENCH_PAGE_CACHE") == "locmem":
    CACHES = {
        **CACHES,  # noqa: F405
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }

# The same hashed names as production's storage, without the .gz/.br copies WhiteNoise's storage
# makes (~40 s of CPU for Wagtail's admin files): the load generator sends no Accept-Encoding,
# so WhiteNoise would never serve them.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
