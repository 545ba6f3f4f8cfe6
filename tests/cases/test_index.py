"""The candidate index: what it stores, what it finds, and that its SQL means one thing.

The PostgreSQL stage of the suite runs these same tests; ``test_the_sql_agrees_with_a_plain
python_reading`` pins the result down to a reference computed in Python from the stored rows,
so both databases are held to the same answer."""

from collections import Counter, defaultdict

import pytest
from django.utils import timezone

from tests.cases.data.claims import CLAIMS, SAME_KINDS, texts_of
from ttdn.cases import index, services
from ttdn.cases.index import MatchTerm, MatchTermStat
from ttdn.cases.matching import normalise
from ttdn.cases.models import Case, CaseStatus, Channel, Clarification, Suggestion, Tip

pytestmark = pytest.mark.django_db

RUMOUR = CLAIMS[0]["claim"]


def store(world, texts, *, commune="cam-tan", status=CaseStatus.NEW, case=None):
    """Tips stored in bulk (one case each, or all in ``case``) and indexed like add_tip."""
    commune = world[commune]["commune"]
    now = timezone.now()
    if case is None:
        cases = Case.objects.bulk_create([
            Case(commune=commune, claim=text, opened_at=now, status=status,
                 closed_at=now if status == CaseStatus.CLOSED else None)
            for text in texts
        ])
    else:
        cases = [case] * len(texts)
    tips = Tip.objects.bulk_create([
        Tip(case=c, commune=commune, channel=Channel.STAFF, text=text,
            normalised=normalise(text), created_at=now)
        for c, text in zip(cases, texts, strict=True)
    ])
    index.add_tips((tip.pk, tip.text) for tip in tips)
    return tips


def others(skip=0):
    """Every labelled text of every claim but one: hundreds of near and far claims."""
    return [text for i, base in enumerate(CLAIMS) if i != skip for text in texts_of(base)]


def rows_of(tip):
    return set(MatchTerm.objects.filter(tip=tip).values_list("term", flat=True))


def frequencies():
    return dict(MatchTermStat.objects.values_list("term", "tips"))


# --- what is stored -----------------------------------------------------------------------------


def test_a_filed_tip_is_indexed_once_with_its_term_counts(file_tip):
    tip = file_tip(RUMOUR)
    assert rows_of(tip) == set(index.text_hashes(RUMOUR))
    counts = frequencies()
    assert counts[index.TOTAL] == 1
    assert all(counts[term] == 1 for term in rows_of(tip))
    index.add_tip(tip)  # again: nothing changes
    assert frequencies() == counts
    file_tip(RUMOUR, commune="cam-thach")
    assert frequencies()[index.TOTAL] == 2
    assert {frequencies()[term] for term in rows_of(tip)} == {2}


def test_decoration_and_missing_marks_index_the_same_terms():
    plain = index.index_terms(RUMOUR)
    assert plain == index.index_terms(CLAIMS[0]["unaccented"][0])
    assert plain == index.index_terms(CLAIMS[0]["decorated"][0])
    assert {"n:2000000000", "chan n:2000000000"} <= plain


def test_rebuild_writes_what_add_tip_wrote(world, file_tip):
    file_tip(RUMOUR)
    store(world, others()[:40])
    before_rows = set(MatchTerm.objects.values_list("term", "tip_id"))
    before_counts = frequencies()
    assert index.rebuild() == 41
    assert set(MatchTerm.objects.values_list("term", "tip_id")) == before_rows
    assert frequencies() == before_counts


# --- what is found ------------------------------------------------------------------------------


def test_every_form_of_a_claim_finds_its_case_among_hundreds(world, file_tip):
    store(world, others(skip=0))
    case = file_tip(RUMOUR).case
    store(world, [f"Thôn Đông Hòa tổ chức ngày hội số {n} cho bà con." for n in range(30)])
    for kind in SAME_KINDS:
        for text in CLAIMS[0][kind]:
            found = index.candidates(text, limit=10)
            assert found and found[0][0] == case.pk, text
            joined = services.match_text(text).case
            assert joined is not None and joined.pk == case.pk, text


def test_a_near_miss_finds_the_case_but_is_only_suggested(world, file_tip):
    store(world, others(skip=0))
    case = file_tip(RUMOUR).case
    near = file_tip(CLAIMS[0]["near_misses"][0])
    assert near.case_id != case.pk
    assert Suggestion.objects.get(tip=near).candidate_id == case.pk


def test_frequent_terms_are_not_looked_up(world, monkeypatch):
    monkeypatch.setattr(index, "STOP_MIN", 10)
    common = [f"Hỗ trợ lũ lụt cho hộ số {n} ở thôn Mới {n}." for n in range(60)]
    store(world, common)
    target = store(world, ["Cán bộ ăn chặn tiền hỗ trợ lũ lụt ở bản Nà Lừa."])[0]
    query = "Nghe nói cán bộ ăn chặn tiền hỗ trợ lũ lụt ở bản Nà Lừa"
    looked_up = {term for term, _df, _weight in index.query_terms(query)}
    assert index.term_hash("ho tro") not in looked_up  # in 61 of 61 tips
    assert index.term_hash("na lua") in looked_up
    assert index.candidate_tips(query, limit=1)[0][0] == target.pk


