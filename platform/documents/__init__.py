"""Official documents of the one-stop desk: slips rendered to PDF from versioned templates.

Entry point: `documents.services.render_slip`; the contract is
`documents.slips.SlipContext`; the legal frameworks and their templates are data in
`templates/documents/slips/` (see its README.md).
"""
