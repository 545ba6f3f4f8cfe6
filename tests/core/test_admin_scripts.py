"""Wagtail's widgets start from data, not from inline scripts the admin's CSP would block
(ttdn.core.admin_scripts; the browser side is tests/e2e/test_portal_journey.py)."""

import json
import re

import pytest
from wagtail.models import Locale

from ttdn.core.admin_scripts import CALLS, deferred_call
from ttdn.portal.models import ContentPage, HomePage, NewsIndexPage

# An executable inline script: no src, and a type a browser runs (none, or a JavaScript one).
SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
DATA = re.compile(r'data-ttdn-call="(?P<name>[^"]+)">(?P<data>.*?)</script>', re.S)


def inline_scripts(html: str) -> list[str]:
    found = []
    for match in SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = re.search(r'type="([^"]*)"', attrs)
        if "src=" in attrs or (kind and "javascript" not in kind.group(1).lower()
                               and kind.group(1) != "module"):
            continue
        found.append(match.group("body").strip()[:120])
    return found


def calls(html: str) -> list[tuple[str, list]]:
    return [(match["name"], json.loads(match["data"])) for match in DATA.finditer(html)]


@pytest.mark.nodb
def test_the_data_cannot_close_its_element_and_only_known_calls_are_written():
    html = deferred_call("chooser", "ImageChooser", "id_x", {"modalUrl": "</script><b>&"})
    assert "</script><b>" not in html and html.count("</script>") == 1
    assert calls(html) == [("chooser", ["ImageChooser", "id_x", {"modalUrl": "</script><b>&"}])]
    with pytest.raises(ValueError):
        deferred_call("eval", "alert(1)")
    assert "chooserUrls" in CALLS


@pytest.mark.portal
@pytest.mark.django_db
def test_the_page_editor_has_no_inline_script(client, world, admin_user):
    """The news and content page editors: dates, choosers (image, snippet), an inline panel,
    the scheduled-publishing date-times."""
    home = HomePage.objects.get(commune=world["cam-tan"]["commune"], locale=Locale.get_default())
    news = home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    content = home.add_child(instance=ContentPage(title="Giới thiệu", slug="gioi-thieu"))
    client.force_login(admin_user)
    seen = set()
    for url in (f"/admin/pages/add/portal/newspage/{news.pk}/", f"/admin/pages/{content.pk}/edit/",
                f"/admin/pages/{home.pk}/edit/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert inline_scripts(html) == [], url
        seen |= {name for name, _args in calls(html)}
        seen |= {args[0] for name, args in calls(html) if name == "chooser"}
    assert {"initDateChooser", "initDateTimeChooser", "InlinePanel", "ImageChooser",
            "SnippetChooser"} <= seen


@pytest.mark.portal
@pytest.mark.django_db
def test_the_workflow_task_chooser_has_no_inline_script(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/workflows/add/")
    assert response.status_code == 200
    html = response.content.decode()
    assert inline_scripts(html) == []
    assert "createTaskChooser" in {name for name, _args in calls(html)}
