"""Editorial control of a commune's portal ("kiểm soát chặt chẽ thông tin đăng tải").

Office staff write, the culture officer reviews, the chairman or vice-chairman approves, and
only approval publishes. Per commune, three Wagtail groups carry page permissions on the
commune's home page in every language; a two-step workflow (review, then approval) is assigned
to those home pages. Nobody is given the right to publish except the approvers, and the
approvers' own "Publish" button is taken away (wagtail_hooks.py): for them, publishing a page
is approving it at the last step of the workflow. Their publish right is kept for two things
only: withdrawing a page (unpublish) and publishing a translation, which is the approver's
reading of the translator's work (wagtail-localize's editor has no workflow). Wagtail also
checks that right when the workflow's last approval publishes the page.

Group membership follows the staff's memberships (:func:`sync_user_groups`, run whenever a
membership is saved), so nobody edits these groups by hand.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from ttdn.org.models import Commune, Membership, Role

WRITER, REVIEWER, APPROVER = "writer", "reviewer", "approver"
ROLE_DUTY = {
    Role.OFFICE_STAFF: WRITER,
    Role.CULTURE_OFFICER: REVIEWER,
    Role.CHAIRMAN: APPROVER,
    Role.VICE_CHAIRMAN: APPROVER,
}
DUTY_PERMISSIONS = {
    WRITER: ["add_page", "change_page"],
    REVIEWER: ["add_page", "change_page"],
    APPROVER: ["add_page", "change_page", "publish_page"],
}
GROUP_PREFIX = "Trang thông tin"


def group_name(commune: Commune, duty: str) -> str:
    labels = {WRITER: "biên tập", REVIEWER: "kiểm duyệt", APPROVER: "phê duyệt"}
    return f"{GROUP_PREFIX} {commune.name} – {labels[duty]} (#{commune.pk})"


def groups_of(commune: Commune) -> dict[str, Group]:
    return {duty: Group.objects.get_or_create(name=group_name(commune, duty))[0]
            for duty in DUTY_PERMISSIONS}


def home_pages(commune: Commune):
    """The commune's home page in every language."""
    root = commune.site.root_page
    return Page.objects.filter(translation_key=root.translation_key, depth=root.depth)


@transaction.atomic
def set_up_editorial(commune: Commune) -> Workflow:
    """Idempotent: the groups, their permissions on every language's home page, the workflow."""
    groups = groups_of(commune)
    homes = list(home_pages(commune))
    for duty, group in groups.items():
        permissions = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=DUTY_PERMISSIONS[duty]
        )
        for home in homes:
            for permission in permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home, permission=permission
                )
    # Asking for a translation (wagtail-localize): every editor; which pages is decided by
    # the page permissions above (translation_views.py).
    submit = Permission.objects.get(content_type__app_label="wagtail_localize",
                                    codename="submit_translation")
    for group in groups.values():
        group.permissions.add(submit)
    workflow = _workflow(commune, groups)
    for home in homes:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def _workflow(commune, groups) -> Workflow:
    name = _("Duyệt tin %(commune)s (#%(id)s)") % {"commune": commune.name, "id": commune.pk}
    workflow = Workflow.objects.filter(name=name).first()
    if workflow is not None:
        return workflow
    workflow = Workflow.objects.create(name=name, active=True)
    steps = [
        (REVIEWER, _("Kiểm duyệt nội dung – %(commune)s")),
        (APPROVER, _("Lãnh đạo phê duyệt – %(commune)s")),
    ]
    for order, (duty, title) in enumerate(steps):
        task = GroupApprovalTask.objects.create(name=title % {"commune": commune.name})
        task.groups.set([groups[duty]])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def sync_user_groups(user) -> None:
    """The user's portal groups are exactly those their active memberships give."""
    wanted = set()
    memberships = Membership.objects.filter(
        user=user, is_active=True, unit__isnull=False
    ).select_related("unit__commune")
    for membership in memberships:
        duty = ROLE_DUTY.get(membership.role)
        if duty:
            wanted.add(group_name(membership.unit.commune, duty))
    current = set(user.groups.filter(name__startswith=GROUP_PREFIX).values_list("name", flat=True))
    if current - wanted:
        user.groups.remove(*Group.objects.filter(name__in=current - wanted))
    missing = wanted - current
    if missing:
        for name in missing:
            Group.objects.get_or_create(name=name)
        user.groups.add(*Group.objects.filter(name__in=missing))
