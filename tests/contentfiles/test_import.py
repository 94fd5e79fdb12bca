"""Importing content/ never overwrites work done in the admin (issue: nothing a clinician
writes is ever lost)."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.models import Article, Topic
from contentfiles.files import dump_markdown, load_markdown
from editorial import workflow
from editorial.models import Revision, Status
from faq.models import Question
from glossary.models import Term

CONTENT = settings.BASE_DIR / "content"
SLUG = "treating-haemophilia-b-today"
CORRECTION = "Corrected: the dose is set by your haemophilia team.\n"

pytestmark = pytest.mark.django_db


def load(*args, folder=CONTENT):
    out = io.StringIO()
    call_command("load_content", "--content-dir", str(folder), *args, stdout=out)
    return out.getvalue()


def edit_article_file(folder, slug, **changes):
    path = folder / "articles" / f"{slug}.md"
    meta, body = load_markdown(path)
    body = changes.pop("body", body)
    meta.update(changes)
    path.write_text(dump_markdown(meta, body), encoding="utf-8")


def approve_correction(article, editor, reviewer, body=CORRECTION, note="corrected dose advice"):
    """What a nurse and a reviewer do in the admin: a new version, submitted, approved."""
    draft = workflow.start_new_version(article, editor)
    before = draft.content_hash()
    draft.body = body
    draft.save()
    workflow.record_edit(draft, editor, before)
    revision = workflow.submit(draft, editor)
    return workflow.approve(draft, reviewer, revision_id=revision.pk, content_hash=revision.content_hash,
                            next_review_due=datetime.date.today() + datetime.timedelta(days=365),
                            change_note=note)


def test_loading_twice_changes_nothing():
    load()
    before = list(Article.objects.values_list("slug", "updated_at").order_by("slug"))
    before += list(Question.objects.values_list("slug", "updated_at").order_by("slug"))
    output = load()
    after = list(Article.objects.values_list("slug", "updated_at").order_by("slug"))
    after += list(Question.objects.values_list("slug", "updated_at").order_by("slug"))
    assert after == before
    assert "0 created, 0 updated, 0 new draft versions for review" in output
    assert "0 skipped" in output


def test_an_approved_correction_survives_loading_the_files_again(files, editor, reviewer, client):
    load(folder=files)
    live = approve_correction(Article.objects.get(slug=SLUG), editor, reviewer)

    output = load(folder=files)

    live.refresh_from_db()
    assert live.body == CORRECTION
    assert live.reviewer_credit == "Rita Example, Haemophilia nurse specialist"
    assert live.change_note == "corrected dose advice"
    assert f"skipped: changed in the admin since the last import: article {SLUG}" in output
    assert "--force would overwrite 1" in output
    page = client.get(live.get_absolute_url()).content.decode()
    assert "Corrected: the dose is set by your haemophilia team." in page
    assert "Reviewed by Rita Example" in page
    # The first real approval took this page's own example banner off, and only this one's
    # (its related answers, still examples, keep a smaller warning).
    assert "This page is example text" not in page
    assert "Some of the text on this page is example text" in page
    other = Article.objects.published().exclude(pk=live.pk).first()
    assert "This page is example text" in client.get(other.get_absolute_url()).content.decode()


def test_archived_stays_archived(files, reviewer, client):
    load(folder=files)
    article = Article.objects.get(slug=SLUG)
    question = Question.objects.published().first()
    workflow.archive(article, reviewer)
    workflow.archive(question, reviewer)

    load(folder=files)

    article.refresh_from_db()
    question.refresh_from_db()
    assert (article.status, question.status) == (Status.ARCHIVED, Status.ARCHIVED)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(question.get_absolute_url()).status_code == 404


def test_a_changed_file_reaches_a_live_page_only_as_a_new_draft_version(files, client):
    load(folder=files)
    live = Article.objects.get(slug=SLUG)
    live_body = live.body
    edit_article_file(files, SLUG, body="The file now says this.\n", title="A new title")

    output = load(folder=files)

    live.refresh_from_db()
    assert live.body == live_body and live.status == Status.PUBLISHED
    version = live.revisions.get()
    assert (version.status, version.title, version.body) == (Status.DRAFT, "A new title", "The file now says this.\n")
    assert f"new draft version (review it in the admin): article {SLUG}" in output
    assert "The file now says this." not in client.get(live.get_absolute_url()).content.decode()

    # Again: nothing new. A further change to the file updates the same draft version.
    assert "0 new draft versions" in load(folder=files)
    edit_article_file(files, SLUG, body="Second try.\n")
    load(folder=files)
    assert live.revisions.get().body == "Second try.\n"


def test_a_changed_file_updates_drafts_and_archived_pages_in_place_keeping_their_state(files, reviewer):
    edit_article_file(files, SLUG, status="draft")
    load(folder=files)
    draft = Article.objects.get(slug=SLUG)
    other = Article.objects.published().exclude(pk=draft.pk).first()
    workflow.archive(other, reviewer)
    edit_article_file(files, SLUG, status="published", body="Draft text from the file.\n")
    edit_article_file(files, other.slug, body="Archived text from the file.\n")

    output = load(folder=files)

    draft.refresh_from_db()
    other.refresh_from_db()
    assert (draft.status, draft.body) == (Status.DRAFT, "Draft text from the file.\n")
    assert (other.status, other.body) == (Status.ARCHIVED, "Archived text from the file.\n")
    assert "2 updated" in output


def test_import_never_changes_the_reviewer_or_the_review_dates(files, editor, reviewer):
    load(folder=files)
    live = approve_correction(Article.objects.get(slug=SLUG), editor, reviewer)
    reviewed = (live.last_reviewed, live.next_review_due, live.reviewer_credit, live.change_note)
    call_command("export_content", "--output", str(files), stdout=io.StringIO())
    edit_article_file(files, SLUG, body="Newer text.\n", reviewer={"name": "Someone Else", "role": "Typed in a file"},
                      last_reviewed=datetime.date(2020, 1, 1), next_review_due=datetime.date(2020, 6, 1),
                      change_note="a note typed into the file")

    load(folder=files)

    live.refresh_from_db()
    assert (live.last_reviewed, live.next_review_due, live.reviewer_credit, live.change_note) == reviewed
    assert live.body == CORRECTION
    version = live.revisions.get()
    assert version.body == "Newer text.\n" and version.reviewer_credit == "" and version.last_reviewed is None


def test_force_overwrites_admin_changes_only_through_review_and_says_how_many(files, editor, reviewer):
    load(folder=files)
    live = approve_correction(Article.objects.get(slug=SLUG), editor, reviewer)
    term = Term.objects.get(slug="aav")
    Term.objects.filter(pk=term.pk).update(status=Status.DRAFT)  # so the admin may edit it in place
    term.refresh_from_db()
    term.definition = "Edited in the admin."
    term.save()

    dry = load("--force", "--dry-run", folder=files)
    assert "overwritten (--force): article treating-haemophilia-b-today" in dry
    assert "overwritten (--force): term aav" in dry
    assert "Dry run: nothing was changed." in dry
    term.refresh_from_db()
    assert term.definition == "Edited in the admin." and not live.revisions.exists()

    output = load("--force", folder=files)

    term.refresh_from_db()
    live.refresh_from_db()
    assert term.definition != "Edited in the admin."
    assert term.history.filter(definition="Edited in the admin.").exists()  # still in its history
    assert live.body == CORRECTION  # the live page waits for a reviewer
    assert live.revisions.get().body != CORRECTION
    assert "2 skipped" not in output


def test_a_page_in_review_is_left_until_its_review_is_over(files, editor):
    load(folder=files)
    question = Question.objects.published().first()
    Question.objects.filter(pk=question.pk).update(status=Status.DRAFT)
    question.refresh_from_db()
    workflow.submit(question, editor)
    path = files / "faq" / f"{question.category.slug}.yaml"
    path.write_text(path.read_text().replace(question.question, "A question changed in the file?"))

    output = load(folder=files)

    question.refresh_from_db()
    assert question.status == Status.IN_REVIEW and question.question != "A question changed in the file?"
    assert f"skipped: in review: import again when the review is over: question {question.slug}" in output


def test_an_item_deleted_in_the_admin_is_not_brought_back(files, editor):
    load(folder=files)
    Article.objects.get(slug=SLUG).delete()
    output = load(folder=files)
    assert not Article.objects.filter(slug=SLUG).exists()
    assert f"skipped: deleted in the admin since the last import: article {SLUG}" in output
    load("--force", folder=files)
    assert Article.objects.filter(slug=SLUG).exists()


def test_a_database_loaded_before_import_records_keeps_its_edits(files):
    load(folder=files)
    from contentfiles.models import ImportRecord

    ImportRecord.objects.all().delete()  # as a database the old loader filled
    Topic.objects.filter(slug="gene-therapy").update(name="Renamed in the admin")
    output = load(folder=files)
    assert Topic.objects.get(slug="gene-therapy").name == "Renamed in the admin"
    assert "skipped: differs from the file and was not written by an import" in output
    assert "topic gene-therapy" in output


def test_make_run_loads_the_example_content_only_into_an_empty_site():
    out = io.StringIO()
    call_command("load_content", "--if-empty", stdout=out)
    assert Article.objects.exists()
    Article.objects.filter(slug=SLUG).update(title="Changed in the admin")
    out = io.StringIO()
    call_command("load_content", "--if-empty", stdout=out)
    assert "already has content" in out.getvalue()
    assert Article.objects.get(slug=SLUG).title == "Changed in the admin"


def test_example_content_is_marked_and_an_in_review_entry_gets_a_revision(files):
    edit_article_file(files, SLUG, status="in_review")
    load(folder=files)
    assert not Article.objects.filter(demo=False).exists()
    article = Article.objects.get(slug=SLUG)
    assert Revision.for_page(article).get().content_hash == article.content_hash()


@pytest.mark.parametrize("damage, message", [
    (lambda folder: (folder / "glossary.yaml").write_text("- term: [unclosed\n"), "glossary.yaml: not valid YAML"),
    (lambda folder: edit_article_file(folder, SLUG, references=["S9999"]), "no source 'S9999'"),
    (lambda folder: edit_article_file(folder, SLUG, topic="no-such-topic"), "no-such-topic"),
])
def test_a_broken_file_is_named_and_nothing_is_changed(files, damage, message):
    damage(files)
    with pytest.raises(CommandError, match=message):
        load(folder=files)
    assert not Article.objects.exists() and not Term.objects.exists()


def test_a_file_cannot_publish_reviewed_content_it_waits_for_a_reviewer_here(files, client, reviewer):
    """An approval that can be bypassed is worse than a crash: a file saying a page is
    published and reviewed (not example content) does not make it so."""
    edit_article_file(files, SLUG, demo=False, status="published",
                      reviewer={"name": "Dr Nobody", "role": "Made-up consultant"},
                      last_reviewed=datetime.date(2026, 11, 1), next_review_due=datetime.date(2027, 11, 1))
    output = load(folder=files)

    article = Article.objects.get(slug=SLUG)
    assert article.status == Status.IN_REVIEW and not article.is_published
    assert article.reviewer_credit == "" and article.last_reviewed is None
    assert f"a reviewer must approve it here: article {SLUG}" in output
    assert client.get(article.get_absolute_url()).status_code == 404
    # Example content still loads published, labelled as not reviewed.
    assert Article.objects.get(slug="what-is-haemophilia-b").is_published
