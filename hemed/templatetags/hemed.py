import json

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from hemed import markdown

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the <script>.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(data):
    """Structured data for search engines, as a JSON-LD script block (not executed)."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def breadcrumb_list(context, current):
    """schema.org BreadcrumbList for the view's breadcrumbs, ending at this page."""
    request = context.get("request")
    if request is None:
        return ""
    trail = [(reverse("home"), "Home"), *context.get("breadcrumbs", []), (request.path, current)]
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
