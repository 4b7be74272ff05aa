"""The one keyed hash the site keeps in place of what a person gave it: email addresses
(core/identity.py), networks (core/privacy.py) and names typed at staff sign-in
(core/sign_in.py).

HMAC-SHA256 over the UTF-8 text, written as 64 hex characters: without the key it can be
neither reversed nor recomputed from a list of guesses. The key is the secret key unless the
caller names another (email hashes have EMAIL_HASH_KEY, so the secret key can be rotated).

Each caller hashes exactly the text it always has (only sign-in's carries a prefix): the
values are stored (email hashes in signatures, commenters and bans; axes rows) and compared
with values hashed before, so they must not change.
"""

import hashlib
import hmac

from django.conf import settings


def keyed_hash(text, key=None):
    """HMAC-SHA256 of `text` as 64 hex characters, keyed with `key` or else the secret key."""
    key = settings.SECRET_KEY if key is None else key
    return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()
