"""The public Vườn hoa: a story's card shows its picture, names the honouree once and the unit
with its parent; the site has its icon."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guongsang.showcase.tests.factories import make_story

pytestmark = pytest.mark.e2e


def _jpeg() -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), (230, 120, 60)).save(buffer, "JPEG")
    return SimpleUploadedFile("anh.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["laptop", "phone"])
def test_a_story_card_shows_its_photo_and_where_the_honouree_works(
    app_url, world, page_for, shot, size
):
    make_story(
        f"{world.person.full_name}: bàn tay ấm",
        unit=world.centre,
        person=world.person,
        year=2023,
        summary="Chăm sóc nạn nhân da cam suốt mười năm.",
        photo=_jpeg(),
        photo_alt="Chị Liên bên các cháu",
    )
    page = page_for(*size)
    page.goto(f"{app_url}/vuon-hoa/")
    card = page.locator("article.vh-card").first
    image = card.get_by_role("img", name="Chị Liên bên các cháu")
    # decode() waits for the picture to arrive: the page's load does not wait for a lazy image.
    assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") == 640
    assert f"{world.centre.name}, {world.dept.name}" in card.inner_text()
    assert card.inner_text().count(world.person.full_name) == 1
    assert page.locator('link[rel="icon"]').count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    shot(page, f"public-story-card-{size[0]}x{size[1]}")
    card.get_by_role("link", name=f"{world.person.full_name}: bàn tay ấm").click()
    page.get_by_text(f"{world.centre.name}, {world.dept.name}").wait_for()
