import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("catalogue", "0002_seed_titles_and_base_salary"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="AwardCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="năm")),
                ("level", models.CharField(max_length=16, verbose_name="cấp")),
                ("target", models.CharField(max_length=16, verbose_name="đối tượng")),
                ("revoked", models.BooleanField(default=False, verbose_name="đã thu hồi")),
                ("n", models.PositiveIntegerField(default=0, verbose_name="số lượt")),
                (
                    "title",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalogue.title",
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="org.unit",
                    ),
                ),
            ],
            options={
                "verbose_name": "ô tổng hợp khen thưởng",
                "verbose_name_plural": "bảng tổng hợp khen thưởng",
                "indexes": [
                    models.Index(
                        fields=["year", "revoked", "unit", "title", "level", "target", "n"],
                        name="stats_awardcount_year_idx",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("unit", "year", "title", "level", "target", "revoked"),
                        name="stats_awardcount_key",
                    )
                ],
            },
        ),
    ]
