"""Checked figures as officers and journalists write them: the two press articles on the
department's "Người tốt, việc tốt" movement (2022 and 2023, in tests/data), and the ways a
count, a change and a level are typed."""

from decimal import Decimal
from pathlib import Path

import pytest

from guongsang.org.models import Unit
from guongsang.reports.checks import check_text, warnings_for
from guongsang.reports.figures import ReportData, TitleLine
from guongsang.reports.numerals import parse
from guongsang.targets.selectors import AttainmentRow

DATA = Path(__file__).parent / "data"


def _2023() -> ReportData:
    """The department's 2023 records: 5 city-level and 22 base-level individuals (21 in
    2022), 41 contest entries against 43 in 2022, three indicators at nine months."""
    data = ReportData(year=2023, unit=Unit(name="Sở"), first_year=2009)
    data.titles = [
        TitleLine("nguoi-tot-viec-tot-thanh-pho", "NTVT TP", "individual", 5, 5, 0, 132),
        TitleLine("nguoi-tot-viec-tot-co-so", "NTVT CS", "individual", 22, 21, 1, 704),
    ]
    data.contest_entries, data.contest_previous = 41, 43
    data.targets_month = 9
    data.targets = [
        AttainmentRow("vl", "Giải quyết việc làm", "người", Decimal(162000), Decimal(171228),
                      Decimal("105.6963")),
        AttainmentRow("ts", "Tuyển sinh giáo dục nghề nghiệp", "người", Decimal(230000),
                      Decimal(202590), Decimal("88.0826")),
        AttainmentRow("cn", "Cai nghiện bắt buộc", "người", Decimal(1200), Decimal(1243),
                      Decimal("103.5833")),
    ]  # fmt: skip
    return data


def _2022() -> ReportData:
    data = ReportData(year=2022, unit=Unit(name="Sở"), first_year=2009)
    data.titles = [
        TitleLine("nguoi-tot-viec-tot-thanh-pho", "NTVT TP", "individual", 5, 8, -3, 127),
        TitleLine("nguoi-tot-viec-tot-co-so", "NTVT CS", "individual", 21, 40, -19, 682),
        TitleLine("tap-the-tot", "Tập thể tốt", "collective", 0, 1, -1, 13),
    ]
    data.contest_entries, data.contest_previous = 43, 0
    return data


def test_the_2023_article_has_exactly_one_wrong_figure_the_change_of_entries():
    text = (DATA / "bao_2023_nguoi_tot_viec_tot.txt").read_text(encoding="utf-8")
    findings = check_text(text, _2023())
    wrong = [f for f in findings if not f.ok]
    # "so với năm 2022, số lượng bài viết tăng hơn 5 bài": 41 - 43 = -2, not more than +5.
    assert [(w.stated, w.computed) for w in wrong] == [("tăng hơn 5 bài", "giảm 2 bài")]
    assert "41" in wrong[0].message and "43" in wrong[0].message
    agreeing = sorted(f.phrase for f in findings if f.ok)
    assert agreeing == sorted(
        [
            "5 cá nhân",  # "được Chủ tịch UBND Thành phố khen tặng": city level, 5
            "22 cá nhân",  # "… cấp cơ sở cho 22 cá nhân": the level before the count
            "41 bài viết",
            "đạt 105,7% kế hoạch",
            "đạt 88,1% kế hoạch",
            "đạt 103,6% kế hoạch",
        ]
    )


def test_the_2022_article_agrees_with_the_2022_records():
    text = (DATA / "bao_2022_hoi_nghi.txt").read_text(encoding="utf-8")
    findings = check_text(text, _2022())
    assert [f.phrase for f in findings if not f.ok] == []
    # 26 in all (5 + 21), "05" read as 5, the level after the title's name.
    assert sorted(f.phrase for f in findings) == sorted(
        ["26 cá nhân", "43 bài viết", "05 cá nhân", "21 cá nhân", "5 cá nhân"]
    )


@pytest.mark.parametrize(
    ("sentence", "flags"),
    [
        ("So với năm 2022, số lượng bài viết tăng hơn 5 bài.", [("tăng hơn 5 bài", "giảm 2 bài")]),
        ("so với năm 2022, số lượng bài viết tăng 5", [("tăng 5 bài", "giảm 2 bài")]),
        ("So với năm 2022, số bài viết giảm 2 bài.", []),
        ("Số bài dự thi giảm hơn 1 bài so với năm trước.", []),
        ("Số cá nhân cấp cơ sở tăng 1 người so với năm trước.", []),
        (
            "Số cá nhân cấp cơ sở tăng 3 cá nhân so với năm 2022.",
            [("tăng 3 cá nhân", "tăng 1 cá nhân")],
        ),
        ("Năm 2023 có 30 người được công nhận danh hiệu.", [("30 người", "27")]),
        ("Năm 2023 giải quyết việc làm cho 30 người.", []),
        ("Năm 2023 có ba mươi cá nhân được khen.", [("ba mươi cá nhân", "27")]),
        ("Năm 2023 có hai mươi bảy cá nhân được khen.", []),
        ("Số người được khen là 30.", [("Số người được khen là 30", "27")]),
        ("Số cá nhân được khen cấp cơ sở là 22.", []),
        ("Có 22 cá nhân được khen cấp Thành phố.", [("22 cá nhân", "5")]),
        ("Khen danh hiệu cấp Thành phố cho 22 cá nhân.", [("22 cá nhân", "5")]),
        ("Khen danh hiệu cấp cơ sở cho 22 cá nhân.", []),
        ("Có 41 bài, trong đó 5 bài lọt vào vòng chung khảo.", []),
        ("Năm 2023 có hơn 20 cá nhân được khen.", []),
        ("Năm 2023 có hơn 30 cá nhân được khen.", [("hơn 30 cá nhân", "27")]),
    ],
)
def test_figures_as_people_type_them(sentence, flags):
    found = [(w.stated, w.computed) for w in warnings_for(sentence, _2023())]
    assert found == flags


def test_vietnamese_number_words():
    assert [parse(t) for t in ("ba mươi", "hai mươi mốt", "mười lăm", "một trăm linh năm")] == [
        30,
        21,
        15,
        105,
    ]
    assert parse("05") == 5 and parse("1.243") == 1243
    assert parse("hai ba") is None
