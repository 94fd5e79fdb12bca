"""Each kind of entry in content/: which file holds it, its key, and its content as the file
writes it. `content()` (from a row) and `parse()` (from a file entry) give the same shape,
so one hash tells whether a row still holds what the file says.

The content is what an import may change. The workflow fields (status, reviewer, review
dates, what changed) are written by the export, but an import sets them only when it
creates an item: see sync.py.
"""

import hashlib
import json

from django.utils.text import slugify

from articles.models import Article, Layout, Reference, Topic
from faq.models import Category, Question, QuestionReference
from glossary.models import Term
from pages.models import Page
from search.models import BroaderTerm, SynonymGroup
from search.text import normalise
from sources.models import Source

REFERENCE_FIELDS = ["title", "publisher", "url", "date"]


def digest(content):
    """The fingerprint an import record keeps of one entry's content."""
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def one_line(text):
    return " ".join((text or "").split())


def text_block(text):
    """Markdown as stored and as written: Unix line ends, one final newline."""
    return (text or "").replace("\r\n", "\n").strip() + "\n"


class Kind:
    name = ""
    model = None
    key_field = "slug"

    def live_rows(self):
        queryset = self.model.objects.all()
        if hasattr(self.model, "revision_of"):
            queryset = queryset.filter(revision_of__isnull=True)
        return queryset

    def key(self, row):
        return getattr(row, self.key_field)

    def find(self, key, entry):
        """A row not yet tied to this entry by an import record."""
        return self.live_rows().filter(**{self.key_field: key}).first()

    def content(self, row):
        raise NotImplementedError

    def parse(self, entry):
        raise NotImplementedError

    def write(self, row, content):
        """Put `content` (as parse() gives it) into the row's fields; related rows in write_related()."""
        raise NotImplementedError

    def write_related(self, row, content):
        pass


class Topic_(Kind):
    name, model = "topic", Topic

    def content(self, row):
        return {"name": row.name, "description": one_line(row.description), "order": row.order}

    def parse(self, entry):
        return {"name": entry["name"], "description": one_line(entry.get("description")),
                "order": entry.get("order", 0)}

    def write(self, row, content):
        row.name, row.description, row.order = content["name"], content["description"], content["order"]


class Category_(Topic_):
    name, model = "category", Category


class Term_(Kind):
    name, model = "term", Term

    def content(self, row):
        also = [word.strip() for word in row.also.split(",") if word.strip()]
        return {"term": row.term, "definition": one_line(row.definition), "also": also}

    def parse(self, entry):
        return {"term": entry["term"], "definition": one_line(entry["definition"]),
                "also": [str(word).strip() for word in entry.get("also") or [] if str(word).strip()]}

    def write(self, row, content):
        row.term, row.definition, row.also = content["term"], content["definition"], ", ".join(content["also"])


class Synonyms_(Kind):
    """Synonym groups have no slug: the file gives each a key, and import records keep it."""

    name, model, key_field = "synonyms", SynonymGroup, None

    def key(self, row):
        return slugify(row.variants[0] if row.variants else row.words)[:60] or f"group-{row.pk}"

    def find(self, key, entry):
        # Groups seeded by the search app's migrations match a file entry with the same words.
        words = [normalise(word) for word in entry["words"].split(",") if normalise(word)]
        for group in self.live_rows():
            if group.variants == words:
                return group
        return None

    def content(self, row):
        return {"words": row.words, "note": row.note}

    def parse(self, entry):
        return {"words": entry["words"], "note": entry.get("note", "")}

    def write(self, row, content):
        row.words, row.note = content["words"], content["note"]


class Broader_(Kind):
    """Broader terms are keyed in their file like synonym groups, by the broad term."""

    name, model, key_field = "broader", BroaderTerm, None

    def key(self, row):
        return slugify(row.broad_term)[:60] or f"broader-{row.pk}"

    def find(self, key, entry):
        broad = normalise(entry["broad"])
        return next((row for row in self.live_rows() if row.broad_term == broad), None)

    def content(self, row):
        return {"broad": row.broad, "narrower": row.narrower, "note": row.note}

    def parse(self, entry):
        return {"broad": entry["broad"], "narrower": entry["narrower"], "note": entry.get("note", "")}

    def write(self, row, content):
        row.broad, row.narrower, row.note = content["broad"], content["narrower"], content["note"]


def by_slug(model, slug):
    row = model.objects.filter(slug=slug).first()
    if row is None:
        raise LookupError(f"no {model._meta.verbose_name} {slug!r}")
    return row


def references(row):
    """A page's references as the file lists them: a registry key, or a typed-in reference."""
    return [ref.source.key if ref.source_id else {field: getattr(ref, field) for field in REFERENCE_FIELDS}
            for ref in row.references.select_related("source")]


def parse_references(items, where):
    parsed = []
    for item in items:
        if isinstance(item, dict):
            parsed.append({field: str(item.get(field) or "") for field in REFERENCE_FIELDS})
        elif isinstance(item, str) and item.strip():
            parsed.append(item.strip())
        else:
            raise LookupError(f"{where}: a reference is neither a source key nor a title, publisher, url and date")
    return parsed


