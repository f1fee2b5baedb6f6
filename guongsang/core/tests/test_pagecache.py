"""Officer pages from the cache: served again without rebuilding, never after a write."""

import pytest
from django.contrib.sessions.models import Session
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from guongsang.core.pagecache import CSRF_PLACEHOLDER, records_version
from guongsang.nominations import services
from guongsang.nominations.tests.factories import make_dossier
from guongsang.people.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]

# A page from the cache still reads the session, the user and the user's grants (the access
# check), and nothing else.
HIT_QUERIES = {"nominations:list": 3, "stats:dashboard": 3}


@pytest.mark.parametrize("name", sorted(HIT_QUERIES))
def test_a_page_seen_before_is_served_with_the_access_check_alone(
    client, world, django_assert_num_queries, name
):
    make_dossier(world)
    client.force_login(world.secretariat)
    first = client.get(reverse(name))
    with django_assert_num_queries(HIT_QUERIES[name]):
        again = client.get(reverse(name))
    assert again.status_code == 200
    body = again.content.decode()
    assert CSRF_PLACEHOLDER not in body
    assert body.split('"X-CSRFToken": "')[0] == first.content.decode().split('"X-CSRFToken": "')[0]


def test_a_dossier_seen_before_costs_only_the_access_check(
    client, world, django_assert_num_queries
):
    dossier = make_dossier(world)
    client.force_login(world.secretariat)
    url = reverse("nominations:detail", args=[dossier.uuid])
    client.get(url)
    # Session, user, grants, the dossier in scope (the view permission's scope is a set kept
    # in the cache under the records version).
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


def test_a_write_through_a_service_shows_at_once(client, world):
    dossier = make_dossier(world)
    client.force_login(world.officer)
    url = reverse("nominations:detail", args=[dossier.uuid])
    assert "Cứu người đuối nước" in client.get(url).content.decode()
    services.dossier_update(actor=world.officer, dossier=dossier, summary="Dập lửa cứu nhà bên.")
    assert "Dập lửa cứu nhà bên" in client.get(url).content.decode()


def test_a_renamed_person_shows_in_the_list_at_once(client, world):
    make_dossier(world)
    client.force_login(world.officer)
    assert "Lê Thị Bích Liên" in client.get(reverse("nominations:list")).content.decode()
    person = Person.objects.get(pk=world.person.pk)
    person.full_name = "Lê Thị Bích Hằng"
    person.save()
    assert "Lê Thị Bích Hằng" in client.get(reverse("nominations:list")).content.decode()


def test_each_user_gets_their_own_page(client, world):
    make_dossier(world)
    client.force_login(world.officer)
    officer_page = client.get(reverse("nominations:list")).content.decode()
    client.force_login(world.other_officer)
    other_page = client.get(reverse("nominations:list")).content.decode()
    assert "Lê Thị Bích Liên" in officer_page
    assert "Lê Thị Bích Liên" not in other_page


@pytest.mark.django_db(transaction=True)
def test_the_version_moves_again_when_the_transaction_commits(world):
    with transaction.atomic():
        before = records_version()
        make_dossier(world)
        at_write = records_version()
    assert at_write > before
    # A page rendered between the write and the commit saw the data before: not kept.
    assert records_version() == at_write + 1


def test_reading_moves_no_version(client, world):
    client.force_login(world.officer)
    before = records_version()
    world.officer.last_login = timezone.now()
    world.officer.save(update_fields=["last_login"])
    Session.objects.all().delete()
    assert records_version() == before


def test_a_page_with_a_message_to_show_is_rendered_afresh(client, world):
    dossier = make_dossier(world, complete=False)
    client.force_login(world.officer)
    url = reverse("nominations:detail", args=[dossier.uuid])
    client.get(url)
    # Refused (the dossier is incomplete): nothing is written, the reason is a message.
    response = client.post(
        reverse("nominations:transition", args=[dossier.uuid, "submit"]), follow=True
    )
    assert response.redirect_chain[-1][0] == url
    assert 'class="alert alert-danger"' in response.content.decode()


def test_the_bell_on_a_cached_page_counts_new_and_read_notifications(client, world):
    from guongsang.nominations.notifications import notifications_mark_read

    dossier = make_dossier(world)
    services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    client.force_login(world.officer)
    url = reverse("nominations:list")
    assert 'data-testid="unread-badge"' not in client.get(url).content.decode()
    services.dossier_transition(
        actor=world.secretariat, dossier=dossier, action="return", reason="Thiếu biên bản."
    )
    assert 'data-testid="unread-badge">1<' in client.get(url).content.decode()
    notifications_mark_read(user=world.officer)
    assert 'data-testid="unread-badge"' not in client.get(url).content.decode()
