"""Give a group model permissions from inside a data migration."""

from django.contrib.auth.management import create_permissions


def grant(apps, group_name, permissions):
    """permissions: {app_label: [codename, ...]}; creates the group if needed."""
    # On a fresh database, permissions are normally created after all migrations.
    for app_label in permissions:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, codenames in permissions.items():
        found = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        missing = set(codenames) - set(found.values_list("codename", flat=True))
        if missing:
            raise LookupError(f"No permissions {sorted(missing)} in {app_label}")
        group.permissions.add(*found)
