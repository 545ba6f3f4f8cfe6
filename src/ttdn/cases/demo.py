"""Demo data of the desk: a handful of invented rumours, every one marked as sample content.

They show the desk at work — a case answered with a published clarification (and the same
rumour reported again from Cẩm Thạch, joined to it), a case escalated to the police with a
takedown request, a fresh tip waiting for triage and a near-miss waiting for confirmation.
Places and facts are placeholders of the seed's sample units, not claims about the commune.
"""

import hashlib

from django.db import transaction
from django.utils import timezone

from ttdn.org.models import Commune, Unit, User

from . import services
from .intake import TipInput
from .models import Tip

SAMPLE = "[Nội dung mẫu] "
BRIDGE = (SAMPLE + "Nghe nói cầu treo thôn Mẫu Một bị sập chiều qua, 5 người bị thương, "
          "mọi người chia sẻ gấp!")
BRIDGE_AGAIN = SAMPLE + "Cau treo thon Mau Mot sap chieu qua, 5 nguoi bi thuong"
FUND = (SAMPLE + "Xã thu mỗi hộ 500.000 đồng để làm đường liên thôn, ai không nộp sẽ bị cắt "
        "điện.")
FUND_NEAR = (SAMPLE + "Xã thu mỗi hộ 200.000 đồng để làm đường liên thôn, ai không nộp sẽ bị "
             "cắt điện.")
FRESH = (SAMPLE + "Tài khoản lạ nhắn tin mạo danh UBND xã đề nghị bà con chuyển tiền để nhận "
         "hỗ trợ.")


def _tip(commune, text, **fields) -> Tip:
    key = "demo-" + hashlib.sha256(text.encode()).hexdigest()[:20]
    return services.tip_submit(commune=commune, data=TipInput(text=text, **fields),
                               idempotency_key=key).tip


@transaction.atomic
def load_demo_cases() -> list[str]:
    cam_tan = Commune.objects.filter(area__code=15178).first()
    cam_thach = Commune.objects.filter(area__code=15142).first()
    officer = User.objects.filter(username="camtan.vanhoa").first()
    if cam_tan is None or officer is None or Tip.objects.filter(commune=cam_tan).exists():
        return []
    village = Unit.objects.filter(commune=cam_tan, name="Thôn Mẫu Một").first() or (
        cam_tan.units.filter(is_active=True).first()
    )
    bridge = _tip(cam_tan, BRIDGE, platform="facebook",
                  links=("https://www.facebook.com/mau.trang.tin/posts/1?fbclid=demo",))
    case = bridge.case
    case = services.case_triage(case=case, actor=officer, category="false", severity="high")
    case = services.case_assign(case=case, actor=officer, lead_unit=village)
    case = services.case_start_verifying(case=case, actor=officer)
    services.note_add(case=case, actor=officer, kind="check",
                      text=SAMPLE + "Đã cùng trưởng thôn kiểm tra hiện trường: cầu vẫn sử dụng "
                                    "bình thường.")
    case = services.case_verdict(case=case, actor=officer, verdict="false",
                                 summary=SAMPLE + "Cầu không bị sập, không có người bị thương.")
    services.clarification_save(
        case=case, actor=officer,
        title=SAMPLE + "Thông tin “cầu treo thôn Mẫu Một bị sập” là sai sự thật",
        body=SAMPLE + "UBND xã đã kiểm tra: cầu treo vẫn sử dụng bình thường, không có sự cố "
                      "và không có người bị thương. Đề nghị bà con không chia sẻ thông tin "
                      "chưa được kiểm chứng.",
        title_en="[Sample content] The claim that the suspension bridge collapsed is false",
        body_en="[Sample content] The commune checked on site: the bridge is in normal use; "
                "there was no incident and nobody was injured.",
    )
    services.case_respond(case=case, actor=officer, radio=True)
    lines = [f"Vụ việc mẫu {case.code}: đã công bố cải chính."]
    if cam_thach is not None:
        again = _tip(cam_thach, BRIDGE_AGAIN, platform="zalo")
        lines.append(f"Tin báo từ Cẩm Thạch {again.receipt}: "
                     f"{'nhập vào ' + case.code if again.case_id == case.pk else 'vụ việc mới'}.")
    fund = _tip(cam_tan, FUND, platform="tiktok",
                links=("https://www.tiktok.com/@mau.tin/video/123",))
    services.case_triage(case=fund.case, actor=officer, category="fraud", severity="medium")
    services.case_escalate(case=fund.case, actor=officer, commune=cam_tan,
                           reason=SAMPLE + "Có dấu hiệu lừa đảo thu tiền.")
    police = User.objects.filter(username="camtan.congan").first()
    if police is not None:
        services.takedown_save(case=fund.case, actor=police, commune=cam_tan,
                               platform="tiktok", url="https://www.tiktok.com/@mau.tin/video/123",
                               status="sent", sent_on=timezone.localdate())
    near = _tip(cam_tan, FUND_NEAR, platform="facebook")
    fresh = _tip(cam_tan, FRESH, platform="zalo")
    lines.append(f"Tin báo mẫu chờ xử lý: {fund.receipt}, {near.receipt} (gợi ý trùng), "
                 f"{fresh.receipt}.")
    return lines
