"""The catalogue answers on a locality host even before anything is enabled."""

import pytest

pytestmark = pytest.mark.django_db


def test_empty_catalogue_renders_on_commune(host_client, demo_localities):
    response = host_client(demo_localities["tu_ky"]).get("/thu-tuc/")
    assert response.status_code == 200
    assert "Thủ tục hành chính" in response.content.decode()


def test_unknown_procedure_is_404(host_client, demo_localities):
    response = host_client(demo_localities["tu_ky"]).get("/thu-tuc/9.999999/")
    assert response.status_code == 404
