"""The matching engine of the false-information desk: units, two labelled corpora, speed."""

import time
from collections import Counter
from itertools import combinations

import pytest

from tests.cases.data.claims import CLAIMS, SAME_KINDS, texts_of
from tests.cases.data.heldout import HELDOUT
from ttdn.cases.matching import (
    Claim,
    Verdict,
    best_matches,
    canonical_link,
    compare,
    details,
    links_in,
    normalise,
    similarity,
    terms,
    tokens,
)

pytestmark = pytest.mark.nodb  # never touches the database: not run again on PostgreSQL

CORPORA = {"claims": CLAIMS, "heldout": HELDOUT}

# --- normalise, links, tokens ------------------------------------------------------------------


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


def test_links_in_a_text():
    text = "Xem ở https://m.facebook.com/p/1?fbclid=x. Hoặc www.example.vn/tin, rồi báo lại!"
    assert links_in(text) == ["https://m.facebook.com/p/1?fbclid=x", "https://www.example.vn/tin"]
    assert links_in("không có đường dẫn") == []


def test_tokens_leave_out_decoration_and_fold_everything():
    plain = "Cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ của thôn Đông Hòa."
    assert tokens(plain) == tokens(
        "😡😡 CAN BO XA CAM TAN AN CHAN 2 TY TIEN CUU TRO THON DONG HOA!!! #CẩmTân @tinnong "
        "https://facebook.com/p/1"
    )
    assert tokens("Nghe nói cán bộ đã ăn chặn") == ["can", "bo", "an", "chan"]


def test_amounts_and_dates_are_one_canonical_token():
    assert tokens("nộp 1,5 triệu") == tokens("nộp 1.500.000 đồng") == ["nop", "n:1500000"]
    assert tokens("ngày 14 tháng 9") == tokens("14/9") == ["d:14-9"]
    assert "n:1500000" in terms("nộp 1.500.000 đồng") and "nop n:1500000" in terms("nộp 1,5 tr")


# --- details ----------------------------------------------------------------------------------


def _values(text):
    return {n.value for n in details(text).numbers}


def test_amounts_in_vietnamese_formats_are_one_value():
    assert _values("1,5 tỷ") == _values("1.500.000.000 đồng") == {1_500_000_000}
    assert _values("1 tỷ 500 triệu") == {1_500_000_000}
    assert _values("300 nghìn") == _values("300 ngàn") == _values("300.000 đồng") == {300_000}
    assert _values("1.5 triệu") == _values("1,500,000 đồng") == {1_500_000}
    assert _values("2 tỷ") != _values("3 tỷ")
    assert _values("6300.9 đồng") != _values("6300.000 đồng"), "a malformed amount stays apart"
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
    (date,) = details("đêm 37/9/2026").dates  # a typo is still a date, and differs from 17/9
    assert date.day == 37
    assert not details("tỉ số 3/45").dates


def test_places_are_kept_folded():
    found = details("Cán bộ xã Cẩm Tân, thôn Đông Hòa và TP. Thanh Hóa").places
    assert {p.key for p in found} == {"cam tan", "dong hoa", "thanh hoa"}
    assert {p.key for p in details("xa Cam Tan, thon Dong Hoa").places} == {"cam tan", "dong hoa"}
    assert not details("xã hội và bản tin").places
    assert {p.key for p in details("xã Cẩm Liên 5 triệu").places} == {"cam lien"}
    assert not details("CAN BO XA CAM TAN AN CHAN 2 TY").places, "capitals say nothing in caps"