def test_a_long_query_looks_up_only_its_rarest_terms(world):
    store(world, others())
    long_query = " ".join(texts_of(CLAIMS[3]))
    chosen = index.query_terms(long_query)
    assert 0 < len(chosen) <= index.MAX_TERMS
    frequencies_chosen = [df for _term, df, _weight in chosen]
    assert frequencies_chosen == sorted(frequencies_chosen)
    assert index.query_terms("") == [] and index.candidates("!!! 😡") == []


def test_closed_cases_are_not_candidates_unless_their_clarification_is_published(
    world, file_tip, officer
):
    case = file_tip(RUMOUR).case
    services.case_close(case=case, actor=officer, reason="Không xác minh được")
    assert index.candidates(RUMOUR) == []
    again = file_tip(RUMOUR)
    assert again.case_id != case.pk
    # The new case runs its course and publishes a clarification, then closes.
    case = again.case
    case = services.case_triage(case=case, actor=officer, category="false", severity="high")
    case = services.case_assign(case=case, actor=officer, lead_unit=world["cam-tan"]["village"])
    case = services.case_start_verifying(case=case, actor=officer)
    case = services.case_verdict(case=case, actor=officer, verdict="false", summary="Sai.")
    services.clarification_save(case=case, actor=officer, title="Cải chính", body="Sai.")
    case = services.case_respond(case=case, actor=officer)
    case = services.case_close(case=case, actor=officer)
    assert Clarification.objects.get(case=case).is_published
    assert [case_id for case_id, _claim in index.candidates(RUMOUR)] == [case.pk]
    assert file_tip(CLAIMS[0]["rewordings"][0]).case_id == case.pk


def test_a_merged_case_is_followed_to_the_case_it_joined(world, file_tip, officer):
    target = file_tip(RUMOUR).case
    near = file_tip(CLAIMS[0]["near_misses"][1])  # only suggested: another village
    suggestion = Suggestion.objects.get(tip=near)
    assert suggestion.candidate_id == target.pk
    services.suggestion_confirm(suggestion=suggestion, actor=officer)
    found = index.candidates(CLAIMS[0]["near_misses"][1])
    assert {case_id for case_id, _claim in found} == {target.pk}
    # A case marked merged whose tips were left behind still leads to its target.
    stray = store(world, ["Đập thủy lợi Khe Mây sắp vỡ, người dân thôn Bến Đò phải sơ tán."])[0]
    Case.objects.filter(pk=stray.case_id).update(merged_into=target, status=CaseStatus.CLOSED)
    found = index.candidates("Đập thủy lợi Khe Mây sắp vỡ, dân thôn Bến Đò phải sơ tán")
    assert [case_id for case_id, _claim in found] == [target.pk]


def test_a_case_brings_at_most_a_few_of_its_tips_newest_first(world):
    first = store(world, [RUMOUR])[0]
    case = first.case
    more = store(world, [RUMOUR] * 5, case=case)
    store(world, others()[:50])
    found = index.candidate_tips(RUMOUR, limit=50)
    own = [tip_id for tip_id, case_id, _score in found if case_id == case.pk]
    assert own == sorted((t.pk for t in [first, *more]), reverse=True)[: index.TIPS_PER_CASE]
    assert len(index.candidate_tips(RUMOUR, limit=2)) == 2


def test_the_sql_agrees_with_a_plain_python_reading(world, file_tip, officer, monkeypatch):
    """The index query, recomputed in Python from the stored rows: same tips, same order."""
    monkeypatch.setattr(index, "PER_TERM_CAP", 7)  # caps and ties come into play
    monkeypatch.setattr(index, "POOL", 25)
    store(world, others()[:120])
    store(world, [RUMOUR, CLAIMS[0]["rewordings"][0]] * 4)
    store(world, [CLAIMS[0]["near_misses"][0]] * 3, status=CaseStatus.CLOSED)
    services.case_close(case=file_tip(CLAIMS[0]["partials"][0]).case, actor=officer)
    postings = defaultdict(list)
    for term, tip_id in MatchTerm.objects.values_list("term", "tip_id"):
        postings[term].append(tip_id)
    matchable = set(index.matchable_cases().values_list("pk", flat=True))
    case_of = dict(Tip.objects.values_list("pk", "case_id"))
    queries = [RUMOUR, *CLAIMS[0]["rewordings"], CLAIMS[0]["near_misses"][0], CLAIMS[3]["claim"]]
    for query in queries:
        scores = Counter()
        for term, _df, weight in index.query_terms(query):
            for tip_id in sorted(postings[term], reverse=True)[: index.PER_TERM_CAP]:
                scores[tip_id] += weight
        pool = sorted(scores.items(), key=lambda item: (-item[1], -item[0]))[: index.POOL]
        expected, per_case = [], Counter()
        for tip_id, score in pool:
            case_id = case_of[tip_id]
            if case_id in matchable and per_case[case_id] < index.TIPS_PER_CASE:
                per_case[case_id] += 1
                expected.append((tip_id, case_id, score))
        assert index.candidate_tips(query, limit=20) == expected[:20], query
