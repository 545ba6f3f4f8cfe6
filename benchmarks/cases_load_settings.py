"""Settings of the tip-intake load benchmark (``cases_intake_load.py``): the demo settings — SQLite
in TTDN_DATA_DIR with WAL and ``transaction_mode: IMMEDIATE``, the database cache as the shared
cache — with the per-address limits raised, since every simulated client comes from 127.0.0.1,
and production's task queue (the database; the benchmark runs ``db_worker`` beside the server)
instead of the demo's immediate tasks."""

from ttdn.config.settings.demo import *  # noqa: F403

TTDN_CASES_TIP_RATE = (10_000_000, 3600)
TTDN_CASES_LOOKUP_RATE = (10_000_000, 3600)
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Static files are not part of the run.
WHITENOISE_AUTOREFRESH = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"level": "ERROR"}},
}
