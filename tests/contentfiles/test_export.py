"""export_content writes the database back to content/: byte-stable, and a fresh database
loaded from the export holds every page, answer, term, synonym group, reference and review
field as before."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Reference, Topic
from contentfiles.models import ImportRecord
from editorial import workflow
from editorial.models import Revision, Status
from faq.models import Category, Question
from glossary.models import Term
from search.models import SynonymGroup
from sources.models import Source

from .test_import import approve_correction, load

CONTENT = settings.BASE_DIR / "content"

pytestmark = pytest.mark.django_db


def export(folder):
    out = io.StringIO()
    call_command("export_content", "--output", str(folder), stdout=out)
    return out.getvalue()


def tree(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_exporting_what_was_imported_gives_back_the_same_bytes(tmp_path):
    load()
    export(tmp_path)
    assert tree(tmp_path) == tree(CONTENT)


def everything():
    """Every reviewed item as the public and the reviewers see it, by natural keys."""
    def state(row):
        return {
            "status": row.status, "publish_at": row.publish_at, "last_reviewed": row.last_reviewed,
            "next_review_due": row.next_review_due, "reviewer": row.reviewer_credit, "change_note": row.change_note,
            "review_comment": row.review_comment, "demo": row.demo, "public": row.is_published,
        }

    def references(row):
        return [(r.order, r.key, r.title, r.publisher, r.url, r.date) for r in row.references.all()]

    live = {"revision_of__isnull": True}
    return {
        "topics": {t.slug: (t.name, t.description, t.order) for t in Topic.objects.all()},
        "categories": {c.slug: (c.name, c.description, c.order) for c in Category.objects.all()},
        "articles": {
            a.slug: {**state(a), "title": a.title, "topic": a.topic.slug, "audience": a.audience,
                     "summary": a.summary, "body": a.body, "body_html": a.body_html, "featured": a.featured,
                     "order": a.order, "references": references(a)}
            for a in Article.objects.filter(**live)
        },
        "questions": {
            q.slug: {**state(q), "question": q.question, "category": q.category.slug, "answer": q.answer,
                     "order": q.order, "references": references(q),
                     "related": sorted(q.related_articles.values_list("slug", flat=True))}
            for q in Question.objects.filter(**live)
        },
        "terms": {t.slug: {**state(t), "term": t.term, "definition": t.definition, "also": t.also}
                  for t in Term.objects.filter(**live)},
        "synonyms": sorted((g.words, g.note, g.status, g.demo) for g in SynonymGroup.objects.filter(**live)),
        "sources": {s.key: {**state(s), "title": s.title, "publisher": s.publisher, "url": s.url, "date": s.date,
                            "grade": s.grade, "last_checked": s.last_checked}
                    for s in Source.objects.filter(**live)},
    }


def wipe_content():
    for model in (Revision, ImportRecord, Question, Category, Article, Topic, Term, SynonymGroup, Source):
        model.objects.all().delete()


def test_export_then_import_on_a_fresh_database_gives_everything_back(tmp_path, editor, reviewer):
    load()
    # What clinicians do in the admin: an approved correction, an archived answer, a
    # sent-back draft, a page scheduled for later, a new page citing a new source, a new
    # term and synonym group.
    approve_correction(Article.objects.get(slug="treating-haemophilia-b-today"), editor, reviewer)
    workflow.archive(Question.objects.published().first(), reviewer)
    new = Article.objects.create(
        slug="a-new-page", title="A new page", topic=Topic.objects.first(), summary="Written in the admin.",
        body="Some text with a [link](https://www.nhs.uk/).\n", last_edited_by=editor, contributor_ids=[editor.pk],
    )
    Reference.objects.create(article=new, order=1, title="A source typed in the admin", publisher="NHS",
                             url="https://www.nhs.uk/conditions/haemophilia/", date="2025")
    Reference.objects.create(article=new, order=2, title="Haemophilia", publisher="NHS", url="", date="")
    revision = workflow.submit(new, editor)
    workflow.send_back(new, reviewer, "Please add who to call.")
    assert Revision.objects.get(pk=revision.pk).outcome == Revision.Outcome.SENT_BACK
    later = Article.objects.create(
        slug="coming-soon", title="Coming soon", topic=Topic.objects.first(), summary="Scheduled.",
        body="Text.\n", contributor_ids=[editor.pk],
    )
    revision = workflow.submit(later, editor)
    workflow.approve(later, reviewer, revision_id=revision.pk, content_hash=revision.content_hash,
                     next_review_due=datetime.date.today() + datetime.timedelta(days=700),
                     publish_at=timezone.now() + datetime.timedelta(days=3))
    Source.objects.filter(key="S5").update(last_checked=datetime.date(2026, 11, 1), grade="A")
    Term.objects.create(slug="new-term", term="New term", definition="A word added in the admin.", also="newish, novel")
    SynonymGroup.objects.create(words="jab, injection", note="lay word", status=Status.PUBLISHED)
    before = everything()

    output = export(tmp_path)
    assert "written: sources.yaml" in output
    assert '- title: "A source typed in the admin"' in (tmp_path / "articles" / "a-new-page.md").read_text()
    first_export = tree(tmp_path)
    wipe_content()
    assert not Article.objects.exists()
    load(folder=tmp_path)

    assert everything() == before
    # And exporting the fresh database gives the same files again.
    second = tmp_path.parent / "second"
    export(second)
    assert tree(second) == first_export


def test_export_writes_registry_keys_and_typed_in_references_and_removes_deleted_pages(tmp_path):
    load()
    export(tmp_path)
    Article.objects.get(slug="travel").delete()
    article = Article.objects.get(slug="dental-care")
    Reference.objects.create(article=article, order=99, title="A new leaflet", publisher="A trust",
                             url="https://example.org/leaflet", date="2026")

    output = export(tmp_path)

    assert "removed (no longer in the database): articles/travel.md" in output
    assert not (tmp_path / "articles" / "travel.md").exists()
    text = (tmp_path / "articles" / "dental-care.md").read_text()
    assert re.search(r"references:\n  - S\d+\n", text), "registry sources are written as their keys"
    assert '  - title: "A new leaflet"\n    publisher: "A trust"' in text


def test_a_file_edited_after_an_export_is_imported_as_a_change(tmp_path, editor, reviewer):
    load()
    live = approve_correction(Article.objects.get(slug="treating-haemophilia-b-today"), editor, reviewer)
    export(tmp_path)
    path = tmp_path / "articles" / f"{live.slug}.md"
    path.write_text(path.read_text().replace("Corrected: the dose", "Corrected again: the dose"))

    output = load(folder=tmp_path)

    assert "new draft version (review it in the admin): article treating-haemophilia-b-today" in output
    assert live.revisions.get().body.startswith("Corrected again")
