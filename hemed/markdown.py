"""Markdown to safe HTML, shared by model saves and the editor's live preview.

Editors write markdown; the HTML we store and show is what an allow-list
sanitiser (nh3) lets through. The live preview calls the same function, so
what a clinician sees while typing is what patients will see.

The site's own markup (do-and-don't cards, table wrappers, citations, glossary
links) is made in the Markdown tree, then sanitised with everything else. It may
use tags, classes and attributes editors may not: each attribute our tree
processors set carries a random mark made for that render, which the sanitiser
checks (against the exact values we make) and removes. HTML an editor typed is
first cut down to the editors' allow-list, so it can neither carry the mark nor
bring in the tags only our markup uses (div, span, svg).
"""

import html as html_lib
import re
import secrets
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
import nh3
from markdown import util
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# What editors may write as HTML, and what markdown makes.
EDITOR_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt",
    "em", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
EDITOR_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
# No javascript:, data:, vbscript: or other schemes; relative URLs stay allowed.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

GLOSSARY_LINK_CLASS = "hemed-glossary-term"
CITATION_CLASS = "hemed-cite"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_ICONS = {
    "tick": "M11.4 17.5a2 2 0 0 1-2.7.1h-.1L4 12.8a1.5 1.5 0 0 1 2.1-2L10 14.7l8.1-8.1a1.5 "
            "1.5 0 1 1 2.2 2l-8.9 9Z",
    "cross": "M17 18.5c-.4 0-.8-.1-1.1-.4l-10-10c-.6-.6-.6-1.6 0-2.1.6-.6 1.5-.6 2.1 0l10 "
             "10c.6.6.6 1.5 0 2.1-.3.3-.6.4-1 .4z M7 18.5c-.4 0-.8-.1-1.1-.4-.6-.6-.6-1.5 0-2.1l10-10c"
             ".6-.6 1.5-.6 2.1 0 .6.6.6 1.5 0 2.1l-10 10c-.3.3-.6.4-1 .4z",
}
_CARD = "nhsuk-card nhsuk-card--feature nhsuk-do-dont-list"
_CARD_CONTENT = "nhsuk-card__content nhsuk-card__content--feature"
_CARD_HEADING = "nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-m"
_TABLE_WRAPPER = {"class": "hemed-table-wrapper", "tabindex": "0", "role": "region", "aria-label": "Table"}
_VISUALLY_HIDDEN = "nhsuk-u-visually-hidden"

# Every attribute our tree processors set: (tag, attribute) -> the values they make.
_OURS = {
    ("a", "class"): re.escape(GLOSSARY_LINK_CLASS),
    ("a", "data-definition"): r"(?s:.*)",
    ("a", "id"): r"cite-S\d+(?:-\d+)?",
    ("sup", "class"): re.escape(CITATION_CLASS),
    ("span", "class"): re.escape(_VISUALLY_HIDDEN),
    ("div", "class"): "|".join(map(re.escape, [_CARD, _CARD_CONTENT, _TABLE_WRAPPER["class"]])),
    ("div", "tabindex"): "0",
    ("div", "role"): "region",
    ("div", "aria-label"): "Table",
    ("h3", "class"): re.escape(_CARD_HEADING),
    ("ul", "class"): r"nhsuk-list nhsuk-list--(?:tick|cross)",
    ("ul", "role"): "list",
    ("svg", "class"): r"nhsuk-icon nhsuk-icon--(?:tick|cross)",
    ("svg", "xmlns"): re.escape(SVG_NAMESPACE),
    ("svg", "viewBox"): re.escape("0 0 24 24"),
    ("svg", "width"): "16",
    ("svg", "height"): "16",
    ("svg", "focusable"): "false",
    ("svg", "aria-hidden"): "true",
    ("path", "d"): "|".join(map(re.escape, _ICONS.values())),
    **{(heading, "id"): r"[\w-]+" for heading in ("h2", "h3", "h4", "h5", "h6")},
}
_OURS = {key: re.compile(pattern) for key, pattern in _OURS.items()}

ALLOWED_TAGS = EDITOR_TAGS | {"div", "span", "svg", "path"}
ALLOWED_ATTRIBUTES = {tag: set(names) for tag, names in EDITOR_ATTRIBUTES.items()}
for _tag, _name in _OURS:
    ALLOWED_ATTRIBUTES.setdefault(_tag, set()).add(_name)


