"""Demo data of plans: the directive chain of DOMAIN.md and the seed plan of Cẩm Tân, imported
from the seed file as it is (with its defects), by the culture officer."""

import datetime
from pathlib import Path

from django.db import transaction

from ttdn.org.models import Commune, User

from . import services
from .models import DirectiveDocument, Level, Plan

SEED_FILE = Path(__file__).with_name("seeds") / "ke-hoach-thuc-hien-57-KL-TW-cam-tan.txt"
OFFICER = "camtan.vanhoa"

# (symbol, date, issuing body, level, title, carries out)
CHAIN = [
    ("35-NQ/TW", datetime.date(2018, 10, 22), "Bộ Chính trị (khóa XII)", Level.CENTRAL,
     "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai "
     "trái, thù địch trong tình hình mới", None),
    ("1191/QĐ-TTg", datetime.date(2020, 8, 5), "Thủ tướng Chính phủ", Level.CENTRAL,
     "Về đổi mới và nâng cao năng lực công tác thông tin đối ngoại góp phần xây dựng biên "
     "giới hòa bình, hữu nghị, hợp tác và phát triển", None),
    ("34-NQ/TW", datetime.date(2023, 1, 9), "Bộ Chính trị", Level.CENTRAL,
     "Về một số định hướng, chủ trương lớn triển khai đường lối đối ngoại Đại hội XIII của "
     "Đảng", None),
    ("348/QĐ-TTg", datetime.date(2023, 4, 6), "Thủ tướng Chính phủ", Level.CENTRAL,
     "Phê duyệt Chiến lược “Chuyển đổi số báo chí đến năm 2025, định hướng đến năm 2030”",
     None),
    ("57-KL/TW", datetime.date(2023, 6, 15), "Bộ Chính trị (khóa XIII)", Level.CENTRAL,
     "Về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình "
     "mới", None),
    ("162-KH/TU", datetime.date(2023, 9, 11), "Ban Thường vụ Tỉnh ủy Thanh Hóa", Level.PROVINCE,
     "Thực hiện Kết luận số 57-KL/TW của Bộ Chính trị (khóa XIII)", "57-KL/TW"),
    ("216/KH-UBND", datetime.date(2023, 12, 25), "Huyện Cẩm Thủy", Level.DISTRICT,
     "Thực hiện Kết luận số 57-KL/TW của Bộ Chính trị (khóa XIII) về tiếp tục nâng cao chất "
     "lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới", "162-KH/TU"),
]


@transaction.atomic
def load_demo_plans() -> list[str]:
    commune = Commune.objects.filter(area__code=15178).first()
    officer = User.objects.filter(username=OFFICER).first()
    if commune is None or officer is None:
        return []
    for symbol, date, body, level, title, parent in CHAIN:
        if DirectiveDocument.objects.filter(commune=commune, symbol=symbol).exists():
            continue
        services.directive_save(
            directive=DirectiveDocument(
                commune=commune, symbol=symbol, issued_on=date, issuing_body=body,
                level=level, title=title,
                carries_out=DirectiveDocument.objects.filter(
                    commune=commune, symbol=parent).first() if parent else None,
            ),
            actor=officer,
        )
    if Plan.objects.filter(commune=commune, source_name=SEED_FILE.name).exists():
        return []
    plan = services.plan_import(commune=commune, data=SEED_FILE.read_bytes(),
                                filename=SEED_FILE.name, actor=officer)
    services.plan_issue(plan=plan, actor=officer)
    return [f"Kế hoạch mẫu: {plan.title[:70]}… — {plan.tasks.count()} nhiệm vụ "
            f"({len(plan.import_warnings)} điểm tự sửa khi nhập)."]
