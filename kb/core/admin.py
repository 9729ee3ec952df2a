"""The pieces every model admin of the apps shares; registers nothing.

- :class:`VersionedAdminMixin`: optimistic locking in change forms (kb.core.locking).
- :class:`ReviewAdminMixin`: accept / reject actions, who may verify and delete.
- :class:`MergeAdminMixin`: the merge action and its confirmation page.
- :class:`PreloadedAutocompleteSelect`: autocomplete widgets in inlines without a query per row.
- :class:`LargeTableAdminMixin`: capped changelist counts for tables that grow with the corpus.
- ``REVIEW_QUEUE_ORDERING`` and ``PROPOSAL_FIELDS``: machine proposals, least sure first, with
  the rule that made each (read-only).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from kb.core.admin_rules import GuardedAdminMixin
from kb.core.choices import ReviewStatus
from kb.core.history import review_set_status
from kb.core.locking import (
    StaleVersionError,
    current_version,
    is_versioned,
    next_version,
    stale_message,
    version_bump,
)
from kb.core.merging import MergeError, preview
from kb.core.pagination import AdminCappedPaginator
from kb.core.permissions import can_verify, merge_refusal, status_refusal

# --- display helpers -------------------------------------------------------------------

#: The review queues: the proposals the ingest rules were least sure of first, rows made by
#: hand (no confidence) last, newest first among equals.
REVIEW_QUEUE_ORDERING = [F("confidence").asc(nulls_last=True), "-created_at", "-id"]
#: How sure the ingest rule was and which rule it was: shown, never edited.
PROPOSAL_FIELDS = ["confidence", "rule"]


def highlight(text: str, start: int, end: int):
    """``text`` with ``text[start:end]`` in a <mark>, every part escaped."""
    if not 0 <= start < end <= len(text):
        return format_html("{}", text)
    return format_html("{}<mark>{}</mark>{}", text[:start], text[start:end], text[end:])


def admin_link(obj, label=None):
    """A link to ``obj``'s admin change page (escaped label)."""
    if obj is None:
        return "—"
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label if label is not None else str(obj))


class ReviewStatusFilter(admin.SimpleListFilter):
    """Review status, defaulting to the review queue (proposed) rather than everything."""

    title = "review status"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            (ReviewStatus.PROPOSED, "To review (proposed)"),
            (ReviewStatus.VERIFIED, "Verified"),
            (ReviewStatus.REJECTED, "Rejected"),
            ("all", "All"),
        ]

    def value(self):
        return super().value() or ReviewStatus.PROPOSED

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(status=self.value())


# --- optimistic locking ----------------------------------------------------------------


class VersionedForm(forms.ModelForm):
    """Carries the version the editor loaded; refuses the save if the row moved on since."""

    #: Set for history reverts: the version to expect is the current one, not the old one.
    expected_version: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" in self.fields:
            self.fields["version"].widget = forms.HiddenInput()
            if self.expected_version is not None and not self.is_bound:
                self.initial["version"] = self.expected_version

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("version")
        if self.instance.pk is not None and loaded is not None and not self.instance._state.adding:
            current = current_version(self.instance)
            if current != loaded:
                raise ValidationError(
                    stale_message(self.instance, expected=loaded, current=current), code="stale"
                )
        return cleaned


