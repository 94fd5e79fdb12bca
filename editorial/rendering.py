"""Stored HTML beside the markdown it comes from, and what every page is rendered with.

Other apps add to every render by registering a provider in their AppConfig.ready(); this
app never imports them:
- a link provider returns hemed.markdown.GlossaryLink items (the glossary);
- a source provider returns the keys of the sources pages may cite, say {"S1", "S12"}.
"""

from django.db import models

from hemed.bounded import render_bounded
from hemed.markdown import render

_link_providers = []
_source_providers = []


_text_checks = []


def register_text_check(check):
    """A function(text) -> [warning, ...] the reading panel runs as the editor types."""
    if check not in _text_checks:
        _text_checks.append(check)


def text_warnings(text):
    return [warning for check in _text_checks for warning in check(text)]


def register_link_provider(provider):
    if provider not in _link_providers:
        _link_providers.append(provider)


def register_source_provider(provider):
    """provider() returns the source keys pages may cite; a page citing any other is told so."""
    if provider not in _source_providers:
        _source_providers.append(provider)


def site_links():
    """Every link the renderer should make, from every registered provider."""
    return [link for provider in _link_providers for link in provider()]


def site_sources():
    """The source keys pages may cite, or None (any key) when no app keeps a list of sources."""
    if not _source_providers:
        return None
    return frozenset(key for provider in _source_providers for key in provider())


def site_phrases():
    """The words the site explains (for the reading panel's jargon check)."""
    return [phrase for link in site_links() for phrase in link.phrases]


def site_context():
    """What every page is rendered with: (site_links(), site_sources())."""
    return site_links(), site_sources()


def render_for_site(text, bounded=False, context=None):
    """What saving stores and the preview shows: markdown with the site's links and sources.

    bounded: within hemed.bounded's size and time limits (raises RenderTooComplex), for
    text straight from the editor. context: site_context(), looked up once to render many pages.
    """
    links, sources = context or site_context()
    return (render_bounded if bounded else render)(text, links, sources)


def markdownify(text):
    """MARKDOWNX_MARKDOWNIFY_FUNCTION and the editor's preview: what saving the text stores."""
    return render_for_site(text, bounded=True).html


class RendersMarkdown(models.Model):
    """Keeps sanitised HTML beside the markdown it comes from, rendered on every save."""

    markdown_field = None   # the editor's markdown
    html_field = None       # where the safe HTML goes
    contents_field = None   # optional: where the page's contents list goes
    citations_field = None  # optional: where the source keys the text cites go, in order of first use

    class Meta:
        abstract = True

    def render_markdown(self, context=None):
        rendered = render_for_site(getattr(self, self.markdown_field), context=context)
        setattr(self, self.html_field, rendered.html)
        if self.contents_field:
            setattr(self, self.contents_field, rendered.contents)
        if self.citations_field:
            setattr(self, self.citations_field, rendered.cited)
        return rendered

    # Set by a caller saving many pages (the content import): site_context() looked up once.
    render_context = None

    def save(self, *args, **kwargs):
        self.render_markdown(self.render_context)
        super().save(*args, **kwargs)

    def rerender(self, context):
        """Refresh the stored HTML (say, after a glossary change) without touching `updated_at`."""
        fields = [name for name in (self.html_field, self.contents_field, self.citations_field) if name]
        before = [getattr(self, name) for name in fields]
        self.render_markdown(context)
        after = [getattr(self, name) for name in fields]
        if after != before:
            type(self).objects.filter(pk=self.pk).update(**dict(zip(fields, after)))


def rerender_all():
    """Re-render every stored page, e.g. after the published glossary or sources changed."""
    from .models import publishable_models

    context = site_context()
    for model in publishable_models():
        if issubclass(model, RendersMarkdown):
            for item in model.objects.all():
                item.rerender(context)
