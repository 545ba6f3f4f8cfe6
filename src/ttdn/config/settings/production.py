"""Production: everything from the environment; refuses to start when a setting is wrong."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import as_bool, as_int, as_list, database_from_url, required

DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = as_list("ALLOWED_HOSTS") or [required("ALLOWED_HOSTS")]
CSRF_TRUSTED_ORIGINS = as_list("CSRF_TRUSTED_ORIGINS")
DATABASES = {"default": database_from_url(required("DATABASE_URL"))}

if not os.environ.get("REDIS_URL"):  # with REDIS_URL, base.py already chose Redis
    # Rate limits and lockouts must be shared between processes: never per-process memory.
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "ttdn_cache",
            "KEY_PREFIX": alias,
            # Culling at Django's default 300 entries would drop live rate-limit counters.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
        for alias in ("default", "shared")
    }
    CACHES["portal_pages"] = PORTAL_PAGES_CACHE  # noqa: F405 - per process on purpose

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SECURE_SSL_REDIRECT = as_bool("SECURE_SSL_REDIRECT", True)
# Production runs behind a reverse proxy (nginx, docs/operations.md) that sets these headers
# and overwrites whatever the client sent.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies append to X-Forwarded-For in front of the app: the client address used by
# lockouts, rate limits and the audit log is taken that many entries from the right. With 0,
# every request would seem to come from the proxy (one lockout would block everyone).
TTDN_TRUSTED_PROXY_COUNT = as_int("TTDN_TRUSTED_PROXY_COUNT", 1)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

TTDN_REQUIRE_2FA = as_bool("TTDN_REQUIRE_2FA", True)

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = as_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = as_bool("EMAIL_USE_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = as_bool("EMAIL_USE_SSL", False)  # implicit TLS, usually port 465
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS và EMAIL_USE_SSL: chỉ bật một. Set only one of them.")
EMAIL_TIMEOUT = 30

WAGTAILADMIN_BASE_URL = required("TTDN_BASE_URL").rstrip("/")
if not WAGTAILADMIN_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"TTDN_BASE_URL phải là địa chỉ đầy đủ như https://ttdn.example.vn, "
        f"không phải {WAGTAILADMIN_BASE_URL!r}."
    )
