"""A .docx written by an office suite, not by our own code: LibreOffice turns an HTML plan into
Word's list numbering (numbering.xml, numPr). Its nested lists come out flattened into one list
whose second level is a bullet, the way many hand-made plans look: "• Công an xã:" followed by
its tasks as the next bullets."""

import shutil
import subprocess
from pathlib import Path

import pytest

from ttdn.plans.importer import read_plan

from .data.builders import DEMO_UNITS

pytestmark = pytest.mark.nodb  # never touches the database: not run again on PostgreSQL

SOURCE = Path(__file__).with_name("data") / "office_list_plan.html"


@pytest.fixture(scope="module")
def office_docx(tmp_path_factory) -> bytes:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice không có: cài gói Debian libreoffice-writer-nogui.")
    work = tmp_path_factory.mktemp("office")
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{work}/profile",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work), str(SOURCE)],
        check=True, capture_output=True, timeout=120,
    )
    return (work / "office_list_plan.docx").read_bytes()


def test_word_numbering_written_by_an_office_suite(office_docx):
    doc = read_plan(office_docx, "ke-hoach.docx", DEMO_UNITS)
    assert [s.number for s in doc.sections] == ["I", "II", "III"]
    assert doc.sections[2].role == "implementation"
    groups = {a.unit_text: a for a in doc.assignments}
    assert set(groups) == {"Công an xã", "Các thôn"}
    police = groups["Công an xã"]
    assert [m.unit for m in police.units] == ["Công an xã"]
    assert len(police.tasks) == 2
    assert police.tasks[1].coordinators == ["Đài truyền thanh xã"]
    assert {m.unit for m in groups["Các thôn"].units} == {
        u.name for u in DEMO_UNITS if u.kind == "village"}
    assert {r.frequency for r in doc.reporting} == {"half_year", "year"}
    assert doc.signature.name == "Hoàng Thị Hợp"
    assert [b.symbol for b in doc.legal_bases] == ["57-KL/TW", "162-KH/TU"]
