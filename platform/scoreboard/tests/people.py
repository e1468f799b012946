"""Requests to the statistics pages as a given person, for the tests."""

from __future__ import annotations


def get_as(host_client, locality, user, path):
    """GET `path` on `locality`'s portal, signed in as `user` (None: logged out)."""
    client = host_client(locality)
    if user is not None:
        client.force_login(user)
    return client.get(path)
