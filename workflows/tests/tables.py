"""Transition tables asserted by the lifecycle's and the plugins' tests."""

#: The full transition table of the base lifecycle: (source, transition, target).
#: Every plugin that uses the lifecycle as is asserts this same table, so a change here is a
#: visible diff in every procedure's tests.
BASE_TABLE = [
    ("awaiting_approval", "approve", "result_ready"),
    ("awaiting_approval", "refuse", "refused"),
    ("awaiting_approval", "send_back", "in_processing"),
    ("awaiting_approval", "stop_processing", "stopped"),
    ("awaiting_approval", "withdraw", "withdrawn"),
    ("draft", "submit", "submitted"),
    ("in_processing", "hand_over", "transferred"),
    ("in_processing", "refuse", "refused"),
    ("in_processing", "stop_processing", "stopped"),
    ("in_processing", "submit_for_approval", "awaiting_approval"),
    ("in_processing", "withdraw", "withdrawn"),
    ("received", "forward_for_processing", "in_processing"),
    ("received", "refuse", "refused"),
    ("received", "stop_processing", "stopped"),
    ("received", "transfer_to_competent_unit", "transferred"),
    ("received", "withdraw", "withdrawn"),
    ("result_ready", "return_result", "returned"),
    ("submitted", "receive", "received"),
    ("submitted", "refuse_reception", "refused"),
    ("submitted", "request_supplement", "supplement_requested"),
    ("submitted", "withdraw", "withdrawn"),
    ("supplement_requested", "refuse_reception", "refused"),
    ("supplement_requested", "resubmit", "submitted"),
    ("supplement_requested", "withdraw", "withdrawn"),
    ("transferred", "refuse", "refused"),
    ("transferred", "stop_processing", "stopped"),
    ("transferred", "take_back", "in_processing"),
    ("transferred", "withdraw", "withdrawn"),
]
