"""A labelled corpus of Vietnamese rumours of the kind a commune receives.

Each base claim has two rewordings (same meaning: other words or order, typed without tone
marks, with filler such as "Nghe nói" or "Mọi người chia sẻ gấp") and two near-misses (one
detail changed: another village, amount, date, or the opposite statement). Places and people
are invented.
"""

CLAIMS = [
    {
        "claim": "Cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa.",
        "rewordings": [
            "Nghe nói cán bộ xã Cẩm Tân đã ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn "
            "Đông Hòa, mọi người chia sẻ gấp!",
            "can bo xa Cam Tan an chan 2 ty tien cuu tro lu lut cua ba con thon Dong Hoa",
        ],
        "near_misses": [
            "Cán bộ xã Cẩm Tân ăn chặn 3 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa.",
            "Cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Tây Hòa.",
        ],
    },
    {
        "claim": "Cầu treo bản Nà Lừa bị sập lúc 5 giờ sáng ngày 14/9/2026, cuốn trôi 7 người.",
        "rewordings": [
            "Mọi người chia sẻ gấp: sáng 14/9/2026 lúc 5 giờ cầu treo bản Nà Lừa sập, 7 người "
            "bị cuốn trôi.",
            "Cau treo ban Na Lua bi sap luc 5 gio sang ngay 14/9/2026, cuon troi 7 nguoi",
        ],
        "near_misses": [
            "Cầu treo bản Nà Lừa bị sập lúc 5 giờ sáng ngày 14/9/2026, cuốn trôi 12 người.",
            "Cầu treo bản Nà Lừa không hề bị sập lúc 5 giờ sáng ngày 14/9/2026, không ai bị "
            "cuốn trôi.",
        ],
    },
    {
        "claim": "Huyện Cẩm Thủy sẽ thu hồi 50 ha đất ruộng của xã Cẩm Thạch để làm sân golf.",
        "rewordings": [
            "Nghe nói huyện Cẩm Thủy sắp thu hồi 50 ha đất ruộng của xã Cẩm Thạch để làm sân golf.",
            "Để làm sân golf, huyện Cẩm Thủy sẽ thu hồi 50 ha đất ruộng của xã Cẩm Thạch, bà "
            "con ơi.",
        ],
        "near_misses": [
            "Huyện Cẩm Thủy sẽ thu hồi 80 ha đất ruộng của xã Cẩm Thạch để làm sân golf.",
            "Huyện Cẩm Thủy sẽ thu hồi 50 ha đất ruộng của xã Cẩm Liên để làm sân golf.",
        ],
    },
    {
        "claim": "Tiêm vắc xin sởi ở trạm y tế xã Cẩm Bình làm 3 trẻ bị co giật phải đi cấp cứu.",
        "rewordings": [
            "Mọi người chia sẻ gấp: 3 trẻ bị co giật phải đi cấp cứu sau khi tiêm vắc xin sởi "
            "ở trạm y tế xã Cẩm Bình.",
            "tiem vac xin soi o tram y te xa Cam Binh lam 3 tre bi co giat phai di cap cuu",
        ],
        "near_misses": [
            "Tiêm vắc xin sởi ở trạm y tế xã Cẩm Bình làm 9 trẻ bị co giật phải đi cấp cứu.",
            "Tiêm vắc xin sởi ở trạm y tế xã Cẩm Bình không làm trẻ nào bị co giật phải đi "
            "cấp cứu.",
        ],
    },
    {
        "claim": "Trường tiểu học Cẩm Tú bắt mỗi học sinh nộp 1.500.000 đồng tiền xây tường rào.",
        "rewordings": [
            "Nghe nói trường tiểu học Cẩm Tú bắt mỗi học sinh nộp 1,5 triệu tiền xây tường rào.",
            "Truong tieu hoc Cam Tu bat moi hoc sinh nop 1.500.000 dong tien xay tuong rao, "
            "chia se gap",
        ],
        "near_misses": [
            "Trường tiểu học Cẩm Tú bắt mỗi học sinh nộp 2.500.000 đồng tiền xây tường rào.",
            "Trường tiểu học Cẩm Tú không bắt học sinh nộp tiền xây tường rào.",
        ],
    },
    {
        "claim": "Chủ tịch xã Cẩm Long bị công an bắt ngày 3/10/2026 vì nhận hối lộ.",
        "rewordings": [
            "Mọi người chia sẻ gấp: ngày 3/10/2026 chủ tịch xã Cẩm Long đã bị công an bắt vì "
            "nhận hối lộ.",
            "Nghe noi chu tich xa Cam Long bi cong an bat ngay 3/10/2026 vi nhan hoi lo",
        ],
        "near_misses": [
            "Chủ tịch xã Cẩm Long bị công an bắt ngày 13/10/2026 vì nhận hối lộ.",
            "Chủ tịch xã Cẩm Phú bị công an bắt ngày 3/10/2026 vì nhận hối lộ.",
        ],
    },
    {
        "claim": "Từ tháng 11/2026 giá điện sinh hoạt sẽ tăng 15% cho tất cả hộ gia đình.",
        "rewordings": [
            "Nghe nói giá điện sinh hoạt sẽ tăng 15% cho tất cả hộ gia đình từ tháng 11/2026.",
            "Tu thang 11/2026 gia dien sinh hoat se tang 15% cho tat ca ho gia dinh, share gap",
        ],
        "near_misses": [
            "Từ tháng 11/2026 giá điện sinh hoạt sẽ tăng 25% cho tất cả hộ gia đình.",
            "Từ tháng 1/2027 giá điện sinh hoạt sẽ tăng 15% cho tất cả hộ gia đình.",
        ],
    },
    {
        "claim": "Tin nhắn báo trúng thưởng xổ số 500 triệu, yêu cầu chuyển 2 triệu phí nhận "
        "thưởng vào tài khoản.",
        "rewordings": [
            "Cảnh báo: tin nhắn báo trúng thưởng xổ số 500 triệu rồi yêu cầu chuyển 2 triệu "
            "phí nhận thưởng vào tài khoản.",
            "tin nhan bao trung thuong xo so 500 trieu, yeu cau chuyen 2 trieu phi nhan thuong "
            "vao tai khoan",
        ],
        "near_misses": [
            "Tin nhắn báo trúng thưởng xổ số 800 triệu, yêu cầu chuyển 2 triệu phí nhận "
            "thưởng vào tài khoản.",
            "Tin nhắn báo trúng thưởng xổ số 500 triệu, yêu cầu chuyển 5 triệu phí nhận "
            "thưởng vào tài khoản.",
        ],
    },
    {
        "claim": "Quân nước ngoài vượt biên vào bản Pa Há, huyện Mường Lát đêm 20/8/2026.",
        "rewordings": [
            "Mọi người chia sẻ gấp: đêm 20/8/2026 quân nước ngoài đã vượt biên vào bản Pa Há, "
            "huyện Mường Lát.",
            "Nghe noi quan nuoc ngoai vuot bien vao ban Pa Ha, huyen Muong Lat dem 20/8/2026",
        ],
        "near_misses": [
            "Quân nước ngoài vượt biên vào bản Pù Nhi, huyện Mường Lát đêm 20/8/2026.",
            "Quân nước ngoài vượt biên vào bản Pa Há, huyện Mường Lát đêm 28/8/2026.",
        ],
    },
    {
        "claim": "Đập thủy lợi Cửa Đạt sắp vỡ, người dân xã Xuân Mỹ phải sơ tán ngay trong đêm.",
        "rewordings": [
            "Khẩn cấp: đập thủy lợi Cửa Đạt sắp vỡ, bà con xã Xuân Mỹ phải sơ tán ngay trong đêm.",
            "dap thuy loi Cua Dat sap vo, nguoi dan xa Xuan My phai so tan ngay trong dem",
        ],
        "near_misses": [
            "Đập thủy lợi Cửa Đạt sắp vỡ, người dân xã Xuân Chinh phải sơ tán ngay trong đêm.",
            "Đập thủy lợi Cửa Đạt không hề sắp vỡ, người dân xã Xuân Mỹ không phải sơ tán.",
        ],
    },
    {
        "claim": "Mỗi hộ nghèo ở xã Cẩm Châu chỉ nhận được 300 nghìn trong số 1 triệu tiền hỗ "
        "trợ Tết.",
        "rewordings": [
            "Nghe nói mỗi hộ nghèo ở xã Cẩm Châu chỉ nhận được 300 ngàn trong số 1 triệu tiền "
            "hỗ trợ Tết.",
            "Moi ho ngheo o xa Cam Chau chi nhan duoc 300 nghin trong so 1 trieu tien ho tro Tet",
        ],
        "near_misses": [
            "Mỗi hộ nghèo ở xã Cẩm Châu chỉ nhận được 500 nghìn trong số 1 triệu tiền hỗ trợ Tết.",
            "Mỗi hộ nghèo ở xã Cẩm Vân chỉ nhận được 300 nghìn trong số 1 triệu tiền hỗ trợ Tết.",
        ],
    },
    {
        "claim": "Nước giếng ở thôn Phú Lâm bị nhiễm thạch tín, đã có 4 người phải nhập viện.",
        "rewordings": [
            "Mọi người chia sẻ gấp: nước giếng thôn Phú Lâm bị nhiễm thạch tín, 4 người đã "
            "phải nhập viện.",
            "nuoc gieng o thon Phu Lam bi nhiem thach tin, da co 4 nguoi phai nhap vien",
        ],
        "near_misses": [
            "Nước giếng ở thôn Phú Sơn bị nhiễm thạch tín, đã có 4 người phải nhập viện.",
            "Nước giếng ở thôn Phú Lâm không bị nhiễm thạch tín, chưa có ai phải nhập viện.",
        ],
    },
    {
        "claim": "Ngày 1/12/2026 trường THCS Cẩm Sơn cho học sinh nghỉ học vì dịch cúm A.",
        "rewordings": [
            "Nghe nói trường THCS Cẩm Sơn cho học sinh nghỉ học từ ngày 1/12/2026 vì dịch cúm A.",
            "Ngay 1/12/2026 truong THCS Cam Son cho hoc sinh nghi hoc vi dich cum A",
        ],
        "near_misses": [
            "Ngày 8/12/2026 trường THCS Cẩm Sơn cho học sinh nghỉ học vì dịch cúm A.",
            "Ngày 1/12/2026 trường THCS Cẩm Sơn không cho học sinh nghỉ học vì dịch cúm A.",
        ],
    },
    {
        "claim": "Công ty Hòa Phát tuyển 200 lao động đi Hàn Quốc, mỗi người nộp trước 50 triệu "
        "tiền cọc.",
        "rewordings": [
            "Mọi người chia sẻ gấp: công ty Hòa Phát tuyển 200 lao động đi Hàn Quốc, mỗi người "
            "phải nộp trước 50 triệu tiền cọc.",
            "Cong ty Hoa Phat tuyen 200 lao dong di Han Quoc, moi nguoi nop truoc 50 trieu "
            "tien coc",
        ],
        "near_misses": [
            "Công ty Hòa Phát tuyển 200 lao động đi Hàn Quốc, mỗi người nộp trước 90 triệu "
            "tiền cọc.",
            "Công ty Hòa Phát tuyển 500 lao động đi Hàn Quốc, mỗi người nộp trước 50 triệu "
            "tiền cọc.",
        ],
    },
    {
        "claim": "Đường tỉnh 518 đoạn qua xã Cẩm Ngọc bị sạt lở, ô tô không đi qua được.",
        "rewordings": [
            "Nghe nói đường tỉnh 518 đoạn qua xã Cẩm Ngọc đã bị sạt lở, ô tô không đi qua được.",
            "duong tinh 518 doan qua xa Cam Ngoc bi sat lo, o to khong di qua duoc",
        ],
        "near_misses": [
            "Đường tỉnh 518 đoạn qua xã Cẩm Quý bị sạt lở, ô tô không đi qua được.",
            "Đường tỉnh 519 đoạn qua xã Cẩm Ngọc bị sạt lở, ô tô không đi qua được.",
        ],
    },
    {
        "claim": "Xã Cẩm Lương thu mỗi hộ 200.000 đồng phí vệ sinh môi trường mỗi tháng.",
        "rewordings": [
            "Nghe nói xã Cẩm Lương thu mỗi hộ 200 nghìn phí vệ sinh môi trường mỗi tháng.",
            "Xa Cam Luong thu moi ho 200.000 dong phi ve sinh moi truong moi thang, chia se gap",
        ],
        "near_misses": [
            "Xã Cẩm Lương thu mỗi hộ 400.000 đồng phí vệ sinh môi trường mỗi tháng.",
            "Xã Cẩm Lương không thu phí vệ sinh môi trường của hộ nào.",
        ],
    },
    {
        "claim": "Một người ở thôn Tân Lập tử vong sau khi ăn nấm rừng ngày 5 tháng 6.",
        "rewordings": [
            "Mọi người chia sẻ gấp: ngày 5 tháng 6, một người ở thôn Tân Lập đã tử vong sau "
            "khi ăn nấm rừng.",
            "mot nguoi o thon Tan Lap tu vong sau khi an nam rung ngay 5 thang 6",
        ],
        "near_misses": [
            "Một người ở thôn Tân Lập tử vong sau khi ăn nấm rừng ngày 15 tháng 6.",
            "Một người ở thôn Tân Thành tử vong sau khi ăn nấm rừng ngày 5 tháng 6.",
        ],
    },
    {
        "claim": "Nhà máy xi măng Cẩm Thủy xả thải ra sông Mã làm cá chết trắng 3 km.",
        "rewordings": [
            "Nghe nói nhà máy xi măng Cẩm Thủy xả thải ra sông Mã làm cá chết trắng 3 km, bà "
            "con chia sẻ gấp.",
            "Nha may xi mang Cam Thuy xa thai ra song Ma lam ca chet trang 3 km",
        ],
        "near_misses": [
            "Nhà máy xi măng Cẩm Thủy xả thải ra sông Mã làm cá chết trắng 10 km.",
            "Nhà máy xi măng Cẩm Thủy không xả thải ra sông Mã, cá không chết.",
        ],
    },
    {
        "claim": "Ngân hàng chính sách xã Cẩm Phong xóa nợ 30 triệu cho mọi hộ vay vốn trước "
        "năm 2020.",
        "rewordings": [
            "Mọi người chia sẻ gấp: Ngân hàng chính sách xã Cẩm Phong xóa nợ 30 triệu cho mọi "
            "hộ vay vốn trước năm 2020.",
            "Ngan hang chinh sach xa Cam Phong xoa no 30 trieu cho moi ho vay von truoc nam 2020",
        ],
        "near_misses": [
            "Ngân hàng chính sách xã Cẩm Phong xóa nợ 30 triệu cho mọi hộ vay vốn trước năm 2015.",
            "Ngân hàng chính sách xã Cẩm Phong xóa nợ 50 triệu cho mọi hộ vay vốn trước năm 2020.",
        ],
    },
    {
        "claim": "Phát hiện 2 ca bệnh dại ở xóm Bãi Ổi, xã Cẩm Yên, chó thả rông cắn người.",
        "rewordings": [
            "Nghe nói đã phát hiện 2 ca bệnh dại ở xóm Bãi Ổi, xã Cẩm Yên, chó thả rông cắn người.",
            "phat hien 2 ca benh dai o xom Bai Oi, xa Cam Yen, cho tha rong can nguoi",
        ],
        "near_misses": [
            "Phát hiện 6 ca bệnh dại ở xóm Bãi Ổi, xã Cẩm Yên, chó thả rông cắn người.",
            "Phát hiện 2 ca bệnh dại ở xóm Đồng Chè, xã Cẩm Yên, chó thả rông cắn người.",
        ],
    },
    {
        "claim": "Trạm y tế xã Cẩm Giang bán thuốc hết hạn cho người già với giá 100 nghìn một "
        "hộp.",
        "rewordings": [
            "Mọi người chia sẻ gấp: trạm y tế xã Cẩm Giang bán thuốc hết hạn cho người già, 100 "
            "nghìn một hộp.",
            "Tram y te xa Cam Giang ban thuoc het han cho nguoi gia voi gia 100 nghin mot hop",
        ],
        "near_misses": [
            "Trạm y tế xã Cẩm Giang bán thuốc hết hạn cho người già với giá 150 nghìn một hộp.",
            "Trạm y tế xã Cẩm Giang không bán thuốc hết hạn cho người già.",
        ],
    },
    {
        "claim": "Phường Ba Đình sẽ cắt nước toàn bộ từ ngày 10/7 đến ngày 12/7 để sửa đường ống.",
        "rewordings": [
            "Nghe nói từ ngày 10/7 đến ngày 12/7 phường Ba Đình sẽ cắt nước toàn bộ để sửa "
            "đường ống.",
            "Phuong Ba Dinh se cat nuoc toan bo tu ngay 10/7 den ngay 12/7 de sua duong ong",
        ],
        "near_misses": [
            "Phường Ngọc Trạo sẽ cắt nước toàn bộ từ ngày 10/7 đến ngày 12/7 để sửa đường ống.",
            "Phường Ba Đình sẽ cắt nước toàn bộ từ ngày 20/7 đến ngày 22/7 để sửa đường ống.",
        ],
    },
]
