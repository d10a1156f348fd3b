"""``python -m tests.accounts.oidc_provider.serve PORT STYRING_URL CLIENT_ID CLIENT_SECRET``:
the test provider's database (people, signing key, Styring as its client), then its server."""
from __future__ import annotations

import os
import sys

PEOPLE = {  # username → (e-mail, given name, family name); the password is "pw-" + username
    "kari": ("kari.nordmann@unn.example", "Kari", "Nordmann"),
    "ola": ("ola.ukjent@unn.example", "Ola", "Ukjent"),
    "per": ("per.sluttet@unn.example", "Per", "Sluttet"),
}


def userinfo(claims: dict, user) -> dict:
    """The standard claims the provider gives about a person (e-mail verified)."""
    return claims | {"email": user.email, "email_verified": True, "given_name": user.first_name,
                     "family_name": user.last_name, "name": user.get_full_name(), "preferred_username": user.username}


def main() -> None:
    port, styring_url, client_id, client_secret = sys.argv[1:5]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.accounts.oidc_provider.settings")
    import django
    from django.core.management import call_command

    django.setup()
    from django.contrib.auth.models import User
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0)
    call_command("creatersakey")
    for username, (email, first, last) in PEOPLE.items():
        User.objects.create_user(username, email, "pw-" + username, first_name=first, last_name=last)
    client = Client.objects.create(name="Styring", client_type="confidential", client_id=client_id,
                                   client_secret=client_secret, jwt_alg="RS256", require_consent=False,
                                   _redirect_uris=f"{styring_url}/oidc/callback/",
                                   _post_logout_redirect_uris=f"{styring_url}/logg-inn/")
    client.response_types.add(ResponseType.objects.get(value="code"))
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True, skip_checks=True)


if __name__ == "__main__":
    main()
