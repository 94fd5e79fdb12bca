"""Markdown to safe HTML, shared by model saves and the editor's live preview.

Editors write markdown; the HTML we store and show is what an allow-list
sanitiser (nh3) lets through. The live preview calls the same function, so
what a clinician sees while typing is what patients will see.
"""

import html as html_lib
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt",
    "em", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
# No javascript:, data:, vbscript: or other schemes; relative URLs stay allowed.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
TABLE_WRAPPER = '<div class="hemed-table-wrapper" tabindex="0" role="region" aria-label="Table">'


class _DemoteH1(Treeprocessor):
    """The page title is the only <h1>; a `# heading` in the body becomes <h2>."""

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class DemoteH1Extension(Extension):
    def extendMarkdown(self, md):
        # Before the toc treeprocessor (priority 5) so demoted headings get ids.
        md.treeprocessors.register(_DemoteH1(md), "demote_h1", 30)


@dataclass
class Rendered:
    html: str
    # Level-2 headings as (id, text) pairs, for the page's contents list.
    contents: list = field(default_factory=list)


def _converter():
    return markdown.Markdown(
        extensions=[
            DemoteH1Extension(),
            "tables",
            "sane_lists",
            "toc",
        ],
        extension_configs={
            "tables": {"use_align_attribute": True},
            "toc": {"toc_depth": "2-6"},
        },
        output_format="html",
    )


def sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _wrap_tables(html):
    """Let wide tables scroll sideways on a phone, by keyboard too.

    Runs after sanitising, so the only <table> tags are the bare ones nh3 kept.
    """
    return html.replace("<table>", TABLE_WRAPPER + "<table>").replace("</table>", "</table></div>")


def render(text):
    """Render editor markdown to sanitised HTML and its contents list."""
    md = _converter()
    html = _wrap_tables(sanitise(md.convert(text or "")))
    contents = [
        {"id": token["id"], "name": html_lib.unescape(token["name"])}
        for token in _flatten(md.toc_tokens)
        if token["level"] == 2
    ]
    return Rendered(html=html, contents=contents)


def _flatten(tokens):
    for token in tokens:
        yield token
        yield from _flatten(token["children"])


def markdownify(text):
    """MARKDOWNX_MARKDOWNIFY_FUNCTION: the live preview shows what saving stores."""
    return render(text).html
