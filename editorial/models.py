"""What every reviewed kind of content shares: its workflow state, what "published" means,
the revisions frozen for review, and the reviewers' public profiles.

A content model takes part by subclassing `Publishable` and declaring its contract once:
`title_field` and `text_field` (what a reviewer reads first), `content_fields` (what a new
version carries over and an approval makes live), `content_m2m`, `content_children`
(related rows, such as references, that belong to the version) and `get_absolute_url()`
when it has a public page. Nothing in this app names a content app.
"""

import datetime
import hashlib
import json

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


# Content is reviewed at least every three years (PIF TICK, NHS practice).
MAX_REVIEW_INTERVAL = datetime.timedelta(days=3 * 366)
REVIEW_DUE_SOON = datetime.timedelta(days=60)


def three_years_after(day):
    try:
        return day.replace(year=day.year + 3)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 3, day=28)


def default_next_review():
    return three_years_after(timezone.localdate())


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """The one meaning of "public now": approved, live, not a pending version, not scheduled for later."""
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=timezone.now()),
            status=Status.PUBLISHED,
            revision_of__isnull=True,
        )

    def review_overdue(self, today=None):
        """Items whose next review date has passed."""
        return self.filter(next_review_due__lt=today or timezone.localdate())

    def review_due_soon(self, today=None):
        """Items due for review within 60 days, or overdue."""
        return self.filter(next_review_due__lte=(today or timezone.localdate()) + REVIEW_DUE_SOON)


class Publishable(models.Model):
    """Workflow state: draft, in review, published (perhaps from a set time), archived.

    A published item is never edited in place: changes go into a new version
    (`revision_of` points at the live item) that replaces it once approved.
    """

    # The contract each content model fills in (see the module docstring).
    title_field = None
    text_field = None
    content_fields = []
    content_m2m = []
    content_children = []

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True, editable=False
    )
    publish_at = models.DateTimeField(
        null=True, blank=True, editable=False,
        help_text="Scheduled publication: the public sees it from this time.",
    )
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False,
        help_text="When this was first published.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    # Everyone who changed the content since it was last approved: none of them may approve it.
    contributor_ids = models.JSONField(default=list, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    review_comment = models.TextField(
        blank=True, default="", editable=False, help_text="The reviewer's note when sending this back."
    )
    change_note = models.TextField(
        "what changed at the last review", blank=True, default="", editable=False,
        help_text="Shown to the public under the page.",
    )
    revision_of = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.CASCADE,
        related_name="revisions",
    )
    # Only for content imported with a reviewer named in its file; an approval here
    # credits the approving user's reviewer profile instead.
    reviewer_name = models.CharField("clinical reviewer", max_length=120, blank=True, default="",
                                     editable=False)
    reviewer_role = models.CharField("reviewer's role", max_length=160, blank=True, default="",
                                     editable=False)
    # Example content from content/ that no clinician has approved here: pages showing it say
    # so. Set only by load_content, when it creates an item its file marks `demo: true`;
    # the first approval clears it.
    demo = models.BooleanField(
        "example content", default=False, editable=False,
        help_text="Loaded from the example files and not yet approved by a clinical reviewer.",
    )
    # Empty until a reviewer approves.
    last_reviewed = models.DateField(null=True, blank=True, editable=False)
    next_review_due = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        return str(getattr(self, self.title_field))

    @property
    def is_published(self):
        """Live on the public site now: the same rule as PublishableQuerySet.published()."""
        return (
            self.status == Status.PUBLISHED
            and self.revision_of_id is None
            and (self.publish_at is None or self.publish_at <= timezone.now())
        )

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and self.publish_at is not None and self.publish_at > timezone.now()

    @property
    def review_overdue(self):
        return self.next_review_due is not None and self.next_review_due < timezone.localdate()

    @property
    def clinically_reviewed(self):
        """Pages say when and by whom this was reviewed only if a clinician has approved it."""
        return not self.demo and self.last_reviewed is not None

    @property
    def reviewer_credit(self):
        """Who reviewed this, as the public sees it: the approving user's profile."""
        return ", ".join(part for part in self.credited_reviewer if part)

    @property
    def credited_reviewer(self):
        """(name, role) of who approved this: their profile, else the name imported with it."""
        profile = getattr(self.reviewed_by, "reviewer_profile", None) if self.reviewed_by_id else None
        if profile is not None:
            return profile.display_name, profile.role_line
        return self.reviewer_name, self.reviewer_role

    def clean(self):
        if self.last_reviewed and self.next_review_due:
            if self.next_review_due <= self.last_reviewed:
                raise ValidationError(
                    {"next_review_due": "The next review must come after the last review."}
                )
            if self.next_review_due - self.last_reviewed > MAX_REVIEW_INTERVAL:
                raise ValidationError(
                    {"next_review_due": "Reviews are due at least every 3 years."}
                )

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.published_at is None and self.revision_of_id is None:
            self.published_at = self.publish_at or timezone.now()
        super().save(*args, **kwargs)

    # What a reviewer reads: the content as plain data, and its fingerprint.

    def snapshot(self):
        """This version's content (fields, many-to-many, child rows) as JSON-ready data."""
        data = {}
        for name in self.content_fields:
            field = self._meta.get_field(name)
            data[name] = getattr(self, field.attname)
        if self.pk:
            for name in self.content_m2m:
                data[name] = sorted(getattr(self, name).values_list("pk", flat=True))
            for name in self.content_children:
                manager = getattr(self, name)
                data[name] = [child_values(child, manager.field) for child in manager.all()]
        return json.loads(json.dumps(data, default=str))

    def content_hash(self):
        return hashlib.sha256(json.dumps(self.snapshot(), sort_keys=True).encode()).hexdigest()