class _Mark:
    """Marks the attribute values our tree processors set, for the sanitiser.

    A new random prefix for every render: no text an editor types can carry it.
    """

    def __init__(self):
        self.prefix = secrets.token_hex(16) + ":"

    def __call__(self, value):
        return self.prefix + value


def _sanitise(html, mark):
    def attribute_filter(tag, attribute, value):
        if value.startswith(mark.prefix):
            value = value.removeprefix(mark.prefix)
            pattern = _OURS.get((tag, attribute))
            return value if pattern and pattern.fullmatch(value) else None
        # link_rel's own rel="noopener noreferrer" comes through here too.
        if attribute in EDITOR_ATTRIBUTES.get(tag, ()) or (tag, attribute) == ("a", "rel"):
            return value
        return None

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=attribute_filter,
    )


def _sanitise_editor_html(html):
    return nh3.clean(
        html, tags=EDITOR_TAGS, attributes=EDITOR_ATTRIBUTES, url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None, strip_comments=True,
    )


_ONE_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^<>]*>")


def _editor_html(piece):
    """Raw HTML an editor typed, cut down to the editors' allow-list.

    Python-Markdown keeps inline HTML one tag at a time, to be put back between the
    text later: such a tag is replaced by the sanitiser's version of it, so no
    unclosed quote can run on into the markup around it. Block HTML is sanitised whole.
    """
    tag = _ONE_TAG.fullmatch(piece)
    if not tag:
        return _sanitise_editor_html(piece)
    closing, name = tag.group(1), tag.group(2).lower()
    if name not in EDITOR_TAGS:
        return ""
    if closing:
        return f"</{name}>"
    # The sanitiser closes the element it was given; we want only its start.
    cleaned = _sanitise_editor_html(piece).removesuffix(f"</{name}>")
    return cleaned if re.fullmatch(rf"<{name}(?:\s[^<>]*)?>", cleaned) else ""


class _EditorHtmlOnly(Treeprocessor):
    """Sanitise the HTML editors typed (held in the stash) before our markup joins it."""

    def run(self, root):
        stash = self.md.htmlStash
        done = {}
        for index, piece in enumerate(stash.rawHtmlBlocks):
            if isinstance(piece, str):
                if piece not in done:
                    done[piece] = _editor_html(piece)
                stash.rawHtmlBlocks[index] = done[piece]


@dataclass(frozen=True)
class GlossaryLink:
    """A glossary term as the renderer links it: where it goes, what it means,
    and the words in the text that stand for it."""

    url: str
    definition: str
    phrases: tuple


def _in_order(element, text_of, skip):
    """Replace each text in element's subtree with text_of(text) -> (text, [new nodes]).

    Texts are visited in document order; elements whose tag is in `skip` keep their text.
    """
    if element.tag in skip:
        return
    element.text, made = text_of(element.text)
    children = made
    for child in list(element):
        _in_order(child, text_of, skip)
        child.tail, made = text_of(child.tail)
        children += [child, *made]
    element[:] = children


class _LinkGlossaryTerms(Treeprocessor):
    """Link the first use of each glossary term on a page to its definition."""

    SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self, md, links, mark):
        super().__init__(md)
        self.mark = mark
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
        _in_order(root, self._link, self.SKIP)

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
            anchor = etree.Element("a", {
                "href": link.url, "class": self.mark(GLOSSARY_LINK_CLASS), "data-definition": self.mark(link.definition),
            })
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
    def __init__(self, links, mark):
        self.links, self.mark = links, mark
        super().__init__()

    def extendMarkdown(self, md):
        # After inline markdown (20) has made links and code, before the contents list (5).
        md.treeprocessors.register(_LinkGlossaryTerms(md, self.links, self.mark), "glossary", 8)


# [S12] or [S12, S15]: keys cited inline. Raw HTML tags come too (stash placeholders),
# to know when the text is inside a link an editor typed as HTML.
_CITATION = re.compile(
    r"\[(?P<keys>S\d+(?:(?:\s*,\s*|\s+)S\d+)*)\]|" + util.HTML_PLACEHOLDER % r"(?P<raw>[0-9]+)"
)


