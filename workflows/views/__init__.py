"""Thin views of the dossier feature: read the request, call a service or a selector, render."""