def child_values(child, parent_field):
    """A child row's own values (including links to other rows, such as a cited source),
    without its id or the link to its parent version."""
    return {
        field.attname: getattr(child, field.attname)
        for field in child._meta.concrete_fields
        if not field.primary_key and field.name != parent_field.name
    }


def publishable_models():
    """Every installed kind of reviewed content."""
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


class Revision(models.Model):
    """One submission for review: the exact content frozen, who wrote it, and what became of it.

    `object_id` is the page (for a new version, the live page it will replace);
    `version_id` is the row that was submitted.
    """

    class Outcome(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved"
        SENT_BACK = "sent_back", "Sent back"
        WITHDRAWN = "withdrawn", "Withdrawn for more editing"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    version_id = models.PositiveBigIntegerField()
    content = models.JSONField()
    content_hash = models.CharField(max_length=64)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    contributors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"Revision {self.pk} ({self.get_outcome_display()})"

    @classmethod
    def for_page(cls, item):
        page_id = item.revision_of_id or item.pk
        return cls.objects.filter(content_type=ContentType.objects.get_for_model(item), object_id=page_id)


class ReviewerProfile(models.Model):
    """How a reviewer is named on the pages they approve."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    display_name = models.CharField("name, as shown on pages", max_length=120)
    role = models.CharField(max_length=160, help_text="For example: Haemophilia nurse specialist")
    registration = models.CharField(
        max_length=60, blank=True,
        help_text="Optional professional registration, e.g. NMC 12A3456B or GMC 1234567.",
    )
    organisation = models.CharField(max_length=200, blank=True, help_text="For example: an NHS trust.")

    def __str__(self):
        return self.display_name

    @property
    def credit(self):
        return ", ".join(part for part in (self.display_name, self.role_line) if part)

    @property
    def role_line(self):
        """Everything in the credit after the name: role, organisation and registration."""
        text = ", ".join(part for part in (self.role, self.organisation) if part)
        return f"{text} ({self.registration})" if self.registration else text


class WordToExplain(models.Model):
    """A medical word the reading panel asks editors to explain when a page uses it,
    unless the glossary already explains it."""

    word = models.CharField(
        "word or phrase", max_length=100,
        help_text="As it is written on a page, for example “prophylaxis” or “AAV”. Capitals do not "
        "matter. Add a plural separately if it is spelt differently (“antibody”, “antibodies”).",
    )

    class Meta:
        ordering = [models.functions.Lower("word")]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("word"), name="unique_word_to_explain",
                violation_error_message="This word is already on the list.",
            ),
        ]
        verbose_name = "medical word to explain"
        verbose_name_plural = "medical words to explain"

    def __str__(self):
        return self.word
