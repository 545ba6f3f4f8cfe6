"""The project's Vietnamese catalogue compiles cleanly and the committed .mo is up to date."""

import shutil
import subprocess
from pathlib import Path

import ttdn

LOCALE = Path(ttdn.__file__).parent / "locale"


def test_catalogues_compile_and_match_committed_mo(tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt is missing: install the Debian package gettext"
    catalogues = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
    assert catalogues
    for po in catalogues:
        compiled = tmp_path / (po.stem + ".mo")
        subprocess.run([msgfmt, "--check", "-o", str(compiled), str(po)], check=True)
        assert compiled.read_bytes() == po.with_suffix(".mo").read_bytes(), (
            f"{po.with_suffix('.mo')} is stale: run msgfmt -o {po.with_suffix('.mo')} {po}"
        )
