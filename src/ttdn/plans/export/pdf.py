"""A .docx as a PDF, by LibreOffice headless (Debian package ``libreoffice-writer-nogui``).

Each conversion runs ``soffice`` with its own private profile directory: two runs sharing a
profile silently lose a PDF. The binary is ``TTDN_SOFFICE`` (environment variable or Django
setting) when set, else ``soffice`` or ``libreoffice`` on the PATH. Every failure becomes a
``PlanError`` with a message a person can act on; the details go to the log.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from django.utils.translation import gettext as _

from ttdn.plans.errors import PlanError

logger = logging.getLogger(__name__)

DEBIAN_PACKAGE = "libreoffice-writer-nogui"


def docx_to_pdf(docx: bytes, *, timeout: float = 120) -> bytes:
    """The PDF of a .docx file. Raises PlanError when LibreOffice is missing, fails or takes
    longer than ``timeout`` seconds."""
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="ttdn-soffice-") as tmp:
        work = Path(tmp)
        source = work / "document.docx"
        source.write_bytes(docx)
        started = time.monotonic()
        _run(_command(soffice, work, source), work, timeout)
        pdf = work / "out" / "document.pdf"
        data = pdf.read_bytes() if pdf.is_file() else b""
    if not data.startswith(b"%PDF"):
        raise PlanError(_("LibreOffice không tạo được tệp PDF; hãy tải bản .docx."))
    logger.info("soffice converted %d bytes in %.1f s", len(docx), time.monotonic() - started)
    return data


def find_soffice() -> str:
    """The path of the LibreOffice binary, or PlanError saying which package to install."""
    configured = os.environ.get("TTDN_SOFFICE") or _setting()
    candidates = [configured] if configured else ["soffice", "libreoffice"]
    for candidate in candidates:
        found = shutil.which(candidate)
        if found:
            return found
    raise _missing()


def _setting() -> str:
    from django.conf import settings

    return getattr(settings, "TTDN_SOFFICE", "") if settings.configured else ""


def _missing() -> PlanError:
    return PlanError(
        _(
            "Không tìm thấy LibreOffice (gói libreoffice-writer-nogui) "
            "nên chưa xuất được PDF; hãy tải bản .docx."
        )
    )


def _command(soffice: str, work: Path, source: Path) -> list[str]:
    return [
        soffice,
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        "--nodefault",
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(work / "out"),
        str(source),
    ]


def _run(command: list[str], work: Path, timeout: float) -> None:
    """Run soffice in its own process group, so a timeout can stop soffice.bin too."""
    env = {**os.environ, "HOME": str(work), "SAL_USE_VCLPLUGIN": "svp"}
    try:
        process = subprocess.Popen(  # noqa: S603 - a list of arguments, no shell
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=work,
            env=env,
            start_new_session=True,
        )
    except OSError as error:
        logger.warning("soffice could not start: %s", error)
        raise _missing() from error
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        _kill_group(process)
        logger.warning("soffice took longer than %s s", timeout)
        raise PlanError(
            _("LibreOffice chạy quá %(seconds)s giây nên chưa xuất được PDF; hãy tải bản .docx.")
            % {"seconds": round(timeout)}
        ) from error
    if process.returncode != 0:
        logger.warning("soffice exited %s: %s %s", process.returncode, stdout, stderr)


def _kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
