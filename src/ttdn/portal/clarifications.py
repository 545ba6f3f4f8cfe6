"""The false-information desk's published clarifications on the commune's portal.

The desk (``ttdn.cases``) writes, approves and publishes a clarification; the commune's
``ClarificationIndexPage`` shows it: the listing holds the commune's own clarifications and those
it republished (``Republication``), newest first; the detail page shows the claim, the verdict,
the explanation, the official sources and the date, with the schema.org ClaimReview of
``cases.claimreview`` whose ``url`` is the portal page itself.

A commune that received tips on another commune's case may also show that case's clarification
(``claimreview.is_served_on``: its reporters' status pages link to it on their own host), but it
is listed (section, feeds, home page) only once the commune republishes it.

:func:`clarification_url` is where the desk's screens, its API and its status page send a reader:
the portal page when the commune has a live clarification section in that language, else the
desk's interim page (``/cai-chinh/<case id>/``, which then redirects once a section exists).
"""

from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ttdn.cases import claimreview
from ttdn.cases.models import Clarification, Republication, Verdict

from .languages import prefix_of
from .selectors import paginate

SUMMARY_CHARS = 240
# A mark beside the verdict's words (the words carry it; colour and mark only repeat it).
VERDICT_MARKS = {
    Verdict.FALSE: "✗",
    Verdict.PARTLY_FALSE: "◐",
    Verdict.TRUE: "✓",
    Verdict.UNVERIFIABLE: "?",
}


@dataclass(frozen=True)
class PublishedClarification:
    """One clarification as a portal shows it. Read as attributes or as a dict (``item["url"]``)."""

    clarification_id: int
    case_id: int
    title: str
    url: str  # absolute
    path: str  # from the site's root
    summary: str
    published_at: datetime
    verdict: str
    verdict_label: str
    verdict_mark: str
    language: str  # the language of title and summary ("vi" when no English text is written)

    # The names the home page's "latest clarifications" block reads.
    @property
    def date(self) -> datetime:
        return self.published_at

    @property
    def verdict_code(self) -> str:
        return self.verdict

    def __getitem__(self, key):
        return getattr(self, key)

    def get(self, key, default=None):
        return getattr(self, key, default)


# Reading --------------------------------------------------------------------------------------


def commune_of(page):
    """The commune whose portal ``page`` belongs to (its language tree's home page's)."""
    home = page.get_site_home()
    return getattr(home, "commune", None) if home is not None else None


def listed(commune):
    """Published clarifications ``commune``'s portal lists: its own and those it republished,
    of cases not merged into another, newest first."""
    republished = Republication.objects.filter(clarification=OuterRef("pk"), commune=commune)
    return (
        Clarification.objects.filter(published_at__isnull=False, case__merged_into__isnull=True)
        .filter(Q(case__commune=commune) | Exists(republished))
        .select_related("case__commune__area", "case__commune__site")
        .order_by("-published_at", "-pk")
    )


def home_for(commune, language: str):
    """The live home page of ``commune``'s portal in ``language``, or None."""
    from .models import HomePage

    return (HomePage.objects.live().filter(commune=commune, locale__language_code=language)
            .order_by("path").first())


def section_of(home):
    """The live clarification section under ``home`` (a commune's home page), or None."""
    from .models import ClarificationIndexPage

    if home is None or getattr(home, "commune", None) is None:
        return None
    return (ClarificationIndexPage.objects.live().public().child_of(home)
            .order_by("path").first())


def index_for(commune, language: str):
    """The live clarification section of ``commune``'s portal in ``language``, or None."""
    return section_of(home_for(commune, language))


def _index_root(index, request=None) -> tuple[str, str] | None:
    """(site root URL, path of the index from the site's root), or None if not routable."""
    parts = index.get_url_parts(request)
    if not parts or parts[2] is None:
        return None
    _site_id, root_url, path = parts
    return root_url or "", path if path.endswith("/") else f"{path}/"


def _detail(index, clarification_id: int, root) -> tuple[str, str]:
    """(absolute URL, path from the site's root) of a clarification's page; empty when the
    index is not routable (``root`` is None)."""
    if root is None:
        return "", ""
    path = root[1] + index.reverse_subpage("clarification",
                                           kwargs={"clarification_id": clarification_id})
    return f"{root[0]}{path}", path


def detail_path(index, clarification_id: int, request=None) -> str | None:
    return _detail(index, clarification_id, _index_root(index, request))[1] or None


def detail_url(index, clarification_id: int, request=None) -> str | None:
    return _detail(index, clarification_id, _index_root(index, request))[0] or None


def verdict_label(verdict: str, language: str) -> str:
    if not verdict:
        return ""
    with translation.override(language):
        return str(Verdict(verdict).label)


