"""The outbox: every outbound message (e-mail, SMS, national-portal call) leaves through here.

A message is a row written in the same transaction as the change that caused it; a task sends
it after commit; failures retry with a growing delay up to a cap; a periodic sweeper re-sends
what a crashed worker left behind (outbox/services.py).
"""
