"""The personal-data terms a citizen accepts at registration (Decree 13/2023/NĐ-CP).

The text is `templates/identity/terms_personal_data.html`. When it changes, raise the version:
each account records the version it accepted and when (`personal_data_terms_version`,
`personal_data_consent_at`).
"""

TERMS_VERSION = "2025-07"
