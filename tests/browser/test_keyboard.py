"""Keyboard users can reach and use everything, and always see where they are."""

from dataclasses import replace

from playwright.sync_api import expect

from .support import ANSWER_SUMMARY, FAQ, PAGES, visit

# Tags the Tab walk must reach; everything else focusable is reported too.
FOCUSABLE = (
    "a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, "
    "iframe, [tabindex], [contenteditable]:not([contenteditable=false])"
)

MARK_FOCUSABLE = """(selector) => {
    const shown = (el) => el.getClientRects().length > 0
        && el.checkVisibility({visibilityProperty: true, opacityProperty: false});
    const focusable = [...document.querySelectorAll(selector)].filter(
        (el) => !el.disabled && el.tabIndex >= 0 && !el.closest("[inert]") && shown(el)
    );
    focusable.forEach((el, index) => el.setAttribute("data-tab-index", String(index)));
    return focusable.map((el) => el.outerHTML.slice(0, 120));
}"""

# What has focus, and whether it (or, as for an expander's summary, its text
# inside) is drawn with a visible focus indicator: an outline or a box shadow
# that is not none, not zero-sized and not transparent.
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const opaque = (colour) => {
        const parts = colour.match(/rgba?\\(([^)]*)\\)/);
        if (!parts) return colour !== "transparent";
        const values = parts[1].split(/[\\s,/]+/).filter(Boolean);
        return values.length < 4 || parseFloat(values[3]) > 0;
    };
    const shadowLayers = (value) => value === "none" ? [] : value.split(/,(?![^(]*\\))/);
    const shadowShows = (layer) => {
        const colour = (layer.match(/rgba?\\([^)]*\\)/) || ["rgb(0, 0, 0)"])[0];
        const lengths = layer.replace(/rgba?\\([^)]*\\)/, "").match(/-?[\\d.]+px/g) || [];
        return opaque(colour) && lengths.some((length) => parseFloat(length) !== 0);
    };
    const indicator = (node) => {
        const style = getComputedStyle(node);
        if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && opaque(style.outlineColor)) {
            return `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`;
        }
        if (shadowLayers(style.boxShadow).some(shadowShows)) return `box-shadow ${style.boxShadow}`;
        return null;
    };
    const nodes = [el, ...el.querySelectorAll("*")];
    const found = nodes.map(indicator).find(Boolean) || null;
    return {
        index: el.getAttribute("data-tab-index"),
        html: el.outerHTML.slice(0, 120),
        indicator: found,
    };
}"""


def test_first_tab_focuses_skip_link_which_moves_focus_to_main_content(site, page):
    visit(page, site, PAGES[0])
    page.keyboard.press("Tab")
    skip_link = page.locator("a.nhsuk-skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_have_attribute("href", "#maincontent")
    expect(skip_link).to_be_in_viewport()  # shown once focused
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'maincontent'")
    assert page.evaluate("() => document.activeElement.tagName") == "MAIN"


def test_tab_reaches_every_control_on_faq_page_with_a_visible_focus_indicator(site, page):
    visit(page, site, replace(FAQ, open_answer=False))
    # Open one answer without a click (a click would move where Tab starts from),
    # so the link inside an answer is among the controls too.
    page.locator(ANSWER_SUMMARY).first.evaluate("(summary) => { summary.parentElement.open = true; }")
    expected = page.evaluate(MARK_FOCUSABLE, FOCUSABLE)
    assert len(expected) > 20, "the FAQ page should have many questions to tab through"

    visited, unknown, no_indicator = [], [], []
    for _ in range(len(expected) + 20):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:  # focus has left the page after the last control
            break
        if focused["index"] is None:
            unknown.append(focused["html"])
        elif int(focused["index"]) in visited:
            break  # wrapped round to the start
        else:
            visited.append(int(focused["index"]))
        if focused["indicator"] is None:
            no_indicator.append(focused["html"])

    missed = [expected[i] for i in range(len(expected)) if i not in visited]
    assert not missed, f"Tab never reached {len(missed)} of {len(expected)} controls:\n" + "\n".join(missed)
    assert visited == sorted(visited), "Tab order does not follow the page order"
    assert not unknown, "Tab focused elements that do not look focusable:\n" + "\n".join(unknown)
    assert not no_indicator, "No visible focus indicator on:\n" + "\n".join(no_indicator)


def test_faq_expander_opens_with_enter_and_toggles_with_space(site, page):
    visit(page, site, replace(FAQ, open_answer=False))
    summary = page.locator(ANSWER_SUMMARY).first
    details = summary.locator("xpath=..")
    answer = details.locator(".nhsuk-details__text")
    expect(details).not_to_have_attribute("open", "")
    expect(answer).to_be_hidden()

    summary.focus()
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    expect(answer).to_be_visible()

    page.keyboard.press("Space")
    expect(details).not_to_have_attribute("open", "")
    expect(answer).to_be_hidden()

    page.keyboard.press("Space")
    expect(details).to_have_attribute("open", "")
    expect(answer).to_be_visible()
    expect(summary).to_be_focused()
