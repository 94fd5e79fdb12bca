import re

import pytest

from hemed.markdown import GlossaryLink, plain_text, render

# Known ways to smuggle script into HTML; none may survive rendering.
XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"javascript:alert(1)\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
    "<a href=\"  javascript:alert(1)\">click</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">click</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">click</a>",
    "<a href=\"vbscript:msgbox(1)\">click</a>",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<div onclick=\"alert(1)\">text</div>",
    "<p style=\"background:url(javascript:alert(1))\">text</p>",
    "<body onload=alert(1)>",
    "<form action=\"javascript:alert(1)\"><button>go</button></form>",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<link rel=stylesheet href=\"https://evil.example/x.css\">",
    "<!--<img src=x onerror=alert(1)>-->",
    "<a href=\"#\" title=\"x\" onmouseover=\"alert(1)\">hover</a>",
    "<<script>script>alert(1)<</script>/script>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
]

FORBIDDEN = [
    "<script", "<style", "<iframe", "<object", "<embed", "<svg", "<form", "<input",
    "<meta", "<base", "<link", "<body", "<math", "javascript:", "vbscript:", "data:",
    "onerror", "onload", "onclick", "onmouseover", "onfocus", "ontoggle", "style=",
]


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_no_script_survives_rendering(vector):
    html = render(f"Some text.\n\n{vector}\n\nMore text.").html.lower()
    for bad in FORBIDDEN:
        assert bad not in html, f"{bad!r} survived in {html!r}"


def test_safe_markdown_keeps_its_meaning():
    html = render(
        "Text with **bold**, *emphasis* and a [link](https://www.nhs.uk/).\n\n"
        "- one\n- two\n\n"
        "| Level | Severity |\n|---|---|\n| below 1% | severe |\n"
    ).html
    assert "<strong>bold</strong>" in html
    assert "<em>emphasis</em>" in html
    assert '<a href="https://www.nhs.uk/" rel="noopener noreferrer">link</a>' in html
    assert "<li>one</li>" in html
    assert "<table>" in html and "<td>below 1%</td>" in html


def test_headings_get_ids_and_make_the_contents_list():
    rendered = render("Intro\n\n## What it is\n\ntext\n\n### Detail\n\n## Risks & benefits\n")
    assert '<h2 id="what-it-is">What it is</h2>' in rendered.html
    assert '<h3 id="detail">Detail</h3>' in rendered.html
    assert rendered.contents == [
        {"id": "what-it-is", "name": "What it is"},
        {"id": "risks-benefits", "name": "Risks & benefits"},
    ]


def test_a_level_one_heading_in_the_body_becomes_level_two():
    # The page title is the page's only <h1>.
    html = render("# Big heading\n\ntext").html
    assert "<h1" not in html
    assert '<h2 id="big-heading">Big heading</h2>' in html


def test_empty_body_renders_nothing():
    assert render("").html == ""
    assert render("").contents == []


TABLE_WRAPPER = '<div aria-label="Table" class="hemed-table-wrapper" role="region" tabindex="0">'


def test_tables_scroll_inside_a_focusable_region():
    # (Markdown writes attributes in alphabetical order.)
    html = render("| a | b |\n|---|---|\n| 1 | 2 |\n").html
    assert html.startswith(TABLE_WRAPPER + "<table>")
    assert html.rstrip().endswith("</table></div>")


def test_each_table_gets_its_own_wrapper_and_the_text_around_stays_outside():
    table = "| a | b |\n|---|---|\n| 1 | 2 |\n"
    html = render(f"Before.\n\n{table}\nBetween.\n\n> {table.replace(chr(10), chr(10) + '> ')}\nAfter.").html
    assert html.count(TABLE_WRAPPER + "<table>") == 2
    assert html.count("</table></div>") == 2
    assert "<p>Between.</p>" in html and "<blockquote>" in html


def test_raw_table_attributes_cannot_ride_on_the_wrapper():
    html = render('<table onclick="alert(1)" class="x"><tr><td>1</td></tr></table>').html
    assert "onclick" not in html and 'class="x"' not in html
    assert html.count("<div") == html.count("</div>")


