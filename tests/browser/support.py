"""The pages the browser tests visit, and helpers shared by the test modules."""

import re
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import expect

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).resolve().parent
VENDOR = HERE / "vendor"
ARTIFACTS = HERE.parent.parent / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

AXE_JS = VENDOR / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

ANSWER_SUMMARY = "main details.nhsuk-details > summary"


@dataclass(frozen=True)
class SitePage:
    name: str  # also the screenshot's file name
    path: str
    status: int = 200
    open_answer: bool = False  # open the first FAQ answer after loading
    results: bool | None = None  # a search page: with results (True) or none (False)

    def __str__(self):
        return self.name


PAGES = [
    SitePage("home", "/"),
    SitePage("topic", "/topics/gene-therapy/"),
    SitePage("article", "/articles/what-is-hemgenix/"),
    SitePage("faq-index", "/faq/"),
    SitePage("faq", "/faq/category/gene-therapy-before/", open_answer=True),
    SitePage("search-results", "/faq/?q=liver", results=True),
    SitePage("search-no-results", "/faq/?q=zzzzqqq", results=False),
    SitePage("glossary", "/glossary/"),
    SitePage("answer", "/faq/can-i-take-ibuprofen-or-aspirin/"),
    SitePage("emergency-plan", "/articles/emergency-plan/"),
    SitePage("parents-guide", "/articles/new-diagnosis-guide-for-parents/"),
    SitePage("questions-sheet", "/articles/questions-to-ask-about-gene-therapy/"),
    SitePage("privacy", "/about/privacy/"),
    SitePage("not-found", "/no-such-page/", status=404),
]
PAGE_IDS = [page.name for page in PAGES]
ARTICLE = next(page for page in PAGES if page.name == "article")
FAQ = next(page for page in PAGES if page.name == "faq")


def visit(page, base_url, site_page, *, javascript=True):
    """Load a page, check its status, wait until nhsuk-frontend has started
    (JavaScript on), open an FAQ answer or check the search results if asked."""
    response = page.goto(base_url + site_page.path)
    assert response is not None, f"{site_page.path}: no response"
    assert response.status == site_page.status, f"{site_page.path}: HTTP {response.status}"
    if javascript:
        # nhsuk-frontend marks each component it has started: the header is on every page.
        page.wait_for_selector("header.nhsuk-header[data-nhsuk-header-init]", state="attached")
    if site_page.open_answer:
        open_first_answer(page)
    if site_page.results is not None:
        results = page.locator("main .hemed-result")
        if site_page.results:
            expect(results.first).to_be_visible()
        else:
            expect(results).to_have_count(0)
    return response


def open_first_answer(page):
    """Open the first question on the page with a click on its summary (native <details>)."""
    summary = page.locator(ANSWER_SUMMARY).first
    summary.click()
    expect(summary.locator("xpath=..")).to_have_attribute("open", "")
    expect(summary.locator("xpath=../*[contains(@class, 'nhsuk-details__text')]")).to_be_visible()


def screenshot(page, site_page, size_name):
    """Full-page screenshot to test-artifacts/screenshots/<page>-<phone|desktop>.png."""
    size = {"phone": PHONE, "desktop": DESKTOP}[size_name]
    if page.viewport_size != size:
        page.set_viewport_size(size)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # no focus ring
    page.screenshot(
        path=str(SCREENSHOTS / f"{site_page.name}-{size_name}.png"),
        full_page=True,
        animations="disabled",
        caret="hide",
    )


_axe_source = None


def axe_violations(page, tags=AXE_TAGS):
    """Run the vendored axe-core on the page; return its violations as plain dicts.

    axe is evaluated through DevTools (page.evaluate), which the page's
    Content-Security-Policy does not govern, so the CSP stays on.
    """
    global _axe_source
    if _axe_source is None:
        _axe_source = AXE_JS.read_text(encoding="utf-8")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(f"{_axe_source}\n;void 0")
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        tags,
    )


def describe_violations(violations, limit=10):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"][:limit]:
            lines.append(f"    {node['target']}")
            summary = re.sub(r"\s+", " ", node["summary"] or "").strip()
            if summary:
                lines.append(f"      {summary}")
        if len(violation["nodes"]) > limit:
            lines.append(f"    … and {len(violation['nodes']) - limit} more")
    return "\n".join(lines)


class ProblemLog:
    """Collects what a page reports as broken: console errors, uncaught
    exceptions, Content-Security-Policy violations and failed sub-resources."""

    CSP_LISTENER = """
        window.__hemedCspViolations = [];
        document.addEventListener("securitypolicyviolation", (event) => {
            window.__hemedCspViolations.push(
                `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
            );
        });
    """

    def __init__(self, page):
        self.page = page
        self.problems = []
        self.main_document_errors = set()
        page.add_init_script(self.CSP_LISTENER)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught error: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _request_failed(self, request):
        # ERR_ABORTED: a request still in flight when the test moved on to the next page.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _console(self, message):
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        # Chromium logs a document's own error status (the 404 page) as a console error.
        if url in self.main_document_errors and message.text.startswith("Failed to load resource"):
            return
        self.problems.append(f"console error: {message.text} ({url})")

    def _response(self, response):
        if response.status < 400:
            return
        if response.request.is_navigation_request():
            self.main_document_errors.add(response.url)
        else:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def collect(self):
        """Everything so far, including CSP violations reported to the page."""
        csp = self.page.evaluate("() => window.__hemedCspViolations || []")
        return self.problems + [f"CSP violation: {violation}" for violation in csp]