def test_negation():
    assert details("Cầu không hề bị sập").negated
    assert details("Tin này là sai sự thật").negated
    assert details("chua co ai nhap vien").negated
    assert not details("Cảnh giác trên không gian mạng").negated
    assert not details("Cầu có bị sập không?").negated
    assert not details("Không chỉ cầu mà cả đường cũng sập").negated
    assert not details("Có thật không: cầu bị sập").negated
    assert not details("Lá ổi chữa khỏi bệnh tiểu đường").negated, "chữa is not chưa"
    assert not details("bà con chằng chống nhà cửa").negated


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


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        ("can bo xa cam tan an chan 2 ty tien cuu tro cua ba con thon tay hoa",
         "Cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ của bà con thôn Đông Hòa.",
         "khác địa danh: thon tay / thôn Đông"),
        ("Từ tháng 11/2026 giá điện sinh hoạt sẽ giảm 15% cho tất cả hộ gia đình.",
         "Từ tháng 11/2026 giá điện sinh hoạt sẽ tăng 15% cho tất cả hộ gia đình.",
         "ngược nghĩa: sẽ giảm / sẽ tăng"),
        ("Công ty Hòa Bình tuyển 200 lao động đi Hàn Quốc, mỗi người nộp 50 triệu tiền cọc.",
         "Công ty Hòa Phát tuyển 200 lao động đi Hàn Quốc, mỗi người nộp 50 triệu tiền cọc.",
         "khác tên: Hòa Bình / Hòa Phát"),
        ("Một người ở thôn Tân Lập nhập viện sau khi ăn nấm rừng ngày 5 tháng 6.",
         "Một người ở thôn Tân Lập tử vong sau khi ăn nấm rừng ngày 5 tháng 6.",
         "khác chi tiết: Lập nhập viện / Lập tử vong"),
    ],
)
def test_a_substitution_inside_aligned_text_is_a_changed_detail(new, old, reason):
    verdict = compare(Claim(new), Claim(old))
    assert verdict.decision == "suggest"
    assert verdict.reasons == (reason,)


def test_a_name_or_a_number_the_other_text_does_not_have_in_the_same_place():
    verdict = compare(
        Claim("Xe khách chở 26 người lật xuống vực ở dốc An Lâm, nhiều người bị thương."),
        Claim("Xe khách chở 26 người lật xuống vực ở dốc Hưng An, nhiều người bị thương."))
    assert verdict.reasons == ("khác tên: An Lâm / Hưng An",)
    verdict = compare(  # 11 is in both texts, but not after "số"
        Claim("Khẩn cấp: Bão số 11 sẽ đổ bộ vào xã Lộc Thanh đêm"),
        Claim("Bão số 10 sẽ đổ bộ vào xã Lộc Thanh đêm 24/1/2026 với sức gió giật cấp 11."))
    assert verdict.reasons == ("khác con số: 11 / 10",)
    same = compare(Claim("CAU TREO BAN NA LUA BI SAP, CUON TROI 7 NGUOI"),
                   Claim("Cầu treo bản Nà Lừa bị sập, cuốn trôi 7 người, huyện Mường Lát."))
    assert same.decision == "join", "a name the other text leaves out is no conflict"


def test_a_synonym_or_reordering_is_no_changed_detail():
    old = "Dự án cao tốc qua xã Cẩm Phú chỉ bồi thường 50.000 đồng mỗi mét vuông đất nông nghiệp."
    for new in ("Dự án cao tốc qua xã Cẩm Phú chỉ đền bù 50.000 đồng mỗi mét vuông đất nông "
                "nghiệp.",
                "Chỉ bồi thường 50.000 đồng mỗi mét vuông đất nông nghiệp, dự án cao tốc qua xã "
                "Cẩm Phú."):
        verdict = compare(Claim(new), Claim(old))
        assert verdict.reasons in (("nội dung gần như trùng khớp",), ("nội dung tương tự",)), new


def test_a_negated_clause_left_out_of_a_quote_is_no_conflict():
    old = "Đường tỉnh 518 đoạn qua xã Cẩm Ngọc bị sạt lở, ô tô không đi qua được."
    assert compare(Claim("đường tỉnh 518 đoạn qua xã Cẩm Ngọc bị sạt lở"), Claim(old)).decision \
        == "join"
    verdict = compare(Claim("Đường tỉnh 518 đoạn qua xã Cẩm Ngọc không bị sạt lở."), Claim(old))
    assert "một bên phủ định" in verdict.reasons


