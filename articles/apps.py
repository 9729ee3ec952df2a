"""The articles app: articles, their sources, actor mentions, claims and claim links."""

from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
