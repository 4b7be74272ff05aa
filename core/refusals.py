"""One shape for "no" that a person can act on, whichever door they came in by.

A form shows `message` beside what they typed; the JSON API answers
{"error": {"code": ..., "message": ...}} with `status`. Signing, commenting and the API all
raise this one type, so a refusal reads the same on the page and in the API.
"""


class Refusal(Exception):
    """A refusal: the HTTP status, a stable machine code, and a sentence for people."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def __repr__(self):
        return f"Refusal({self.status}, {self.code!r})"
