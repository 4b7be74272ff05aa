import pytest


@pytest.mark.django_db
def test_project_api_publishes_its_openapi_schema(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Campaign API"


@pytest.mark.django_db
def test_unknown_api_path_is_a_404_not_a_500(client):
    assert client.get("/api/nothing-here/").status_code == 404


@pytest.mark.django_db
def test_health_check_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
