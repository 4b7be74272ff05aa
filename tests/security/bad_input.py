"""What the bad-input tests share: a valid signer and comment to spoil, the JSON endpoints' URLs,
and the check that an answer is a JSON error with a code and a message a person can read.

Used by test_bad_request_bodies.py, test_bad_addresses.py and test_bad_signed_links.py; the
`petition` and `story` fixtures they use are in conftest.py.
"""

SIGNER = {
    "first_name": "Nadia",
    "last_name": "Haddad",
    "email": "nadia@example.org",
    "country": "GB",
}
COMMENT = {"name": "Jonah", "email": "jonah@example.org", "body": "Victims must be safe to report."}


def sign_url(petition):
    return f"/api/campaign/petitions/{petition.pk}/signatures/"


def comment_url(story):
    return f"/api/comments/pages/{story.pk}/"


def assert_json_error(response, status, code):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"].strip(), "a person must be told what went wrong"
    return error
