"""The catalogue's rules carry their articles: criteria for every title, prerequisites for the
national forms, coefficients as Nghị định 98/2023 sets them."""

from decimal import Decimal

import pytest

from guongsang.catalogue.models import Counting, Prerequisite, Title

pytestmark = pytest.mark.django_db


def test_every_title_and_form_has_criteria_and_an_article(titles):
    for title in Title.objects.all():
        assert title.criteria, title.code
        assert title.legal_basis, title.code
        assert title.coefficient_basis, title.code


def test_the_prime_ministers_bang_khen_carries_1_5_not_1_0(titles):
    title = Title.objects.get(code="bang-khen-thu-tuong")
    assert title.coefficient == Decimal("1.5")
    assert "Nghị định 98/2023/NĐ-CP" in title.coefficient_basis


def test_the_national_forms_have_prerequisites_with_their_article(titles):
    for code, required in [
        ("bang-khen-thu-tuong", "bang-khen-chu-tich-ubnd-thanh-pho"),
        ("huan-chuong-lao-dong-hang-ba", "bang-khen-thu-tuong"),
        ("huan-chuong-lao-dong-hang-nhi", "huan-chuong-lao-dong-hang-ba"),
        ("huan-chuong-lao-dong-hang-nhat", "huan-chuong-lao-dong-hang-nhi"),
    ]:
        pre = Prerequisite.objects.get(title__code=code)
        assert pre.required.code == required and pre.counting == Counting.AFTER
        assert pre.consecutive_years == 5 and "Luật Thi đua, khen thưởng 2022" in pre.legal_basis
    national = Prerequisite.objects.get(title__code="chien-si-thi-dua-toan-quoc")
    assert national.counting == Counting.AWARDS and national.consecutive_years == 2


def test_seeding_again_keeps_what_the_admin_edited(titles):
    from guongsang.catalogue.models import BaseSalary
    from guongsang.catalogue.seed import seed_catalogue

    Title.objects.filter(code="lao-dong-tien-tien").update(legal_basis="Quy chế riêng")
    seed_catalogue(Title, Prerequisite, BaseSalary)
    assert Title.objects.get(code="lao-dong-tien-tien").legal_basis == "Quy chế riêng"
