"""Who may move content between draft, in review, published and archived, and how.

Editors write and submit for review; submitting freezes a Revision (the exact content
and its hash, and everyone who changed it since the last approval). Content in review
cannot be edited: an editor withdraws it to a draft first, which voids that revision.
A reviewer approves the revision they read, and only if the content still hashes the
same and they did not change it themselves (four eyes). A published page is never edited
in place: a new version is drafted beside it and replaces it, now or at a set time, when
approved; its history and revisions then belong to the live page. See README.md here.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from . import notifications
from .models import MAX_REVIEW_INTERVAL, Publishable, Revision, Status, publishable_models
from .roles import can_edit, can_review

CHANGED = "This page changed since you opened it. Read the new version before approving it."


class WorkflowError(Exception):
    """A transition that is not allowed; the message says why, in plain words."""


def _require_edit(user, item):
    if not can_edit(user, item):
        raise WorkflowError("You do not have permission to edit this.")


def pending_revision(item):
    return Revision.for_page(item).filter(version_id=item.pk, outcome=Revision.Outcome.PENDING).first()


def record_edit(item, user, before_hash):
    """Note `user` as a contributor if the content now differs from what hashed to `before_hash`."""
    if user is None or item.content_hash() == before_hash:
        return False
    contributors = list(dict.fromkeys([*item.contributor_ids, user.pk]))
    type(item).objects.filter(pk=item.pk).update(contributor_ids=contributors, last_edited_by=user)
    item.contributor_ids, item.last_edited_by = contributors, user
    return True


def submit(item, user):
    """Draft -> in review, freezing what the reviewer will read."""
    _require_edit(user, item)
    with transaction.atomic():
        # Freeze what is stored now, not what this object was loaded with.
        type(item).objects.select_for_update().get(pk=item.pk)
        item.refresh_from_db()
        if item.status != Status.DRAFT:
            raise WorkflowError("Only a draft can be sent for review.")
        item.status = Status.IN_REVIEW
        item.review_comment = ""
        item.save(update_fields=["status", "review_comment", "updated_at"])
        revision = freeze(item, user)
    notifications.submitted(item, revision)
    return revision


def freeze(item, user):
    """The Revision a reviewer reads: this version's content as stored now, and who wrote it."""
    revision = Revision.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.revision_of_id or item.pk, version_id=item.pk,
        content=item.snapshot(), content_hash=item.content_hash(), submitted_by=user,
    )
    revision.contributors.set(item.contributor_ids)
    return revision


def withdraw(item, user):
    """In review -> draft, so its editors can change it again; the frozen revision is void."""
    _require_edit(user, item)
    if item.status != Status.IN_REVIEW:
        raise WorkflowError("Only an item in review can be withdrawn for editing.")
    with transaction.atomic():
        _decide(pending_revision(item), Revision.Outcome.WITHDRAWN, user)
        item.status = Status.DRAFT
        item.save(update_fields=["status", "updated_at"])


def send_back(item, user, comment):
    """In review -> draft, with the reviewer's comment for the editor."""
    if not can_review(user, item):
        raise WorkflowError("Only a clinical reviewer can send this back.")
    if item.status != Status.IN_REVIEW:
        raise WorkflowError("Only an item in review can be sent back.")
    if not comment.strip():
        raise WorkflowError("Say what needs to change.")
    with transaction.atomic():
        revision = pending_revision(item)
        _decide(revision, Revision.Outcome.SENT_BACK, user, comment.strip())
        item.status = Status.DRAFT
        item.review_comment = comment.strip()
        item.save(update_fields=["status", "review_comment", "updated_at"])
    notifications.sent_back(item, revision)


def _decide(revision, outcome, user, comment=""):
    if revision is not None:
        revision.outcome, revision.decided_by, revision.comment = outcome, user, comment
        revision.decided_at = timezone.now()
        revision.save(update_fields=["outcome", "decided_by", "decided_at", "comment"])


def check_approval(item, user):
    """Raise WorkflowError unless `user` may approve `item` now; return its pending revision."""
    if not can_review(user, item):
        raise WorkflowError("Only a clinical reviewer can approve and publish.")
    if item.status != Status.IN_REVIEW:
        raise WorkflowError("Only an item in review can be approved.")
    revision = pending_revision(item)
    if revision is None:
        raise WorkflowError("There is no submitted version to approve: send it for review again.")
    if user.pk in item.contributor_ids or revision.contributors.filter(pk=user.pk).exists():
        raise WorkflowError("You changed this since it was last approved, so another reviewer must approve it.")
    return revision


def check_review_date(next_review_due, today=None):
    today = today or timezone.localdate()
    if not today < next_review_due <= today + MAX_REVIEW_INTERVAL:
        raise WorkflowError("The next review must be within 3 years from today.")


