"""A labelled corpus of Vietnamese rumours of the kind a commune receives.

Every base ``claim`` comes with texts labelled by what they are to it:

Same claim (must be matched: joined automatically, or at least suggested)
    ``rewordings``   other words or order, filler such as "Nghe nói" or "Mọi người chia sẻ gấp",
                     some typed without tone marks;
    ``partials``     a partial quote: a substantial piece of the claim, as forwarded;
    ``decorated``    the claim with emoji, hashtags, "!!!" and the like added;
    ``unaccented``   the claim typed without any diacritics (đ as d), sometimes in capitals.

Different claim
    ``near_misses``  one detail changed — another village, person, amount, number, date, or the
                     opposite statement. Never joined automatically; at most suggested, with the
                     detail spelled out;
    ``near_topic``   another claim on the same topic or about the same place (same village,
                     same kind of money, same disaster). Should not be matched at all.

Places, people and companies are invented (any likeness to a real one is a coincidence).
"""

SAME_KINDS = ("rewordings", "partials", "decorated", "unaccented")
OTHER_KINDS = ("near_misses", "near_topic")

CLAIMS = [
    {
        "claim": "Cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa.",
        "rewordings": [
            "Nghe nói cán bộ xã Cẩm Tân đã ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn "
            "Đông Hòa, mọi người chia sẻ gấp!",
            "can bo xa Cam Tan an chan 2 ty tien cuu tro lu lut cua ba con thon Dong Hoa",
        ],
        "partials": [
            "ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa",
            "“Cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ lũ lụt…”",
        ],
        "decorated": [
            "😡😡 Cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa!!! "
            "#CẩmTân #lũlụt #phẫnnộ",
        ],
        "unaccented": [
            "CAN BO XA CAM TAN AN CHAN 2 TY TIEN CUU TRO LU LUT CUA BA CON THON DONG HOA",
        ],
        "near_misses": [
            "Cán bộ xã Cẩm Tân ăn chặn 3 tỷ tiền cứu trợ lũ lụt của bà con thôn Đông Hòa.",
            "Cán bộ xã Cẩm Tân ăn chặn 2 tỷ tiền cứu trợ lũ lụt của bà con thôn Tây Hòa.",
            "can bo xa cam tan an chan 2 ty tien cuu tro lu lut cua ba con thon tay hoa",
            "Cán bộ xã Cẩm Tân không hề ăn chặn tiền cứu trợ lũ lụt của bà con thôn Đông Hòa.",
        ],
        "near_topic": [
            "Xã Cẩm Tân phát 500 suất quà cứu trợ lũ lụt cho bà con thôn Đông Hòa.",
            "Thôn Đông Hòa bị ngập sâu 2 mét sau trận lũ đêm qua, nhiều nhà bị cuốn trôi.",
        ],
    },
    {
        "claim": "Cầu treo bản Nà Lừa bị sập lúc 5 giờ sáng ngày 14/9/2026, cuốn trôi 7 người.",
        "rewordings": [
            "Mọi người chia sẻ gấp: sáng 14/9/2026 lúc 5 giờ cầu treo bản Nà Lừa sập, 7 người "
            "bị cuốn trôi.",
            "Cau treo ban Na Lua bi sap luc 5 gio sang ngay 14/9/2026, cuon troi 7 nguoi",
        ],
        "partials": [
            "cầu treo bản Nà Lừa bị sập lúc 5 giờ sáng, cuốn trôi 7 người",
        ],
        "decorated": [
            "⚠️⚠️ KHẨN: Cầu treo bản Nà Lừa bị sập lúc 5 giờ sáng ngày 14/9/2026, cuốn trôi 7 "
            "người 😭🙏 #NàLừa #cầutreo",
        ],
        "unaccented": [
            "cau treo ban na lua bi sap luc 5 gio sang ngay 14/9/2026 cuon troi 7 nguoi",
        ],
        "near_misses": [
            "Cầu treo bản Nà Lừa bị sập lúc 5 giờ sáng ngày 14/9/2026, cuốn trôi 12 người.",
            "Cầu treo bản Nà Lừa không hề bị sập lúc 5 giờ sáng ngày 14/9/2026, không ai bị "
            "cuốn trôi.",
            "Cầu treo bản Nà Lừa bị sập lúc 5 giờ sáng ngày 24/9/2026, cuốn trôi 7 người.",
        ],
        "near_topic": [
            "Cầu treo bản Nà Lừa xuống cấp nghiêm trọng, dân bản phải đi đò qua suối.",
            "Tỉnh sẽ xây cầu bê tông thay cầu treo bản Nà Lừa trong năm 2027.",
        ],
    },
    {
        "claim": "Huyện Cẩm Thủy sẽ thu hồi 50 ha đất ruộng của xã Cẩm Thạch để làm sân golf.",
        "rewordings": [
            "Nghe nói huyện Cẩm Thủy sắp thu hồi 50 ha đất ruộng của xã Cẩm Thạch để làm sân golf.",
            "Để làm sân golf, huyện Cẩm Thủy sẽ thu hồi 50 ha đất ruộng của xã Cẩm Thạch, bà "
            "con ơi.",
        ],
        "partials": [
            "thu hồi 50 ha đất ruộng của xã Cẩm Thạch để làm sân golf",
        ],
        "decorated": [
            "Huyện Cẩm Thủy sẽ thu hồi 50 ha đất ruộng của xã Cẩm Thạch để làm sân golf ⛳😤 "
            "#sângolf #mấtruộng #CẩmThạch",
        ],
        "unaccented": [
            "Huyen Cam Thuy se thu hoi 50 ha dat ruong cua xa Cam Thach de lam san golf",
        ],
        "near_misses": [
            "Huyện Cẩm Thủy sẽ thu hồi 80 ha đất ruộng của xã Cẩm Thạch để làm sân golf.",
            "Huyện Cẩm Thủy sẽ thu hồi 50 ha đất ruộng của xã Cẩm Liên để làm sân golf.",
            "Huyện Cẩm Thủy sẽ không thu hồi đất ruộng của xã Cẩm Thạch để làm sân golf.",
        ],
        "near_topic": [
            "Xã Cẩm Thạch tổ chức đối thoại với nông dân về giá bồi thường đất ruộng.",
            "Sân golf ở huyện Cẩm Thủy đã khai trương và tuyển 100 nhân viên phục vụ.",
        ],
    },
    {
        "claim": "Tiêm vắc xin sởi ở trạm y tế xã Cẩm Bình làm 3 trẻ bị co giật phải đi cấp cứu.",
        "rewordings": [
            "Mọi người chia sẻ gấp: 3 trẻ bị co giật phải đi cấp cứu sau khi tiêm vắc xin sởi "
            "ở trạm y tế xã Cẩm Bình.",
            "tiem vac xin soi o tram y te xa Cam Binh lam 3 tre bi co giat phai di cap cuu",
        ],
        "partials": [
            "tiêm vắc xin sởi ở trạm y tế xã Cẩm Bình làm 3 trẻ bị co giật",
        ],
        "decorated": [
            "💉💉 Tiêm vắc xin sởi ở trạm y tế xã Cẩm Bình làm 3 trẻ bị co giật phải đi cấp cứu "
            "😱 #vắcxin #CẩmBình #cảnhbáo",
        ],
        "unaccented": [
            "TIEM VAC XIN SOI O TRAM Y TE XA CAM BINH LAM 3 TRE BI CO GIAT PHAI DI CAP CUU",
        ],
        "near_misses": [
            "Tiêm vắc xin sởi ở trạm y tế xã Cẩm Bình làm 9 trẻ bị co giật phải đi cấp cứu.",
            "Tiêm vắc xin sởi ở trạm y tế xã Cẩm Bình không làm trẻ nào bị co giật phải đi "
            "cấp cứu.",
            "Tiêm vắc xin sởi ở trạm y tế xã Cẩm Sơn làm 3 trẻ bị co giật phải đi cấp cứu.",
        ],
        "near_topic": [
            "Trạm y tế xã Cẩm Bình tổ chức tiêm vắc xin sởi miễn phí cho trẻ từ 9 tháng tuổi.",
            "Bộ Y tế khuyến cáo cha mẹ đưa trẻ đi tiêm vắc xin sởi đúng lịch.",
        ],
    },
    {
        "claim": "Trường tiểu học Cẩm Tú bắt mỗi học sinh nộp 1.500.000 đồng tiền xây tường rào.",
        "rewordings": [
            "Nghe nói trường tiểu học Cẩm Tú bắt mỗi học sinh nộp 1,5 triệu tiền xây tường rào.",
            "Truong tieu hoc Cam Tu bat moi hoc sinh nop 1.500.000 dong tien xay tuong rao, "
            "chia se gap",
        ],
        "partials": [
            "bắt mỗi học sinh nộp 1.500.000 đồng tiền xây tường rào",
        ],
        "decorated": [
            "Trường tiểu học Cẩm Tú bắt mỗi học sinh nộp 1.500.000 đồng tiền xây tường rào 💸💸 "
            "quá đáng!!! #lạmthu #giáodục",
        ],
        "unaccented": [
            "truong tieu hoc cam tu bat moi hoc sinh nop 1.500.000 dong tien xay tuong rao",
        ],
        "near_misses": [
            "Trường tiểu học Cẩm Tú bắt mỗi học sinh nộp 2.500.000 đồng tiền xây tường rào.",
            "Trường tiểu học Cẩm Tú không bắt học sinh nộp tiền xây tường rào.",
            "Trường tiểu học Cẩm Vân bắt mỗi học sinh nộp 1.500.000 đồng tiền xây tường rào.",
        ],
        "near_topic": [
            "Trường tiểu học Cẩm Tú khánh thành tường rào mới do phụ huynh tự nguyện đóng góp.",
            "Phụ huynh trường tiểu học Cẩm Tú phản ánh tiền ăn bán trú tăng 5.000 đồng mỗi bữa.",
        ],
    },
    {
        "claim": "Chủ tịch xã Cẩm Long bị công an bắt ngày 3/10/2026 vì nhận hối lộ.",
        "rewordings": [
            "Mọi người chia sẻ gấp: ngày 3/10/2026 chủ tịch xã Cẩm Long đã bị công an bắt vì "
            "nhận hối lộ.",
            "Nghe noi chu tich xa Cam Long bi cong an bat ngay 3/10/2026 vi nhan hoi lo",
        ],
        "partials": [
            "Chủ tịch xã Cẩm Long bị công an bắt vì nhận hối lộ",
        ],
        "decorated": [
            "🚨 Chủ tịch xã Cẩm Long bị công an bắt ngày 3/10/2026 vì nhận hối lộ 👮‍♂️👮‍♂️ "
            "#thamnhung #CẩmLong",
        ],
        "unaccented": [
            "Chu tich xa Cam Long bi cong an bat ngay 3/10/2026 vi nhan hoi lo",
        ],
        "near_misses": [
            "Chủ tịch xã Cẩm Long bị công an bắt ngày 13/10/2026 vì nhận hối lộ.",
            "Chủ tịch xã Cẩm Phú bị công an bắt ngày 3/10/2026 vì nhận hối lộ.",
            "Chủ tịch xã Cẩm Long không bị công an bắt, chỉ được mời lên làm việc.",
        ],
        "near_topic": [
            "Chủ tịch xã Cẩm Long tiếp công dân định kỳ vào ngày 15 hằng tháng.",
            "Công an xã Cẩm Long bắt 2 đối tượng trộm cắp xe máy trong đêm.",
        ],
    },
    {
        "claim": "Từ tháng 11/2026 giá điện sinh hoạt sẽ tăng 15% cho tất cả hộ gia đình.",
        "rewordings": [
            "Nghe nói giá điện sinh hoạt sẽ tăng 15% cho tất cả hộ gia đình từ tháng 11/2026.",
            "Tu thang 11/2026 gia dien sinh hoat se tang 15% cho tat ca ho gia dinh, share gap",
        ],
        "partials": [
            "giá điện sinh hoạt sẽ tăng 15% cho tất cả hộ gia đình",
        ],
        "decorated": [
            "⚡⚡ Từ tháng 11/2026 giá điện sinh hoạt sẽ tăng 15% cho tất cả hộ gia đình 😩 "
            "#giáđiện #tănggiá",
        ],
        "unaccented": [
            "TU THANG 11/2026 GIA DIEN SINH HOAT SE TANG 15% CHO TAT CA HO GIA DINH",
        ],
        "near_misses": [
            "Từ tháng 11/2026 giá điện sinh hoạt sẽ tăng 25% cho tất cả hộ gia đình.",
            "Từ tháng 1/2027 giá điện sinh hoạt sẽ tăng 15% cho tất cả hộ gia đình.",
            "Từ tháng 11/2026 giá điện sinh hoạt sẽ giảm 15% cho tất cả hộ gia đình.",
        ],
        "near_topic": [
            "Điện lực Cẩm Thủy thông báo cắt điện thôn Phú Lâm ngày 20/11 để bảo dưỡng.",
            "Giá xăng giảm 500 đồng mỗi lít từ chiều nay.",
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
        "partials": [
            "trúng thưởng xổ số 500 triệu, yêu cầu chuyển 2 triệu phí nhận thưởng",
        ],
        "decorated": [
            "‼️ Tin nhắn báo trúng thưởng xổ số 500 triệu, yêu cầu chuyển 2 triệu phí nhận thưởng "
            "vào tài khoản 🤑🤑 #lừađảo #cảnhgiác",
        ],
        "unaccented": [
            "Tin nhan bao trung thuong xo so 500 trieu, yeu cau chuyen 2 trieu phi nhan thuong "
            "vao tai khoan.",
        ],
        "near_misses": [
            "Tin nhắn báo trúng thưởng xổ số 800 triệu, yêu cầu chuyển 2 triệu phí nhận "
            "thưởng vào tài khoản.",
            "Tin nhắn báo trúng thưởng xổ số 500 triệu, yêu cầu chuyển 5 triệu phí nhận "
            "thưởng vào tài khoản.",
        ],
        "near_topic": [
            "Cuộc gọi giả danh nhân viên ngân hàng đề nghị cung cấp mã OTP để nhận quà tri ân.",
            "Công ty xổ số kiến thiết Thanh Hóa mở thêm 20 điểm bán vé tại các xã.",
        ],
    },
    {
        "claim": "Quân nước ngoài vượt biên vào bản Pa Há, huyện Mường Lát đêm 20/8/2026.",
        "rewordings": [
            "Mọi người chia sẻ gấp: đêm 20/8/2026 quân nước ngoài đã vượt biên vào bản Pa Há, "
            "huyện Mường Lát.",
            "Nghe noi quan nuoc ngoai vuot bien vao ban Pa Ha, huyen Muong Lat dem 20/8/2026",
        ],
        "partials": [
            "quân nước ngoài vượt biên vào bản Pa Há, huyện Mường Lát",
        ],
        "decorated": [
            "🔥🔥🔥 Quân nước ngoài vượt biên vào bản Pa Há, huyện Mường Lát đêm 20/8/2026!!! "
            "#biêngiới #MườngLát",
        ],
        "unaccented": [
            "quan nuoc ngoai vuot bien vao ban Pa Ha huyen Muong Lat dem 20/8/2026",
        ],
        "near_misses": [
            "Quân nước ngoài vượt biên vào bản Pù Nhi, huyện Mường Lát đêm 20/8/2026.",
            "Quân nước ngoài vượt biên vào bản Pa Há, huyện Mường Lát đêm 28/8/2026.",
        ],
        "near_topic": [
            "Bộ đội biên phòng Mường Lát giúp dân bản Pa Há thu hoạch lúa.",
            "Đường lên bản Pa Há bị sạt lở sau mưa lớn đêm 20/8/2026.",
        ],
    },
    {
        "claim": "Đập thủy lợi Cửa Đạt sắp vỡ, người dân xã Xuân Mỹ phải sơ tán ngay trong đêm.",
        "rewordings": [
            "Khẩn cấp: đập thủy lợi Cửa Đạt sắp vỡ, bà con xã Xuân Mỹ phải sơ tán ngay trong đêm.",
            "dap thuy loi Cua Dat sap vo, nguoi dan xa Xuan My phai so tan ngay trong dem",
        ],
        "partials": [
            "đập thủy lợi Cửa Đạt sắp vỡ, người dân phải sơ tán ngay trong đêm",
        ],
        "decorated": [
            "🆘🆘 Đập thủy lợi Cửa Đạt sắp vỡ, người dân xã Xuân Mỹ phải sơ tán ngay trong đêm 🌊 "
            "#CửaĐạt #vỡđập",
        ],
        "unaccented": [
            "DAP THUY LOI CUA DAT SAP VO, NGUOI DAN XA XUAN MY PHAI SO TAN NGAY TRONG DEM",
        ],
        "near_misses": [
            "Đập thủy lợi Cửa Đạt sắp vỡ, người dân xã Xuân Chinh phải sơ tán ngay trong đêm.",
            "Đập thủy lợi Cửa Đạt không hề sắp vỡ, người dân xã Xuân Mỹ không phải sơ tán.",
            "dap thuy loi cua dat sap vo, nguoi dan xa xuan chinh phai so tan ngay trong dem",
        ],
        "near_topic": [
            "Hồ Cửa Đạt xả lũ qua tràn, người dân vùng hạ du chú ý an toàn khi qua sông.",
            "Xã Xuân Mỹ diễn tập sơ tán dân phòng chống lụt bão năm 2026.",
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
        "partials": [
            "hộ nghèo ở xã Cẩm Châu chỉ nhận được 300 nghìn trong số 1 triệu",
        ],
        "decorated": [
            "Mỗi hộ nghèo ở xã Cẩm Châu chỉ nhận được 300 nghìn trong số 1 triệu tiền hỗ trợ Tết "
            "😤😤 #hỗtrợTết #hộnghèo",
        ],
        "unaccented": [
            "moi ho ngheo o xa cam chau chi nhan duoc 300 nghin trong so 1 trieu tien ho tro tet",
        ],
        "near_misses": [
            "Mỗi hộ nghèo ở xã Cẩm Châu chỉ nhận được 500 nghìn trong số 1 triệu tiền hỗ trợ Tết.",
            "Mỗi hộ nghèo ở xã Cẩm Vân chỉ nhận được 300 nghìn trong số 1 triệu tiền hỗ trợ Tết.",
            "moi ho ngheo o xa cam van chi nhan duoc 300 nghin trong so 1 trieu tien ho tro tet",
        ],
        "near_topic": [
            "Xã Cẩm Châu trao 120 suất quà Tết cho hộ nghèo và gia đình chính sách.",
            "Danh sách hộ nghèo năm 2027 của xã Cẩm Châu được niêm yết tại nhà văn hóa các thôn.",
        ],
    },
    {
        "claim": "Nước giếng ở thôn Phú Lâm bị nhiễm thạch tín, đã có 4 người phải nhập viện.",
        "rewordings": [
            "Mọi người chia sẻ gấp: nước giếng thôn Phú Lâm bị nhiễm thạch tín, 4 người đã "
            "phải nhập viện.",
            "nuoc gieng o thon Phu Lam bi nhiem thach tin, da co 4 nguoi phai nhap vien",
        ],
        "partials": [
            "nước giếng ở thôn Phú Lâm bị nhiễm thạch tín",
        ],
        "decorated": [
            "☠️☠️ Nước giếng ở thôn Phú Lâm bị nhiễm thạch tín, đã có 4 người phải nhập viện "
            "#PhúLâm #nướcsạch",
        ],
        "unaccented": [
            "NUOC GIENG O THON PHU LAM BI NHIEM THACH TIN, DA CO 4 NGUOI PHAI NHAP VIEN",
        ],
        "near_misses": [
            "Nước giếng ở thôn Phú Sơn bị nhiễm thạch tín, đã có 4 người phải nhập viện.",
            "Nước giếng ở thôn Phú Lâm không bị nhiễm thạch tín, chưa có ai phải nhập viện.",
            "nuoc gieng o thon phu son bi nhiem thach tin, da co 4 nguoi phai nhap vien",
        ],
        "near_topic": [
            "Thôn Phú Lâm được đầu tư hệ thống nước sạch tập trung cho 200 hộ dân.",
            "Trung tâm y tế lấy mẫu nước giếng ở thôn Phú Lâm để xét nghiệm định kỳ.",
        ],
    },
    {
        "claim": "Ngày 1/12/2026 trường THCS Cẩm Sơn cho học sinh nghỉ học vì dịch cúm A.",
        "rewordings": [
            "Nghe nói trường THCS Cẩm Sơn cho học sinh nghỉ học từ ngày 1/12/2026 vì dịch cúm A.",
            "Ngay 1/12/2026 truong THCS Cam Son cho hoc sinh nghi hoc vi dich cum A",
        ],
        "partials": [
            "trường THCS Cẩm Sơn cho học sinh nghỉ học vì dịch cúm A",
        ],
        "decorated": [
            "😷😷 Ngày 1/12/2026 trường THCS Cẩm Sơn cho học sinh nghỉ học vì dịch cúm A "
            "#cúmA #nghỉhọc",
        ],
        "unaccented": [
            "ngay 1/12/2026 truong thcs cam son cho hoc sinh nghi hoc vi dich cum a",
        ],
        "near_misses": [
            "Ngày 8/12/2026 trường THCS Cẩm Sơn cho học sinh nghỉ học vì dịch cúm A.",
            "Ngày 1/12/2026 trường THCS Cẩm Sơn không cho học sinh nghỉ học vì dịch cúm A.",
        ],
        "near_topic": [
            "Trường THCS Cẩm Sơn tổ chức phun khử khuẩn phòng dịch cúm A.",
            "Học sinh trường THCS Cẩm Sơn đạt 5 giải học sinh giỏi cấp tỉnh.",
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
        "partials": [
            "tuyển 200 lao động đi Hàn Quốc, mỗi người nộp trước 50 triệu tiền cọc",
        ],
        "decorated": [
            "🇰🇷 Công ty Hòa Phát tuyển 200 lao động đi Hàn Quốc, mỗi người nộp trước 50 triệu "
            "tiền cọc 💰💰 #xuấtkhẩulaođộng #HànQuốc",
        ],
        "unaccented": [
            "CONG TY HOA PHAT TUYEN 200 LAO DONG DI HAN QUOC, MOI NGUOI NOP TRUOC 50 TRIEU "
            "TIEN COC",
        ],
        "near_misses": [
            "Công ty Hòa Phát tuyển 200 lao động đi Hàn Quốc, mỗi người nộp trước 90 triệu "
            "tiền cọc.",
            "Công ty Hòa Phát tuyển 500 lao động đi Hàn Quốc, mỗi người nộp trước 50 triệu "
            "tiền cọc.",
            "Công ty Hòa Bình tuyển 200 lao động đi Hàn Quốc, mỗi người nộp trước 50 triệu "
            "tiền cọc.",
        ],
        "near_topic": [
            "Sở Lao động cảnh báo các trung tâm môi giới đưa người đi Nhật Bản trái phép.",
            "Lao động đi Hàn Quốc theo chương trình EPS phải thi tiếng Hàn trước khi xuất cảnh.",
        ],
    },
    {
        "claim": "Đường tỉnh 518 đoạn qua xã Cẩm Ngọc bị sạt lở, ô tô không đi qua được.",
        "rewordings": [
            "Nghe nói đường tỉnh 518 đoạn qua xã Cẩm Ngọc đã bị sạt lở, ô tô không đi qua được.",
            "duong tinh 518 doan qua xa Cam Ngoc bi sat lo, o to khong di qua duoc",
        ],
        "partials": [
            "đường tỉnh 518 đoạn qua xã Cẩm Ngọc bị sạt lở",
        ],
        "decorated": [
            "⛔ Đường tỉnh 518 đoạn qua xã Cẩm Ngọc bị sạt lở, ô tô không đi qua được 🚗🚫 "
            "#sạtlở #giaothông",
        ],
        "unaccented": [
            "DUONG TINH 518 DOAN QUA XA CAM NGOC BI SAT LO, O TO KHONG DI QUA DUOC",
        ],
        "near_misses": [
            "Đường tỉnh 518 đoạn qua xã Cẩm Quý bị sạt lở, ô tô không đi qua được.",
            "Đường tỉnh 519 đoạn qua xã Cẩm Ngọc bị sạt lở, ô tô không đi qua được.",
        ],
        "near_topic": [
            "Đường tỉnh 518 đoạn qua xã Cẩm Ngọc đang được nâng cấp, mở rộng lên 4 làn xe.",
            "Xã Cẩm Ngọc huy động 300 ngày công khơi thông cống rãnh trước mùa mưa.",
        ],
    },
    {
        "claim": "Xã Cẩm Lương thu mỗi hộ 200.000 đồng phí vệ sinh môi trường mỗi tháng.",
        "rewordings": [
            "Nghe nói xã Cẩm Lương thu mỗi hộ 200 nghìn phí vệ sinh môi trường mỗi tháng.",
            "Xa Cam Luong thu moi ho 200.000 dong phi ve sinh moi truong moi thang, chia se gap",
        ],
        "partials": [
            "thu mỗi hộ 200.000 đồng phí vệ sinh môi trường mỗi tháng",
        ],
        "decorated": [
            "Xã Cẩm Lương thu mỗi hộ 200.000 đồng phí vệ sinh môi trường mỗi tháng 🗑️💸 "
            "#phírác #CẩmLương",
        ],
        "unaccented": [
            "xa cam luong thu moi ho 200.000 dong phi ve sinh moi truong moi thang",
        ],
        "near_misses": [
            "Xã Cẩm Lương thu mỗi hộ 400.000 đồng phí vệ sinh môi trường mỗi tháng.",
            "Xã Cẩm Lương không thu phí vệ sinh môi trường của hộ nào.",
            "Xã Cẩm Lương thu mỗi hộ 200.000 đồng phí vệ sinh môi trường mỗi năm.",
        ],
        "near_topic": [
            "Xã Cẩm Lương ra quân tổng vệ sinh môi trường, thu gom 5 tấn rác thải.",
            "Người dân xã Cẩm Lương phản ánh xe thu gom rác chỉ đến 2 lần mỗi tuần.",
        ],
    },
    {
        "claim": "Một người ở thôn Tân Lập tử vong sau khi ăn nấm rừng ngày 5 tháng 6.",
        "rewordings": [
            "Mọi người chia sẻ gấp: ngày 5 tháng 6, một người ở thôn Tân Lập đã tử vong sau "
            "khi ăn nấm rừng.",
            "mot nguoi o thon Tan Lap tu vong sau khi an nam rung ngay 5 thang 6",
        ],
        "partials": [
            "một người ở thôn Tân Lập tử vong sau khi ăn nấm rừng",
        ],
        "decorated": [
            "😢🍄 Một người ở thôn Tân Lập tử vong sau khi ăn nấm rừng ngày 5 tháng 6 "
            "#nấmđộc #TânLập",
        ],
        "unaccented": [
            "MOT NGUOI O THON TAN LAP TU VONG SAU KHI AN NAM RUNG NGAY 5 THANG 6",
        ],
        "near_misses": [
            "Một người ở thôn Tân Lập tử vong sau khi ăn nấm rừng ngày 15 tháng 6.",
            "Một người ở thôn Tân Thành tử vong sau khi ăn nấm rừng ngày 5 tháng 6.",
            "Một người ở thôn Tân Lập nhập viện sau khi ăn nấm rừng ngày 5 tháng 6.",
        ],
        "near_topic": [
            "Trạm y tế khuyến cáo người dân thôn Tân Lập không hái nấm rừng lạ để ăn.",
            "Thôn Tân Lập được công nhận đạt chuẩn nông thôn mới kiểu mẫu.",
        ],
    },
    {
        "claim": "Nhà máy xi măng Cẩm Thủy xả thải ra sông Mã làm cá chết trắng 3 km.",
        "rewordings": [
            "Nghe nói nhà máy xi măng Cẩm Thủy xả thải ra sông Mã làm cá chết trắng 3 km, bà "
            "con chia sẻ gấp.",
            "Nha may xi mang Cam Thuy xa thai ra song Ma lam ca chet trang 3 km",
        ],
        "partials": [
            "nhà máy xi măng Cẩm Thủy xả thải ra sông Mã làm cá chết trắng",
        ],
        "decorated": [
            "🐟🐟💀 Nhà máy xi măng Cẩm Thủy xả thải ra sông Mã làm cá chết trắng 3 km "
            "#sôngMã #ônhiễm #bảovệmôitrường",
        ],
        "unaccented": [
            "nha may xi mang cam thuy xa thai ra song ma lam ca chet trang 3 km",
        ],
        "near_misses": [
            "Nhà máy xi măng Cẩm Thủy xả thải ra sông Mã làm cá chết trắng 10 km.",
            "Nhà máy xi măng Cẩm Thủy không xả thải ra sông Mã, cá không chết.",
            "Nhà máy đường Cẩm Thủy xả thải ra sông Mã làm cá chết trắng 3 km.",
        ],
        "near_topic": [
            "Nhà máy xi măng Cẩm Thủy tuyển 50 công nhân vận hành lò nung.",
            "Người dân ven sông Mã thả 2 vạn con cá giống để tái tạo nguồn lợi thủy sản.",
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
        "partials": [
            "xóa nợ 30 triệu cho mọi hộ vay vốn trước năm 2020",
        ],
        "decorated": [
            "🎉🎉 Ngân hàng chính sách xã Cẩm Phong xóa nợ 30 triệu cho mọi hộ vay vốn trước năm "
            "2020 #xóanợ #tinvui",
        ],
        "unaccented": [
            "NGAN HANG CHINH SACH XA CAM PHONG XOA NO 30 TRIEU CHO MOI HO VAY VON TRUOC NAM 2020",
        ],
        "near_misses": [
            "Ngân hàng chính sách xã Cẩm Phong xóa nợ 30 triệu cho mọi hộ vay vốn trước năm 2015.",
            "Ngân hàng chính sách xã Cẩm Phong xóa nợ 50 triệu cho mọi hộ vay vốn trước năm 2020.",
            "Ngân hàng chính sách xã Cẩm Phong không xóa nợ cho hộ vay vốn nào.",
        ],
        "near_topic": [
            "Ngân hàng chính sách xã hội cho hộ nghèo vay tối đa 100 triệu để làm nhà ở.",
            "Xã Cẩm Phong tổ chức giao ban tổ tiết kiệm và vay vốn quý 3.",
        ],
    },
    {
        "claim": "Phát hiện 2 ca bệnh dại ở xóm Bãi Ổi, xã Cẩm Yên, chó thả rông cắn người.",
        "rewordings": [
            "Nghe nói đã phát hiện 2 ca bệnh dại ở xóm Bãi Ổi, xã Cẩm Yên, chó thả rông cắn người.",
            "phat hien 2 ca benh dai o xom Bai Oi, xa Cam Yen, cho tha rong can nguoi",
        ],
        "partials": [
            "2 ca bệnh dại ở xóm Bãi Ổi, xã Cẩm Yên",
        ],
        "decorated": [
            "🐕⚠️ Phát hiện 2 ca bệnh dại ở xóm Bãi Ổi, xã Cẩm Yên, chó thả rông cắn người!! "
            "#bệnhdại #CẩmYên",
        ],
        "unaccented": [
            "PHAT HIEN 2 CA BENH DAI O XOM BAI OI, XA CAM YEN, CHO THA RONG CAN NGUOI",
        ],
        "near_misses": [
            "Phát hiện 6 ca bệnh dại ở xóm Bãi Ổi, xã Cẩm Yên, chó thả rông cắn người.",
            "Phát hiện 2 ca bệnh dại ở xóm Đồng Chè, xã Cẩm Yên, chó thả rông cắn người.",
            "phat hien 2 ca benh dai o xom dong che, xa cam yen, cho tha rong can nguoi",
        ],
        "near_topic": [
            "Xã Cẩm Yên tiêm phòng dại miễn phí cho 1.200 con chó, mèo.",
            "Xóm Bãi Ổi họp dân, yêu cầu các hộ nuôi chó phải rọ mõm khi ra đường.",
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
        "partials": [
            "trạm y tế xã Cẩm Giang bán thuốc hết hạn cho người già",
        ],
        "decorated": [
            "💊💊 Trạm y tế xã Cẩm Giang bán thuốc hết hạn cho người già với giá 100 nghìn một "
            "hộp 😡 #thuốcgiả #CẩmGiang",
        ],
        "unaccented": [
            "tram y te xa cam giang ban thuoc het han cho nguoi gia voi gia 100 nghin mot hop",
        ],
        "near_misses": [
            "Trạm y tế xã Cẩm Giang bán thuốc hết hạn cho người già với giá 150 nghìn một hộp.",
            "Trạm y tế xã Cẩm Giang không bán thuốc hết hạn cho người già.",
            "Trạm y tế xã Cẩm Giang phát thuốc miễn phí cho người già.",
        ],
        "near_topic": [
            "Trạm y tế xã Cẩm Giang khám sức khỏe định kỳ cho 300 người cao tuổi.",
            "Quầy thuốc ở chợ Cẩm Giang bị phạt 5 triệu đồng vì bán thuốc không rõ nguồn gốc.",
        ],
    },
    {
        "claim": "Phường Ba Đình sẽ cắt nước toàn bộ từ ngày 10/7 đến ngày 12/7 để sửa đường ống.",
        "rewordings": [
            "Nghe nói từ ngày 10/7 đến ngày 12/7 phường Ba Đình sẽ cắt nước toàn bộ để sửa "
            "đường ống.",
            "Phuong Ba Dinh se cat nuoc toan bo tu ngay 10/7 den ngay 12/7 de sua duong ong",
        ],
        "partials": [
            "phường Ba Đình sẽ cắt nước toàn bộ từ ngày 10/7 đến ngày 12/7",
        ],
        "decorated": [
            "🚱🚱 Phường Ba Đình sẽ cắt nước toàn bộ từ ngày 10/7 đến ngày 12/7 để sửa đường "
            "ống, trữ nước ngay!!! #cắtnước #BaĐình",
        ],
        "unaccented": [
            "PHUONG BA DINH SE CAT NUOC TOAN BO TU NGAY 10/7 DEN NGAY 12/7 DE SUA DUONG ONG",
        ],
        "near_misses": [
            "Phường Ngọc Trạo sẽ cắt nước toàn bộ từ ngày 10/7 đến ngày 12/7 để sửa đường ống.",
            "Phường Ba Đình sẽ cắt nước toàn bộ từ ngày 20/7 đến ngày 22/7 để sửa đường ống.",
        ],
        "near_topic": [
            "Phường Ba Đình sẽ cắt điện từ 7 giờ đến 17 giờ ngày 10/7 để thay máy biến áp.",
            "Công ty cấp nước khuyến cáo người dân phường Ba Đình tiết kiệm nước mùa nắng nóng.",
        ],
    },
    {
        "claim": "Có người giả danh công an xã Cẩm Vân gọi điện bắt chuyển 20 triệu để xóa hồ sơ "
        "vi phạm giao thông.",
        "rewordings": [
            "Cảnh giác: kẻ gian giả danh công an xã Cẩm Vân gọi điện, bắt chuyển 20 triệu để "
            "xóa hồ sơ vi phạm giao thông.",
            "co nguoi gia danh cong an xa Cam Van goi dien bat chuyen 20 trieu de xoa ho so vi "
            "pham giao thong",
        ],
        "partials": [
            "giả danh công an xã Cẩm Vân gọi điện bắt chuyển 20 triệu",
        ],
        "decorated": [
            "☎️🚨 Có người giả danh công an xã Cẩm Vân gọi điện bắt chuyển 20 triệu để xóa hồ sơ "
            "vi phạm giao thông #lừađảo #giảdanhcôngan",
        ],
        "unaccented": [
            "CO NGUOI GIA DANH CONG AN XA CAM VAN GOI DIEN BAT CHUYEN 20 TRIEU DE XOA HO SO VI "
            "PHAM GIAO THONG",
        ],
        "near_misses": [
            "Có người giả danh công an xã Cẩm Vân gọi điện bắt chuyển 200 triệu để xóa hồ sơ vi "
            "phạm giao thông.",
            "Có người giả danh công an xã Cẩm Tâm gọi điện bắt chuyển 20 triệu để xóa hồ sơ vi "
            "phạm giao thông.",
        ],
        "near_topic": [
            "Công an xã Cẩm Vân ra quân xử lý vi phạm giao thông dịp cuối năm.",
            "Kẻ gian giả danh nhân viên điện lực gọi điện đòi tiền điện ở xã Cẩm Vân.",
        ],
    },
    {
        "claim": "Uống nước lá ổi đun sôi 3 lần mỗi ngày chữa khỏi bệnh tiểu đường trong 1 tháng.",
        "rewordings": [
            "Chia sẻ cho mọi người: chỉ cần uống nước lá ổi đun sôi 3 lần mỗi ngày là khỏi bệnh "
            "tiểu đường trong 1 tháng.",
            "uong nuoc la oi dun soi 3 lan moi ngay chua khoi benh tieu duong trong 1 thang",
        ],
        "partials": [
            "nước lá ổi đun sôi chữa khỏi bệnh tiểu đường trong 1 tháng",
        ],
        "decorated": [
            "🌿🌿 Uống nước lá ổi đun sôi 3 lần mỗi ngày chữa khỏi bệnh tiểu đường trong 1 tháng "
            "👍👍 #mẹodângian #tiểuđường",
        ],
        "unaccented": [
            "UONG NUOC LA OI DUN SOI 3 LAN MOI NGAY CHUA KHOI BENH TIEU DUONG TRONG 1 THANG",
        ],
        "near_misses": [
            "Uống nước lá ổi đun sôi 3 lần mỗi ngày chữa khỏi bệnh tiểu đường trong 6 tháng.",
            "Uống nước lá ổi đun sôi 3 lần mỗi ngày không chữa khỏi bệnh tiểu đường.",
        ],
        "near_topic": [
            "Bác sĩ khuyến cáo người bệnh tiểu đường không tự ý bỏ thuốc để dùng lá cây.",
            "Uống nước mướp đắng mỗi sáng giúp hạ men gan, chữa gan nhiễm mỡ.",
        ],
    },
    {
        "claim": "Dự án cao tốc qua xã Cẩm Phú chỉ bồi thường 50.000 đồng mỗi mét vuông đất "
        "nông nghiệp.",
        "rewordings": [
            "Nghe nói dự án cao tốc qua xã Cẩm Phú chỉ đền bù 50.000 đồng một mét vuông đất nông "
            "nghiệp.",
            "Du an cao toc qua xa Cam Phu chi boi thuong 50.000 dong moi met vuong dat nong "
            "nghiep",
        ],
        "partials": [
            "chỉ bồi thường 50.000 đồng mỗi mét vuông đất nông nghiệp",
        ],
        "decorated": [
            "😠 Dự án cao tốc qua xã Cẩm Phú chỉ bồi thường 50.000 đồng mỗi mét vuông đất nông "
            "nghiệp!!! #bồithường #caotốc #CẩmPhú",
        ],
        "unaccented": [
            "du an cao toc qua xa cam phu chi boi thuong 50.000 dong moi met vuong dat nong nghiep",
        ],
        "near_misses": [
            "Dự án cao tốc qua xã Cẩm Phú chỉ bồi thường 80.000 đồng mỗi mét vuông đất nông "
            "nghiệp.",
            "Dự án cao tốc qua xã Cẩm Bình chỉ bồi thường 50.000 đồng mỗi mét vuông đất nông "
            "nghiệp.",
            "du an cao toc qua xa cam binh chi boi thuong 50.000 dong moi met vuong dat nong "
            "nghiep",
        ],
        "near_topic": [
            "Xã Cẩm Phú công khai phương án bồi thường giải phóng mặt bằng dự án cao tốc.",
            "Dự án cao tốc qua xã Cẩm Phú dự kiến thông xe vào tháng 6/2028.",
        ],
    },
    {
        "claim": "Bão số 5 sẽ đổ bộ vào Thanh Hóa đêm 25/9/2026 với sức gió giật cấp 14.",
        "rewordings": [
            "Khẩn cấp: đêm 25/9/2026 bão số 5 sẽ đổ bộ vào Thanh Hóa, sức gió giật cấp 14, bà "
            "con chằng chống nhà cửa.",
            "bao so 5 se do bo vao Thanh Hoa dem 25/9/2026 voi suc gio giat cap 14",
        ],
        "partials": [
            "bão số 5 sẽ đổ bộ vào Thanh Hóa đêm 25/9/2026",
        ],
        "decorated": [
            "🌀🌀🌀 Bão số 5 sẽ đổ bộ vào Thanh Hóa đêm 25/9/2026 với sức gió giật cấp 14!!! "
            "#bãosố5 #ThanhHóa",
        ],
        "unaccented": [
            "BAO SO 5 SE DO BO VAO THANH HOA DEM 25/9/2026 VOI SUC GIO GIAT CAP 14",
        ],
        "near_misses": [
            "Bão số 5 sẽ đổ bộ vào Thanh Hóa đêm 25/9/2026 với sức gió giật cấp 17.",
            "Bão số 5 sẽ đổ bộ vào Nghệ An đêm 25/9/2026 với sức gió giật cấp 14.",
            "Bão số 5 sẽ không đổ bộ vào Thanh Hóa mà suy yếu thành áp thấp trên biển.",
        ],
        "near_topic": [
            "Thanh Hóa cấm biển từ trưa 24/9/2026 để phòng tránh bão số 5.",
            "Sau bão số 4, nhiều tuyến đường ở Thanh Hóa vẫn bị ngập sâu.",
        ],
    },
    {
        "claim": "Ông Trịnh Văn Hùng, trưởng thôn Làng Mun, bỏ trốn sau khi thu 300 triệu tiền "
        "làm đường của dân.",
        "rewordings": [
            "Nghe nói trưởng thôn Làng Mun là ông Trịnh Văn Hùng đã bỏ trốn sau khi thu 300 triệu "
            "tiền làm đường của bà con.",
            "Ong Trinh Van Hung, truong thon Lang Mun, bo tron sau khi thu 300 trieu tien lam "
            "duong cua dan",
        ],
        "partials": [
            "trưởng thôn Làng Mun bỏ trốn sau khi thu 300 triệu tiền làm đường",
        ],
        "decorated": [
            "😡😡😡 Ông Trịnh Văn Hùng, trưởng thôn Làng Mun, bỏ trốn sau khi thu 300 triệu tiền "
            "làm đường của dân #LàngMun #bỏtrốn",
        ],
        "unaccented": [
            "ong trinh van hung, truong thon lang mun, bo tron sau khi thu 300 trieu tien lam "
            "duong cua dan",
        ],
        "near_misses": [
            "Ông Trịnh Văn Hùng, trưởng thôn Làng Mun, bỏ trốn sau khi thu 800 triệu tiền làm "
            "đường của dân.",
            "Ông Lê Văn Toàn, trưởng thôn Làng Mun, bỏ trốn sau khi thu 300 triệu tiền làm "
            "đường của dân.",
            "Ông Trịnh Văn Hùng, trưởng thôn Làng Mun, không hề bỏ trốn, tiền làm đường vẫn "
            "được công khai.",
        ],
        "near_topic": [
            "Thôn Làng Mun họp dân bàn việc đóng góp làm đường bê tông liên thôn.",
            "Ông Trịnh Văn Hùng được bầu làm trưởng thôn Làng Mun nhiệm kỳ mới.",
        ],
    },
    {
        "claim": "Dịch tả lợn châu Phi bùng phát ở thôn Khe Rồng, 400 con lợn đã bị tiêu hủy.",
        "rewordings": [
            "Mọi người ơi, dịch tả lợn châu Phi đã bùng phát ở thôn Khe Rồng, tiêu hủy 400 con "
            "lợn rồi.",
            "dich ta lon chau Phi bung phat o thon Khe Rong, 400 con lon da bi tieu huy",
        ],
        "partials": [
            "dịch tả lợn châu Phi bùng phát ở thôn Khe Rồng",
        ],
        "decorated": [
            "🐷🐷 Dịch tả lợn châu Phi bùng phát ở thôn Khe Rồng, 400 con lợn đã bị tiêu hủy 😢 "
            "#dịchtảlợn #KheRồng",
        ],
        "unaccented": [
            "DICH TA LON CHAU PHI BUNG PHAT O THON KHE RONG, 400 CON LON DA BI TIEU HUY",
        ],
        "near_misses": [
            "Dịch tả lợn châu Phi bùng phát ở thôn Khe Rồng, 1.400 con lợn đã bị tiêu hủy.",
            "Dịch tả lợn châu Phi bùng phát ở thôn Khe Hạ, 400 con lợn đã bị tiêu hủy.",
            "dich ta lon chau phi bung phat o thon khe ha, 400 con lon da bi tieu huy",
        ],
        "near_topic": [
            "Thôn Khe Rồng tiêm phòng lở mồm long móng cho 600 con trâu, bò.",
            "Giá lợn hơi tăng lên 70.000 đồng một cân sau dịch tả lợn châu Phi.",
        ],
    },
    {
        "claim": "Nhà nước hỗ trợ mỗi hộ trồng keo ở xã Cẩm Liên 5 triệu đồng, chỉ cần nộp 200 "
        "nghìn phí làm hồ sơ.",
        "rewordings": [
            "Bà con xã Cẩm Liên ơi, mỗi hộ trồng keo được Nhà nước hỗ trợ 5 triệu đồng, chỉ cần "
            "nộp 200 nghìn phí làm hồ sơ.",
            "Nha nuoc ho tro moi ho trong keo o xa Cam Lien 5 trieu dong, chi can nop 200 nghin "
            "phi lam ho so",
        ],
        "partials": [
            "hỗ trợ mỗi hộ trồng keo ở xã Cẩm Liên 5 triệu đồng",
        ],
        "decorated": [
            "🌳💰 Nhà nước hỗ trợ mỗi hộ trồng keo ở xã Cẩm Liên 5 triệu đồng, chỉ cần nộp 200 "
            "nghìn phí làm hồ sơ 👉 inbox ngay #hỗtrợ #trồngkeo",
        ],
        "unaccented": [
            "nha nuoc ho tro moi ho trong keo o xa cam lien 5 trieu dong, chi can nop 200 nghin "
            "phi lam ho so",
        ],
        "near_misses": [
            "Nhà nước hỗ trợ mỗi hộ trồng keo ở xã Cẩm Liên 10 triệu đồng, chỉ cần nộp 200 "
            "nghìn phí làm hồ sơ.",
            "Nhà nước hỗ trợ mỗi hộ trồng keo ở xã Cẩm Liên 5 triệu đồng, chỉ cần nộp 500 "
            "nghìn phí làm hồ sơ.",
        ],
        "near_topic": [
            "Xã Cẩm Liên hướng dẫn bà con trồng keo theo tiêu chuẩn rừng FSC.",
            "Giá gỗ keo nguyên liệu giảm còn 1 triệu đồng mỗi tấn.",
        ],
    },
    {
        "claim": "Từ ngày 1/1/2027 xã Cẩm Tân sáp nhập vào xã Cẩm Vân, người dân phải làm lại "
        "căn cước và nộp 500 nghìn lệ phí.",
        "rewordings": [
            "Nghe nói xã Cẩm Tân sẽ sáp nhập vào xã Cẩm Vân từ ngày 1/1/2027, bà con phải làm "
            "lại căn cước và nộp 500 nghìn lệ phí.",
            "tu ngay 1/1/2027 xa Cam Tan sap nhap vao xa Cam Van, nguoi dan phai lam lai can "
            "cuoc va nop 500 nghin le phi",
        ],
        "partials": [
            "người dân phải làm lại căn cước và nộp 500 nghìn lệ phí",
        ],
        "decorated": [
            "📢📢 Từ ngày 1/1/2027 xã Cẩm Tân sáp nhập vào xã Cẩm Vân, người dân phải làm lại "
            "căn cước và nộp 500 nghìn lệ phí 😤 #sápnhập #cănccước",
        ],
        "unaccented": [
            "TU NGAY 1/1/2027 XA CAM TAN SAP NHAP VAO XA CAM VAN, NGUOI DAN PHAI LAM LAI CAN "
            "CUOC VA NOP 500 NGHIN LE PHI",
        ],
        "near_misses": [
            "Từ ngày 1/1/2027 xã Cẩm Tân sáp nhập vào xã Cẩm Vân, người dân phải làm lại căn "
            "cước và nộp 200 nghìn lệ phí.",
            "Từ ngày 1/1/2027 xã Cẩm Tân sáp nhập vào xã Cẩm Vân, người dân không phải làm lại "
            "căn cước và không mất lệ phí.",
            "Từ ngày 1/1/2027 xã Cẩm Tân sáp nhập vào xã Cẩm Phong, người dân phải làm lại căn "
            "cước và nộp 500 nghìn lệ phí.",
        ],
        "near_topic": [
            "Xã Cẩm Tân tổ chức làm căn cước lưu động cho người cao tuổi tại nhà văn hóa thôn.",
            "Công an xã Cẩm Vân nhắc người dân đổi căn cước trước khi hết hạn.",
        ],
    },
]


def texts_of(base: dict, kinds=SAME_KINDS + OTHER_KINDS) -> list[str]:
    """The claim and its labelled texts of the given kinds."""
    return [base["claim"], *(text for kind in kinds for text in base.get(kind, ()))]
