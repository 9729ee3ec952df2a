"""Run the model's own validation (field validators, unique and check constraints) in DRF.

DRF does not call ``Model.full_clean()``; without this a value that breaks a database
constraint (an empty span, an actor as its own parent) would surface as an IntegrityError, a
500. With it, it is a 400 with the model's message on the field concerned.
"""

from __future__ import annotations

import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.settings import api_settings


class ModelCleanMixin:
    """ModelSerializer mixin: validate attrs with ``Model.full_clean()`` before saving."""

    # Model fields never checked here (set by the server, not by the client).
    clean_exclude: tuple[str, ...] = ("version",)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        m2m = {f.name for f in model._meta.many_to_many}
        plain = {k: v for k, v in attrs.items() if k not in m2m}
        if self.instance is not None:
            candidate = copy.copy(self.instance)
            for key, value in plain.items():
                setattr(candidate, key, value)
        else:
            candidate = model(**plain)
        try:
            candidate.full_clean(exclude=list(self.clean_exclude))
        except DjangoValidationError as exc:
            errors = {}
            for field, messages in exc.message_dict.items():
                key = api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field
                errors[key] = messages
            raise serializers.ValidationError(errors) from None
        return attrs