class _Citations(Treeprocessor):
    """[S12] becomes a numbered link to source S12 in the page's reference list.

    Numbers go by first use; a key cited again keeps its number. Not in code, links or
    headings (the contents list would read the number). Keys not in `sources` stay text.
    """

    SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self, md, sources, mark):
        super().__init__(md)
        self.sources = None if sources is None else frozenset(sources)
        self.mark = mark
        self.numbers, self.uses, self.unknown = {}, {}, []

    @property
    def cited(self):
        """The keys shown as links, in order of first use: cited[n - 1] is numbered n."""
        return list(self.numbers)

    def run(self, root):
        self.in_raw_link = 0
        _in_order(root, self._cite, self.SKIP)

    def _cite(self, text):
        if not text or ("[S" not in text and util.STX not in text):
            return text, []
        nodes, head, last = [], None, 0
        for match in _CITATION.finditer(text):
            if match.group("raw") is not None:
                self._follow_raw_html(int(match.group("raw")))
                continue
            if self.in_raw_link:
                continue
            sup = self._citation(dict.fromkeys(re.findall(r"S\d+", match.group("keys"))))
            if nodes:
                nodes[-1].tail = text[last:match.start()]
            else:
                head = text[:match.start()]
            nodes.append(sup)
            last = match.end()
        if not nodes:
            return text, []
        nodes[-1].tail = text[last:]
        return head, nodes

    def _follow_raw_html(self, index):
        # The stash holds the editors' HTML already sanitised: one tag, exactly "<a ...>" or "</a>".
        piece = self.md.htmlStash.rawHtmlBlocks[index]
        if isinstance(piece, str):
            if piece == "<a>" or piece.startswith("<a "):
                self.in_raw_link += 1
            elif piece == "</a>":
                self.in_raw_link = max(0, self.in_raw_link - 1)

    def _citation(self, keys):
        sup = etree.Element("sup", {"class": self.mark(CITATION_CLASS)})
        for position, key in enumerate(keys):
            if position:
                _append_text(sup, ", ")
            if self.sources is not None and key not in self.sources:
                if key not in self.unknown:
                    self.unknown.append(key)
                _append_text(sup, key)
                continue
            number = self.numbers.setdefault(key, len(self.numbers) + 1)
            use = self.uses[key] = self.uses.get(key, 0) + 1
            anchor = etree.SubElement(sup, "a", {
                "href": f"#source-{key}", "id": self.mark(f"cite-{key}" if use == 1 else f"cite-{key}-{use}"),
            })
            hidden = etree.SubElement(anchor, "span", {"class": self.mark(_VISUALLY_HIDDEN)})
            hidden.text = "Source "
            hidden.tail = str(number)
        return sup


def _append_text(element, text):
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


class CitationExtension(Extension):
    def __init__(self, sources, mark):
        self.sources, self.mark = sources, mark
        super().__init__()

    def extendMarkdown(self, md):
        # After inline markdown (20) has made links and code; before glossary links (8),
        # which then leave the citation links alone.
        md.treeprocessors.register(_Citations(md, self.sources, self.mark), "citations", 9)


_DO_HEADINGS = {"Do": "tick", "Don't": "cross", "Don’t": "cross", "Do not": "cross"}
# A don't item that already says so ("do not", "Don't", "don’t") gets no second "do not".
_SAYS_DO_NOT = re.compile(r"\s*(?:do not|don['’]t)(?!\w)", re.IGNORECASE)


class _DoAndDontLists(Treeprocessor):
    """A "### Do" or "### Don't" heading over a list becomes an NHS do-and-don't list."""

    def __init__(self, md, mark):
        super().__init__(md)
        self.mark = mark

    def run(self, root):
        for parent in list(root.iter()):
            index = 0
            while index < len(parent) - 1:
                heading, items = parent[index], parent[index + 1]
                icon = _DO_HEADINGS.get((heading.text or "").strip())
                if (icon and heading.tag == "h3" and not len(heading) and items.tag == "ul"
                        and not (heading.tail or "").strip()):
                    parent[index:index + 2] = [self._card(icon, items)]
                index += 1

    def _card(self, icon, items):
        mark = self.mark
        card = etree.Element("div", {"class": mark(_CARD)})
        content = etree.SubElement(card, "div", {"class": mark(_CARD_CONTENT)})
        # A new heading: the list's own, without the id the contents list gave the old one.
        heading = etree.SubElement(content, "h3", {"class": mark(_CARD_HEADING)})
        heading.text = "Do" if icon == "tick" else "Don’t"
        card.tail, items.tail = items.tail, None
        items.attrib = {"class": mark(f"nhsuk-list nhsuk-list--{icon}"), "role": mark("list")}
        content.append(items)
        for item in items:
            # In a loose list the words are in a paragraph inside the item.
            first = item[0] if not (item.text or "").strip() and len(item) and item[0].tag == "p" else item
            if icon == "cross" and not _SAYS_DO_NOT.match(_text_start(first)):
                first.text = "do not " + (first.text or "")
            svg = etree.Element("svg", {name: mark(value) for name, value in {
                "class": f"nhsuk-icon nhsuk-icon--{icon}", "xmlns": SVG_NAMESPACE, "viewBox": "0 0 24 24",
                "width": "16", "height": "16", "focusable": "false", "aria-hidden": "true",
            }.items()})
            etree.SubElement(svg, "path", {"d": mark(_ICONS[icon])})
            svg.tail, item.text = item.text, None
            item.insert(0, svg)
        return card


