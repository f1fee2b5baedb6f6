"""Every form of the project, drawn through the shared partial, is filled in a real browser by
clicking and typing and sent: the server finds the data valid. A widget the partial draws wrong
(a multiple choice drawn as one box, a date the browser cannot type, a file box that drops its
file) makes the form impossible to send, and this test fails on it.

The values are chosen from each field's kind (the first offered choice, a date, a number inside
its bounds, a file its box accepts); the few fields whose validity depends on another field are
given their values below."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms

from guongsang.core.tests.test_form_partial import _arguments, _form_classes
from guongsang.nominations.tests.factories import make_dossier

from . import form_harness

pytestmark = pytest.mark.e2e

# Forms whose validity is another system's answer, not the data's shape: they are sent in every
# journey (tests/e2e/conftest.py logs in with both).
NOT_HERE = {
    "LoginForm": "the password is checked against the user",
    "TokenForm": "the code is checked against the user's authenticator",
}

# Values a field's kind does not tell: (form, field) → what a person types or chooses.
TYPED = {
    ("DossierForm", "votes_for"): "18",
    ("DossierForm", "votes_total"): "20",
    ("PersonForm", "citizen_id"): "001086012345",
    ("PersonForm", "phone"): "0912345678",
    ("TipForm", "tipster_contact"): "0912345678",
    ("TipForm", "website"): "",  # the honeypot a person leaves empty
    ("MergeForm", "story"): "",  # one of tip or story
    ("RoundForm", "criteria"): "Kết quả thực hiện nhiệm vụ chính trị | 40",
    # One author, picked (the picker writes only the chosen person), with the whole share.
    ("InitiativeForm", "share_1"): "100",
    ("InitiativeForm", "share_2"): "",
    ("InitiativeForm", "share_3"): "",
    ("InitiativeForm", "share_4"): "",
    ("OutsideDecisionForm", "lines"): "Đỗ Văn Hùng; Bằng khen của Thủ tướng Chính phủ; Sở",
}
CODES = {"code"}  # identifiers: unaccented letters, digits, - and _

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return buffer.getvalue()


def _xlsx() -> bytes:
    import io

    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _docx() -> bytes:
    import io

    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Nội dung bài viết dự thi.")
    document.save(buffer)
    return buffer.getvalue()


def _file_for(widget: forms.Widget) -> dict:
    accept = str(widget.attrs.get("accept", "")).lower()
    if ".xlsx" in accept or "spreadsheet" in accept:
        return {"name": "danh-sach.xlsx", "mimeType": "application/octet-stream", "buffer": _xlsx()}
    if ".docx" in accept and ".pdf" not in accept:
        return {"name": "bai-viet.docx", "mimeType": "application/octet-stream", "buffer": _docx()}
    if "image" in accept and "pdf" not in accept:
        return {"name": "anh.png", "mimeType": "image/png", "buffer": _png()}
    return {"name": "tai-lieu.pdf", "mimeType": "application/pdf", "buffer": PDF}


def _text_for(field: forms.Field) -> str:
    if isinstance(field, forms.EmailField):
        return "can.bo@example.vn"
    if isinstance(field, forms.URLField):
        return "https://example.vn/bai-viet"
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        low = field.min_value if field.min_value is not None else 1
        high = field.max_value
        value = max(low, 1) if high is None else min(max(low, 1), high)
        if isinstance(field, forms.IntegerField) and 1900 <= (high or 0) <= 2200:
            value = dt.date.today().year  # a year field
        return str(value)
    text = "Nội dung điền thử đủ dài để hợp lệ"
    max_length = getattr(field, "max_length", None)
    return text[:max_length] if max_length else text


def _fill(page, form: forms.BaseForm) -> None:
    name = type(form).__name__
    for bound in form.visible_fields():
        field, widget = bound.field, bound.field.widget
        typed = TYPED.get((name, bound.name))
        if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple too
            choices = [c for c in field.choices if str(c[0]) != ""]
            if choices:
                page.locator(f'input[name="{bound.html_name}"]').first.check()
        elif isinstance(widget, forms.CheckboxInput):
            if field.required:
                page.locator(f"#{bound.auto_id}").check()
        elif isinstance(widget, forms.Select):  # SelectMultiple too
            options = page.locator(f"#{bound.auto_id} option")
            values = [v for v in options.evaluate_all("os => os.map(o => o.value)") if v != ""]
            if values and typed != "":
                page.locator(f"#{bound.auto_id}").select_option(typed or values[0])
        elif isinstance(widget, forms.FileInput):
            image = isinstance(field, forms.ImageField)
            page.locator(f"#{bound.auto_id}").set_input_files(
                {"name": "anh.png", "mimeType": "image/png", "buffer": _png()}
                if image
                else _file_for(widget)
            )
        elif isinstance(field, forms.DateField):
            today = dt.date.today()
            date_input = widget.attrs.get("type") == "date" or widget.input_type == "date"
            page.locator(f"#{bound.auto_id}").fill(
                today.isoformat() if date_input else today.strftime("%d/%m/%Y")
            )
        elif isinstance(widget, forms.PasswordInput):
            page.locator(f"#{bound.auto_id}").fill("Mat-khau-du-dai-2026")
        elif isinstance(field, forms.TimeField):
            page.locator(f"#{bound.auto_id}").fill("08:30")
        elif bound.name in CODES:
            page.locator(f"#{bound.auto_id}").fill("ma-thu-01")
        else:
            page.locator(f"#{bound.auto_id}").fill(_text_for(field) if typed is None else typed)


def _records(world) -> None:
    """One of each record a form offers to choose: a dossier, a council with a session and its
    agenda, a signed decision's lines, a tip and a story, an indicator."""
    from guongsang.council.tests.factories import accepted_dossier, make_council, open_session
    from guongsang.decisions.tests.factories import signed_decision
    from guongsang.people.tests.factories import make_person
    from guongsang.showcase.tests.factories import make_story, make_tip
    from guongsang.targets.tests.factories import make_indicator

    make_dossier(world)
    other = make_person("Phan Thị Thu Hà", unit=world.centre, female=True)
    open_session(world, make_council(world, 3), [accepted_dossier(world, person=other)])
    signed_decision(world)
    from guongsang.decisions import services as decisions
    from guongsang.decisions.tests.factories import recommended

    upward = recommended(
        world,
        code="nguoi-tot-viec-tot-thanh-pho",
        person=make_person("Đỗ Văn Hùng", unit=world.centre),
    )
    decisions.submission_draft(actor=world.secretariat, authority=world.dept, dossiers=[upward])
    make_tip()
    make_story(unit=world.centre)
    make_indicator()


