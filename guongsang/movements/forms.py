from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.catalogue.models import Target, Title
from guongsang.core.formatting import nfc
from guongsang.core.forms import IntegerField, VNDateField, field_of
from guongsang.core.widgets import BootstrapFormMixin, PickerSelect
from guongsang.movements.models import LegalBasis, Movement, MovementKind
from guongsang.movements.services import MOVEMENT_FIELDS
from guongsang.org.models import Unit
from guongsang.org.pickers import UnitChoiceField
from guongsang.people.models import Person
from guongsang.people.pickers import PersonChoiceField


def _date() -> forms.DateInput:
    # ISO in the value attribute: what a browser's date picker shows and sends back.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class YearFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = field_of(self, "year", forms.TypedChoiceField)
        field.choices = [("", _("Tất cả các năm")), *((y, str(y)) for y in years)]
        field.widget.attrs["class"] = "form-select"


class _MovementChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Movement) -> str:
        return f"{obj.name} ({obj.organiser.short_name or obj.organiser.name})"


class MovementForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Tên phong trào"), max_length=300)
    kind = forms.ChoiceField(label=_("Hình thức thi đua"), choices=MovementKind.choices)
    year = IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    organiser = UnitChoiceField(
        label=_("Cấp phát động"), queryset=Unit.objects.none(), picker="movements:pick_organiser"
    )
    launched_on = VNDateField(label=_("Ngày phát động"), widget=_date())
    pledge_deadline = VNDateField(label=_("Hạn đăng ký thi đua"), required=False, widget=_date())
    nomination_deadline = VNDateField(
        label=_("Hạn nộp hồ sơ đề nghị khen thưởng"), required=False, widget=_date()
    )
    plan_number = forms.CharField(
        label=_("Số kế hoạch"),
        max_length=64,
        required=False,
        help_text=_("Ví dụ: 125/KH-SLĐTBXH."),
    )
    plan_date = VNDateField(label=_("Ngày ban hành kế hoạch"), required=False, widget=_date())
    purpose = forms.CharField(
        label=_("Mục đích, yêu cầu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contents = forms.CharField(
        label=_("Nội dung kế hoạch"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Mỗi dòng một nội dung; hệ thống tự đánh số 1, 2, 3… theo thứ tự các dòng."),
    )
    legal_bases = forms.ModelMultipleChoiceField(
        label=_("Căn cứ pháp lý"),
        queryset=LegalBasis.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    linked = _MovementChoices(
        label=_("Gắn với phong trào"),
        queryset=Movement.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Giữ phím Ctrl (hoặc ⌘) để chọn nhiều mục."),
    )

    def __init__(
        self,
        *args: Any,
        organisers: QuerySet[Unit],
        movements: QuerySet[Movement],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        organiser = field_of(self, "organiser", forms.ModelChoiceField)
        organiser.queryset = organisers
        linked = field_of(self, "linked", forms.ModelMultipleChoiceField)
        linked.queryset = movements

    def clean_contents(self) -> list[str]:
        text = nfc(self.cleaned_data.get("contents") or "")
        lines = [line.strip() for line in text.splitlines()]
        # "1. Nội dung" typed with its number: the number is the line's place, not the text.
        return [_strip_number(line) for line in lines if line]


def _strip_number(line: str) -> str:
    head, dot, rest = line.partition(".")
    return rest.strip() if dot and head.strip().isdigit() and rest.strip() else line


def movement_initial(movement: Movement) -> dict[str, Any]:
    initial: dict[str, Any] = {field: getattr(movement, field) for field in MOVEMENT_FIELDS}
    initial["contents"] = "\n".join(c.title for c in movement.contents.all())
    initial["legal_bases"] = list(movement.legal_bases.all())
    initial["linked"] = list(movement.linked.all())
    return initial


class _TitleChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Title) -> str:
        target = {
            Target.INDIVIDUAL: _("cá nhân"),
            Target.COLLECTIVE: _("tập thể"),
            Target.BOTH: _("cá nhân, tập thể"),
        }[Target(obj.target)]
        return f"{obj.name} ({target})"


class PledgeForm(BootstrapFormMixin, forms.Form):
    """Đăng ký thi đua: for the unit itself, or for one of its people."""

    unit = UnitChoiceField(label=_("Đơn vị đăng ký"), queryset=Unit.objects.none())
    person = PersonChoiceField(
        label=_("Cá nhân"),
        queryset=Person.objects.none(),
        required=False,
        widget=PickerSelect(with_fields={"unit": "#id_unit"}),
        help_text=_(
            "Để trống khi đơn vị đăng ký cho tập thể; gõ họ tên (có dấu hay không dấu) để đăng "
            "ký cá nhân."
        ),
    )
    titles = _TitleChoices(
        label=_("Danh hiệu, hình thức đăng ký"),
        queryset=Title.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    commitments = forms.CharField(
        label=_("Nội dung cam kết"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Các chỉ tiêu, việc làm cụ thể đơn vị hoặc cá nhân cam kết thực hiện."),
    )
    late_reason = forms.CharField(
        label=_("Lý do ghi nhận đăng ký muộn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc khi ghi nhận đăng ký sau hạn; được lưu vào nhật ký."),
    )

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Unit] | None,
        people: QuerySet[Person] | None,
        titles: QuerySet[Title],
        late: bool,
        units_url: str = "",
        people_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if units is None:  # editing: who pledged does not change
            del self.fields["unit"]
            del self.fields["person"]
        else:
            # Search as you type: the unit among those expected to pledge, the person among
            # the chosen unit's people who have not pledged yet (the endpoints of the views).
            unit = field_of(self, "unit", forms.ModelChoiceField)
            unit.queryset = units
            assert isinstance(unit.widget, PickerSelect)
            unit.widget.url = units_url
            person = field_of(self, "person", forms.ModelChoiceField)
            person.queryset = people if people is not None else Person.objects.none()
            assert isinstance(person.widget, PickerSelect)
            person.widget.url = people_url
        choices = field_of(self, "titles", forms.ModelMultipleChoiceField)
        choices.queryset = titles
        choices.widget.attrs["class"] = "form-check-input"
        if not late:
            del self.fields["late_reason"]
