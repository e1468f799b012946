"""Make an account a platform administrator ("quản trị nền tảng"), or stop it being one.

manage.py platform_admin 031090001234          # by ID number, e-mail or user name
manage.py platform_admin an@example.com --revoke
"""

from django.core.management.base import BaseCommand, CommandError

from identity.selectors import user_by_identifier


class Command(BaseCommand):
    help = "Grant or revoke platform administration (manages every locality and its admins)."

    def add_arguments(self, parser):
        parser.add_argument("identifier", help="ID number, e-mail or user name of the account")
        parser.add_argument("--revoke", action="store_true")

    def handle(self, *args, identifier: str, revoke: bool, **options):
        user = user_by_identifier(identifier)
        if user is None:
            raise CommandError(f"No account matches {identifier!r}.")
        user.is_staff = not revoke
        user.save(update_fields=["is_staff"])
        state = "is no longer" if revoke else "is now"
        self.stdout.write(
            f"{user.get_full_name()} ({user.get_username()}) {state} a platform admin."
        )