def _summary(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(SUMMARY_CHARS)


def _items(clarifications, index, request=None) -> list[PublishedClarification]:
    language = index.locale.language_code
    root = _index_root(index, request)
    return [_item(clarification, index, language, root) for clarification in clarifications]


def _item(clarification, index, language: str, root) -> PublishedClarification:
    case = clarification.case
    title, body, text_language = claimreview.texts(clarification, language)
    url, path = _detail(index, clarification.pk, root)
    return PublishedClarification(
        clarification_id=clarification.pk,
        case_id=case.pk,
        title=title,
        url=url,
        path=path,
        summary=_summary(body),
        published_at=clarification.published_at,
        verdict=case.verdict,
        verdict_label=verdict_label(case.verdict, language),
        verdict_mark=VERDICT_MARKS.get(case.verdict, ""),
        language=text_language,
    )


def published_for(index) -> list[PublishedClarification]:
    """Every clarification ``index`` lists, newest first, in the index's language, with its
    absolute URL (feeds and the static export read this)."""
    commune = commune_of(index)
    if commune is None:
        return []
    return _items(listed(commune), index)


def latest_for(home, limit: int = 3) -> list[PublishedClarification]:
    """The newest clarifications of the home page's clarification section (none without one)."""
    index = section_of(home)
    if index is None:
        return []
    return _items(listed(home.commune)[:limit], index)


def latest_context(home, limit: int = 3, request=None) -> dict:
    """What the home page's "latest clarifications" block reads: ``latest_clarifications`` (their
    ``url`` from the site's root, so a static copy links to itself) and
    ``clarifications_index_url`` (empty without a live clarification section)."""
    index = section_of(home)
    if index is None:
        return {"latest_clarifications": [], "clarifications_index_url": ""}
    items = _items(listed(home.commune)[:limit], index, request)
    root = _index_root(index, request)
    return {
        "latest_clarifications": [replace(item, url=item.path) for item in items],
        "clarifications_index_url": root[1] if root else "",
    }


# Where the desk sends a reader ----------------------------------------------------------------


def clarification_path(clarification, commune, language: str) -> str:
    """The address, from the site's root, at which ``commune``'s site shows ``clarification``:
    its portal page when the commune has a live clarification section in ``language``, else the
    desk's interim page. The clarification must be published and served by ``commune``
    (``claimreview.is_served_on``); :func:`clarification_url` handles any clarification."""
    from ttdn.cases.views_public import public_url

    index = index_for(commune, language)
    path = detail_path(index, clarification.pk) if index is not None else None
    return path or public_url("clarification", language, case_id=clarification.case_id)


def clarification_url(clarification, commune, language: str) -> str:
    """The absolute address of ``clarification`` for a reader of ``commune``'s site in
    ``language``: on that site when the commune shows it (its own, republished, or a case its
    residents reported), else on the site of the commune that owns the case."""
    case = clarification.case
    if not claimreview.is_served_on(case, commune):
        commune = case.commune
    path = clarification_path(clarification, commune, language)
    site = getattr(commune, "site", None)
    return f"{site.root_url}{path}" if site is not None else path


def serve_under_index(request, index, language: str):
    """The portal's own answer when ``request.path`` lies under ``index`` (a section whose slug
    is the desk's "cai-chinh": the desk's route is matched first), else None."""
    from . import views

    root = _index_root(index, request)
    if root is None or not request.path.startswith(root[1]):
        return None
    prefix = f"/{prefix_of(language)}"
    if not request.path.startswith(prefix):
        return None
    try:
        return views.serve(request, request.path.removeprefix(prefix), language)
    except Http404:
        return None


# Views ----------------------------------------------------------------------------------------


def _context(request, index, **extra) -> dict:
    context = index.get_context(request)
    context.update(extra)
    return context


def listing_view(request, index):
    commune = commune_of(index)
    if commune is None:
        raise Http404(_("Không tìm thấy trang."))
    page_of_items = paginate(request, listed(commune))
    items = _items(page_of_items, index, request)
    return TemplateResponse(
        request, "portal/clarifications/index.html",
        _context(request, index, clarifications=items, paginated=page_of_items),
    )


def _redirect_to_survivor(request, index, commune, case):
    survivor = case.surviving()
    clarification = claimreview.published_clarification(survivor)
    if clarification is None or not claimreview.is_served_on(survivor, commune):
        raise Http404(_("Không tìm thấy bài cải chính."))
    path = detail_path(index, clarification.pk, request)
    if path is None or path == request.path:
        raise Http404(_("Không tìm thấy bài cải chính."))
    return HttpResponsePermanentRedirect(path)


def detail_view(request, index, clarification_id):
    commune = commune_of(index)
    clarification = (
        Clarification.objects.filter(pk=clarification_id, published_at__isnull=False)
        .select_related("case__commune__area", "case__commune__site", "case__merged_into")
        .first()
    )
    if commune is None or clarification is None:
        raise Http404(_("Không tìm thấy bài cải chính."))
    case = clarification.case
    if case.merged_into_id:
        return _redirect_to_survivor(request, index, commune, case)
    if not claimreview.is_served_on(case, commune):
        raise Http404(_("Không tìm thấy bài cải chính."))
    language = index.locale.language_code
    url = detail_url(index, clarification.pk, request)
    review = claimreview.claim_review(case, url, language)
    title, body, text_language = claimreview.texts(clarification, language)
    return TemplateResponse(
        request, "portal/clarifications/detail.html",
        _context(
            request, index,
            clarification=clarification, case=case, title=title, body=body,
            text_language=text_language, language=language, review=review,
            json_ld=claimreview.json_ld_script(review),
            meta_title=title, meta_description=_summary(body),
            verdict_label=verdict_label(case.verdict, language),
            verdict_mark=VERDICT_MARKS.get(case.verdict, ""),
            sources=clarification.sources or [],
            published_on=timezone.localtime(clarification.published_at).date(),
            authority=claimreview.authority_name(case.commune),
        ),
    )
