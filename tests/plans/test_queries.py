"""The query count of "my unit's tasks" does not grow with the number of tasks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ttdn.org.models import Unit
from ttdn.plans import services
from ttdn.plans.models import Task

pytestmark = pytest.mark.django_db


def _add_tasks(plan, unit, count, coordinators):
    for n in range(count):
        task = Task.objects.create(plan=plan, commune=plan.commune, lead_unit=unit,
                                   text=f"Nhiệm vụ thêm số {n}", position=1000 + n)
        task.coordinating_units.set(coordinators)


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("tasks:mine"))
    assert response.status_code == 200
    return len(captured.captured_queries), response


def test_my_unit_tasks_query_count_is_constant(seed_plan, village_head, client):
    village = Unit.objects.get(commune=seed_plan.commune, name="Thôn Mẫu Một")
    helpers = list(Unit.objects.filter(commune=seed_plan.commune, kind="mass_organisation"))
    client.force_login(village_head)
    services.task_report(task=seed_plan.tasks.filter(lead_unit=village).first(),
                         actor=village_head, status="in_progress", progress=10)
    few, _ = _queries(client)
    _add_tasks(seed_plan, village, 60, helpers)
    many, response = _queries(client)
    assert response.content.decode().count("data-ttdn-task=") == 64
    assert many == few, f"{few} queries with 4 tasks, {many} with 64"
