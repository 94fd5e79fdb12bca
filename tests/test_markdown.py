import pytest

from hemed.markdown import render

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


def test_tables_scroll_inside_a_focusable_region():
    html = render("| a | b |\n|---|---|\n| 1 | 2 |\n").html
    assert html.startswith('<div class="hemed-table-wrapper" tabindex="0" role="region" aria-label="Table"><table>')
    assert html.rstrip().endswith("</table></div>")


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
