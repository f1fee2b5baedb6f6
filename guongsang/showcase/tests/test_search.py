"""Search ignores diacritics and case, on SQLite (FTS5) and PostgreSQL (tsvector, GIN)."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from guongsang.showcase import search
from guongsang.showcase.models import Story, StoryStatus, published_stories
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
    story.status = StoryStatus.WITHDRAWN
    story.save()
    assert _titles("quynh") == []
    story.status = StoryStatus.PUBLISHED
    story.save()
    assert _titles("quynh") == ["Chuyện ở làng Quỳnh"]
    draft = stories["draft"]
    draft.status = StoryStatus.PUBLISHED
    draft.consent_recorded_at = timezone.now()
    draft.published_at = timezone.now()
    draft.save()
    assert _titles("chua dang") == ["Người tốt, việc tốt chưa đăng"]
    Story.objects.filter(pk=story.pk).delete()
    assert _titles("quynh") == []


def test_empty_or_punctuation_query_finds_nothing(stories):
    assert _titles("") == []
    assert _titles(" ,.;!") == []
    assert _titles('" OR 1=1 --') == []  # FTS syntax and SQL are neutralised


def _expected(query, k):
    """The documented rule, computed in Python over every public story."""
    terms = query_terms(query)
    last = terms[-1]

    def matches(story):
        words = story.search_text.split()
        if not all(t in words for t in terms[:-1]):
            return False
        return last in words or (len(last) >= 3 and any(w.startswith(last) for w in words))

    found = [s for s in published_stories() if matches(s)]
    newest = sorted(found, key=lambda s: (s.published_at, s.pk), reverse=True)[:k]
    phrase = " " + " ".join(terms)

    def rank(story):
        title = f" {story.search_title} "
        in_title = all(f" {t} " in title for t in terms[:-1]) and f" {last}" in title
        return (in_title, phrase in f" {story.search_text} ", story.published_at, story.pk)

    return [s.title for s in sorted(newest, key=rank, reverse=True)]


@pytest.fixture
def crowd(stories, world):
    """Thirty more stories: "viec tot" in many, "lang" in a few, in a scrambled date order."""
    base = timezone.now() - dt.timedelta(days=400)
    for n in range(30):
        body = "Việc tốt của người tốt." if n % 3 else "Chuyện ở làng bên sông."
        title = f"Việc tốt số {n}" if n % 4 == 0 else f"Câu chuyện {n}"
        make_story(
            title,
            unit=world.centre,
            body=body,
            published_at=base + dt.timedelta(days=(n * 7) % 30),
        )


@pytest.mark.parametrize(
    ("probe_rows", "walk_rows", "candidates"),
    [(10_000, 27_000, 100), (3, 1, 5), (6, 100, 5), (4, 3, 8), (1, 2, 3)],
)
def test_every_strategy_ranks_the_newest_matches(
    crowd, monkeypatch, probe_rows, walk_rows, candidates
):
    # PostgreSQL walks the newest stories, walks further, or asks the GIN index depending on
    # these settings; whichever it does, the result is the documented rule.
    monkeypatch.setattr(search, "PROBE_ROWS", probe_rows)
    monkeypatch.setattr(search, "WALK_ROWS_PER_TERM", walk_rows)
    monkeypatch.setattr(search, "CANDIDATES", candidates)
    for query in ("viec tot", "nguoi tot viec tot", "lang", "lan", "cau chuyen", "tot so 1"):
        assert _titles(query) == _expected(query, candidates), query
    assert len(_titles("viec tot")) == min(candidates, 27)  # 23 + 4 in `stories`


def test_pg_walk_and_gin_index_agree(crowd, monkeypatch):
    if connection.vendor != "postgresql":
        assert not hasattr(connection, "pg_version")  # the SQLite path has no such strategies
        return
    for query in ("viec tot", "lang", "cau chuyen", "zzz"):
        terms = query_terms(query)
        for k in (1, 4, 100):
            monkeypatch.setattr(search, "PROBE_ROWS", 1_000)  # the walk finds them all
            walked = search._pg_newest(terms, k)
            monkeypatch.setattr(search, "PROBE_ROWS", 1)  # one story tested, then the GIN index
            monkeypatch.setattr(search, "WALK_ROWS_PER_TERM", 0)
            assert walked == search._pg_newest(terms, k), (query, k)
            assert walked[:k] == [
                s.pk
                for s in sorted(
                    (
                        s
                        for s in published_stories()
                        if all(t in s.search_text.split() for t in terms[:-1])
                        and any(w.startswith(terms[-1]) for w in s.search_text.split())
                    ),
                    key=lambda s: (s.published_at, s.pk),
                    reverse=True,
                )[:k]
            ], (query, k)
            monkeypatch.undo()
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")  # the function's settings do not leak
        assert cursor.fetchone()[0] == "on"


def test_words_typed_with_diacritics_rank_the_exact_spelling_first(world):
    base = timezone.now() - dt.timedelta(days=10)
    make_story(
        "Ông Đăng giúp người già",
        unit=world.centre,
        body="Chuyện ông Đăng.",
        published_at=base + dt.timedelta(days=2),
    )
    make_story(
        "Ông Đặng giúp người già", unit=world.centre, body="Chuyện ông Đặng.", published_at=base
    )
    make_story(
        "Bà Dang ở Hà Nội",
        unit=world.centre,
        body="Một câu chuyện.",
        published_at=base + dt.timedelta(days=1),
    )
    assert _titles("Đặng")[0] == "Ông Đặng giúp người già"
    assert _titles("đặng")[0] == "Ông Đặng giúp người già"
    assert _titles("ĐĂNG")[0] == "Ông Đăng giúp người già"
    # Without diacritics, no spelling is preferred: the title hits, newest first.
    assert _titles("dang") == [
        "Ông Đăng giúp người già",
        "Bà Dang ở Hà Nội",
        "Ông Đặng giúp người già",
    ]


def test_search_index_in_place():
    if connection.vendor == "sqlite":
        assert sqlite_index_in_place()
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename IN "
                "('showcase_story', 'showcase_story_words') ORDER BY indexname"
            )
            names = {row[0] for row in cursor.fetchall()}
            assert {
                "showcase_story_search_gin",
                "showcase_story_words_gin",
                "showcase_story_words_newest",
            } <= names
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'showcase_story'::regclass "
                "AND tgname LIKE 'showcase_story_words%%' ORDER BY tgname"
            )
            assert [row[0] for row in cursor.fetchall()] == [
                "showcase_story_words_sync",
                "showcase_story_words_truncate",
            ]


def test_pg_words_table_holds_exactly_the_public_stories(stories):
    if connection.vendor != "postgresql":
        assert _titles("chua dang") == []  # drafts are filtered by the query itself
        return
    Story.objects.filter(pk=stories["body"].pk).delete()

    def ids():
        with connection.cursor() as cursor:
            cursor.execute("SELECT story_id FROM showcase_story_words ORDER BY story_id")
            return [row[0] for row in cursor.fetchall()]

    public = sorted(published_stories().values_list("pk", flat=True))
    assert len(public) == 3
    assert ids() == public
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM showcase_story_words")
    search.rebuild_pg_words()  # refilled from showcase_story, indexes rebuilt
    assert ids() == public
    assert _titles("nguoi tot viec tot") == [
        "Người tốt, việc tốt ở Trung tâm",
        "Ông Đặng Văn Hòa nhặt được của rơi",
        "Việc nhỏ",
    ]


def test_a_search_is_one_statement(stories, django_assert_num_queries):
    # The candidates are a subquery of the ranking query (on PostgreSQL the function of
    # migration 0005, whose plan settings stay inside it).
    settings = "SELECT current_setting('enable_seqscan'), current_setting('work_mem')"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(settings)
            before = cursor.fetchone()
    with django_assert_num_queries(1):
        assert list(search_stories("khong co chu nao nhu the")) == []
    with django_assert_num_queries(1):
        assert len(list(search_stories("nguoi tot viec tot"))) == 4
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(settings)
            assert cursor.fetchone() == before
