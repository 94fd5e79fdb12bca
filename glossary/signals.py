"""When the glossary changes, pages re-render so their term links stay right."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Term


@receiver(post_save, sender=Term)
@receiver(post_delete, sender=Term)
def relink_content(sender, **kwargs):
    from articles.models import Article
    from faq.models import Question

    glossary = Term.objects.for_linking()
    for model in (Article, Question):
        for item in model.objects.all():
            item.rerender(glossary)
