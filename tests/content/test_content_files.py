"""The seed content is sourced, readable, dated and complete.

Run on the files in content/, so a writer can check a page before it is loaded:
    .venv/bin/python -m pytest tests/content -q
"""

import datetime
import re

import pytest
import textstat

from .seed import CONTENT, answers, articles, categories, glossary, sources, topics

MAX_GRADE = 8.0
THREE_YEARS = datetime.timedelta(days=3 * 366)


def test_there_is_enough_content():
    assert len(articles()) >= 14
    assert len({a.meta["topic"] for a in articles()}) >= 4
    assert len(answers()) >= 70
    assert len(categories()) >= 7
    assert len(glossary()) >= 40


def test_source_registry_entries_are_complete():
    for source_id, source in sources().items():
        assert re.fullmatch(r"S\d+", source_id), source_id
        assert source.get("title") and source.get("publisher"), source_id
        assert "url" in source and "date" in source, source_id


def test_every_article_cites_known_sources():
    problems = []
    for article in articles():
        if not article.references:
            problems.append(f"{article.name} cites no source")
        problems += [f"{article.name} cites unknown {s}" for s in article.references if s not in sources()]
    assert not problems, "\n".join(problems)


def test_answers_with_figures_cite_known_sources():
    problems = []
    for answer in answers():
        if re.search(r"\d", answer.markdown) and not answer.references:
            problems.append(f"{answer.name} gives a figure but cites no source")
        problems += [f"{answer.name} cites unknown {s}" for s in answer.references if s not in sources()]
    assert not problems, "\n".join(problems)


def test_everything_reads_at_grade_eight_or_lower():
    too_hard = []
    for piece in articles() + answers():
        if piece.meta.get("audience", "patients") == "clinicians":
            continue
        grade = textstat.flesch_kincaid_grade(piece.plain_text)
        if grade > MAX_GRADE:
            too_hard.append(f"{piece.name}: grade {grade:.1f}")
    assert not too_hard, "Rewrite in shorter sentences and commoner words:\n" + "\n".join(too_hard)


@pytest.mark.parametrize("article", articles(), ids=lambda a: a.slug)
def test_article_has_honest_review_details_summary_and_help(article):
    meta = article.meta
    assert meta["topic"] in topics()
    if meta.get("demo"):
        # Example content claims no review that did not happen.
        assert not meta.get("reviewer") and "last_reviewed" not in meta and "next_review_due" not in meta
    else:
        assert meta["reviewer"]["name"].strip() and meta["reviewer"]["role"].strip()
        last, due = meta["last_reviewed"], meta["next_review_due"]
        assert isinstance(last, datetime.date) and isinstance(due, datetime.date)
        assert last < due <= last + THREE_YEARS
    summary = meta["summary"].strip()
    assert summary and len(summary) <= 300 and "\n\n" not in summary
    last_section = article.markdown.rsplit("\n## ", 1)[-1]
    assert "haemophilia centre" in last_section, "end by pointing to the haemophilia centre"
    if "bleed" in article.slug or "bleed" in meta["title"].lower():
        assert "999" in article.markdown, "articles about bleeds say when to call 999"


@pytest.mark.parametrize("piece", articles() + answers(), ids=lambda p: p.name)
def test_house_style(piece):
    text = piece.markdown
    assert "etanacogene" not in text.lower(), "the medicine is etranacogene dezaparvovec"
    prose = text.replace("World Federation of Hemophilia", "")  # a name keeps its spelling
    assert not re.search(r"\bhemophilia\b", prose, re.I), "UK spelling: haemophilia"
    assert not re.search(r"(?m)^# ", text), "the page title is the only level-1 heading"
    assert "<" not in text, "no raw HTML in content"


def test_slugs_are_unique_and_links_resolve():
    article_slugs = [a.slug for a in articles()]
    answer_slugs = [a.slug for a in answers()]
    assert len(set(article_slugs)) == len(article_slugs)
    assert len(set(answer_slugs)) == len(answer_slugs)
    for answer in answers():
        for slug in answer.meta.get("related_articles", []):
            assert slug in article_slugs, f"{answer.name} links to missing article {slug}"


