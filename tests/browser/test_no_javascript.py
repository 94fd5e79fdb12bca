"""With JavaScript off, every page still gives its content (progressive enhancement)."""

import re
from dataclasses import replace

import pytest
from playwright.sync_api import expect

from .support import ANSWER_SUMMARY, ARTICLE, FAQ, PAGES, open_first_answer, visit

NO_JS_PAGES = [page for page in PAGES if page.name in {"home", "article", "faq", "search-results", "glossary"}]


@pytest.fixture
def no_js_page(new_context):
    return new_context(java_script_enabled=False).new_page()


def test_main_content_renders_without_javascript(site, no_js_page):
    page = no_js_page
    for site_page in NO_JS_PAGES:
        visit(page, site, site_page, javascript=False)
        main = page.locator("main#maincontent")
        expect(main.locator("h1")).to_be_visible()
        text = main.inner_text()
        assert len(text.split()) > 20, f"{site_page.path}: main content is nearly empty without JavaScript"
        assert not page.locator("body.js-enabled").count(), "JavaScript ran although it is off"
    # The glossary lists its terms.
    expect(page.locator("main .hemed-glossary__entry").first).to_be_visible()


def test_faq_answer_opens_with_a_click_without_javascript(site, no_js_page):
    visit(no_js_page, site, replace(FAQ, open_answer=False), javascript=False)
    answers = no_js_page.locator(ANSWER_SUMMARY)
    assert answers.count() > 1
    expect(answers.nth(1).locator("xpath=../*[contains(@class, 'nhsuk-details__text')]")).to_be_hidden()
    open_first_answer(no_js_page)  # native <details>: no script needed


def test_glossary_links_in_an_article_lead_to_their_glossary_entries_without_javascript(site, no_js_page):
    page = no_js_page
    visit(page, site, ARTICLE, javascript=False)
    links = page.locator("main a.hemed-glossary-term")
    hrefs = links.evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    assert hrefs, f"{ARTICLE.path} links no glossary terms"
    slugs = []
    for href in hrefs:
        match = re.fullmatch(r"/glossary/#term-([\w-]+)", href)
        assert match, f"glossary link {href!r} does not point to /glossary/#term-…"
        slugs.append(match.group(1))

    # Following a link lands on the glossary with the term's entry there.
    links.first.click()
    page.wait_for_url(re.compile(r"/glossary/#term-"))
    entry = page.locator(f"#term-{slugs[0]}")
    expect(entry).to_be_visible()
    expect(entry).to_be_in_viewport()
    missing = [slug for slug in slugs if not page.locator(f"[id='term-{slug}']").count()]
    assert not missing, f"the glossary has no entry for: {', '.join(missing)}"
