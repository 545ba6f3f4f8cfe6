"""The matching engine of the false-information desk: units, a labelled corpus, speed."""

import time
from collections import Counter
from itertools import combinations

import pytest

from tests.cases.data.claims import CLAIMS
from ttdn.cases.matching import (
    Claim,
    best_matches,
    canonical_link,
    compare,
    details,
    normalise,
    similarity,
)

# --- normalise and canonical_link ------------------------------------------------------------


def test_normalise_folds_case_diacritics_punctuation_and_space():
    nfd = "Đập  Cửa Đạt sắp VỠ!!!".replace("ử", "u\u031b\u0309")
    assert normalise(nfd) == "dap cua dat sap vo"
    assert normalise("  Xã   Cẩm Tân,\tthôn Đông… ") == "xa cam tan thon dong"
    assert normalise("") == ""


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://m.facebook.com/story.php?story_fbid=1&id=2&fbclid=x&utm_source=y#top",
            "https://facebook.com/story.php?id=2&story_fbid=1",
        ),
        (
            "https://mbasic.facebook.com/groups/1/?__cft__[0]=a&__tn__=R",
            "https://facebook.com/groups/1",
        ),
        ("https://web.facebook.com/page/", "https://facebook.com/page"),
        ("https://youtu.be/abc123?si=zz", "https://youtube.com/watch?v=abc123"),
        (
            "https://m.youtube.com/watch?v=abc123&feature=x",
            "https://youtube.com/watch?feature=x&v=abc123",
        ),
        ("HTTP://WWW.Example.COM:80/Tin/", "http://example.com/Tin"),
        ("https://example.com:8443/a?b=2&a=1&ref=home", "https://example.com:8443/a?a=1&b=2"),
        ("https://vm.tiktok.com/ZSabc/?igshid=1&mibextid=2", "https://vm.tiktok.com/ZSabc"),
    ],
)
def test_canonical_link(url, expected):
    assert canonical_link(url) == expected


@pytest.mark.parametrize("bad", ["  not a url ", "javascript:alert(1)", "http://[::1"])
def test_canonical_link_returns_invalid_input_stripped(bad):
    assert canonical_link(bad) == bad.strip()


# --- details ---------------------------------------------------------------------------------


def _values(text):
    return {n.value for n in details(text).numbers}


def test_amounts_in_vietnamese_formats_are_one_value():
    assert _values("1,5 tỷ") == _values("1.500.000.000 đồng") == {1_500_000_000}
    assert _values("1 tỷ 500 triệu") == {1_500_000_000}
    assert _values("300 nghìn") == _values("300 ngàn") == _values("300.000 đồng") == {300_000}
    assert _values("2 tỷ") != _values("3 tỷ")
    percent = details("tăng 15%").numbers[0]
    assert (percent.value, percent.percent) == (15, True)


def test_dates():
    (date,) = details("ngày 12/3/2026").dates
    assert (date.day, date.month, date.year) == (12, 3, 2026)
    (date,) = details("vào ngày 12 tháng 3 năm 2026").dates
    assert (date.day, date.month, date.year) == (12, 3, 2026)
    (date,) = details("từ tháng 3/2026").dates
    assert (date.day, date.month, date.year) == (None, 3, 2026)
    assert not details("tháng 3/2026 giá tăng").numbers, "a date is not also a number"


def test_places_are_kept_folded():
    found = details("Cán bộ xã Cẩm Tân, thôn Đông Hòa và TP. Thanh Hóa").places
    assert {p.key for p in found} == {"cam tan", "dong hoa", "thanh hoa"}
    assert {p.key for p in details("xa Cam Tan, thon Dong Hoa").places} == {"cam tan", "dong hoa"}
    assert not details("xã hội và bản tin").places


def test_negation():
    assert details("Cầu không hề bị sập").negated
    assert details("Tin này là sai sự thật").negated
    assert details("chua co ai nhap vien").negated
    assert not details("Cảnh giác trên không gian mạng").negated
    assert not details("Cầu có bị sập không?").negated
    assert not details("Không chỉ cầu mà cả đường cũng sập").negated


# --- compare ---------------------------------------------------------------------------------


def test_shared_link_joins_whatever_the_text():
    new = Claim("Hoàn toàn khác", ("https://m.facebook.com/post/1/?fbclid=abc",))
    old = Claim("Một chuyện khác hẳn", ("https://www.facebook.com/post/1",))
    verdict = compare(new, old)
    assert verdict.decision == "join"
    assert verdict.score == 1.0
    assert verdict.reasons == ("cùng đường dẫn",)


def test_conflicting_details_are_explained():
    verdict = compare(Claim("Xã cấp 2 tỷ cho thôn Đông"), Claim("Xã cấp 3 tỷ cho thôn Đông"))
    assert verdict.decision == "suggest"
    assert verdict.reasons == ("khác số tiền: 2 tỷ / 3 tỷ",)
    verdict = compare(Claim("Xã cấp 2 tỷ cho thôn Đông"), Claim("Xã cấp 2 tỷ cho thôn Tây"))
    assert verdict.reasons == ("khác địa danh: thôn Đông / thôn Tây",)
    verdict = compare(Claim("Cầu đã sập"), Claim("Cầu chưa sập"))
    assert "một bên phủ định" in verdict.reasons


def test_similarity_is_symmetric_and_bounded():
    a, b = CLAIMS[0]["claim"], CLAIMS[0]["rewordings"][1]
    assert similarity(a, b) == similarity(b, a)
    assert similarity(a, a) == 1.0
    assert similarity("", a) == 0.0
    assert 0.0 <= similarity(a, CLAIMS[1]["claim"]) < 0.6


# --- the corpus ------------------------------------------------------------------------------


def _decisions(pairs):
    return Counter(compare(Claim(new), Claim(old)).decision for new, old in pairs)


def _pairs(kind):
    return [(text, base["claim"]) for base in CLAIMS for text in base[kind]]


def test_corpus_is_big_enough():
    assert len(CLAIMS) >= 20
    assert len(_pairs("rewordings")) >= 40
    assert len(_pairs("near_misses")) >= 40


def test_no_near_miss_ever_joins():
    pairs = _pairs("near_misses")
    counts = _decisions(pairs)
    print(f"\nnear-misses ({len(pairs)}): {dict(counts)}")
    assert counts["join"] == 0


def test_every_near_miss_is_explained_by_a_detail():
    for new, old in _pairs("near_misses"):
        reasons = compare(Claim(new), Claim(old)).reasons
        assert reasons and "nội dung tương tự" not in reasons, new


def test_rewordings_join_or_are_suggested():
    pairs = _pairs("rewordings")
    counts = _decisions(pairs)
    joined, matched = counts["join"] / len(pairs), (counts["join"] + counts["suggest"]) / len(pairs)
    print(
        f"\nrewordings ({len(pairs)}): {dict(counts)}; joined {joined:.0%}, matched {matched:.0%}"
    )
    assert matched >= 0.95
    assert joined >= 0.9


def test_unrelated_claims_do_not_match():
    texts = [(i, text) for i, base in enumerate(CLAIMS) for text in _texts(base)]
    pairs = [(a, b) for (i, a), (j, b) in combinations(texts, 2) if i != j]
    counts = _decisions(pairs)
    print(f"\nunrelated pairs ({len(pairs)}): {dict(counts)}")
    assert counts["join"] == 0
    assert counts["suggest"] <= 0.01 * len(pairs)


def _texts(base):
    return [base["claim"], *base["rewordings"], *base["near_misses"]]


def _all_candidates():
    return [(i, Claim(text)) for i, base in enumerate(CLAIMS) for text in _texts(base)]


def test_best_matches_finds_the_right_case():
    candidates = [(i, Claim(base["claim"])) for i, base in enumerate(CLAIMS)]
    candidates += [(f"near-{i}", Claim(t)) for i, b in enumerate(CLAIMS) for t in b["near_misses"]]
    hits = total = 0
    for i, base in enumerate(CLAIMS):
        for text in base["rewordings"]:
            found = best_matches(Claim(text), candidates)
            total += 1
            hits += bool(found) and found[0][0] == i
    print(f"\nbest_matches top-1 accuracy: {hits}/{total} = {hits / total:.0%}")
    assert hits / total >= 0.9


def test_best_matches_puts_joins_first_and_drops_new():
    new = Claim(CLAIMS[0]["rewordings"][0])
    found = best_matches(new, _all_candidates(), limit=3)
    assert 0 < len(found) <= 3
    assert found[0][1].decision == "join"
    assert all(v.decision != "new" for _, v in found)
    order = {"join": 0, "suggest": 1}
    assert found == sorted(found, key=lambda kv: (order[kv[1].decision], -kv[1].score))


def test_best_matches_over_a_thousand_candidates():
    pool = _all_candidates()
    candidates = [(n, pool[n % len(pool)][1]) for n in range(1000)]
    start = time.perf_counter()
    found = best_matches(Claim(CLAIMS[5]["rewordings"][1]), candidates)
    elapsed = time.perf_counter() - start
    print(f"\nbest_matches over 1,000 candidates: {elapsed * 1000:.1f} ms")
    assert found
