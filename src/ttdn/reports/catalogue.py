"""The starting catalogue of report indicators (loaded by a data migration; editable later).
Codes are stable: exports and the exchange file with the upper level use them."""

CATALOGUE = [
    # code, name, measure, aggregation, source
    ("tin-bai-trang-tt", "Tin, bài đăng trên trang thông tin điện tử", "tin, bài", "sum", ""),
    ("tin-bai-truyen-thanh", "Tin, bài phát trên đài truyền thanh", "tin, bài", "sum", ""),
    ("gio-phat-thanh", "Thời lượng phát thanh", "giờ", "sum", ""),
    ("buoi-tuyen-truyen", "Buổi tuyên truyền, hội nghị phổ biến", "buổi", "sum", ""),
    ("luot-nguoi-tham-du", "Lượt người tham dự tuyên truyền", "lượt người", "sum", ""),
    ("lop-tap-huan", "Lớp tập huấn, bồi dưỡng nghiệp vụ", "lớp", "sum", ""),
    ("luot-can-bo-tap-huan", "Lượt cán bộ được tập huấn", "lượt người", "sum", ""),
    ("nhiem-vu-hoan-thanh", "Nhiệm vụ đã hoàn thành", "nhiệm vụ", "sum", "plans.tasks_done"),
    ("vu-viec-phat-hien", "Vụ việc thông tin sai lệch phát hiện", "vụ việc", "sum",
     "cases.detected"),
    ("vu-viec-xu-ly", "Vụ việc thông tin sai lệch đã xử lý", "vụ việc", "sum", "cases.handled"),
    ("kinh-phi-chi", "Kinh phí đã chi", "đồng", "sum", ""),
    ("kinh-phi-huy-dong", "Kinh phí xã hội hóa, huy động", "đồng", "sum", ""),
    ("cum-loa-hoat-dong", "Cụm loa truyền thanh đang hoạt động", "cụm", "latest", ""),
]
