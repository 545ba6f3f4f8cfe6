"""The portal's search: the live, public pages of one commune's site in the reader's language
(the tree of the home page that routes the request: /en/… searches the English tree) and the
commune's issued directive documents, found without diacritics and ranked the same way on
SQLite and PostgreSQL.

Words
    :func:`words` folds a text character by character (``ttdn.core.text.fold``: marks off,
    đ→d; lower case) and keeps the runs of letters and digits: "Đài truyền thanh 15/8/2024" →
    dai truyen thanh 15 8 2024. ``PortalPage.search_title``/``search_text`` must be these words
    joined by spaces (:func:`index_text`): that is what Wagtail's index holds in its ``body``
    column, so the databases' tokenisers see plain words and split them alike. PostgreSQL's
    search configuration must be ``simple``: ``english`` drops "to", "the", "do" (tổ, thể, đỗ)
    as stop words and stems the rest.

Finding (the database)
    One statement asks Wagtail's database search index, for each query word, which index entries
    hold it (FTS5 ``MATCH`` on SQLite, ``tsvector @@ tsquery`` on its GIN index on PostgreSQL).
    Neither database's ranking is used (bm25 and ts_rank differ). A page is found when it holds
    at least one query word.

Ranking (Python, the same everywhere)
    score = for each query word 3 if it is in the title, else 1 if it is in the page; ties go to
    the newer (the article's or statement's date, else the day of first publication in Vietnam's
    time zone), then to the higher id. What ranking needs of every live page of the tree (entry
    id → page id, day, section, title words) is read by one query into a per-process
    :class:`_Tree`, rebuilt when the tree changes (see there), so that a search touches only the
    index's posting lists and Python sets, however many pages match. View restrictions are read
    on every search. Only the results shown are loaded whole: their text gives the snippet, a
    window around the first match with the matched words marked, cut from the original text
    (folding keeps positions: one character to at most one).

Documents: the commune's issued plans (the "văn bản chỉ đạo, điều hành" section) are matched
on their type, number and title in Python and ranked with the pages. Wagtail's documents are
not per commune (searching them would show another commune's files): they are found through
the pages that publish them.

Measured by ``benchmarks/portal_search.py`` (10,000 generated articles of 300–600 words and
1,000 of another commune, 240 varied searches, the 2-core machine shared with other work at a
load of 4–8, November 2026): ``search()`` + ``display()`` of a page of results take 25–29 ms of
CPU at the median and 52–61 ms at the 95th percentile on SQLite, 22–24 and 46–48 ms (this
process) on PostgreSQL, with 7–11 queries whatever the number of results; a changed tree is read
again in 150–300 ms, once per change and process.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Max
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from ttdn.core.text import fold, nfc

MIN_QUERY_CHARS = 2
MAX_QUERY_CHARS = 200
MAX_TERMS = 8
PAGE_SIZE = 10
TITLE_WEIGHT = 3
TEXT_WEIGHT = 1
SNIPPET_CHARS = 260
SNIPPET_LEAD = 80
SECTION_PARAMS = ("muc", "section")
YEAR_PARAMS = ("nam", "year")

_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


# Words ------------------------------------------------------------------------------------


class _FoldTable(dict):
    """A ``str.translate`` table: each character to ``fold(character).lower()``, at most one
    character long, so a folded text keeps the original's positions (unless it had lone
    combining marks, which fold to nothing). Filled as characters are met, up to a bound (a
    visitor could send every character there is)."""

    LIMIT = 20_000

    def __missing__(self, code):
        folded = fold(chr(code)).lower()[:1]
        if len(self) < self.LIMIT:
            self[code] = folded
        return folded


_FOLD = _FoldTable()


def folded(text: str) -> str:
    return text.translate(_FOLD)


def words(text: str) -> list[str]:
    """The words search knows a text by: folded, lower-case runs of letters and digits."""
    return _WORD.findall(folded(text or ""))


def index_text(text: str) -> str:
    """What the index holds for a text (``PortalPage.search_title``/``search_text``)."""
    return " ".join(words(text))


# The query --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    text: str  # as typed, cleaned, for display
    terms: tuple[str, ...] = ()
    truncated: bool = False

    @property
    def searchable(self) -> bool:
        return bool(self.terms) and len(self.text.replace(" ", "")) >= MIN_QUERY_CHARS


def parse_query(raw: str | None) -> Query:
    """The words of a query: at most ``MAX_TERMS``, each once, in the order typed."""
    text = nfc((raw or "")[:MAX_QUERY_CHARS * 2])[:MAX_QUERY_CHARS]
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = _SPACE.sub(" ", text).strip()
    terms = tuple(dict.fromkeys(words(text)))
    return Query(text=text, terms=terms[:MAX_TERMS], truncated=len(terms) > MAX_TERMS)


# The tree's pages, kept by each process --------------------------------------------------


@dataclass
class _Tree:
    """What ranking needs of each live page of one home page's tree, by index entry id: the
    page (kind, id, day, title), its sort key among equal scores (newer day, then higher id),
    its path, the entries of each section and of each year, and of each word of the titles.
    Built by one query; rebuilt when a page is published, unpublished, moved or deleted (the
    page cache's generation), when new pages are indexed (the largest index entry id), and at
    the latest after ``TREE_MAX_AGE`` seconds."""

    key: tuple
    built: float
    records: dict[int, tuple]  # entry → ("page", page id, day, title, "")
    order: dict[int, int]  # entry → sort key among equal scores
    paths: dict[int, str]
    entries: frozenset[int]
    titles: dict[str, set[int]]  # word → entries with it in the title
    sections: dict[int, set[int]]  # section page id → entries
    years: dict[int, set[int]]  # year → entries


TREE_MAX_AGE = 300
TREES_KEPT = 32
_trees: OrderedDict[int, _Tree] = OrderedDict()
_trees_lock = threading.Lock()


def _portal_content_types() -> list[int]:
    from django.contrib.contenttypes.models import ContentType

    from .models import PortalPage

    models = [m for m in apps.get_app_config("portal").get_models() if issubclass(m, PortalPage)]
    return sorted(ct.pk for ct in ContentType.objects.get_for_models(*models).values())


def _tables() -> dict[str, str]:
    from wagtail.search.models import IndexEntry

    from .models import NewsPage, StatementPage

    quote = connection.ops.quote_name
    return {"page": quote(Page._meta.db_table), "entry": quote(IndexEntry._meta.db_table),
            "news": quote(NewsPage._meta.db_table),
            "statement": quote(StatementPage._meta.db_table)}


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def _as_day(value) -> date | None:
    """A stored timestamp (UTC) as the day it was in Vietnam (the site's time zone)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return timezone.localtime(value).date()


def _build_tree(home, key) -> _Tree:
    types = _portal_content_types()
    # Table names from the models; values are parameters.
    sql = (  # noqa: S608
        "SELECT e.id, p.id, p.depth, p.path, p.title, n.date, s.date, p.first_published_at "  # nosec B608
        "FROM {page} p JOIN {entry} e ON e.content_type_id = p.content_type_id "
        "AND e.object_id = CAST(p.id AS VARCHAR(50)) "
        "LEFT JOIN {news} n ON n.page_ptr_id = p.id "
        "LEFT JOIN {statement} s ON s.page_ptr_id = p.id "
        "WHERE p.path LIKE %s AND p.live = %s AND e.content_type_id IN ("
    ).format(**_tables()) + ", ".join(["%s"] * len(types)) + ")"
    with connection.cursor() as cursor:
        cursor.execute(sql, [home.path + "%", True, *types])  # nosemgrep: raw-sql-with-formatting
        rows = cursor.fetchall()
    step = len(home.path) + Page.steplen
    sections_by_path = {path: pk for _e, pk, depth, path, *_rest in rows
                        if depth == home.depth + 1}
    tree = _Tree(key=key, built=time.monotonic(), records={}, order={}, paths={},
                 entries=frozenset(row[0] for row in rows), titles={}, sections={}, years={})
    for entry, pk, _depth, path, title, news_date, statement_date, published in rows:
        day = _as_date(news_date or statement_date) or _as_day(published)
        tree.records[entry] = ("page", pk, day, title, "")
        tree.order[entry] = _order(day, 1, pk)
        tree.paths[entry] = path
        section = sections_by_path.get(path[:step])
        if section is not None:
            tree.sections.setdefault(section, set()).add(entry)
        if day is not None:
            tree.years.setdefault(day.year, set()).add(entry)
        for word in set(words(title)):
            tree.titles.setdefault(word, set()).add(entry)
    return tree


def _order(day: date | None, kind: int, pk: int) -> int:
    """Among equal scores: the newer day first, then pages before plans, then the higher id."""
    return ((day.toordinal() if day else 0) * 2 + kind) * 2**32 + pk


def _tree(home) -> _Tree:
    from wagtail.search.models import IndexEntry

    from . import cache

    newest = IndexEntry.objects.aggregate(newest=Max("id"))["newest"]
    key = (home.path, cache._generation(), newest)
    tree = _trees.get(home.pk)
    if tree is None or tree.key != key or time.monotonic() - tree.built > TREE_MAX_AGE:
        tree = _build_tree(home, key)
    with _trees_lock:
        _trees[home.pk] = tree
        _trees.move_to_end(home.pk)
        while len(_trees) > TREES_KEPT:
            _trees.popitem(last=False)
    return tree


# Finding ----------------------------------------------------------------------------------


def _matching_entries(terms: tuple[str, ...]) -> list[set[int]]:
    """For each word, the ids of the index entries (of the whole deployment) whose ``body``
    holds it: one statement, a subquery per word — FTS5 ``MATCH`` on SQLite, ``tsvector @@
    tsquery`` (GIN) on PostgreSQL in the backend's configuration."""
    from wagtail.search import models as search_models

    if not terms:
        return []
    quote = connection.ops.quote_name
    if connection.vendor == "sqlite":
        fts = getattr(search_models, "SQLiteFTSIndexEntry", None)
        if fts is None:
            raise ImproperlyConfigured("Portal search needs SQLite with FTS5.")
        table = quote(fts._meta.db_table)
        one = f"(SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH %s)"  # noqa: S608  # nosec B608
        params = [f'body : "{term}"' for term in terms]
    elif connection.vendor == "postgresql":
        table = quote(search_models.IndexEntry._meta.db_table)
        config = getattr(get_search_backend(), "config", None)
        query = "to_tsquery(%s::regconfig, %s)" if config else "to_tsquery(%s)"
        one = f"(SELECT string_agg(id::text, ',') FROM {table} WHERE body @@ {query})"  # noqa: S608  # nosec B608
        params = [value for term in terms for value in ([config] if config else []) + [
            f"'{term}'"]]
    else:
        raise ImproperlyConfigured(f"Portal search does not support {connection.vendor}.")
    sql = "SELECT " + ", ".join([one] * len(terms))
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # For a word most entries hold, the planner prefers reading the table and testing
            # each tsvector, which fetches every one from TOAST: 120 ms for 11,000 entries,
            # against 15 ms through the GIN index (measured, PostgreSQL 15). Put back after.
            cursor.execute("SELECT current_setting('enable_seqscan'), "
                           "set_config('enable_seqscan', 'off', true)")
            seqscan = cursor.fetchone()[0]
        cursor.execute(sql, params)  # nosemgrep: raw-sql-with-formatting
        found = cursor.fetchone()
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [seqscan])
    return [set(map(int, ids.split(","))) if ids else set() for ids in found]


def _private_paths(home) -> list[str]:
    """Paths of the pages under a view restriction in (or above) the home page's tree."""
    from wagtail.models import PageViewRestriction

    paths = PageViewRestriction.objects.values_list("page__path", flat=True)
    return [path for path in paths if path.startswith(home.path) or home.path.startswith(path)]


def _page_scores(tree: _Tree, home, query: Query) -> Counter:
    """Score of each matching page's entry: per query word ``TITLE_WEIGHT`` if it is in the
    title, else ``TEXT_WEIGHT`` if it is in the page."""
    scores: Counter = Counter()
    for term, entries in zip(query.terms, _matching_entries(query.terms), strict=True):
        in_title = tree.titles.get(term, set())
        scores.update((entries & tree.entries) - in_title)
        for _weight in range(TITLE_WEIGHT):
            scores.update(in_title)
    private = tuple(_private_paths(home))
    if private:
        for entry in [entry for entry in scores if tree.paths[entry].startswith(private)]:
            del scores[entry]
    return scores


def _public_plans(home):
    """The commune's plans as the documents section shows them (documents.issued_plans)."""
    from .documents import issued_plans

    return issued_plans(home.commune_id)


def _plan_label(doc_type: str, symbol: str) -> str:
    return " ".join(part for part in (doc_type.strip().capitalize(), symbol.strip()) if part)


def _plan_scores(home, query: Query) -> tuple[Counter, dict]:
    """The matching issued plans, by ("plan", id): scores (their number and title count as
    the title) and records. Matched in Python: a commune has few."""
    scores: Counter = Counter()
    records = {}
    if getattr(home, "commune_id", None) is None:
        return scores, records
    rows = _public_plans(home).values_list("pk", "doc_type", "symbol", "title", "issued_on")
    for pk, doc_type, symbol, title, issued_on in rows:
        present = set(words(f"{doc_type} {symbol} {title}"))
        if not present.intersection(query.terms):
            continue
        title_words = set(words(f"{symbol} {title}"))
        scores[("plan", pk)] = sum(TITLE_WEIGHT if term in title_words else TEXT_WEIGHT
                                   for term in query.terms if term in present)
        records[("plan", pk)] = ("plan", pk, issued_on, title, _plan_label(doc_type, symbol))
    return scores, records


@dataclass
class Hit:
    kind: str  # "page" or "plan"
    pk: int
    title: str
    score: int
    date: date | None
    section: Page | None
    label: str = ""
    # Filled for the hits shown (display):
    url: str = ""
    title_parts: list = field(default_factory=list)
    snippet: list = field(default_factory=list)


class RankedHits(Sequence):
    """The ranked results, seen as :class:`Hit` objects made only for what is read (a page of
    results does not build ten thousand of them)."""

    def __init__(self, ranked: list, scores, records, sections: dict[int, Page]):
        self.ranked, self.scores, self.records, self.sections = ranked, scores, records, sections

    def __len__(self):
        return len(self.ranked)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._hit(key) for key in self.ranked[index]]
        return self._hit(self.ranked[index])

    def _hit(self, key) -> Hit:
        kind, pk, day, title, label = self.records(key)
        section = self.sections.get(key) if kind == "page" else self.sections.get("documents")
        return Hit(kind=kind, pk=pk, title=title, score=self.scores[key], date=day,
                   section=section, label=label)


