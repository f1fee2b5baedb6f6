"""Forms of the public site (search, browse, tips, certificate check) and of the secretariat."""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.awards.models import Award
from guongsang.catalogue.models import Title
from guongsang.core.formatting import nfc
from guongsang.core.forms import IntegerField
from guongsang.core.uploads import PHOTO_MAX_BYTES, Checked, check_photo
from guongsang.core.widgets import BootstrapFormMixin, PickerSelect
from guongsang.org.models import Unit
from guongsang.org.pickers import UnitChoiceField
from guongsang.people.models import Person
from guongsang.people.pickers import PersonChoiceField
from guongsang.showcase.models import Story, Tip, TipPhoto

FORM_SALT = "showcase.tip.started"
MIN_FILL_SECONDS = 4  # a person needs longer than this to write a tip
MAX_FILL_SECONDS = 2 * 60 * 60


PHOTO_ACCEPT = ".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp"


class PhotosInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to `TipPhoto.MAX_PER_TIP` photos in one input, each checked by its content and
    re-drawn without metadata (core.uploads.check_photo): cleans to [(file name, Checked)]."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", PhotosInput(attrs={"accept": PHOTO_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[tuple[str, Checked]]:
        items = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if len(items) > TipPhoto.MAX_PER_TIP:
            raise forms.ValidationError(
                _("Gửi tối đa %(n)s ảnh cho một tin báo.") % {"n": TipPhoto.MAX_PER_TIP}
            )
        single = super().clean
        checked = [single(item, initial) for item in items]
        return [(upload.name or "", check_photo(upload)) for upload in checked]


def editor_people(units: QuerySet) -> QuerySet[Person]:
    """The people a story or a tip's dossier may name: those of the editor's units."""
    return Person.objects.filter(home_unit__in=units).select_related("home_unit")


def form_token(*, issued_at: float | None = None) -> str:
    """Signed time at which the tip form was shown."""
    return signing.dumps({"t": time.time() if issued_at is None else issued_at}, salt=FORM_SALT)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm câu chuyện"), max_length=200, required=False)


class BrowseForm(BootstrapFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        required=False,
        to_field_name="uuid",
        empty_label=_("Tất cả"),
    )
    title = forms.ModelChoiceField(
        label=_("Danh hiệu"),
        queryset=Title.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("Tất cả"),
    )

    def __init__(self, *args: Any, years: list[int], units: QuerySet, titles: QuerySet, **kw: Any):
        super().__init__(*args, **kw)
        year = self.fields["year"]
        unit = self.fields["unit"]
        title = self.fields["title"]
        assert isinstance(year, forms.TypedChoiceField)
        assert isinstance(unit, forms.ModelChoiceField)
        assert isinstance(title, forms.ModelChoiceField)
        year.choices = [("", _("Tất cả"))] + [(y, str(y)) for y in years]
        unit.queryset = units
        title.queryset = titles


class TipForm(BootstrapFormMixin, forms.ModelForm):
    """A citizen's tip. Anti-abuse without CAPTCHA: a honeypot field, a signed time token
    (too fast or too old is refused) and a per-address rate limit (in the view)."""

    website = forms.CharField(
        label=_("Trang web (để trống)"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)
    consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để Thường trực Hội đồng Thi đua - Khen thưởng dùng họ tên và số liên "
            "hệ của tôi chỉ để xác minh tin báo này."
        ),
        required=True,
    )
    photos = PhotosField(
        label=_("Ảnh (không bắt buộc)"),
        required=False,
        help_text=_(
            "Tối đa %(n)s ảnh JPEG, PNG hoặc WebP, mỗi ảnh tối đa %(mb)s MB. Thông tin kèm theo "
            "ảnh (vị trí chụp, máy chụp…) được xoá trước khi lưu; ảnh chỉ Thường trực Hội đồng xem."
        )
        % {"n": TipPhoto.MAX_PER_TIP, "mb": PHOTO_MAX_BYTES // (1024 * 1024)},
    )

    class Meta:
        model = Tip
        fields = ["about_who", "where", "what", "tipster_name", "tipster_contact"]
        widgets = {"what": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "about_who": _("Họ tên (nếu biết) hoặc mô tả người, tập thể đã làm việc tốt."),
            "where": _("Địa điểm, phường/xã, quận/huyện."),
            "what": _("Việc tốt đã làm, vào khi nào."),
            "tipster_contact": _("Chỉ Thường trực Hội đồng xem được, để xác minh khi cần."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = form_token()

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Không gửi được tin báo. Vui lòng thử lại."))
        return ""

    def clean_started(self) -> float:
        try:
            issued = float(signing.loads(self.cleaned_data["started"], salt=FORM_SALT)["t"])
        except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
            raise forms.ValidationError(
                _("Biểu mẫu không hợp lệ. Vui lòng tải lại trang.")
            ) from exc
        age = time.time() - issued
        if age < MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("Bạn gửi quá nhanh. Vui lòng kiểm tra lại nội dung rồi gửi lại.")
            )
        if age > MAX_FILL_SECONDS:
            raise forms.ValidationError(_("Biểu mẫu đã quá hạn. Vui lòng tải lại trang."))
        return issued

    def clean_tipster_contact(self) -> str:
        value = nfc(self.cleaned_data["tipster_contact"]).strip()
        digits = "".join(ch for ch in value if ch.isdigit())
        if "@" in value:
            forms.EmailField().clean(value)
        elif not 9 <= len(digits) <= 11:
            raise forms.ValidationError(_("Nhập số điện thoại (9–11 chữ số) hoặc thư điện tử."))
        return value


class LookupForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Mã xác minh trên giấy khen, bằng khen"),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).upper()
        if not code or not all(ch.isalnum() or ch in "-_" for ch in code):
            raise forms.ValidationError(_("Mã xác minh chỉ gồm chữ, số và dấu gạch."))
        return code


class StoryForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Story
        fields = [
            "title",
            "summary",
            "body",
            "unit",
            "person",
            "collective_name",
            "year",
            "award",
            "photo",
            "photo_alt",
            "featured",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 14}),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }
        # Search as you type among the units and people of the editor's scope (the picker
        # endpoints showcase:pick_unit and showcase:pick_person answer from the same scope).
        field_classes = {"unit": UnitChoiceField, "person": PersonChoiceField}

    def __init__(self, *args: Any, units: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        person = self.fields["person"]
        award = self.fields["award"]
        assert isinstance(unit, UnitChoiceField)
        assert isinstance(person, PersonChoiceField)
        assert isinstance(award, forms.ModelChoiceField)
        # A model form passes the key as to_field_name: the pages use the UUID. The widget
        # comes before the queryset, which hands the widget its choices.
        unit.to_field_name = person.to_field_name = "uuid"
        unit.widget = PickerSelect("showcase:pick_unit", attrs={"class": "form-select"})
        person.widget = PickerSelect("showcase:pick_person", attrs={"class": "form-select"})
        unit.queryset = units.order_by("name")
        person.queryset = editor_people(units)
        unit.help_text = _("Gõ tên đơn vị, có dấu hay không dấu.")
        person.help_text = _(
            "Gõ họ tên, có dấu hay không dấu; năm sinh, chức vụ và đơn vị hiện bên cạnh. Để "
            "trống với câu chuyện về một tập thể."
        )
        award.queryset = Award.objects.filter(unit__in=units).select_related(
            "title", "person", "unit"
        )
        award.to_field_name = "uuid"
        self.fields["photo"].widget.attrs["accept"] = ".jpg,.jpeg,.png,.webp"

    def clean_photo(self) -> Any:
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "size") and photo.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Ảnh tối đa 5 MB."))
        return photo


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))

    def reason_or_refuse(self, missing: str) -> str:
        """The reason given; without one, the action is refused with `missing`."""
        if not self.is_valid():
            raise ValidationError(missing)
        return self.cleaned_data["reason"]


class ConsentForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Hình thức đồng ý"),
        max_length=300,
        help_text=_("Ví dụ: Phiếu đồng ý đăng tải ký ngày 12/10/2023, lưu tại Văn phòng Sở."),
    )


class MergeForm(BootstrapFormMixin, forms.Form):
    tip = forms.ModelChoiceField(
        label=_("Gộp vào tin báo"),
        queryset=Tip.objects.none(),
        required=False,
        to_field_name="uuid",
    )
    story = forms.ModelChoiceField(
        label=_("hoặc gộp vào câu chuyện"),
        queryset=Story.objects.none(),
        required=False,
        to_field_name="uuid",
    )

    def __init__(self, *args: Any, tips: QuerySet, stories: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tip = self.fields["tip"]
        story = self.fields["story"]
        assert isinstance(tip, forms.ModelChoiceField)
        assert isinstance(story, forms.ModelChoiceField)
        tip.queryset = tips
        story.queryset = stories

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # forms.Form.clean() returns cleaned_data
        if bool(data.get("tip")) == bool(data.get("story")):
            raise forms.ValidationError(_("Chọn một tin báo hoặc một câu chuyện để gộp vào."))
        return data


class TipToDossierForm(BootstrapFormMixin, forms.Form):
    unit = UnitChoiceField(
        label=_("Đơn vị đề nghị"), queryset=Unit.objects.none(), picker="showcase:pick_unit"
    )
    title = forms.ModelChoiceField(
        label=_("Danh hiệu đề nghị"), queryset=Title.objects.none(), to_field_name="code"
    )
    year = IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    person = PersonChoiceField(
        label=_("Cá nhân được đề nghị"),
        queryset=Person.objects.none(),
        required=False,
        picker="showcase:pick_person",
        help_text=_(
            "Gõ họ tên, có dấu hay không dấu. Để trống nếu đề nghị khen chính đơn vị (tập thể)."
        ),
    )

    def __init__(self, *args: Any, units: QuerySet, titles: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        title = self.fields["title"]
        person = self.fields["person"]
        assert isinstance(unit, forms.ModelChoiceField)
        assert isinstance(title, forms.ModelChoiceField)
        assert isinstance(person, forms.ModelChoiceField)
        unit.queryset = units.order_by("name")
        title.queryset = titles
        person.queryset = editor_people(units)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # forms.Form.clean() returns cleaned_data
        title, person = data.get("title"), data.get("person")
        if title is not None:
            if title.target == "individual" and person is None:
                raise forms.ValidationError(_("Danh hiệu cá nhân: chọn cá nhân được đề nghị."))
            if title.target == "collective" and person is not None:
                raise forms.ValidationError(_("Danh hiệu tập thể: để trống ô cá nhân."))
        return data
