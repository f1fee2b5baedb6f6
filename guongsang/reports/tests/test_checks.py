"""Checked figures: statements typed in Vietnamese, compared with the computed figures."""

from decimal import Decimal

from guongsang.org.models import Unit
from guongsang.reports.checks import check_text, warnings_for
from guongsang.reports.figures import ReportData, TitleLine
from guongsang.targets.selectors import AttainmentRow


def _data() -> ReportData:
    data = ReportData(year=2023, unit=Unit(name="Sở"), first_year=2009)
    data.titles = [
        TitleLine("nguoi-tot-viec-tot-thanh-pho", "NTVT cấp Thành phố", "individual", 5, 5, 0, 132),
        TitleLine("nguoi-tot-viec-tot-co-so", "NTVT cấp cơ sở", "individual", 22, 21, 1, 704),
        TitleLine("tap-the-tot", "Tập thể tốt", "collective", 2, 3, -1, 15),
    ]
    data.contest_entries, data.contest_previous = 41, 43
    data.targets_month = 9
    data.targets = [
        AttainmentRow(
            "viec-lam",
            "Giải quyết việc làm",
            "người",
            Decimal(162000),
            Decimal(171228),
            Decimal("105.6963"),
        ),
        AttainmentRow(
            "tuyen-sinh-gdnn",
            "Tuyển sinh giáo dục nghề nghiệp",
            "người",
            Decimal(230000),
            Decimal(202590),
            Decimal("88.0826"),
        ),
    ]
    return data


def test_a_wrong_year_over_year_figure_is_flagged_with_the_computed_change():
    warnings = warnings_for("Cuộc thi nhận được 41 bài, tăng 5 bài so với năm trước.", _data())
    assert len(warnings) == 1
    assert warnings[0].stated == "tăng 5 bài"
    assert warnings[0].computed == "giảm 2 bài"
    assert "41" in warnings[0].message and "43" in warnings[0].message


def test_the_right_year_over_year_figure_passes_in_either_word_order():
    data = _data()
    assert warnings_for("Số bài giảm 2 bài so với năm trước.", data) == []
    assert warnings_for("So với năm trước giảm 2 bài dự thi.", data) == []
    found = warnings_for("so với năm trước tăng 5 bài", data)
    assert [f.computed for f in found] == ["giảm 2 bài"]


def test_individuals_and_collectives_of_the_year_and_by_level():
    data = _data()
    text = "Năm 2023 có 27 cá nhân và 2 tập thể; 22 cá nhân cấp cơ sở, 5 cá nhân cấp Thành phố."
    assert all(f.ok for f in check_text(text, data)) and len(check_text(text, data)) == 4
    wrong = warnings_for("Năm 2023 có 30 cá nhân được khen.", data)
    assert [w.computed for w in wrong] == ["27"]
    assert warnings_for("Năm 2022 có 26 cá nhân được khen.", data) == []
    assert [w.computed for w in warnings_for("tăng 3 cá nhân so với năm trước", data)] == [
        "tăng 1 cá nhân"
    ]
    assert [w.computed for w in warnings_for("tăng 1 tập thể so với năm trước", data)] == [
        "giảm 1 tập thể"
    ]


def test_cumulative_figures_since_the_first_year():
    data = _data()
    assert warnings_for("Lũy kế từ năm 2009 đến nay: 836 cá nhân, 15 tập thể.", data) == []
    assert [w.computed for w in warnings_for("Từ năm 2009 có 800 cá nhân.", data)] == ["836"]


def test_target_percentages_match_the_named_indicator():
    data = _data()
    ok = "Giải quyết việc làm cho 171.228 người, đạt 105,7% kế hoạch."
    assert warnings_for(ok, data) == []
    wrong = warnings_for("Tuyển sinh giáo dục nghề nghiệp đạt 90% kế hoạch.", data)
    assert len(wrong) == 1 and "88,1%" in wrong[0].computed
    assert warnings_for("Tuyển sinh giáo dục nghề nghiệp đạt 88% kế hoạch.", data) == []


def test_text_without_figures_gives_no_findings():
    assert check_text("Phong trào được triển khai sâu rộng.", _data()) == []
