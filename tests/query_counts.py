"""Measure a page's queries at a small size and again after growing its data a hundredfold."""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext


@override_settings(PAGE_CACHE_SECONDS=0)  # count what rendering costs, not a cache hit
def queries_for(client, url, **params):
    client.get(url, params)  # warm the caches every request shares (site root paths, renditions)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def assert_fixed_queries(client, url, grow, maximum, **params):
    """Queries at the current size, `grow()` the data, and the same number of queries again."""
    small = queries_for(client, url, **params)
    grow()
    large = queries_for(client, url, **params)
    assert large == small, f"{url}: {small} queries at the small size, {large} at the large"
    assert large <= maximum, f"{url}: {large} queries, more than {maximum}"
    return large
