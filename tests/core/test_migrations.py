"""The models and their migrations agree: no change waits for a migration nobody wrote."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_its_migration(capsys):
    try:
        call_command("makemigrations", "--check", "--dry-run")
    except SystemExit as exit_:  # --check exits 1 when a migration would be written
        pytest.fail(f"A model change has no migration (run `ttdn makemigrations`):\n"
                    f"{capsys.readouterr().out}\n(exit {exit_.code})")
