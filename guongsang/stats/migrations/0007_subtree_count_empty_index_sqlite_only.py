"""The partial index stats_subtreecount_empty served the row-level triggers' removal path.
On PostgreSQL the statement-level triggers (0006) delete emptied cells by their full key, so
the index is dropped there: an update of a rollup cell's count can be HOT again (no index
involves `n`), and a busy cell such as the city's keeps one index entry instead of one per
update. SQLite's row-level triggers still use it: it stays there, outside the model state."""

from django.db import migrations, models

INDEX = models.Index(
    fields=["year", "title", "level", "target", "revoked"],
    condition=models.Q(n__lte=0),
    name="stats_subtreecount_empty",
)


def forward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS stats_subtreecount_empty")


def backward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        model = apps.get_model("stats", "SubtreeCount")
        schema_editor.add_index(model, INDEX)


class Migration(migrations.Migration):
    dependencies = [("stats", "0006_statement_triggers")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="subtreecount", name="stats_subtreecount_empty")
            ],
            database_operations=[migrations.RunPython(forward, backward)],
        )
    ]
