"""The Vietnamese catalogues of Wagtail and wagtail-localize that the project ships.

Wagtail's own Vietnamese catalogue covers a fifth of its strings. The project keeps, under
``ttdn/locale_upstream/<app path>/vi/LC_MESSAGES/``, one catalogue per Wagtail app and domain,
with the same structure as Wagtail's (so it can be offered upstream). They sit in
``LOCALE_PATHS``, which takes precedence over the apps' catalogues.

``catalogue_sync`` brings them in line with the installed apps' source (English) catalogues:
new strings appear untranslated, strings gone from the source are dropped. ``coverage`` measures
each catalogue against the installed source, so an upgrade of Wagtail shows up as lost coverage.
"""

import importlib
import subprocess
from dataclasses import dataclass
from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parents[1]
UPSTREAM_DIR = PACKAGE_DIR / "locale_upstream"
PROJECT_LOCALE = PACKAGE_DIR / "locale"
UPSTREAM_PACKAGES = ("wagtail", "wagtail_localize")
LANGUAGE = "vi"


@dataclass(frozen=True)
class Catalogue:
    """One app's catalogue for one domain: the installed source and our translation of it."""

    app_path: str  # e.g. "wagtail/admin"
    domain: str  # "django" or "djangojs"
    source: Path  # the app's English catalogue (its list of strings)
    shipped: Path | None  # the app's own Vietnamese catalogue, if any

    @property
    def name(self) -> str:
        return f"{self.app_path}:{self.domain}"

    @property
    def target(self) -> Path:
        return UPSTREAM_DIR / self.app_path / LANGUAGE / "LC_MESSAGES" / f"{self.domain}.po"


@dataclass(frozen=True)
class Coverage:
    name: str
    total: int
    translated: int

    @property
    def percent(self) -> float:
        return 100.0 if not self.total else 100.0 * self.translated / self.total


def upstream_catalogues() -> list[Catalogue]:
    """Every catalogue that the installed Wagtail and wagtail-localize ship, whether or not its
    app is enabled here: found on disk at each call, never from a frozen list."""
    found = []
    for package_name in UPSTREAM_PACKAGES:
        package_dir = Path(importlib.import_module(package_name).__file__).parent
        root = package_dir.parent
        for source in sorted(package_dir.glob("**/locale/en/LC_MESSAGES/*.po")):
            app_dir = source.parents[3]
            shipped = app_dir / "locale" / LANGUAGE / "LC_MESSAGES" / source.name
            found.append(Catalogue(
                app_path=app_dir.relative_to(root).as_posix(), domain=source.stem,
                source=source, shipped=shipped if shipped.exists() else None,
            ))
    return found


def _key(entry) -> tuple:
    return (entry.msgctxt, entry.msgid)


def _is_translated(entry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def catalogue_sync(catalogue: Catalogue) -> tuple[int, int]:
    """Rewrites the target from the source's strings, keeping translations we have (or, for a new
    catalogue, those Wagtail ships). Returns (strings, translated)."""
    source = polib.pofile(str(catalogue.source))
    previous = catalogue.target if catalogue.target.exists() else catalogue.shipped
    known = {}
    if previous is not None:
        known = {_key(e): e for e in polib.pofile(str(previous)) if _is_translated(e)}
    target = polib.POFile(wrapwidth=78)
    target.metadata = {
        "Project-Id-Version": "Wagtail",
        "Report-Msgid-Bugs-To": "",
        "PO-Revision-Date": "2026-11-27 12:00+0700",
        "Last-Translator": "TTĐN team",
        "Language-Team": "Vietnamese",
        "Language": LANGUAGE,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    translated = 0
    for entry in source:
        if entry.obsolete:
            continue
        old = known.get(_key(entry))
        new = polib.POEntry(
            msgid=entry.msgid, msgctxt=entry.msgctxt, msgid_plural=entry.msgid_plural,
            occurrences=entry.occurrences, flags=[f for f in entry.flags if f != "fuzzy"],
            comment=entry.comment,
        )
        if entry.msgid_plural:
            new.msgstr_plural = {0: old.msgstr_plural.get(0, "")} if old and old.msgid_plural \
                else {0: ""}
        else:
            new.msgstr = old.msgstr if old and not old.msgid_plural else ""
        translated += _is_translated(new)
        target.append(new)
    catalogue.target.parent.mkdir(parents=True, exist_ok=True)
    target.save(str(catalogue.target))
    return len(target), translated


def coverage(catalogue: Catalogue) -> Coverage:
    wanted = [e for e in polib.pofile(str(catalogue.source)) if not e.obsolete]
    have = {}
    if catalogue.target.exists():
        have = {_key(e): e for e in polib.pofile(str(catalogue.target))}
    done = sum(1 for e in wanted if _key(e) in have and _is_translated(have[_key(e)]))
    return Coverage(catalogue.name, len(wanted), done)


def project_catalogues() -> list[Path]:
    return sorted(PROJECT_LOCALE.glob("*/LC_MESSAGES/*.po"))


def project_coverage(po_path: Path) -> Coverage:
    entries = [e for e in polib.pofile(str(po_path)) if not e.obsolete]
    name = po_path.relative_to(PACKAGE_DIR).as_posix()
    return Coverage(name, len(entries), sum(1 for e in entries if _is_translated(e)))


def project_identity_fill(po_path: Path) -> int:
    """The source language is Vietnamese: the Vietnamese catalogue of our own strings is the
    identity — except for Wagtail's English strings that our code re-uses (template overrides,
    upstream fixes), which take our Vietnamese translation of them. This catalogue comes first in
    LOCALE_PATHS, so an identity entry there would hide the translation. Returns how many
    entries it filled."""
    upstream = {}
    for upstream_po in UPSTREAM_DIR.glob(f"**/{LANGUAGE}/LC_MESSAGES/*.po"):
        for entry in polib.pofile(str(upstream_po)):
            if _is_translated(entry) and not entry.msgid_plural:
                upstream.setdefault((entry.msgctxt, entry.msgid), entry.msgstr)
    catalogue = polib.pofile(str(po_path))
    filled = 0
    for entry in catalogue:
        known = upstream.get(_key(entry))
        if entry.obsolete or (_is_translated(entry) and known in (None, entry.msgstr)):
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid_plural}
        else:
            entry.msgstr = known or entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    catalogue.save()
    return filled


def all_catalogue_files() -> list[Path]:
    return sorted([*PROJECT_LOCALE.glob("*/LC_MESSAGES/*.po"),
                   *UPSTREAM_DIR.glob("**/LC_MESSAGES/*.po")])


def compile_catalogue(po_path: Path) -> None:
    """msgfmt --check: a broken placeholder or plural fails here, not in front of a user."""
    subprocess.run(  # noqa: S603 - fixed program, our own file paths
        ["msgfmt", "--check", "-o", str(po_path.with_suffix(".mo")), str(po_path)],  # noqa: S607
        check=True,
    )
