"""The feedback forms post here: a plain form POST, no JavaScript needed.

Cross-site request forgery is stopped by checking where the post comes from (the
browser's Origin header, else its Referer): a form on another site cannot post here.
The pages carry no CSRF token, so an article or answer holds no per-visitor secret and
can be cached and compressed for everyone (see the performance issue; a token in a
compressed page is what the BREACH attack reads).

A note is saved with its page and the day only. Each client may send a few an hour: the
limit is counted in the cache under a hash of the address, which is never stored.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
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


def from_this_site(request):
    """The post comes from one of this site's pages (the Origin, else the Referer, names it)."""
    here = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return origin in here
    referer = urlsplit(request.headers.get("Referer", ""))
    return bool(referer.netloc) and f"{referer.scheme}://{referer.netloc}" in here


def published_page(kind, pk):
    model = PAGE_MODELS.get(kind)
    page = model.objects.published().filter(pk=pk).first() if model else None
    if page is None:
        raise Http404("No such page.")
    return page


@csrf_exempt  # checked by from_this_site() instead of a token
@require_POST
def send(request, kind, pk, form_name):
    if not from_this_site(request):
        return render(request, "feedback/refused.html", status=403)
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
