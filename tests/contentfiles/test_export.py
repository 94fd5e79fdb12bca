"""export_content writes the database back to content/: byte-stable, and a fresh database
loaded from the export holds every page, answer, term, synonym group, broader term, reference
and review field as before."""

import datetime
import difflib
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
from search.models import BroaderTerm, SynonymGroup
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
            q.slug: {**state(q), "question": q.question, "also_asked": q.also_asked, "category": q.category.slug,
                     "answer": q.answer,
                     "order": q.order, "references": references(q),
                     "related": sorted(q.related_articles.values_list("slug", flat=True))}
            for q in Question.objects.filter(**live)
        },
        "terms": {t.slug: {**state(t), "term": t.term, "definition": t.definition, "also": t.also}
                  for t in Term.objects.filter(**live)},
        "synonyms": sorted((g.words, g.note, g.status, g.demo) for g in SynonymGroup.objects.filter(**live)),
        "broader": sorted((b.broad, b.narrower, b.note, b.status, b.demo) for b in BroaderTerm.objects.filter(**live)),
        "sources": {s.key: {**state(s), "title": s.title, "publisher": s.publisher, "url": s.url, "date": s.date,
                            "grade": s.grade, "last_checked": s.last_checked}
                    for s in Source.objects.filter(**live)},
    }


REVIEW_LINES = {"- status", "+ status", "- reviewer", "- name", "- role", "- last_reviewed", "- next_review_due",
                "- publish_at", "- demo", "+ demo", "-", "+"}


def awaiting_approval(before):
    """`before` as a fresh import gives it back: reviewed, published items wait in review."""
    def waiting(state):
        if state["status"] != Status.PUBLISHED or state["demo"]:
            return state
        return {**state, "status": Status.IN_REVIEW, "publish_at": None, "last_reviewed": None,
                "next_review_due": None, "reviewer": "", "public": False}

    after = dict(before)
    for kind in ("articles", "questions", "terms", "sources"):
        after[kind] = {key: waiting(state) for key, state in before[kind].items()}
    for kind in ("synonyms", "broader"):
        after[kind] = sorted(row[:-2] + ((Status.IN_REVIEW if row[-2] == Status.PUBLISHED and not row[-1] else row[-2]),
                                         row[-1]) for row in before[kind])
    return after


def wipe_content():
    for model in (Revision, ImportRecord, Question, Category, Article, Topic, Term, SynonymGroup, BroaderTerm,
                  Source):
        model.objects.all().delete()


def test_export_then_import_on_a_fresh_database_gives_everything_back(tmp_path, editor, reviewer):
    load()
    # What clinicians do in the admin: an approved correction, an archived answer, a
    # sent-back draft, a page scheduled for later, a new page citing a new source, a new
    # term, synonym group and broader term, and other phrasings of a question.
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
    BroaderTerm.objects.create(broad="bleeding disorder", narrower="haemophilia B, von Willebrand disease",
                               status=Status.PUBLISHED)
    Question.objects.filter(slug="what-is-haemtrack").update(also_asked="Is there an app to log my infusions?")
    before = everything()

    output = export(tmp_path)
    assert "written: sources.yaml" in output
    assert '- title: "A source typed in the admin"' in (tmp_path / "articles" / "a-new-page.md").read_text()
    first_export = tree(tmp_path)
    wipe_content()
    assert not Article.objects.exists()
    output = load(folder=tmp_path)

    # A file cannot publish reviewed content: what a reviewer approved comes back in review,
    # without the file's reviewer or dates, for a reviewer here to approve again.
    assert everything() == awaiting_approval(before)
    assert "a file cannot publish reviewed content, so a reviewer must approve it here: article coming-soon" in output
    # Exporting the fresh database gives the same files again, except for those review lines.
    second = tmp_path.parent / "second"
    export(second)
    again = tree(second)
    assert again.keys() == first_export.keys()
    for path in first_export:
        was, now = first_export[path].decode().splitlines(), again[path].decode().splitlines()
        changed = {f"{line[0]} {line[2:].strip().split(':')[0]}".strip()
                   for line in difflib.ndiff(was, now) if line[:1] in "+-"}
        assert changed <= REVIEW_LINES, f"{path}: {sorted(changed - REVIEW_LINES)}"


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