def test_glossary_terms_are_short_and_unique():
    terms = glossary()
    names = [t["term"].lower() for t in terms]
    assert len(set(names)) == len(names)
    slugs = [t["slug"] for t in terms]
    assert len(set(slugs)) == len(slugs)
    for term in terms:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", term["definition"].strip()) if s]
        assert 1 <= len(sentences) <= 2, term["term"]


CITATION = re.compile(r"\[(S\d+(?:\s*,\s*S\d+)*)\]")
# Phrases from the one list of head-bleed signs (templates/includes/head_bleed_signs.html).
HEAD_BLEED_SIGNS = ["stiff neck", "double vision", "seeing double", "slurred", "weak face", "weakness in the face",
                    "high-pitched", "bulging", "floppy", "balance"]


@pytest.mark.parametrize("piece", articles() + answers(), ids=lambda p: p.name)
def test_inline_citations_name_sources_in_the_registry(piece):
    cited = {key.strip() for match in CITATION.finditer(piece.markdown) for key in match.group(1).split(",")}
    assert cited <= set(sources()), f"unknown sources {sorted(cited - set(sources()))}"


@pytest.mark.parametrize("piece", articles() + answers(), ids=lambda p: p.name)
def test_there_is_one_list_of_head_bleed_signs(piece):
    """Pages point to the list in the help box instead of keeping their own copy."""
    found = [sign for sign in HEAD_BLEED_SIGNS if sign in piece.markdown.lower()]
    assert len(found) < 3, f"a copy of the head-bleed signs ({found}): point to the help box instead"


@pytest.mark.parametrize("piece", articles() + answers(), ids=lambda p: p.name)
def test_painkiller_advice_is_do_not_and_cites_current_nhs_wording(piece):
    text = piece.markdown.lower()
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if re.search(r"aspirin|ibuprofen|painkiller", sentence):
            assert "take care" not in sentence and "careful" not in sentence, "painkillers: say do not"
    if "ibuprofen" in text:
        assert "do not take aspirin, ibuprofen" in text or "not to take aspirin, ibuprofen" in text
    assert "S86" not in piece.references and "[S86" not in piece.markdown, "S86 is out-of-date NHS text"


# Every figure is cited where it stands: in the same paragraph, list item or table row.

# The pack's only phone numbers: 999 and NHS 111 (it gives no other helpline number).
PHONE_NUMBERS = re.compile(r"(?<![\d.,])\b(?:999|111)\b(?![.,]?\d)")
INLINE_CITATION = re.compile(r"\[S\d+(?:(?:\s*,\s*|\s+)S\d+)*\]")  # as hemed.markdown reads them
NOT_FIGURES = [
    INLINE_CITATION,                # [S12], [S12, S15]
    re.compile(r"\]\([^)]*\)"),     # a link's address
    PHONE_NUMBERS,
    re.compile(r"\b[A-Z]{2,}-\d+\b"),        # a name such as COVID-19
    re.compile(r"[A-Za-z]\d[A-Za-z\d]*"),     # digits after letters in a name: AAV5, F9, AAVRh74var, TA989
]
HEADING = re.compile(r"^#{1,6}(?:\s|$)")
LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
TABLE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")


def blocks(markdown):
    """A page's paragraphs, list items and table rows, each as one line; headings left out."""
    found, current = [], []

    def end_block():
        if current:
            found.append(" ".join(current))
            current.clear()

    for line in markdown.splitlines():
        text = line.strip().lstrip(">").strip()
        if not text or HEADING.match(text):
            end_block()
        elif text.startswith("|"):
            end_block()
            if not TABLE_RULE.match(text):
                found.append(text)
        else:
            if LIST_MARKER.match(text):
                end_block()
                text = LIST_MARKER.sub("", text, count=1)
            current.append(text)
    end_block()
    return found


def has_figure(block):
    """A digit that is a figure: not a citation key, a link, 999 or 111, or part of a name like AAV5."""
    for pattern in NOT_FIGURES:
        block = pattern.sub(" ", block)
    return bool(re.search(r"\d", block))


def uncited_figures(markdown):
    """The blocks that give a figure but cite no source in that same block."""
    return [block for block in blocks(markdown) if has_figure(block) and not INLINE_CITATION.search(block)]


