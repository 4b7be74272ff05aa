"""A Content-Security-Policy header read as {directive: its sources}.

django-csp writes the directives in no fixed order, so tests compare directives, not text.
"""


def directives(header):
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed
