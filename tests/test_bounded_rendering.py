"""Rendering editor text within a size and a time limit (hemed.bounded). No database."""

import os
import sys
import time

import pytest

from hemed.bounded import (
    MAX_MARKDOWN,
    MarkdownTooLong,
    RenderTooComplex,
    check_markdown,
    render_bounded,
    run_bounded,
)
from hemed.markdown import GlossaryLink, Rendered, render


def nested_list(levels, indent="  "):
    return "\n".join(indent * i + "- x" for i in range(levels))


# Each is under MAX_MARKDOWN and takes Python-Markdown from 4 s to minutes, or runs
# out of stack after seconds. (Nested with two spaces a level, a list 500 deep is
# already too long.)
PATHOLOGICAL = {
    "unmatched brackets": "[" * 20000,
    "brackets, emphasis, code and tags": "*[`<a " * 5000,
    "unfinished links": "[a](" * 5000,
    "a list nested 600 deep": nested_list(600, indent="\t"),
    "quotes nested 600 deep": "\n\n".join(">" * i + " x" for i in range(600)),
    "quotes in lists 600 deep": "\n".join("\t" * i + "- > x" for i in range(600)),
}

GLOSSARY = (
    GlossaryLink("/glossary/factor-ix/", "The clotting protein missing in haemophilia B.",
                 ("factor IX", "FIX")),
    GlossaryLink("/glossary/vector/", "The carrier that takes a gene into cells.", ("vector",)),
)

NORMAL = [
    "",
    "Hello **there**.",
    "# Title\n\nIntro with factor IX.\n\n## How it works\n\nA vector carries the gene; "
    "factor IX rises.\n\n## After\n\n- one\n- two\n    - nested\n\n> quoted\n",
    "| Test | When |\n|:--|--:|\n| ALT | weekly |\n\n### Do\n\n- drink water\n\n### Don't\n\n- skip tests\n",
    "A [link](https://example.org) and `code` and <script>alert(1)</script> <b>bold</b>.\n",
    nested_list(50),
    "Given once [S12], approved [S1, S12] [S999].\n\n### Do\n\n- rest [S1]\n    - nested\n",
]
SOURCES = {"S1", "S12"}


@pytest.mark.parametrize("text", NORMAL)
def test_gives_the_same_result_as_render(text):
    assert render_bounded(text, GLOSSARY) == render(text, GLOSSARY)
    assert render_bounded(text) == render(text)
    assert render_bounded(text, GLOSSARY, SOURCES) == render(text, GLOSSARY, SOURCES)


def test_none_renders_as_empty_text():
    assert render_bounded(None).html == ""


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_text_is_refused_quickly(name):
    start = time.monotonic()
    with pytest.raises(RenderTooComplex) as refused:
        render_bounded(PATHOLOGICAL[name], GLOSSARY)
    assert time.monotonic() - start < 2.0
    assert "too complex" in str(refused.value)
    assert "nested lists or unmatched brackets" in str(refused.value)


def test_a_normal_render_after_a_refusal_works_and_is_fast():
    with pytest.raises(RenderTooComplex):
        render_bounded("[" * 20000)
    render_bounded("warm up the new worker")
    start = time.monotonic()
    assert render_bounded("Hello **there**.").html == "<p>Hello <strong>there</strong>.</p>"
    assert time.monotonic() - start < 0.5


def test_the_worker_is_reused_between_renders():
    render_bounded("start the worker")
    first = run_bounded(os.getpid)
    for n in range(20):
        render_bounded(f"Paragraph {n}.")
    assert run_bounded(os.getpid) == first != os.getpid()


@pytest.mark.parametrize("text", ["[" * (MAX_MARKDOWN + 1), nested_list(2000)])
def test_over_long_text_is_refused_before_rendering(text):
    start = time.monotonic()
    with pytest.raises(MarkdownTooLong) as refused:
        render_bounded(text)
    assert time.monotonic() - start < 0.1
    assert "200,000 characters" in str(refused.value)
    assert isinstance(refused.value, RenderTooComplex) and isinstance(refused.value, ValueError)


def test_text_at_the_size_limit_is_accepted():
    paragraph = "Factor IX helps blood to clot. " * 30 + "\n\n"
    text = (paragraph * (MAX_MARKDOWN // len(paragraph) + 1))[:MAX_MARKDOWN]
    assert render_bounded(text, GLOSSARY).html == render(text, GLOSSARY).html


def test_check_markdown_returns_the_rendering_or_refuses():
    rendered = check_markdown("## Part\n\nfactor IX", GLOSSARY)
    assert isinstance(rendered, Rendered)
    assert rendered.contents == [{"id": "part", "name": "Part"}]
    assert 'href="/glossary/factor-ix/"' in rendered.html
    with pytest.raises(RenderTooComplex):
        check_markdown(PATHOLOGICAL["a list nested 600 deep"])
    with pytest.raises(MarkdownTooLong):
        check_markdown("x" * (MAX_MARKDOWN + 1))


def test_check_markdown_reports_the_keys_cited_that_are_not_sources():
    rendered = check_markdown("Once [S12]. Twice [S999, S1].", GLOSSARY, SOURCES)
    assert rendered.cited == ["S12", "S1"]
    assert rendered.unknown == ["S999"]
    assert check_markdown("Any [S999].").unknown == []


def _at_depth(frames, func, *args):
    if frames:
        return _at_depth(frames - 1, func, *args)
    return func(*args)


@pytest.mark.parametrize("levels", [300, 350, 380, 400, 450])
def test_text_the_worker_renders_also_renders_deep_in_a_request(levels):
    # A save renders in the web process, some 100-200 frames deep in Django.
    try:
        expected = render_bounded(nested_list(levels))
    except RenderTooComplex:
        return
    assert sys.getrecursionlimit() > 200
    assert _at_depth(200, render, nested_list(levels)) == expected


def test_errors_other_than_complexity_are_raised_as_they_are():
    # A bug shows as itself (a 500 with its traceback), not as text too complex.
    with pytest.raises(AttributeError):
        render_bounded("factor IX", [object()])
