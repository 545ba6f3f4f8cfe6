"""Settings shared by every environment. Environment-specific modules import * from here."""

import os
from pathlib import Path

from django.utils.csp import CSP

from .env import as_list, data_dir, database_from_url, sqlite_options

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/ttdn
DATA_DIR = data_dir()

SECRET_KEY = os.environ.get("SECRET_KEY", "")  # each environment module decides
DEBUG = False
ALLOWED_HOSTS = as_list("ALLOWED_HOSTS", "127.0.0.1,localhost,.localhost")
CSRF_TRUSTED_ORIGINS = as_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "ttdn.core",
    "ttdn.org",
    "ttdn.plans",
    "ttdn.cases",
    "ttdn.reports",
    "ttdn.portal",
    "ninja",  # the API's documentation page, served from our own static files
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail uses its naturaltime (e.g. "now"): installed so that its catalogue is loaded.
    "django.contrib.humanize",
    # Wagtail's search index uses PostgreSQL fields when the database is PostgreSQL.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers' pages from the cache, before sessions and authentication run.
    "ttdn.portal.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ttdn.core.middleware.BackOfficeLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ttdn.core.middleware.RequestContextMiddleware",
    "ttdn.core.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ttdn.org.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ttdn.core.middleware.PrivateCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a locked-out sign-in answers before anything else runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ttdn.config.urls"
WSGI_APPLICATION = "ttdn.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite under the data directory unless DATABASE_URL says otherwise.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "ttdn.sqlite3",
            "OPTIONS": sqlite_options(),
            # As for PostgreSQL (database_from_url): a connection per thread, kept between
            # requests — opening one and registering Django's SQL functions cost a few ms.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "shared" is what every process must agree on (rate limits of public forms): the database
# cache table by default (`ttdn createcachetable`), Redis when REDIS_URL is set.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ttdn_cache",
        # Culling at Django's default 300 entries would drop live rate-limit counters.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
if os.environ.get("REDIS_URL"):
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": alias,
        }
        for alias in ("default", "shared")
    }
# The public pages' cache (portal/cache.py): per process on purpose — the shared generation in
# each key makes an entry current, and a hit then reads neither the database nor the network.
PORTAL_PAGES_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "LOCATION": "ttdn-portal-pages", "OPTIONS": {"MAX_ENTRIES": 2000}}
CACHES["portal_pages"] = PORTAL_PAGES_CACHE

# Background work: immediate by default; production switches to the database queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "ttdn.core.passwords.VietnameseContextValidator"},
    {"NAME": "ttdn.core.passwords.MaximumLengthValidator"},
]
LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_USER_LOGIN_FORM = "ttdn.org.forms.LoginForm"
LOGIN_REDIRECT_URL = "wagtailadmin_home"

# Sign-in lockout (django-axes): by user and address together, finite cool-off.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "org/lockout.html"
AXES_CLIENT_IP_CALLABLE = "ttdn.core.context.client_address_of"
AXES_VERBOSE = False

# Sessions: idle timeout (rolling cookie) and an absolute lifetime checked by middleware.
SESSION_COOKIE_AGE = 60 * 60 * 2
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
TTDN_SESSION_ABSOLUTE_SECONDS = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Two-factor: available to all staff; required for these roles where TTDN_REQUIRE_2FA is on.
TTDN_REQUIRE_2FA = False
TTDN_2FA_ROLES = ["chairman", "vice_chairman", "culture_officer"]
OTP_TOTP_ISSUER = "TTĐN"

# Security headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Languages: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A translation asked for is a draft until an approver publishes it (editorial control): not
# live at once because its source is.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The project's catalogues first, then the Vietnamese catalogues it ships for Wagtail,
# wagtail-localize and Django (src/ttdn/locale_upstream/<app>/vi/…, see ttdn/core/i18n.py).
_UPSTREAM_CATALOGUES = (PACKAGE_DIR / "locale_upstream").glob("**/LC_MESSAGES/*.po")
LOCALE_PATHS = [PACKAGE_DIR / "locale", *sorted({po.parents[2] for po in _UPSTREAM_CATALOGUES})]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Files only a view that checks scope may hand out (evidence, directive scans): no URL. Under
# MEDIA_ROOT so backups carry them; the web server serves only media/images/ (operations.md).
PRIVATE_MEDIA_ROOT = MEDIA_ROOT / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

WAGTAIL_SITE_NAME = "TTĐN"
WAGTAILADMIN_BASE_URL = os.environ.get("TTDN_BASE_URL", "http://127.0.0.1:8000")
# "simple": no stemming, no stop words. The english configuration drops "to", "the", "do"
# (tổ, thể, đỗ folded) and stems; the portal's search must find the same words as SQLite's FTS5.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send a hash of staff e-mail addresses abroad and break the CSP.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods"]

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "TTĐN <no-reply@localhost>")

TTDN_BACKUP_DIR = DATA_DIR / "backups"

# False-information desk: the matcher's two thresholds (as in Meedan Check) and the public
# tip form's limits. Rates are "count/seconds" per client address, kept in the shared cache.
TTDN_CASES_JOIN_AT = 0.85
TTDN_CASES_SUGGEST_AT = 0.6
TTDN_CASES_TIP_RATE = (20, 60 * 60)
TTDN_CASES_MIN_FILL_SECONDS = 3

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ttdn.core.context.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
