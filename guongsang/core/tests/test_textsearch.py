"""The internal lists' search ignores diacritics, case and đ/Đ, the same way on both databases."""

from django.db.models import Value

from guongsang.accounts.models import User
from guongsang.accounts.selectors import user_list
from guongsang.core.formatting import fold
from guongsang.core.textsearch import Folded, fold_search, translation_table
from guongsang.nominations.selectors import dossiers_filtered
from guongsang.nominations.tests.factories import make_dossier
from guongsang.people.models import Person
from guongsang.people.selectors import person_list
from guongsang.people.tests.factories import make_person


def test_the_database_folds_like_the_python_fold(db):
    text = "Đặng Ngọc Tâm, NGUYỄN Minh Châm — Ưu tú, Ỷ lại, Phạm Thị Hường"
    make_person("Lan", unit=_unit())
    folded = Person.objects.annotate(f=Folded(Value(text))).values_list("f", flat=True)
    assert (
        folded.first()
        == fold(text)
        == ("dang ngoc tam, nguyen minh cham — uu tu, y lai, pham thi huong")
    )


def test_every_vietnamese_letter_with_marks_is_in_the_table():
    source, target = translation_table()
    for letter in "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ":
        assert letter in source and letter.upper() in source
    assert len(source) == len(target)


def _unit():
    from guongsang.org.tests.factories import make_unit

    return make_unit("Trung tâm Điều dưỡng")


def test_people_search_without_diacritics_finds_the_namesakes_only(world):
    cham = make_person("Nguyễn Minh Châm", unit=world.centre, female=True)
    tam = make_person("Đặng Ngọc Tâm", unit=world.centre)
    make_person("Nguyễn Minh Chấn", unit=world.centre)
    found = list(person_list(user=world.secretariat, query="nguyen minh cham"))
    assert found == [cham]
    assert list(person_list(user=world.secretariat, query="dang ngoc tam")) == [tam]
    assert list(person_list(user=world.secretariat, query="ĐẶNG")) == [tam]
    assert list(person_list(user=world.secretariat, query="tam dang")) == [tam]
    assert list(person_list(user=world.secretariat, query="dang ngoc tan")) == []


def test_dossier_search_folds_the_nominee_and_the_units(world, titles):
    cham = make_person("Nguyễn Minh Châm", unit=world.centre, female=True)
    wanted = make_dossier(world, person=cham)
    make_dossier(world, person=world.person)
    found = dossiers_filtered(user=world.secretariat, text="nguyen minh cham")
    assert list(found) == [wanted]
    by_unit = dossiers_filtered(user=world.secretariat, text="bao tro xa hoi 1")
    assert by_unit.count() == 2


def test_user_search_folds_the_full_name(world):
    User.objects.filter(pk=world.leader.pk).update(full_name="Đỗ Thị Hằng")
    assert [u.username for u in user_list(query="do thi hang")] == ["lanhdao"]


def test_an_empty_query_leaves_the_list_alone(world):
    qs = Person.objects.all()
    assert fold_search(qs, "  ", "full_name").count() == qs.count()
