"""Admin screens of directive documents, plans and tasks."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup

from ttdn.core.viewsets import ScopedIndexView, ScopedModelViewSet
from ttdn.org.viewsets import commune_filter

from . import selectors, services, views
from .forms import DirectiveForm, PlanForm, TaskForm
from .models import DirectiveDocument, Plan, Task


class DirectiveFilterSet(WagtailFilterSet):
    commune = commune_filter()

    class Meta:
        model = DirectiveDocument
        fields = ["level", "kind", "commune"]


class DirectiveViewSet(ScopedModelViewSet):
    model = DirectiveDocument
    selector = staticmethod(selectors.directive_list_visible_to)
    form_class = DirectiveForm
    icon = "doc-full-inverse"
    menu_label = _("Văn bản chỉ đạo")
    list_display = ["symbol", "title", "level", "issued_on", "issuing_body", "carries_out"]
    filterset_class = DirectiveFilterSet
    search_fields = ["symbol", "title", "issuing_body"]
    ordering = ["-issued_on"]
    inspect_view_enabled = True
    inspect_view_fields = ["symbol", "kind", "number", "issuer_code", "issued_on",
                           "issuing_body", "level", "title", "carries_out", "chain", "link"]

    def create_instance(self, form, user):
        return services.directive_save(directive=form.instance, actor=user)

    def update_instance(self, form, user):
        return services.directive_save(directive=form.instance, actor=user)

    def delete_instance(self, instance, user):
        services.directive_delete(directive=instance, actor=user)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("attachment/<int:pk>/", views.DirectiveAttachmentView.as_view(),
                 name="attachment"),
        ]


class PlanFilterSet(WagtailFilterSet):
    commune = commune_filter()

    class Meta:
        model = Plan
        fields = ["status", "commune"]


class PlanIndexView(ScopedIndexView):
    add_item_label = _("Nhập kế hoạch từ tệp")


class PlanViewSet(ScopedModelViewSet):
    model = Plan
    selector = staticmethod(selectors.plan_list_visible_to)
    form_class = PlanForm
    icon = "doc-full"
    menu_label = _("Kế hoạch")
    list_display = [
        TitleColumn("title", label=_("Trích yếu"),
                    get_url=lambda plan: reverse("plans:overview", args=[plan.pk])),
        "symbol", "status", "version", "issued_on", "commune",
    ]
    filterset_class = PlanFilterSet
    search_fields = ["title", "symbol"]
    index_view_class = PlanIndexView

    # A plan comes in through "Nhập kế hoạch" (typed in Word, then uploaded): the listing's add
    # button leads there, and there is no empty "add" form.
    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs),
                "add_url_name": self.get_url_name("import")}

    def update_instance(self, form, user):
        data = {field: form.cleaned_data[field] for field in PlanForm.Meta.fields}
        return services.plan_update(plan=form.instance, actor=user, **data)

    def delete_instance(self, instance, user):
        services.plan_delete(plan=instance, actor=user)

    def get_urlpatterns(self):
        return [
            *(p for p in super().get_urlpatterns() if p.name != "add"),
            path("import/", views.PlanImportView.as_view(), name="import"),
            path("overview/<int:pk>/", views.PlanOverviewView.as_view(), name="overview"),
            path("tasks/<int:pk>/", views.PlanTasksView.as_view(), name="tasks"),
            path("issue/<int:pk>/", views.PlanIssueView.as_view(), name="issue"),
            path("export/<int:pk>/docx/", views.PlanExportView.as_view(fmt="docx"),
                 name="export_docx"),
            path("export/<int:pk>/pdf/", views.PlanExportView.as_view(fmt="pdf"),
                 name="export_pdf"),
        ]


class TaskFilterSet(WagtailFilterSet):
    plan = django_filters.ModelChoiceFilter(
        label=_("Kế hoạch"),
        queryset=lambda request: selectors.plan_list_visible_to(user=request.user)
        if request else Plan.objects.none(),
    )

    class Meta:
        model = Task
        fields = ["plan", "recurrence"]


class TaskViewSet(ScopedModelViewSet):
    model = Task
    selector = staticmethod(selectors.task_list_visible_to)
    form_class = TaskForm
    icon = "tasks"
    menu_label = _("Tất cả nhiệm vụ")
    list_display = [
        TitleColumn("text", label=_("Nhiệm vụ"), accessor="__str__",
                    get_url=lambda task: reverse("tasks:detail", args=[task.pk])),
        "lead_unit", "recurrence", "due_on", "plan",
    ]
    filterset_class = TaskFilterSet
    search_fields = ["text"]

    def create_instance(self, form, user):
        return services.task_save(task=form.instance, actor=user,
                                  coordinating_units=form.cleaned_data["coordinating_units"])

    def update_instance(self, form, user):
        return services.task_save(task=form.instance, actor=user,
                                  coordinating_units=form.cleaned_data["coordinating_units"])

    def delete_instance(self, instance, user):
        services.task_delete(task=instance, actor=user)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("mine/", views.MyTasksView.as_view(), name="mine"),
            path("detail/<int:pk>/", views.TaskDetailView.as_view(), name="detail"),
            path("detail/<int:pk>/evidence/<int:evidence_pk>/",
                 views.EvidenceDownloadView.as_view(), name="evidence"),
        ]


class PlanGroup(ViewSetGroup):
    menu_label = _("Kế hoạch, nhiệm vụ")
    menu_icon = "tasks"
    menu_order = 200
    items = (PlanViewSet("plans"), TaskViewSet("tasks"), DirectiveViewSet("directives"))
