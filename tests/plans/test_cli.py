import json

import pytest
from django.core.management import CommandError, call_command

from ttdn.plans.demo import SEED_FILE
from ttdn.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_dry_run_prints_the_json_other_tools_rely_on(seed_commune, capsys, admin_user):
    call_command("plan", "import", str(SEED_FILE), "--commune", "15178", "--dry-run",
                 "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert {"sections", "legal_bases", "assignments", "reporting", "recipients", "signature",
            "warnings"} <= set(data)
    assert [s["number"] for s in data["sections"]] == ["I", "II", "IV", "V"]
    assert [len(a["tasks"]) for a in data["assignments"]] == [5, 2, 1, 2, 2, 4, 3]
    assert data["assignments"][6]["units"] == ["Đài truyền thanh xã"]
    assert {r["frequency"] for r in data["reporting"]} == {"half_year", "year"}
    assert data["signature"]["name"] == "Hoàng Thị Hợp"
    assert not Plan.objects.exists()


def test_import_saves_and_export_writes_a_docx(seed_commune, tmp_path, capsys, admin_user):
    call_command("plan", "import", str(SEED_FILE), "--commune", "15178")
    plan = Plan.objects.get()
    assert plan.tasks.count() > 19
    target = tmp_path / "ke-hoach.docx"
    call_command("plan", "export", str(plan.pk), "--output", str(target))
    assert target.read_bytes()[:2] == b"PK"


def test_a_bad_file_is_a_vietnamese_command_error(seed_commune, tmp_path, admin_user):
    article = tmp_path / "bai-bao.txt"
    article.write_text("Sáng nay, xã Cẩm Tân tổ chức hội nghị.\nNhiều đại biểu tham dự.\n",
                       encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("plan", "import", str(article), "--commune", "15178")
    assert "kế hoạch" in str(caught.value).lower()
    assert not Plan.objects.exists()
