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


def with_published_questions(categories, questions):
    """The categories that have published questions, each with them in `published_questions`."""
    return [
        category
        for category in categories.prefetch_related(
            Prefetch("questions", queryset=questions.order_by("order", "question"), to_attr="published_questions")
        )
        if category.published_questions
    ]


@require_safe
def index(request):
    """Every published question, by category, each linking to its answer. The answers are on
    the category pages and the answer pages, so this page stays small however many there are.
    A search goes to the site search, questions only."""
    query = request.GET.get("q")
    if query is not None:
        return redirect(f"{reverse('search:results')}?{urlencode({'q': query, 'type': 'faq'})}")
    questions = Question.objects.published().only("slug", "question", "category_id", "order", "demo")
    categories = with_published_questions(Category.objects.all(), questions)
    return render(request, "faq/index.html", {
        "categories": categories,
        "questions": [question for category in categories for question in category.published_questions],
    })


@require_safe
def category(request, slug):
    """One category's questions with their answers (as expanders), and its FAQPage data."""
    found = with_published_questions(Category.objects.filter(slug=slug), Question.objects.published())
    if not found:
        raise Http404("No such category.")
    category = found[0]
    return render(request, "faq/category.html", {
        "category": category,
        "questions": category.published_questions,
        "breadcrumbs": [(reverse("faq:index"), "Questions and answers")],
        "structured_data": faq_page([category]),
    })


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
            "breadcrumbs": [(reverse("faq:index"), "Questions and answers"),
                            (question.category.get_absolute_url(), question.category.name)],
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
