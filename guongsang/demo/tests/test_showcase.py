"""The demo's stories and tips; the public pages never show personal data."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from guongsang.demo import facts
from guongsang.people.models import Person
from guongsang.showcase.models import Story, StoryStatus, Tip, TipStatus

pytestmark = pytest.mark.django_db
UUID_IN_TEXT = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}"
)


@pytest.fixture
def demo(demo_db):
    """The whole demo (built once per session)."""
    return {"stories": Story.objects.count(), "tips": Tip.objects.count()}


def test_demo_then_public_pages_without_personal_data(demo, django_assert_num_queries):
    from guongsang.demo.steps.showcase import seed

    # Idempotent: one look (in its savepoint), as the builder has run it already.
    with django_assert_num_queries(3):
        assert seed() == {"stories": 0, "tips": 0}
    _check_demo_stories(demo)
    _check_no_personal_data()
    _check_story_page_preview()


def _check_demo_stories(demo):
    from guongsang.awards.models import Award
    from guongsang.demo.steps.awards import GOOD_COLLECTIVE, GOOD_PERSON_BASE, GOOD_PERSON_CITY

    honoured = Award.objects.filter(
        year__in=(2022, 2023),
        title__code__in=(GOOD_PERSON_BASE, GOOD_PERSON_CITY, GOOD_COLLECTIVE),
        revoked_on__isnull=True,
    )
    people_2022 = honoured.filter(year=2022, person__isnull=False).count()
    assert people_2022 == facts.YEAR_2022.good_people_city + facts.YEAR_2022.good_people_department
    assert demo["stories"] == honoured.count() + 1 == Story.objects.count()
    assert set(Story.objects.filter(award__isnull=False).values_list("award_id", flat=True)) == set(
        honoured.values_list("id", flat=True)
    )
    published = Story.objects.published()
    assert published.count() == Story.objects.count()
    assert not Story.objects.filter(consent_recorded_at__isnull=True).exists()
    for name in (facts.HONOUREE_MEDICAL.full_name, facts.HONOUREE_TEACHER.full_name):
        story = Story.objects.get(person__full_name=name, year=2022)
        assert story.featured and story.status == StoryStatus.PUBLISHED
    assert Story.objects.filter(featured=True).count() >= 3
    assert Story.objects.filter(collective_name__gt="").exists()
    counts = {s: Tip.objects.filter(status=s).count() for s in TipStatus.values}
    assert all(counts.values()), counts
    assert Tip.objects.filter(dossier__state="draft").count() == 1


def _public_pages(client):
    stories = list(Story.objects.published().order_by("id"))
    urls = [
        reverse("showcase:home"),
        reverse("showcase:browse"),
        reverse("showcase:year", args=[2022]),
        reverse("showcase:year", args=[2023]),
        reverse("showcase:search") + "?q=nguoi+tot",
        reverse("showcase:search") + "?q=nguyen",
        reverse("showcase:search") + "?q=trung+tam",
        reverse("showcase:browse") + "?page=2",
        *(reverse("showcase:story", args=[s.year, s.slug]) for s in stories),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()


def _check_no_personal_data():
    secrets = set()
    for citizen_id, phone, dob, address in Person.objects.values_list(
        "citizen_id", "phone", "date_of_birth", "address"
    ):
        secrets |= {v for v in (citizen_id, phone) if v}
        if address:
            secrets.add(address)
        if dob:
            secrets.add(dob.strftime("%d/%m/%Y"))
    secrets |= {t.tipster_contact for t in Tip.objects.all()}
    secrets |= {t.tipster_name for t in Tip.objects.all()}
    assert len(secrets) > 100
    pages = 0
    for url, body in _public_pages(Client()):
        found = [s for s in secrets if s in body]
        assert not found, (url, found[:3])
        # Nothing that looks like a citizen ID (12 digits) or a mobile number either. Record keys
        # in links (random UUIDs) are left out first: a segment such as "a0550585125b" is hex,
        # not a phone number, and made this check fail now and then.
        text = UUID_IN_TEXT.sub(" ", body)
        assert not re.search(r"(?<!\d)0\d{11}(?!\d)|(?<!\d)0[35789]\d{8}(?!\d)", text), url
        pages += 1
    assert pages > 50


def _check_story_page_preview():
    client = Client()
    story = Story.objects.get(person__full_name=facts.HONOUREE_MEDICAL.full_name)
    response = client.get(reverse("showcase:story", args=[story.year, story.slug]))
    body = response.content.decode()
    url = f"http://testserver/vuon-hoa/2022/{story.slug}/"
    assert story.slug == "le-thi-bich-lien-ban-tay-am-cua-cac-nan-nhan-da-cam"
    assert f'<link rel="canonical" href="{url}">' in body
    assert f'<meta property="og:url" content="{url}">' in body
    assert '<meta property="og:type" content="article">' in body
    assert f'<meta property="og:title" content="{story.title}">' in body
    assert '<meta name="twitter:card" content="summary_large_image">' in body
    # The demo draws this story a picture: the preview shows it, not the site's default.
    photo = reverse("showcase:photo", args=[story.uuid])
    assert f'<meta property="og:image" content="http://testserver{photo}">' in body
    assert "facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Fvuon-hoa%2F2022%2F" in body
    assert "zalo.me" in body
    assert 'href="#noi-dung"' in body and '<main id="noi-dung"' in body
    assert "Trần Thu Hà" not in body  # no staff menu, no user name
    assert "Đăng xuất" not in body
