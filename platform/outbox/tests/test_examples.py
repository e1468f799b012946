"""The worked examples in the outbox's docstrings hold (the retry schedule, the Message-ID)."""

import doctest

from outbox import channels, retry


def test_the_retry_schedule_and_the_message_id_examples_hold(settings):
    settings.BASE_DOMAIN = "dichvucong.localhost"
    for module in (retry, channels):
        results = doctest.testmod(module)
        assert results.attempted > 0 and results.failed == 0, module.__name__