def approve(item, user, *, revision_id, content_hash, next_review_due, change_note="",
            publish_at=None, today=None):
    """In review -> published, now or at `publish_at`. Returns the live item, or the scheduled version.

    `revision_id` and `content_hash` are what the reviewer read; if the content differs
    from them now, nothing is published.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        item = type(item).objects.select_for_update().get(pk=item.pk)
        revision = check_approval(item, user)
        if revision.pk != revision_id or content_hash != revision.content_hash \
                or item.content_hash() != revision.content_hash:
            raise WorkflowError(CHANGED)
        check_review_date(next_review_due, today)
        if publish_at and publish_at <= timezone.now():
            publish_at = None
        item.status = Status.PUBLISHED
        item.publish_at = publish_at
        item.last_reviewed = today
        item.next_review_due = next_review_due
        item.reviewed_by = user
        item.reviewer_name = item.reviewer_role = ""
        item.demo = False
        item.change_note = change_note.strip()
        item.review_comment = ""
        item.contributor_ids = []
        item.save()
        _decide(revision, Revision.Outcome.APPROVED, user)
        live = item
        if item.revision_of_id and not publish_at:
            live = replace_live(item)
    notifications.approved(live, revision)
    return live


REVIEW_FIELDS = ["status", "last_reviewed", "next_review_due", "reviewed_by", "reviewer_name",
                 "reviewer_role", "demo", "change_note", "review_comment", "contributor_ids", "last_edited_by"]


@transaction.atomic
def replace_live(version):
    """An approved new version becomes the live page; its history and revisions move with it."""
    live = version.revision_of
    copy_content(version, live, save=False)
    for name in REVIEW_FIELDS:
        setattr(live, name, getattr(version, name))
    live.publish_at = None
    live.save()
    copy_related(version, live)
    history = type(live).history.model.objects
    version_id = version.pk
    version.delete()
    # The draft row is gone, but not what was done in it: its records become the page's.
    history.filter(id=version_id, history_type="-").delete()
    history.filter(id=version_id).update(id=live.pk)
    Revision.for_page(live).filter(version_id=version_id).update(version_id=live.pk)
    return live


def publish_due_versions(now=None):
    """Put live every approved new version whose scheduled time has come. Returns how many."""
    now = now or timezone.now()
    count = 0
    for model in publishable_models():
        due = model.objects.filter(status=Status.PUBLISHED, revision_of__isnull=False, publish_at__lte=now)
        for version in due.select_related("revision_of"):
            replace_live(version)
            count += 1
    return count


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
    _require_edit(user, item)
    if item.status != Status.ARCHIVED:
        raise WorkflowError("Only an archived page can be reopened.")
    item.status = Status.DRAFT
    item.save(update_fields=["status", "updated_at"])


@transaction.atomic
def start_new_version(item, user, source=None):
    """A draft copy of a published page (or of `source`, an older version) to edit.

    The live page stays as it is until the copy is approved.
    """
    _require_edit(user, item)
    return new_version(item, user, source)


@transaction.atomic
def new_version(item, user=None, source=None):
    """start_new_version without the permission check, for the content-file import (no user)."""
    if item.status != Status.PUBLISHED or item.revision_of_id:
        raise WorkflowError("Only a published page gets a new version; edit drafts directly.")
    existing = item.revisions.first()
    if existing:
        return restore(existing, source, user) if source is not None else existing
    draft = type(item)(revision_of=item, status=Status.DRAFT, last_edited_by=user)
    if hasattr(item, "slug"):
        draft.slug = f"{item.slug}--new-version"[: item._meta.get_field("slug").max_length]
    copy_content(source or item, draft, save=False)
    draft.save()
    copy_related(source or item, draft)
    if source is not None:
        record_edit(draft, user, item.content_hash())
    return draft


def restore(item, record, user):
    """Put an older version's content into a draft to check and submit. Returns the draft."""
    if item.status == Status.PUBLISHED and not item.revision_of_id:
        return start_new_version(item, user, source=record)
    _require_edit(user, item)
    if item.status != Status.DRAFT:
        raise WorkflowError("Only a draft can take an older version: withdraw or reopen it first.")
    before = item.content_hash()
    copy_content(record, item)
    record_edit(item, user, before)
    return item


def copy_content(source, target, save=True):
    """Copy what readers see (fields, children, many-to-many) from one version to another.

    `source` may be a historical record from django-simple-history, which has no children.
    """
    for name in target.content_fields:
        field = target._meta.get_field(name)
        setattr(target, field.attname, getattr(source, field.attname))
    if save:
        target.save()
        copy_related(source, target)


def copy_related(source, target):
    if not isinstance(source, Publishable):
        return  # a historical record keeps the fields only
    for name in target.content_children:
        manager = getattr(target, name)
        manager.all().delete()
        for child in getattr(source, name).all():
            child.pk = None
            setattr(child, manager.field.name, target)
            child.save()
    for name in target.content_m2m:
        getattr(target, name).set(getattr(source, name).all())