def write_references(row, model, wanted):
    if references(row) == wanted:
        return
    row.references.all().delete()
    keys = [item for item in wanted if isinstance(item, str)]
    # One query for the page's registry sources; the rule a reference's source must meet
    # (a live, published source: ReferenceBase.source's limit_choices_to) is applied here.
    sources = {source.key: source for source in
               Source.objects.filter(key__in=keys, **model._meta.get_field("source").get_limit_choices_to())}
    new = []
    for order, item in enumerate(wanted, start=1):
        if isinstance(item, str):
            if item not in sources:
                exists = Source.objects.filter(key=item, revision_of__isnull=True).exists()
                raise LookupError(f"source {item!r} is not published in the registry" if exists
                                  else f"no source {item!r} in sources.yaml")
            values = {"source": sources[item]}
        else:
            values = item
        reference = model(order=order, **{model.parent_field: row}, **values)
        reference.full_clean(exclude=["source", model.parent_field])
        new.append(reference)
    model.objects.bulk_create(new)


Reference.parent_field = "article"
QuestionReference.parent_field = "question"


def layout(value):
    """An article's layout, named only when it is not the usual web page (so older import
    records, made before layouts existed, still match)."""
    return {} if value == Layout.PAGE else {"layout": value}


class Article_(Kind):
    name, model = "article", Article

    def content(self, row):
        return {
            "title": row.title, "topic": row.topic.slug, "audience": row.audience, **layout(row.layout),
            "featured": row.featured,
            "order": row.order, "summary": one_line(row.summary), "references": references(row),
            "body": text_block(row.body),
        }

    def parse(self, entry):
        return {
            "title": entry["title"], "topic": entry["topic"], "audience": entry.get("audience", "patients"),
            **layout(entry.get("layout", Layout.PAGE)), "featured": bool(entry.get("featured", False)),
            "order": entry.get("order", 0),
            "summary": one_line(entry["summary"]),
            "references": parse_references(entry.get("references") or [], f"article {entry['slug']}"),
            "body": text_block(entry["body"]),
        }

    def write(self, row, content):
        for field in ["title", "audience", "featured", "order", "summary", "body"]:
            setattr(row, field, content[field])
        row.layout = content.get("layout", Layout.PAGE)
        row.topic = by_slug(Topic, content["topic"])

    def write_related(self, row, content):
        write_references(row, Reference, content["references"])


def also_asked(items):
    """A question's other phrasings, named only when it has some (so import records made
    before they existed still match)."""
    return {"also_asked": items} if items else {}


def phrasings(value):
    """`also_asked` as a file gives it: a list, or one phrasing on its own."""
    items = [value] if isinstance(value, str) else value or []
    return [one_line(str(item)) for item in items if one_line(str(item))]


class Question_(Kind):
    name, model = "question", Question

    def content(self, row):
        return {
            "question": row.question, **also_asked(row.also_asked_list),
            "category": row.category.slug, "order": row.order,
            "related_articles": sorted(row.related_articles.values_list("slug", flat=True)),
            "references": references(row), "answer": text_block(row.answer),
        }

    def parse(self, entry):
        return {
            "question": entry["question"],
            **also_asked(phrasings(entry.get("also_asked"))),
            "category": entry["category"], "order": entry.get("order", 0),
            "related_articles": sorted(entry.get("related_articles") or []),
            "references": parse_references(entry.get("references") or [], f"question {entry['slug']}"),
            "answer": text_block(entry["answer"]),
        }

    def write(self, row, content):
        row.question, row.order, row.answer = content["question"], content["order"], content["answer"]
        row.also_asked = "\n".join(content.get("also_asked", []))
        row.category = by_slug(Category, content["category"])

    def write_related(self, row, content):
        wanted = list(Article.objects.filter(slug__in=content["related_articles"], revision_of__isnull=True))
        missing = set(content["related_articles"]) - {article.slug for article in wanted}
        if missing:
            raise LookupError(f"question {row.slug}: no article {', '.join(sorted(missing))}")
        if {a.pk for a in row.related_articles.all()} != {a.pk for a in wanted}:
            row.related_articles.set(wanted)
        write_references(row, QuestionReference, content["references"])


class Page_(Kind):
    name, model = "page", Page

    def content(self, row):
        return {"title": row.title, "order": row.order, "summary": one_line(row.summary), "body": text_block(row.body)}

    def parse(self, entry):
        return {"title": entry["title"], "order": entry.get("order", 0), "summary": one_line(entry["summary"]),
                "body": text_block(entry["body"])}

    def write(self, row, content):
        for field in ["title", "order", "summary", "body"]:
            setattr(row, field, content[field])


class Source_(Kind):
    name, model, key_field = "source", Source, "key"

    def content(self, row):
        return {"title": row.title, "publisher": row.publisher, "url": row.url, "date": row.date,
                "grade": row.grade, "last_checked": row.last_checked}

    def parse(self, entry):
        return {"title": entry["title"], "publisher": str(entry.get("publisher") or ""),
                "url": str(entry.get("url") or ""), "date": str(entry.get("date") or ""),
                "grade": entry.get("grade") or "C", "last_checked": entry.get("last_checked")}

    def write(self, row, content):
        for name, value in content.items():
            setattr(row, name, value)


SOURCE, TOPIC, CATEGORY, TERM, SYNONYMS, BROADER, ARTICLE, QUESTION, PAGE = (
    Source_(), Topic_(), Category_(), Term_(), Synonyms_(), Broader_(), Article_(), Question_(), Page_()
)