@dataclass
class Results:
    query: Query
    hits: RankedHits  # ranked, filtered
    total: int  # before the filters
    section: Page | None  # the section filter in force
    year: int | None  # the year filter in force
    sections: list[tuple[Page, int]]  # sections with results (counted within the year filter)
    years: list[tuple[int, int]]  # years with results (counted within the section filter)


def search(home, query: Query, *, section: str | None = None, year: int | None = None
           ) -> Results:
    """The ranked results of ``query`` in the tree of ``home``, filtered by section (the slug
    of one of the home page's children) and year, with the number of results in each section
    (within the year filter) and in each year (within the section filter)."""
    from .models import DocumentIndexPage

    tree = _tree(home)
    sections = list(Page.objects.child_of(home).live().public().order_by("path"))
    chosen = next((page for page in sections if section and page.slug == section), None)
    documents_type = _content_type_id(DocumentIndexPage)
    documents = next((page for page in sections if page.content_type_id == documents_type),
                     None)
    scores = _page_scores(tree, home, query)
    plan_scores, plans = _plan_scores(home, query) if documents else (Counter(), {})

    # Pages: sets of entries (C speed); plans: a few keys, looked at one by one.
    pages = set(scores)
    pages_in_year = pages & tree.years.get(year, set()) if year is not None else pages
    pages_in_section = pages & tree.sections.get(chosen.pk, set()) if chosen else pages
    plans_in_year = {key for key, record in plans.items()
                     if year is None or (record[2] and record[2].year == year)}
    plans_in_section = set(plans) if chosen is None or chosen == documents else set()

    section_counts = {page.pk: len(pages_in_year & tree.sections.get(page.pk, set()))
                      + (len(plans_in_year) if page == documents else 0) for page in sections}
    year_counts = {number: len(pages_in_section & entries)
                   for number, entries in tree.years.items()}
    for key in plans_in_section:
        if plans[key][2]:
            number = plans[key][2].year
            year_counts[number] = year_counts.get(number, 0) + 1

    if year is not None:
        year_counts.setdefault(year, 0)
    scores.update(plan_scores)
    order = tree.order
    keys = {key: scores[key] * 2**60 + order[key]
            for key in pages_in_year & pages_in_section}
    keys.update({key: scores[key] * 2**60 + _order(plans[key][2], 0, key[1])
                 for key in plans_in_year & plans_in_section})
    return Results(
        query=query,
        hits=RankedHits(sorted(keys, key=keys.__getitem__, reverse=True), scores,
                        lambda key: tree.records.get(key) or plans[key],
                        _SectionOf(tree, sections, documents)),
        total=len(pages) + len(plans),
        section=chosen,
        year=year,
        sections=[(page, section_counts[page.pk]) for page in sections
                  if section_counts[page.pk] or page == chosen],
        years=sorted(((number, count) for number, count in year_counts.items()
                      if count or number == year), reverse=True),
    )


