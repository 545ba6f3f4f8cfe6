"""What the portal does when something happens elsewhere."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from ttdn.org.models import Membership
from ttdn.org.signals import commune_created

from . import cache


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
def _purge_on_publish(sender, **kwargs):
    cache.purge()
