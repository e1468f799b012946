"""Account URLs (registration, login, profile), served on every portal host."""

app_name = "identity"
urlpatterns: list = []