def _all_arguments(world, form_class) -> dict:
    """The constructor's arguments, the optional record lists included."""
    import inspect

    from guongsang.catalogue.models import Title
    from guongsang.movements.models import Movement
    from guongsang.org.models import Unit
    from guongsang.people.models import Person

    arguments = _arguments(world, form_class)
    if form_class.__name__ == "ResolveForm":  # the lines of a tờ trình, not a council agenda
        from guongsang.decisions.models import SubmissionItem

        arguments["items"] = SubmissionItem.objects.all()
    # A picker writes only the chosen person or unit into the page (it searches as the user
    # types: tests/e2e/test_forms_that_help.py, test_pickers_everywhere.py); here, as after a
    # choice.
    from guongsang.core.widgets import PickerSelect

    unit = world.centre.uuid
    chosen = {"person": world.person.uuid, "unit": unit}
    chosen |= {"home_unit": unit, "organiser": unit}
    pickers = {
        name: chosen[name]
        for name, field in form_class.base_fields.items()
        if isinstance(field.widget, PickerSelect) and name in chosen
    }
    if form_class.__name__ == "StoryForm":  # a model form: its pickers are set in __init__
        pickers = dict(chosen)
    if form_class.__name__ == "InitiativeForm":  # its author rows are made in __init__
        pickers = {"author_1": world.person.uuid, "unit": world.centre.uuid}
    if pickers:
        arguments["initial"] = {**arguments.get("initial", {}), **pickers}
    optional = {
        "units": Unit.objects.all(),
        "titles": Title.objects.all(),
        "people": Person.objects.all(),
        "movements": Movement.objects.all(),
    }
    for name in inspect.signature(form_class.__init__).parameters:
        if name in optional and name not in arguments:
            arguments[name] = optional[name]
    return arguments


def test_every_form_is_sent_valid_from_the_browser(world, titles, live_server, page_for, settings):
    settings.ROOT_URLCONF = "tests.e2e.form_harness"
    _records(world)
    classes = [c for c in _form_classes() if c.__name__ not in NOT_HERE]
    assert len(classes) > 40, [c.__name__ for c in classes]
    form_harness.FORMS.clear()
    for form_class in classes:
        key = f"{form_class.__module__.split('.')[1]}.{form_class.__name__}"
        form_harness.FORMS[key] = (form_class, _all_arguments(world, form_class))

    page = page_for(1366, 768)
    refused = {}
    for name, (form_class, arguments) in form_harness.FORMS.items():
        page.goto(f"{live_server.url}/__bieu-mau__/{name}/")
        _fill(page, form_class(**arguments))
        # What the browser itself would refuse to send (required, bounds, patterns).
        invalid = page.evaluate(
            "() => [...document.querySelectorAll('form :invalid')]"
            ".map(e => e.name + ': ' + e.validationMessage)"
        )
        if invalid:
            refused[name] = f"trình duyệt không gửi: {invalid}"
            continue
        if form_class.__name__ == "TipForm":
            page.wait_for_timeout(4500)  # a person takes longer than 4 s to write a tip
        page.get_by_role("button", name="Gửi", exact=True).click()
        outcome = page.locator("#outcome")
        outcome.wait_for()
        if outcome.inner_text() != "HỢP LỆ":
            refused[name] = outcome.inner_text()
    assert not refused, "\n".join(f"{k}: {v}" for k, v in refused.items())
