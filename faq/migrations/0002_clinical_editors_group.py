from django.db import migrations

from hemed.groups import grant

GROUP = "Clinical editors"
# Editors write and change content; they do not delete it or manage users.
PERMISSIONS = {
    "articles": ["add_article", "change_article", "view_article",
                 "add_reference", "change_reference", "delete_reference", "view_reference",
                 "view_topic"],
    "faq": ["add_question", "change_question", "view_question", "view_category"],
}


def create_group(apps, schema_editor):
    grant(apps, GROUP, PERMISSIONS)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0002_postgres_extensions"),
        ("faq", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
