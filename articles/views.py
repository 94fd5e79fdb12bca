from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from hemed.pagination import paginate
from hemed.publishing import Status, keep_private, visible_to
from search.forms import SiteSearchForm

from .models import Article, Topic

ARTICLES_PER_PAGE = 20


def home_crumb():
    return (reverse("home"), "Home")


@require_safe
def home(request):
    topics = Topic.objects.annotate(
        article_count=Count("articles", filter=Q(articles__status=Status.PUBLISHED))
    ).filter(article_count__gt=0).order_by("order", "name")  # GROUP BY drops Meta.ordering
    start_here = Article.objects.published().filter(featured=True).select_related("topic")[:6]
    return render(
        request,
        "articles/home.html",
        {"topics": topics, "start_here": start_here, "search_form": SiteSearchForm()},
    )


@require_safe
def article_list(request):
    articles = Article.objects.published().select_related("topic")
    page = paginate(request, articles, ARTICLES_PER_PAGE)
    return render(
        request, "articles/article_list.html", {"page": page, "breadcrumbs": [home_crumb()]}
    )


@require_safe
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    articles = topic.articles.published().order_by("order", "title")
    page = paginate(request, articles, ARTICLES_PER_PAGE)
    return render(
        request,
        "articles/topic_detail.html",
        {"topic": topic, "page": page, "breadcrumbs": [home_crumb()]},
    )


@require_safe
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.select_related("topic"), slug=slug)
    if not visible_to(request.user, article):
        raise Http404("No such article.")
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "references": article.references.all(),
            "related_questions": article.related_questions.published(),
            "breadcrumbs": [
                home_crumb(),
                (article.topic.get_absolute_url(), article.topic.name),
            ],
            "structured_data": medical_web_page(request, article),
        },
    )
    return response if article.is_published else keep_private(response)


def medical_web_page(request, article):
    """schema.org MedicalWebPage: what the page is about and who reviewed it when."""
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "description": article.summary,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "inLanguage": "en-GB",
        "datePublished": article.published_at,
        "dateModified": article.updated_at,
        "lastReviewed": article.last_reviewed,
        "reviewedBy": {
            "@type": "Person",
            "name": article.reviewer_name,
            "jobTitle": article.reviewer_role,
        },
        "audience": {"@type": "Audience", "audienceType": article.get_audience_display()},
        "about": {
            "@type": "MedicalCondition",
            "name": "Haemophilia B",
            "alternateName": ["Christmas disease", "Factor IX deficiency"],
        },
    }
