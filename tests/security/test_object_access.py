"""Tenant isolation, generated from the admin itself: every URL of every admin screen that takes
an object id answers 404 to every role of another commune, for GET and POST. A new admin screen
for a model without an entry in OBJECT_OF_OTHER_COMMUNE fails here until someone adds one."""

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse
from wagtail.admin.viewsets import viewsets as registry
from wagtail.admin.viewsets.model import ModelViewSet

from ttdn.core.viewsets import ScopedModelViewSet
from ttdn.org.models import AdministrativeArea, Commune, Membership, Role, Unit, User
from ttdn.plans.models import DirectiveDocument, Plan, Task
from ttdn.portal.models import Feedback, NewsCategory

PROJECT_APPS = {"org", "plans", "reports", "portal", "cases", "radio", "budget", "capacity",
                "press", "diaspora", "officialdoc", "core"}

# How to find, in the `world` fixture, an object that belongs to the *other* commune.
OBJECT_OF_OTHER_COMMUNE = {
    Commune: lambda world: world["cam-thach"]["commune"],
    Unit: lambda world: world["cam-thach"]["village"],
    Membership: lambda world: Membership.objects.get(user=world["cam-thach"][Role.UNIT_MEMBER]),
    DirectiveDocument: lambda world: DirectiveDocument.objects.create(
        commune=world["cam-thach"]["commune"], symbol="57-KL/TW", number="57", kind="KL",
        issuer_code="TW", level="central"),
    Plan: lambda world: _plan_of(world["cam-thach"]),
    Task: lambda world: Task.objects.create(
        plan=_plan_of(world["cam-thach"]), commune=world["cam-thach"]["commune"],
        lead_unit=world["cam-thach"]["village"], text="Nhiệm vụ của xã khác"),
    Feedback: lambda world: _feedback_of(world["cam-thach"]),
}


def _feedback_of(commune_world):
    """A reader's message to the other commune's portal, through the contact form's service."""
    from wagtail.models import Locale

    from ttdn.portal.models import HomePage
    from ttdn.portal.services import feedback_submit

    commune = commune_world["commune"]
    home = HomePage.objects.get(commune=commune, locale=Locale.get_default())
    return feedback_submit(commune=commune, page=home, language="vi", data={
        "name": "Trần Văn An", "email": "an@example.vn", "phone": "",
        "subject": "Ý kiến gửi xã khác", "message": "Nội dung ý kiến."})


def _plan_of(commune_world):
    return Plan.objects.get_or_create(commune=commune_world["commune"],
                                      defaults={"title": "Kế hoạch của xã khác"})[0]


