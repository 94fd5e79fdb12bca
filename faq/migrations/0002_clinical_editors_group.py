from django.db import migrations

# The editorial groups and their permissions used to be created here. They now come
# from editorial.roles, kept in step after every migrate; this step stays (empty) so
# that databases which ran it keep a consistent migration history.


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0002_postgres_extensions"),
        ("faq", "0001_initial"),
    ]

    operations = []
