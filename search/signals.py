from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Article
from faq.models import Question
from glossary.models import Term

from . import vocabulary


@receiver(post_save, sender=Article)
@receiver(post_save, sender=Question)
@receiver(post_save, sender=Term)
@receiver(post_delete, sender=Article)
@receiver(post_delete, sender=Question)
@receiver(post_delete, sender=Term)
def refresh_vocabulary(sender, **kwargs):
    vocabulary.rebuild_after_commit()
