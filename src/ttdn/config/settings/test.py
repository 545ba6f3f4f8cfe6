"""Settings for the test suite (SQLite by default, PostgreSQL when DATABASE_URL is set)."""

import tempfile
from pathlib import Path

from .demo import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; Argon2 tested apart
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="ttdn-test-media-"))
PRIVATE_MEDIA_ROOT = MEDIA_ROOT / "private"
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
               "LOCATION": "ttdn-shared"},
}
WHITENOISE_AUTOREFRESH = False
