"""bandit and the project's semgrep rules (.semgrep/ttdn.yml): no unreviewed finding in src/,
and the rules do catch what they are for."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.nodb  # never touches the database: not run again on PostgreSQL

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
RULES = ROOT / ".semgrep" / "ttdn.yml"

BAD_CODE = '''
from django.db import connection
from django.shortcuts import redirect
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def view(request, user_text, name):
    connection.cursor().execute(f"SELECT * FROM t WHERE name = '{name}'")
    mark_safe(user_text)
    return redirect(request.GET.get("next"))
'''


def semgrep(target: Path) -> list[str]:
    result = subprocess.run(
        [str(BIN / "semgrep"), "scan", "--config", str(RULES), "--metrics=off",
         "--disable-version-check", "--quiet", "--json", str(target)],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return [r["check_id"].rsplit(".", 1)[-1] for r in json.loads(result.stdout)["results"]]


def test_semgrep_rules_catch_the_patterns_they_are_for(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text(BAD_CODE)
    assert set(semgrep(sample)) == {"csrf-exempt", "mark-safe-on-input", "open-redirect",
                                    "raw-sql-with-formatting"}


def test_no_unreviewed_semgrep_finding_in_the_code():
    assert semgrep(ROOT / "src") == []


def test_bandit_has_no_medium_or_high_finding():
    result = subprocess.run(
        [str(BIN / "bandit"), "-q", "-r", str(ROOT / "src"), "-ll", "-f", "json"],
        capture_output=True, text=True, check=False,
    )
    findings = json.loads(result.stdout)["results"]
    assert not findings, [(f["test_id"], f["filename"], f["line_number"]) for f in findings]
