"""The service catalogue of a locality's portal."""

app_name = "catalogue"
urlpatterns: list = []
