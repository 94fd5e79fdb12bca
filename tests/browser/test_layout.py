"""Pages reflow on a narrow screen and with large text (WCAG 1.4.10, 1.4.4)."""

from .support import PAGES, visit

# The page scrolls sideways if its content is wider than the viewport.
HORIZONTAL_OVERFLOW = """() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
})"""

# Text and controls that stick out past the window's edges, which a reader
# would have to scroll sideways to see. Allowed: content inside its own
# sideways-scrolling box (a wide table in .hemed-table-wrapper: WCAG 1.4.10
# exempts data tables) and visually hidden text (clipped to a 1px box).
OUTSIDE_WINDOW = """() => {
    const width = document.documentElement.clientWidth;
    const outside = (box) => box.width > 0 && (box.left < -0.5 || box.right > width + 0.5);
    const exempt = (el) => {
        for (let node = el; node && node !== document.body; node = node.parentElement) {
            const style = getComputedStyle(node);
            if (style.overflowX === "auto" || style.overflowX === "scroll") return true;
            if (style.overflowX !== "visible" && node.getBoundingClientRect().width <= 1) return true;
        }
        return false;
    };
    const describe = (el, box, what) =>
        `<${el.tagName.toLowerCase()} class="${el.className}"> ${what} at ${Math.round(box.left)}..${Math.round(box.right)}px`;
    const problems = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) => node.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT,
    });
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || el.closest("script, style, template")) continue;
        range.selectNodeContents(node);
        const box = range.getBoundingClientRect();
        if (outside(box) && !exempt(el)) {
            problems.push(describe(el, box, `text "${node.textContent.trim().replace(/\\s+/g, " ").slice(0, 50)}"`));
        }
    }
    for (const el of document.querySelectorAll("input, button, select, textarea, img, svg, video, iframe")) {
        const box = el.getBoundingClientRect();
        if (box.height > 0 && outside(box) && !exempt(el)) problems.push(describe(el, box, "element"));
    }
    return problems.slice(0, 10);
}"""


def layout_problems(page, site_page):
    overflow = page.evaluate(HORIZONTAL_OVERFLOW)
    problems = []
    if overflow["scrollWidth"] > overflow["innerWidth"]:
        problems.append(
            f"{site_page.path} scrolls sideways: content {overflow['scrollWidth']}px wide "
            f"in a {overflow['innerWidth']}px window"
        )
    for block in page.evaluate(OUTSIDE_WINDOW):
        problems.append(f"{site_page.path}: does not reflow: {block}")
    return problems


def test_no_page_scrolls_sideways_at_320_css_pixels(site, new_context):
    """WCAG 1.4.10 Reflow: at 320 CSS px wide (1280px at 400% zoom) nothing
    scrolls sideways and every text block wraps inside the window."""
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    problems = []
    for site_page in PAGES:
        visit(page, site, site_page)
        problems += layout_problems(page, site_page)
    assert not problems, "\n".join(problems)


def test_text_at_200_percent_fits_a_640_pixel_window_without_sideways_scrolling(site, new_context):
    """WCAG 1.4.4 Resize text: text at twice its size still fits.

    Method: a 640 px window, and the root font size set to 200% of the
    browser default (`document.documentElement.style.fontSize = "200%"`),
    which is what a reader's larger text setting does to a page: nhsuk-frontend
    sizes text in rem, so all of it doubles. Page zoom is not used because at
    200% it only halves the CSS width (1280 px becomes 640 px) with text at its
    normal size in CSS px, which the 320 px test above already covers more
    strictly. Media queries stay at the 640 px (tablet) layout, where the
    doubled text has the least room per column. The test checks that the text
    really did double, so it cannot pass by accident.
    """
    page = new_context(viewport={"width": 640, "height": 900}).new_page()
    problems = []
    for site_page in PAGES:
        visit(page, site, site_page)
        before = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)")
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        after = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)")
        assert after >= 1.9 * before, f"{site_page.path}: text did not grow ({before}px to {after}px)"
        problems += layout_problems(page, site_page)
    assert not problems, "\n".join(problems)
