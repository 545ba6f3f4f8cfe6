"""A published clarification as schema.org ``ClaimReview``, and where it may be shown.

One function builds the JSON-LD dictionary (:func:`claim_review`) and one renders it for a
page (:func:`json_ld_script`): the interim public page and, later, the portal's page type use
both, so search engines and fact-check aggregators read the same thing everywhere.

Rating scheme (``reviewRating``): 1 = false, 2 = partly false, 5 = true — the 1–5 scale Google's
fact-check guidance uses (1 false … 5 true). "Unverifiable" has no place on that scale: it gets
its label (``alternateName``) and no number.
"""

import json

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Case, Clarification, Republication, Tip, Verdict

RATING = {Verdict.FALSE: 1, Verdict.PARTLY_FALSE: 2, Verdict.TRUE: 5}
# Verdicts for which the places the claim appeared are listed (``itemReviewed.appearance``).
APPEARANCE_VERDICTS = {Verdict.FALSE, Verdict.PARTLY_FALSE}
# Escapes for JSON inside <script>: the same as Django's json_script.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def authority_name(commune) -> str:
    """"UBND xã Cẩm Tân": the commune's People's Committee, in the active language."""
    division = (commune.area.division_type if commune.area_id else "xã").strip().lower()
    names = {
        "xã": _("UBND xã %(name)s"),
        "phường": _("UBND phường %(name)s"),
        "đặc khu": _("UBND đặc khu %(name)s"),
    }
    template = names.get(division)
    if template is None:
        return _("UBND %(division)s %(name)s") % {"division": division, "name": commune.name}
    return template % {"name": commune.name}


def published_clarification(case: Case) -> Clarification | None:
    clarification = Clarification.objects.filter(case=case).first()
    if clarification is None or clarification.published_at is None:
        return None
    return clarification


def is_served_on(case: Case, commune) -> bool:
    """The owning commune, a commune that republished the clarification and a commune that
    received tips on the case may each show it on their site."""
    if case.commune_id == commune.pk:
        return True
    return (
        Republication.objects.filter(clarification__case=case, commune=commune).exists()
        or Tip.objects.filter(case=case, commune=commune).exists()
    )


def published_for(commune):
    """Cases with a published clarification that ``commune``'s site may show, newest first."""
    return (
        Case.objects.filter(merged_into__isnull=True, clarification__published_at__isnull=False)
        .filter(
            Q(commune=commune)
            | Exists(Republication.objects.filter(clarification__case=OuterRef("pk"),
                                                  commune=commune))
            | Exists(Tip.objects.filter(case=OuterRef("pk"), commune=commune))
        )
        .select_related("clarification", "commune__area", "commune__site")
        .order_by("-clarification__published_at", "-pk")
    )


def texts(clarification: Clarification, language: str) -> tuple[str, str, str]:
    """(title, body, language of the text): English when asked for and written, else
    Vietnamese."""
    if language == "en" and clarification.title_en.strip() and clarification.body_en.strip():
        return clarification.title_en, clarification.body_en, "en"
    return clarification.title, clarification.body, "vi"


def claim_review(case: Case, url: str, language: str) -> dict:
    """The schema.org ClaimReview of a case whose clarification is published."""
    clarification = case.clarification
    with translation.override(language):
        title, body, text_language = texts(clarification, language)
        author = {"@type": "GovernmentOrganization", "name": authority_name(case.commune)}
        site = getattr(case.commune, "site", None)
        if site is not None:
            author["url"] = site.root_url + "/"
        rating = {"@type": "Rating"}
        if case.verdict:
            rating["alternateName"] = str(Verdict(case.verdict).label)
        if case.verdict in RATING:
            rating.update(ratingValue=RATING[case.verdict], bestRating=5, worstRating=1)
        claim = {"@type": "Claim"}
        if case.verdict in APPEARANCE_VERDICTS:
            links = list(case.links.order_by("pk").values_list("url", flat=True)[:20])
            if links:
                claim["appearance"] = [{"@type": "CreativeWork", "url": link} for link in links]
        published = timezone.localtime(clarification.published_at)
        return {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": url,
            "name": title,
            "headline": title,
            "reviewBody": body,
            "inLanguage": text_language,
            "claimReviewed": case.claim,
            "datePublished": published.date().isoformat(),
            "author": author,
            "reviewRating": rating,
            "itemReviewed": claim,
        }


def json_ld_script(data: dict) -> SafeString:
    """``<script type="application/ld+json">`` with ``data``. The JSON is escaped for a script
    element as Django's ``json_script`` does (``<``, ``>``, ``&`` as \\u escapes), so no text
    of a claim can close the element; a JSON-LD data block is never executed (no CSP nonce)."""
    escaped = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    # Reviewed: JSON escaped for a <script> element, as json_script does.
    safe = mark_safe(escaped)  # noqa: S308  # nosec B308 B703  # nosemgrep: mark-safe-on-input
    return format_html('<script type="application/ld+json">{}</script>', safe)
