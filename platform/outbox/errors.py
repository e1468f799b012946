"""How a channel says a message did not leave."""

from __future__ import annotations


class DeliveryFailed(Exception):
    """The receiver did not take the message. `permanent`: trying again cannot help (an address
    the mail server rejects, a phone number the gateway refuses): no further retries."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
