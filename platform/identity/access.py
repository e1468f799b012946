"""The page a logged-in citizen sees where a confirmed account is needed (submitting a dossier).

Logged-in but unconfirmed citizens get HTTP 403 with a Vietnamese explanation and a button that
sends the confirmation e-mail again. Whether they may is `identity.selectors.can_submit_dossiers`.
"""

from __future__ import annotations

from django.shortcuts import render


def unconfirmed_response(request):
    return render(
        request, "identity/unconfirmed.html", {"next": request.get_full_path()}, status=403
    )
