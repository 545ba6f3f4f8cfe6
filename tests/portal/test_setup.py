"""A commune's portal is set up with the commune: its home page in every content language,
the site pointing at it, and the editorial workflow on every language's tree."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, PageLogEntry, WorkflowPage

from ttdn.org.audit_views import log_entries_visible_to
from ttdn.org.models import Role
from ttdn.portal.models import HomePage
from ttdn.portal.services import set_up_portal

pytestmark = pytest.mark.django_db


def test_a_new_commune_gets_a_home_page_per_language(cam_tan, cam_thach):
    homes = HomePage.objects.filter(commune=cam_tan)
    assert sorted(homes.values_list("locale__language_code", flat=True)) == ["en", "vi"]
    assert all(home.live for home in homes)
    assert cam_tan.site.root_page.specific.commune == cam_tan
    assert cam_tan.site.root_page.locale == Locale.get_default()
    assert WorkflowPage.objects.filter(page__in=homes).count() == 2
    assert cam_thach.site.root_page_id != cam_tan.site.root_page_id


def test_set_up_is_idempotent(cam_tan):
    before = Page.objects.count()
    set_up_portal(cam_tan)
    assert Page.objects.count() == before


def test_another_language_is_a_setting(cam_tan, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("fr", "Français")]
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES
    call_command("portal", "setup", stdout=io.StringIO())
    home_fr = HomePage.objects.get(commune=cam_tan, locale__language_code="fr")
    assert home_fr.live
    assert WorkflowPage.objects.filter(page=home_fr).exists()


def test_the_audit_log_covers_every_language_tree(world):
    commune = world["cam-tan"]["commune"]
    english = HomePage.objects.get(commune=commune, locale__language_code="en")
    english.save_revision(user=world["cam-tan"][Role.OFFICE_STAFF], log_action=True)
    own = log_entries_visible_to(user=world["cam-tan"][Role.CHAIRMAN], log_model=PageLogEntry)
    other = log_entries_visible_to(user=world["cam-thach"][Role.CHAIRMAN],
                                   log_model=PageLogEntry)
    assert own.filter(page=english).exists()
    assert not other.filter(page=english).exists()
