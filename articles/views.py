from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from editorial.views import keep_private, visible_to
from hemed.pagecache import from_content
from hemed.pagination import paginate
from sources.models import reference_list

from .models import Article, Topic

ARTICLES_PER_PAGE = 20
# Linked from the home page's first screen: the page a family needs on the day of a diagnosis.
PARENTS_GUIDE = "new-diagnosis-guide-for-parents"


@require_safe
def home(request):
    start_here = Article.objects.published().filter(featured=True).select_related("topic")[:6]
    return render(request, "articles/home.html", {
        "topics": Topic.objects.with_published(), "start_here": start_here,
        "parents_guide": Article.objects.published().filter(slug=PARENTS_GUIDE).first(),
    })


@require_safe
def article_list(request):
    articles = Article.objects.published().select_related("topic")
    page = paginate(request, articles, ARTICLES_PER_PAGE)
    return render(
        request, "articles/article_list.html", {"page": page}
    )


@require_safe
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    articles = topic.articles.published().order_by("order", "title")
    page = paginate(request, articles, ARTICLES_PER_PAGE)
    return render(
        request,
        "articles/topic_detail.html",
        {"topic": topic, "page": page},
    )


@require_safe
def article_detail(request, slug):
    # From the cache until content changes; neither the search index, the markdown nor the
    # reviewer's password hash is kept. The body's references and questions are read only
    # when the page's cached fragment is rebuilt.
    article = from_content(request, f"article:{slug}", lambda: (
        Article.objects.select_related("topic", "reviewed_by__reviewer_profile")
        .defer("search_vector", "body", "reviewed_by__password").filter(slug=slug).first()
    ))
    if article is None or not visible_to(request.user, article):
        raise Http404("No such article.")
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "references": SimpleLazyObject(lambda: reference_list(article)),
            "related_questions": SimpleLazyObject(lambda: list(article.related_questions.published())),
            "breadcrumbs": [(article.topic.get_absolute_url(), article.topic.name)],
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
        "audience": {"@type": "Audience", "audienceType": article.get_audience_display()},
        # Only a clinician's approval is a review; example content claims none.
        **({"lastReviewed": article.last_reviewed, "reviewedBy": reviewed_by(article)}
           if article.clinically_reviewed else {}),
        "about": {
            "@type": "MedicalCondition",
            "name": "Haemophilia B",
            "alternateName": ["Christmas disease", "Factor IX deficiency"],
        },
    }


def reviewed_by(item):
    """schema.org Person for the approving reviewer's profile, or the imported credit."""
    profile = getattr(item.reviewed_by, "reviewer_profile", None) if item.reviewed_by_id else None
    if profile is None:
        name, role = item.credited_reviewer
        return {"@type": "Person", "name": name, "jobTitle": role}
    person = {"@type": "Person", "name": profile.display_name, "jobTitle": profile.role}
    if profile.organisation:
        person["affiliation"] = {"@type": "Organization", "name": profile.organisation}
    return person