def test_do_and_dont_headings_over_lists_become_nhs_do_and_dont_lists():
    html = render("### Do\n\n- see your dentist\n\n### Don't\n\n- skip brushing\n").html
    assert '<ul class="nhsuk-list nhsuk-list--tick" role="list">' in html
    assert '<ul class="nhsuk-list nhsuk-list--cross" role="list">' in html
    assert "do not skip brushing</li>" in html
    assert html.count('class="nhsuk-card nhsuk-card--feature nhsuk-do-dont-list"') == 2


def test_do_lists_cannot_smuggle_markup():
    html = render('### Do\n\n- <img src=x onerror=alert(1)> [x](javascript:alert(1))\n').html
    assert "nhsuk-list--tick" in html
    assert "onerror" not in html and "javascript:" not in html


CARD = '<div class="nhsuk-card nhsuk-card--feature nhsuk-do-dont-list">'
TICK_LIST = '<ul class="nhsuk-list nhsuk-list--tick" role="list">'
CROSS_LIST = '<ul class="nhsuk-list nhsuk-list--cross" role="list">'
TICK = '<svg aria-hidden="true" class="nhsuk-icon nhsuk-icon--tick" focusable="false" height="16" viewBox="0 0 24 24"'
CROSS = '<svg aria-hidden="true" class="nhsuk-icon nhsuk-icon--cross" focusable="false" height="16" viewBox="0 0 24 24"'


def test_a_do_and_dont_card_has_the_nhs_markup():
    html = render("### Do\n\n- see your dentist\n").html
    assert html.startswith(
        CARD + '<div class="nhsuk-card__content nhsuk-card__content--feature">'
        '<h3 class="nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-m">Do</h3>' + TICK_LIST
    )
    assert f'<li>{TICK} width="16" xmlns="http://www.w3.org/2000/svg"><path d="M11.4 17.5' in html
    assert "</svg>see your dentist</li>" in html
    assert html.rstrip().endswith("</ul></div></div>")
    assert '<h3 id="do">' not in html


@pytest.mark.parametrize("heading", ["Don't", "Don’t", "Do not"])
def test_each_way_of_writing_dont_makes_a_dont_list(heading):
    html = render(f"### {heading}\n\n- skip brushing\n").html
    assert CROSS_LIST in html
    assert "Don’t</h3>" in html
    assert "</svg>do not skip brushing</li>" in html


def test_other_headings_over_lists_stay_as_they_are():
    html = render("### Dos\n\n- one\n\n## Do\n\n- two\n\n### Do\n\ntext\n\n- three\n").html
    assert "nhsuk-" not in html and "<svg" not in html
    assert html.count("<ul>") == 3


def test_a_nested_list_under_do_stays_a_plain_list_inside_its_item():
    html = render("### Do\n\n- eat well\n    - fruit\n    - vegetables\n- sleep\n\nAfter the list.\n").html
    assert html.count(CARD) == 1
    assert html.count(TICK) == 2
    assert "</svg>eat well<ul>\n<li>fruit</li>\n<li>vegetables</li>\n</ul>\n</li>" in html
    assert "</svg>sleep</li>" in html
    assert html.index("</div></div>") < html.index("<p>After the list.</p>")


@pytest.mark.parametrize("item", [
    "do not give ibuprofen", "Do not give ibuprofen", "DO NOT give ibuprofen", "don't give ibuprofen",
    "Don’t give ibuprofen", "**Do not** give ibuprofen",
])
def test_a_dont_item_that_already_says_do_not_is_not_doubled(item):
    html = render(f"### Don't\n\n- {item}\n").html.lower()
    assert "give ibuprofen" in html
    assert html.count("do not") + html.count("don't") + html.count("don’t") == 1 + html.count("don’t</h3>")


def test_a_dont_item_that_only_starts_like_do_not_gets_the_prefix():
    html = render("### Don't\n\n- dose yourself twice\n- donate blood the same day\n").html
    assert "</svg>do not dose yourself twice</li>" in html
    assert "</svg>do not donate blood the same day</li>" in html