def test_the_figure_rule_reads_blocks_and_knows_what_a_figure_is():
    text = (
        "## Bleeds in 2024\n\n"
        "About 1 in 25,000 boys\nis born with it.\n\n"
        "About 1 in 25,000 boys\nis born with it [S47].\n\n"
        "1. Call 999 or NHS 111 if you are worried.\n"
        "2. Hemgenix uses AAV5 to carry the F9 gene; COVID-19 vaccines go into the muscle.\n"
        "- It cost £2.6 million [S34, S5].\n"
        "- Press for 2 minutes.\n\n"
        "See [the 2024 page](/articles/what-is-hemgenix/).\n\n"
        "| Factor IX level | Severity |\n|---|:---:|\n| Below 1% | Severe [S56] |\n| 1% to 5% | Moderate |\n"
    )
    assert blocks(text) == [
        "About 1 in 25,000 boys is born with it.",
        "About 1 in 25,000 boys is born with it [S47].",
        "Call 999 or NHS 111 if you are worried.",
        "Hemgenix uses AAV5 to carry the F9 gene; COVID-19 vaccines go into the muscle.",
        "It cost £2.6 million [S34, S5].",
        "Press for 2 minutes.",
        "See [the 2024 page](/articles/what-is-hemgenix/).",
        "| Factor IX level | Severity |",
        "| Below 1% | Severe [S56] |",
        "| 1% to 5% | Moderate |",
    ]
    assert uncited_figures(text) == [
        "About 1 in 25,000 boys is born with it.",
        "Press for 2 minutes.",
        "See [the 2024 page](/articles/what-is-hemgenix/).",
        "| 1% to 5% | Moderate |",
    ]
    assert not has_figure("Call 999 straight away. Ring NHS 111 for advice.")
    assert not has_figure("AAV5, AAVRh74var, TA989 and N9-GP are names [S12].")
    assert has_figure("Call 9999.") and has_figure("a 24-hour line") and has_figure("clots bigger than a 10p coin")


@pytest.mark.parametrize("piece", articles() + answers(), ids=lambda p: p.name)
def test_every_figure_is_cited_where_it_stands(piece):
    uncited = uncited_figures(piece.markdown)
    assert not uncited, (
        f"{len(uncited)} paragraph(s), list item(s) or table row(s) give a figure without a citation "
        "such as [S12] in the same block:\n" + "\n".join(f"  - {block[:80]}" for block in uncited)
    )


def never_shown():
    """Sources no page may cite: the registry keeps them, but not as published (for example S6, S8
    and S86, which the facts pack says must never be shown)."""
    return {key for key, source in sources().items() if source.get("status", "published") != "published"}


def test_sources_never_shown_are_not_cited():
    hidden = never_shown()
    assert {"S6", "S8", "S86"} <= hidden, "the facts pack says S6, S8 and S86 must never be shown: archive them"
    problems = []
    for piece in articles() + answers():
        inline = {key for match in INLINE_CITATION.finditer(piece.markdown) for key in re.findall(r"S\d+", match[0])}
        for key in sorted(inline & hidden):
            problems.append(f"{piece.name} cites {key} in its text")
        for key in sorted(set(piece.references) & hidden):
            problems.append(f"{piece.name} lists {key} in its references")
    assert not problems, "These sources must never be shown:\n" + "\n".join(problems)


NEW_ARTICLES = [
    "emergency-plan", "bleeding-disorder-card", "first-aid-for-bleeds-at-home", "pain-relief-and-medicines-to-avoid",
    "after-gene-therapy-a-practical-guide", "getting-gene-therapy-across-the-uk", "new-diagnosis-guide-for-parents",
    "periods-pregnancy-and-birth", "teenagers-and-haemophilia-b", "feelings-and-support",
    "questions-to-ask-about-gene-therapy",
]


def test_the_new_articles_exist():
    slugs = {article.slug for article in articles()}
    missing = [slug for slug in NEW_ARTICLES
               if slug not in slugs or not (CONTENT / "articles" / f"{slug}.md").is_file()]
    assert not missing, f"missing articles (content/articles/<slug>.md with that slug): {missing}"
