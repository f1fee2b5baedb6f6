"""The legal bases a draft cites are the ones in force on its date."""

import datetime as dt

from guongsang.decisions.services import default_bases


def test_a_decision_of_2022_cites_the_2003_law_and_decree_91_2017():
    bases = " ".join(default_bases(dt.date(2022, 8, 26)))
    assert "ngày 26 tháng 11 năm 2003" in bases and "91/2017/NĐ-CP" in bases
    assert "98/2023" not in bases


def test_from_2024_a_decision_cites_the_2022_law_and_decree_98_2023():
    for day in (dt.date(2024, 1, 1), dt.date(2026, 11, 30)):
        bases = " ".join(default_bases(day))
        assert "ngày 15 tháng 6 năm 2022" in bases and "98/2023/NĐ-CP" in bases
        assert "91/2017" not in bases


def test_the_last_day_of_2023_still_cites_decree_91_2017():
    assert "91/2017/NĐ-CP" in " ".join(default_bases(dt.date(2023, 12, 31)))
