"""Who may move content between draft, in review, published and archived, and how.

Editors write and submit for review. Reviewers approve (which publishes, now or
at a set time) or send back with a comment. Nobody approves their own edit. A
published page is never edited in place: a new version is drafted beside it
and replaces it, all at once, when it is approved.
"""

from django.db import transaction
from django.utils import timezone

from .publishing import MAX_REVIEW_INTERVAL, Status


class WorkflowError(Exception):
    """A transition that is not allowed; the message says why, in plain words."""


def can_edit(user, item):
    opts = item._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def can_review(user, item):
    opts = item._meta
    return user.has_perm(f"{opts.app_label}.review_{opts.model_name}")


def submit(item, user):
    """Draft -> in review."""
    if not can_edit(user, item):
        raise WorkflowError("You do not have permission to edit this.")
    if item.status != Status.DRAFT:
        raise WorkflowError("Only a draft can be sent for review.")
    item.status = Status.IN_REVIEW
    item.save(update_fields=["status", "updated_at"])


def send_back(item, user, comment):
    """In review -> draft, with the reviewer's comment for the editor."""
    if not can_review(user, item):
        raise WorkflowError("Only a clinical reviewer can send this back.")
    if item.status != Status.IN_REVIEW:
        raise WorkflowError("Only an item in review can be sent back.")
    if not comment.strip():
        raise WorkflowError("Say what needs to change.")
    item.status = Status.DRAFT
    item.review_comment = comment.strip()
    item.save(update_fields=["status", "review_comment", "updated_at"])


def check_approval(item, user):
    """Raise WorkflowError unless `user` may approve `item` now."""
    if not can_review(user, item):
        raise WorkflowError("Only a clinical reviewer can approve and publish.")
    if item.status != Status.IN_REVIEW:
        raise WorkflowError("Only an item in review can be approved.")
    if item.last_edited_by_id == user.pk:
        raise WorkflowError("You made the last edit, so another reviewer must approve it.")


@transaction.atomic
def approve(item, user, *, reviewer_name, reviewer_role, next_review_due, change_note="",
            publish_at=None, today=None):
    """In review -> published. Returns the live item (for a new version, the one it replaced)."""
    check_approval(item, user)
    today = today or timezone.localdate()
    if not today < next_review_due <= today + MAX_REVIEW_INTERVAL:
        raise WorkflowError("The next review must be within 3 years from today.")
    if publish_at and publish_at <= timezone.now():
        publish_at = None
    live = item.revision_of or item
    if live is not item:
        copy_content(item, live)
        publish_at = None  # a new version replaces the live page straight away
    live.status = Status.PUBLISHED
    live.publish_at = publish_at
    live.last_reviewed = today
    live.next_review_due = next_review_due
    live.reviewed_by = user
    live.reviewer_name = reviewer_name.strip()
    live.reviewer_role = reviewer_role.strip()
    live.change_note = change_note.strip()
    live.review_comment = ""
    live.last_edited_by = item.last_edited_by
    live.save()
    if live is not item:
        item.delete()
    return live


def archive(item, user):
    """Published -> archived: off the public site, kept with its history."""
    if not can_review(user, item):
        raise WorkflowError("Only a clinical reviewer can take a page off the site.")
    if item.status != Status.PUBLISHED or item.revision_of_id:
        raise WorkflowError("Only a published page can be archived.")
    item.status = Status.ARCHIVED
    item.save(update_fields=["status", "updated_at"])


def reopen(item, user):
    """Archived -> draft, to be reviewed again before it returns."""
    if not can_edit(user, item):
        raise WorkflowError("You do not have permission to edit this.")
    if item.status != Status.ARCHIVED:
        raise WorkflowError("Only an archived page can be reopened.")
    item.status = Status.DRAFT
    item.save(update_fields=["status", "updated_at"])


@transaction.atomic
def start_new_version(item, user, source=None):
    """A draft copy of a published page (or of `source`, an older version) to edit.

    The live page stays as it is until the copy is approved.
    """
    if not can_edit(user, item):
        raise WorkflowError("You do not have permission to edit this.")
    if item.status != Status.PUBLISHED or item.revision_of_id:
        raise WorkflowError("Only a published page gets a new version; edit drafts directly.")
    existing = item.revisions.first()
    if existing:
        if source is not None:
            copy_content(source, existing)
            existing.last_edited_by = user
            existing.save()
        return existing
    draft = type(item)(
        slug=f"{item.slug}--new-version"[: item._meta.get_field("slug").max_length],
        revision_of=item,
        status=Status.DRAFT,
        last_reviewed=item.last_reviewed,
        next_review_due=item.next_review_due,
        reviewer_name=item.reviewer_name,
        reviewer_role=item.reviewer_role,
        last_edited_by=user,
    )
    copy_content(source or item, draft, save=False)
    draft.save()
    copy_related(source or item, draft)
    return draft


def copy_content(source, target, save=True):
    """Copy what readers see (fields, references, links) from one version to another.

    `source` may be a historical record from django-simple-history.
    """
    for name in target.content_fields:
        setattr(target, name, getattr(source, name))
    if save:
        target.save()
        copy_related(source, target)


def copy_related(source, target):
    if hasattr(source, "references") and hasattr(source.references, "all"):
        field = target.references.field.name
        target.references.all().delete()
        for reference in source.references.all():
            reference.pk = None
            setattr(reference, field, target)
            reference.save()
    for name in target.content_m2m:
        if hasattr(source, name) and hasattr(getattr(source, name), "all"):
            getattr(target, name).set(getattr(source, name).all())


def recent_role(model, user):
    """The role this reviewer gave last time, to fill in the approval form."""
    latest = model.objects.filter(reviewed_by=user).exclude(reviewer_role="").order_by("-updated_at").first()
    return latest.reviewer_role if latest else ""
