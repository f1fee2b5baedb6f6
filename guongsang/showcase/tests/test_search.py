"""Search ignores diacritics and case, on SQLite (FTS5) and PostgreSQL (tsvector, GIN)."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from guongsang.showcase.models import Story
from guongsang.showcase.search import search_stories, sqlite_index_in_place
from guongsang.showcase.tests.factories import make_story
from guongsang.showcase.text import normalise, query_terms, slugify_vi

pytestmark = pytest.mark.django_db


def test_normalise_strips_diacritics_case_and_punctuation():
    assert normalise("Người tốt, việc tốt") == "nguoi tot viec tot"
    assert normalise("ĐẶNG Đức Thuận") == "dang duc thuan"
    assert normalise("Hà Nội—2023!") == "ha noi 2023"
    assert query_terms("  tốt  TỐT  việc ") == ["tot", "viec"]
    assert slugify_vi("Nguyễn Thị Bích Thủy: cô giáo") == "nguyen-thi-bich-thuy-co-giao"


@pytest.fixture
def stories(world):
    base = timezone.now() - dt.timedelta(days=30)
    s = {}
    s["ntvt"] = make_story(
        "Người tốt, việc tốt ở Trung tâm",
        unit=world.centre,
        body="Một tấm gương sáng.",
        published_at=base,
    )
    s["dang"] = make_story(
        "Ông Đặng Văn Hòa nhặt được của rơi",
        unit=world.centre,
        body="Trả lại người đánh mất. Người tốt việc tốt.",
        published_at=base + dt.timedelta(days=1),
    )
    s["body"] = make_story(
        "Cô giáo tận tụy",
        unit=world.other_centre,
        body="Cô là người tốt; việc tốt của cô được học trò nhớ mãi.",
        published_at=base + dt.timedelta(days=2),
    )
    s["scattered"] = make_story(
        "Việc nhỏ",
        unit=world.other_centre,
        body="Việc tốt hằng ngày của một người bình thường, rất tốt.",
        published_at=base + dt.timedelta(days=3),
    )
    s["draft"] = make_story("Người tốt, việc tốt chưa đăng", unit=world.centre, published=False)
    return s


def _titles(query):
    return [story.title for story in search_stories(query)]


def test_query_without_diacritics_finds_the_accented_title_first(stories):
    found = _titles("nguoi tot viec tot")
    # Title hit first, then phrase hits (newest first), then the scattered words.
    assert found == [
        "Người tốt, việc tốt ở Trung tâm",
        "Cô giáo tận tụy",
        "Ông Đặng Văn Hòa nhặt được của rơi",
        "Việc nhỏ",
    ]
    assert "Người tốt, việc tốt chưa đăng" not in found  # drafts are never public


def test_case_and_d_with_stroke_are_ignored(stories):
    assert _titles("dang") == ["Ông Đặng Văn Hòa nhặt được của rơi"]
    assert _titles("ĐẶNG") == _titles("dang") == _titles("Đặng") == _titles("DaNg")


def test_diacritic_on_the_wrong_letter_still_matches_by_letters(stories):
    # Documented design: diacritics are stripped from the query too, so a mark typed on the
    # wrong letter ("ngưòi" for "người") does not matter; a wrong letter does.
    assert _titles("ngưòi tót") == _titles("nguoi tot")
    assert _titles("nguoj tot") == []


def test_multi_word_queries_need_every_word(stories):
    assert _titles("co giao tan tuy") == ["Cô giáo tận tụy"]
    assert _titles("giao hoa") == []
    assert _titles("hoa dang") == ["Ông Đặng Văn Hòa nhặt được của rơi"]


def test_the_last_word_is_a_prefix(stories):
    assert _titles("nhat duoc cua ro") == []  # fewer than three letters: a whole word only
    assert _titles("nhat duoc cua roi") == ["Ông Đặng Văn Hòa nhặt được của rơi"]
    assert _titles("Ông Đặng Văn Hòa nhặt đượ") == ["Ông Đặng Văn Hòa nhặt được của rơi"]
    assert _titles("hoa nha") == ["Ông Đặng Văn Hòa nhặt được của rơi"]


def test_only_the_newest_candidates_are_ranked(stories, monkeypatch):
    from guongsang.showcase import search

    monkeypatch.setattr(search, "CANDIDATES", 2)
    # The two newest matches only, ranked among themselves (title hit first).
    assert _titles("nguoi tot viec tot") == ["Cô giáo tận tụy", "Việc nhỏ"]


def test_names_and_units_are_searchable(stories, world):
    assert _titles("bao tro xa hoi 2 binh thuong") == ["Việc nhỏ"]


def test_index_follows_edits_and_deletes(stories):
    story = stories["scattered"]
    story.title = "Chuyện ở làng Quỳnh"
    story.body = "Không còn chữ nào khác."
    story.save()
    assert _titles("quynh") == ["Chuyện ở làng Quỳnh"]
    assert "Chuyện ở làng Quỳnh" not in _titles("viec tot")
    Story.objects.filter(pk=story.pk).delete()
    assert _titles("quynh") == []


def test_empty_or_punctuation_query_finds_nothing(stories):
    assert _titles("") == []
    assert _titles(" ,.;!") == []
    assert _titles('" OR 1=1 --') == []  # FTS syntax and SQL are neutralised


def test_search_index_in_place():
    if connection.vendor == "sqlite":
        assert sqlite_index_in_place()
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'showcase_story' "
                "AND indexname = 'showcase_story_search_gin'"
            )
            assert cursor.fetchone() is not None
