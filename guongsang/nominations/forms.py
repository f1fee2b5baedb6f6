"""Forms of the dossier pages: filters, the dossier itself with its files, workflow reasons."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.catalogue.models import Title
from guongsang.core.formatting import nfc
from guongsang.core.forms import FilterChoice, IntegerField, VNDateField, field_of
from guongsang.core.widgets import BootstrapFormMixin, PickerSelect
from guongsang.movements.models import Movement
from guongsang.nominations.models import State, Track
from guongsang.org.models import Unit
from guongsang.org.pickers import UnitChoiceField
from guongsang.people.models import Person
from guongsang.people.pickers import PersonChoiceField

ACCEPT = ".pdf,.docx,.jpg,.jpeg,.png"


class DossierFilterForm(BootstrapFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False)
    title = FilterChoice(_("Danh hiệu, hình thức"), model=Title, to_field_name="code")
    movement = FilterChoice(_("Phong trào"), model=Movement)
    unit = FilterChoice(
        _("Đơn vị (kể cả trực thuộc)"),
        model=Unit,
        widget=PickerSelect("nominations:pick_filter_unit"),
    )
    q = forms.CharField(label=_("Tìm theo tên, đơn vị, thành tích"), required=False)

    def __init__(
        self,
        *args: Any,
        years: list[int],
        titles: QuerySet[Title],
        movements: QuerySet[Movement],
        units: QuerySet[Unit],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        year = field_of(self, "year", forms.TypedChoiceField)
        year.choices = [("", _("Tất cả các năm")), *((y, str(y)) for y in years)]
        state = field_of(self, "status", forms.ChoiceField)
        state.choices = [("", _("Tất cả")), *State.choices]
        title = field_of(self, "title", forms.ModelChoiceField)
        title.queryset = titles
        movement = field_of(self, "movement", forms.ModelChoiceField)
        movement.queryset = movements
        unit = field_of(self, "unit", forms.ModelChoiceField)
        unit.queryset = units


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class TitleSelect(forms.Select):
    """Each title says whom it is for (data-nominee: person, unit, or both), so the form shows
    only the picker that fits (static/js/picker.js)."""

    NOMINEE = {"individual": "person", "collective": "unit"}

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        instance = getattr(args[1], "instance", None)
        if instance is not None:
            option["attrs"]["data-nominee"] = self.NOMINEE.get(instance.target, "")
        return option


class _MovementChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Movement) -> str:
        return f"{obj.name} ({obj.year})"


NOMINEE_CHOICES = [("person", _("Cá nhân")), ("unit", _("Tập thể"))]
FILE_FIELDS = {"report_file": "report", "minutes_file": "minutes", "evidence_files": "evidence"}
PLAIN_TEXT = {"summary", "report"}


class DossierForm(BootstrapFormMixin, forms.Form):
    unit = UnitChoiceField(
        label=_("Đơn vị đề nghị"), queryset=Unit.objects.none(), picker="nominations:pick_unit"
    )
    title = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức đề nghị"),
        queryset=Title.objects.none(),
        widget=TitleSelect(attrs={"data-nominee-switch": "#id_nominee_kind"}),
    )
    year = IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    track = forms.ChoiceField(label=_("Loại khen thưởng"), choices=Track.choices)
    movement = _MovementChoice(
        label=_("Phong trào thi đua"),
        queryset=Movement.objects.none(),
        required=False,
        to_field_name="uuid",
        empty_label=_("Không gắn với phong trào"),
        help_text=_("Phong trào cùng năm với hồ sơ; hạn nộp hồ sơ của phong trào được kiểm tra."),
    )
    nominee_kind = forms.ChoiceField(
        label=_("Đối tượng đề nghị"),
        choices=NOMINEE_CHOICES,
        widget=forms.Select(
            attrs={"data-shows": "person:#id_person_group,unit:#id_nominee_unit_group"}
        ),
        initial="person",
    )
    person = PersonChoiceField(
        label=_("Cá nhân được đề nghị"),
        queryset=Person.objects.none(),
        required=False,
        picker="nominations:pick_person",
    )
    nominee_unit = UnitChoiceField(
        label=_("Tập thể được đề nghị"),
        queryset=Unit.objects.none(),
        required=False,
        picker="nominations:pick_unit",
        help_text=_("Gõ tên tập thể, có dấu hay không dấu."),
    )
    summary = forms.CharField(
        label=_("Tóm tắt thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    report = forms.CharField(
        label=_("Báo cáo thành tích"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Nhập nội dung báo cáo, hoặc tải tệp báo cáo ở dưới."),
    )
    meeting_date = VNDateField(
        label=_("Ngày họp xét"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    votes_yes = IntegerField(
        label=_("Số phiếu đồng ý"), min_value=0, max_value=100_000, required=False
    )
    votes_total = IntegerField(
        label=_("Tổng số người dự họp"), min_value=0, max_value=100_000, required=False
    )
    report_file = forms.FileField(
        label=_("Tệp báo cáo thành tích (PDF, DOCX)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    minutes_file = forms.FileField(
        label=_("Tệp biên bản họp xét (PDF, DOCX, ảnh)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    evidence_files = MultipleFileField(
        label=_("Tệp minh chứng (chọn được nhiều tệp)"),
        required=False,
        help_text=_("PDF, DOCX, JPEG hoặc PNG, tối đa 10 MB mỗi tệp."),
    )
    # One per blank form: the same form posted twice (a double click, a resent request)
    # finds the dossier it already made instead of making a second.
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Unit] | None = None,
        titles: QuerySet[Title] | None = None,
        people: QuerySet[Person] | None = None,
        movements: QuerySet[Movement] | None = None,
        editing: bool = False,
        year: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.editing = editing
        self.fixed_year = year
        movement = field_of(self, "movement", forms.ModelChoiceField)
        if movements is not None:
            movement.queryset = movements if year is None else movements.filter(year=year)
        if not self.is_bound:
            self.initial["form_token"] = uuid.uuid4()
        if editing:
            # Who proposes whom for what is fixed once the dossier exists.
            for name in (
                "unit",
                "title",
                "year",
                "nominee_kind",
                "person",
                "nominee_unit",
                "form_token",
            ):
                del self.fields[name]
            return
        for name, qs in (("unit", units), ("nominee_unit", units), ("person", people)):
            field = field_of(self, name, forms.ModelChoiceField)
            field.queryset = qs if qs is not None else field.queryset
        title = field_of(self, "title", forms.ModelChoiceField)
        title.queryset = titles if titles is not None else Title.objects.none()
        self.fields["year"].initial = dt.date.today().year
        if units is not None and len(units[:2]) == 1:
            self.fields["unit"].initial = units[0]  # the only unit the user proposes for

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in PLAIN_TEXT:
            if isinstance(data.get(name), str):
                data[name] = nfc(data[name]).strip()
        yes, total = data.get("votes_yes"), data.get("votes_total")
        if yes is not None and total is not None and yes > total:
            self.add_error("votes_yes", _("Số phiếu đồng ý không thể lớn hơn số người dự họp."))
        chosen, year = data.get("movement"), self.fixed_year or data.get("year")
        if chosen is not None and year and chosen.year != year:
            self.add_error("movement", _("Chọn một phong trào của năm %(year)s.") % {"year": year})
        if self.editing:
            return data
        if data.get("nominee_kind") == "unit":
            data["person"] = None
            if not data.get("nominee_unit"):
                self.add_error("nominee_unit", _("Chọn tập thể được đề nghị."))
        else:
            data["nominee_unit"] = None
            if not data.get("person"):
                self.add_error("person", _("Chọn cá nhân được đề nghị."))
        return data

    def dossier_fields(self) -> dict[str, Any]:
        """The cleaned values the services take (files and the nominee switch left out)."""
        skip = set(FILE_FIELDS) | {"nominee_kind", "form_token"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}

    def uploads(self) -> list[tuple[str, Any]]:
        """(file kind, upload) for every file chosen in the form."""
        found: list[tuple[str, Any]] = []
        for name, kind in FILE_FIELDS.items():
            value = self.cleaned_data.get(name)
            for upload in value if isinstance(value, list) else [value]:
                if upload:
                    found.append((kind, upload))
        return found


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required


class OverrideForm(BootstrapFormMixin, forms.Form):
    check_code = forms.ChoiceField(label=_("Điều kiện được cho phép vượt"))
    reason = forms.CharField(
        label=_("Lý do cho phép"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Lý do được ghi vào hồ sơ và nhật ký hệ thống."),
    )

    def __init__(self, *args: Any, codes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = field_of(self, "check_code", forms.ChoiceField)
        field.choices = codes
