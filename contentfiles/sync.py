"""Import content/ into the database without overwriting work done in the admin, and export
the database back to content/ in the same format.

For every entry an import writes, an ImportRecord keeps the hash of the content it wrote.
On a later import, for each entry:

- the row already holds what the file says: nothing to do ("unchanged");
- the row differs from what the last import wrote: someone changed it in the admin, so it is
  left alone and reported ("skipped"), unless `force`;
- otherwise the file changed: the row is updated. A published page is never edited in
  place: the change arrives as a new draft version for review. A page in review is left
  until its review ends.

An import sets the workflow fields (status, reviewer, review dates, what changed, the demo
flag) only when it creates an item. An entry marked `demo: true` is example content: pages
showing it say it is not yet reviewed by a clinician, until a reviewer approves it here.

A file cannot publish reviewed content: only an approval in this site's admin does (the
four-eyes rule in editorial.workflow). An entry that says it is published and reviewed
(not `demo`) is created *in review*, without the file's reviewer or dates, for a reviewer
here to approve. (Moving a whole site keeps its approvals through backup and restore.)
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from editorial import workflow
from editorial.models import Publishable, Status
from editorial.rendering import RendersMarkdown, site_context

from . import layout
from .kinds import digest
from .models import ImportRecord

WORKFLOW_FIELDS = ["status", "publish_at", "last_reviewed", "next_review_due", "change_note", "review_comment"]

SKIPPED_ADMIN = "changed in the admin since the last import"
SKIPPED_UNTRACKED = "differs from the file and was not written by an import (changed in the admin?)"
SKIPPED_DELETED = "deleted in the admin since the last import"
SKIPPED_IN_REVIEW = "in review: import again when the review is over"
SKIPPED_SCHEDULED = "an approved new version is waiting to go live"
AWAITING_APPROVAL = "in review: a file cannot publish reviewed content, so a reviewer must approve it here"


@dataclass
class Report:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    new_versions: list = field(default_factory=list)
    unchanged: int = 0
    skipped: dict = field(default_factory=lambda: defaultdict(list))
    overwritten: list = field(default_factory=list)
    awaiting_approval: list = field(default_factory=list)

    def would_overwrite(self):
        return sum(len(names) for reason, names in self.skipped.items()
                   if reason in (SKIPPED_ADMIN, SKIPPED_UNTRACKED, SKIPPED_DELETED))

    def lines(self):
        yield (f"Content loaded: {len(self.created)} created, {len(self.updated)} updated, "
               f"{len(self.new_versions)} new draft versions for review, {self.unchanged} unchanged, "
               f"{sum(len(v) for v in self.skipped.values())} skipped.")
        for name in self.new_versions:
            yield f"  new draft version (review it in the admin): {name}"
        for name in self.overwritten:
            yield f"  overwritten (--force): {name}"
        for name in self.awaiting_approval:
            yield f"  {AWAITING_APPROVAL}: {name}"
        for reason, names in self.skipped.items():
            for name in names:
                yield f"  skipped: {reason}: {name}"
        if self.would_overwrite():
            yield (f"--force would overwrite {self.would_overwrite()} of the skipped items with the files' "
                   "content (their admin versions stay in each item's history).")


class Importer:
    def __init__(self, force=False):
        self.force = force
        self.report = Report()
        self.records = {(r.kind, r.key): r for r in ImportRecord.objects.all()}
        self.render_context = None  # site_context(), while no term or source changes

    @transaction.atomic
    def entry(self, kind, key, entry):
        """Bring one file entry into the database. Returns the live row (or None if skipped)."""
        content = kind.parse(entry)
        wanted = digest(content)
        name = f"{kind.name} {key}"
        record = self.records.get((kind.name, key))
        live = kind.model.objects.filter(pk=record.object_id).first() if record else kind.find(key, entry)
        if live is None and record is not None and not self.force:
            self.report.skipped[SKIPPED_DELETED].append(name)
            return None
        if live is None:
            live = self.create(kind, key, entry, content)
            self.report.created.append(name)
            return self.remember(kind, key, live, wanted)
        target = pending_version(live) or live
        now = digest(kind.content(target))
        if now == wanted:
            self.report.unchanged += 1
            return self.remember(kind, key, live, wanted)
        if record is None or now != record.content_hash:
            if not self.force:
                self.report.skipped[SKIPPED_UNTRACKED if record is None else SKIPPED_ADMIN].append(name)
                return live
            self.report.overwritten.append(name)
        if not isinstance(live, Publishable):
            self.save(kind, live, content)
            self.report.updated.append(name)
        elif target.status == Status.IN_REVIEW:
            self.report.skipped[SKIPPED_IN_REVIEW].append(name)
            return live
        elif target.status == Status.PUBLISHED and target.revision_of_id:
            self.report.skipped[SKIPPED_SCHEDULED].append(name)
            return live
        elif target.status == Status.PUBLISHED:
            # Live content changes only through review: the file's text waits in a new version.
            self.save(kind, workflow.new_version(live), content)
            self.report.new_versions.append(name)
        else:
            # A draft, a draft new version, or an archived page (which stays archived).
            self.save(kind, target, content)
            (self.report.new_versions if target.revision_of_id else self.report.updated).append(name)
        return self.remember(kind, key, live, wanted)

    def create(self, kind, key, entry, content):
        row = kind.model()
        if kind.key_field:
            setattr(row, kind.key_field, key)
        if isinstance(row, Publishable):
            for name in WORKFLOW_FIELDS:
                if entry.get(name) is not None:
                    setattr(row, name, entry[name])
            row.status = entry.get("status") or Status.DRAFT
            reviewer = entry.get("reviewer") or {}
            row.reviewer_name, row.reviewer_role = reviewer.get("name", ""), reviewer.get("role", "")
            row.demo = bool(entry.get("demo"))
            if row.status == Status.PUBLISHED and not row.demo:
                row.status, row.publish_at = Status.IN_REVIEW, None
                row.reviewer_name = row.reviewer_role = ""
                row.last_reviewed = row.next_review_due = None
                self.report.awaiting_approval.append(f"{kind.name} {key}")
        self.save(kind, row, content)
        if isinstance(row, Publishable) and row.status == Status.IN_REVIEW:
            workflow.freeze(row, None)
        return row

    def save(self, kind, row, content):
        kind.write(row, content)
        row._change_reason = "Imported from content/"
        if isinstance(row, RendersMarkdown):
            # The glossary and the registry come first in an import and change only when a
            # term or source is written: look them up once for all the pages after them.
            if self.render_context is None:
                self.render_context = site_context()
            row.render_context = self.render_context
        else:
            self.render_context = None
        row.full_clean()
        row.save()
        kind.write_related(row, content)

    def remember(self, kind, key, live, wanted):
        record = self.records.get((kind.name, key)) or ImportRecord(kind=kind.name, key=key)
        if (record.object_id, record.content_hash) != (live.pk, wanted):
            record.object_id, record.content_hash = live.pk, wanted
            record.save()
            self.records[(kind.name, key)] = record
        return live


def pending_version(live):
    """The new version being prepared beside a live page, if there is one."""
    if isinstance(live, Publishable):
        return live.revisions.first()
    return None


class DryRun(Exception):
    pass


def import_folder(folder, force=False, dry_run=False):
    """Import every file in `folder` (laid out as content/ is), all or nothing. Returns the Report.

    With `dry_run`, the report says what would happen and the database is left as it was.
    """
    importer = Importer(force=force)
    try:
        with transaction.atomic():
            layout.read(folder, importer)
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    return importer.report