def test_a_loose_dont_list_puts_do_not_in_the_paragraph():
    html = render("### Don't\n\n- skip brushing\n\n- skip flossing\n").html
    assert html.count(CROSS) == 2
    assert "<p>do not skip brushing</p>" in html and "<p>do not skip flossing</p>" in html


# The site's markup is for the site: editors typing it as HTML get none of it.
BORROWED = [
    '<div class="nhsuk-card nhsuk-card--feature nhsuk-do-dont-list">x</div>',
    '<div class="hemed-table-wrapper" tabindex="0" role="region" aria-label="Table">x</div>',
    'Text <span class="nhsuk-u-visually-hidden">hidden</span> <div role="region">x</div>',
    '<svg class="nhsuk-icon nhsuk-icon--tick" viewBox="0 0 24 24"><path d="M11.4 17.5"/></svg>',
    'Text <svg><path d="M1 1"></path></svg> and <svg/onload=alert(1)>',
    '<ul class="nhsuk-list nhsuk-list--tick" role="list"><li>x</li></ul>',
    '<h3 class="nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-m">Do</h3>',
    '<h2 id="source-S1">A heading that would take the reference list\'s place</h2>',
    'Text <sup class="hemed-cite"><a href="#source-S1" id="cite-S1">1</a></sup>',
    '<a id="cite-S1" href="javascript:alert(1)">1</a>',
    '<a class="hemed-glossary-term" data-definition="Not what the glossary says" href="#">vector</a>',
]


@pytest.mark.parametrize("typed", BORROWED)
def test_editors_cannot_borrow_the_sites_markup(typed):
    html = render(f"Some text.\n\n{typed}\n\nMore text.").html
    for bad in ["nhsuk-", "hemed-", "<div", "<span", "<svg", "<path", " id=", "role=", "tabindex",
                "aria-", "data-definition", "javascript:", "onload"]:
        assert bad not in html, f"{bad!r} survived in {html!r}"


def test_raw_html_tables_are_sanitised_and_not_wrapped():
    html = render('<table class="x"><tr><td onclick="alert(1)">1</td></tr></table>').html
    assert html == "<table><tbody><tr><td>1</td></tr></tbody></table>"


# Citations: [S12] links to source S12 in the page's reference list, numbered by first use.

def cite(key, number, anchor=None):
    return (f'<a href="#source-{key}" id="{anchor or "cite-" + key}" rel="noopener noreferrer">'
            f'<span class="nhsuk-u-visually-hidden">Source </span>{number}</a>')


def test_a_citation_is_a_numbered_link_to_its_source():
    rendered = render("Hemgenix is given once [S12].")
    assert rendered.html == f'<p>Hemgenix is given once <sup class="hemed-cite">{cite("S12", 1)}</sup>.</p>'
    assert rendered.cited == ["S12"] and rendered.unknown == []


def test_citations_are_numbered_by_first_use_and_a_key_keeps_its_number():
    rendered = render("Once [S12]. Approved [S1, S12].\n\n- Again [S1 S15]\n\nAnd [S12,S1].")
    html = rendered.html
    assert rendered.cited == ["S12", "S1", "S15"]
    assert f'<sup class="hemed-cite">{cite("S12", 1)}</sup>' in html
    assert f'<sup class="hemed-cite">{cite("S1", 2)}, {cite("S12", 1, "cite-S12-2")}</sup>' in html
    assert f'<sup class="hemed-cite">{cite("S1", 2, "cite-S1-2")}, {cite("S15", 3)}</sup>' in html
    assert f'<sup class="hemed-cite">{cite("S12", 1, "cite-S12-3")}, {cite("S1", 2, "cite-S1-3")}</sup>' in html
    ids = [part.split('"')[0] for part in html.split(' id="')[1:]]
    assert len(ids) == len(set(ids)) == 7


def test_a_key_repeated_in_one_citation_is_linked_once():
    assert render("Twice [S3, S3].").html.count('href="#source-S3"') == 1


def test_citations_in_tables_cards_and_glossary_text_work():
    glossary = [GlossaryLink("/glossary/vector/", "A carrier.", ("vector",))]
    html = render("### Do\n\n- ask about the vector [S2]\n\n| a |\n|---|\n| b [S3] |\n", glossary).html
    assert cite("S2", 1) in html and cite("S3", 2) in html
    assert 'href="/glossary/vector/"' in html


