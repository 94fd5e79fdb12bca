import string
from itertools import groupby

from django.shortcuts import render
from django.views.decorators.http import require_safe

from .models import Term


@require_safe
def index(request):
    """Every term, A to Z, with an index of the letters that have terms."""
    groups = [(letter, list(terms)) for letter, terms in groupby(Term.objects.published(), lambda t: t.letter)]
    groups.sort(key=lambda group: group[0] == "#")  # terms starting with a digit go last
    present = {letter for letter, _ in groups}
    letters = [(letter, letter in present) for letter in string.ascii_uppercase]
    if "#" in present:
        letters.append(("#", True))
    return render(
        request,
        "glossary/index.html",
        {"groups": groups, "letters": letters},
    )
