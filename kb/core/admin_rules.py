"""The admin's side of kb.core.permissions: every admin write asks it before it happens.

:class:`GuardedAdminMixin` goes on every model admin of the project (a test checks), so
the change form, a history revert (simple-history saves the old version through the same
``save_form``), list edits, inline rows, delete and bulk delete (with everything the delete
cascades to: ``get_deleted_objects`` is what Django's delete view and delete action both
ask before deleting) are all decided by the one rule. Bulk status actions and merge, split and undo
ask it in kb.core.admin and the apps' admins.
"""

from __future__ import annotations

from kb.core.permissions import check_add, check_delete, check_instance, delete_refusal


class GuardedAdminMixin:
    """Refuses (403) any admin write kb.core.permissions refuses."""

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        if change:
            check_instance(request.user, obj)
        else:
            check_add(request.user, type(obj), {"status": getattr(obj, "status", None)})
        return obj

    def save_formset(self, request, form, formset, change):
        deleted = formset.deleted_forms if formset.can_delete else []
        for inline_form in formset.forms:
            instance = inline_form.instance
            if inline_form in deleted:
                if instance.pk is not None:
                    check_delete(request.user, [instance])
            elif inline_form.has_changed():
                check_instance(request.user, instance)
        super().save_formset(request, form, formset, change)

    def has_delete_permission(self, request, obj=None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or delete_refusal(request.user, [obj], cascade=False) is None

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        reason = delete_refusal(request.user, objs)
        if reason:
            perms_needed = {*perms_needed, reason}
        return deleted, counts, perms_needed, protected
