from django.db import migrations


def fill(apps, schema_editor):
    from guongsang.core.formatting import vn_sort_key

    Person = apps.get_model("people", "Person")
    batch = []
    for person in Person.objects.only("id", "full_name").iterator(chunk_size=2000):
        person.sort_name = vn_sort_key(person.full_name)
        batch.append(person)
        if len(batch) >= 2000:
            Person.objects.bulk_update(batch, ["sort_name"])
            batch = []
    Person.objects.bulk_update(batch, ["sort_name"])


class Migration(migrations.Migration):
    dependencies = [("people", "0002_person_sort_name")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
