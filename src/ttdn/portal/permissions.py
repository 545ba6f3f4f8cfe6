"""Who may read and handle the readers' feedback: the commune's office and its leaders."""

from ttdn.org.models import Role
from ttdn.org.permissions import CommuneScopedPolicy

from .models import Feedback

FEEDBACK_ROLES = frozenset({
    Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.CULTURE_OFFICER, Role.OFFICE_STAFF,
})


class FeedbackPolicy(CommuneScopedPolicy):
    roles_for_action = {"view": FEEDBACK_ROLES, "change": FEEDBACK_ROLES}
    commune_lookup = "commune_id"


feedback_policy = FeedbackPolicy(Feedback)
