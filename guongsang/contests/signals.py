"""What the contest services announce, for the tasks module to act on: the services never
import the tasks (tasks call services, in one direction)."""

from django.dispatch import Signal

# Sent on commit after an entry is submitted, with `entry_id`.
entry_submitted = Signal()
