import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from ttdn.org.models import Unit
from ttdn.plans import services
from ttdn.plans.models import Notice, Recurrence, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated_tasks(seed_plan, officer, village_head):
    services.plan_issue(plan=seed_plan, actor=officer)
    village = Unit.objects.get(commune=seed_plan.commune, name="Thôn Mẫu Một")

    def one_off(text, due):
        return services.task_save(
            task=Task(plan=seed_plan, text=text, lead_unit=village,
                      recurrence=Recurrence.ONE_OFF, due_on=due),
            actor=officer, coordinating_units=[],
        )

    return {
        "soon": one_off("Nộp danh sách kiều bào của thôn.", datetime.date(2026, 12, 1)),
        "late": one_off("Treo băng rôn tuyên truyền Kết luận 57.", datetime.date(2026, 11, 20)),
        "far": one_off("Tổng kết năm.", datetime.date(2027, 3, 1)),
        "half": services.task_save(
            task=Task(plan=seed_plan, text="Báo cáo 6 tháng về TTĐN của thôn.",
                      lead_unit=village, recurrence=Recurrence.HALF_YEARLY),
            actor=officer, coordinating_units=[]),
    }


def test_notify_due_sends_each_notice_once(dated_tasks, village_head, officer,
                                           django_capture_on_commit_callbacks):
    today = datetime.date(2026, 11, 27)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_due", days=7, today=today)
    notices = Notice.objects.filter(recipient=village_head)
    kinds = {(n.task_id, n.kind) for n in notices}
    assert (dated_tasks["soon"].pk, "due_soon") in kinds
    assert (dated_tasks["late"].pk, "overdue") in kinds
    assert all(n.task_id != dated_tasks["far"].pk for n in notices)
    # the half-yearly task is due at the cut-off 14/12: outside 7 days
    assert all(n.task_id != dated_tasks["half"].pk for n in notices)
    # overdue also reaches the culture officer; due-soon only the unit
    assert Notice.objects.filter(recipient=officer, task=dated_tasks["late"]).exists()
    assert not Notice.objects.filter(recipient=officer, task=dated_tasks["soon"]).exists()
    sent, count = len(mail.outbox), Notice.objects.count()
    assert sent == count and "Quá hạn" in " ".join(m.subject for m in mail.outbox)
    # a second run — same day or the next — sends nothing twice
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_due", days=7, today=today)
        call_command("notify_due", days=7, today=today + datetime.timedelta(days=1))
    assert Notice.objects.count() == count and len(mail.outbox) == sent
    # a wider window reaches the half-yearly cut-off, once
    call_command("notify_due", days=20, today=today)
    assert Notice.objects.filter(task=dated_tasks["half"], kind="due_soon").count() == 1


def test_done_tasks_get_no_notice(dated_tasks, village_head):
    services.task_report(task=dated_tasks["late"], actor=village_head, status="done",
                         progress=100, today=datetime.date(2026, 11, 21))
    call_command("notify_due", days=7, today=datetime.date(2026, 11, 27))
    assert not Notice.objects.filter(task=dated_tasks["late"]).exists()


def test_drafts_bind_nobody(seed_plan, officer):
    village = Unit.objects.get(commune=seed_plan.commune, name="Thôn Mẫu Một")
    services.task_save(task=Task(plan=seed_plan, text="Việc của bản dự thảo.", lead_unit=village,
                                 recurrence=Recurrence.ONE_OFF, due_on=datetime.date(2026, 11, 1)),
                       actor=officer, coordinating_units=[])
    call_command("notify_due", days=7, today=datetime.date(2026, 11, 27))
    assert not Notice.objects.exists()


def test_notices_reach_the_menu_and_are_read(dated_tasks, village_head, client):
    import json

    from django.urls import reverse

    call_command("notify_due", days=7, today=datetime.date(2026, 11, 27))
    client.force_login(village_head)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps("Thông báo (2)") in home  # the sidebar's menu is JSON in the page
    page = client.get(reverse("ttdn_notices")).content.decode()
    assert "Quá hạn từ 20/11/2026" in page
    client.post(reverse("ttdn_notices"))
    assert not Notice.objects.filter(recipient=village_head, read_at__isnull=True).exists()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps("Thông báo") in home and json.dumps("Thông báo (2)") not in home