@pytest.mark.parametrize("text", [
    "In code: `[S1]`",
    "    [S1] in a code block",
    "```\n[S1]\n```",
    "A [link with [S1] in it](https://example.org)",
    "A [S1](https://example.org) link",
    "<a href=\"https://example.org\">typed as HTML [S1]</a>",
    "<a href=\"https://example.org\">typed as HTML, **bold [S1]**</a>",
    "Escaped: \\[S1]",
    "## A heading [S1]",
    "Not a key: [s1] [S] [S1a] [1] [Source 1]",
])
def test_no_citation_where_none_was_meant(text):
    rendered = render(text)
    assert "hemed-cite" not in rendered.html
    assert rendered.cited == []


def test_a_reference_link_defined_in_the_text_stays_a_link():
    html = render("See [S1].\n\n[S1]: https://example.org/s1\n").html
    assert '<a href="https://example.org/s1" rel="noopener noreferrer">S1</a>' in html
    assert "hemed-cite" not in html


def test_citations_after_a_link_typed_as_html_are_linked():
    rendered = render('<a href="https://example.org">see</a> [S1] and <a href="#x">[S2]</a> [S3]')
    assert rendered.cited == ["S1", "S3"]


def test_unknown_keys_are_text_and_reported():
    rendered = render("Known [S1]. Unknown [S999]. Both [S1, S998, S999].", sources={"S1", "S2"})
    assert rendered.cited == ["S1"]
    assert rendered.unknown == ["S999", "S998"]
    html = rendered.html
    assert '<sup class="hemed-cite">S999</sup>' in html
    assert f'<sup class="hemed-cite">{cite("S1", 1, "cite-S1-2")}, S998, S999</sup>' in html
    assert "#source-S99" not in html


def test_without_a_list_of_sources_any_key_is_linked():
    assert render("Any [S999].").cited == ["S999"]
    assert render("None known [S1].", sources=()).unknown == ["S1"]


CITATION_XSS = [
    '[S1"><script>alert(1)</script>]',
    '[S1]"><img src=x onerror=alert(1)>',
    '[S1]" onmouseover="alert(1)',
    '[S1](javascript:alert(1))',
    '<a href="javascript:alert(1)">[S1]</a>',
    '<a id="cite-S1" href="javascript:alert(1)" onclick="alert(1)">[S1]</a>',
    '<sup class="hemed-cite" onclick="alert(1)">[S1]</sup>',
    '<sup class="hemed-cite"><a href="javascript:alert(1)" id="cite-S1">1</a></sup> [S1]',
    '<a title="[S1]" href="https://example.org">x</a>',
    '<img alt="[S1]" src="x.png" onerror="alert(1)">',
    '![[S1]](javascript:alert(1))',
]


@pytest.mark.parametrize("vector", CITATION_XSS)
def test_citations_cannot_carry_script(vector):
    html = render(f"Some text.\n\n{vector}\n\nMore text [S2].").html.lower()
    for bad in FORBIDDEN:
        if bad.startswith("on"):
            assert not re.search(rf"<[^>]*\s{bad}", html), f"{bad!r} survived in {html!r}"
        else:
            assert bad not in html, f"{bad!r} survived in {html!r}"
    # The only ids, classes and source links are the ones citations make.
    assert html.count(' id="cite-') == html.count('href="#source-') == html.count("nhsuk-u-visually-hidden")
    assert html.count("<sup class=") == html.count('<sup class="hemed-cite">') == html.count("source </span>")


def test_a_citation_inside_a_link_typed_as_html_does_not_nest_links():
    html = render('<a href="https://example.org">see [S1]</a>').html
    assert html == '<p><a href="https://example.org" rel="noopener noreferrer">see [S1]</a></p>'


def test_plain_text_leaves_citations_out():
    html = render("Given once [S12]. Platelets 150 x 10<sup>9</sup>/L [S1, S2].").html
    assert plain_text(html) == "Given once . Platelets 150 x 109/L ."
