"""Where each kind lives in content/, and the order of keys in its entries.

content/sources.yaml     the source registry: id (S12), title, publisher, url, date, grade, last checked
content/glossary.yaml    glossary terms
content/synonyms.yaml    search synonym groups
content/broader.yaml     search broader terms (a broad word and the narrower words it covers)
content/topics.yaml      article topics
content/articles/*.md    one article a file: YAML front matter, then the markdown body
content/faq/*.yaml       one FAQ category a file, with its questions
content/pages/*.md       the pages about hemed (who we are, privacy...), like articles
"""

from pathlib import Path

from django.core.exceptions import ValidationError

from articles.models import Layout

from .files import dump_markdown, dump_yaml, load_markdown, load_yaml
from .kinds import ARTICLE, BROADER, CATEGORY, PAGE, QUESTION, SOURCE, SYNONYMS, TERM, TOPIC, also_asked, digest, layout
from .models import ImportRecord


class ContentError(Exception):
    """A content file that cannot be read: the message names the file and the problem."""


def _list(path, required=True):
    if not path.exists():
        if required:
            raise ContentError(f"Missing content file {path}")
        return []
    try:
        data = load_yaml(path)
    except Exception as error:
        raise ContentError(f"{path}: not valid YAML ({error})") from None
    return data or []