class _SectionOf:
    """The section page of a result: by its path for a page, the documents' for a plan."""

    def __init__(self, tree: _Tree, sections: list[Page], documents: Page | None):
        self.tree, self.sections, self.documents = tree, sections, documents

    def get(self, key):
        if key == "documents":
            return self.documents
        path = self.tree.paths.get(key, "")
        return next((page for page in self.sections if path.startswith(page.path)), None)


def _content_type_id(model) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


# Snippets ---------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _terms_pattern(terms: frozenset[str]) -> re.Pattern:
    """The query's words as whole words (not inside a longer run of letters and digits)."""
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def _spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Where the words of ``text`` that are query terms are, in ``text``'s own positions."""
    if not terms:
        return []
    view = folded(text)
    positions = None
    if len(view) != len(text):  # lone combining marks folded to nothing
        positions = [i for i, ch in enumerate(text) if _FOLD[ord(ch)]]
    spans = []
    for match in _terms_pattern(frozenset(terms)).finditer(view):
        start, end = match.start(), match.end()
        if positions is not None:
            start, end = positions[start], positions[end - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        spans.append((start, end))
    return spans


def _parts(text: str, spans, start: int, end: int) -> list[tuple[str, bool]]:
    """``text[start:end]`` as (piece, is a match) pairs, for the template to escape and mark."""
    parts, at = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start > at:
            parts.append((text[at:span_start], False))
        parts.append((text[span_start:span_end], True))
        at = span_end
    if at < end:
        parts.append((text[at:end], False))
    return parts


def highlight(text: str, terms) -> list[tuple[str, bool]]:
    """The whole of ``text`` with the query's words marked."""
    text = nfc(text or "")
    return _parts(text, _spans(text, set(terms)), 0, len(text))


def snippet(text: str, terms, width: int = SNIPPET_CHARS) -> list[tuple[str, bool]]:
    """About ``width`` characters of ``text`` from a little before its first match (or from
    its start), cut at spaces, with the query's words marked and "…" where it was cut."""
    text = _SPACE.sub(" ", nfc(text or "")).strip()
    if not text:
        return []
    spans = _spans(text, set(terms))
    first_start, first_end = spans[0] if spans else (0, 0)
    start = max(0, first_start - SNIPPET_LEAD)
    if start > 0:
        space = text.find(" ", start, first_start)
        start = space + 1 if space != -1 else first_start
    end = min(len(text), max(start + width, first_end))
    if end < len(text):
        space = text.rfind(" ", first_end, end)
        if space > start:
            end = space
    parts = _parts(text, spans, start, end)
    if start > 0:
        parts.insert(0, ("… ", False))
    if end < len(text):
        parts.append((" …", False))
    return parts


def display(hits, request, query: Query) -> list[Hit]:
    """The shown hits with what they display: address, marked title and snippet. Queries: the
    pages (one per page type), their gallery captions, the documents section if needed."""
    from django.db.models import prefetch_related_objects

    from .models import ContentPage

    hits = list(hits)
    ids = [hit.pk for hit in hits if hit.kind == "page"]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()} if ids else {}
    galleries = [page for page in pages.values() if isinstance(page, ContentPage)]
    if galleries:
        prefetch_related_objects(galleries, "gallery_images")
    terms = set(query.terms)
    documents = None
    for hit in hits:
        if hit.kind == "page":
            page = pages.get(hit.pk)
            if page is None:  # deleted since it was found
                continue
            hit.url = page.get_url(request)
            text = page.body_text() if hasattr(page, "body_text") else ""
        else:
            if documents is None:
                documents = hit.section.specific
            hit.url = documents.get_url(request) + documents.reverse_subpage(
                "document", args=[hit.pk])
            text = hit.label
        hit.title_parts = highlight(hit.title, terms)
        hit.snippet = snippet(text, terms)
    return hits


