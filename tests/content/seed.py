"""Read the seed content in content/ as files, without a database."""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import frontmatter
import yaml

from editorial.readability import plain_sentences

CONTENT = Path(__file__).resolve().parents[2] / "content"


@dataclass
class Piece:
    """One article or answer: where it came from and what it says."""

    kind: str
    slug: str
    markdown: str
    meta: dict = field(default_factory=dict)

    @property
    def name(self):
        return f"{self.kind} {self.slug}"

    @property
    def references(self):
        return self.meta.get("references") or []

    @property
    def plain_text(self):
        """The text as textstat should see it (see editorial.readability)."""
        return plain_sentences(self.markdown)


@cache
def sources():
    return {s["id"]: s for s in yaml.safe_load((CONTENT / "sources.yaml").read_text())}


@cache
def topics():
    return {t["slug"]: t for t in yaml.safe_load((CONTENT / "topics.yaml").read_text())}


@cache
def articles():
    pieces = []
    for path in sorted((CONTENT / "articles").glob("*.md")):
        post = frontmatter.load(path)
        pieces.append(Piece("article", post["slug"], post.content, dict(post.metadata)))
    return pieces


@cache
def categories():
    return [yaml.safe_load(p.read_text()) for p in sorted((CONTENT / "faq").glob("*.yaml"))]


@cache
def answers():
    return [
        Piece("answer", q["slug"], q["answer"], dict(q, category=c["slug"]))
        for c in categories()
        for q in c.get("questions", [])
    ]


@cache
def glossary():
    return yaml.safe_load((CONTENT / "glossary.yaml").read_text())
