"""Photos sent with a tip: checked by content, stored without any metadata, shown to moderators
only."""

import io
import time

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from guongsang.core.models import AuditEntry
from guongsang.showcase.forms import form_token
from guongsang.showcase.models import Tip, TipPhoto
from guongsang.showcase.tests.factories import make_tip

pytestmark = pytest.mark.django_db
URL = "/vuon-hoa/bao-tin/"
GPS_IFD = 0x8825
TEXT = b"day la van ban, khong phai anh\n"  # a text file someone renamed .jpg


def _data(**extra):
    return {
        "about_who": "Chị Phạm Thị Lan",
        "where": "Phường Kim Liên, quận Đống Đa",
        "what": "Cứu một cụ già bị ngã ở ngã tư.",
        "tipster_name": "Đỗ Văn Nam",
        "tipster_contact": "0987 654 321",
        "consent": "on",
        "website": "",
        "started": form_token(issued_at=time.time() - 30),
        **extra,
    }


def _gif() -> bytes:
    """A real picture, but a GIF: Pillow reads it, the site does not take it."""
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(out, "GIF")
    return out.getvalue()


def photo_with_gps(name="anh.jpg", *, size=(40, 30), orientation=None) -> SimpleUploadedFile:
    """A JPEG as a phone writes it: EXIF with the camera, a GPS position, a comment."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Hãng máy ảnh"  # Make
    exif[0x0110] = "Điện thoại"  # Model
    exif[GPS_IFD] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 50.0, 10.0)}
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"chup tai nha so 12")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def test_the_photo_made_by_the_test_carries_gps_before_it_is_sent():
    with Image.open(io.BytesIO(photo_with_gps().read())) as image:
        assert image.getexif().get_ifd(GPS_IFD)[2] == (21.0, 1.0, 30.0)
        assert image.info.get("comment") == b"chup tai nha so 12"


def test_a_photo_is_stored_without_exif_gps_or_comment(client):
    response = client.post(URL, {**_data(), "photos": [photo_with_gps("ảnh vườn.jpg")]})
    assert response.status_code == 302
    tip = Tip.objects.get()
    photo = TipPhoto.objects.get(tip=tip)
    assert photo.original_name == "ảnh vườn.jpg" and photo.content_type == "image/jpeg"
    assert photo.file.name.startswith("tips/") and default_storage.exists(photo.file.name)
    with default_storage.open(photo.file.name, "rb") as fh:
        stored = fh.read()
    assert photo.size == len(stored)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (40, 30)
        assert dict(image.getexif()) == {}
        for key in ("exif", "comment", "xmp", "icc_profile"):
            assert key not in image.info
    assert b"Exif" not in stored and b"chup tai nha so" not in stored
    entry = AuditEntry.objects.get(object_type="showcase.tip", action="create")
    assert "1 ảnh" in entry.reason


def test_the_orientation_is_applied_before_the_tag_is_dropped(client):
    # Orientation 6: the camera was turned; the pixels are 40×30, the photo is 30×40 upright.
    client.post(URL, {**_data(), "photos": [photo_with_gps(orientation=6)]})
    photo = TipPhoto.objects.get()
    with Image.open(default_storage.open(photo.file.name, "rb")) as image:
        assert image.size == (30, 40) and dict(image.getexif()) == {}


def test_png_and_webp_are_taken_and_stay_in_their_format(client):
    files = []
    for fmt, name in (("PNG", "a.png"), ("WEBP", "b.webp")):
        out = io.BytesIO()
        Image.new("RGB", (8, 8), "blue").save(out, fmt)
        files.append(SimpleUploadedFile(name, out.getvalue()))
    assert client.post(URL, {**_data(), "photos": files}).status_code == 302
    kinds = sorted(TipPhoto.objects.values_list("content_type", flat=True))
    assert kinds == ["image/png", "image/webp"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: [SimpleUploadedFile("anh.jpg", TEXT)], "không phải ảnh JPEG"),
        (lambda: [SimpleUploadedFile("anh.jpg", _gif())], "không phải ảnh JPEG"),
        (lambda: [photo_with_gps(f"{n}.jpg") for n in range(4)], "tối đa 3 ảnh"),
    ],
)
def test_a_bad_photo_is_refused_in_vietnamese_and_the_rest_of_the_form_kept(client, make, message):
    response = client.post(URL, {**_data(), "photos": make()})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Cứu một cụ già bị ngã ở ngã tư." in page and 'value="Chị Phạm Thị Lan"' in page
    assert not Tip.objects.exists() and not TipPhoto.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(client, settings):
    from guongsang.core import uploads

    big = SimpleUploadedFile("to.jpg", b"\xff\xd8\xff" + b"0" * (uploads.PHOTO_MAX_BYTES + 1))
    response = client.post(URL, {**_data(), "photos": [big]})
    assert "quá lớn (tối đa 5 MB)" in response.content.decode()
    assert not Tip.objects.exists()


def test_a_moderator_sees_the_photo_others_do_not(client, world):
    client.post(URL, {**_data(), "photos": [photo_with_gps()]})
    photo = TipPhoto.objects.get()
    tip = photo.tip
    url = f"/vuon-hoa/quan-ly/tin-bao/{tip.uuid}/anh/{photo.uuid}/"
    with default_storage.open(photo.file.name, "rb") as fh:
        stored = fh.read()

    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous.url

    for outsider in (world.officer, world.other_officer, world.leader):
        client.force_login(outsider)
        assert client.get(url).status_code == 403

    client.force_login(world.secretariat)
    detail = client.get(f"/vuon-hoa/quan-ly/tin-bao/{tip.uuid}/").content.decode()
    assert f'src="{url}"' in detail
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == stored
    assert "private" in response["Cache-Control"]

    other = make_tip()
    elsewhere = f"/vuon-hoa/quan-ly/tin-bao/{other.uuid}/anh/{photo.uuid}/"
    assert client.get(elsewhere).status_code == 404
