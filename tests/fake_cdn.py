"""A frontend-cache backend that records what it was asked to purge, for tests. With FAIL set
it reports each purge as failed, as Wagtail's own backends do: by logging an error."""

import logging

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

PURGED = []
FAIL = False


class RecordingBackend(BaseBackend):
    def purge(self, url):
        if FAIL:
            logging.getLogger("wagtail.frontendcache").error("Couldn't purge '%s'", url)
            return
        PURGED.append(url)
