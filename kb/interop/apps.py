"""The exchange-formats app: its models record what STIX imports brought."""

from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "kb.interop"
    label = "interop"
    verbose_name = "Exchange formats"
