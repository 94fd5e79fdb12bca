"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

- One Chromium for all the tests here (`browser`); every test gets a fresh
  context, so cookies, cache and settings never leak between tests.
- The live server runs the real site with the demo content from content/ loaded
  by `load_content`. Live-server tests are transactional (the server thread
  reads over its own connection), so the tables are emptied after every test;
  `site` loads the content for the first test and, for the rest, copies the
  loaded rows back with PostgreSQL COPY, which is far quicker than loading again.
- The site's Content-Security-Policy stays on in every test, so they prove the
  site works under it. axe-core is run with `page.evaluate` of the vendored
  file, which the CSP does not apply to (an injected <script> tag would be blocked).
- Artifacts (screenshots, page weight) go to test-artifacts/ (git-ignored).

Run: .venv/bin/python -m pytest tests/browser -q
"""

import io
import os
import shutil
import warnings
from pathlib import Path

import pytest

from .support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DESKTOP, HERE, SCREENSHOTS

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def pytest_collection_modifyitems(config, items):
    """Run every browser test in one process (with `pytest -n 2 --dist loadgroup`): they
    share one Chromium, one loaded-content snapshot and the screenshots folder.
    Without Chromium, skip them all (`make browser` installs it)."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.xdist_group("browser"))
    if CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK):
        return
    skip = pytest.mark.skip(
        reason=f"Chromium is not installed at {CHROMIUM}: run `make browser` "
        "(or apt-get install chromium) to run the browser tests"
    )
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def artifacts():
    """test-artifacts/ (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def screenshots(artifacts):
    """test-artifacts/screenshots/, emptied once per run by the tests that fill it."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir()
    return SCREENSHOTS


@pytest.fixture(scope="package")
def browser():
    """Chromium, for the tests in this package.

    Playwright's sync API keeps an asyncio event loop running in this thread,
    so Django refuses ORM calls from it (SynchronousOnlyOperation) unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set; the tests use the ORM only between
    browser steps. The variable is set only while Playwright runs, not for the
    whole session: subprocesses inherit it, and `manage.py check --deploy`
    (tests/test_project.py) rightly fails when it is set.
    """
    from playwright.sync_api import sync_playwright

    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


class ContentSnapshot:
    """The rows of the content apps (the demo content `load_content` wrote and the
    synonyms a migration seeds), kept in memory and copied back after each flush.

    Django's TransactionTestCase empties every table after a test (TRUNCATE,
    without resetting sequences, so ids created later never clash). Generated
    columns (the search vectors) are left out of the copy: PostgreSQL computes
    them again on the way in.
    """

    APPS = ["sources", "glossary", "articles", "faq", "search", "pages", "contentfiles"]

    def __init__(self, connection):
        from django.apps import apps

        tables = [
            model._meta.db_table
            for label in self.APPS
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
        ]
        self.tables = {}
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE table_schema = current_schema() AND table_name = %s"
                    " AND is_generated = 'NEVER' ORDER BY ordinal_position",
                    [table],
                )
                columns = ", ".join(connection.ops.quote_name(c) for (c,) in cursor.fetchall())
                data = io.StringIO()
                cursor.cursor.copy_expert(
                    f"COPY {connection.ops.quote_name(table)} ({columns}) TO STDOUT", data
                )
                if data.tell():
                    self.tables[table] = (columns, data.getvalue())

    def restore(self, connection):
        from django.db import transaction

        with transaction.atomic(), connection.cursor() as cursor, connection.wrap_database_errors:
            # Rows go back in any order: foreign keys are checked at commit.
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table, (columns, data) in self.tables.items():
                cursor.cursor.copy_expert(
                    f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN", io.StringIO(data)
                )


@pytest.fixture(scope="session")
def _content_snapshot():
    """Filled by the first test that asks for `site`."""
    return {}


def _load_content():
    from django.core.management import call_command

    call_command("load_content", stdout=io.StringIO())


@pytest.fixture
def site(live_server, _content_snapshot):
    """The live site's base URL, with the demo content loaded (and committed)."""
    from django.core.management.base import CommandError
    from django.db import DatabaseError, connection

    if "error" in _content_snapshot:
        pytest.fail(_content_snapshot["error"], pytrace=False)
    snapshot = _content_snapshot.get("snapshot")
    if snapshot is not None:
        try:
            snapshot.restore(connection)
            return live_server.url
        except DatabaseError as error:  # say, a new model the snapshot does not cover
            warnings.warn(f"Could not copy the content back ({error}); loading it again.")
            _content_snapshot["snapshot"] = None
    try:
        _load_content()
    except CommandError as error:
        # Say it once, plainly, rather than loading again for every test.
        _content_snapshot["error"] = f"The demo content in content/ does not load: {error}"
        pytest.fail(_content_snapshot["error"], pytrace=False)
    if "snapshot" not in _content_snapshot:
        _content_snapshot["snapshot"] = ContentSnapshot(connection)
    return live_server.url


def _new_context(browser, **options):
    options.setdefault("viewport", DESKTOP)
    options.setdefault("locale", "en-GB")
    options.setdefault("reduced_motion", "reduce")
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def new_context(browser):
    """Make browser contexts (closed after the test): new_context(viewport=..., java_script_enabled=...)."""
    contexts = []

    def make(**options):
        context = _new_context(browser, **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A desktop-sized page with JavaScript on and the site's CSP enforced."""
    return new_context().new_page()
