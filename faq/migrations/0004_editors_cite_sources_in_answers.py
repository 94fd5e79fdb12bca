from django.db import migrations

from hemed.groups import grant


def allow_question_references(apps, schema_editor):
    grant(apps, "Clinical editors", {"faq": [
        "add_questionreference", "change_questionreference",
        "delete_questionreference", "view_questionreference",
    ]})


class Migration(migrations.Migration):
    dependencies = [("faq", "0003_questionreference")]

    operations = [migrations.RunPython(allow_question_references, migrations.RunPython.noop)]