def read(folder, importer):
    """Feed every entry in `folder` to `importer.entry(kind, key, entry)`, sources first."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ContentError(f"No content folder at {folder}")

    def each(kind, entries, where, key="slug"):
        for entry in entries:
            try:
                importer.entry(kind, str(entry[key]), entry)
            except KeyError as missing:
                raise ContentError(f"{where}: an entry has no {missing}") from None
            except LookupError as error:
                raise ContentError(f"{where}: {error}") from None
            except ValidationError as error:
                raise ContentError(f"{where}: {entry.get(key)}: {' '.join(error.messages)}") from None

    each(SOURCE, _list(folder / "sources.yaml"), "sources.yaml", key="id")
    each(TERM, _list(folder / "glossary.yaml"), "glossary.yaml")
    each(SYNONYMS, _list(folder / "synonyms.yaml", required=False), "synonyms.yaml", key="key")
    each(BROADER, _list(folder / "broader.yaml", required=False), "broader.yaml", key="key")
    each(TOPIC, _list(folder / "topics.yaml"), "topics.yaml")
    for kind, subfolder in ((ARTICLE, "articles"), (PAGE, "pages")):
        for path in sorted((folder / subfolder).glob("*.md")):
            try:
                meta, body = load_markdown(path)
            except Exception as error:
                raise ContentError(f"{path.name}: cannot read its front matter ({error})") from None
            each(kind, [{**meta, "body": body}], f"{subfolder}/{path.name}")
    for path in sorted((folder / "faq").glob("*.yaml")):
        data = _list(path)
        where = f"faq/{path.name}"
        each(CATEGORY, [data], where)
        each(QUESTION, [{**item, "category": data["slug"]} for item in data.get("questions") or []], where)


# Export

def workflow_state(row):
    """The review fields as the file writes them; empty ones are left out."""
    state = {"status": row.status}
    if row.demo:
        state["demo"] = True
    if row.publish_at:
        state["publish_at"] = row.publish_at
    name, role = row.credited_reviewer
    if name or role:
        state["reviewer"] = {"name": name, "role": role}
    for name in ["last_reviewed", "next_review_due", "change_note", "review_comment"]:
        if getattr(row, name):
            state[name] = getattr(row, name)
    return state


def files():
    """Every file of content/ as {relative path: text}, from the database, and for each entry
    (kind name, key, row id, content hash), for the import records."""
    out, entries = {}, []

    def entry(kind, key, row):
        content = kind.content(row)
        entries.append((kind.name, key, row.pk, digest(content)))
        return content

    terms = []
    for row in TERM.live_rows().order_by(*TERM.model._meta.ordering):
        content = entry(TERM, row.slug, row)
        terms.append({"term": content["term"], "slug": row.slug, **workflow_state(row),
                      "definition": content["definition"], "also": content["also"]})
    out["glossary.yaml"] = dump_yaml(terms)

    for kind, filename in ((SYNONYMS, "synonyms.yaml"), (BROADER, "broader.yaml")):
        rows, keys = [], keyed(kind)
        for row in kind.live_rows():
            rows.append({"key": keys[row.pk], **entry(kind, keys[row.pk], row), **workflow_state(row)})
        out[filename] = dump_yaml(sorted(rows, key=lambda item: item["key"]))

    out["topics.yaml"] = dump_yaml([{"slug": row.slug, **entry(TOPIC, row.slug, row)} for row in TOPIC.live_rows()])

    for row in ARTICLE.live_rows().select_related("topic").prefetch_related("references"):
        content = entry(ARTICLE, row.slug, row)
        meta = {
            "title": content["title"], "slug": row.slug, "topic": content["topic"], "audience": content["audience"],
            **layout(content.get("layout", Layout.PAGE)), **workflow_state(row),
            "featured": content["featured"], "order": content["order"],
            "summary": content["summary"], "references": content["references"],
        }
        out[f"articles/{row.slug}.md"] = dump_markdown(meta, content["body"])

    for row in PAGE.live_rows():
        content = entry(PAGE, row.slug, row)
        meta = {"title": content["title"], "slug": row.slug, **workflow_state(row), "order": content["order"],
                "summary": content["summary"]}
        out[f"pages/{row.slug}.md"] = dump_markdown(meta, content["body"])

    for category in CATEGORY.live_rows():
        questions = []
        for row in QUESTION.live_rows().filter(category=category).prefetch_related("references", "related_articles"):
            content = entry(QUESTION, row.slug, row)
            questions.append({
                "slug": row.slug, "question": content["question"], **also_asked(content.get("also_asked")),
                "order": content["order"], **workflow_state(row),
                "related_articles": content["related_articles"], "references": content["references"],
                "answer": content["answer"],
            })
        out[f"faq/{category.slug}.yaml"] = dump_yaml(
            {"slug": category.slug, **entry(CATEGORY, category.slug, category), "questions": questions}
        )
    out["sources.yaml"] = dump_yaml([
        {"id": row.key, **{k: v for k, v in entry(SOURCE, row.key, row).items() if v is not None}, **workflow_state(row)}
        for row in SOURCE.live_rows().order_by("id")
    ])
    return out, entries


def keyed(kind):
    """Each live row's key, for a kind without slugs (synonym groups, broader terms): the one its
    import record gives, else one made from its words."""
    recorded = dict(ImportRecord.objects.filter(kind=kind.name).values_list("object_id", "key"))
    keys, used = {}, set(recorded.values())
    for row in kind.live_rows().order_by("pk"):
        key = recorded.get(row.pk)
        if key is None:
            base = key = kind.key(row)
            number = 2
            while key in used:
                key, number = f"{base}-{number}", number + 1
            used.add(key)
        keys[row.pk] = key
    return keys


def versions_not_exported():
    """New versions in progress beside live pages: they stay in the database until approved."""
    return sum(kind.model.objects.filter(revision_of__isnull=False).count()
               for kind in (SOURCE, TERM, SYNONYMS, BROADER, ARTICLE, QUESTION, PAGE))


def write(folder, texts):
    """Write `texts` into `folder`; remove article, FAQ and page files that no longer have a row.

    Returns (written, unchanged, removed) lists of relative paths.
    """
    folder = Path(folder)
    written, unchanged, removed = [], [], []
    for relative, text in sorted(texts.items()):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            unchanged.append(relative)
            continue
        path.write_text(text, encoding="utf-8")
        written.append(relative)
    for pattern in ("articles/*.md", "faq/*.yaml", "pages/*.md"):
        for path in sorted(folder.glob(pattern)):
            relative = path.relative_to(folder).as_posix()
            if relative not in texts:
                path.unlink()
                removed.append(relative)
    return written, unchanged, removed
