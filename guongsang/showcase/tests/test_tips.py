"""Citizens' tips: anti-abuse without CAPTCHA, moderation, a draft nomination, masked contact."""

import time

import pytest
from django.urls import reverse
from django.utils import timezone

from guongsang.core.models import AuditEntry
from guongsang.nominations.models import Dossier
from guongsang.showcase import services
from guongsang.showcase.forms import form_token
from guongsang.showcase.models import Tip, TipStatus
from guongsang.showcase.tests.factories import make_story, make_tip

pytestmark = pytest.mark.django_db
URL = "/vuon-hoa/bao-tin/"


def _data(**extra):
    return {
        "about_who": "Anh Nguyễn Văn Tâm",
        "where": "Phường Phúc Xá, quận Ba Đình",
        "what": "Nhặt được ví và trả lại người đánh rơi.",
        "tipster_name": "Trần Thị Hoa",
        "tipster_contact": "0912 345 678",
        "consent": "on",
        "website": "",
        "started": form_token(issued_at=time.time() - 30),
        **extra,
    }


def test_a_citizen_sends_a_tip(client):
    page = client.get(URL)
    assert page.status_code == 200 and "no-cache" in page["Cache-Control"]
    assert 'name="started"' in page.content.decode()
    response = client.post(URL, _data())
    tip = Tip.objects.get()
    year = timezone.localdate().year
    assert tip.reference == f"TB-{year}-{tip.pk:05d}"
    assert response.status_code == 302
    assert response.url == f"/vuon-hoa/bao-tin/da-gui/?reference={tip.reference}"
    thanks = client.get(response.url).content.decode()
    assert f">{tip.reference}</strong>" in thanks
    forged = client.get("/vuon-hoa/bao-tin/da-gui/?reference=<script>").content.decode()
    assert "<script>" not in forged and "Số tiếp nhận" not in forged
    assert tip.status == TipStatus.NEW and tip.tipster_contact == "0912 345 678"
    assert tip.ip_hash and "127.0.0.1" not in tip.ip_hash
    entry = AuditEntry.objects.get(object_type="showcase.tip", action="create")
    assert entry.after["tipster_contact"] == "***" and entry.after["tipster_name"] == "***"
    assert "ip_hash" not in entry.after


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (lambda: {"website": "http://spam.example"}, "Không gửi được tin báo"),
        (lambda: {"started": form_token()}, "Bạn gửi quá nhanh"),
        (lambda: {"started": form_token(issued_at=time.time() - 3 * 3600)}, "quá hạn"),
        (lambda: {"started": "giả-mạo"}, "Biểu mẫu không hợp lệ"),
        (lambda: {"tipster_contact": "123"}, "Nhập số điện thoại"),
        (lambda: {"consent": ""}, "This field is required|Trường này là bắt buộc"),
    ],
)
def test_bots_and_bad_input_are_refused_with_a_clear_message(client, extra, message):
    import re

    response = client.post(URL, _data(**extra()))
    assert response.status_code == 200
    assert re.search(message, response.content.decode())
    assert not Tip.objects.exists()


