"""API v1: the catalogue, lookup, a citizen's dossiers, the officers' desk and intake from the
national portal, over django-ninja with an OpenAPI document (README, "API v1")."""
