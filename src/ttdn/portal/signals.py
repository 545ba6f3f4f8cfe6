"""What the portal does when something happens elsewhere: a new commune gets its site, staff
follow their memberships into the editorial groups, and whatever a public page shows changing
makes the cached pages stale (cache.purge)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from ttdn.cases.models import Case, Clarification, Republication
from ttdn.org.models import Membership, Unit
from ttdn.org.signals import commune_created
from ttdn.plans.models import DirectiveDocument, Plan

from . import cache
from .models import NewsCategory, PortalSettings


@receiver(commune_created)
def _set_up_portal(sender, commune, actor, **kwargs):
    from .services import set_up_portal

    set_up_portal(commune, actor=actor)


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def _sync_groups(sender, instance, **kwargs):
    from .editorial import sync_user_groups

    sync_user_groups(instance.user)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _purge_on_page_change(sender, **kwargs):
    cache.purge()


def _purge(sender, **kwargs):
    cache.purge()


# Pages show these too: settings (footer, colour), categories, the desk's clarifications, the
# issued plans and the documents they carry out, the units and leaders (organisation page);
# a view restriction makes a page private at once.
# A page's draft save changes nothing public; its deletion does (subclasses send with their
# own class: the sender is not checked).
for _model in (PortalSettings, NewsCategory, Clarification, Republication, Plan,
               DirectiveDocument, Unit, Membership, PageViewRestriction):
    post_save.connect(_purge, sender=_model, dispatch_uid=f"ttdn.portal.purge.{_model.__name__}")
    post_delete.connect(_purge, sender=_model,
                        dispatch_uid=f"ttdn.portal.purge.deleted.{_model.__name__}")


@receiver(post_save, sender=Case)
def _purge_on_case_change(sender, instance, **kwargs):
    """A case is saved at every tip; it shows only once answered or merged into another."""
    if instance.merged_into_id or Clarification.objects.filter(
        case=instance, published_at__isnull=False
    ).exists():
        cache.purge()


@receiver(post_delete)
def _purge_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        cache.purge()
