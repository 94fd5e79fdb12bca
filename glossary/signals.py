"""When the glossary changes, pages re-render so their term links stay right."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from editorial.rendering import rerender_all

from .models import Term


@receiver(post_save, sender=Term)
@receiver(post_delete, sender=Term)
def relink_content(sender, instance, **kwargs):
    # Only published terms are linked, so a draft definition changes no page.
    if instance.status == "published" or kwargs.get("signal") is post_delete:
        rerender_all()
