"""The near-duplicate check: a planted copy and a light rewording are flagged, with the
overlapping passages located in both texts; unrelated entries are not."""

import random

from django.contrib.auth import get_user_model
from django.urls import reverse

from guongsang.contests import duplicates, services, textgen
from guongsang.contests.models import DuplicateMatch, TextSignature
from guongsang.contests.tests.factories import make_contest, make_entry


def test_fold_strips_case_diacritics_and_d():
    assert duplicates.fold("Đặng") == "dang"
    assert duplicates.normalise("Người TỐT, việc tốt!") == "nguoi tot viec tot"


def test_overlap_spans_are_merged_and_point_into_the_original_text():
    a = "Một hai ba bốn năm. Sáu bảy tám chín mười."
    b = "MOT HAI BA BON NAM va khong lien quan gi"
    common = duplicates.shingle_set(a) & duplicates.shingle_set(b)
    spans = duplicates.overlap_spans(a, common)
    assert [a[s:e] for s, e in spans] == ["Một hai ba bốn năm"]
    assert "<mark>Một hai ba bốn năm</mark>" in duplicates.highlight(a, spans)


def _corpus(world, n=12, seed=7):
    rng = random.Random(seed)
    contest = make_contest(world.dept)
    entries = []
    for i in range(n):
        story = textgen.story(rng)
        entry = make_entry(
            contest,
            world.centre if i % 2 else world.other_centre,
            title=story.title,
            text=story.text,
            subject_name=story.subject,
            code=f"x-{i:03d}",
        )
        entries.append((entry, story))
    return contest, entries, rng


def test_unrelated_entries_are_not_flagged(world):
    _, entries, _ = _corpus(world)
    for entry, _ in entries:
        assert services.duplicates_record(entry=entry) == []
    assert TextSignature.objects.filter(source="entry").count() == len(entries)


def test_a_planted_copy_and_a_light_rewording_are_flagged(world):
    contest, entries, rng = _corpus(world)
    original, story = entries[3]
    copy = make_entry(contest, world.centre, title="Bài chép", text=story.text + "\nThêm một câu.")
    reworded_text = textgen.reword(
        story.text, rng=rng, old_name=story.subject, new_name="Trương Thị Hậu"
    )
    assert story.subject not in reworded_text and "ậ" not in reworded_text
    reworded = make_entry(contest, world.centre, title="Bài viết lại", text=reworded_text)
    for entry, _ in entries:
        services.duplicates_record(entry=entry)
    found = services.duplicates_record(entry=copy)
    assert [m.object_id for m in found] == [str(original.pk)]
    assert found[0].containment > 0.9 and found[0].entry_spans and found[0].other_spans
    found = services.duplicates_record(entry=reworded)
    assert str(original.pk) in {m.object_id for m in found}
    match = next(m for m in found if m.object_id == str(original.pk))
    assert match.jaccard > duplicates.MIN_JACCARD and match.estimated > duplicates.LSH_THRESHOLD
    # The earlier entry is the original: it is not flagged against the later copies.
    assert services.duplicates_record(entry=original) == []


def test_secretariat_sees_the_passages_highlighted_in_both_texts(client, world):
    contest, entries, _ = _corpus(world, n=3)
    original, story = entries[0]
    copy = make_entry(contest, world.centre, title="Bài chép", text=story.text)
    services.duplicates_record(entry=copy)
    assert DuplicateMatch.objects.filter(entry=copy).count() == 1
    client.force_login(world.secretariat)
    body = client.get(reverse("contests:entry_duplicates", args=[copy.uuid])).content.decode()
    assert body.count("<mark>") >= 2 and original.title in body
    client.force_login(world.officer)
    url = reverse("contests:entry_duplicates", args=[copy.uuid])
    assert client.get(url).status_code == 403
    assert get_user_model().objects.filter(username="canbo").exists()


def test_published_stories_are_part_of_the_corpus(world):
    from django.utils import timezone

    from guongsang.showcase.models import Story

    rng = random.Random(3)
    story = textgen.story(rng)
    fields = {f.name for f in Story._meta.get_fields()}
    extra = {"unit": world.centre} if "unit" in fields else {}
    Story.objects.create(
        title="Câu chuyện đã đăng",
        slug="cau-chuyen-da-dang",
        body=story.text,
        year=2023,
        status="published",
        consent_recorded_at=timezone.now(),
        published_at=timezone.now(),
        **extra,
    )
    contest = make_contest(world.dept)
    copy = make_entry(contest, world.centre, title="Chép từ Vườn hoa", text=story.text)
    found = services.duplicates_record(entry=copy)
    assert [(m.source, m.label) for m in found] == [("story", "Câu chuyện đã đăng")]
