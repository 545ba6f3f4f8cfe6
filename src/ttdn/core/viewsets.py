"""Wagtail admin screens that read through a selector and write through services.

``ScopedModelViewSet`` gives every generic view (listing, create, edit, delete, history,
usage, inspect) the same two rules: objects outside the user's scope do not exist (404), and
saves go through the viewset's service hooks, so the admin cannot bypass the domain rules or the
audit trail.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from .errors import ApplicationError, PermissionDeniedError


class ScopedQuerysetMixin:
    viewset = None  # set by ScopedModelViewSet.construct_view

    def scoped_queryset(self):
        return self.viewset.scoped_queryset(self.request.user)


class ScopedObjectMixin(ScopedQuerysetMixin):
    def dispatch(self, request, *args, **kwargs):
        # Out of scope means "does not exist", before any permission message could leak it.
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        pk = unquote(str(self.kwargs.get(self.pk_url_kwarg) or self.args[0]))
        try:
            return self.scoped_queryset().get(pk=pk)
        except (self.model.DoesNotExist, ValueError, ValidationError) as exc:
            raise Http404 from exc

    def get_base_object_queryset(self):
        return self.scoped_queryset()


class ServiceFormMixin:
    """Turns an ``ApplicationError`` from a service into a form error, keeping what was typed."""

    viewset = None

    def _run_service(self, call):
        try:
            return call()
        except PermissionDeniedError:
            raise
        except ApplicationError as exc:
            errors = exc.extra.get("errors") or {}
            for field, field_errors in errors.items():
                target = field if field in self.form.fields else None
                for error in field_errors:
                    self.form.add_error(target, error)
            if not errors:
                self.form.add_error(exc.field if exc.field in self.form.fields else None,
                                    exc.message)
            raise _FormRejected from exc


class _FormRejected(Exception):
    pass


class ScopedIndexView(ScopedQuerysetMixin, generic.IndexView):
    def get_base_queryset(self):
        return self.scoped_queryset()


class ScopedCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        return self._run_service(lambda: self.viewset.create_instance(self.form, self.request.user))

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except _FormRejected:
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ScopedEditView(ScopedObjectMixin, ServiceFormMixin, generic.EditView):
    def save_instance(self):
        return self._run_service(
            lambda: self.viewset.update_instance(self.form, self.request.user)
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except _FormRejected:
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    def form_valid(self, form):
        try:
            self.viewset.delete_instance(self.object, self.request.user)
        except PermissionDeniedError:
            raise
        except ApplicationError as exc:
            messages.error(self.request, exc.message)
            return redirect(self.get_success_url())
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


class ScopedHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, usage.UsageView):
    pass


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    pass


class ScopedModelViewSet(ModelViewSet):
    """Subclasses set ``selector`` and override the service hooks they offer."""

    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_class = ScopedInspectView
    copy_view_enabled = False

    #: the selector that lists what the user may see: ``selector(user=...)``
    selector = None
    #: a form class for both create and edit (or override ``get_form_class``)
    form_class = None

    def get_form_class(self, for_update=False):
        return self.form_class or super().get_form_class(for_update)

    def construct_view(self, view_class, **kwargs):
        if hasattr(view_class, "viewset"):
            kwargs["viewset"] = self
        return super().construct_view(view_class, **kwargs)

    def scoped_queryset(self, user):
        return type(self).selector(user=user)

    def create_instance(self, form, user):
        raise PermissionDeniedError(_("Màn hình này không cho phép thêm mới."))

    def update_instance(self, form, user):
        raise PermissionDeniedError(_("Màn hình này không cho phép sửa."))

    def delete_instance(self, instance, user):
        raise PermissionDeniedError(_("Màn hình này không cho phép xóa."))
