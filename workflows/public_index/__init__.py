"""The public-schema index of dossiers: which locality holds which citizen's dossiers.

A shared app (public schema only) beside the tenant app `workflows`: one small row per dossier,
written by the dossier services in the same transaction as the dossier itself, so that "Hồ sơ
của tôi" opens only the schemas of the localities a citizen has used instead of scanning
thousands of them (workflows.selectors.applicant_dossiers_everywhere).
"""
