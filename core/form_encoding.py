"""Forms whose bytes are not UTF-8.

Django decodes a form body with replacement characters and says nothing, so a name typed in a
broken encoding would be stored garbled. The form views ask this first and answer 400.
"""

from urllib.parse import parse_qsl

UNREADABLE = (
    "Some of what you typed could not be read (it was not sent as UTF-8). Please check the "
    "fields and send the form again."
)


def form_is_not_utf8(request):
    """True if a URL-encoded form body holds bytes that are not UTF-8."""
    if request.content_type != "application/x-www-form-urlencoded":
        return False
    try:
        parse_qsl(request.body.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        return True
    return False
