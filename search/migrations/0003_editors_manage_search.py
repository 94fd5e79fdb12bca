from django.db import migrations

# The editorial groups and their permissions used to be created here. They now come
# from editorial.roles, kept in step after every migrate; this step stays (empty) so
# that databases which ran it keep a consistent migration history.


class Migration(migrations.Migration):
    dependencies = [("search", "0002_seed_synonyms"), ("faq", "0002_clinical_editors_group")]

    operations = []
