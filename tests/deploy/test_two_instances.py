"""Two app servers, one database, one cache (Redis): a change made anywhere is served
fresh by both at once, and a page cached by both is invalidated on both."""

import datetime
import subprocess

import pytest

from articles.models import Article
from editorial import workflow

from .conftest import ROOT, free_port, get, wait_until_up


@pytest.fixture
def instances(server_env, tmp_path):
    ports = [free_port(), free_port()]
    logs = [tmp_path / f"gunicorn-{port}.log" for port in ports]
    servers = [subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py", "hemed.wsgi"],
                                cwd=ROOT, env={**server_env, "BIND": f"127.0.0.1:{port}"},
                                stdout=log.open("w"), stderr=subprocess.STDOUT)
               for port, log in zip(ports, logs)]
    try:
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url, server, log in zip(urls, servers, logs):
            wait_until_up(f"{url}/healthz")
            assert server.poll() is None, log.read_text()
        yield urls
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def test_an_approval_is_served_fresh_by_both_instances_at_once(instances, shared_cache, editor, reviewer):
    a, b = instances
    page = "/articles/what-is-hemgenix/"
    for url in (a, b):
        get(url + page)
        status, headers, _ = get(url + page)
        assert status == 200 and headers["X-Page-Cache"] == "hit", (url, status, dict(headers))
    assert get(a + "/healthz")[2] == b'{"status": "ok", "database": "ok", "cache": "ok"}'

    article = Article.objects.get(slug="what-is-hemgenix")
    draft = workflow.start_new_version(article, editor)
    draft.body += "\nA sentence a reviewer has just approved.\n"
    draft.save()
    revision = workflow.submit(draft, editor)
    workflow.approve(draft, reviewer, revision_id=revision.pk, content_hash=revision.content_hash,
                     next_review_due=datetime.date.today() + datetime.timedelta(days=365))

    for url in (b, a):
        status, headers, body = get(url + page)
        assert status == 200 and b"A sentence a reviewer has just approved." in body, url
        assert headers["X-Page-Cache"] == "miss"

    a_synonym_edit_reaches_every_instance_at_once(a, b)


def a_synonym_edit_reaches_every_instance_at_once(a, b):
    """Search's lexicon is in the shared cache too (one test: the servers start once)."""
    from search.models import SynonymGroup

    assert b"No results" in get(a + "/search/?q=zogglewort")[2]
    SynonymGroup.objects.create(words="zogglewort, hemgenix", status="published")
    for url in (b, a):
        assert b"What is Hemgenix?" in get(url + "/search/?q=zogglewort")[2], url
