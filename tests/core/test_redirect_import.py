"""Wagtail admin views wrapped to answer a bad request with 400, not 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"import_file_name": "", "input_format": ""},
        {"import_file_name": " ", "input_format": "csv"},
    ],
)
def test_an_incomplete_redirect_import_is_a_400(admin_client, data):
    response = admin_client.post("/admin/redirects/import/process/", data)
    assert response.status_code == 400
