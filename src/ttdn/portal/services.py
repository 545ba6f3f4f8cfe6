"""Every write of the portal outside Wagtail's own editor: a commune's site set-up, the readers'
feedback, and its handling."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from ttdn.core import audit
from ttdn.core.errors import PermissionDeniedError
from ttdn.org.models import Commune

from .editorial import set_up_editorial
from .models import Feedback, HomePage, PortalSettings
from .permissions import feedback_policy


def content_locales() -> list[Locale]:
    """A Locale for each configured content language (adding one to the settings is enough)."""
    return [
        Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    ]


@transaction.atomic
def set_up_portal(commune: Commune, *, actor=None) -> HomePage:
    """Idempotent. The commune's home page (the site's root) in the default language, a
    published translation in each other content language, the site settings, and the
    editorial groups and workflow."""
    site = commune.site
    home = HomePage.objects.filter(commune=commune, locale=Locale.get_default()).first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(
            title=str(commune.area), slug=commune.slug, commune=commune,
            locale=Locale.get_default(), seo_title="", summary="",
        ))
        home.save_revision(user=actor, log_action=False).publish(user=actor, log_action=False)
    if site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    for locale in content_locales():
        if locale.pk != home.locale_id and not home.has_translation(locale):
            translated = home.copy_for_translation(locale)
            translated.save_revision(user=actor, log_action=False).publish(
                user=actor, log_action=False
            )
    PortalSettings.for_site(site)
    set_up_editorial(commune)
    return home


# Feedback ---------------------------------------------------------------------------------


# A message identical to one the commune received this recently is the same message sent again.
FEEDBACK_RESENT_WITHIN = timedelta(days=1)


def feedback_submit(*, commune: Commune, page, language: str, data: dict) -> Feedback:
    """A reader's message, stored whole before anything else happens with it. The same message
    sent again within a day (a double click, a retried POST: same name, contacts, subject and
    text) is stored once: the first one is returned."""
    feedback = Feedback(
        commune=commune, page=page, language=language,
        name=data["name"], email=data.get("email", ""), phone=data.get("phone", ""),
        subject=data["subject"], message=data["message"],
    )
    feedback.full_clean()
    with transaction.atomic():
        # One commune's messages are stored one at a time (on SQLite the IMMEDIATE transaction
        # already is), so two copies arriving together cannot both miss the first.
        list(Commune.objects.select_for_update().filter(pk=commune.pk).values_list("pk"))
        earlier = Feedback.objects.filter(
            commune=commune, received_at__gte=timezone.now() - FEEDBACK_RESENT_WITHIN,
            name=feedback.name, email=feedback.email, phone=feedback.phone,
            subject=feedback.subject, message=feedback.message,
        ).order_by("received_at").first()
        if earlier is not None:
            return earlier
        feedback.save()
        audit.record(
            instance=feedback, action="ttdn.portal.feedback.received", actor=None,
            commune_id=commune.pk, after={"subject": feedback.subject},
        )
    return feedback


def feedback_mark_handled(*, feedback: Feedback, actor) -> Feedback:
    if not feedback_policy.user_has_permission_for_instance(actor, "change", feedback):
        raise PermissionDeniedError(_("Bạn không có quyền xử lý ý kiến này."))
    with transaction.atomic():
        locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
        if locked.handled_at is None:
            locked.handled_at = timezone.now()
            locked.handled_by = actor
            locked.save(update_fields=["handled_at", "handled_by"])
            audit.record(
                instance=locked, action="ttdn.portal.feedback.handled", actor=actor,
                commune_id=locked.commune_id,
            )
    return locked
