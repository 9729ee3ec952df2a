"""API permissions: anyone reads, staff users write, editors decide review status.

The review rules are the admin's (kb.admin.ReviewAdminMixin), so the API is no way around
them: only users with ``kb.verify_records`` (Editors) verify a record or change the status
of a verified one, and only users with ``kb.delete_verified_records`` delete a verified one.
"""

from types import SimpleNamespace

from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from kb.core.roles import can_delete, can_set_status


class StaffWriteOrReadOnly(BasePermission):
    message = "Writing requires an authenticated staff user."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff)


def check_status_change(user, *, old: str | None, new: str | None) -> None:
    """Raise PermissionDenied unless ``user`` may move a record from ``old`` to ``new``."""
    if new is None or new == old:
        return
    if not can_set_status(user, SimpleNamespace(status=old), new):
        raise PermissionDenied("Only editors verify records or change the status of verified ones.")


def check_delete(user, instance) -> None:
    """Raise PermissionDenied unless ``user`` may delete ``instance``."""
    if not can_delete(user, instance):
        raise PermissionDenied("Only editors delete verified records.")
