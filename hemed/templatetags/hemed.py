import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from editorial.models import Publishable
from hemed import markdown
from hemed.links import fixed_url

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the <script>.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(data):
    """Structured data for search engines, as a JSON-LD script block (not executed)."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag
def link(name, *args):
    """{% url %} for the links on every page, worked out once (hemed.links)."""
    return fixed_url(name, *args)


# The header's menu: (URL name, the section (URL namespace) it stands for, label).
MENU = (("home", "", "Home"), ("articles:index", "articles", "Articles"), ("faq:index", "faq", "FAQ"),
        ("glossary:index", "glossary", "Glossary"))


@register.simple_tag
def menu_links():
    """(href, section, label) for each link in the header's menu."""
    return [(fixed_url(name), section, label) for name, section, label in MENU]


@register.simple_tag(takes_context=True)
def breadcrumb_list(context, current):
    """schema.org BreadcrumbList for the view's breadcrumbs, ending at this page."""
    request = context.get("request")
    if request is None:
        return ""
    trail = [(fixed_url("home"), "Home"), *context.get("breadcrumbs", []), (request.path, current)]
    return ld_json({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name,
             "item": request.build_absolute_uri(href)}
            for position, (href, name) in enumerate(trail, start=1)
        ],
    })


@register.filter
def plain_text(html):
    """Stored, sanitised HTML as plain text (for meta descriptions); escaped again on output."""
    return markdown.plain_text(html)


@register.inclusion_tag("includes/example_banner.html")
def example_banner(*shown):
    """The "example content" warning, when anything this page shows is example content
    that no clinician has approved (`demo`). Takes items, search results and lists of them;
    a single item first is the page's own content."""
    whole = bool(shown) and isinstance(shown[0], Publishable) and shown[0].demo
    return {"show": any(_is_example(value) for value in shown), "whole_page": whole}


def _is_example(value):
    value = getattr(value, "item", value)  # a search result
    if isinstance(value, Publishable):
        return value.demo
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
        return False
    return any(_is_example(each) for each in value)
