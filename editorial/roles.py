"""Who may do what: the two editorial groups and the one place their rights are decided.

- Clinical editors write: they add, change and view every kind of reviewed content, and
  send it for review.
- Clinical reviewers may also approve, publish and archive (the `review_<model>`
  permission each Publishable declares), but never content they changed themselves
  since its last approval (the four-eyes rule in workflow.check_approval).

The groups are kept in step after every `migrate` (post_migrate), from the installed
Publishable models plus what each app lists in `AppConfig.editor_permissions` (for
example references, or the search pins). Adding a user to a group makes them staff, so
they can sign in to the admin, with only their group's permissions.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_migrate

EDITORS = "Clinical editors"
REVIEWERS = "Clinical reviewers"
GROUPS = (EDITORS, REVIEWERS)


def can_edit(user, item):
    """item: a content object or its model."""
    opts = item._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def can_review(user, item):
    opts = item._meta
    return user.has_perm(f"{opts.app_label}.review_{opts.model_name}")


def can_use_editor(user):
    """The editor's preview, reading panel and uploads: for people who may change content."""
    from .models import publishable_models

    if not (user.is_active and user.is_staff):
        return False
    return any(user.has_perm(f"{m._meta.app_label}.change_{m._meta.model_name}") for m in publishable_models())


def review_permission(model):
    return f"review_{model._meta.model_name}"


def wanted_permissions(app_config):
    """{group name: [codename, ...]} for one app's models."""
    from .models import Publishable

    editors = list(getattr(app_config, "editor_permissions", []))
    reviewers = []
    for model in app_config.get_models():
        if issubclass(model, Publishable):
            name = model._meta.model_name
            editors += [f"add_{name}", f"change_{name}", f"view_{name}"]
            reviewers.append(review_permission(model))
    return {EDITORS: editors, REVIEWERS: editors + reviewers}


def sync_groups(app_config, using="default", **kwargs):
    """Give the editorial groups the rights this app's models call for (post_migrate)."""
    wanted = wanted_permissions(app_config)
    if not any(wanted.values()):
        return
    # Permissions are created by another post_migrate receiver that may not have run yet.
    create_permissions(app_config, verbosity=0, using=using)
    for group_name, codenames in wanted.items():
        group, _ = Group.objects.using(using).get_or_create(name=group_name)
        found = Permission.objects.using(using).filter(
            content_type__app_label=app_config.label, codename__in=codenames
        )
        missing = set(codenames) - set(found.values_list("codename", flat=True))
        if missing:
            raise LookupError(f"No permissions {sorted(missing)} in {app_config.label}")
        group.permissions.add(*found)


def staff_with_group(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    """Joining an editorial group lets a user sign in to the admin; leaving the last one stops it."""
    if reverse or action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
        return
    user = instance
    if action == "pre_clear":
        user._had_editorial_group = user.groups.filter(name__in=GROUPS).exists()
        return
    if action == "post_clear":
        touched = getattr(user, "_had_editorial_group", False)
    else:
        touched = Group.objects.filter(pk__in=pk_set or (), name__in=GROUPS).exists()
    if not touched or user.is_superuser:
        return
    in_group = user.groups.filter(name__in=GROUPS).exists()
    if in_group != user.is_staff:
        user.is_staff = in_group
        user.save(update_fields=["is_staff"])


def connect():
    # After django.contrib.auth's create_permissions, which is connected first.
    post_migrate.connect(sync_groups, dispatch_uid="editorial_sync_groups")
    from django.contrib.auth import get_user_model

    m2m_changed.connect(staff_with_group, sender=get_user_model().groups.through,
                        dispatch_uid="editorial_staff_with_group")