def test_similarity_is_symmetric_and_bounded():
    a, b = CLAIMS[0]["claim"], CLAIMS[0]["rewordings"][1]
    assert similarity(a, b) == similarity(b, a)
    assert similarity(a, a) == 1.0
    assert similarity("", a) == 0.0
    assert 0.0 <= similarity(a, CLAIMS[1]["claim"]) < 0.6


# --- the corpora -----------------------------------------------------------------------------


def _pairs(corpus, kinds):
    return [(text, base["claim"]) for base in corpus for kind in kinds
            for text in base.get(kind, ())]


def _decisions(pairs):
    return Counter(compare(Claim(new), Claim(old)).decision for new, old in pairs)


def test_the_corpora_are_big_enough():
    assert len(CLAIMS) >= 30 and len(HELDOUT) >= 8
    for kind, least in (("rewordings", 60), ("partials", 30), ("decorated", 30),
                        ("unaccented", 30), ("near_misses", 80), ("near_topic", 60)):
        assert len(_pairs(CLAIMS, [kind])) >= least, kind


@pytest.mark.parametrize("name", CORPORA)
def test_no_near_miss_ever_joins(name):
    pairs = _pairs(CORPORA[name], ["near_misses"])
    counts = _decisions(pairs)
    print(f"\n{name}: near-misses ({len(pairs)}): {dict(counts)}")
    assert counts["join"] == 0


@pytest.mark.parametrize("name", CORPORA)
def test_every_suggested_near_miss_is_explained_by_a_detail(name):
    for new, old in _pairs(CORPORA[name], ["near_misses"]):
        verdict = compare(Claim(new), Claim(old))
        if verdict.decision == "suggest":
            assert "nội dung tương tự" not in verdict.reasons, new


# Share of each kind that must join automatically (the rest at least suggested).
JOINED_AT_LEAST = {"rewordings": 0.9, "partials": 0.8, "decorated": 1.0, "unaccented": 1.0}


@pytest.mark.parametrize("name", CORPORA)
@pytest.mark.parametrize("kind", SAME_KINDS)
def test_the_same_claim_joins_or_is_suggested(name, kind):
    pairs = _pairs(CORPORA[name], [kind])
    counts = _decisions(pairs)
    joined = counts["join"] / len(pairs)
    matched = (counts["join"] + counts["suggest"]) / len(pairs)
    print(f"\n{name}: {kind} ({len(pairs)}): {dict(counts)}; joined {joined:.0%}")
    assert matched == 1.0
    assert joined >= JOINED_AT_LEAST[kind]


@pytest.mark.parametrize("name", CORPORA)
def test_near_topic_claims_never_join_and_are_rarely_suggested(name):
    pairs = _pairs(CORPORA[name], ["near_topic"])
    counts = _decisions(pairs)
    print(f"\n{name}: near-topic ({len(pairs)}): {dict(counts)}")
    assert counts["join"] == 0
    assert counts["suggest"] <= 0.1 * len(pairs)


def test_unrelated_claims_do_not_match():
    corpus = CLAIMS + HELDOUT
    texts = [(i, text) for i, base in enumerate(corpus)
             for text in (base["claim"], base["rewordings"][0], base["near_misses"][0],
                          base["near_topic"][0])]
    pairs = [(a, b) for (i, a), (j, b) in combinations(texts, 2) if i != j]
    counts = _decisions(pairs)
    print(f"\nunrelated pairs ({len(pairs)}): {dict(counts)}")
    assert counts["join"] == 0
    assert counts["suggest"] <= 0.001 * len(pairs)


# --- best_matches ----------------------------------------------------------------------------


def _all_candidates():
    return [(i, Claim(text)) for i, base in enumerate(CLAIMS) for text in texts_of(base)]


