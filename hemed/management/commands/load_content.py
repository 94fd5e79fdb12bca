"""Load the seed content in content/ into the database (upsert by slug).

content/sources.yaml   the reference registry: id, title, publisher, url, date
content/topics.yaml    article topics
content/articles/*.md  articles: YAML front matter, then the markdown body
content/faq/*.yaml     FAQ categories, one a file, each with its questions
content/glossary.yaml  glossary terms (loaded first, so pages link to them)

Running it twice changes nothing: a row is saved only when a value differs.
"""

import datetime
from pathlib import Path

import frontmatter
import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Article, Reference, Topic
from faq.models import Category, Question, QuestionReference
from glossary.models import Term
from search import vocabulary

REFERENCE_FIELDS = ["title", "publisher", "url", "date"]
DEMO_REVIEWER = {
    "name": "hemed editorial team",
    "role": "Demo content: checked against the facts pack, awaiting clinical review",
}


class Command(BaseCommand):
    help = "Load the glossary, topics, articles and FAQs from the seed files in content/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--content-dir", type=Path, default=settings.BASE_DIR / "content",
            help="Folder with the seed files (default: content/).",
        )

    def handle(self, *args, content_dir, **options):
        if not content_dir.is_dir():
            raise CommandError(f"No content folder at {content_dir}")
        self.counts = {"created": 0, "updated": 0, "unchanged": 0}
        with transaction.atomic():
            for term in read_yaml(content_dir / "glossary.yaml"):
                self.upsert(Term, term["slug"], {
                    "term": term["term"],
                    "definition": " ".join(term["definition"].split()),
                    "also": ", ".join(term.get("also") or []),
                    "status": term.get("status", "published"),
                })
            sources = {s["id"]: s for s in read_yaml(content_dir / "sources.yaml")}
            topics = {t["slug"]: self.load_topic(t) for t in read_yaml(content_dir / "topics.yaml")}
            articles = {}
            for path in sorted((content_dir / "articles").glob("*.md")):
                article = self.load_article(path, topics, sources)
                articles[article.slug] = article
            for path in sorted((content_dir / "faq").glob("*.yaml")):
                self.load_category(read_yaml(path), articles, sources)
            vocabulary.rebuild()
        self.stdout.write(
            "Content loaded: {created} created, {updated} updated, {unchanged} unchanged.".format(
                **self.counts
            )
        )

    def upsert(self, model, slug, values):
        """Create or update the row with this slug, saving only if something differs."""
        obj = model.objects.filter(slug=slug).first()
        if obj is None:
            obj = model(slug=slug, **values)
            outcome = "created"
        elif any(getattr(obj, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(obj, field, value)
            outcome = "updated"
        else:
            self.counts["unchanged"] += 1
            return obj
        obj.full_clean()
        obj.save()
        self.counts[outcome] += 1
        return obj

    def load_topic(self, data):
        return self.upsert(Topic, data["slug"], {
            "name": data["name"],
            "description": data.get("description", ""),
            "order": data.get("order", 0),
        })

    def load_article(self, path, topics, sources):
        post = frontmatter.load(path)
        meta = post.metadata
        where = f"{path.name}"
        try:
            topic = topics[meta["topic"]]
            reference_data = [sources[source_id] for source_id in meta.get("references", [])]
            values = {
                "title": meta["title"],
                "topic": topic,
                "audience": meta.get("audience", "patients"),
                "summary": " ".join(meta["summary"].split()),
                "body": post.content.strip() + "\n",
                "status": meta.get("status", "draft"),
                "featured": meta.get("featured", False),
                "order": meta.get("order", 0),
                "reviewer_name": meta["reviewer"]["name"],
                "reviewer_role": meta["reviewer"]["role"],
                "last_reviewed": meta["last_reviewed"],
                "next_review_due": meta["next_review_due"],
            }
        except KeyError as missing:
            raise CommandError(f"{where}: unknown or missing {missing}")
        article = self.upsert(Article, meta["slug"], values)
        set_references(article.references, Reference, {"article": article}, reference_data)
        return article

    def load_category(self, data, articles, sources):
        category = self.upsert(Category, data["slug"], {
            "name": data["name"],
            "description": data.get("description", ""),
            "order": data.get("order", 0),
        })
        for item in data.get("questions", []):
            try:
                related = [articles[slug] for slug in item.get("related_articles", [])]
                reference_data = [sources[source_id] for source_id in item.get("references", [])]
            except KeyError as missing:
                raise CommandError(f"Question {item['slug']}: unknown article or source {missing}")
            question = self.upsert(Question, item["slug"], {
                "question": item["question"],
                "category": category,
                "answer": item["answer"].strip() + "\n",
                "order": item.get("order", 0),
                "status": item.get("status", "draft"),
                "last_reviewed": item["last_reviewed"],
                # Demo answers are due for review a year after their last one.
                "next_review_due": item.get("next_review_due",
                                            item["last_reviewed"] + datetime.timedelta(days=365)),
                "reviewer_name": DEMO_REVIEWER["name"],
                "reviewer_role": DEMO_REVIEWER["role"],
            })
            if {a.pk for a in question.related_articles.all()} != {a.pk for a in related}:
                question.related_articles.set(related)
            set_references(question.references, QuestionReference, {"question": question}, reference_data)


def set_references(manager, model, owner, sources):
    """Make a page's numbered references match these registry entries, in order."""
    wanted = [[source.get(field) or "" for field in REFERENCE_FIELDS] for source in sources]
    if wanted == [list(row) for row in manager.values_list(*REFERENCE_FIELDS)]:
        return
    manager.all().delete()
    for order, row in enumerate(wanted, start=1):
        reference = model(order=order, **owner, **dict(zip(REFERENCE_FIELDS, row)))
        reference.full_clean()
        reference.save()


def read_yaml(path):
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f) or []
    except FileNotFoundError:
        raise CommandError(f"Missing seed file {path}")
