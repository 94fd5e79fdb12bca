"""axe-core (vendored, tests/browser/vendor/) finds no WCAG 2.2 A/AA violations.

Each page is also screenshotted here, full page, at desktop and phone widths
(test-artifacts/screenshots/), since it has just been loaded anyway.
"""

import pytest

from .support import AXE_TAGS, PAGE_IDS, PAGES, axe_violations, describe_violations, screenshot, visit


@pytest.mark.parametrize("site_page", PAGES, ids=PAGE_IDS)
def test_axe_finds_no_wcag_a_or_aa_violations(site, page, screenshots, site_page):
    visit(page, site, site_page)
    violations = axe_violations(page)
    screenshot(page, site_page, "desktop")
    screenshot(page, site_page, "phone")
    assert not violations, (
        f"axe-core ({', '.join(AXE_TAGS)}) found {len(violations)} violation(s) on "
        f"{site_page.path}:\n{describe_violations(violations)}"
    )
