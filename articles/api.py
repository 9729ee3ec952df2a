"""API viewsets for articles and claims."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from actors.models import Actor
from articles.filters import ArticleFilter, ClaimFilter
from articles.models import Article, Claim, ClaimLink, Mention
from articles.serializers import ArticleDetailSerializer, ArticleSerializer, ClaimSerializer
from kb.api.queries import count_of
from kb.api.viewsets import VersionedViewSet


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
        queryset = Article.objects.select_related("source").annotate(
            actor_count=count_of(Mention.objects.all(), "article", distinct="actor"),
            claim_count=count_of(Claim.objects.all(), "article"),
        )
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
