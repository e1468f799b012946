"""The built-in procedures, one package each, loaded through the same entry points as any
third-party plugin (pyproject.toml, group `dichvucong.procedures`)."""
