"""Deadlines of the one-stop desk beyond the appointment: each step's share of the legal time,
the 1-working-day intake deadline, and the daily deadline care (warnings, overdue marks,
escalation).

- `shares`: the value types a plugin declares (`StepShares`), a leaf like `workflows.timing`;
- `steps`: pure functions (a step's allowance and due moment, the intake deadline), in the style
  of `workflows.calendar`, which stays the clock;
- `tracking`: the one place that opens and closes a dossier's steps as its history is written;
- `selectors`, `care`, `warnings`, `tasks`: reading, the daily job, its e-mails, its dispatcher.

This package's `__init__` imports nothing, so that the plugin contract can import `shares`.
"""
