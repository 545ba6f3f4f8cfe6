"""Shared model bases."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class RateCount(models.Model):
    """One window's count of one (scope, address) of the public rate limits, when the shared
    cache is the database (``ttdn.core.throttle``): incremented by one UPSERT statement."""

    slot = models.CharField(max_length=200, primary_key=True)
    hits = models.PositiveIntegerField(default=0)
    expires = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("lượt truy cập trong khung giới hạn")
        verbose_name_plural = _("lượt truy cập trong khung giới hạn")

    def __str__(self):
        return f"{self.slot}: {self.hits}"
