import pytest

from tests.factories import NewsCategoryFactory


@pytest.fixture
def category(db):
    return NewsCategoryFactory(name="Law and policy", slug="law-and-policy")


@pytest.fixture
def same_origin():
    """What a browser sends with a form posted from a page of this site."""
    return {"HTTP_SEC_FETCH_SITE": "same-origin"}
