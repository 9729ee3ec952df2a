"""API viewsets for articles and claims."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from actors.models import Actor
from articles.filters import ArticleFilter, ClaimFilter
from articles.models import Article, Claim, ClaimLink, Mention
from articles.serializers import ArticleDetailSerializer, ArticleSerializer, ClaimSerializer
from articles.services import article_delete
from kb.core.api.viewsets import VersionedViewSet, only_filter
from kb.core.permissions import check_delete


@extend_schema_view(
    list=extend_schema(
        summary="List articles", description="The body is left out of lists; see the detail."
    ),
    retrieve=extend_schema(summary="One article with its body, actors and mentions"),
)
class ArticleViewSet(VersionedViewSet):
    """Articles ingested into the knowledge base, with the actors they mention."""

    serializer_class = ArticleSerializer
    detail_serializer_class = ArticleDetailSerializer
    write_serializer_class = ArticleDetailSerializer
    filterset_class = ArticleFilter
    csv_filename = "articles"

    def get_queryset(self):
        queryset = Article.objects.select_related("source").with_counts()
        if self.action in ("list", "csv"):
            # Bodies can be long and lists do not show them.
            queryset = queryset.defer("body")
        else:  # one row: retrieve, or the response to a write
            queryset = queryset.prefetch_related(
                Prefetch(
                    "mentions",
                    queryset=Mention.objects.order_by("start")
                    .select_related("actor")
                    .prefetch_related("actor__aliases"),
                )
            )
        return queryset

    def perform_destroy(self, instance):
        # The service recounts the actors it named, as for the admin (the stored counts serve
        # the actor pages and list_count below).
        check_delete(self.request.user, [instance])
        article_delete(article=instance)

    def list_count(self) -> int | None:
        # Filtered by actor alone: the filter counted the articles when it listed their ids;
        # past that, the actor's stored article_count (articles naming it; kept current by
        # the write services) is the count. Counting them instead read
        # every mention of the actor: ~90k index entries for the most mentioned one at 100k.
        actor = only_filter(self.filterset, "actor")
        if actor is None:
            return None
        if actor.matched is not None:
            return actor.matched
        if len(actor.related_ids) != 1:
            return None
        return (
            Actor.objects.filter(pk=actor.related_ids[0])
            .values_list("article_count", flat=True)
            .first()
        )


@extend_schema_view(list=extend_schema(summary="List claims"))
class ClaimViewSet(VersionedViewSet):
    """Assertions made in articles, with claimant, subjects and credibility."""

    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    csv_filename = "claims"

    def get_queryset(self):
        # Only ids of the article and event are shown: do not join them (article bodies).
        return Claim.objects.select_related("claimant").prefetch_related(
            "claimant__aliases",
            Prefetch("subjects", queryset=Actor.objects.prefetch_related("aliases")),
            Prefetch(
                "links_out", queryset=ClaimLink.objects.only("from_claim", "to_claim", "kind")
            ),
        )

    def list_count(self) -> int | None:
        # Filtered by subject alone: one claim per (claim, actor) row of the subjects table,
        # counted (up to the cap) on its actor index alone, not joined back to 500k claims.
        subject = only_filter(self.filterset, "subject")
        if subject is None:
            return None
        if subject.matched is not None:
            return subject.matched
        if len(subject.related_ids) != 1:
            return None
        rows = Claim.subjects.through.objects.filter(actor_id=subject.related_ids[0])
        return rows.order_by().values("actor_id")[: self.paginator.count_limit()].count()
