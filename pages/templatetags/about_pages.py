from django import template

from hemed.links import fixed_url
from pages.models import FOOTER_PAGES

register = template.Library()


@register.simple_tag
def about_links():
    """(url, label) for each About page the footer links to; no database needed (the 500 page uses it)."""
    return [(fixed_url("pages:detail", slug), label) for slug, label in FOOTER_PAGES]
