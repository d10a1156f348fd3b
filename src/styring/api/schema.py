"""The OpenAPI schema's generator, named in ``settings.REST_FRAMEWORK`` (like ``pagination``)."""
from __future__ import annotations

from drf_spectacular.openapi import AutoSchema


class Schema(AutoSchema):
    """Descriptions only where written for the API's users, in Norwegian (``extend_schema(description=…)``
    overrides this); a view's docstring is for programmers, in English, and stays out of the docs."""

    def get_description(self, *args, **kwargs) -> str:
        return ""
