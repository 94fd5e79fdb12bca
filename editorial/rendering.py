"""Stored HTML beside the markdown it comes from, and the links every page gets on render.

The glossary (or any app) adds links by registering a provider in its AppConfig.ready():
a function returning hemed.markdown.GlossaryLink items. This app never imports it.
"""

from django.db import models

from hemed.markdown import render

_link_providers = []


def register_link_provider(provider):
    if provider not in _link_providers:
        _link_providers.append(provider)


def site_links():
    """Every link the renderer should make, from every registered provider."""
    return [link for provider in _link_providers for link in provider()]


def site_phrases():
    """The words the site explains (for the reading panel's jargon check)."""
    return [phrase for link in site_links() for phrase in link.phrases]


def render_for_site(text):
    """What saving stores and the preview shows: markdown with the site's links."""
    return render(text, site_links())


class RendersMarkdown(models.Model):
    """Keeps sanitised HTML beside the markdown it comes from, rendered on every save."""

    markdown_field = None   # the editor's markdown
    html_field = None       # where the safe HTML goes
    contents_field = None   # optional: where the page's contents list goes

    class Meta:
        abstract = True

    def render_markdown(self, links=None):
        links = site_links() if links is None else links
        rendered = render(getattr(self, self.markdown_field), links)
        setattr(self, self.html_field, rendered.html)
        if self.contents_field:
            setattr(self, self.contents_field, rendered.contents)

    def save(self, *args, **kwargs):
        self.render_markdown()
        super().save(*args, **kwargs)

    def rerender(self, links):
        """Refresh the stored HTML (say, after a glossary change) without touching `updated_at`."""
        fields = [self.html_field] + ([self.contents_field] if self.contents_field else [])
        before = [getattr(self, name) for name in fields]
        self.render_markdown(links)
        after = [getattr(self, name) for name in fields]
        if after != before:
            type(self).objects.filter(pk=self.pk).update(**dict(zip(fields, after)))


def rerender_all():
    """Re-render every stored page, e.g. after the published glossary changed."""
    from .models import publishable_models

    links = site_links()
    for model in publishable_models():
        if issubclass(model, RendersMarkdown):
            for item in model.objects.all():
                item.rerender(links)
