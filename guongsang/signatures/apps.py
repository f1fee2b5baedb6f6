from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaturesConfig(AppConfig):
    name = "guongsang.signatures"
    label = "signatures"
    verbose_name = _("Chữ ký số")
