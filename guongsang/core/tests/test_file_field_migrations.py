"""The move of stored paths from text columns to FileFields keeps every row's file, both ways."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("core", "0002_audit_export_action")]
AFTER = [("core", "0003_taskprogress_result_file_in_storage")]


def _migrate(targets=None):
    """Migrate to ``targets``; without them, to the latest migration of every app."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_path_written_before_the_change_opens_after_it_and_survives_the_way_back(world):
    name = default_storage.save("exports/truoc-khi-doi.xlsx", ContentFile(b"noi dung"))
    try:
        old = _migrate(BEFORE).get_model("core", "TaskProgress")
        row = old.objects.create(owner_id=world.officer.pk, label="Xuất", result_file=name)
        assert isinstance(row.result_file, str)

        new = _migrate(AFTER).get_model("core", "TaskProgress")
        moved = new.objects.get(pk=row.pk)
        assert moved.result_file.name == name
        with moved.result_file.open("rb") as fh:
            assert fh.read() == b"noi dung"

        back = _migrate(BEFORE).get_model("core", "TaskProgress")
        assert back.objects.get(pk=row.pk).result_file == name
    finally:  # back to the whole schema, later migrations included, for the tests after
        _migrate()
