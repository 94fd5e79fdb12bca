"""The main pages load cleanly under the site's Content-Security-Policy, and an
article stays light enough for a slow phone connection."""

import gzip

from .support import ARTICLE, PAGES, ProblemLog, visit

PAGE_WEIGHT_BUDGET = 120 * 1024  # bytes, gzip-compressed, everything the first load fetches (issue 14)


def test_main_pages_log_no_console_errors_or_csp_violations(site, page):
    log = ProblemLog(page)
    problems = []
    for site_page in PAGES:
        visit(page, site, site_page)  # after the load event and nhsuk-frontend's start
        problems += [f"{site_page.path}: {problem}" for problem in log.collect()]
        log.problems.clear()
    assert not problems, "\n".join(problems)


def test_article_first_load_is_under_120_kb_gzipped(site, page, artifacts):
    responses = []
    page.on("response", lambda response: responses.append(response))
    visit(page, site, ARTICLE)  # a fresh context: nothing cached
    page.wait_for_load_state("networkidle")

    rows, total = [], 0
    for response in responses:
        body = response.body()
        compressed = len(gzip.compress(body, compresslevel=6))
        total += compressed
        rows.append(f"{compressed:>8} {len(body):>8}  {response.request.resource_type:<10} "
                    f"{response.url.removeprefix(site)}")

    report = "\n".join([
        f"Page weight of {ARTICLE.path} on first load: {total} bytes ({total / 1024:.1f} KB) gzip -6 "
        f"of everything it fetched (HTML, CSS, JS, images, fonts); budget {PAGE_WEIGHT_BUDGET // 1024} KB.",
        "    gzip      raw  type       url",
        *rows,
    ])
    (artifacts / "page-weight.txt").write_text(report + "\n", encoding="utf-8")
    print(report)
    assert any(r.request.resource_type == "stylesheet" for r in responses), "no CSS was loaded"
    assert any(r.request.resource_type == "script" for r in responses), "no JavaScript was loaded"
    assert total < PAGE_WEIGHT_BUDGET, report
