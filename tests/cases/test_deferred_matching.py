"""Tips from the public are stored at once and matched by the worker: what the reporter and the
desk see meanwhile, the production queue (django-tasks-db), the sweep of tips left waiting, and
two tips of one new rumour matched at the same moment."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.tasks import task
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from ttdn.cases import services
from ttdn.cases.intake import TipInput
from ttdn.cases.models import Case, MatchDecision, Tip
from ttdn.org.models import Role

pytestmark = pytest.mark.django_db

RUMOUR = "Cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa."
REWORDED = "Nghe nói cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa"
DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def post_tip(text=RUMOUR, commune="15178"):
    response = Client().post("/api/v1/tips", data=json.dumps({"commune": commune, "text": text}),
                             content_type="application/json")
    assert response.status_code == 201, response.content
    return Tip.objects.get(receipt=response.json()["receipt"])


def public_tip(world, text, commune="cam-tan"):
    return services.tip_submit(commune=world[commune]["commune"], data=TipInput(text=text),
                               defer_matching=True).tip


def matched_actions(tip):
    return ModelLogEntry.objects.filter(action="ttdn.cases.tip.matched", object_id=str(tip.pk))


def test_the_receipt_does_not_wait_for_the_matcher(world, settings):
    settings.TASKS = DUMMY
    tip = post_tip()
    assert tip.case_id is None and tip.match_decision == MatchDecision.PENDING
    assert not Case.objects.exists()
    assert ModelLogEntry.objects.filter(action="ttdn.cases.tip.received",
                                        object_id=str(tip.pk)).exists()

    status = Client().get(f"/api/v1/tips/{tip.receipt}").json()
    assert status["stage"] == "received" and status["matching"] is True
    page = Client(HTTP_HOST="xa15178.localhost").get(
        f"/bao-tin-sai-su-that/tra-cuu/{tip.receipt}/")
    assert page.status_code == 200
    assert "đang đối chiếu tin báo của bạn" in page.content.decode()

    assert services.match_pending() == 1
    tip.refresh_from_db()
    assert tip.case is not None and tip.match_decision == MatchDecision.NONE
    assert tip.case.opened_at == tip.created_at  # the desk's timers start at reception
    assert matched_actions(tip).count() == 1
    assert Client().get(f"/api/v1/tips/{tip.receipt}").json()["matching"] is False


def test_the_desk_sees_how_many_tips_are_waiting(world, settings):
    settings.TASKS = DUMMY
    post_tip()
    post_tip(commune="cam-thach")
    client = Client()
    client.force_login(world["cam-tan"][Role.CULTURE_OFFICER])
    page = client.get(reverse("cases:index")).content.decode()
    assert "1 tin báo mới đang được đối chiếu" in page  # its own commune's only


def test_the_production_queue_stores_the_task_with_the_tip_and_the_task_matches_it(
        world, settings, monkeypatch):
    settings.TASKS = DATABASE_QUEUE
    # The task object is made by the backend configured at import (the tests' immediate one):
    # made again as production's settings make it.
    monkeypatch.setattr(services, "match_tip_task", task(services.match_tip_task.func))
    first = post_tip()
    second = post_tip(REWORDED, commune="cam-thach")
    queued = DBTaskResult.objects.filter(task_path="ttdn.cases.services.match_tip_task")
    assert sorted(task.args_kwargs["args"][0] for task in queued) == [first.pk, second.pk]
    assert Tip.objects.filter(case__isnull=True).count() == 2

    # What db_worker does with each (its loop closes connections, which a test cannot keep).
    for queued_task in queued.order_by("enqueued_at"):
        queued_task.task.call(*queued_task.args_kwargs["args"], **queued_task.args_kwargs["kwargs"])

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.match_decision == MatchDecision.NONE
    assert second.case_id == first.case_id and second.match_decision == MatchDecision.AUTO
    assert second.match_seq > first.match_seq


def test_a_task_run_twice_matches_once(world, settings):
    settings.TASKS = DUMMY
    tip = public_tip(world, RUMOUR)
    services.tip_match(tip_id=tip.pk)
    services.tip_match(tip_id=tip.pk)
    assert Case.objects.count() == 1 and matched_actions(tip).count() == 1


def test_the_sweep_leaves_young_tips_to_the_worker(world, settings):
    settings.TASKS = DUMMY
    young = public_tip(world, RUMOUR)
    old = public_tip(world, "Trạm y tế xã thu phí tiêm vắc xin cho trẻ em thôn Tân Lập.")
    Tip.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=1))

    call_command("cases", "match-pending", verbosity=0)
    assert Tip.objects.get(pk=old.pk).case_id is not None
    assert Tip.objects.get(pk=young.pk).case_id is None

    call_command("cases", "match-pending", "--min-age", "0", verbosity=0)
    assert Tip.objects.get(pk=young.pk).case_id is not None


def test_a_tip_matched_while_another_was_compared_is_seen_under_the_lock(
        world, settings, monkeypatch):
    """Two residents report a new rumour at the same moment: the matcher of the first compares
    while the second is matched. Deciding under the lock, it sees the second's new case."""
    settings.TASKS = DUMMY
    first = public_tip(world, RUMOUR)
    second = public_tip(world, REWORDED, commune="cam-thach")
    compare = services.match_text
    calls = []

    def compare_while_the_other_is_matched(text, links=()):
        found = compare(text, links)
        if not calls:
            calls.append(text)
            services.tip_match(tip_id=second.pk)  # lands between the look and the decision
        return found

    monkeypatch.setattr(services, "match_text", compare_while_the_other_is_matched)
    services.tip_match(tip_id=first.pk)

    first.refresh_from_db()
    second.refresh_from_db()
    assert calls == [RUMOUR]
    assert second.match_decision == MatchDecision.NONE
    assert first.case_id == second.case_id and first.match_decision == MatchDecision.AUTO


def test_a_matcher_failure_never_undoes_the_tip(world, monkeypatch):
    """With the immediate backend the matching runs inside the tip's transaction: a failure
    there leaves the tip stored and waiting for the sweep, and the reporter gets her receipt."""

    def broken(text, links=()):
        Tip.objects.raw("SELECT no_such_column FROM cases_tip")[0]  # a database error

    monkeypatch.setattr(services, "match_text", broken)
    tip = post_tip()
    assert tip.case_id is None and tip.match_decision == MatchDecision.PENDING
    monkeypatch.undo()
    assert services.match_pending() == 1
    assert Tip.objects.get(pk=tip.pk).case_id is not None
