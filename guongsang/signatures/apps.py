from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaturesConfig(AppConfig):
    name = "guongsang.signatures"
    label = "signatures"
    verbose_name = _("Chữ ký số")

    def ready(self) -> None:
        from guongsang.decisions import certificates
        from guongsang.signatures.services import seal_certificates

        if seal_certificates not in certificates.FINISHERS:
            certificates.FINISHERS.append(seal_certificates)
