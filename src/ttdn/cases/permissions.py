"""Who sees and does what at the false-information desk.

* The desk of a commune — the culture officer, the chairman and the vice-chairman — sees every
  case its commune opened or received a tip for, and that commune's tips. The commune that
  opened a case (``Case.commune``) runs its workflow: triage, assignment, verdict, publishing.
* The lead and coordinating units of a case see it and add to its verification log.
* The commune police see the cases escalated to their commune, with that commune's tips and
  evidence, and record takedown requests.
* Whoever filed a tip from the admin sees its case.
* The upper level sees the cases of the communes it oversees, never their tips or notes.
* Reporters' contacts: only the culture officer and the police of the tip's commune.

Rows that belong to one commune (tips, notes, escalations, takedowns) are never shown to
another commune.
"""

from django.db.models import Exists, OuterRef, Q

from ttdn.org.models import Role
from ttdn.org.scope import COMMUNE_WIDE_ROLES, scope_of

from .models import Case, CaseNote, Escalation, Suggestion, SuggestionStatus, Tip

DESK_ROLES = COMMUNE_WIDE_ROLES
CONTACT_ROLES = frozenset({Role.CULTURE_OFFICER, Role.POLICE})
POLICE_ROLES = frozenset({Role.POLICE})
INTAKE_ROLES = frozenset(set(Role.values) - {Role.UPPER_LEVEL})


def _is_super(user) -> bool:
    return user.is_active and user.is_superuser


def desk_communes(user) -> frozenset:
    return scope_of(user).communes_with_role(DESK_ROLES)


def police_communes(user) -> frozenset:
    return scope_of(user).communes_with_role(POLICE_ROLES)


def visible_cases(user):
    """The cases ``user`` may open (a queryset)."""
    if not user.is_active:
        return Case.objects.none()
    if user.is_superuser:
        return Case.objects.all()
    scope = scope_of(user)
    desk = desk_communes(user)
    upper = scope.communes_with_role({Role.UPPER_LEVEL})
    police = police_communes(user)
    condition = (
        Q(commune_id__in=desk | upper)
        | Q(Exists(Tip.objects.filter(case=OuterRef("pk"), commune_id__in=desk)))
        | Q(Exists(Escalation.objects.filter(case=OuterRef("pk"), commune_id__in=police)))
        | Q(lead_unit_id__in=scope.unit_ids)
        | Q(Exists(Case.coordinating_units.through.objects.filter(
            case_id=OuterRef("pk"), unit_id__in=scope.unit_ids)))
        | Q(Exists(Tip.objects.filter(case=OuterRef("pk"), submitted_by=user)))
        # A case suggested as the same claim as one the desk runs: opened to compare.
        | Q(Exists(Suggestion.objects.filter(
            candidate=OuterRef("pk"), status=SuggestionStatus.PENDING,
            tip__case__commune_id__in=desk)))
    )
    return Case.objects.filter(condition)


def visible_tips(user):
    """Tips of the user's own commune(s) only: the desk's, the police's where escalated, and
    the ones the user filed."""
    if not user.is_active:
        return Tip.objects.none()
    if user.is_superuser:
        return Tip.objects.all()
    police = police_communes(user)
    escalated_here = Escalation.objects.filter(
        case_id=OuterRef("case_id"), commune_id=OuterRef("commune_id")
    )
    return Tip.objects.filter(
        Q(commune_id__in=desk_communes(user))
        | (Q(commune_id__in=police) & Q(Exists(escalated_here)))
        | Q(submitted_by=user)
    )


def visible_notes(user, case):
    """The verification log of ``case`` as written by the communes the user works for."""
    if _is_super(user):
        return CaseNote.objects.filter(case=case)
    return CaseNote.objects.filter(case=case, commune_id__in=working_communes(user, case))


def working_communes(user, case) -> frozenset:
    """The communes on whose behalf ``user`` works on ``case``: the desk of a commune that
    owns the case or received a tip for it, the police where it was escalated, the commune of
    an assigned unit."""
    if not user.is_active:
        return frozenset()
    scope = scope_of(user)
    involved = involved_communes(case)
    communes = {c for c in desk_communes(user) if c in involved}
    escalated = set(case.escalations.values_list("commune_id", flat=True))
    communes |= {c for c in police_communes(user) if c in escalated}
    units = set(case.coordinating_units.values_list("pk", flat=True)) | {case.lead_unit_id}
    if scope.unit_ids & units:
        communes.add(case.commune_id)
    if _is_super(user):
        communes |= involved
    return frozenset(communes)


def involved_communes(case) -> set:
    return {case.commune_id} | set(
        Tip.objects.filter(case=case).values_list("commune_id", flat=True).distinct()
    )


def may_view(user, case) -> bool:
    return visible_cases(user).filter(pk=case.pk).exists()


def may_manage(user, case) -> bool:
    """Move the case through its workflow: the desk of the commune that opened it."""
    return _is_super(user) or case.commune_id in desk_communes(user)


def may_log(user, case) -> bool:
    return bool(working_communes(user, case))


def may_escalate(user, case, commune_id) -> bool:
    return (_is_super(user) or commune_id in desk_communes(user)) and (
        commune_id in involved_communes(case)
    )


def may_record_takedown(user, case, commune_id) -> bool:
    if not (_is_super(user) or commune_id in police_communes(user)):
        return False
    return case.escalations.filter(commune_id=commune_id).exists()


def may_republish(user, case, commune_id) -> bool:
    return (_is_super(user) or commune_id in desk_communes(user)) and (
        commune_id in involved_communes(case)
    )


def may_see_contacts(user, tip) -> bool:
    if _is_super(user):
        return True
    return tip.commune_id in scope_of(user).communes_with_role(CONTACT_ROLES) and (
        tip.commune_id in desk_communes(user)
        or tip.case.escalations.filter(commune_id=tip.commune_id).exists()
    )


def may_file_tip(user, commune_id) -> bool:
    return _is_super(user) or commune_id in scope_of(user).communes_with_role(INTAKE_ROLES)


def may_export_evidence(user, case) -> bool:
    """The evidence package holds the tips' files: the desk and the police of the communes
    involved, each getting its own commune's tips."""
    if _is_super(user):
        return True
    communes = working_communes(user, case)
    return bool(communes & (desk_communes(user) | police_communes(user)))
