"""The feedback form works without JavaScript and passes axe, and every printable sheet
prints on one A4 page with its date and without the web-only parts."""

import re

from playwright.sync_api import expect

from articles.models import Article, Layout
from feedback.models import Feedback, Kind

from .support import PAGES, SitePage, axe_violations, describe_violations, visit

ANSWER = next(page for page in PAGES if page.name == "answer")
SHEET = next(page for page in PAGES if page.name == "questions-sheet")


def test_was_this_page_helpful_works_without_javascript(site, new_context):
    page = new_context(java_script_enabled=False).new_page()
    visit(page, site, ANSWER, javascript=False)
    page.get_by_label("Tell us more (optional)").fill("I did not know paracetamol was the usual choice.")
    page.get_by_role("button", name="No, it was not helpful").click()
    expect(page.get_by_role("heading", name="Thank you for your feedback")).to_be_visible()
    assert page.url.endswith("?feedback=thanks#feedback")
    note = Feedback.objects.get()
    assert (note.kind, note.comment) == (Kind.NOT_HELPFUL, "I did not know paracetamol was the usual choice.")


def test_an_empty_problem_report_gets_an_accessible_error_page(site, page):
    visit(page, site, ANSWER)
    page.get_by_text("Report a problem with this page").click()
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_text("Tell us what is wrong with this page.").first).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    page.get_by_label("What is wrong with this page?").fill("The NICE link does not open.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you for your feedback")).to_be_visible()
    assert Feedback.objects.get().kind == Kind.PROBLEM


def test_every_printable_sheet_prints_on_one_dated_a4_page(site, page):
    sheets = list(Article.objects.published().filter(layout=Layout.SHEET))
    assert SHEET.path in [sheet.get_absolute_url() for sheet in sheets]
    for sheet in sheets:
        check_sheet_prints_on_one_page(page, site, SitePage(sheet.slug, sheet.get_absolute_url()))


def check_sheet_prints_on_one_page(page, site, sheet):
    visit(page, site, sheet)
    page.emulate_media(media="print")
    main = page.locator("main")
    expect(main.get_by_text(re.compile(r"Sheet dated \d{1,2} \w+ 20\d\d"))).to_be_visible()
    for hidden in ["#when-to-get-help", "#feedback", ".hemed-example-banner"]:
        assert not main.locator(hidden).is_visible(), f"{hidden} is printed"
    expect(main.locator("h1")).to_be_visible()
    expect(main.locator("article.hemed-markdown li").last).to_be_visible()
    if main.locator(".hemed-cite").count():
        expect(main.locator(".hemed-references li").last).to_be_visible()  # the numbers lead somewhere
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"{sheet.path} prints on {pages} A4 pages"
    page.emulate_media(media="screen")


def test_an_ordinary_article_still_prints_its_help_box(site, page):
    visit(page, site, next(p for p in PAGES if p.name == "emergency-plan"))
    page.emulate_media(media="print")
    assert page.locator("#when-to-get-help").is_visible()
