"""Excerpts for the results shown: the sentences with the matched words, marked.

PostgreSQL finds the matches (ts_headline with HighlightAll, so stemming and synonyms
mark exactly what the search matched); choosing what to show happens here, in Python:
the sentence with the most of the query's words, then the sentences around it while
they fit in EXCERPT_CHARACTERS. A sentence too long to fit is cut around its first
match at word boundaries, and every cut is shown with an ellipsis. The text is plain
(no markup from the page) and escaped before the <mark>s are added.
"""

import html
import re

from django.db import connection
from django.utils.safestring import mark_safe

from hemed.pagecache import data_key, keep, kept
from hemed.search_config import SEARCH_CONFIG

from . import retrieval
from .kinds import KINDS
from .query import phrase
from .text import clean

EXCERPT_CHARACTERS = 240   # about 40 words: two or three short sentences
BEFORE_MATCH = 60          # characters kept before the first match when a sentence is cut
# Markers for ts_headline that cannot occur in text: control characters are
# removed from content before it is highlighted.
START, STOP = "\x02", "\x03"
ELLIPSIS = "…"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_MARKED = re.compile(f"{START}(.*?){STOP}")


def add(results, parsed):
    """Set `excerpt` and `matched` on each result (one page of them)."""
    if not results or parsed.is_empty:
        return
    texts = _texts_and_variants(results, parsed)
    headlines = _highlight([texts[r.key][0] for r in results], [r.partial for r in results], parsed)
    for result, marked in zip(results, headlines):
        result.excerpt = render(choose(marked))
        result.matched = texts[result.key][1]


def _texts_and_variants(results, parsed):
    """{key: (plain text, [(typed, variant) that matched where the typed words did not])}, one query."""
    expanded = [(u, alt) for u in parsed.positive for alt in u.alternatives + u.narrower]
    # A page's text without markup changes only when the page does: kept under the
    # content version (reading a long article's HTML costs more than the search).
    prefix = data_key("excerpt-text")
    texts = {r.key: kept(f"{prefix}:{r.kind}:{r.item.pk}") for r in results}
    found = {}
    for row in _rows(texts, expanded):
        key = (row["kind"], row["pk"])
        text = texts[key]
        if text is None:
            kind = KINDS[row["kind"]]
            text = clean(kind.excerpt_text(dict(zip(kind.excerpt_from, row["fields"]))))
            keep(f"{prefix}:{row['kind']}:{row['pk']}", text)
        matched = [(unit.text, alt) for i, (unit, alt) in enumerate(expanded) if row[f"m{i}"] and not row[f"t{i}"]]
        found[key] = (text, matched)
    return found


def _rows(texts, expanded):
    """For each page of `texts` ({key: text or None}): its kind, pk, the fields its text is made
    from if the text is not known yet, and for each (unit, variant) whether the page has the
    variant (m0, m1, ...) and the unit as typed (t0, t1, ...)."""
    pairs = [(phrase(alt), phrase(unit.text)) for unit, alt in expanded]
    parts = []
    for name, kind in KINDS.items():
        ids = [pk for kind_name, pk in texts if kind_name == name]
        if not ids:
            continue
        columns = retrieval.columns(kind)
        fields = "NULL::text[]"
        if any(texts[(name, pk)] is None for pk in ids):
            fields = "ARRAY[{}]::text[]".format(", ".join(
                f"{columns.table}.{connection.ops.quote_name(kind.model._meta.get_field(field).column)}"
                for field in kind.excerpt_from))
        select, check_params = [f"%s::text AS kind, {columns.pk} AS pk, {fields} AS fields"], []
        for i, (variant, typed) in enumerate(pairs):
            select += [f"{columns.vector} @@ {variant.sql} AS m{i}", f"{columns.vector} @@ {typed.sql} AS t{i}"]
            check_params += [*variant.params, *typed.params]
        parts.append((f"SELECT {', '.join(select)} FROM {columns.table} WHERE {columns.pk} = ANY(%s)",
                      [name, *check_params, ids]))
    return retrieval.run(parts)


def _highlight(texts, partial, parsed):
    """Each text whole, with every match between START and STOP; pages with only some words, for those."""
    every, some = parsed.tsquery(), parsed.loose_tsquery()
    every_sql, every_params, some_sql, some_params = every.sql, every.params, some.sql, some.params
    options = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
    sql = (
        f"SELECT CASE WHEN p THEN ts_headline(%s::regconfig, t, {some_sql}, %s) "
        f"ELSE ts_headline(%s::regconfig, t, {every_sql}, %s) END "
        "FROM unnest(%s::text[], %s::boolean[]) WITH ORDINALITY AS u(t, p, n) ORDER BY n"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [SEARCH_CONFIG, *some_params, options, SEARCH_CONFIG, *every_params, options,
                             texts, partial])
        return [row[0] or "" for row in cursor.fetchall()]


def _visible(text):
    return len(text.replace(START, "").replace(STOP, ""))


def _matches(text):
    return {match.lower() for match in _MARKED.findall(text)}


def choose(marked):
    """The excerpt of a marked text: whole sentences around the best one, or a cut one, with ellipses."""
    sentences = [s for s in _SENTENCE_END.split(marked.strip()) if s]
    if not sentences:
        return ""
    best = max(range(len(sentences)), key=lambda i: (len(_matches(sentences[i])), -i))
    if _visible(sentences[best]) > EXCERPT_CHARACTERS:
        return _cut(sentences[best], leading=True)
    first = last = best
    size = _visible(sentences[best])
    while True:
        if last + 1 < len(sentences) and size + 1 + _visible(sentences[last + 1]) <= EXCERPT_CHARACTERS:
            last += 1
            size += 1 + _visible(sentences[last])
        elif first > 0 and size + 1 + _visible(sentences[first - 1]) <= EXCERPT_CHARACTERS:
            first -= 1
            size += 1 + _visible(sentences[first])
        else:
            break
    text = " ".join(sentences[first:last + 1])
    if last + 1 < len(sentences):
        text += f" {ELLIPSIS}"
    return f"{ELLIPSIS} {text}" if first > 0 else text


def _cut(sentence, leading):
    """A window of a long sentence around its first match, cut between words."""
    words = sentence.split(" ")
    first_match = next((i for i, w in enumerate(words) if START in w), 0)
    start = first_match
    kept_before = 0
    while start > 0 and kept_before + _visible(words[start - 1]) + 1 <= BEFORE_MATCH:
        start -= 1
        kept_before += _visible(words[start]) + 1
    end, size = start, 0
    while end < len(words) and size + _visible(words[end]) + 1 <= EXCERPT_CHARACTERS:
        size += _visible(words[end]) + 1
        end += 1
    end = max(end, first_match + 1)
    text = " ".join(words[start:end])
    if end < len(words):
        text = text.rstrip(",;:") + f" {ELLIPSIS}"
    return f"{ELLIPSIS} {text}" if start > 0 and leading else text


def render(marked):
    """Safe HTML: the text escaped, then <mark> around the matches."""
    escaped = html.escape(marked)
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))
