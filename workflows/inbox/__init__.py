"""The officers' inbox: which dossiers each officer sees, counts, filters, search, export.

- `roles`: which states each staff role acts on, read from the workflows' transitions;
- `query`: the inbox views (to receive, assigned to me, awaiting my approval, ...), filters,
  search, counts and the "time left" of each row;
- `folding`: names folded in SQL as `tenants.text.fold` folds them (the search);
- `export`: the filtered list as CSV.

The DIGIT rule: a dossier is in the inbox of every officer whose role may act on it in its
current state; once assigned to someone for that role, only in theirs (the others still find it
under "all of the unit" and may act on it).
"""
