from django.db import models

from glossary.models import Term

from .markdown import render


class RendersMarkdown(models.Model):
    """Keeps sanitised HTML beside the markdown it comes from, rendered on every save."""

    markdown_field = None   # the editor's markdown
    html_field = None       # where the safe HTML goes
    contents_field = None   # optional: where the page's contents list goes

    class Meta:
        abstract = True

    def render_markdown(self, glossary=None):
        glossary = Term.objects.for_linking() if glossary is None else glossary
        rendered = render(getattr(self, self.markdown_field), glossary)
        setattr(self, self.html_field, rendered.html)
        if self.contents_field:
            setattr(self, self.contents_field, rendered.contents)

    def save(self, *args, **kwargs):
        self.render_markdown()
        super().save(*args, **kwargs)

    def rerender(self, glossary):
        """Refresh the stored HTML (say, after a glossary change) without touching `updated_at`."""
        fields = [self.html_field] + ([self.contents_field] if self.contents_field else [])
        before = [getattr(self, name) for name in fields]
        self.render_markdown(glossary)
        after = [getattr(self, name) for name in fields]
        if after != before:
            type(self).objects.filter(pk=self.pk).update(**dict(zip(fields, after)))
