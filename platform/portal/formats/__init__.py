"""Dates and numbers as the portal writes them in every language (`FORMAT_MODULE_PATH`).

Vietnamese readers write `16/02/2026` and `1.000.000`; the English pages keep the same shapes, so
a date typed or read on one language's page means the same day on the other's (Django's English
default would read `03/04/2026` as 4 March).
"""
