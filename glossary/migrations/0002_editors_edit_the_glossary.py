from django.db import migrations

from hemed.groups import grant


def allow_glossary_editing(apps, schema_editor):
    grant(apps, "Clinical editors", {"glossary": ["add_term", "change_term", "view_term"]})


class Migration(migrations.Migration):
    dependencies = [
        ("glossary", "0001_initial"),
        ("faq", "0002_clinical_editors_group"),
    ]

    operations = [migrations.RunPython(allow_glossary_editing, migrations.RunPython.noop)]
