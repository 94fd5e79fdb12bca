from django.db import migrations

from hemed.groups import grant


def allow(apps, schema_editor):
    grant(apps, "Clinical editors", {"search": [
        "add_synonymgroup", "change_synonymgroup", "delete_synonymgroup", "view_synonymgroup",
        "add_pin", "change_pin", "delete_pin", "view_pin",
        "view_searchlog",
    ]})


class Migration(migrations.Migration):
    dependencies = [("search", "0002_seed_synonyms"), ("faq", "0002_clinical_editors_group")]

    operations = [migrations.RunPython(allow, migrations.RunPython.noop)]
