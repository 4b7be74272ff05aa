"""Proof, held by a browser, that it can read an address's mail.

Pressing the button behind a confirmation link gives that browser a cookie naming the keyed
hash of the address (core.identity.email_hash), signed with the secret key under its own salt
and dated. A comment posted with that address from that browser is the owner's: it goes to the
moderators (or the fast lane) without another email. From any other browser it waits for the
link emailed for it, whoever the address belongs to.

Nobody can forge the cookie without the secret key, nor make it for an address whose mail
they cannot read; it is HttpOnly (page scripts cannot read it), SameSite=Lax (another site
cannot post with it) and Secure over HTTPS. Each address in it expires on its own, a year after
it was proven there.
"""

import hmac

from django.conf import settings
from django.core import signing

COOKIE = "comment_proof"
SALT = "comments.proof-of-address"
MAX_AGE = 365 * 24 * 3600
# A shared computer may hold a few people's proofs; the oldest give way beyond this.
MAX_ADDRESSES = 4
# Signed values are base64url and colons, so a dot can separate them.
SEPARATOR = "."


def _signer():
    return signing.TimestampSigner(salt=SALT)


def _proofs(request):
    """(hash, token) for each genuine, unexpired proof in this browser's cookie."""
    proofs = []
    for token in request.COOKIES.get(COOKIE, "").split(SEPARATOR)[:MAX_ADDRESSES]:
        try:
            proofs.append((_signer().unsign(token, max_age=MAX_AGE), token))
        except signing.BadSignature:
            continue
    return proofs


def proves(request, key):
    """Whether this browser has proven the address whose hash is `key`."""
    return any(hmac.compare_digest(key, proven) for proven, _ in _proofs(request))


def proven_hashes(request):
    """The hashes of the addresses this browser has proven."""
    return [proven for proven, _ in _proofs(request)]


def remember(request, response, key):
    """Give this browser proof of `key`, keeping its other proofs with their own dates."""
    kept = [token for proven, token in _proofs(request) if proven != key]
    tokens = [_signer().sign(key), *kept][:MAX_ADDRESSES]
    response.set_cookie(
        COOKIE,
        SEPARATOR.join(tokens),
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
