"""The reward coefficients cite the decree's right articles: Nghị định 98/2023/NĐ-CP, Điều 54
(titles), Điều 55 (Huân chương), Điều 58 (Bằng khen, Giấy khen); the earlier seed wrote
Điều 55 and 56. Rows whose article the admin has since edited are left as they are."""

from django.db import migrations


def forwards(apps, schema_editor):
    from guongsang.catalogue.seed import fix_articles

    fix_articles(apps.get_model("catalogue", "Title"))


def backwards(apps, schema_editor):
    from guongsang.catalogue.seed import fix_articles

    fix_articles(apps.get_model("catalogue", "Title"), backwards=True)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_seed_rules_and_articles")]
    operations = [migrations.RunPython(forwards, backwards)]
