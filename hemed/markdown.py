"""Markdown to safe HTML, shared by model saves and the editor's live preview.

Editors write markdown; the HTML we store and show is what an allow-list
sanitiser (nh3) lets through. The live preview calls the same function, so
what a clinician sees while typing is what patients will see.
"""

import html as html_lib
import re
import xml.etree.ElementTree as etree
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
    "a": {"href", "title", "class", "data-definition"},
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


GLOSSARY_LINK_CLASS = "hemed-glossary-term"


def _only_our_classes(tag, attribute, value):
    # Editors cannot borrow the site's CSS classes; only glossary links carry one.
    if attribute == "class":
        return value if tag == "a" and value == GLOSSARY_LINK_CLASS else None
    return value


@dataclass(frozen=True)
class GlossaryLink:
    """A glossary term as the renderer links it: where it goes, what it means,
    and the words in the text that stand for it."""

    url: str
    definition: str
    phrases: tuple


class _LinkGlossaryTerms(Treeprocessor):
    """Link the first use of each glossary term on a page to its definition."""

    SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self, md, links):
        super().__init__(md)
        self.by_phrase = {}
        for link in links:
            for phrase in link.phrases:
                self.by_phrase.setdefault(phrase.lower(), link)
        # Longest first, so "factor IX activity" wins over "factor IX".
        alternatives = sorted(self.by_phrase, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<![\w-])(" + "|".join(map(re.escape, alternatives)) + r")(?![\w-])", re.IGNORECASE
        )

    def run(self, root):
        self.linked = set()
        self._walk(root)

    def _walk(self, element):
        if element.tag in self.SKIP:
            return
        element.text, new = self._link(element.text)
        for position, node in enumerate(new):
            element.insert(position, node)
        for child in list(element):
            self._walk(child)
            child.tail, new = self._link(child.tail)
            index = list(element).index(child)
            for offset, node in enumerate(new, start=1):
                element.insert(index + offset, node)

    def _link(self, text):
        """Split text at terms not yet linked: (text before, [<a> with its tail])."""
        if not text:
            return text, []
        nodes, head, last = [], None, 0
        for match in self.pattern.finditer(text):
            link = self.by_phrase[match.group(0).lower()]
            if link in self.linked:
                continue
            self.linked.add(link)
            anchor = etree.Element(
                "a", {"href": link.url, "class": GLOSSARY_LINK_CLASS, "data-definition": link.definition}
            )
            anchor.text = match.group(0)
            if nodes:
                nodes[-1].tail = text[last:match.start()]
            else:
                head = text[:match.start()]
            nodes.append(anchor)
            last = match.end()
        if not nodes:
            return text, []
        nodes[-1].tail = text[last:]
        return head, nodes


class GlossaryExtension(Extension):
    def __init__(self, links):
        self.links = links
        super().__init__()

    def extendMarkdown(self, md):
        # After inline markdown (20) has made links and code, before the contents list (5).
        md.treeprocessors.register(_LinkGlossaryTerms(md, self.links), "glossary", 8)


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


def _converter(glossary):
    extensions = [DemoteH1Extension(), "tables", "sane_lists", "toc"]
    if glossary:
        extensions.append(GlossaryExtension(glossary))
    return markdown.Markdown(
        extensions=extensions,
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
        attribute_filter=_only_our_classes,
    )


def _wrap_tables(html):
    """Let wide tables scroll sideways on a phone, by keyboard too.

    Runs after sanitising, so the only <table> tags are the bare ones nh3 kept.
    """
    return html.replace("<table>", TABLE_WRAPPER + "<table>").replace("</table>", "</table></div>")


_DO_DONT = re.compile(
    r'<h3 id="[^"]*">(Do|Don(?:\'|’|&#x27;|&#39;)t|Do not)</h3>\s*<ul>(.*?)</ul>', re.S
)
_ICONS = {
    "tick": '<path d="M11.4 17.5a2 2 0 0 1-2.7.1h-.1L4 12.8a1.5 1.5 0 0 1 2.1-2L10 14.7l8.1-8.1a1.5 '
            '1.5 0 1 1 2.2 2l-8.9 9Z"/>',
    "cross": '<path d="M17 18.5c-.4 0-.8-.1-1.1-.4l-10-10c-.6-.6-.6-1.6 0-2.1.6-.6 1.5-.6 2.1 0l10 '
             '10c.6.6.6 1.5 0 2.1-.3.3-.6.4-1 .4z M7 18.5c-.4 0-.8-.1-1.1-.4-.6-.6-.6-1.5 0-2.1l10-10c'
             '.6-.6 1.5-.6 2.1 0 .6.6.6 1.5 0 2.1l-10 10c-.3.3-.6.4-1 .4z"/>',
}


def _do_and_dont_lists(html):
    """A "### Do" or "### Don't" heading over a list becomes an NHS do-and-don't list.

    Runs after sanitising, on the tags nh3 kept; the markup added is our own.
    """
    def card(match):
        positive = match.group(1) == "Do"
        icon = "tick" if positive else "cross"
        svg = (f'<svg class="nhsuk-icon nhsuk-icon--{icon}" xmlns="http://www.w3.org/2000/svg" '
               f'viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">'
               f"{_ICONS[icon]}</svg>")
        prefix = "" if positive else "do not "
        items = re.sub(r"<li>", f"<li>{svg}{prefix}", match.group(2))
        return (
            '<div class="nhsuk-card nhsuk-card--feature nhsuk-do-dont-list">'
            '<div class="nhsuk-card__content nhsuk-card__content--feature">'
            f'<h3 class="nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-m">'
            f'{"Do" if positive else "Don’t"}</h3>'
            f'<ul class="nhsuk-list nhsuk-list--{icon}" role="list">{items}</ul></div></div>'
        )

    return _DO_DONT.sub(card, html)


def render(text, glossary=()):
    """Render editor markdown to sanitised HTML and its contents list.

    glossary: GlossaryLink items; the first use of each on the page links to it.
    """
    md = _converter(glossary)
    html = _do_and_dont_lists(_wrap_tables(sanitise(md.convert(text or ""))))
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


def plain_text(html):
    """Stored, sanitised HTML as plain text (meta descriptions, structured data)."""
    return " ".join(html_lib.unescape(nh3.clean(html, tags=set())).split())
