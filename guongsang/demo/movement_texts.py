"""The texts of the demo's movements: the legal bases their plans cite, the 2022 and 2024
plans' contents, the purposes, and the commitments units and people pledge. Written for the
demo; only facts and figures come from the articles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from guongsang.org.models import UnitType


@dataclass(frozen=True)
class Basis:
    number: str
    kind: str
    title: str
    issuer: str
    issued_on: dt.date
    in_force_until: dt.date | None = None  # replaced from this date: later plans cite another


LAW_2022_IN_FORCE = dt.date(2024, 1, 1)
LEGAL_BASES = (
    Basis(
        "15/2003/QH11",
        "Luật",
        "Thi đua, khen thưởng",
        "Quốc hội",
        dt.date(2003, 11, 26),
        LAW_2022_IN_FORCE,
    ),
    Basis(
        "47/2005/QH11",
        "Luật",
        "sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
        "Quốc hội",
        dt.date(2005, 6, 14),
        LAW_2022_IN_FORCE,
    ),
    Basis(
        "39/2013/QH13",
        "Luật",
        "sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
        "Quốc hội",
        dt.date(2013, 11, 16),
        LAW_2022_IN_FORCE,
    ),
    Basis(
        "06/2022/QH15",
        "Luật",
        "Thi đua, khen thưởng",
        "Quốc hội",
        dt.date(2022, 6, 15),
    ),
    Basis(
        "121/2005/NĐ-CP",
        "Nghị định",
        "quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng",
        "Chính phủ",
        dt.date(2005, 9, 30),
        dt.date(2010, 6, 1),
    ),
    Basis(
        "42/2010/NĐ-CP",
        "Nghị định",
        "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        "Chính phủ",
        dt.date(2010, 4, 15),
        dt.date(2017, 9, 15),
    ),
    Basis(
        "91/2017/NĐ-CP",
        "Nghị định",
        "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        "Chính phủ",
        dt.date(2017, 7, 31),
        dt.date(2023, 12, 31),
    ),
    Basis(
        "98/2023/NĐ-CP",
        "Nghị định",
        "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        "Chính phủ",
        dt.date(2023, 12, 31),
    ),
    Basis(
        "34-CT/TW",
        "Chỉ thị",
        "về tiếp tục đổi mới công tác thi đua, khen thưởng",
        "Bộ Chính trị",
        dt.date(2014, 4, 7),
    ),
    Basis(
        "05-CT/TW",
        "Chỉ thị",
        "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Bộ Chính trị",
        dt.date(2016, 5, 15),
    ),
)
LAW_2022_BASES = ("06/2022/QH15", "98/2023/NĐ-CP")


def bases_for(launched_on: dt.date) -> list[str]:
    """What a plan launched on that date cites: texts issued by then and not yet replaced;
    from 2024 on, the 2022 Law and its decree (they are in force from the start of the year)."""
    chosen = []
    for basis in LEGAL_BASES:
        if basis.number in LAW_2022_BASES:
            if launched_on >= LAW_2022_IN_FORCE - dt.timedelta(days=1):
                chosen.append(basis.number)
            continue
        if basis.issued_on <= launched_on and (
            basis.in_force_until is None or launched_on < basis.in_force_until
        ):
            chosen.append(basis.number)
    return chosen


PLAN_2022 = (
    (
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với phát hiện, "
        "bồi dưỡng và nhân rộng các gương “Người tốt, việc tốt” trong toàn ngành",
        "Mỗi đơn vị lựa chọn, giới thiệu ít nhất một tấm gương tiêu biểu trong năm.",
    ),
    (
        "Chăm lo đời sống vật chất, tinh thần của người có công với cách mạng; đẩy mạnh "
        "phong trào “Đền ơn đáp nghĩa, uống nước nhớ nguồn”",
        "Giải quyết đúng, đủ, kịp thời chế độ ưu đãi; không để hộ người có công thuộc diện "
        "hộ nghèo.",
    ),
    (
        "Thi đua giải quyết việc làm, kết nối cung - cầu lao động, phát triển thị trường "
        "lao động Thủ đô",
        "Tổ chức phiên giao dịch việc làm định kỳ và lưu động; hoàn thành chỉ tiêu giải quyết "
        "việc làm được giao.",
    ),
    (
        "Nâng cao chất lượng giáo dục nghề nghiệp; thi đua “Dạy tốt, học tốt” tại các trường "
        "trực thuộc Sở",
        "Đổi mới chương trình, phương pháp đào tạo gắn với nhu cầu của doanh nghiệp.",
    ),
    (
        "Thực hiện đầy đủ, kịp thời chính sách trợ giúp xã hội; thi đua “Vì người nghèo - "
        "Không để ai bị bỏ lại phía sau”",
        "",
    ),
    (
        "Thi đua “Quản lý, chăm sóc, nuôi dưỡng tốt đối tượng” tại các trung tâm bảo trợ xã "
        "hội, chăm sóc người tâm thần, người có công và nạn nhân chất độc da cam/dioxin",
        "Bảo đảm an toàn tuyệt đối cho đối tượng; nâng cao chất lượng chăm sóc, phục hồi "
        "chức năng.",
    ),
    (
        "Nâng cao hiệu quả cai nghiện ma túy và quản lý sau cai nghiện; phòng, chống tệ nạn xã hội",
        "Hoàn thành chỉ tiêu tiếp nhận cai nghiện bắt buộc; hỗ trợ học nghề, tạo việc làm "
        "cho người sau cai.",
    ),
    (
        "Bảo vệ, chăm sóc trẻ em; thúc đẩy bình đẳng giới và vì sự tiến bộ của phụ nữ",
        "",
    ),
    (
        "Đẩy mạnh cải cách hành chính; nâng cao mức độ hài lòng của người dân, doanh nghiệp "
        "đối với dịch vụ công của ngành",
        "Giải quyết hồ sơ đúng hạn, công khai, minh bạch; tăng tỷ lệ hồ sơ trực tuyến.",
    ),
    (
        "Chuyển đổi số trong quản lý nhà nước về lao động, người có công và xã hội; hoàn "
        "thiện, khai thác cơ sở dữ liệu của ngành",
        "",
    ),
    (
        "Thực hiện văn hóa công sở và quy tắc ứng xử của cán bộ, công chức, viên chức, người "
        "lao động",
        "",
    ),
    (
        "Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng, tiêu cực",
        "",
    ),
    (
        "Hưởng ứng Cuộc thi viết về gương điển hình tiên tiến, “Người tốt, việc tốt”; tuyên "
        "truyền, biểu dương kịp thời các điển hình nhân dịp 30 năm phong trào (1992 - 2022)",
        "Mỗi đơn vị có bài viết tham gia cuộc thi cấp ngành.",
    ),
)

PLAN_2024 = (
    (
        "Tiếp tục thực hiện Chỉ thị số 34-CT/TW của Bộ Chính trị; triển khai Luật Thi đua, "
        "khen thưởng năm 2022 và Nghị định số 98/2023/NĐ-CP đến từng đơn vị",
        "Rà soát, ban hành lại quy chế thi đua, khen thưởng của đơn vị theo quy định mới.",
    ),
    (
        "Gắn phong trào “Người tốt, việc tốt” với học tập và làm theo tư tưởng, đạo đức, "
        "phong cách Hồ Chí Minh và các phong trào thi đua yêu nước của Thành phố",
        "",
    ),
    (
        "Thi đua hoàn thành các chỉ tiêu năm 2024 về giải quyết việc làm, tuyển sinh giáo dục "
        "nghề nghiệp, cai nghiện ma túy và bảo đảm an sinh xã hội",
        "Các chỉ tiêu được theo dõi hằng tháng trên hệ thống.",
    ),
    (
        "Thực hiện văn hóa công sở và nơi công cộng; xây dựng người Hà Nội thanh lịch, văn minh",
        "",
    ),
    (
        "Phát động và hưởng ứng Cuộc thi viết về gương điển hình tiên tiến, “Người tốt, việc "
        "tốt” năm 2024 theo Kế hoạch của UBND Thành phố; nâng cao chất lượng bài viết",
        "",
    ),
    (
        "Phát hiện, khen thưởng kịp thời và nhân rộng điển hình; giới thiệu gương tiêu biểu "
        "của ngành vào sách “Những bông hoa đẹp” của Thành phố",
        "",
    ),
)

# Other years: a shorter plan of the same shape (the articles give only 2022's and 2024's).
PLAN_OTHER_YEARS = (
    ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh trong toàn ngành", ""),
    ("Thi đua hoàn thành xuất sắc chỉ tiêu, nhiệm vụ chuyên môn được giao trong năm", ""),
    ("Quản lý, chăm sóc, nuôi dưỡng tốt đối tượng; thực hiện tốt chính sách an sinh xã hội", ""),
    ("Phát hiện, bồi dưỡng, biểu dương các gương “Người tốt, việc tốt”", ""),
    ("Hưởng ứng Cuộc thi viết về gương điển hình tiên tiến, “Người tốt, việc tốt”", ""),
)
PLANS = {2022: PLAN_2022, 2024: PLAN_2024}

PURPOSE = (
    "Phát huy truyền thống yêu nước, tinh thần tương thân tương ái của cán bộ, công chức, viên "
    "chức và người lao động toàn ngành; kịp thời phát hiện, biểu dương, nhân rộng các gương "
    "“Người tốt, việc tốt”, góp phần hoàn thành các nhiệm vụ chính trị năm {year}."
)
CITY_PURPOSE = (
    "Phong trào thi đua thường xuyên của Thủ đô, phát động từ năm 1992: phát hiện, tôn vinh "
    "những người tốt, việc tốt trong mọi lĩnh vực, lan tỏa “vườn hoa” việc tốt khắp Thành phố."
)


COLLECTIVE_COMMITMENTS = {
    UnitType.DIVISION: (
        "Tham mưu đúng hạn, chất lượng các nhiệm vụ được giao; không có hồ sơ quá hạn; "
        "100% công chức hoàn thành tốt nhiệm vụ."
    ),
    UnitType.CENTRE: (
        "Chăm sóc, nuôi dưỡng an toàn 100% đối tượng; không để xảy ra sự cố nghiêm trọng; "
        "giới thiệu ít nhất 1 gương “Người tốt, việc tốt”."
    ),
    UnitType.REHAB: (
        "Hoàn thành chỉ tiêu tiếp nhận, điều trị cai nghiện; quản lý chặt chẽ học viên, "
        "không để xảy ra trốn viện; tổ chức dạy nghề cho học viên."
    ),
    UnitType.SCHOOL: (
        "Hoàn thành chỉ tiêu tuyển sinh; tỷ lệ học sinh tốt nghiệp có việc làm trên 80%; "
        "thi đua “Dạy tốt, học tốt”."
    ),
}
DEFAULT_COMMITMENT = (
    "Hoàn thành xuất sắc nhiệm vụ năm; 100% cán bộ, viên chức, người lao động chấp hành tốt "
    "nội quy, quy chế; tham gia Cuộc thi viết về gương điển hình tiên tiến."
)
PERSON_COMMITMENT = "Hoàn thành tốt nhiệm vụ được giao; tích cực tham gia phong trào của đơn vị."
LATE_REASON = "Đơn vị gửi văn bản đăng ký qua đường công văn sau hạn; Thường trực ghi nhận."
