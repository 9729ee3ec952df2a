"""Create or reset the Reader, Analyst and Editor groups; optionally give a user a role."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kb.core.roles import ROLES, roles_sync, user_set_role


class Command(BaseCommand):
    help = (
        "Create or reset the Reader / Analyst / Editor groups and their permissions (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help="Username to put in --role after the groups are synced.")
        parser.add_argument(
            "--role", choices=ROLES, help="Role for --user: Reader, Analyst or Editor."
        )

    def handle(self, *args, **options):
        if bool(options["user"]) != bool(options["role"]):
            raise CommandError("--user and --role go together.")
        for role, n in roles_sync().items():
            self.stdout.write(f"{role}: {n} permissions")
        if options["user"]:
            try:
                user = get_user_model().objects.get_by_natural_key(options["user"])
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"No user {options['user']!r}.") from exc
            user_set_role(user=user, role=options["role"])
            self.stdout.write(f"{user.get_username()} is now {options['role']}.")
