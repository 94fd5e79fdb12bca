"""The feedback forms post here: a plain form POST with a CSRF token, no JavaScript needed.

A note is saved with its page and the day only. Each client may send a few an hour: the
limit is counted in the cache under a hash of the address, which is never stored.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from articles.models import Article
from faq.models import Question
from hemed.clients import over_limit

from .forms import HelpfulForm, ProblemForm
from .models import Feedback

# The pages readers can comment on, by the name their form posts to.
PAGE_MODELS = {"article": Article, "question": Question}
FORMS = {"helpful": HelpfulForm, "problem": ProblemForm}
RATE = "10/h"


def published_page(kind, pk):
    model = PAGE_MODELS.get(kind)
    page = model.objects.published().filter(pk=pk).first() if model else None
    if page is None:
        raise Http404("No such page.")
    return page


@require_POST
def send(request, kind, pk, form_name):
    page = published_page(kind, pk)
    if form_name not in FORMS:
        raise Http404("No such form.")
    form = FORMS[form_name](request.POST)
    context = {"page": page, "kind": kind, "form": form, "form_name": form_name}
    if not form.is_valid():
        return render(request, "feedback/send.html", context, status=400)
    if over_limit(request, "feedback", RATE):
        # The reader's words are shown again, so nothing they wrote is lost.
        return render(request, "feedback/send.html", {**context, "too_many": True}, status=429)
    Feedback.objects.create(page=page, kind=form.kind(), comment=form.cleaned_data["comment"])
    return redirect(f"{page.get_absolute_url()}?feedback=thanks#feedback", permanent=False)
