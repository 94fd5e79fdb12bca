from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from editorial.views import keep_private, visible_to
from hemed.markdown import plain_text
from sources.models import reference_list

from .models import Category, Question


@require_safe
def index(request):
    """All published questions, by category. A search goes to the site search, questions only."""
    query = request.GET.get("q")
    if query is not None:
        return redirect(f"{reverse('search:results')}?{urlencode({'q': query, 'type': 'faq'})}")
    categories = [
        category
        for category in Category.objects.prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.published().order_by("order", "question"),
                to_attr="published_questions",
            )
        )
        if category.published_questions
    ]
    return render(
        request,
        "faq/index.html",
        {
            "categories": categories,
            "questions": [question for category in categories for question in category.published_questions],
            "structured_data": faq_page(categories),
        },
    )


@require_safe
def question_detail(request, slug):
    question = get_object_or_404(Question.objects.select_related("category", "reviewed_by__reviewer_profile"), slug=slug)
    if not visible_to(request.user, question):
        raise Http404("No such question.")
    response = render(
        request,
        "faq/question_detail.html",
        {
            "question": question,
            "related_articles": question.related_articles.published(),
            "references": reference_list(question),
            "breadcrumbs": [(reverse("faq:index"), "Questions and answers")],
        },
    )
    return response if question.is_published else keep_private(response)


def faq_page(categories):
    """schema.org FAQPage listing every published question with its answer."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question.question,
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(question.answer_html)},
            }
            for category in categories
            for question in category.published_questions
        ],
    }
