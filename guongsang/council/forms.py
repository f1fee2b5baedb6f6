"""Forms of the council pages: bind and validate; services do the writing."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guongsang.core.forms import IntegerField, VNDateField, field_of
from guongsang.core.widgets import BootstrapFormMixin
from guongsang.council.models import AgendaItem, Choice, Council, CouncilMember
from guongsang.nominations.models import Dossier


class DossierChoiceField(forms.ModelMultipleChoiceField):
    """Each dossier named by its nominee, title and year, proposing unit and state."""

    def label_from_instance(self, obj: Any) -> str:
        nominee = obj.person.full_name if obj.person_id else str(obj.nominee_unit)
        return (
            f"{nominee} — {obj.title.name} {obj.year} · {obj.unit.name} · {obj.get_state_display()}"
        )


class NoticeForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=255, required=False)
    starts_on = VNDateField(
        label=_("Ngày bắt đầu"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    working_days = IntegerField(
        label=_("Số ngày làm việc"),
        min_value=1,
        max_value=30,
        initial=5,
        help_text=_("Không ít hơn thời gian công khai theo quy chế của cấp xét."),
    )
    dossiers = DossierChoiceField(
        label=_("Hồ sơ công khai"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, dossiers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "dossiers", forms.ModelChoiceField).queryset = dossiers


class ObjectionForm(BootstrapFormMixin, forms.Form):
    dossier = forms.ModelChoiceField(label=_("Hồ sơ"), queryset=Dossier.objects.none())
    who = forms.CharField(label=_("Người phản ánh"), max_length=150)
    contact = forms.CharField(label=_("Liên hệ"), max_length=200, required=False)
    text = forms.CharField(label=_("Nội dung phản ánh"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, dossiers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "dossier", forms.ModelChoiceField).queryset = dossiers


class NomineeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        nominee = obj.person.full_name if obj.person_id else str(obj.nominee_unit)
        return f"{nominee} — {obj.title.name} {obj.year} ({obj.unit.name})"


class PublicObjectionForm(BootstrapFormMixin, forms.Form):
    """A citizen's objection to a dossier of a running notice."""

    dossier = NomineeChoiceField(
        label=_("Phản ánh về"), queryset=Dossier.objects.none(), widget=forms.RadioSelect
    )
    who = forms.CharField(label=_("Họ và tên người phản ánh (hoặc tên tổ chức)"), max_length=150)
    contact = forms.CharField(
        label=_("Số điện thoại hoặc thư điện tử"),
        max_length=200,
        required=False,
        help_text=_("Để Thường trực Hội đồng trả lời bạn; không bao giờ được công bố."),
    )
    text = forms.CharField(label=_("Nội dung phản ánh"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, dossiers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "dossier", forms.ModelChoiceField).queryset = dossiers


class AnswerForm(BootstrapFormMixin, forms.Form):
    answer = forms.CharField(label=_("Trả lời"), widget=forms.Textarea(attrs={"rows": 2}))


# Never below two thirds of all members (services.MIN_QUORUM).
QUORUM_CHOICES = [
    ("2/3", _("Hai phần ba (2/3) tổng số thành viên")),
    ("3/4", _("Ba phần tư (3/4) tổng số thành viên")),
    ("1/1", _("Toàn thể thành viên")),
]


class SessionForm(BootstrapFormMixin, forms.Form):
    council = forms.ModelChoiceField(label=_("Hội đồng"), queryset=Council.objects.none())
    held_on = VNDateField(
        label=_("Ngày họp"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    quorum = forms.ChoiceField(
        label=_("Số thành viên tối thiểu có mặt"),
        choices=QUORUM_CHOICES,
        initial="2/3",
        required=False,
        help_text=_("Theo quy chế của Hội đồng; mặc định hai phần ba tổng số thành viên."),
    )
    dossiers = DossierChoiceField(
        label=_("Chương trình: hồ sơ đưa ra Hội đồng"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    encrypted = forms.BooleanField(
        label=_("Phiếu mã hóa"),
        required=False,
        help_text=_(
            "Phiếu được mã hóa trên máy chủ ngay khi thành viên xác nhận; chỉ lưu bản mã và "
            "mã theo dõi. Khóa chia cho Chủ tịch Hội đồng và Thường trực: chỉ khi cả hai nhập "
            "cụm mật khẩu mới giải mã được tổng số phiếu, không giải mã được từng phiếu."
        ),
    )

    def __init__(self, *args: Any, councils: Any, dossiers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "council", forms.ModelChoiceField).queryset = councils
        field_of(self, "dossiers", forms.ModelChoiceField).queryset = dossiers

    def clean_quorum(self) -> Fraction:
        return Fraction(self.cleaned_data.get("quorum") or "2/3")


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Lựa chọn"), choices=Choice.choices, widget=forms.RadioSelect
    )
    # The first post shows the choice back; the ballot is cast only with confirm=1.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def choice_label(self) -> str:
        return str(dict(Choice.choices).get(self.cleaned_data.get("choice", ""), ""))


class WrittenOpinionForm(BootstrapFormMixin, forms.Form):
    item = forms.ModelChoiceField(label=_("Hồ sơ"), queryset=AgendaItem.objects.none())
    member = forms.ModelChoiceField(
        label=_("Thành viên vắng mặt"), queryset=CouncilMember.objects.none()
    )
    choice = forms.ChoiceField(label=_("Ý kiến"), choices=Choice.choices)

    def __init__(self, *args: Any, items: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "item", forms.ModelChoiceField).queryset = items
        field_of(self, "member", forms.ModelChoiceField).queryset = members


class PassphraseForm(BootstrapFormMixin, forms.Form):
    """A key holder's passphrase: typed twice when the share is created, once to decrypt."""

    passphrase = forms.CharField(
        label=_("Cụm mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 10 ký tự. Hệ thống không lưu cụm mật khẩu và không khôi phục được."),
    )
    confirm = forms.CharField(
        label=_("Nhập lại cụm mật khẩu"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class TrackingCodeForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(label=_("Mã theo dõi phiếu"), max_length=20)