# Admin screens registered with ``register_admin_urls`` (not model viewsets): each URL name with
# an object id maps to the URLs, in the `world` fixture, of objects that belong to the *other*
# commune. A case is shared: Cẩm Tân, having a tip on Cẩm Thạch's case, opens that case, but
# never Cẩm Thạch's tips, their screenshots, its verification log or its files.
def _desk_world(world):
    """Cẩm Thạch's own case, and a case it shares with Cẩm Tân; Cẩm Thạch's rows on both."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from ttdn.cases import services
    from ttdn.cases.intake import TipInput

    cached = world.get("_desk")
    if cached:
        return cached

    def png():
        buffer = io.BytesIO()
        Image.new("RGB", (20, 20), "blue").save(buffer, format="PNG")
        return SimpleUploadedFile("anh.png", buffer.getvalue(), "image/png")

    other, ours = world["cam-thach"], world["cam-tan"]
    own = services.tip_submit(commune=other["commune"], files=[png()], data=TipInput(
        text="Nhà máy nước Cẩm Thạch xả chất độc ra sông, cá chết hàng loạt.")).tip
    shared_tip = services.tip_submit(commune=other["commune"], files=[png()], data=TipInput(
        text="Cán bộ xã ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa.")).tip
    services.tip_submit(commune=ours["commune"], data=TipInput(
        text="Nghe nói cán bộ xã ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa!"))
    officer = other[Role.CULTURE_OFFICER]
    notes = [services.note_add(case=tip.case, actor=officer, kind="evidence",
                               text="Ghi chép của Cẩm Thạch", upload=png())
             for tip in (own, shared_tip)]
    world["_desk"] = {"own": own, "shared": shared_tip, "notes": notes}
    return world["_desk"]


def _case_urls(world, name):
    desk = _desk_world(world)
    return [reverse(name, args=[desk["own"].case_id])]


def _attachment_urls(world):
    desk = _desk_world(world)
    return [reverse("cases:attachment", args=[tip.case_id, tip.attachments.get().pk])
            for tip in (desk["own"], desk["shared"])]


def _note_urls(world):
    return [reverse("cases:note_file", args=[note.case_id, note.pk])
            for note in _desk_world(world)["notes"]]


def _reports_world(world):
    """Cẩm Thạch's half-year round: its village's report (accepted), the commune report drafted
    from it, and its officer post that has not opened its report yet."""
    import datetime

    from ttdn.plans.models import PlanStatus, ReportingRequirement
    from ttdn.reports import services as reports
    from ttdn.reports.drafting import commune_report_draft
    from ttdn.reports.rounds import rounds_for_plan

    cached = world.get("_reports")
    if cached:
        return cached
    other = world["cam-thach"]
    plan = Plan.objects.create(commune=other["commune"], title="Kế hoạch thông tin đối ngoại",
                               status=PlanStatus.ISSUED, issued_on=datetime.date(2026, 1, 5))
    ReportingRequirement.objects.create(plan=plan, frequency="half_year")
    for position, unit in enumerate((other["village"], other["office"]), start=1):
        Task.objects.create(plan=plan, commune=other["commune"], lead_unit=unit,
                            text=f"Nhiệm vụ {position} của Cẩm Thạch", position=position)
    rounds_for_plan(plan, today=datetime.date(2026, 7, 1))
    round_ = plan.report_rounds.get(period="2026-H1")
    member, officer = other[Role.UNIT_MEMBER], other[Role.CULTURE_OFFICER]
    report = reports.unit_report_open(round_=round_, unit=other["village"], actor=member)
    task = report.tasks.get()
    report, _errors = reports.unit_report_save(report=report, actor=member, revision=1, data={
        "tasks": {str(task.task_id): {"done": "Đã tuyên truyền", "status": "in_progress"}}})
    report = reports.unit_report_submit(report=report, actor=member, revision=report.revision)
    reports.unit_report_accept(report=report, actor=officer)
    world["_reports"] = {"round": round_, "unit_report": report, "office": other["office"],
                         "commune_report": commune_report_draft(round_=round_, actor=officer)}
    return world["_reports"]


def _report_urls(world, name, key):
    return [reverse(name, args=[_reports_world(world)[key].pk])]


CUSTOM_OBJECT_URLS = {
    # wagtail-localize's "translate this page", on Cẩm Thạch's home page.
    "ttdn_submit_page_translation": lambda world: [reverse(
        "ttdn_submit_page_translation",
        args=[world["cam-thach"]["commune"].site.root_page_id])],
    # … and its "convert to alias page", on the same page.
    "ttdn_convert_to_alias": lambda world: [reverse(
        "ttdn_convert_to_alias", args=[world["cam-thach"]["commune"].site.root_page_id])],
    "reports:round": lambda world: _report_urls(world, "reports:round", "round"),
    "reports:unit_report_open": lambda world: [reverse(
        "reports:unit_report_open",
        args=[_reports_world(world)["round"].pk, _reports_world(world)["office"].pk])],
    "reports:unit_report": lambda world: _report_urls(world, "reports:unit_report",
                                                      "unit_report"),
    "reports:unit_report_autosave": lambda world: _report_urls(
        world, "reports:unit_report_autosave", "unit_report"),
    "reports:commune_report": lambda world: _report_urls(world, "reports:commune_report",
                                                         "commune_report"),
    "cases:detail": lambda world: _case_urls(world, "cases:detail"),
    "cases:evidence_zip": lambda world: _case_urls(world, "cases:evidence_zip"),
    "cases:evidence_pdf": lambda world: _case_urls(world, "cases:evidence_pdf"),
    "cases:attachment": _attachment_urls,
    "cases:note_file": _note_urls,
}


def project_model_viewsets():
    _ = get_resolver().url_patterns  # the registry fills as the admin URLs load
    return [
        viewset for viewset in registry.viewsets
        if isinstance(viewset, ModelViewSet) and viewset.model._meta.app_label in PROJECT_APPS
    ]


def object_urls(viewset, obj):
    urls = []
    for pattern in viewset.get_urlpatterns():
        if "pk" not in pattern.pattern.converters:
            continue
        try:
            urls.append(reverse(viewset.get_url_name(pattern.name), args=[obj.pk]))
        except NoReverseMatch:
            continue
    return urls


# Wagtail's own screens for project models, open to platform administrators only (through
# Django permissions that no commune role holds): commune staff are managed under "Cán bộ".
# The news categories are one list for every commune of the deployment (a snippet that only
# administrators have permissions on): no commune's data.
ADMINISTRATOR_ONLY = {User, NewsCategory}


@pytest.mark.nodb
def test_every_project_model_screen_is_scoped_and_has_a_matrix_entry():
    viewsets = project_model_viewsets()
    assert viewsets, "no project admin screens found: the registry walk is broken"
    for viewset in viewsets:
        if viewset.model in ADMINISTRATOR_ONLY:
            continue
        assert isinstance(viewset, ScopedModelViewSet), (
            f"{viewset.model.__name__} admin screen must be a ScopedModelViewSet"
        )
        assert viewset.model in OBJECT_OF_OTHER_COMMUNE, (
            f"add {viewset.model.__name__} to OBJECT_OF_OTHER_COMMUNE in {__file__}"
        )


@pytest.fixture
def outsider_upper_level(world, admin_user):
    """An upper-level officer over another district: sees neither commune."""
    from ttdn.org.services import staff_create

    district = AdministrativeArea.objects.filter(scheme="legacy", level="district").exclude(
        code=390).first()
    return staff_create(
        username="huyen.khac", family_name="Cán bộ", given_name="Huyện", email="",
        password="một câu mật khẩu đủ dài", role=Role.UPPER_LEVEL, area=district,
        actor=admin_user,
    ).user


@pytest.mark.django_db
def test_no_role_of_one_commune_reaches_an_object_of_another(world, outsider_upper_level,
                                                              client):
    actors = [world["cam-tan"][role] for role in Role.values if role != Role.UPPER_LEVEL]
    actors.append(outsider_upper_level)
    checked = 0
    for viewset in project_model_viewsets():
        if viewset.model in ADMINISTRATOR_ONLY:
            continue
        obj = OBJECT_OF_OTHER_COMMUNE[viewset.model](world)
        urls = object_urls(viewset, obj)
        assert urls, f"{viewset.model.__name__}: no object URLs found"
        for actor in actors:
            client.force_login(actor)
            for url in urls:
                for method in ("get", "post"):
                    response = getattr(client, method)(url)
                    assert response.status_code == 404, (
                        f"{actor.username} {method.upper()} {url} → {response.status_code}"
                    )
                    checked += 1
    # the other commune's own staff do reach the same objects
    client.force_login(world["cam-thach"][Role.CULTURE_OFFICER])
    unit = OBJECT_OF_OTHER_COMMUNE[Unit](world)
    assert client.get(reverse("units:edit", args=[unit.pk])).status_code == 200
    assert checked >= 100


@pytest.mark.django_db
def test_administrator_only_screens_refuse_every_commune_role(world, outsider_upper_level, client):
    actors = [world["cam-tan"][role] for role in Role.values if role != Role.UPPER_LEVEL]
    actors.append(outsider_upper_level)
    targets = {
        User: (world["cam-thach"][Role.CULTURE_OFFICER], "username"),
        NewsCategory: (NewsCategory.objects.create(name="Hợp tác quốc tế thử", slug="thu"),
                       "name"),
    }
    for viewset in project_model_viewsets():
        if viewset.model not in ADMINISTRATOR_ONLY:
            continue
        target, shown = targets[viewset.model]
        index_name = "list" if viewset.model is NewsCategory else "index"  # snippets say "list"
        urls = [reverse(viewset.get_url_name(index_name)), *object_urls(viewset, target)]
        assert len(urls) > 1, f"{viewset.model.__name__}: no object URLs found"
        for actor in actors:
            client.force_login(actor)
            for url in urls:
                response = client.get(url)
                assert response.status_code in (302, 403, 404), f"{actor.username} {url}"
                assert getattr(target, shown) not in response.content.decode()


def custom_object_url_names():
    """Admin URLs of our own views that take an object id and are not a model viewset's."""
    from django.urls import URLPattern, URLResolver

    viewset_namespaces = {viewset.name for viewset in project_model_viewsets()}

    def walk(patterns, route="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, route + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.pattern.converters:
                view = getattr(pattern.callback, "view_class", pattern.callback)
                yield route + str(pattern.pattern), namespace + (pattern.name or ""), view

    names = set()
    for route, name, view in walk(get_resolver().url_patterns):
        if not route.startswith("admin/") or not view.__module__.startswith("ttdn."):
            continue
        if name.split(":")[0] in viewset_namespaces:
            continue  # walked by the test above
        names.add(name)
    return names


@pytest.mark.nodb
def test_every_custom_admin_url_with_an_object_id_has_an_entry():
    names = custom_object_url_names()
    assert "cases:detail" in names, "the URL walk is broken"
    missing = sorted(names - set(CUSTOM_OBJECT_URLS))
    assert not missing, f"add {missing} to CUSTOM_OBJECT_URLS in {__file__}"


@pytest.mark.django_db
def test_no_role_of_one_commune_reaches_another_communes_rows_on_custom_screens(
    world, outsider_upper_level, client
):
    actors = [world["cam-tan"][role] for role in Role.values if role != Role.UPPER_LEVEL]
    actors.append(outsider_upper_level)
    urls = [url for name in sorted(CUSTOM_OBJECT_URLS) for url in CUSTOM_OBJECT_URLS[name](world)]
    checked = 0
    for actor in actors:
        client.force_login(actor)
        for url in urls:
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                assert response.status_code == 404, (
                    f"{actor.username} {method.upper()} {url} → {response.status_code}"
                )
                checked += 1
    assert checked >= 100
    desk = _desk_world(world)
    # Cẩm Tân's desk does open the shared case (and still not Cẩm Thạch's rows above) …
    client.force_login(world["cam-tan"][Role.CULTURE_OFFICER])
    page = client.get(reverse("cases:detail", args=[desk["shared"].case_id]))
    assert page.status_code == 200 and desk["shared"].receipt not in page.content.decode()
    # … and Cẩm Thạch's own desk reaches every one of those URLs (but "convert to alias",
    # which publishes: only for those who may publish, tests/portal/test_editorial.py).
    client.force_login(world["cam-thach"][Role.CULTURE_OFFICER])
    for url in urls:
        if "/evidence/" not in url and "/convert_to_alias/" not in url:
            assert client.get(url).status_code == 200, url
