"""Every form of the project drawn through the shared partial: each field gets a labelled
control, and a multiple choice is a list of named boxes, one per choice."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.template.loader import render_to_string

import guongsang

pytestmark = pytest.mark.django_db


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for module_info in pkgutil.walk_packages(guongsang.__path__, "guongsang."):
        name = module_info.name
        if ".tests" in name or ".migrations" in name or not name.endswith("forms"):
            continue
        module = importlib.import_module(name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, forms.BaseForm)
                and cls.__module__ == name
                and not inspect.isabstract(cls)
                and cls.base_fields
            ):
                found.append(cls)
    return found


def _arguments(world, form_class) -> dict:
    """Keyword arguments for a form's constructor, chosen by name."""
    from guongsang.catalogue.models import Title
    from guongsang.core.roles import Role
    from guongsang.council.models import AgendaItem, Council, CouncilMember
    from guongsang.decisions.models import Recipient, Submission
    from guongsang.movements.models import Movement
    from guongsang.nominations.models import Dossier
    from guongsang.org.models import Unit
    from guongsang.people.models import Person
    from guongsang.showcase.models import Story, Tip

    querysets = {
        "dossiers": Dossier.objects.all(),
        "councils": Council.objects.all(),
        "items": AgendaItem.objects.all(),
        "members": CouncilMember.objects.all(),
        "lines": Recipient.objects.all(),
        "candidates": Unit.objects.all(),
        "organisers": Unit.objects.all(),
        "titles": Title.objects.all(),
        "tips": Tip.objects.all(),
        "stories": Story.objects.all(),
        "submissions": Submission.objects.all(),
        "movements": Movement.objects.all(),
        "people": Person.objects.all(),
    }
    values = {
        "codes": [("duplicate", "Trùng khen thưởng")],
        "object_types": ["nominations.dossier"],
        "required": False,
        "user": world.secretariat,
        "roles": frozenset({Role.SECRETARIAT}),
        "monthly": False,
        "years": [2024, 2025],
        "late": False,
    }
    wanted = {}
    for name, parameter in inspect.signature(form_class.__init__).parameters.items():
        if parameter.kind != parameter.KEYWORD_ONLY:
            continue
        if parameter.default is not parameter.empty and name not in querysets:
            continue
        if name == "units":
            annotation = str(parameter.annotation)
            wanted[name] = (
                [(str(u.pk), u.name) for u in Unit.objects.all()]
                if "list" in annotation
                else Unit.objects.all()
            )
        elif name in querysets:
            wanted[name] = querysets[name]
        elif name in values:
            wanted[name] = values[name]
    return wanted


def test_every_form_is_drawn_with_a_labelled_control_for_each_field(world, titles):
    from guongsang.nominations.tests.factories import make_dossier

    make_dossier(world)
    classes = _form_classes()
    assert len(classes) > 20, [c.__name__ for c in classes]
    for form_class in classes:
        form = form_class(**_arguments(world, form_class))
        html = render_to_string("partials/form_fields.html", {"form": form})
        for field in form.visible_fields():
            widget = field.field.widget
            if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple too
                choices = [c for c in field.field.choices if str(c[0]) != ""]
                boxes = re.findall(rf'<input[^>]*name="{field.html_name}"[^>]*>', html)
                assert len(boxes) == len(choices), (form_class.__name__, field.name)
                for _value, label in choices:
                    assert str(label).replace('"', "&quot;")[:20] in html.replace("&#x27;", "'")
                if not choices:
                    assert "Không có mục nào để chọn." in html
            else:
                assert f'name="{field.html_name}"' in html, (form_class.__name__, field.name)
                assert f'for="{field.id_for_label}"' in html, (form_class.__name__, field.name)


def test_a_multiple_choice_is_a_list_of_named_boxes_not_one_box(world, titles):
    from guongsang.council.forms import NoticeForm
    from guongsang.nominations.models import Dossier
    from guongsang.nominations.tests.factories import make_dossier
    from guongsang.people.tests.factories import make_person

    make_dossier(world)
    make_dossier(world, person=make_person("Phan Thị Thu Hà", unit=world.centre, female=True))
    html = render_to_string(
        "partials/form_fields.html", {"form": NoticeForm(dossiers=Dossier.objects.all())}
    )
    boxes = re.findall(r'<input[^>]*type="checkbox"[^>]*name="dossiers"[^>]*>', html)
    assert len(boxes) == 2
    values = sorted(re.search(r'value="(\d+)"', box).group(1) for box in boxes)
    assert values == sorted(str(pk) for pk in Dossier.objects.values_list("pk", flat=True))
    assert "Lê Thị Bích Liên" in html and "Phan Thị Thu Hà" in html
    assert 'value="on"' not in html