class VersionedAdminMixin:
    """Optimistic locking for models with a ``version`` column.

    The form validation refuses a stale save with a message and keeps the analyst's input
    on screen; the conditional UPDATE in save_model closes the race between two saves that
    validate at the same moment (the loser's transaction is rolled back).
    """

    form = VersionedForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        match = request.resolver_match
        if obj is not None and match and (match.url_name or "").endswith("_simple_history"):
            form = type(form.__name__, (form,), {"expected_version": current_version(obj)})
        return form

    def save_model(self, request, obj, form, change):
        if change and is_versioned(obj):
            version_bump(instance=obj, expected=obj.version)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            next_version(obj)
            obj._history_user = request.user
            obj.save()
        for obj in formset.deleted_objects:
            obj._history_user = request.user
            obj.delete()
        formset.save_m2m()

    def _refuse_stale(self, request, view, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except StaleVersionError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, *args, **kwargs):
        return self._refuse_stale(request, super().changeform_view, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self._refuse_stale(request, super().changelist_view, *args, **kwargs)

    def history_form_view(self, request, *args, **kwargs):
        # simple-history's revert view has no transaction of its own.
        try:
            with transaction.atomic():
                return super().history_form_view(request, *args, **kwargs)
        except StaleVersionError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


# --- review ----------------------------------------------------------------------------


class ReviewAdminMixin(GuardedAdminMixin):
    """Accept / reject in bulk; analysts cannot verify, nor delete verified records."""

    actions = ["accept_selected", "reject_selected"]

    def set_status(self, request, queryset, status: str) -> int:
        return review_set_status(queryset=queryset, status=status, user=request.user)

    def has_verify_permission(self, request) -> bool:
        return can_verify(request.user) and self.has_change_permission(request)

    def _set_status_allowed(self, request, queryset, status: str) -> tuple[int, int]:
        """Set ``status`` on the rows kb.core.permissions allows; (changed, refused)."""
        allowed = [
            old
            for old in ReviewStatus.values
            if status_refusal(request.user, self.model, old, status) is None
        ]
        refused = queryset.exclude(status__in=allowed).exclude(status=status).count()
        return self.set_status(request, queryset.filter(status__in=allowed), status), refused

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        locked = getattr(obj, "status", None) == ReviewStatus.VERIFIED and not can_verify(
            request.user
        )
        if locked and "status" not in fields:
            fields.append("status")
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not can_verify(request.user):
            kwargs["choices"] = [c for c in ReviewStatus.choices if c[0] != ReviewStatus.VERIFIED]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    @admin.action(description="Accept selected (verify)", permissions=["verify"])
    def accept_selected(self, request, queryset):
        n, refused = self._set_status_allowed(request, queryset, ReviewStatus.VERIFIED)
        self.message_user(request, f"Accepted {n} {self._plural(n)}.", messages.SUCCESS)
        self._warn_refused(request, refused)

    @admin.action(description="Reject selected", permissions=["change"])
    def reject_selected(self, request, queryset):
        n, refused = self._set_status_allowed(request, queryset, ReviewStatus.REJECTED)
        self.message_user(request, f"Rejected {n} {self._plural(n)}.", messages.SUCCESS)
        self._warn_refused(request, refused)

    def _warn_refused(self, request, refused: int) -> None:
        if refused:
            self.message_user(
                request,
                f"{refused} verified {self._plural(refused)} left as they are: only editors "
                "change verified records.",
                messages.WARNING,
            )

    def _plural(self, n: int) -> str:
        opts = self.model._meta
        return str(opts.verbose_name if n == 1 else opts.verbose_name_plural)


# --- autocomplete in inlines -----------------------------------------------------------


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """Autocomplete that labels its selected option from an object already loaded.

    Django's widget runs one query per rendered form to label the selected option; in an
    inline of fifty rows that is fifty queries. :class:`PreloadForm` hands each widget the
    related object the formset's queryset loaded with select_related.
    """

    preloaded: tuple = ()

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        known = {str(obj.pk): obj for obj in self.preloaded}
        if not selected or not selected <= known.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        for pk in sorted(selected):
            label = self.choices.field.label_from_instance(known[pk])
            options.append(self.create_option(name, known[pk].pk, label, selected, len(options)))
        return [(None, options, 0)]


class PreloadForm(VersionedForm):
    """Gives PreloadedAutocompleteSelect widgets the related objects of ``instance``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, PreloadedAutocompleteSelect) and self.instance.pk is not None:
                attname = self._meta.model._meta.get_field(name).attname
                if getattr(self.instance, attname, None) is not None:
                    widget.preloaded = (getattr(self.instance, name),)


class PreloadedInlineMixin:
    """Inline whose ``autocomplete_fields`` cost no query per row (needs select_related)."""

    form = PreloadForm

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.autocomplete_fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# --- merge -----------------------------------------------------------------------------


class MergeAdminMixin:
    """Merge two selected rows after a confirmation page; ``merge_service`` does the work."""

    merge_template = "admin/kb/merge_confirm.html"

    def merge_service(self, *, keep, merge, user):
        raise NotImplementedError

    def has_merge_permission(self, request) -> bool:
        return merge_refusal(request.user, self.model) is None

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "merge/",
                self.admin_site.admin_view(self.merge_view),
                name=f"{opts.app_label}_{opts.model_name}_merge",
            ),
            *super().get_urls(),
        ]

    def merge_url(self, a: int, b: int) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_merge") + f"?ids={a},{b}"

    @admin.action(description="Merge the two selected…", permissions=["merge"])
    def merge_selected(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True)[:3])
        if len(pks) != 2:
            self.message_user(request, "Select exactly two records to merge.", messages.WARNING)
            return None
        return HttpResponseRedirect(self.merge_url(*pks))

    def default_keep(self, objs: list):
        """Which of the two to keep unless the analyst says otherwise: verified, then older."""
        return min(objs, key=lambda o: (o.status != ReviewStatus.VERIFIED, o.pk))

    def merge_view(self, request: HttpRequest):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        try:
            ids = [int(x) for x in request.GET.get("ids", "").split(",")]
        except ValueError:
            ids = []
        objs = list(self.get_queryset(request).filter(pk__in=ids))
        if len(set(ids)) != 2 or len(objs) != 2:
            self.message_user(request, "Choose two existing records to merge.", messages.WARNING)
            return HttpResponseRedirect(changelist)
        if request.method == "POST":
            by_pk = {o.pk: o for o in objs}
            try:
                keep = by_pk[int(request.POST.get("keep", ""))]
            except (KeyError, ValueError):
                self.message_user(request, "Choose the record to keep.", messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
            merge = next(o for o in objs if o.pk != keep.pk)
            try:
                record = self.merge_service(keep=keep, merge=merge, user=request.user)
            except MergeError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return HttpResponseRedirect(changelist)
            self.message_user(
                request,
                format_html('{} <a href="{}">Undo…</a>', record.summary, record.get_absolute_url()),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[keep.pk])
            )
        keep = self.default_keep(objs)
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": f"Merge two {opts.verbose_name_plural}",
            "rows": [{"obj": o, "counts": preview(merge=o), "keep": o.pk == keep.pk} for o in objs],
            "ids": f"{objs[0].pk},{objs[1].pk}",
        }
        return TemplateResponse(request, self.merge_template, context)


class LargeTableAdminMixin:
    """Changelists of tables that grow with the corpus: no full COUNT(*) per page view."""

    show_full_result_count = False
    paginator = AdminCappedPaginator


class KbAdmin(ReviewAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    """Base admin of reviewed, history-tracked models: locking, review actions, history."""
