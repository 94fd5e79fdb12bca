import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

HELP = (
    "Other ways families ask this question, one per line (at most 5, each up to 150 characters). "
    "Search finds the question by them as if they were its title; they are not shown on the public page."
)


class Migration(migrations.Migration):

    dependencies = [
        ('faq', '0011_references_from_the_registry'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalquestion',
            name='also_asked',
            field=models.TextField(blank=True, default='', help_text=HELP, verbose_name='also asked as'),
        ),
        migrations.AddField(
            model_name='question',
            name='also_asked',
            field=models.TextField(blank=True, default='', help_text=HELP, verbose_name='also asked as'),
        ),
        # Django cannot change a generated column's expression in place: drop it (and its
        # index) and add it again with also_asked at weight A. PostgreSQL fills it for every row.
        migrations.RemoveIndex(
            model_name='question',
            name='question_search_idx',
        ),
        migrations.RemoveField(
            model_name='question',
            name='search_vector',
        ),
        migrations.AddField(
            model_name='question',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('question', config='english_unaccent', weight='A'), '||', django.contrib.postgres.search.SearchVector('also_asked', config='english_unaccent', weight='A'), django.contrib.postgres.search.SearchConfig('english_unaccent')), '||', django.contrib.postgres.search.SearchVector('answer', config='english_unaccent', weight='B'), django.contrib.postgres.search.SearchConfig('english_unaccent')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddIndex(
            model_name='question',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='question_search_idx'),
        ),
    ]
