from django.db import migrations


def seed(apps, schema_editor):
    from guongsang.catalogue.seed import seed_rules

    seed_rules(apps.get_model("catalogue", "Title"), apps.get_model("catalogue", "Prerequisite"))


def unseed(apps, schema_editor):
    """The articles and criteria stay (harmless blank columns before 0003); the prerequisites
    of the national forms and the corrected coefficient go back."""
    from decimal import Decimal

    from guongsang.catalogue.seed import COEFFICIENT_FIXES, RULE_PREREQUISITES

    Title = apps.get_model("catalogue", "Title")
    Prerequisite = apps.get_model("catalogue", "Prerequisite")
    for code, required, counting, *_ in RULE_PREREQUISITES:
        if counting == "after":
            Prerequisite.objects.filter(title__code=code, required__code=required).delete()
    Prerequisite.objects.filter(counting="awards").update(counting="years")
    for code, old, new in COEFFICIENT_FIXES:
        Title.objects.filter(code=code, coefficient=new).update(coefficient=Decimal(old))


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_title_rules_and_articles")]
    operations = [migrations.RunPython(seed, unseed)]
