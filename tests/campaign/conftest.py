import pytest

from tests.factories import PetitionPageFactory


@pytest.fixture
def petition(campaign):
    return PetitionPageFactory(parent=campaign)


@pytest.fixture
def sign_data():
    return {
        "first_name": "Amara",
        "last_name": "Okafor",
        "email": "Amara+petition@Example.org",
        "country": "GB",
        "postcode": "e1 6an",
        "opt_in": "on",
        "show_publicly": "on",
        "website": "",
    }
