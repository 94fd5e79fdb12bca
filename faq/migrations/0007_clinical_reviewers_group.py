from django.db import migrations

from hemed.groups import grant

REVIEWERS = "Clinical reviewers"


def create_reviewers(apps, schema_editor):
    # Reviewers can do all an editor can, and approve, publish and archive.
    grant(apps, REVIEWERS, {
        "articles": ["add_article", "change_article", "view_article", "review_article",
                     "add_reference", "change_reference", "delete_reference", "view_reference",
                     "view_topic"],
        "faq": ["add_question", "change_question", "view_question", "review_question",
                "add_questionreference", "change_questionreference",
                "delete_questionreference", "view_questionreference", "view_category"],
        "glossary": ["add_term", "change_term", "view_term"],
        "search": ["add_synonymgroup", "change_synonymgroup", "delete_synonymgroup",
                   "view_synonymgroup", "add_pin", "change_pin", "delete_pin", "view_pin",
                   "view_searchlog"],
    })


def remove_reviewers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=REVIEWERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0006_review_workflow_and_history"),
        ("articles", "0005_review_workflow_and_history"),
        ("glossary", "0002_editors_edit_the_glossary"),
        ("search", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_reviewers, remove_reviewers)]
