import datetime as dt

import pytest

from guongsang.core.formatting import parse_vn_date, vn_date, vn_number, vn_percent


def test_dates_read_the_vietnamese_way():
    assert vn_date(dt.date(2022, 9, 23)) == "ngày 23 tháng 9 năm 2022"


def test_document_dates_have_leading_zeros_for_small_days_and_january_february():
    assert vn_date(dt.date(2024, 2, 5), leading_zeros=True) == "ngày 05 tháng 02 năm 2024"
    assert vn_date(dt.date(2024, 9, 5), leading_zeros=True) == "ngày 05 tháng 9 năm 2024"


def test_numbers_group_thousands_with_dots_and_decimals_with_commas():
    assert vn_number(171228) == "171.228"
    assert vn_number(1112000) == "1.112.000"
    assert vn_percent(105.7) == "105,7%"
    assert vn_percent(171228 / 162000 * 100) == "105,7%"


def test_dates_typed_as_day_month_year_are_parsed():
    assert parse_vn_date("23/09/2022") == dt.date(2022, 9, 23)
    with pytest.raises(ValueError, match="dd/mm/yyyy"):
        parse_vn_date("2022/23/09")


def test_names_sort_by_given_name_in_vietnamese_alphabetical_order():
    from guongsang.core.formatting import vn_sort_key

    names = [
        "Vũ Văn Đức",
        "Đinh Thị An",
        "Bạch Liên Hương",
        "Nguyễn Văn Dũng",
        "Lê Thị Ánh",
        "Trần Văn Anh",
        "Phạm Thị Ân",
        "Hoàng Văn Ăn",
        "Đặng Thị Ân",
    ]
    ordered = sorted(names, key=vn_sort_key)
    assert ordered == [
        "Đinh Thị An",
        "Trần Văn Anh",
        "Lê Thị Ánh",
        "Hoàng Văn Ăn",
        "Đặng Thị Ân",
        "Phạm Thị Ân",
        "Nguyễn Văn Dũng",
        "Vũ Văn Đức",
        "Bạch Liên Hương",
    ]


def test_the_date_filter_follows_the_page_language():
    from django.utils import translation

    from guongsang.core.templatetags.vn import vn_date as date_filter

    day = dt.date(2022, 9, 23)
    assert date_filter(day) == "ngày 23 tháng 9 năm 2022"
    with translation.override("en"):
        assert date_filter(day) == "23 September 2022"


def test_a_file_name_keeps_the_d_of_đ_and_Đ():
    from guongsang.core.formatting import file_slug

    assert file_slug("1/QĐ-SLĐTBXH") == "1-qd-sldtbxh"
    assert file_slug("Đặng Ngọc Tâm đi đường") == "dang-ngoc-tam-di-duong"
    assert file_slug("///") == "tep"


def test_a_name_with_its_own_quotes_is_not_quoted_twice():
    from guongsang.core.formatting import quoted

    assert quoted("Tiếp nhận") == "“Tiếp nhận”"
    assert quoted("Huy hiệu “Người tốt, việc tốt”") == "Huy hiệu “Người tốt, việc tốt”"
