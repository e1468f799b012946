"""Form schemas as data: build (fields), validate (validation), read a POST (reading), render
(forms)."""

from .forms import SchemaForm, initial_answers
from .messages import FieldError
from .validation import schema_problems, validate_answers

__all__ = ["FieldError", "SchemaForm", "initial_answers", "schema_problems", "validate_answers"]
