"""core/keyed_hash.py gives exactly the values the three hashes it replaced gave.

Email hashes are stored in signatures, commenters and bans, and the sign-in lockout keeps
its keyed names: a hash that changed would orphan every one of them. The values below were
written by the separate HMACs in core/identity.py, core/privacy.py and core/sign_in.py before
they shared this function."""

import pytest
from django.test import RequestFactory, override_settings

from core.identity import email_hash
from core.privacy import ip_hash
from core.sign_in import username_key

SECRET_KEY_ONLY = [
    (
        "email",
        "Jo.Doe+x@GMail.com",
        "57bbfcb92b19cf2baf674e9b73970c128facf61933d2e51c34435ed7e3818c4b",
    ),
    ("email", "not an address", "e373e53d83d49b66d3aad5292cebaf5ce03dd3cde4809d9dba24c6b602916a5c"),
    (
        "email",
        "Zoë@exämple.org.",
        "f0c2630ae0da5d0f5b4ead2982ec3f6edfe76c7b59069ddf14949e953428e1c9",
    ),
    ("ip", "203.0.113.7", "ea58e269451f0b702a30f8143677680fb2f25144363e7495e879ceb27e23ff86"),
    ("ip", "2001:db8::ffff:1", "50afbcac7588c70df84e67fd8297369545ab5ab0ba030c0655af3b661a31ada4"),
    ("ip", "garbage", "6c632c87210af629fd337636120cc2177e24c1c1449e518e09811783f4d2555a"),
    ("user", "Editor", "e9911c977d78138d4c2ee12d172c528472c4f760ac47cc05a430045cd20e233b"),
    ("user", "ÉDITEUR", "3c635938bf8f09ebc61f43d8d3eacf8628d9768eaae65767aa53fc47f35a024e"),
    ("user", "", "05ce278ef99a4dd0815af93471e83423ae4cc6d67e9a73efc70dd6f76342f629"),
]
OWN_EMAIL_KEY = [
    (
        "email",
        "Jo.Doe+x@GMail.com",
        "b26a6d88761d4d00e92f770b16e6a13c2a11a45ab4aae246ac92e07ac55b4459",
    ),
    ("email", "not an address", "3706759fef923e7c37d6c670e78d2fb34b0fe42ecd3957c0021317eb0e53c98d"),
    (
        "email",
        "Zoë@exämple.org.",
        "f119e069c68720cdf5dc0342a4e1963354aed044666d6fba226f25d2fa6a7c97",
    ),
    ("ip", "203.0.113.7", "97527fb69a656218f02e5afb76cbd0a4efa511d11455963e12d65bd9d71b14eb"),
    ("ip", "2001:db8::ffff:1", "f42dad7023947b3e88b8908ba0419e509a2ecfc08ea2f69e2438b837ad2d99a2"),
    ("ip", "garbage", "475ccb945aa63ffd025c154988f5accda3261e25ebb079d4cc99b784f82de79a"),
    ("user", "Editor", "1815ee3d83a8315ba57ea2955e851115954eeb9f47b888bcafef282c3849af41"),
    ("user", "ÉDITEUR", "5b2648f2f3c8c6a89b3d8da5e7837ce7eea19dd8550ae824b7cc867742fc70f4"),
    ("user", "", "6a83bbd73c279f2c366960887d65febae22249b043f9bd732757c042e63ceb10"),
]


def hashed(kind, value):
    if kind == "email":
        return email_hash(value)
    if kind == "ip":
        return ip_hash(RequestFactory().get("/", REMOTE_ADDR=value))
    return username_key(None, {"username": value})


@pytest.mark.parametrize(("kind", "value", "expected"), SECRET_KEY_ONLY)
@override_settings(SECRET_KEY="test-only-insecure-key", EMAIL_HASH_KEY="")
def test_hashes_keyed_with_the_secret_key_are_unchanged(kind, value, expected):
    assert hashed(kind, value) == expected


@pytest.mark.parametrize(("kind", "value", "expected"), OWN_EMAIL_KEY)
@override_settings(SECRET_KEY="another secret ✓", EMAIL_HASH_KEY="own email key ü")
def test_email_hashes_keep_their_own_key_and_the_rest_the_secret_key(kind, value, expected):
    assert hashed(kind, value) == expected
