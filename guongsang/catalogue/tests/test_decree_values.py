"""The coefficients and their articles as Nghị định 98/2023/NĐ-CP sets them.

Written out here from the decree's published text, not read from the seed: Điều 54 (titles:
CSTĐ toàn quốc 4,5; CSTĐ bộ, ban, ngành, tỉnh 3,0; CSTĐ cơ sở 1,0; Lao động tiên tiến 0,3;
Tập thể lao động xuất sắc 1,5; Tập thể lao động tiên tiến 0,8; Cờ thi đua của Chính phủ 12,0;
cờ thi đua của bộ, ban, ngành, tỉnh 8,0), Điều 55 (Huân chương Lao động hạng Nhất 9,0, Nhì
7,5, Ba 4,5)."""

from decimal import Decimal

import pytest

from guongsang.catalogue.models import Title
from guongsang.catalogue.seed import fix_articles

pytestmark = pytest.mark.django_db

ARTICLE_54 = "Nghị định 98/2023/NĐ-CP, Điều 54 (mức tiền thưởng danh hiệu thi đua)"
ARTICLE_55 = "Nghị định 98/2023/NĐ-CP, Điều 55 (mức tiền thưởng Huân chương các loại)"
ARTICLE_58 = "Nghị định 98/2023/NĐ-CP, Điều 58 (mức tiền thưởng bằng khen, giấy khen)"

DECREE = {
    "chien-si-thi-dua-toan-quoc": ("4.5", ARTICLE_54),
    "chien-si-thi-dua-cap-thanh-pho": ("3.0", ARTICLE_54),
    "chien-si-thi-dua-co-so": ("1.0", ARTICLE_54),
    "lao-dong-tien-tien": ("0.3", ARTICLE_54),
    "tap-the-lao-dong-xuat-sac": ("1.5", ARTICLE_54),
    "tap-the-lao-dong-tien-tien": ("0.8", ARTICLE_54),
    "co-thi-dua-chinh-phu": ("12.0", ARTICLE_54),
    "co-thi-dua-ubnd-thanh-pho": ("8.0", ARTICLE_54),
    "huan-chuong-lao-dong-hang-nhat": ("9.0", ARTICLE_55),
    "huan-chuong-lao-dong-hang-nhi": ("7.5", ARTICLE_55),
    "huan-chuong-lao-dong-hang-ba": ("4.5", ARTICLE_55),
}


def test_every_coefficient_the_decree_sets_is_the_catalogues_with_its_article(titles):
    found = {
        t.code: (t.coefficient, t.coefficient_basis) for t in Title.objects.filter(code__in=DECREE)
    }
    assert found == {code: (Decimal(c), article) for code, (c, article) in DECREE.items()}


def test_the_commendation_forms_cite_the_article_on_bang_khen_and_giay_khen(titles):
    codes = ["giay-khen-giam-doc-so", "bang-khen-chu-tich-ubnd-thanh-pho", "bang-khen-thu-tuong"]
    assert {t.coefficient_basis for t in Title.objects.filter(code__in=codes)} == {ARTICLE_58}


def test_rows_still_holding_the_earlier_articles_are_corrected_and_edited_ones_kept(titles):
    earlier_title = "Nghị định 98/2023/NĐ-CP, Điều 55 (tiền thưởng danh hiệu thi đua)"
    earlier_form = "Nghị định 98/2023/NĐ-CP, Điều 56 (tiền thưởng hình thức khen thưởng)"
    edited = "Quyết định riêng của Thành phố"
    Title.objects.filter(code="lao-dong-tien-tien").update(coefficient_basis=earlier_title)
    Title.objects.filter(code="huan-chuong-lao-dong-hang-ba").update(coefficient_basis=earlier_form)
    Title.objects.filter(code="giay-khen-giam-doc-so").update(coefficient_basis=earlier_form)
    Title.objects.filter(code="bang-khen-thu-tuong").update(coefficient_basis=edited)

    fix_articles(Title)

    def basis(code):
        return Title.objects.get(code=code).coefficient_basis

    assert basis("lao-dong-tien-tien") == ARTICLE_54
    assert basis("huan-chuong-lao-dong-hang-ba") == ARTICLE_55
    assert basis("giay-khen-giam-doc-so") == ARTICLE_58
    assert basis("bang-khen-thu-tuong") == edited
    fix_articles(Title, backwards=True)
    assert basis("lao-dong-tien-tien") == earlier_title
    assert basis("huan-chuong-lao-dong-hang-ba") == earlier_form
    assert basis("giay-khen-giam-doc-so") == earlier_form
