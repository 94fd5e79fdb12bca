from django.db import migrations

# The editorial groups and their permissions used to be created here. They now come
# from editorial.roles, kept in step after every migrate; this step stays (empty) so
# that databases which ran it keep a consistent migration history.


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0006_review_workflow_and_history"),
        ("articles", "0005_review_workflow_and_history"),
        ("glossary", "0002_editors_edit_the_glossary"),
        ("search", "0001_initial"),
    ]

    operations = []
