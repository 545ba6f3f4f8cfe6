"""What every benchmark does first: Django with the test settings on an in-memory SQLite
database, a throw-away data directory, and (on request) the demo loaded into it.

Import it before anything of Django: ``import _setup`` (the scripts run from benchmarks/).
"""

import atexit
import os
import shutil
import tempfile

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "ttdn.config.settings.test"
os.environ.pop("DATABASE_URL", None)  # always the in-memory SQLite test database
if "TTDN_DATA_DIR" not in os.environ:  # a throw-away data directory, removed at exit
    os.environ["TTDN_DATA_DIR"] = tempfile.mkdtemp(prefix="ttdn-bench-")
    atexit.register(shutil.rmtree, os.environ["TTDN_DATA_DIR"], ignore_errors=True)
os.makedirs(os.path.join(os.environ["TTDN_DATA_DIR"], "static"), exist_ok=True)

django.setup()


def demo_database():
    """An in-memory test database with the demo loaded (areas, communes, units, accounts, the
    seed plan imported once)."""
    from django.db import connection
    from django.test.utils import setup_test_environment

    from ttdn.core.demo import run_steps
    from ttdn.org.demo import load_demo

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    load_demo()
    run_steps()
