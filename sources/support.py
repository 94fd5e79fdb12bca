"""What editors are told about the support for a page's figures: typed-in references, and
figures whose only support is a C-grade source."""

import re

from .models import Grade, Source

CITATION = re.compile(r"\[(S\d+(?:\s*,\s*S\d+)*)\]")
FIGURE = re.compile(r"\d")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n{2,}")


def reference_warnings(text, references):
    """Plain-language warnings for the editor. `references`: the page's reference rows."""
    found = []
    for number, reference in enumerate(references, start=1):
        if reference.source_id is None and (reference.title or "").strip():
            found.append(f"Reference {number} (“{reference.title}”) is typed in: pick it from the source "
                         "registry, or ask for it to be added, so it is graded and checked.")
    found += figure_warnings(text)
    cited = cited_keys(text)
    listed = [reference.source.grade for reference in references if reference.source_id]
    if FIGURE.search(CITATION.sub("", text or "")) and not cited and listed and all(g == Grade.C for g in listed):
        found.append("This page gives figures, and its only references are C-grade sources: cite a stronger one.")
    return found


def figure_warnings(text):
    """Sentences giving a figure whose only cited support is C-grade (checked as the editor types)."""
    found = []
    sentences = [s for s in SENTENCE_END.split(text or "") if s.strip()]
    grades = dict(Source.objects.published().filter(key__in=cited_keys(text)).values_list("key", "grade"))
    for sentence in sentences:
        keys = cited_keys(sentence)
        figures = FIGURE.search(CITATION.sub("", sentence))
        known = [key for key in keys if key in grades]
        if figures and known and all(grades[key] == Grade.C for key in known):
            found.append(f"“{_short(sentence)}” gives a figure supported only by a C-grade source "
                         f"({', '.join(known)}): cite a stronger one.")
    return found


def cited_keys(text):
    """The source keys a text cites as [S12] or [S12, S15], in order of first use."""
    keys = [key for match in CITATION.finditer(text or "") for key in re.split(r"\s*,\s*", match.group(1))]
    return list(dict.fromkeys(keys))


def _short(sentence, words=12):
    parts = CITATION.sub("", sentence).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
