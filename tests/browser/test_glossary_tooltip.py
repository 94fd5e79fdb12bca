"""With JavaScript on, a glossary term in an article explains itself on hover
and on keyboard focus, and Escape dismisses the explanation (WCAG 1.4.13)."""

from playwright.sync_api import expect

from .support import ARTICLE, visit

TERM_LINK = "main a.hemed-glossary-term"
MAX_TABS = 150  # more than the controls before an article's first term


def ensure_a_glossary_link():
    """The demo glossary links terms in the article; should it have none (the
    glossary is still being written), add one term and render the article again."""
    from articles.models import Article
    from glossary.models import Term

    article = Article.objects.get(slug=ARTICLE.path.strip("/").split("/")[-1])
    if "hemed-glossary-term" in article.body_html:
        return
    Term.objects.get_or_create(slug="gene-therapy", defaults={
        "term": "gene therapy",
        "definition": "A treatment that gives the body a working copy of a gene.",
    })
    article.save()
    assert "hemed-glossary-term" in article.body_html, "the article does not use the words 'gene therapy'"


def test_glossary_term_shows_its_definition_on_hover_and_focus_and_escape_hides_it(site, page):
    ensure_a_glossary_link()
    visit(page, site, ARTICLE)
    link = page.locator(TERM_LINK).first
    definition = link.get_attribute("data-definition")
    assert definition
    tooltip = page.locator("[role=tooltip]")

    # Hover
    link.hover()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(definition)
    tooltip_id = tooltip.get_attribute("id")
    assert tooltip_id
    expect(link).to_have_attribute("aria-describedby", tooltip_id)
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    expect(link).not_to_have_attribute("aria-describedby", tooltip_id)

    # Keyboard focus: Tab to the link (with the mouse moved away, so only focus shows it)
    page.mouse.move(0, 0)
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if link.evaluate("(el) => el === document.activeElement"):
            break
    expect(link).to_be_focused()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(definition)
    expect(link).to_have_attribute("aria-describedby", tooltip_id)
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    expect(link).not_to_have_attribute("aria-describedby", tooltip_id)
    expect(link).to_be_focused()  # Escape dismisses the tip, not the reader's place
