"""The embedded default: SQLite under TTDN_DATA_DIR, immediate tasks, served on 127.0.0.1."""

import secrets

from .base import *  # noqa: F403
from .base import DATA_DIR


def _demo_secret_key() -> str:
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _demo_secret_key()
# Served over plain http on the loopback address only, so no Secure cookies.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Static files straight from the apps (no collectstatic step in the demo).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# No nginx in front: the application serves the public image renditions itself.
TTDN_SERVE_IMAGES = True
