"""What search needs to know about each kind of content: the one place to add a kind.

A kind names its model, whose `title_field` and `text_field` (from editorial.Publishable)
and weighted `search_vector` (a generated column: title-like fields at weight A, the rest
at B or C) the model declares itself; the public queryset is the model's `published()`.
Here each kind adds what only search needs: its label, the fields whose words count as
its title (a glossary term's other names), the other phrasings that typed exactly count as
the title (a question's "also asked as"), and the fields its
excerpts and "Did you mean" words come from. To make a new kind searchable: give the model
a `search_vector` like the others and add one entry to KINDS.
"""

from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.db.models import F, Func, JSONField, TextField, Value
from django.db.models.functions import Cast, Concat

from articles.models import Article
from faq.models import Question
from glossary.models import Term
from hemed.markdown import plain_text


@dataclass(frozen=True)
class Kind:
    name: str            # "question", "article", "term": the value of Result.kind
    label: str           # shown beside each result
    model: type
    names: tuple         # fields whose words count as the title, the title first
    asked_as: tuple      # fields of other phrasings, one a line: typed exactly, each counts as the title
    excerpt_from: tuple  # fields to excerpt, in order; a field ending in _html is read as plain text
    words_from: tuple    # fields whose words "Did you mean" may offer

    @property
    def title_field(self):
        return self.model.title_field

    def public(self):
        """The pages the public can read now: the model's one definition of it."""
        return self.model.objects.published()

    def present(self, names):
        """The fields of `names` the model has (a field another change adds counts once it exists)."""
        fields = {field.name for field in self.model._meta.get_fields()}
        return [name for name in names if name in fields]

    def names_text(self):
        """All the title-like fields as one text, for SQL."""
        parts = []
        for name in self.present(self.names):
            parts += [_as_text(self.model, name), Value(" ")]
        return Concat(*parts[:-1], output_field=TextField()) if len(parts) > 2 else parts[0]

    def asked_text(self):
        """The other phrasings, one a line, for SQL ("" for a kind without them)."""
        fields = self.present(self.asked_as)
        return _as_text(self.model, fields[0]) if fields else Value("", output_field=TextField())

    def words_text(self):
        parts = []
        for name in self.present(self.names + self.asked_as + self.words_from):
            parts += [_as_text(self.model, name), Value(" ")]
        return Concat(*parts[:-1], output_field=TextField())

    def excerpt_text(self, values):
        """The page's words without markup, from the values of `excerpt_from`."""
        pieces = [plain_text(values[name]) if name.endswith("_html") else values[name]
                  for name in self.excerpt_from]
        return " ".join(" ".join(pieces).split())


class _ArrayToString(Func):
    function = "array_to_string"
    output_field = TextField()


def _as_text(model, name):
    field = model._meta.get_field(name)
    if isinstance(field, ArrayField):
        return _ArrayToString(F(name), Value(" "))
    if isinstance(field, JSONField):
        return Cast(F(name), TextField())
    return F(name)


KINDS = {
    kind.name: kind for kind in [
        Kind("question", "Question", Question, names=("question",), asked_as=("also_asked",),
             excerpt_from=("answer_html",), words_from=("answer",)),
        Kind("article", "Article", Article, names=("title",), asked_as=(),
             excerpt_from=("summary", "body_html"), words_from=("summary", "body")),
        Kind("term", "Glossary", Term, names=("term", "also"), asked_as=(),
             excerpt_from=("definition",), words_from=("definition",)),
    ]
}
ALL = tuple(KINDS)
