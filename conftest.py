"""Project-wide test setup: tests run with the development settings and share a small world."""

import pytest

# `demo_db`: the demo, built once per test session (tests/demo_snapshot.py).
pytest_plugins = ["tests.demo_snapshot"]


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    """Two departments under a city; a centre in each; a person in each centre; users."""
    from tests.world import build_world

    return build_world()


@pytest.fixture
def titles(db):  # type: ignore[no-untyped-def]
    """The seeded catalogue. Transactional tests flush what migrations seeded, so re-seed
    (idempotent) rather than rely on the migration's rows."""
    from guongsang.catalogue.models import Title
    from tests.world import seed_titles

    seed_titles()
    return {t.code: t for t in Title.objects.all()}


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploads and exports of a test go to its own folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _catalogue_seeded(request):  # type: ignore[no-untyped-def]
    """A transactional test flushes the tables, the catalogue the migration seeded with them;
    the next test on the same worker would find no titles. Every database test starts with
    the catalogue in place (one query when it is)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "db" not in request.fixturenames:
        return
    from guongsang.catalogue.models import Title
    from tests.world import seed_titles

    transactional = bool(marker and marker.kwargs.get("transaction")) or (
        "transactional_db" in request.fixturenames
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    if not Title.objects.exists():
        seed_titles()


@pytest.fixture(autouse=True)
def _vietnamese():  # type: ignore[no-untyped-def]
    """Each test starts in Vietnamese, the site's language: a request an earlier test made
    with the English cookie leaves English active in the thread."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    """Each test starts with an empty cache: a scope or a page cached by an earlier test (whose
    rows were rolled back, their ids free again) never answers for this one, and a query count
    is the same whatever ran before."""
    from django.core.cache import cache

    cache.clear()