def test_rate_limit_per_address(client):
    for _ in range(5):
        assert client.post(URL, _data()).status_code == 302
    response = client.post(URL, _data())
    assert response.status_code == 429 and "thử lại sau" in response.content.decode()
    assert Tip.objects.count() == 5
    other = client.post(URL, _data(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_list_masks_the_contact_and_reveal_is_logged(client, world):
    tip = make_tip()
    client.force_login(world.secretariat)
    body = client.get(reverse("showcase:tips")).content.decode()
    assert "091****678" in body and "T. T. Hoa" in body
    assert "0912345678" not in body and "Trần Thị Hoa" not in body
    detail = client.get(reverse("showcase:tip_detail", args=[tip.uuid])).content.decode()
    assert "0912345678" not in detail
    before = AuditEntry.objects.filter(action="view_personal_data").count()
    reveal = client.post(reverse("showcase:tip_contact", args=[tip.uuid]), HTTP_HX_REQUEST="true")
    assert "0912345678" in reveal.content.decode() and "Trần Thị Hoa" in reveal.content.decode()
    entry = AuditEntry.objects.filter(action="view_personal_data").latest("id")
    assert AuditEntry.objects.filter(action="view_personal_data").count() == before + 1
    assert entry.object_id == str(tip.uuid) and entry.actor == world.secretariat
    client.force_login(world.officer)
    assert client.post(reverse("showcase:tip_contact", args=[tip.uuid])).status_code == 403
    assert client.get(reverse("showcase:tips")).status_code == 403
    assert AuditEntry.objects.filter(action="view_personal_data").count() == before + 1


def test_moderation_accept_merge_reject(client, world):
    first, second, third = make_tip(), make_tip(about_who="Người thứ hai"), make_tip()
    client.force_login(world.secretariat)
    client.post(reverse("showcase:tip_accept", args=[first.uuid]))
    first.refresh_from_db()
    assert first.status == TipStatus.ACCEPTED and first.moderated_by == world.secretariat
    # Reject without a reason: refused, nothing changed.
    client.post(reverse("showcase:tip_reject", args=[second.uuid]), {"reason": " "})
    second.refresh_from_db()
    assert second.status == TipStatus.NEW
    client.post(
        reverse("showcase:tip_reject", args=[second.uuid]), {"reason": "Không xác minh được"}
    )
    second.refresh_from_db()
    assert second.status == TipStatus.REJECTED and second.reject_reason == "Không xác minh được"
    client.post(reverse("showcase:tip_merge", args=[third.uuid]), {"tip": str(first.uuid)})
    third.refresh_from_db()
    assert third.status == TipStatus.MERGED and third.merged_into_tip == first
    story = make_story(unit=world.centre, person=world.person)
    fourth = make_tip()
    services.tip_merge(actor=world.secretariat, tip=fourth, into_story=story)
    fourth.refresh_from_db()
    assert fourth.merged_into_story == story
    states = AuditEntry.objects.filter(object_type="showcase.tip", action="state").count()
    assert states == 4


def test_turn_a_tip_into_a_draft_nomination(client, world, titles):
    tip = make_tip()
    client.force_login(world.secretariat)
    url = reverse("showcase:tip_dossier", args=[tip.uuid])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "unit": str(world.centre.uuid),
            "title": "nguoi-tot-viec-tot-co-so",
            "year": "2024",
            "person": str(world.person.uuid),
        },
    )
    assert response.status_code == 302
    tip.refresh_from_db()
    dossier = Dossier.objects.get()
    assert tip.dossier == dossier and tip.status == TipStatus.ACCEPTED
    assert dossier.state == "draft" and dossier.unit == world.centre and dossier.track == "ad_hoc"
    assert dossier.person == world.person and "Nhặt được ví" in dossier.summary
    assert response.url == reverse("nominations:detail", args=[dossier.uuid])
    # Once linked, the tip cannot be rejected or turned into a second dossier.
    client.post(reverse("showcase:tip_reject", args=[tip.uuid]), {"reason": "x"})
    tip.refresh_from_db()
    assert tip.status == TipStatus.ACCEPTED
    assert client.get(url).status_code == 302 and Dossier.objects.count() == 1


def test_a_tip_cannot_become_a_dossier_of_a_unit_outside_scope(world, titles):
    from django.core.exceptions import PermissionDenied

    from guongsang.accounts.tests.factories import make_user
    from guongsang.core.roles import Role

    narrow = make_user("tt_trungtam", role=Role.SECRETARIAT, unit=world.centre)
    tip = make_tip()
    with pytest.raises(PermissionDenied):
        services.tip_to_dossier(
            actor=narrow,
            tip=tip,
            unit=world.other_centre,
            title=titles["nguoi-tot-viec-tot-co-so"],
            year=2024,
            person=world.other_person,
        )
    assert not Dossier.objects.exists()
    tip.refresh_from_db()
    assert tip.status == TipStatus.NEW


def test_old_saved_links_to_the_thanks_and_the_tips_list_still_work(client, world):
    tip = make_tip(reference="TB-2024-00007")
    thanks = reverse("showcase:tip_thanks")
    old = client.get(f"{thanks}?so={tip.reference}", follow=True)
    assert old.redirect_chain == [(f"{thanks}?reference={tip.reference}", 301)]
    assert f">{tip.reference}</strong>" in old.content.decode()
    client.force_login(world.secretariat)
    tips = reverse("showcase:tips")
    assert "T. T. Hoa" in client.get(tips, {"status": "new"}).content.decode()
    assert "T. T. Hoa" not in client.get(tips, {"status": "rejected"}).content.decode()
    old = client.get(f"{tips}?trang_thai=new", follow=True)
    assert old.redirect_chain == [(f"{tips}?status=new", 301)]
    assert "T. T. Hoa" in old.content.decode()
