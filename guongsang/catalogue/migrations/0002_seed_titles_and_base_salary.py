from django.db import migrations


def seed(apps, schema_editor):
    from guongsang.catalogue.seed import seed_catalogue

    seed_catalogue(
        apps.get_model("catalogue", "Title"),
        apps.get_model("catalogue", "Prerequisite"),
        apps.get_model("catalogue", "BaseSalary"),
    )


def unseed(apps, schema_editor):
    from guongsang.catalogue.seed import BASE_SALARIES, TITLES

    apps.get_model("catalogue", "Prerequisite").objects.all().delete()
    apps.get_model("catalogue", "Title").objects.filter(
        code__in=[row[0] for row in TITLES]
    ).update(quota_of=None)
    apps.get_model("catalogue", "Title").objects.filter(
        code__in=[row[0] for row in TITLES]
    ).delete()
    apps.get_model("catalogue", "BaseSalary").objects.filter(
        valid_from__in=[row[1] for row in BASE_SALARIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
