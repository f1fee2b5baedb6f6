"""Any saved or deleted story changes the version of the cached public story pages."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from guongsang.showcase.models import Story

PAGES_VERSION = "showcase:pages:version"


def pages_version() -> int:
    version = cache.get_or_set(PAGES_VERSION, 1, None)
    assert version is not None  # get_or_set returns the stored value or the default 1
    return version


@receiver(post_save, sender=Story)
@receiver(post_delete, sender=Story)
def _story_changed(**kwargs: object) -> None:
    try:
        cache.incr(PAGES_VERSION)
    except ValueError:
        cache.set(PAGES_VERSION, 2, None)
