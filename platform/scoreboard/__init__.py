"""Statistics and Decision 766/QĐ-TTg's public score, computed from the national dossier index."""
