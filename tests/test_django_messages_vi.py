"""Django's own messages that a person can meet in Gương Sáng (form and field errors, the
login and password forms, password rules, pagination) read in Vietnamese: every one of them
has a Vietnamese translation, from Django's catalogue or from locale/vi for what it lacks."""

import inspect
import re

import pytest
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core import validators
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise


def _error_messages() -> list[tuple[str, object]]:
    """Every error message Django's form fields, model fields, validators and auth forms
    carry, as (where, message)."""
    found: list[tuple[str, object]] = []
    for module in (forms.fields, models.fields, auth_forms, validators):
        for name, cls in inspect.getmembers(module, inspect.isclass):
            for klass in cls.__mro__:
                for key, message in getattr(klass, "default_error_messages", {}).items():
                    found.append((f"{name}.{key}", message))
            own = cls.__dict__.get("error_messages")
            for key, message in (own if isinstance(own, dict) else {}).items():
                found.append((f"{name}.{key}", message))
            if isinstance(getattr(cls, "message", None), Promise):
                found.append((name, cls.message))
    return found


def test_every_django_error_message_has_vietnamese():
    messages = _error_messages()
    # Enough of them were found to make the check mean something.
    assert len(messages) > 60
    english = set()
    for where, message in messages:
        with translation.override("en"):
            original = str(message)
        with translation.override("vi"):
            shown = str(message)
        if original and shown == original:
            english.add((where, original))
    assert sorted(english) == []


class _Everything(forms.Form):
    name = forms.CharField(max_length=5)
    count = forms.IntegerField(min_value=1)
    day = forms.DateField()
    mail = forms.EmailField()
    kind = forms.ChoiceField(choices=[("a", "A")])
    link = forms.URLField()
    amount = forms.DecimalField(max_digits=3, decimal_places=1)


ENGLISH_WORDS = re.compile(
    r"\b(the|this|field|enter|valid|please|must|ensure|value|page|password|number|choice)\b",
    re.I,
)


@pytest.mark.django_db
def test_form_login_password_and_pagination_errors_are_vietnamese(django_user_model, client):
    with translation.override("vi"):
        form = _Everything(
            {
                "name": "abcdefgh",
                "count": "0",
                "day": "32/13/2024",
                "mail": "a@",
                "kind": "z",
                "link": "x",
                "amount": "123.45",
            }
        )
        shown = [m for errors in form.errors.values() for m in errors]
        shown += forms.Form({}).errors.get("x", [])
        required = _Everything({})
        shown += [m for errors in required.errors.values() for m in errors]
        login = AuthenticationForm(
            request=RequestFactory().post("/"), data={"username": "x", "password": "y"}
        )
        shown += login.non_field_errors()
        formset = forms.formset_factory(_Everything, max_num=1, validate_max=True)(
            {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0"}
        )
        shown += formset.non_form_errors()
        user = django_user_model.objects.create_user(username="nv", password="Mat-khau-123")
        reset = SetPasswordForm(user, {"new_password1": "abc", "new_password2": "abd"})
        shown += [m for errors in reset.errors.values() for m in errors]
        try:
            validate_password("123", user)
        except ValidationError as exc:
            shown += exc.messages
        for page in ("x", "0", "99"):
            try:
                Paginator([1, 2], 1).validate_number(page)
            except InvalidPage as exc:
                shown.append(str(exc))
    assert len(shown) >= 12
    english = [m for m in shown if ENGLISH_WORDS.search(str(m))]
    assert english == []


@pytest.mark.django_db
def test_the_login_page_refuses_a_wrong_password_in_vietnamese(client):
    response = client.post(reverse("accounts:login"), {"username": "khong-co", "password": "sai"})
    body = response.content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in body
    assert "Please enter" not in body
