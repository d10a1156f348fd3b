"""A real OpenID Connect provider for the sign-in tests: django-oidc-provider in a small Django
project of its own (these settings, ``urls``, a login form), run by ``serve`` in a subprocess on a
free 127.0.0.1 port. Its people are ``PEOPLE``; its one client is Styring's live server."""
