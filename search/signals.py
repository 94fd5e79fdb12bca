from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Article
from faq.models import Question
from glossary.models import Term

from . import vocabulary
from .engine import forget_synonyms
from .models import SynonymGroup

post_save.connect(forget_synonyms, sender=SynonymGroup, dispatch_uid="forget_synonyms_saved")
post_delete.connect(forget_synonyms, sender=SynonymGroup, dispatch_uid="forget_synonyms_deleted")


@receiver(post_save, sender=Article)
@receiver(post_save, sender=Question)
@receiver(post_save, sender=Term)
def add_page_words(sender, instance, **kwargs):
    pk = instance.pk
    transaction.on_commit(lambda: vocabulary.add_words(sender, pk))
