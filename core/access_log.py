"""gunicorn's logger, writing paths without query strings or tokens (see core/private_paths.py).

gunicorn's own access log writes the request line as it arrived: a manager's export of
"/admin/signatures/?export=csv&q=jane@example.org", or a supporter's live confirmation link.
Every value an access log format can name that carries a URL (the request line, the path, the
Referer, a Location, the raw URI in the environment) is made private here, whatever format an
operator chooses; the query string, cookies and credentials are never written at all. Error
lines gunicorn writes itself ("Error handling request /path?query") get the same treatment.

Used through gunicorn.conf.py (`logger_class`): no Django here, gunicorn's master loads it.
"""

from gunicorn.glogging import Logger

from core.private_paths import private_path, private_url

# Never written, whichever atom (header "{name}i"/"{name}o" or environment "{name}e") names it.
SECRET_WORDS = ("cookie", "authorization", "token", "query")
# Written as private URLs.
URL_WORDS = ("uri", "path", "referer", "location", "url", "origin")


def _atom_name(key):
    """ "{http_referer}e" -> "referer", "{set-cookie}o" -> "set-cookie"."""
    name = key[1:].rsplit("}", 1)[0]
    return name.removeprefix("http_")


def _private_atom(key, value):
    if not isinstance(value, str):
        return value
    name = _atom_name(key)
    if any(word in name for word in SECRET_WORDS):
        return "-"
    if any(word in name for word in URL_WORDS):
        return private_url(value)
    return value


def _private_args(args):
    """Arguments of a log call that are paths or URLs, made private; others unchanged."""
    return tuple(
        private_url(arg)
        if isinstance(arg, str) and arg.startswith(("/", "http://", "https://"))
        else arg
        for arg in args
    )


class PrivateLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        target = environ.get("RAW_URI") or environ.get("PATH_INFO") or ""
        atoms["r"] = " ".join(
            [environ["REQUEST_METHOD"], private_url(target), environ["SERVER_PROTOCOL"]]
        )
        atoms["U"] = private_path(environ.get("PATH_INFO"))
        atoms["q"] = "-"
        atoms["f"] = private_url(atoms["f"])
        for key, value in atoms.items():
            if key.startswith("{"):
                atoms[key] = _private_atom(key, value)
        return atoms

    def critical(self, msg, *args, **kwargs):
        super().critical(msg, *_private_args(args), **kwargs)

    def error(self, msg, *args, **kwargs):
        super().error(msg, *_private_args(args), **kwargs)

    def warning(self, msg, *args, **kwargs):
        super().warning(msg, *_private_args(args), **kwargs)

    def info(self, msg, *args, **kwargs):
        super().info(msg, *_private_args(args), **kwargs)

    def debug(self, msg, *args, **kwargs):
        super().debug(msg, *_private_args(args), **kwargs)

    def exception(self, msg, *args, **kwargs):
        super().exception(msg, *_private_args(args), **kwargs)

    def log(self, lvl, msg, *args, **kwargs):
        super().log(lvl, msg, *_private_args(args), **kwargs)