@pytest.mark.parametrize("name", CORPORA)
def test_best_matches_finds_the_right_case_and_never_joins_a_wrong_one(name):
    """Among every claim, near-miss and near-topic claim of the corpus. A partial quote that
    leaves out the detail a near-miss changed fits both equally: both are suggested."""
    corpus = CORPORA[name]
    candidates = [(i, Claim(base["claim"])) for i, base in enumerate(corpus)]
    candidates += [(f"near-{i}", Claim(t)) for i, b in enumerate(corpus) for t in b["near_misses"]]
    candidates += [(f"topic-{i}", Claim(t)) for i, b in enumerate(corpus) for t in b["near_topic"]]
    joined = ambiguous = total = 0
    for i, base in enumerate(corpus):
        for text in (t for kind in SAME_KINDS for t in base[kind]):
            found = best_matches(Claim(text), candidates)
            total += 1
            assert found, text
            key, verdict = found[0]
            assert verdict.decision != "join" or key == i, text
            joined += verdict.decision == "join"
            if verdict.decision == "suggest":
                assert verdict.reasons[0] == "giống nhiều vụ việc như nhau", text
                assert i in [k for k, _ in found[:2]], text
                ambiguous += 1
    print(f"\n{name}: right case joined {joined}/{total}, ambiguous quotes suggested "
          f"{ambiguous}")
    assert joined / total >= 0.85


def test_best_matches_puts_joins_first_and_drops_new():
    new = Claim(CLAIMS[0]["rewordings"][0])
    found = best_matches(new, _all_candidates(), limit=3)
    assert 0 < len(found) <= 3
    assert found[0][1].decision == "join"
    assert all(v.decision != "new" for _, v in found)
    order = {"join": 0, "suggest": 1}
    assert found == sorted(found, key=lambda kv: (order[kv[1].decision], -kv[1].score))


def test_best_matches_gives_a_case_once_and_can_show_the_nearest_below_the_threshold():
    new = Claim(CLAIMS[0]["claim"])
    found = best_matches(new, _all_candidates(), limit=50)
    keys = [key for key, _ in found]
    assert len(keys) == len(set(keys)), "one verdict per case, its best"
    assert found[0] == (0, Verdict("join", 1.0, ("nội dung gần như trùng khớp",)))
    nearest = best_matches(Claim("Thôn Đông Hòa tổ chức lễ hội đua thuyền trên sông Mã."),
                           _all_candidates(), limit=3, include_new=True)
    assert nearest and nearest[0][1].decision == "new" and nearest[0][1].score > 0


def test_a_quote_two_cases_contain_equally_is_only_suggested():
    quote = "ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con"
    candidates = [
        (1, Claim("Cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông.")),
        (2, Claim("Cán bộ xã Cẩm Vân ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông.")),
    ]
    found = best_matches(Claim(quote), candidates)
    assert [v.decision for _, v in found] == ["suggest", "suggest"]
    assert found[0][1].reasons[0] == "giống nhiều vụ việc như nhau"
    assert best_matches(Claim(quote), candidates[:1])[0][1].decision == "join"


def test_best_matches_over_a_thousand_candidates():
    pool = _all_candidates()
    candidates = [(n, pool[n % len(pool)][1]) for n in range(1000)]
    best_matches(Claim(CLAIMS[4]["claim"]), candidates[:10])  # warm-up: translations loaded
    start = time.perf_counter()
    found = best_matches(Claim(CLAIMS[5]["rewordings"][1]), candidates)
    elapsed = time.perf_counter() - start
    print(f"\nbest_matches over 1,000 candidates: {elapsed * 1000:.1f} ms")
    assert found
    assert elapsed < 1.0


