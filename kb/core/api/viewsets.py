"""Base viewsets of the API: role-checked writes, FilterSets, optimistic locking, CSV export."""

from __future__ import annotations

from django.db.models import Model, Q
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from kb.core.api.exports import CSVExportMixin
from kb.core.api.locking import OptimisticLockMixin
from kb.core.caching import CachedReadsMixin
from kb.core.filters import IdOrSlugFilter, as_id
from kb.core.permissions import check_add, check_change, check_delete


class FilterSetKeepingBackend(DjangoFilterBackend):
    """DjangoFilterBackend that leaves the FilterSet it filtered with on the view
    (``view.filterset``): ``list_count()`` reads what its filters found (see
    kb.core.filters.IdOrSlugFilter)."""

    def get_filterset(self, request, queryset, view):
        view.filterset = super().get_filterset(request, queryset, view)
        return view.filterset


class KBViewSet(CachedReadsMixin, CSVExportMixin, viewsets.ModelViewSet):
    """Reads for everyone (anonymous reads from the shared cache); writes as the user's role
    allows (kb.core.permissions: model permissions, review status, cascades).

    ``serializer_class`` shapes lists and CSV rows, ``detail_serializer_class`` one row, and
    ``write_serializer_class`` what POST/PUT/PATCH accept and answer.
    """

    detail_serializer_class = None
    write_serializer_class = None
    # Rows are addressed by id; models with a slug also accept it (see get_object).
    lookup_value_regex = r"[0-9]+"
    slug_lookup = False
    filter_backends = [FilterSetKeepingBackend]
    filterset = None  # the FilterSet of the current request, once filtered

    def list_count(self) -> int | None:
        """How many rows the filtered list holds, when something cheaper than counting the
        list's query tells (at least up to the count cap); None to count the query.

        Viewsets override it for filters whose count a stored column or a narrower index
        gives; see kb.core.pagination.BoundedPageNumberPagination.
        """
        return None

    def get_serializer_class(self):
        if self.action == "retrieve":
            return self.detail_serializer_class or self.serializer_class
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer_class or self.serializer_class
        return self.serializer_class

    def perform_create(self, serializer):
        model = serializer.Meta.model
        check_add(self.request.user, model, serializer.validated_data)
        serializer.save()
        self._reload_for_response(serializer)

    def perform_update(self, serializer):
        check_change(self.request.user, serializer.instance, serializer.validated_data)
        super().perform_update(serializer)
        self._reload_for_response(serializer)

    def perform_destroy(self, instance):
        check_delete(self.request.user, [instance])
        super().perform_destroy(instance)

    def _reload_for_response(self, serializer) -> None:
        # The response shows the row as a read would (counts and prefetches of get_queryset).
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def get_object(self) -> Model:
        # List filters do not apply to a single row: /actors/12/?kind=state is actor 12.
        value = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        pk = as_id(value)
        if pk is not None:
            q = Q(pk=pk)
        elif self.slug_lookup:
            q = Q(slug=value)
        else:
            raise Http404
        obj = self.get_queryset().filter(q).first()
        if obj is None:
            raise Http404
        self.check_object_permissions(self.request, obj)
        return obj


class VersionedViewSet(OptimisticLockMixin, KBViewSet):
    """A viewset over a model with ``version``: PUT/PATCH must send the version they read."""

    versioned = True


def only_filter(filterset, name: str) -> IdOrSlugFilter | None:
    """The filter `name` of a valid FilterSet when it is the only one given a value, else None.

    Ordering does not count: it changes the order of the rows, not how many there are.
    """
    if filterset is None or not filterset.is_valid():
        return None
    given = {
        key
        for key, value in filterset.form.cleaned_data.items()
        if value not in (None, "", [], ()) and key != "ordering"
    }
    return filterset.filters[name] if given == {name} else None
