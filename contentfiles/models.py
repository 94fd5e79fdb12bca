from django.db import models


class ImportRecord(models.Model):
    """What the last import wrote for one item of content/, so a later import can tell an
    edit made in the admin (leave it alone) from a change to the file (bring it in)."""

    kind = models.CharField(max_length=40, help_text="Which kind of entry: article, question, term...")
    key = models.CharField(max_length=200, help_text="The entry's key in its file (its slug).")
    object_id = models.PositiveBigIntegerField(help_text="The row it was written to.")
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the content as imported.")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="contentfiles_one_record_per_entry")]

    @classmethod
    def agree(cls, entries):
        """After an export: the files now hold these (kind, key, row id, content hash) entries."""
        for kind, key, object_id, content_hash in entries:
            cls.objects.update_or_create(kind=kind, key=key,
                                         defaults={"object_id": object_id, "content_hash": content_hash})

    def __str__(self):
        return f"{self.kind} {self.key}"
