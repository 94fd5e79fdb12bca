"""Reading age and content checks shown to editors. They advise; they never block."""

import re
from dataclasses import dataclass, field
from html import unescape

import textstat

from hemed.markdown import render

LONG_SENTENCE = 20  # words
MAX_SUMMARY = 200   # characters a summary should stay under (the field allows 300)

_BLOCK = re.compile(r"<(p|li|h[2-6]|td|th)\b[^>]*>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_CITATION = re.compile(r'<sup class="hemed-cite">.*?</sup>', re.S)


def plain_sentences(markdown_text):
    """The text as a reader meets it; each heading, list item and paragraph ends a sentence."""
    blocks = []
    # Citation numbers ("Source 1") are not words a reader reads.
    html = _CITATION.sub("", render(markdown_text).html)
    for _, inner in _BLOCK.findall(html):
        text = " ".join(unescape(_TAG.sub(" ", re.split(r"<(?:ul|ol|p)\b", inner)[0])).split())
        if text:
            blocks.append(text if text[-1] in ".!?:" else text + ".")
    return " ".join(blocks)


@dataclass
class Reading:
    grade: float
    ease: float
    words: int
    sentences: int
    average_sentence: float
    long_sentences: int
    unexplained: list = field(default_factory=list)


def _forms(phrase):
    """A glossary phrase and its plural, so "antibody" also explains "antibodies"."""
    plural = phrase[:-1] + "ies" if phrase.endswith("y") else phrase + "s"
    return {phrase, plural}


def words_to_explain():
    """The medical words editors keep in the admin (WordToExplain)."""
    # Imported here: the render worker (hemed.bounded) imports this module without Django.
    from .models import WordToExplain

    return list(WordToExplain.objects.values_list("word", flat=True))


def reading(markdown_text, glossary_phrases=(), words_to_check=None):
    """Reading age of the text, and which of `words_to_check` (by default the editors'
    list of medical words) it uses without the glossary explaining them."""
    if words_to_check is None:
        words_to_check = words_to_explain()
    text = plain_sentences(markdown_text)
    sentences = [s for s in re.split(r"(?<=[.!?:])\s+", text) if s.strip()]
    words = len(text.split())
    known = {form for phrase in glossary_phrases for form in _forms(phrase.lower())}
    unexplained = sorted({
        word for word in words_to_check
        if word.lower() not in known and re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.I)
    }, key=str.lower)
    return Reading(
        grade=round(textstat.flesch_kincaid_grade(text), 1) if words else 0.0,
        ease=round(textstat.flesch_reading_ease(text), 1) if words else 0.0,
        words=words,
        sentences=len(sentences),
        average_sentence=round(words / len(sentences), 1) if sentences else 0.0,
        long_sentences=sum(1 for s in sentences if len(s.split()) > LONG_SENTENCE),
        unexplained=unexplained,
    )


def warnings(markdown_text, summary=None, references=None):
    """Things to put right before publishing, in plain words.

    summary and references are checked only when given; references may be the page's
    reference rows or how many there are."""
    found = []
    if references is not None and not references:
        found.append("There are no references: list the sources of the facts on this page.")
    if summary is not None:
        if not summary.strip():
            found.append("The summary is missing.")
        elif len(summary) > MAX_SUMMARY:
            found.append(f"The summary is {len(summary)} characters: keep it under {MAX_SUMMARY}.")
    if re.search(r"!\[\s*\]\(", markdown_text) or re.search(r"<img(?![^>]*\balt=\"[^\"]+\")", markdown_text):
        found.append("An image has no alt text: describe it in the square brackets, ![like this](…).")
    if re.search(r"\]\(\s*http://", markdown_text, re.I) or re.search(r"(?<![\w/])http://", markdown_text):
        found.append("A link uses http:, which is not secure: use https: if the site has it.")
    levels = [len(m.group(1)) for m in re.finditer(r"(?m)^(#{1,6})\s", markdown_text)]
    previous = 1
    for level in levels:
        if level > previous + 1:
            found.append(f"Headings skip a level (a level-{level} heading follows level {previous}): "
                         "use ## for sections and ### inside them.")
            break
        previous = max(level, 2) if level == 1 else level
    return found