def _text_start(element, length=8):
    """The first words of an element's text, without any raw HTML tags in it."""
    text = ""
    for piece in element.itertext():
        text += util.HTML_PLACEHOLDER_RE.sub("", piece)
        if len(text.strip()) >= length:
            break
    return text


class _WrapTables(Treeprocessor):
    """Let wide tables scroll sideways on a phone, by keyboard too."""

    def __init__(self, md, mark):
        super().__init__(md)
        self.mark = mark

    def run(self, root):
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "table":
                    wrapper = etree.Element("div", {name: self.mark(value) for name, value in _TABLE_WRAPPER.items()})
                    wrapper.tail, child.tail = child.tail, None
                    wrapper.append(child)
                    parent[index] = wrapper


class _MarkHeadingIds(Treeprocessor):
    """Keep the ids the contents list gave headings (and no id an editor typed)."""

    def __init__(self, md, mark):
        super().__init__(md)
        self.mark = mark

    def run(self, root):
        for element in root.iter():
            if element.tag in {"h2", "h3", "h4", "h5", "h6"} and "id" in element.attrib:
                element.set("id", self.mark(element.get("id")))


class SiteMarkupExtension(Extension):
    """The site's markup, made in the tree and marked for the sanitiser."""

    def __init__(self, mark):
        self.mark = mark
        super().__init__()

    def extendMarkdown(self, md):
        # Right after inline markdown (20): everything after it sees only sanitised editor HTML.
        md.treeprocessors.register(_EditorHtmlOnly(md), "editor_html", 19)
        # After the contents list (5) has given headings their ids.
        md.treeprocessors.register(_DoAndDontLists(md, self.mark), "do_and_dont", 4)
        md.treeprocessors.register(_WrapTables(md, self.mark), "wrap_tables", 3)
        md.treeprocessors.register(_MarkHeadingIds(md, self.mark), "heading_ids", 2)


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
    # Source keys cited and shown as links, in order of first use: cited[n - 1] is shown as n.
    cited: list = field(default_factory=list)
    # Keys cited that are not among the known sources, in order of first use (shown as text).
    unknown: list = field(default_factory=list)


def _converter(glossary, sources, mark):
    extensions = [
        DemoteH1Extension(), "tables", "sane_lists", "toc", SiteMarkupExtension(mark), CitationExtension(sources, mark),
    ]
    if glossary:
        extensions.append(GlossaryExtension(glossary, mark))
    return markdown.Markdown(
        extensions=extensions,
        extension_configs={
            "tables": {"use_align_attribute": True},
            "toc": {"toc_depth": "2-6"},
        },
        output_format="html",
    )


def render(text, glossary=(), sources=None):
    """Render editor markdown to sanitised HTML, its contents list and the sources it cites.

    glossary: GlossaryLink items; the first use of each on the page links to it.
    sources: the source keys the text may cite ([S12]), or None for any key.
    """
    mark = _Mark()
    md = _converter(glossary, sources, mark)
    html = _sanitise(md.convert(text or ""), mark)
    contents = [
        {"id": token["id"], "name": html_lib.unescape(token["name"])}
        for token in _flatten(md.toc_tokens)
        if token["level"] == 2
    ]
    citations = md.treeprocessors["citations"]
    return Rendered(html=html, contents=contents, cited=citations.cited, unknown=list(citations.unknown))


def _flatten(tokens):
    for token in tokens:
        yield token
        yield from _flatten(token["children"])


class _TextOf(HTMLParser):
    """The words of stored HTML, without its citation marks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words, self.in_citation = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "sup" and (self.in_citation or ("class", CITATION_CLASS) in attrs):
            self.in_citation += 1

    def handle_endtag(self, tag):
        if tag == "sup" and self.in_citation:
            self.in_citation -= 1

    def handle_data(self, data):
        if not self.in_citation:
            self.words.append(data)


def plain_text(html):
    """Stored, sanitised HTML as plain text (meta descriptions, structured data)."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.words).split())
