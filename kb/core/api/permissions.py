"""API permissions: anyone reads; writes follow the role's Django model permissions.

``RoleWritePermission`` asks kb.core.permissions whether the user's role may add, change or
delete rows of the view's model (``is_staff`` plays no part: a staff user without a role
writes nothing). The object-level rules (status, verified records, what a delete cascades
to) are checked by the viewsets' perform_* hooks through the same module.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from kb.core.permissions import has_model_perm

#: The model permission each unsafe method needs.
METHOD_ACTIONS = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}


def view_model(view):
    """The model a view writes, or None for views that are not over one model."""
    queryset = getattr(view, "queryset", None)
    if queryset is None and hasattr(view, "get_queryset"):
        try:
            queryset = view.get_queryset()
        except (AssertionError, AttributeError, NotImplementedError):
            queryset = None
    return getattr(queryset, "model", None)


class RoleWritePermission(BasePermission):
    """Reads for everyone; a write needs the model permission of the user's role."""

    message = "Your role does not allow this write."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        if not (user and user.is_authenticated):
            return False
        action = METHOD_ACTIONS.get(request.method)
        model = view_model(view)
        if action is None or model is None:
            return False
        allowed = has_model_perm(user, action, model)
        if not allowed:
            self.message = (
                f"Your role does not allow {request.method} on {model._meta.verbose_name_plural}."
            )
        return allowed
