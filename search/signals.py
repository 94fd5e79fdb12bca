from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import Article
from faq.models import Question
from glossary.models import Term

from . import vocabulary


@receiver(post_save, sender=Article)
@receiver(post_save, sender=Question)
@receiver(post_save, sender=Term)
def add_page_words(sender, instance, **kwargs):
    table, pk = sender._meta.db_table, instance.pk
    transaction.on_commit(lambda: vocabulary.add_words(table, pk))
