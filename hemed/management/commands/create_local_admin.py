"""Create a local superuser with a random password, printed once."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the local 'admin' superuser with a random password (printed once)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--reset", action="store_true", help="Give an existing user a new random password."
        )

    def handle(self, *args, username, reset, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user and not reset:
            self.stdout.write(
                f"Admin user '{username}' already exists. For a new password: make admin-password"
            )
            return
        password = secrets.token_urlsafe(12)
        if user is None:
            User.objects.create_superuser(username=username, email="", password=password)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        self.stdout.write(
            f"Admin login: username '{username}', password '{password}' (shown only now)."
        )
