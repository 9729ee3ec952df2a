"""Serializer fields shared by the apps."""

from django.core.validators import RegexValidator
from rest_framework import serializers

from kb.core.edtf import PartialDate

EDTF_PATTERN = r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$"


class EDTFField(serializers.CharField):
    """An EDTF date string (2019, 2019-03, 2019-03-01, XXXX-08-11); blank in the database is null."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault(
            "help_text",
            "EDTF date: YYYY, YYYY-MM, YYYY-MM-DD or XXXX-MM-DD (unknown year); null if unknown.",
        )
        super().__init__(**kwargs)
        # The regex documents the format in the schema; parse() below checks the calendar.
        self.validators.append(
            RegexValidator(EDTF_PATTERN, "Enter an EDTF date such as 2019-03-01.")
        )

    def to_representation(self, value):
        return value or None

    def to_internal_value(self, data):
        if data is None:
            return ""
        value = super().to_internal_value(data)
        if value:
            try:
                PartialDate.parse(value)
            except ValueError as exc:
                raise serializers.ValidationError(str(exc)) from None
        return value

    def validate_empty_values(self, data):
        # null is the API's spelling of the database's blank string.
        if data is None:
            return True, ""
        return super().validate_empty_values(data)
