"""Catalogues: they compile cleanly, the committed .mo files are current, coverage is measured
against the installed apps' own source catalogues and stays at 99% or more."""

import shutil
import subprocess

import polib
import pytest
from django.core.management import call_command
from django.utils import translation

from ttdn.core import i18n

pytestmark = pytest.mark.nodb  # never touches the database: not run again on PostgreSQL


def test_every_catalogue_compiles_and_matches_its_committed_mo(tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt is missing: install the Debian package gettext"
    files = i18n.all_catalogue_files()
    assert len(files) > 10
    for po in files:
        compiled = tmp_path / "check.mo"
        subprocess.run([msgfmt, "--check", "-o", str(compiled), str(po)], check=True)
        assert compiled.read_bytes() == po.with_suffix(".mo").read_bytes(), (
            f"{po.with_suffix('.mo')} is stale: run `ttdn i18n-sync`"
        )


def test_coverage_is_at_least_99_percent_everywhere(capsys):
    call_command("i18n_check", minimum=99.0)
    out = capsys.readouterr().out
    assert "== wagtail:" in out and "== wagtail_localize:" in out and "== locale:" in out


def test_a_new_upstream_string_lowers_coverage(tmp_path):
    catalogue = next(c for c in i18n.upstream_catalogues() if c.name == "wagtail/sites:django")
    source = polib.pofile(str(catalogue.source))
    source.append(polib.POEntry(msgid="A string added by a Wagtail upgrade", msgstr=""))
    upgraded = tmp_path / "django.po"
    source.save(str(upgraded))
    before = i18n.coverage(catalogue)
    after = i18n.coverage(i18n.Catalogue(catalogue.app_path, catalogue.domain, upgraded, None))
    assert after.total == before.total + 1
    assert after.translated == before.translated


def test_a_broken_placeholder_fails_compilation(tmp_path):
    po = tmp_path / "django.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  '#, python-format\nmsgid "Hello %(name)s"\nmsgstr "Xin chào %(ten)s"\n')
    with pytest.raises(subprocess.CalledProcessError):
        i18n.compile_catalogue(po)


@pytest.mark.parametrize("msgid,expected", [
    ("Sign in", "Đăng nhập"),
    ("Dashboard", "Trang tổng quan"),
    ("Pages", "Trang"),
    ("Workflows", "Quy trình duyệt"),
    ("Page", "Trang"),  # also a project msgid (upstream fix): must not shadow the translation
    ("Actions", "Thao tác"),
])
def test_wagtail_strings_are_served_in_vietnamese(msgid, expected):
    with translation.override("vi"):
        assert translation.gettext(msgid) == expected


def test_project_strings_have_english():
    with translation.override("en"):
        assert translation.gettext("Vị trí công tác của bạn") != "Vị trí công tác của bạn"
