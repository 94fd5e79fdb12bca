from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Clinical editors"
# Editors write and change content; they do not delete it or manage users.
PERMISSIONS = {
    "articles": ["add_article", "change_article", "view_article",
                 "add_reference", "change_reference", "delete_reference", "view_reference",
                 "view_topic"],
    "faq": ["add_question", "change_question", "view_question", "view_category"],
}


def create_group(apps, schema_editor):
    # On a fresh database, permissions are normally created after all migrations.
    for app_label in PERMISSIONS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codenames in PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


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
