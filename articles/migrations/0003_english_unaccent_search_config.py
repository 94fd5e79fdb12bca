from django.db import migrations


class Migration(migrations.Migration):
    """English stemming with accents stripped first, for every search vector and query."""

    dependencies = [("articles", "0002_postgres_extensions")]

    operations = [
        migrations.RunSQL(
            sql="""
                CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = pg_catalog.english);
                ALTER TEXT SEARCH CONFIGURATION english_unaccent
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
            """,
            reverse_sql="DROP TEXT SEARCH CONFIGURATION english_unaccent;",
        )
    ]
