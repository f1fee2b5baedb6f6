"""Pages are Vietnamese whatever the browser's language; the switcher's choice holds."""

import re

import pytest
from django.conf import settings

LOGIN = "/tai-khoan/dang-nhap/"


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["en-US,en;q=0.9", "fr", "", "vi-VN"])
def test_the_browser_language_does_not_change_the_page(client, accept):
    page = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE=accept)
    assert "Tên đăng nhập" in page.content.decode()
    assert page.headers["Content-Language"] == "vi"


@pytest.mark.django_db
def test_the_switcher_choice_is_kept(client):
    switched = client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})
    assert switched.status_code == 302
    page = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="vi")
    assert "Username" in page.content.decode() and "Tên đăng nhập" not in page.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"  # an unknown value falls back
    assert "Tên đăng nhập" in client.get(LOGIN).content.decode()


@pytest.mark.django_db
def test_the_language_menu_names_each_language_in_itself(client, world):
    client.force_login(world.officer)
    for language in ("vi", "en"):
        client.post("/i18n/setlang/", {"language": language, "next": "/"})
        page = client.get("/", follow=True).content.decode()
        options = re.findall(r'<option value="(\w+)"[^>]*>([^<]+)</option>', page)
        assert options == [("vi", "Tiếng Việt"), ("en", "English")]
        assert "Tiếng Anh" not in page