# Probes written after the tuning, one detail changed (or reworded) at a time; each of the
# near-misses below was first joined by an earlier version and taught the engine a general
# rule (a title modifier such as "Phó"; the one change between otherwise identical texts).
PROBES = [
    ('Trường tiểu học Phú Lâm cho học sinh nghỉ học cả tuần vì dịch cúm A lan rộng.',
     'Nghe bảo trường tiểu học Phú Lâm cho học sinh nghỉ cả tuần'
     ' do cúm A lan rộng, phụ huynh chú ý!',
     'join'),
    ('Trường tiểu học Phú Lâm cho học sinh nghỉ học cả tuần vì dịch cúm A lan rộng.',
     'Truong tieu hoc Phu Lam cho hoc sinh nghi hoc ca tuan vi dich cum A lan rong',
     'join'),
    ('Trường tiểu học Phú Lâm cho học sinh nghỉ học cả tuần vì dịch cúm A lan rộng.',
     'Trường tiểu học Phú Sơn cho học sinh nghỉ học cả tuần vì dịch cúm A lan rộng.',
     'notjoin'),
    ('Trường tiểu học Phú Lâm cho học sinh nghỉ học cả tuần vì dịch cúm A lan rộng.',
     'Trường tiểu học Phú Lâm không cho học sinh nghỉ học dù dịch cúm A lan rộng.',
     'notjoin'),
    ('Ngân hàng chính sách xã sẽ cho mỗi hộ nghèo vay 100 triệu không lãi suất từ tháng 12.',
     '🔥🔥 Ngân hàng chính sách xã cho hộ nghèo vay 100 triệu không'
     ' lãi từ tháng 12 #vayvon #hongheo',
     'join'),
    ('Ngân hàng chính sách xã sẽ cho mỗi hộ nghèo vay 100 triệu không lãi suất từ tháng 12.',
     'Ngân hàng chính sách xã sẽ cho mỗi hộ nghèo vay 50 triệu không lãi suất từ tháng 12.',
     'notjoin'),
    ('Ngân hàng chính sách xã sẽ cho mỗi hộ nghèo vay 100 triệu không lãi suất từ tháng 12.',
     'Ngân hàng chính sách xã sẽ cho mỗi hộ nghèo vay 100 triệu không lãi suất từ tháng 3.',
     'notjoin'),
    ('Chủ tịch xã Hòa Bình bị bắt vì nhận hối lộ 3 tỷ đồng từ dự án đường tránh.',
     'Có tin chủ tịch xã Hòa Bình bị công an bắt do nhận hối lộ 3 tỷ của dự án đường tránh',
     'join'),
    ('Chủ tịch xã Hòa Bình bị bắt vì nhận hối lộ 3 tỷ đồng từ dự án đường tránh.',
     'Phó chủ tịch xã Hòa Bình bị bắt vì nhận hối lộ 3 tỷ đồng từ dự án đường tránh.',
     'notjoin'),
    ('Nhà máy giấy ở thôn Đồng Tâm xả thải làm cá chết hàng loạt trên sông Mã.',
     'nhà máy giấy thôn Đồng Tâm xả thải khiến cá chết trắng sông Mã',
     'join'),
    ('Nhà máy giấy ở thôn Đồng Tâm xả thải làm cá chết hàng loạt trên sông Mã.',
     'Nhà máy đường ở thôn Đồng Tâm xả thải làm cá chết hàng loạt trên sông Mã.',
     'notjoin'),
    ('Xã sắp thu hồi 20 ha đất ruộng của thôn Yên Lạc để xây khu công nghiệp.',
     'Sắp tới xã thu hồi 20ha ruộng thôn Yên Lạc làm khu công nghiệp, bà con ơi',
     'join'),
    ('Xã sắp thu hồi 20 ha đất ruộng của thôn Yên Lạc để xây khu công nghiệp.',
     'Xã sắp thu hồi 20 ha đất ruộng của thôn Yên Lạc để xây sân golf.',
     'notjoin'),
    ('Công an huyện đã bắt giữ 3 thanh niên thôn Bình Minh vì tổ chức đua xe trái phép đêm qua.',
     'Nghe nói công an huyện bắt 3 thanh niên ở thôn Bình Minh tổ chức đua xe trái phép tối qua',
     'join'),
    ('Công an huyện đã bắt giữ 3 thanh niên thôn Bình Minh vì tổ chức đua xe trái phép đêm qua.',
     'Công an huyện đã bắt giữ 3 thanh niên thôn Bình Minh vì tổ chức đánh bạc đêm qua.',
     'notjoin'),
    ('Công an huyện đã bắt giữ 3 thanh niên thôn Bình Minh vì tổ chức đua xe trái phép đêm qua.',
     'Công an huyện đã thả 3 thanh niên thôn Bình Minh vì tổ chức đua xe trái phép đêm qua.',
     'notjoin'),
    ('Công an huyện đã bắt giữ 3 thanh niên thôn Bình Minh vì tổ chức đua xe trái phép đêm qua.',
     'Công an huyện đã bắt giữ 3 thiếu nữ thôn Bình Minh vì tổ chức đua xe trái phép đêm qua.',
     'notjoin'),
    ('Bệnh viện đa khoa tỉnh từ chối cấp cứu một cụ bà 80 tuổi vì không có bảo hiểm y tế.',
     'benh vien da khoa tinh tu choi cap cuu cu ba 80 tuoi vi khong co bao hiem y te',
     'join'),
    ('Bệnh viện đa khoa tỉnh từ chối cấp cứu một cụ bà 80 tuổi vì không có bảo hiểm y tế.',
     'Bệnh viện đa khoa tỉnh từ chối cấp cứu một cụ ông 80 tuổi vì không có bảo hiểm y tế.',
     'notjoin'),
    ('Bệnh viện đa khoa tỉnh từ chối cấp cứu một cụ bà 80 tuổi vì không có bảo hiểm y tế.',
     'Bệnh viện đa khoa tỉnh từ chối cấp cứu một cụ bà 70 tuổi vì không có bảo hiểm y tế.',
     'notjoin'),
    ('Bệnh viện đa khoa tỉnh từ chối cấp cứu một cụ bà 80 tuổi vì không có bảo hiểm y tế.',
     'Bệnh viện huyện từ chối cấp cứu một cụ bà 80 tuổi vì không có bảo hiểm y tế.',
     'notjoin'),
    ('UBND xã yêu cầu các hộ kinh doanh ven quốc lộ 217 phải dỡ bỏ mái che trước ngày 30/12.',
     'Xã yêu cầu hộ kinh doanh ven quốc lộ 217 dỡ bỏ mái che'
     ' trước 30/12, ai không làm sẽ bị cưỡng chế',
     'join'),
    ('UBND xã yêu cầu các hộ kinh doanh ven quốc lộ 217 phải dỡ bỏ mái che trước ngày 30/12.',
     'UBND xã yêu cầu các hộ kinh doanh ven quốc lộ 217 phải dỡ'
     ' bỏ biển quảng cáo trước ngày 30/12.',
     'notjoin'),
    ('UBND xã yêu cầu các hộ kinh doanh ven quốc lộ 217 phải dỡ bỏ mái che trước ngày 30/12.',
     'UBND xã yêu cầu các hộ kinh doanh ven quốc lộ 45 phải dỡ bỏ mái che trước ngày 30/12.',
     'notjoin'),
    ('Đoàn kiểm tra phát hiện gạo cứu trợ phát cho thôn Tân Lập bị mốc, không ăn được.',
     'Gạo cứu trợ phát cho thôn Tân Lập bị mốc không ăn được,'
     ' đoàn kiểm tra đã phát hiện 😡 #gaomoc',
     'join'),
    ('Đoàn kiểm tra phát hiện gạo cứu trợ phát cho thôn Tân Lập bị mốc, không ăn được.',
     'Đoàn kiểm tra phát hiện gạo cứu trợ phát cho thôn Tân Lập bị mốc, vẫn ăn được.',
     'notjoin'),
    ('Đoàn kiểm tra phát hiện gạo cứu trợ phát cho thôn Tân Lập bị mốc, không ăn được.',
     'Đoàn kiểm tra phát hiện mì tôm cứu trợ phát cho thôn Tân Lập bị mốc, không ăn được.',
     'notjoin'),
]



@pytest.mark.parametrize(("base", "other", "expected"), PROBES)
def test_probes_never_join_a_near_miss(base, other, expected):
    verdict = compare(Claim(other), Claim(base))
    if expected == "notjoin":
        assert verdict.decision == "suggest", verdict
    else:
        assert verdict.decision != "new", verdict
