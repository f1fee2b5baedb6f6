"""The world the bad inputs are thrown at, and what each case asserts afterwards."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

# A letter only Vietnamese writes (with its tone or vowel mark): proof the message is ours.
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐ]", re.I)


def has_vietnamese(text: str) -> bool:
    return bool(VIETNAMESE.search(text))


def row_counts() -> dict[str, int]:
    """Rows of every table a refused input could have partly written."""
    from guongsang.awards.models import Award
    from guongsang.contests.models import Entry
    from guongsang.core.models import TaskProgress
    from guongsang.movements.models import Movement
    from guongsang.nominations.models import Dossier
    from guongsang.people.models import Person
    from guongsang.targets.models import Plan, Result

    models = [Award, Dossier, Entry, Movement, Person, Plan, Result, TaskProgress]
    return {m.__name__: m.objects.count() for m in models}


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture(scope="module")
def corpus(module_db, tmp_path_factory):
    """The shared world plus an open contest and an indicator with a plan, built once for the
    module (each case runs in its own transaction, rolled back, so every case meets it as
    built)."""
    from django.test import override_settings

    from guongsang.contests.tests.factories import make_contest
    from guongsang.targets.tests.factories import make_indicator
    from tests.world import build_world, seed_titles

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("corpus-media")):
        seed_titles()
        world = build_world()
        world.contest = make_contest(world.dept)
        world.indicator = make_indicator()
    return world


def watch():
    """Snapshot now; the returned check fails when a watched table or private file changed."""
    before = (row_counts(), stored_files())

    def check() -> None:
        assert (row_counts(), stored_files()) == before

    return check
