"""Finding the cases a new tip may belong to: the candidates the matcher then compares.

A tip is compared with every open case and every case whose clarification is published, in
every commune of the deployment. Each case is represented by the texts of its tips, so a later
rewording can match any earlier one. Comparing a tip with every stored tip is fine for a
hundred tips and hopeless for a hundred thousand, so the comparison starts from an index.

Design: a term table, the same on SQLite and PostgreSQL
    ``MatchTerm(term, tip)`` holds, for every tip, the 64-bit hash (BLAKE2b) of each *term* of
    its text (:func:`matching.terms`): the adjacent pairs of its content words — folded (case,
    marks, đ→d), amounts and dates canonical, filler, emoji, hashtags and links left out — and
    the single words that are amounts or dates. Its primary key
    ``(term, tip_id)`` is the posting list, sorted. ``MatchTermStat(term, tips)`` counts the tips
    each term occurs in (its document frequency); the row of term 0 counts the tips indexed.
    :func:`add_tip` writes both in the transaction that stores the tip, so a tip is findable as
    soon as it is committed.

    :func:`candidates` hashes the query's terms, reads their frequencies (one primary-key
    lookup each), drops the terms no tip has and the stop terms (in more than
    ``STOP_FRACTION`` of the tips), and looks up only the rarest: at most ``MAX_TERMS``, none
    once their posting lists add up to ``POSTINGS_BUDGET`` (but at least ``MIN_TERMS``).
    Each is read from its posting list, newest first and at most ``PER_TERM_CAP`` tips, so the
    work per query is bounded whatever the size of the table. The tips are scored in SQL by the
    sum of the integer IDF weights of the terms they share with the query; the best ``POOL`` are
    joined with their case, which must be matchable (open, or its clarification published; a
    case merged into another is followed to that one — a merge moves the tips, so nothing in
    the index changes), and the best ``limit`` tips, at most ``TIPS_PER_CASE`` per case, are
    returned with their text for :func:`matching.best_matches` to compare precisely.

    Everything is plain SQL with integer arithmetic and a total order (score, then tip id), so
    SQLite and PostgreSQL return the same candidates for the same data; the suite runs on both.
    A change to how texts are tokenised needs ``ttdn cases reindex``.

Measured (``benchmarks/cases_matching_speed.py``, SQLite file, 2-core machine, November 2026):
with 100,000 stored claims (16.6 index rows a claim, 1.66 million rows, a 175 MB database with
the cases and tips), the desk's whole matching path for a new tip takes 13 ms at the median,
19 ms at the 95th percentile, in a process that peaks at 183 MB; at 5,000 claims it took 8 ms
(p95) against 151 ms for comparing every tip.

Scaling to 10 million claims on PostgreSQL
    The query's cost does not grow with the table: at most ``MAX_TERMS`` index range scans
    whose posting lists add up to about ``POSTINGS_BUDGET`` entries (none longer than
    ``PER_TERM_CAP``), a hash aggregate over those, ``POOL`` primary-key joins, then the precise
    comparison of ``limit`` texts in Python. What grows is the table: about 17 rows a claim, so
    170 million rows for 10 million claims — some 12 to 15 GB of heap, primary key and
    ``tip_id`` index, ordinary for PostgreSQL on one server (the hot upper levels of the B-tree
    stay in memory; each query touches a few dozen leaf pages). Beyond that, ``MatchTerm``
    partitions by ``hash(term)`` without changing a query (each lookup touches one partition).
    The term frequencies stay small (one row per distinct term) and hot in cache; the one
    contended row is term 0 (the tip count), updated once per tip, inside the tip's short
    transaction. Writers insert in sorted order, so concurrent tips cannot deadlock. If the
    table's size ever matters more than this portability, the leaner layout is one ``bigint[]``
    of term hashes per tip with a GIN index (posting lists compressed to a byte or two an
    entry) — the same query as ``terms && ARRAY[…]``, PostgreSQL only.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q

from . import matching
from .matching import Claim, canonical_link
from .models import (
    OPEN_STATUSES,
    Case,
    CaseLink,
    Clarification,
    MatchTerm,
    MatchTermStat,
    Tip,
)

MAX_TERMS = 12  # the rarest terms of a query that are looked up…
MIN_TERMS = 3  # …at least these, whatever their frequency
POSTINGS_BUDGET = 4000  # …and no more once their posting lists add up to this
PER_TERM_CAP = 2000  # postings read per term, newest first
STOP_FRACTION = 0.05  # a term in more tips than this share is not looked up…
STOP_MIN = 200  # …once it is in more than this many tips
POOL = 400  # best-scoring tips joined with their case before the matchable filter
TIPS_PER_CASE = 3  # texts of one case handed to the matcher
TOTAL = 0  # the term whose count is the number of tips indexed


# Links -----------------------------------------------------------------------------------------


def link_hash(url: str) -> str:
    return hashlib.sha256(canonical_link(url).encode()).hexdigest()


def matchable_cases():
    """Cases a tip may join: open ones, and closed ones whose clarification is published."""
    return Case.objects.filter(merged_into__isnull=True).filter(
        Q(status__in=OPEN_STATUSES) | Q(clarification__published_at__isnull=False)
    )


def case_for_links(links) -> Case | None:
    """The case that already holds one of these links (one link, one case)."""
    hashes = [link_hash(url) for url in links]
    if not hashes:
        return None
    found = CaseLink.objects.filter(canonical_hash__in=hashes).select_related("case").first()
    if found is None:
        return None
    return found.case.surviving()


# Terms -----------------------------------------------------------------------------------------


def term_hash(term: str) -> int:
    """A signed 64-bit hash of a term, the same in every process (never 0, which is TOTAL)."""
    digest = hashlib.blake2b(term.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True) or 1


def index_terms(text: str) -> set[str]:
    """The terms stored for a text (:func:`matching.terms`)."""
    return matching.terms(text)


def text_hashes(text: str) -> list[int]:
    return sorted({term_hash(term) for term in index_terms(text)})


# Writing ---------------------------------------------------------------------------------------


def _quoted(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


ROWS_PER_STATEMENT = 1000


def _execute_rows(sql_head: str, sql_tail: str, rows: list[tuple], width: int) -> None:
    """``INSERT … VALUES (…), (…) …`` in statements of at most ``ROWS_PER_STATEMENT`` rows."""
    placeholder = "(" + ", ".join(["%s"] * width) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            values = ", ".join([placeholder] * len(chunk))
            cursor.execute(  # nosemgrep: raw-sql-with-formatting - placeholders only
                f"{sql_head} {values} {sql_tail}",  # nosec B608 - values are parameters
                [value for row in chunk for value in row],
            )


def _store(postings: list[tuple[int, int]], counts: Counter, term_model, stat_model) -> None:
    """Write (term, tip id) postings and add ``counts`` (term → tips) to the frequencies.

    Rows go in sorted order, so concurrent writers on PostgreSQL take row locks in the same
    order and cannot deadlock."""
    terms_table, stats_table = _quoted(term_model), _quoted(stat_model)
    if postings:
        _execute_rows(f"INSERT INTO {terms_table} (term, tip_id) VALUES",
                      "ON CONFLICT DO NOTHING", sorted(postings), 2)
    if counts:
        _execute_rows(
            f"INSERT INTO {stats_table} AS s (term, tips) VALUES",
            "ON CONFLICT (term) DO UPDATE SET tips = s.tips + excluded.tips",
            sorted(counts.items()), 2,
        )


def add_tip(tip: Tip) -> None:
    """Make ``tip`` findable by later tips (called inside the transaction that stores it)."""
    hashes = set(text_hashes(tip.text))
    with transaction.atomic():
        known = set(MatchTerm.objects.filter(tip=tip).values_list("term", flat=True))
        new = sorted(hashes - known)
        counts = Counter(new)
        if not known:
            counts[TOTAL] += 1
        _store([(term, tip.pk) for term in new], counts, MatchTerm, MatchTermStat)


def add_tips(tips: Iterable[tuple[int, str]], *, term_model=None, stat_model=None,
             batch_size: int = 20_000) -> int:
    """Index many tips at once — ``(tip id, text)`` pairs of tips not indexed yet — writing the
    same rows :func:`add_tip` would. For imports, the benchmark and :func:`rebuild`."""
    term_model = term_model or MatchTerm
    stat_model = stat_model or MatchTermStat
    counts: Counter = Counter()
    postings: list[tuple[int, int]] = []
    done = 0
    with transaction.atomic():
        for tip_id, text in tips:
            hashes = text_hashes(text)
            counts.update(hashes)
            counts[TOTAL] += 1
            postings.extend((term, tip_id) for term in hashes)
            done += 1
            if len(postings) >= batch_size:
                flush = len(counts) >= 10 * batch_size  # frequencies add up: flush some
                _store(postings, counts if flush else Counter(), term_model, stat_model)
                postings = []
                if flush:
                    counts = Counter()
        _store(postings, counts, term_model, stat_model)
    return done


def rebuild(*, tip_model=None, term_model=None, stat_model=None) -> int:
    """Index every tip again from scratch (after a change to the tokenisation, and in the
    migration that created the index). Returns the number of tips indexed."""
    tip_model = tip_model or Tip
    term_model = term_model or MatchTerm
    stat_model = stat_model or MatchTermStat
    with transaction.atomic():
        term_model.objects.all().delete()
        stat_model.objects.all().delete()
        rows = tip_model.objects.order_by("pk").values_list("pk", "text")
        return add_tips(rows.iterator(chunk_size=2000), term_model=term_model,
                        stat_model=stat_model)


# Reading ---------------------------------------------------------------------------------------


def query_terms(text: str) -> list[tuple[int, int, int]]:
    """(term hash, tips that have it, weight) of the terms of ``text`` worth looking up:
    known, not stop terms, the rarest first, at most ``MAX_TERMS``."""
    hashes = text_hashes(text)
    if not hashes:
        return []
    frequencies = dict(
        MatchTermStat.objects.filter(term__in=[TOTAL, *hashes]).values_list("term", "tips")
    )
    total = frequencies.get(TOTAL, 0)
    if not total:
        return []
    stop = max(STOP_MIN, STOP_FRACTION * total)
    known = sorted((frequencies[h], h) for h in hashes if frequencies.get(h, 0) > 0)
    chosen, postings = [], 0
    for df, term in known:
        if len(chosen) >= MAX_TERMS or df > stop:
            break
        if len(chosen) >= MIN_TERMS and postings + min(df, PER_TERM_CAP) > POSTINGS_BUDGET:
            break
        chosen.append((df, term))
        postings += min(df, PER_TERM_CAP)
    chosen = chosen or known[:MIN_TERMS]  # only stop terms: the least common, capped
    return [(h, df, max(1, round(100 * math.log((total + 1) / df)))) for df, h in chosen]


def candidate_tips(text: str, *, limit: int = 50) -> list[tuple[int, int, int]]:
    """(tip id, case id, score) of the best tips of matchable cases for ``text``, best first,
    at most ``TIPS_PER_CASE`` per case and ``limit`` in all."""
    chosen = query_terms(text)
    if not chosen:
        return []
    # Identifiers come from the models' metadata; every value is a parameter.
    branch = (
        "SELECT p.tip_id, CAST(%s AS INTEGER) AS w FROM ("  # noqa: S608
        f"SELECT tip_id FROM {_quoted(MatchTerm)} WHERE term = %s "  # nosec B608 - table name
        "ORDER BY tip_id DESC LIMIT %s) p"
    )
    branches, params = [], []
    for term, _df, weight in chosen:
        branches.append(branch)
        params += [weight, term, PER_TERM_CAP]
    statuses = sorted(str(status) for status in OPEN_STATUSES)
    sql = (
        "SELECT best.tip_id, t.case_id, best.score, c.merged_into_id FROM ("  # noqa: S608  # nosec B608 - identifiers from model metadata, values are parameters
        "SELECT hits.tip_id, SUM(hits.w) AS score FROM ("
        + " UNION ALL ".join(branches)
        + ") hits GROUP BY hits.tip_id ORDER BY score DESC, hits.tip_id DESC LIMIT %s"
        f") best JOIN {_quoted(Tip)} t ON t.id = best.tip_id "
        f"JOIN {_quoted(Case)} c ON c.id = t.case_id "
        f"LEFT JOIN {_quoted(Clarification)} cl ON cl.case_id = c.id "
        "WHERE c.merged_into_id IS NOT NULL OR c.status IN ("
        + ", ".join(["%s"] * len(statuses))
        + ") OR cl.published_at IS NOT NULL "
        "ORDER BY best.score DESC, best.tip_id DESC"
    )
    params += [POOL, *statuses]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    merged = {case_id for _tip, case_id, _score, into in rows if into is not None}
    targets = _merge_targets(merged) if merged else {}
    per_case: Counter = Counter()
    found = []
    for tip_id, case_id, score, into in rows:
        if into is not None:
            case_id = targets.get(case_id)
            if case_id is None:
                continue
        if per_case[case_id] >= TIPS_PER_CASE:
            continue
        per_case[case_id] += 1
        found.append((tip_id, case_id, int(score)))
        if len(found) >= limit:
            break
    return found


def _merge_targets(case_ids) -> dict[int, int]:
    """Merged case → the matchable case it ended in (if that one is matchable)."""
    targets = {}
    matchable = matchable_cases()
    for case in Case.objects.filter(pk__in=case_ids).select_related("merged_into"):
        final = case.surviving()
        if matchable.filter(pk=final.pk).exists():
            targets[case.pk] = final.pk
    return targets


def candidates(text: str, *, limit: int = 50) -> list[tuple[int, Claim]]:
    """(case id, claim) pairs worth comparing with ``text``, best first, at most ``limit``."""
    found = candidate_tips(text, limit=limit)
    texts = dict(Tip.objects.filter(pk__in=[tip_id for tip_id, _c, _s in found])
                 .values_list("pk", "text"))
    return [(case_id, Claim(texts[tip_id])) for tip_id, case_id, _score in found
            if tip_id in texts]


def scan_candidates(text: str) -> list[tuple[int, Claim]]:
    """The old way, for comparison in the benchmark: every tip of every matchable case."""
    rows = Tip.objects.filter(case__in=matchable_cases()).values_list("case_id", "text")
    return [(case_id, Claim(tip_text)) for case_id, tip_text in rows.iterator()]
