"""The public site: pages, filters, cache headers, accessibility basics, no staff shell."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image

from guongsang.showcase import services
from guongsang.showcase.models import Story, StoryStatus
from guongsang.showcase.tests.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(world):
    return {
        "a": make_story(
            "Chị Liên và các cháu",
            unit=world.centre,
            person=world.person,
            year=2022,
            featured=True,
            summary="Chăm sóc nạn nhân da cam.",
        ),
        "b": make_story(
            "Tập thể đoàn kết",
            unit=world.other_centre,
            year=2023,
            collective_name="Phòng Công tác xã hội",
        ),
        "draft": make_story("Bản nháp bí mật", unit=world.centre, published=False),
    }


def test_home_shows_featured_and_latest_without_login(client, stories):
    response = client.get(reverse("showcase:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chị Liên và các cháu" in body and "Tập thể đoàn kết" in body
    assert "Bản nháp bí mật" not in body
    assert "Lê Thị Bích Liên" in body and "Phòng Công tác xã hội" in body
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    # (Vary: Cookie comes from the project's two-factor middleware reading the session.)
    assert "csrfmiddlewaretoken" not in body and "Set-Cookie" not in str(response.cookies)
    assert '<html lang="vi">' in body and 'href="#noi-dung"' in body
    assert '<nav class="vh-nav"' in body and "Đăng xuất" not in body


def test_browse_by_year_unit_and_title(client, stories, world):
    assert (
        "Tập thể đoàn kết" not in client.get(reverse("showcase:year", args=[2022])).content.decode()
    )
    body = client.get(
        reverse("showcase:browse"), {"unit": str(world.other_centre.uuid)}
    ).content.decode()
    assert "Tập thể đoàn kết" in body and "Chị Liên và các cháu" not in body
    body = client.get(reverse("showcase:browse"), {"year": "2022"}).content.decode()
    assert "Chị Liên và các cháu" in body and "Tập thể đoàn kết" not in body


def test_story_page_at_readable_url_and_drafts_are_404(client, stories, world):
    story = stories["a"]
    response = client.get(f"/vuon-hoa/2022/{story.slug}/")
    assert response.status_code == 200
    assert '<h1 class="h2">Chị Liên và các cháu</h1>' in response.content.decode()
    assert client.get(f"/vuon-hoa/2023/{story.slug}/").status_code == 404  # wrong year
    draft = stories["draft"]
    assert client.get(f"/vuon-hoa/{draft.year}/{draft.slug}/").status_code == 404
    services.story_withdraw(
        actor=world.secretariat, story=story, reason="Người được nêu gương xin gỡ"
    )
    assert client.get(f"/vuon-hoa/2022/{story.slug}/").status_code == 404  # not the cached page


def test_search_page(client, stories):
    response = client.get(reverse("showcase:search"), {"q": "CHI LIEN"})
    body = response.content.decode()
    assert "Chị Liên và các cháu" in body and "Tập thể đoàn kết" not in body
    assert "max-age=60" in response["Cache-Control"]
    body = client.get(reverse("showcase:search"), {"q": "không có đâu"}).content.decode()
    assert "Không tìm thấy câu chuyện nào" in body
    assert client.get(reverse("showcase:search"), {"q": "x", "page": "abc"}).status_code == 200


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 18), "red").save(buffer, format="PNG")
    return SimpleUploadedFile("anh.png", buffer.getvalue(), content_type="image/png")


def test_publishing_needs_consent_and_photos_are_served_only_when_public(client, world):
    story = services.story_create(
        actor=world.secretariat,
        unit=world.centre,
        title="Người tốt, việc tốt ở Trung tâm",
        body="Đoạn một.\nĐoạn hai.",
        year=2023,
        person=world.person,
        photo=_png(),
        photo_alt="Chị Liên bên các cháu",
    )
    assert story.slug == "nguoi-tot-viec-tot-o-trung-tam" and story.status == StoryStatus.DRAFT
    photo_url = reverse("showcase:photo", args=[story.uuid])
    assert client.get(photo_url).status_code == 404
    with pytest.raises(ValidationError, match="đồng ý"):
        services.story_publish(actor=world.secretariat, story=story)
    with pytest.raises(IntegrityError), transaction.atomic():
        Story.objects.filter(pk=story.pk).update(status=StoryStatus.PUBLISHED)
    services.story_record_consent(actor=world.secretariat, story=story, note="Phiếu đồng ý")
    story = services.story_publish(actor=world.secretariat, story=story)
    page = client.get(f"/vuon-hoa/2023/{story.slug}/").content.decode()
    assert 'alt="Chị Liên bên các cháu"' in page
    assert f'<meta property="og:image" content="http://testserver{photo_url}">' in page
    assert "<p>Đoạn một.</p>" in page and "<p>Đoạn hai.</p>" in page
    response = client.get(photo_url)
    assert response.status_code == 200 and b"".join(response.streaming_content)[:4] == b"\x89PNG"
    # A second story with the same title gets its own slug; published slugs stay put.
    other = services.story_create(
        actor=world.secretariat,
        unit=world.centre,
        title="Người tốt, việc tốt ở Trung tâm",
        body="Khác.",
        year=2023,
        collective_name="Tổ y tế",
    )
    assert other.slug == "nguoi-tot-viec-tot-o-trung-tam-2"
    services.story_update(actor=world.secretariat, story=story, title="Tiêu đề mới")
    story.refresh_from_db()
    assert story.slug == "nguoi-tot-viec-tot-o-trung-tam" and story.search_title == "tieu de moi"


def test_story_rules(world):
    with pytest.raises(ValidationError, match="cá nhân"):
        services.story_create(
            actor=world.secretariat, unit=world.centre, title="T", body="B", year=2023
        )
    with pytest.raises(ValidationError, match="mô tả"):
        services.story_create(
            actor=world.secretariat,
            unit=world.centre,
            title="T",
            body="B",
            year=2023,
            person=world.person,
            photo=_png(),
        )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.story_create(
            actor=world.officer,
            unit=world.centre,
            title="T",
            body="B",
            year=2023,
            person=world.person,
        )
    assert not Story.objects.exists()


def test_secretariat_pages_are_scoped(client, world, stories):
    client.force_login(world.officer)
    assert client.get(reverse("showcase:manage_stories")).status_code == 403
    client.force_login(world.secretariat)
    body = client.get(reverse("showcase:manage_stories")).content.decode()
    assert "Chị Liên và các cháu" in body and "Bản nháp bí mật" in body
    edit = reverse("showcase:story_edit", args=[stories["draft"].uuid])
    assert client.get(edit).status_code == 200
    response = client.post(reverse("showcase:story_publish", args=[stories["draft"].uuid]))
    assert response.status_code == 302
    stories["draft"].refresh_from_db()
    assert stories["draft"].status == StoryStatus.DRAFT  # no consent: refused, nothing changed
    client.post(reverse("showcase:story_consent", args=[stories["draft"].uuid]), {"note": "Phiếu"})
    client.post(reverse("showcase:story_publish", args=[stories["draft"].uuid]))
    stories["draft"].refresh_from_db()
    assert stories["draft"].status == StoryStatus.PUBLISHED
    client.post(reverse("showcase:story_withdraw", args=[stories["draft"].uuid]), {"reason": ""})
    stories["draft"].refresh_from_db()
    assert stories["draft"].status == StoryStatus.PUBLISHED
    client.post(
        reverse("showcase:story_withdraw", args=[stories["draft"].uuid]), {"reason": "Xin gỡ"}
    )
    stories["draft"].refresh_from_db()
    assert stories["draft"].status == StoryStatus.WITHDRAWN


def test_create_story_through_the_form(client, world):
    client.force_login(world.secretariat)
    response = client.post(
        reverse("showcase:story_create"),
        {
            "title": "Ông Đặng nhặt được của rơi",
            "summary": "",
            "body": "Trả lại người đánh rơi.",
            "unit": str(world.centre.uuid),
            "person": str(world.person.uuid),
            "collective_name": "",
            "year": "2024",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    story = Story.objects.get()
    assert story.slug == "ong-dang-nhat-duoc-cua-roi" and story.created_by == world.secretariat
    from guongsang.core.models import AuditEntry

    assert AuditEntry.objects.filter(object_type="showcase.story", action="create").count() == 1


def test_a_card_names_the_honouree_once_and_the_unit_with_its_parent(client, world):
    make_story(
        f"{world.person.full_name}: bàn tay ấm",
        unit=world.centre,
        person=world.person,
        year=2023,
        summary="Chăm sóc nạn nhân da cam suốt mười năm.",
    )
    page = client.get("/vuon-hoa/").content.decode()
    card = page.split('<article class="vh-card">')[1].split("</article>")[0]
    assert card.count(world.person.full_name) == 1
    assert f"{world.centre.name}, {world.dept.name}" in card


def test_the_site_has_a_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url.endswith("/favicon.svg")
    assert 'rel="icon"' in client.get("/vuon-hoa/").content.decode()


def test_old_saved_links_of_the_public_site_and_its_management_keep_their_filters(
    client, world, stories
):
    browse = reverse("showcase:browse")
    old = client.get(f"{browse}?nam=2022&trang=1", follow=True)
    assert old.redirect_chain == [(f"{browse}?year=2022&page=1", 301)]
    body = old.content.decode()
    assert "Chị Liên và các cháu" in body and "Tập thể đoàn kết" not in body
    old = client.get(f"{browse}?don_vi={world.other_centre.uuid}", follow=True)
    assert "Tập thể đoàn kết" in old.content.decode()
    assert "Chị Liên và các cháu" not in old.content.decode()
    search = reverse("showcase:search")
    response = client.get(f"{search}?q=Ch%E1%BB%8B+Li%C3%AAn&trang=2")
    assert response.status_code == 301
    assert response["Location"] == f"{search}?q=Ch%E1%BB%8B+Li%C3%AAn&page=2"
    client.force_login(world.secretariat)
    manage = reverse("showcase:manage_stories")
    assert "Bản nháp bí mật" not in client.get(manage, {"status": "published"}).content.decode()
    old = client.get(f"{manage}?trang_thai=published", follow=True)
    assert old.redirect_chain == [(f"{manage}?status=published", 301)]
    body = old.content.decode()
    assert "Chị Liên và các cháu" in body and "Bản nháp bí mật" not in body