# The view ---------------------------------------------------------------------------------


def _param(request, names) -> str:
    for name in names:
        value = request.GET.get(name)
        if value:
            return value.strip()
    return ""


def _year(value: str) -> int | None:
    if len(value) == 4 and value.isascii() and value.isdigit():
        return int(value)
    return None


def search_view(request, home):
    """``<home>/tim-kiem/?q=…&muc=<section slug>&nam=<year>&page=<n>``."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    query = parse_query(request.GET.get("q"))
    context = {"page": home, "portal_home": home, "query": query, "results": None,
               "items": None, "message": "", "min_chars": MIN_QUERY_CHARS,
               "max_terms": MAX_TERMS}
    if not query.text:
        context["message"] = _("Hãy nhập từ khóa cần tìm, có dấu hoặc không dấu.")
    elif not query.searchable:
        context["message"] = _(
            "Từ khóa quá ngắn: hãy nhập ít nhất %(count)d chữ cái hoặc chữ số."
        ) % {"count": MIN_QUERY_CHARS}
    else:
        results = search(home, query, section=_param(request, SECTION_PARAMS) or None,
                         year=_year(_param(request, YEAR_PARAMS)))
        items = Paginator(results.hits, PAGE_SIZE).get_page(request.GET.get("page"))
        display(items.object_list, request, query)
        context.update(results=results, items=items if results.hits else None)
    return TemplateResponse(request, "portal/search/results.html", context)
