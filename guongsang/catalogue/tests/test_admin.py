from decimal import Decimal

import pytest
from django.urls import reverse

from guongsang.catalogue.models import Title
from guongsang.core.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def test_the_admin_edits_a_coefficient_and_the_change_is_audited(client, world):
    title = Title.objects.get(code="nguoi-tot-viec-tot-co-so")
    client.force_login(world.admin)
    page = client.get(reverse("admin:catalogue_title_change", args=[title.pk]))
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"coefficient": "0.5", "criteria": '["Có hành động tốt"]'})
    for key in ("prerequisites-TOTAL_FORMS", "prerequisites-INITIAL_FORMS"):
        data[key] = "0"
    response = client.post(reverse("admin:catalogue_title_change", args=[title.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    title.refresh_from_db()
    assert title.coefficient == Decimal("0.5")
    entry = AuditEntry.objects.get(action="update", object_id=str(title.uuid))
    assert Decimal(entry.after["coefficient"]) == Decimal("0.5")


def test_a_unit_officer_cannot_reach_the_catalogue_admin(client, world):
    client.force_login(world.officer)
    response = client.get(reverse("admin:catalogue_title_changelist"))
    assert response.status_code == 302


def test_the_admin_sees_the_article_beside_each_rule(client, world):
    title = Title.objects.get(code="chien-si-thi-dua-toan-quoc")
    client.force_login(world.admin)
    page = client.get(reverse("admin:catalogue_title_change", args=[title.pk])).content.decode()
    # The coefficient and its article share a row; the prerequisite shows its article too.
    row = page.split('name="coefficient"', 1)[1].split("</fieldset>", 1)[0]
    assert "Nghị định 98/2023/NĐ-CP, Điều 54 (mức tiền thưởng danh hiệu thi đua)" in row
    assert "Luật Thi đua, khen thưởng 2022, Điều 21: 02 lần liên tục được tặng" in page


def test_the_list_of_titles_shows_each_titles_article_and_its_reward_article(client, world):
    client.force_login(world.admin)
    page = client.get(reverse("admin:catalogue_title_changelist")).content.decode()
    row = page.split("Chiến sĩ thi đua cơ sở</a>", 1)[1].split("</tr>", 1)[0]
    assert "Luật Thi đua, khen thưởng 2022, Điều 23" in row
    assert "Nghị định 98/2023/NĐ-CP, Điều 54 (mức tiền thưởng danh hiệu thi đua)" in row
