"""Pages that once answered 500 on odd stored data or query strings."""

from __future__ import annotations

import pytest

from tests.bad_inputs.conftest import has_vietnamese, watch

pytestmark = pytest.mark.django_db

# Keys of a snapshot that are also names of dict methods, which the template language would
# call instead of reading the key.
SNAPSHOT_KEYS = ["items", "keys", "values", "get", "pop", "update", "copy", "clear", "setdefault"]


@pytest.mark.parametrize("shape", ["change", "created", "deleted"])
@pytest.mark.parametrize("key", SNAPSHOT_KEYS)
def test_the_audit_page_lists_snapshots_with_any_key(client, corpus, key, shape):
    from guongsang.core.models import AuditAction, AuditEntry

    before = {key: ["Khai mạc"], "name": "Hội nghị"}
    after = {key: ["Khai mạc", "Biểu dương"], "name": "Hội nghị"}
    AuditEntry.objects.create(
        actor=corpus.admin,
        actor_name="quantri",
        action=AuditAction.UPDATE,
        object_type="conference.conference",
        object_id="1",
        object_repr="Hội nghị biểu dương",
        before=None if shape == "created" else before,
        after=None if shape == "deleted" else after,
    )
    client.force_login(corpus.admin)
    check = watch()
    response = client.get("/nhat-ky/")
    assert response.status_code == 200
    text = response.content.decode()
    assert f"<dt>{key}</dt>" in text and "Khai mạc" in text
    check()


LIST_PAGES = ["/nhat-ky/", "/ho-so/", "/ca-nhan/", "/quyet-dinh/", "/phong-trao/"]
ODD_PAGES = ["100000000000000000000000", "-1", "0", "abc", "١٢", "%00", "1e5", ""]


@pytest.mark.parametrize("value", ODD_PAGES)
@pytest.mark.parametrize("url", LIST_PAGES)
def test_a_list_page_with_an_odd_page_number_still_answers(client, corpus, url, value):
    client.force_login(corpus.admin)
    check = watch()
    response = client.get(url, {"page": value})
    assert response.status_code in (200, 400, 404)
    if response.status_code != 200:
        assert has_vietnamese(response.content.decode())
    check()
