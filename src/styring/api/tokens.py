"""API tokens (django-rest-knox): stored hashed, expiring after ``STYRING_API_TOKEN_HOURS``, revoked
at logout. The login goes through Django's ``authenticate`` with the request, so django-axes counts
failures, locks out (429) and records every login like the login page's."""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate, user_logged_in
from drf_spectacular.utils import OpenApiResponse, extend_schema
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class LoginSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as «Authorization: Token …».")
    expiry = serializers.DateTimeField(help_text="When the token stops working.")


class TokenView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_scope = "token"

    @extend_schema(summary="Et token for brukernavn og passord", request=LoginSerializer,
                   responses={200: TokenSerializer, 400: OpenApiResponse(description="Feil brukernavn eller passord."),
                              403: OpenApiResponse(description="Innlogging med passord er slått av."),
                              429: OpenApiResponse(description="For mange forsøk: sperret en stund.")})
    def post(self, request: Request) -> Response:
        if not settings.LOCAL_LOGIN:  # STYRING_LOCAL_LOGIN=0: no password is checked
            return Response({"detail": "Innlogging med passord er slått av."}, status=status.HTTP_403_FORBIDDEN)
        credentials = LoginSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        user = authenticate(request._request, **credentials.validated_data)
        if user is None or not user.is_active:
            return Response({"detail": "Feil brukernavn eller passord."}, status=status.HTTP_400_BAD_REQUEST)
        instance, token = AuthToken.objects.create(user)
        user_logged_in.send(sender=user.__class__, request=request._request, user=user)
        return Response({"token": token, "expiry": instance.expiry})


class LogoutView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Trekk tilbake tokenet som brukes i denne forespørselen", request=None,
                   responses={204: OpenApiResponse(description="Tokenet virker ikke lenger.")})
    def post(self, request: Request) -> Response:
        if isinstance(request.auth, AuthToken):
            request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
