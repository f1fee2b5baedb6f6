from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BooksConfig(AppConfig):
    name = "guongsang.books"
    label = "books"
    verbose_name = _("Sách Những bông hoa đẹp")

    def ready(self) -> None:
        from guongsang.books import permissions  # noqa: F401
