"""The three roles analysts work in, as auth groups with exact permission sets.

- **Reader**: reads the site and the API; no admin (``is_staff`` off).
- **Analyst**: adds and edits everything in the admin; cannot verify records, nor delete
  verified ones (the admin checks ``kb.verify_records`` / ``kb.delete_verified_records``).
- **Editor**: everything an analyst does, plus verify, merge/split (and undo) and delete.

What each permission lets a user do to a record is decided in kb.core.permissions.

``roles_sync()`` (run by ``manage.py setup_roles``) creates or resets the groups; it is
idempotent, so deployments run it after every migrate.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

READER = "Reader"
ANALYST = "Analyst"
EDITOR = "Editor"
ROLES = (READER, ANALYST, EDITOR)

#: The models analysts curate, by app.
CONTENT_MODELS = {
    "actors": ("actor", "alias", "relationship"),
    "articles": ("source", "article", "mention", "claim", "claimlink"),
    "events": ("event", "participant", "eventsource", "place"),
}
CURATION_PERMISSIONS = ("verify_records", "merge_records", "delete_verified_records")


def _codenames(actions: tuple[str, ...]) -> Q:
    q = Q(pk__in=[])
    for app_label, models in CONTENT_MODELS.items():
        q |= Q(
            content_type__app_label=app_label,
            codename__in=[f"{action}_{model}" for action in actions for model in models],
        )
    return q


def role_permissions(role: str) -> list[Permission]:
    """The exact permissions of a role."""
    if role == READER:
        q = _codenames(("view",))
    elif role == ANALYST:
        q = _codenames(("view", "add", "change", "delete"))
        q |= Q(content_type__app_label="kb", codename__in=("view_mergerecord", "view_ingestrun"))
    elif role == EDITOR:
        q = _codenames(("view", "add", "change", "delete"))
        q |= Q(
            content_type__app_label="kb",
            codename__in=("view_mergerecord", "view_ingestrun", *CURATION_PERMISSIONS),
        )
    else:
        raise ValueError(f"unknown role: {role!r}")
    return list(Permission.objects.filter(q).select_related("content_type"))


@transaction.atomic
def roles_sync() -> dict[str, int]:
    """Create the role groups, or reset their permissions to the definition; counts per role."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    # Permissions are made by post_migrate; make sure they exist on a fresh database too.
    wanted = {*CURATION_PERMISSIONS, "view_mergerecord", "view_ingestrun"} | {
        f"{action}_{model}"
        for models in CONTENT_MODELS.values()
        for model in models
        for action in ("view", "add", "change", "delete")
    }
    present = set(Permission.objects.filter(codename__in=wanted).values_list("codename", flat=True))
    if present != wanted:
        for config in apps.get_app_configs():
            create_permissions(config, verbosity=0)
    counts = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        perms = role_permissions(role)
        group.permissions.set(perms)
        counts[role] = len(perms)
    return counts


@transaction.atomic
def user_set_role(*, user, role: str) -> None:
    """Put ``user`` in exactly one role group; Analysts and Editors get admin access."""
    if role not in ROLES:
        raise ValueError(f"unknown role: {role!r}")
    group, _ = Group.objects.get_or_create(name=role)
    if not group.permissions.exists():
        roles_sync()
    user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(pk=group.pk))
    user.groups.add(group)
    user.is_staff = role != READER
    user.save(update_fields=["is_staff"])
