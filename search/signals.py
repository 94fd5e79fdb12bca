"""Keep what search keeps in step with what editors change.

Synonym groups, broader terms and pins are cached (lexicon.py, pins.py): a change
drops them. The "Did you mean" word list (vocabulary.py) is rebuilt once the change
is committed, whenever a page that is or was public is saved or deleted; a draft or a
page in review changes nothing the public can read, so it does not count.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from editorial.models import Status

from . import lexicon, pins, vocabulary
from .kinds import KINDS
from .models import Pin, SynonymGroup


def _lexicon_models():
    models = [SynonymGroup]
    try:
        models.append(apps.get_model("search", "BroaderTerm"))
    except LookupError:
        pass
    return models


for model in _lexicon_models():
    post_save.connect(lexicon.forget, sender=model, dispatch_uid=f"search_forget_{model.__name__}_saved")
    post_delete.connect(lexicon.forget, sender=model, dispatch_uid=f"search_forget_{model.__name__}_deleted")
post_save.connect(pins.forget, sender=Pin, dispatch_uid="search_forget_pins_saved")
post_delete.connect(pins.forget, sender=Pin, dispatch_uid="search_forget_pins_deleted")


class _RebuildWords:
    """A rebuild waiting for the transaction to commit."""

    done = False

    def __call__(self):
        self.done = True
        vocabulary.rebuild()


def rebuild_words_after_commit(sender, instance, **kwargs):
    """Rebuild the word list after this transaction, once however many pages it saves."""
    deleted = "created" not in kwargs
    if not deleted and instance.status not in (Status.PUBLISHED, Status.ARCHIVED):
        return
    connection = transaction.get_connection()
    if any(isinstance(callback, _RebuildWords) and not callback.done for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(_RebuildWords())


for kind in KINDS.values():
    post_save.connect(rebuild_words_after_commit, sender=kind.model, dispatch_uid=f"search_words_{kind.name}_saved")
    post_delete.connect(rebuild_words_after_commit, sender=kind.model,
                        dispatch_uid=f"search_words_{kind.name}_deleted")
