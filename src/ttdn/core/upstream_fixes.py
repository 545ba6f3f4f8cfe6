"""Labels Wagtail 8.0 leaves untranslated, fixed here until upstream fixes them.

- ``WorkflowPageForm.page`` has no label, so Django derives the English "Page".
- ``wagtailadmin/shared/headers/_actions.html`` has a literal ``aria-label="Actions"``; the
  project overrides that template (``ttdn/templates``) with ``{% trans %}``.
A browser crawl (tests/e2e/test_admin_language.py) finds any new one.
"""

from django.utils.translation import gettext_lazy as _


def apply():
    from wagtail.admin.forms.workflows import WorkflowPageForm

    WorkflowPageForm.base_fields["page"].label = _("Page")
